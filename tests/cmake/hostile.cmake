# The hostile-input catalogue (docs/SECURITY.md): one ctest per row, named
# hostile/<row>, and the fuzz harnesses replaying saved inputs.
#   hostile/<row>        tests/hostile/{model,zone,output,memory}.sh BIN ROW
#   hostile/check/<case> case folders in tests/hostile/check/, run like
#                        tests/cases/check/ by tests/run_check_case.sh
#   fuzz/replay/...      the libFuzzer harnesses of tests/fuzz/, built as
#                        plain programs, run on the regression inputs (every
#                        crash or property failure fuzzing found) and on the
#                        repository's own models and zones as seeds
set(SZ_HOSTILE_DIR ${SZ_TESTS_DIR}/hostile)

set(SZ_HOSTILE_ROWS
  model:model-string-newline model:model-string-cr model:model-string-semicolon
  model:model-string-include model:model-string-origin model:model-string-parens
  model:model-string-quote model:model-string-backslash model:model-string-space-tab
  model:model-string-nul model:model-string-u-label model:model-string-dots
  model:model-a-label model:model-string-nul-elsewhere model:model-numbers
  model:model-deep-nesting model:model-empty model:model-binary-garbage
  model:model-invalid-utf8 model:model-not-object model:model-unreadable model:model-200mb
  zone:zone-line-100mb zone:zone-include-dev-zero zone:zone-srv-100k-one-owner
  zone:zone-file-unreadable zone:zone-include-blocking
  output:output-readonly-dir output:output-dev-full output:output-links-and-specials
  output:output-signal output:output-diff-specials
  output:output-escape output:output-keep-mode output:output-view-symlink
  output:output-stale-tmp output:output-journal output:output-kill
  memory:memory-check-1m memory:memory-generate-200k)
foreach(entry ${SZ_HOSTILE_ROWS})
  string(REPLACE ":" ";" parts ${entry})
  list(GET parts 0 script)
  list(GET parts 1 row)
  add_test(NAME hostile/${row}
           COMMAND ${SZ_BASH} ${SZ_HOSTILE_DIR}/${script}.sh ${SZ_BIN} ${row})
  set_tests_properties(hostile/${row} PROPERTIES TIMEOUT 600 LABELS hostile SKIP_RETURN_CODE 77)
endforeach()
# The memory bounds are measured alone, not beside another test's load.
set_tests_properties(hostile/memory-check-1m hostile/memory-generate-200k PROPERTIES RUN_SERIAL TRUE)

file(GLOB SZ_HOSTILE_CHECK_CASES LIST_DIRECTORIES true CONFIGURE_DEPENDS ${SZ_HOSTILE_DIR}/check/*)
foreach(case_dir ${SZ_HOSTILE_CHECK_CASES})
  if(IS_DIRECTORY ${case_dir} AND EXISTS ${case_dir}/args)
    get_filename_component(case_name ${case_dir} NAME)
    add_test(NAME hostile/check/${case_name}
      COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/run_check_case.sh ${SZ_BIN} ${case_dir})
    set_tests_properties(hostile/check/${case_name} PROPERTIES TIMEOUT 150 LABELS hostile)
  endif()
endforeach()

# The harnesses with a main() that replays files: any compiler, no libFuzzer.
# They link the CLI's output writers (diagnostics, findings and diff JSON),
# whose output is one of their properties.
set(SZ_FUZZ_CMD_SOURCES ${SZ_TESTS_DIR}/fuzz/output_props.c ${SZ_SOURCE_DIR}/cmd/print.c
  ${SZ_SOURCE_DIR}/cmd/cmd_common.c ${SZ_SOURCE_DIR}/cmd/diff_print.c)
foreach(harness fuzz_model_generate fuzz_check fuzz_diff)
  add_executable(${harness}_replay ${SZ_TESTS_DIR}/fuzz/${harness}.c
    ${SZ_TESTS_DIR}/fuzz/fuzz_props.c ${SZ_TESTS_DIR}/fuzz/replay_main.c ${SZ_FUZZ_CMD_SOURCES})
  target_include_directories(${harness}_replay PRIVATE ${SZ_SOURCE_DIR}/cmd)
  target_compile_options(${harness}_replay PRIVATE ${SZ_WARNINGS})
  target_compile_definitions(${harness}_replay PRIVATE _POSIX_C_SOURCE=200809L)
  target_link_libraries(${harness}_replay PRIVATE sipzone_static)
endforeach()
set(SZ_FUZZ_REGRESSIONS ${SZ_TESTS_DIR}/fuzz/regressions)
add_test(NAME fuzz/replay/model-regressions
         COMMAND fuzz_model_generate_replay ${SZ_FUZZ_REGRESSIONS}/model)
file(GLOB SZ_REPLAY_MODELS CONFIGURE_DEPENDS
  ${SZ_TESTS_DIR}/cases/generate/*/model.json ${SZ_SOURCE_DIR}/zones-examples/*/model.json
  ${SZ_TESTS_DIR}/schema/valid/*.json ${SZ_TESTS_DIR}/schema/invalid/*.json
  ${SZ_HOSTILE_DIR}/model/*.json ${SZ_TESTS_DIR}/pic/model.json)
add_test(NAME fuzz/replay/model-seeds COMMAND fuzz_model_generate_replay ${SZ_REPLAY_MODELS})
add_test(NAME fuzz/replay/check-regressions
         COMMAND fuzz_check_replay ${SZ_FUZZ_REGRESSIONS}/check)
file(GLOB_RECURSE SZ_REPLAY_ZONES CONFIGURE_DEPENDS
  ${SZ_TESTS_DIR}/cases/check/*.zone ${SZ_TESTS_DIR}/cases/check/db.* ${SZ_TESTS_DIR}/cases/check/*.inc
  ${SZ_SOURCE_DIR}/zones-examples/*.zone ${SZ_HOSTILE_DIR}/check/*.zone ${SZ_HOSTILE_DIR}/check/*.inc)
add_test(NAME fuzz/replay/check-seeds COMMAND fuzz_check_replay ${SZ_REPLAY_ZONES})
set_tests_properties(fuzz/replay/model-regressions fuzz/replay/model-seeds
  fuzz/replay/check-regressions fuzz/replay/check-seeds PROPERTIES TIMEOUT 300 LABELS fuzz)
add_test(NAME fuzz/replay/diff-regressions
         COMMAND fuzz_diff_replay ${SZ_FUZZ_REGRESSIONS}/diff)
add_test(NAME fuzz/replay/diff-seeds COMMAND fuzz_diff_replay ${SZ_REPLAY_ZONES})
set_tests_properties(fuzz/replay/diff-regressions fuzz/replay/diff-seeds PROPERTIES TIMEOUT 300 LABELS fuzz)
# The committed corpora (tests/fuzz/corpus/HARNESS/: what fuzzing kept,
# from which CI's fuzz step starts) replay in every ctest run too.
foreach(pair check:fuzz_check diff:fuzz_diff model:fuzz_model_generate)
  string(REPLACE ":" ";" pair ${pair})
  list(GET pair 0 what)
  list(GET pair 1 harness)
  if(IS_DIRECTORY ${SZ_TESTS_DIR}/fuzz/corpus/${harness})
    add_test(NAME fuzz/replay/${what}-corpus COMMAND ${harness}_replay ${SZ_TESTS_DIR}/fuzz/corpus/${harness})
    set_tests_properties(fuzz/replay/${what}-corpus PROPERTIES TIMEOUT 300 LABELS fuzz)
  endif()
endforeach()
