# Hostile DNS servers (issue 14; docs/SECURITY.md rows N1..): one ctest per
# misbehaviour, each starting tests/hostile/dns_server.py (python3-dnspython)
# on a free port of 127.0.0.1 and killing it on exit. Exit 77 (skipped)
# without python3-dnspython.
set(SZ_DNS_HOSTILE_CASES
  dns-proper-answers dns-wrong-id dns-qr-clear dns-wrong-question dns-other-port dns-garbage
  dns-tc-udp-then-tcp dns-tc-tcp dns-tcp-drip dns-tcp-close-mid dns-servfail dns-refused
  dns-silent dns-update-unsigned dns-update-badsig dns-update-wrong-id)
foreach(case ${SZ_DNS_HOSTILE_CASES})
  add_test(NAME hostile/${case}
           COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/hostile/dns_replies.sh ${SZ_BIN} ${case})
  set_tests_properties(hostile/${case} PROPERTIES TIMEOUT 120 LABELS "hostile;live" SKIP_RETURN_CODE 77)
endforeach()
