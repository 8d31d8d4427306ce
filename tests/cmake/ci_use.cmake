# Using sipzone from CI and pre-commit (tests/ci_use/):
#   ci_use/markdown    diff and generate --check --format markdown against
#                      hand-written expected output, hostile names escaped
add_test(NAME ci_use/markdown
  COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/ci_use/markdown.sh ${SZ_BIN} ${SZ_SOURCE_DIR})
set_tests_properties(ci_use/markdown PROPERTIES TIMEOUT 120 LABELS ci_use)
