# The model's JSON Schema (docs/model.schema.json), checked three ways by
# tests/schema/run.sh against the example models in tests/schema/{valid,invalid}:
#   schema/validate       the schema is valid draft 2020-12 and accepts valid/,
#                         rejects invalid/, and accepts zones-examples/*/model.json
#                         (needs Debian's python3-jsonschema; skipped when it
#                         is not installed)
#   schema/printed        `sipzone schema` prints the file byte for byte
#   schema/loader-agrees  `sipzone generate` accepts valid/ and rejects
#                         invalid/ with exit 1: never looser than the schema
set(SZ_SCHEMA_RUN ${SZ_TESTS_DIR}/schema/run.sh)
set(SZ_SCHEMA_JSON ${SZ_SOURCE_DIR}/docs/model.schema.json)

# The shipped example models must pass the schema too.
file(GLOB SZ_SCHEMA_EXAMPLES CONFIGURE_DEPENDS ${SZ_SOURCE_DIR}/zones-examples/*/model.json)
add_test(NAME schema/validate
  COMMAND ${SZ_BASH} ${SZ_SCHEMA_RUN} validate ${SZ_SCHEMA_JSON} ${SZ_SCHEMA_EXAMPLES})
set_tests_properties(schema/validate PROPERTIES SKIP_RETURN_CODE 77 LABELS schema)

add_test(NAME schema/printed
  COMMAND ${SZ_BASH} ${SZ_SCHEMA_RUN} printed ${SZ_SCHEMA_JSON} ${SZ_BIN})
set_tests_properties(schema/printed PROPERTIES LABELS schema)

add_test(NAME schema/loader-agrees
  COMMAND ${SZ_BASH} ${SZ_SCHEMA_RUN} loader ${SZ_BIN})
set_tests_properties(schema/loader-agrees PROPERTIES LABELS schema)
