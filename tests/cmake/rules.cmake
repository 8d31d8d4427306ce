# The rule registry against its listings and documents, and against the rule
# ids the sources use; the one exit policy for an invalid model.
add_test(NAME docs/rules-registry
         COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/rules_docs.sh ${SZ_BIN} ${SZ_SOURCE_DIR}/README.md
                 ${SZ_SOURCE_DIR}/docs/sipzone.1)
add_test(NAME src/rule-ids-registered
         COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/rule_ids_src.sh ${SZ_BIN} ${SZ_SOURCE_DIR})
add_test(NAME cli/model-exit-policy COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/model_exit.sh ${SZ_BIN})
