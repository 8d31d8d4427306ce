# Zone-file reading beyond the case folders: tables of records checked
# against named-checkzone (tests/zonefile/).
add_test(NAME zonefile/numbers COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/zonefile/numbers.sh ${SZ_BIN})
set_tests_properties(zonefile/numbers PROPERTIES LABELS "check" TIMEOUT 300)
