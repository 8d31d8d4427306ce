# Exports for other DNS tools (sipzone generate --format powershell, octodns,
# dnscontrol, terraform), tests/exports/:
#   exports/<format>/<case>   for every generate case folder with expected/
#                             (the invalid ones have none): the export read
#                             back (YAML with python3-yaml, the JavaScript by
#                             node with DNSControl's functions stubbed, the
#                             Terraform JSON with a JSON parser, the PowerShell
#                             lines with a strict parser) equals
#                             ldns-read-zone's reading of the BIND files;
#                             deterministic; a view the format cannot express
#                             is a usage error
#   exports/contoso/<format>  byte for byte the expected files in
#                             tests/exports/contoso/, checked by hand against
#                             each tool's documentation (see its README)
#   exports/cli               usage errors of the export options
set(SZ_EXPORT_FORMATS powershell octodns dnscontrol terraform)
file(GLOB SZ_EXPORT_CASES LIST_DIRECTORIES true CONFIGURE_DEPENDS
     ${SZ_TESTS_DIR}/cases/generate/*)
foreach(fmt ${SZ_EXPORT_FORMATS})
  foreach(case_dir ${SZ_EXPORT_CASES})
    if(IS_DIRECTORY ${case_dir}/expected)
      get_filename_component(case_name ${case_dir} NAME)
      add_test(NAME exports/${fmt}/${case_name}
               COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/exports/run_export_case.sh
                       ${SZ_BIN} ${case_dir} ${fmt})
      set_tests_properties(exports/${fmt}/${case_name} PROPERTIES LABELS exports)
    endif()
  endforeach()
  add_test(NAME exports/contoso/${fmt}
           COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/exports/contoso.sh ${SZ_BIN} ${fmt})
  set_tests_properties(exports/contoso/${fmt} PROPERTIES LABELS exports)
endforeach()
add_test(NAME exports/cli COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/exports/cli.sh ${SZ_BIN})
set_tests_properties(exports/cli PROPERTIES LABELS exports)
