# Integration tests of `sipzone verify` and `sipzone push` (issue 5) against
# real BIND named processes on 127.0.0.1, which each script starts on free
# ports and stops on exit (tests/live/). Exit 77 (skipped) without named,
# dig or nsupdate.
foreach(script verify_ok verify_different verify_rules push push_refused server_down dry_run secondary views zone_formats generic_sip prune wildcard large verify_nested verify_window)
  add_test(NAME live/${script}
           COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/live/${script}.sh ${SZ_BIN})
  set_tests_properties(live/${script} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 180 LABELS live)
endforeach()
