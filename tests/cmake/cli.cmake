add_test(NAME cli/help-version
         COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/cli.sh ${SZ_BIN} ${PROJECT_VERSION})
