# Installing and linking libsipzone (cmake/install.cmake says what is shipped).
#   install/prefix    cmake --install to a temporary prefix: files, SONAME,
#                     RPATH, headers alone in C and C++ (tests/install.sh)
#   install/exports   libsipzone.so exports exactly the SZ_API declarations
#   install/consumer  a program links the install through pkg-config and
#                     find_package(sipzone), shared and static; another major
#                     version is refused
#   install/deb       cpack -G DEB: contents and Depends
add_test(NAME install/prefix COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/install.sh ${PROJECT_BINARY_DIR})
add_test(NAME install/exports COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/install_exports.sh
  $<TARGET_FILE:sipzone> ${SZ_SOURCE_DIR} ${PROJECT_BINARY_DIR})
add_test(NAME install/consumer COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/install_consumer.sh
  ${PROJECT_BINARY_DIR} ${SZ_SOURCE_DIR})
add_test(NAME install/deb COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/install_deb.sh
  ${PROJECT_BINARY_DIR} ${SZ_SOURCE_DIR})
# A program that links a sanitized libsipzone (SZ_SANITIZE) must be built
# with the same sanitizers and compiler.
set(SZ_CONSUMER_ENV CC=${CMAKE_C_COMPILER})
if(SZ_SANITIZE)
  list(APPEND SZ_CONSUMER_ENV "SZ_CONSUMER_FLAGS=-fsanitize=address,undefined -fno-omit-frame-pointer")
endif()
set_tests_properties(install/consumer PROPERTIES ENVIRONMENT "${SZ_CONSUMER_ENV}")
# cmake --install and cpack write install_manifest.txt in the build directory.
set_tests_properties(install/prefix install/consumer install/deb PROPERTIES
  RESOURCE_LOCK sipzone_install LABELS install)
set_tests_properties(install/exports PROPERTIES LABELS install)
