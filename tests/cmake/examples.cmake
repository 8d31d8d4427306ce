# The generated zones committed in zones-examples/ must be what the model
# generates today.
file(GLOB SZ_EXAMPLES CONFIGURE_DEPENDS ${SZ_SOURCE_DIR}/zones-examples/*/model.json)
foreach(model ${SZ_EXAMPLES})
  get_filename_component(dir ${model} DIRECTORY)
  get_filename_component(name ${dir} NAME)
  add_test(NAME examples/${name}/up-to-date
           COMMAND ${SZ_BIN} generate model.json -o zones --check
           WORKING_DIRECTORY ${dir})
endforeach()
# ... and pass sipzone check, against their model too, with no error
# (--strict: not even a warning).
foreach(model ${SZ_EXAMPLES})
  get_filename_component(dir ${model} DIRECTORY)
  get_filename_component(name ${dir} NAME)
  add_test(NAME examples/${name}/check
           COMMAND ${SZ_BASH} -c "\"$1\" check --strict --model model.json zones/*.zone" sh ${SZ_BIN}
           WORKING_DIRECTORY ${dir})
endforeach()
