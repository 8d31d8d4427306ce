# `diff OLD_DIR NEW_DIR` at any depth with check's rules, and
# `diff --files-from LIST` (tests/diff_dirs/run.sh, one test per mode).
foreach(mode nested symlink files-from large)
  add_test(NAME diff_dirs/${mode}
           COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/diff_dirs/run.sh ${SZ_BIN} ${mode})
  set_tests_properties(diff_dirs/${mode} PROPERTIES TIMEOUT 300 LABELS "diff")
endforeach()
