# What `cmake --install` and `cpack` ship: the CLI, libsipzone (shared and
# static), the public headers, the man page, the schema, a pkg-config file and
# a CMake package (find_package(sipzone) -> sipzone::sipzone).
include(CMakePackageConfigHelpers)

set(SZ_CMAKE_PACKAGE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/sipzone)

install(TARGETS sipzone_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS sipzone EXPORT sipzoneTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS sipzone_static EXPORT sipzoneStaticTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/sipzone DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/include/sipzone/version.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/sipzone)
install(FILES docs/model.schema.json DESTINATION ${CMAKE_INSTALL_DATADIR}/sipzone)
install(FILES docs/sipzone.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# pkg-config. The paths are relative to the .pc file, so that the install
# works under any prefix (cmake --install --prefix, cpack).
foreach(dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(SZ_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(SZ_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(SZ_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH SZ_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
  set(SZ_PC_PREFIX "\${pcfiledir}/${SZ_PC_TO_PREFIX}")
endif()
configure_file(cmake/sipzone.pc.in ${CMAKE_CURRENT_BINARY_DIR}/sipzone.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/sipzone.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# CMake package. The shared and the static library are two export sets: a
# program that links the shared one needs nothing else found, one that asks
# for COMPONENTS static gets ldns, jansson, libpsl and threads searched too.
install(EXPORT sipzoneTargets NAMESPACE sipzone:: DESTINATION ${SZ_CMAKE_PACKAGE_DIR})
install(EXPORT sipzoneStaticTargets NAMESPACE sipzone:: DESTINATION ${SZ_CMAKE_PACKAGE_DIR})
configure_package_config_file(cmake/sipzoneConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/sipzoneConfig.cmake
  INSTALL_DESTINATION ${SZ_CMAKE_PACKAGE_DIR})
# 0.x: the same major version is what SOVERSION promises too.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/sipzoneConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/sipzoneConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/sipzoneConfigVersion.cmake
  DESTINATION ${SZ_CMAKE_PACKAGE_DIR})

# cpack -G DEB: one package, sipzone, with everything above. Depends comes
# from the shared libraries the binary and the library link
# (dpkg-shlibdeps, from dpkg-dev).
set(CPACK_PACKAGE_NAME sipzone)
set(CPACK_PACKAGE_VENDOR "sipzone")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "Generate and check DNS zones for SIP domains (Teams, Skype for Business, SIP trunks)")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "sipzone maintainers <sipzone@localhost>"
  CACHE STRING "Maintainer field of the Debian package")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
include(CPack)
