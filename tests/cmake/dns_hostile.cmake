# Hostile DNS servers (issue 14; docs/SECURITY.md rows N1..): one ctest per
# misbehaviour, each starting tests/hostile/dns_server.py (python3-dnspython)
# on a free port of 127.0.0.1 and killing it on exit. Exit 77 (skipped)
# without python3-dnspython.
set(SZ_DNS_HOSTILE_CASES
  dns-proper-answers dns-wrong-id dns-qr-clear dns-wrong-question dns-other-port dns-garbage
  dns-tc-udp-then-tcp dns-tc-tcp dns-tcp-drip dns-tcp-close-mid dns-servfail dns-refused
  dns-silent dns-update-unsigned dns-update-badsig dns-update-wrong-id dns-axfr dns-window dns-window-first-error)
foreach(case ${SZ_DNS_HOSTILE_CASES})
  add_test(NAME hostile/${case}
           COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/hostile/dns_replies.sh ${SZ_BIN} ${case})
  set_tests_properties(hostile/${case} PROPERTIES TIMEOUT 120 LABELS "hostile;live" SKIP_RETURN_CODE 77)
endforeach()

# The harnesses of the DNS client and key files (tests/fuzz/fuzz_reply.c,
# fuzz_keyfile.c), built as plain programs and replayed on their committed
# corpus (tests/fuzz/corpus/HARNESS/: seeds, and what fuzzing kept) and on
# their regression inputs, in every ctest run.
foreach(harness fuzz_reply fuzz_keyfile)
  add_executable(${harness}_replay ${SZ_TESTS_DIR}/fuzz/${harness}.c
    ${SZ_TESTS_DIR}/fuzz/fuzz_props.c ${SZ_TESTS_DIR}/fuzz/replay_main.c)
  target_compile_options(${harness}_replay PRIVATE ${SZ_WARNINGS})
  target_compile_definitions(${harness}_replay PRIVATE _POSIX_C_SOURCE=200809L)
  target_include_directories(${harness}_replay PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_BINARY_DIR})
  target_link_libraries(${harness}_replay PRIVATE sipzone_static)
endforeach()
add_test(NAME fuzz/replay/reply-corpus
         COMMAND fuzz_reply_replay ${SZ_TESTS_DIR}/fuzz/corpus/fuzz_reply)
add_test(NAME fuzz/replay/keyfile-corpus
         COMMAND fuzz_keyfile_replay ${SZ_TESTS_DIR}/fuzz/corpus/fuzz_keyfile)
set_tests_properties(fuzz/replay/reply-corpus fuzz/replay/keyfile-corpus PROPERTIES TIMEOUT 300 LABELS fuzz)
