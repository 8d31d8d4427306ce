# `sipzone check --format sarif` (tests/sarif/check_sarif.py): every check
# case folder's SARIF validates against the OASIS SARIF 2.1.0 schema shipped
# in tests/sarif/ and carries the properties GitHub code scanning requires;
# fingerprints survive records moving; uris are relative to the working
# directory. Skipped (77) without python3-jsonschema.
find_program(SZ_PYTHON3 python3)
if(SZ_PYTHON3)
  add_test(NAME sarif/check
    COMMAND ${SZ_PYTHON3} ${SZ_TESTS_DIR}/sarif/check_sarif.py ${SZ_BIN}
            ${SZ_TESTS_DIR}/sarif/sarif-schema-2.1.0.json ${SZ_TESTS_DIR}/cases/check)
  set_tests_properties(sarif/check PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300 LABELS sarif)
endif()
