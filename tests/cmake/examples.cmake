# The generated zones committed in zones-examples/ must be what the model
# generates today: zones/ the external view, zones/internal/ (where it
# exists) the internal one.
file(GLOB SZ_EXAMPLES CONFIGURE_DEPENDS ${SZ_SOURCE_DIR}/zones-examples/*/model.json)
foreach(model ${SZ_EXAMPLES})
  get_filename_component(dir ${model} DIRECTORY)
  get_filename_component(name ${dir} NAME)
  add_test(NAME examples/${name}/up-to-date
           COMMAND ${SZ_BIN} generate model.json -o zones --check
           WORKING_DIRECTORY ${dir})
  if(IS_DIRECTORY ${dir}/zones/internal)
    add_test(NAME examples/${name}/internal-up-to-date
             COMMAND ${SZ_BIN} generate --view internal model.json -o zones --check
             WORKING_DIRECTORY ${dir})
  endif()
endforeach()
# ... and pass sipzone check for their view, against their model too, with
# no error and no warning (--strict) but srv-target-hosted: a Microsoft 365
# domain's SRV records draw it by design (the one permitted exception to the
# namespace rule, see the README).
foreach(model ${SZ_EXAMPLES})
  get_filename_component(dir ${model} DIRECTORY)
  get_filename_component(name ${dir} NAME)
  add_test(NAME examples/${name}/check
           COMMAND ${SZ_BASH} -c "\"$1\" check --strict --disable srv-target-hosted --view external --model model.json zones/*.zone" sh ${SZ_BIN}
           WORKING_DIRECTORY ${dir})
  if(IS_DIRECTORY ${dir}/zones/internal)
    add_test(NAME examples/${name}/internal-check
             COMMAND ${SZ_BASH} -c "\"$1\" check --strict --disable srv-target-hosted --view internal --model model.json zones/internal/*.zone" sh ${SZ_BIN}
             WORKING_DIRECTORY ${dir})
  endif()
endforeach()
