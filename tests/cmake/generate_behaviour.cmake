# Behaviour of `sipzone generate` beyond single cases: determinism,
# atomicity, --check/--prune, symlinks, standard output, stale examples.
foreach(script determinism atomicity check_prune symlink stdout serials json_output churn check_plan serial_backwards many_domains)
  add_test(NAME generate/behaviour/${script}
           COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/generate/${script}.sh ${SZ_BIN})
endforeach()
# generic_sip.naptr in --format json (issue 17)
add_test(NAME generate/behaviour/json_naptr
         COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/generate/json_naptr.sh ${SZ_BIN})
