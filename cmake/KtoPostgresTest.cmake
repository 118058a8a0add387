# The PostgreSQL server of the tests. CTest's fixture kto_postgres starts one
# (scripts/pg-test-server.sh, into pg-test of the build folder) before the
# first test that requires it and stops it after the last, even when tests
# fail. A test binary requires it with kto_add_test(... POSTGRES); its tests
# then make databases of their own there (src/testing/postgres_test_db.h),
# and fail, never skip, when the server is not running.
if(NOT KTO_BUILD_TESTS)
  return()
endif()

pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)
set(KTO_POSTGRES_DIR ${PROJECT_BINARY_DIR}/pg-test)

foreach(command start stop)
  add_test(NAME kto_postgres_${command}
           COMMAND ${PROJECT_SOURCE_DIR}/scripts/pg-test-server.sh ${command} ${KTO_POSTGRES_DIR})
endforeach()
set_tests_properties(kto_postgres_start PROPERTIES FIXTURES_SETUP kto_postgres TIMEOUT 120
                                                   LABELS postgres)
set_tests_properties(kto_postgres_stop PROPERTIES FIXTURES_CLEANUP kto_postgres TIMEOUT 120
                                                  LABELS postgres)

# kto_postgres_test(TARGET PROPERTIES_VAR): lets TARGET include
# postgres_test_db.h (libpq, the server's URI file) and appends to the list
# PROPERTIES_VAR the test properties that make TARGET's tests require the
# fixture: kto_add_test passes them to gtest_discover_tests, so they hold for
# every test of the binary.
function(kto_postgres_test target properties_var)
  target_link_libraries(${target} PRIVATE PkgConfig::PQ)
  target_compile_definitions(${target} PRIVATE KTO_POSTGRES_URL_FILE="${KTO_POSTGRES_DIR}/url")
  set(${properties_var} ${${properties_var}} FIXTURES_REQUIRED kto_postgres PARENT_SCOPE)
endfunction()
