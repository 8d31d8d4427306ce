# One ctest per folder in tests/cases/generate/.
file(GLOB SZ_GENERATE_CASES LIST_DIRECTORIES true CONFIGURE_DEPENDS
     ${SZ_TESTS_DIR}/cases/generate/*)
foreach(case_dir ${SZ_GENERATE_CASES})
  if(IS_DIRECTORY ${case_dir})
    get_filename_component(case_name ${case_dir} NAME)
    add_test(NAME generate/${case_name}
             COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/run_generate_case.sh ${SZ_BIN} ${case_dir})
  endif()
endforeach()
