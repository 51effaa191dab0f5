# Server tests.
#  scrutin_test_server: the harness that runs the real scrutin-server binary
#    (tests/support/server_process.hpp), shared with the client tests.
#  scrutin_server_tests: journal unit tests, and integration tests against the
#    real binary on 127.0.0.1 (real TLS, real SQLite file) with a raw client.
if(TARGET scrutin-server)
  add_library(scrutin_test_server STATIC ${CMAKE_CURRENT_LIST_DIR}/../support/server_process.cpp)
  target_include_directories(scrutin_test_server PUBLIC ${CMAKE_CURRENT_LIST_DIR}/..)
  target_compile_definitions(scrutin_test_server PRIVATE SCRUTIN_SERVER_BINARY="$<TARGET_FILE:scrutin-server>")
  target_link_libraries(scrutin_test_server PUBLIC scrutin_process PRIVATE scrutin_warnings)
  add_dependencies(scrutin_test_server scrutin-server)

  file(GLOB SCRUTIN_SERVER_TEST_SOURCES ${CMAKE_CURRENT_LIST_DIR}/*.cpp)
  if(SCRUTIN_SERVER_TEST_SOURCES)
    add_executable(scrutin_server_tests ${SCRUTIN_SERVER_TEST_SOURCES})
    # scrutin_record: journal_readers_test reads one file with the server's and the record's reader.
    target_link_libraries(scrutin_server_tests PRIVATE scrutin_test_server scrutin_server_lib scrutin_record scrutin_test_support
                          GTest::gtest_main scrutin_warnings scrutin_sanitizers)
    target_compile_definitions(scrutin_server_tests PRIVATE SCRUTIN_SERVER_BINARY="$<TARGET_FILE:scrutin-server>")
    add_dependencies(scrutin_server_tests scrutin-server)
    gtest_discover_tests(scrutin_server_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
  endif()
endif()
