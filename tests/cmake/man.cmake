add_test(NAME docs/man-page COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/man.sh ${SZ_BIN} ${SZ_SOURCE_DIR}/docs/sipzone.1)
