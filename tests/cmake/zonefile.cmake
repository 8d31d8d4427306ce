# Zone-file reading beyond the case folders: tables of records checked
# against named-checkzone (tests/zonefile/).
add_test(NAME zonefile/numbers COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/zonefile/numbers.sh ${SZ_BIN})
set_tests_properties(zonefile/numbers PROPERTIES LABELS "check" TIMEOUT 300)
# The fast record parser changes no output: check and diff with and without
# --ldns-only on the shared corpus (when present), every check case and
# tests/zonefile/fastpath/ (issue 18).
add_test(NAME zonefile/fastpath-same
  COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/zonefile/fastpath_same.sh ${SZ_BIN} ${SZ_SOURCE_DIR}/../shared/corpus
          ${SZ_TESTS_DIR}/cases/check ${SZ_TESTS_DIR}/zonefile/fastpath)
set_tests_properties(zonefile/fastpath-same PROPERTIES LABELS "check" TIMEOUT 900)
add_test(NAME zonefile/typed COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/zonefile/numbers.sh ${SZ_BIN} ${SZ_TESTS_DIR}/zonefile/typed.tsv)
set_tests_properties(zonefile/typed PROPERTIES LABELS "check" TIMEOUT 300)
