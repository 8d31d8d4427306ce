# The layering of src/ (docs/ARCHITECTURE.md): the #include lines of src/ and
# cmd/, and the file-level graph of symbols between the library's objects,
# which tests/layering.sh finds under the sipzone_objects target's CMakeFiles dir
# (add_test cannot take $<TARGET_OBJECTS:...>). Known violations that other
# work is removing: tests/layering-known.txt.
add_test(NAME layering
  COMMAND ${SZ_BASH} ${SZ_TESTS_DIR}/layering.sh ${SZ_SOURCE_DIR} ${PROJECT_BINARY_DIR} sipzone_objects
          ${SZ_TESTS_DIR}/layering-known.txt)
set_tests_properties(layering PROPERTIES ENVIRONMENT "NM=${CMAKE_NM}")
