add_test(NAME install/prefix COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/install.sh ${PROJECT_BINARY_DIR})
