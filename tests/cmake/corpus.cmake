# Real-world zone corpus (third-party data in shared/corpus beside the clone,
# see its README.md): `sipzone check` must not crash or hang on any file, must
# agree with named-checkzone/ldns-read-zone on syntax where they agree, and
# with every hand-made label of SRV_TARGETS.tsv. Exceptions, with reasons, are
# data in tests/corpus/*.tsv. Without the corpus both tests are skipped (77).
set(SZ_CORPUS_DIR ${SZ_SOURCE_DIR}/../shared/corpus)
add_test(NAME corpus/syntax
  COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/corpus/corpus_syntax.sh ${SZ_BIN} ${SZ_CORPUS_DIR})
add_test(NAME corpus/srv-targets
  COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/corpus/corpus_srv_targets.sh ${SZ_BIN} ${SZ_CORPUS_DIR})
set_tests_properties(corpus/syntax corpus/srv-targets PROPERTIES
  SKIP_RETURN_CODE 77 TIMEOUT 1800 LABELS "corpus")
