# Data cases of `sipzone check`: one ctest per folder tests/cases/check/<case>/
# (zone files, args, expected, exit, README; see tests/cases/check/README.md),
# each run by tests/run_check_case.sh against the built binary. A new folder
# becomes a test at the next build (CONFIGURE_DEPENDS), no list to edit.
file(GLOB SZ_CHECK_CASES LIST_DIRECTORIES true CONFIGURE_DEPENDS
  ${SZ_TESTS_DIR}/cases/check/*)
list(SORT SZ_CHECK_CASES)
foreach(case_dir ${SZ_CHECK_CASES})
  if(IS_DIRECTORY ${case_dir} AND EXISTS ${case_dir}/args)
    get_filename_component(case_name ${case_dir} NAME)
    add_test(NAME check/${case_name}
      COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/run_check_case.sh ${SZ_BIN} ${case_dir})
    set_tests_properties(check/${case_name} PROPERTIES TIMEOUT 150 LABELS "check")
  endif()
endforeach()
