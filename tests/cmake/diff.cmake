# Data cases of `sipzone diff`: one ctest per folder tests/cases/diff/<case>/
# (zone files or directories, args, expected, exit, README; see
# tests/cases/diff/README.md), each run by tests/run_diff_case.sh against the
# built binary. A new folder becomes a test at the next build
# (CONFIGURE_DEPENDS), no list to edit.
file(GLOB SZ_DIFF_CASES LIST_DIRECTORIES true CONFIGURE_DEPENDS
  ${SZ_TESTS_DIR}/cases/diff/*)
list(SORT SZ_DIFF_CASES)
foreach(case_dir ${SZ_DIFF_CASES})
  if(IS_DIRECTORY ${case_dir} AND EXISTS ${case_dir}/args)
    get_filename_component(case_name ${case_dir} NAME)
    add_test(NAME diff/${case_name}
      COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/run_diff_case.sh ${SZ_BIN} ${case_dir})
    set_tests_properties(diff/${case_name} PROPERTIES TIMEOUT 150 LABELS "diff")
  endif()
endforeach()
