add_test(NAME pic/formats COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/pic.sh ${SZ_BIN})
