# Work that must stay linear in the size of the input (issue 18); the
# timings themselves are in bench/, these tests guard the results.
add_test(NAME scale/model_positions
         COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/scale/model_positions.sh ${SZ_BIN} ${SZ_PYTHON3})
add_test(NAME scale/check_dirs
         COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/scale/check_dirs.sh ${SZ_BIN} ${SZ_PYTHON3})
add_test(NAME scale/findings_stream
         COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/scale/findings_stream.sh ${SZ_BIN} ${SZ_PYTHON3})
add_test(NAME scale/findings_memory
         COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/scale/findings_memory.sh ${SZ_BIN} ${SZ_PYTHON3})
set_tests_properties(scale/findings_memory PROPERTIES RUN_SERIAL TRUE TIMEOUT 600 SKIP_RETURN_CODE 77)
