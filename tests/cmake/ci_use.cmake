# Using sipzone from CI and pre-commit (tests/ci_use/):
#   ci_use/pre-commit  .pre-commit-hooks.yaml parses (python3-yaml) and its
#                      hooks run in a test repository: with pre-commit for
#                      real (repo: local, the same definitions), else each
#                      entry as pre-commit runs it; skipped (77) without yaml
#   ci_use/markdown    diff and generate --check --format markdown against
#                      hand-written expected output, hostile names escaped
find_program(SZ_PYTHON3 python3)
if(SZ_PYTHON3)
  add_test(NAME ci_use/pre-commit
    COMMAND ${SZ_PYTHON3} ${SZ_TESTS_DIR}/ci_use/precommit.py ${SZ_BIN} ${SZ_SOURCE_DIR})
  set_tests_properties(ci_use/pre-commit PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300 LABELS ci_use)
endif()
add_test(NAME ci_use/markdown
  COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/ci_use/markdown.sh ${SZ_BIN} ${SZ_SOURCE_DIR})
set_tests_properties(ci_use/markdown PROPERTIES TIMEOUT 120 LABELS ci_use)
