# $INCLUDE trees made at run time (issue 14, docs/SECURITY.md Z25-Z27):
# amplification bounded in time, inclusions confined to the zone's tree.
#   hostile/<row>   tests/hostile/zone_input.sh BIN ROW
foreach(row include-amplify include-amplify-origins include-sparse-100g
            include-outside-tree include-stdin-root message-escaped)
  add_test(NAME hostile/${row}
           COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/hostile/zone_input.sh ${SZ_BIN} ${row})
  set_tests_properties(hostile/${row} PROPERTIES TIMEOUT 120 LABELS hostile SKIP_RETURN_CODE 77)
endforeach()
