# Client tests.
#  scrutin_client_unit_tests: the client library against an in-process fake
#    server (TLS on 127.0.0.1): reconnect, resend, connection lost, resolver.
#  scrutin_client_tests: scrutinctl and scrutin_client against the real server
#    binary on 127.0.0.1 (real TLS, real SQLite file), through the server test
#    harness (tests/support/server_process.hpp).
if(TARGET scrutin_client)
  add_executable(scrutin_client_unit_tests
    ${CMAKE_CURRENT_LIST_DIR}/reconnect_test.cpp
  )
  target_link_libraries(scrutin_client_unit_tests PRIVATE scrutin_client scrutin_process GTest::gtest_main scrutin_warnings
                        scrutin_sanitizers)
  if(TARGET scrutinctl)  # scrutinctl's exit status when an answer never came
    target_compile_definitions(scrutin_client_unit_tests PRIVATE SCRUTINCTL_PATH="$<TARGET_FILE:scrutinctl>")
    add_dependencies(scrutin_client_unit_tests scrutinctl)
  endif()
  gtest_discover_tests(scrutin_client_unit_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)
endif()

if(TARGET scrutin_client AND TARGET scrutinctl AND EXISTS ${CMAKE_CURRENT_LIST_DIR}/../support/server_process.hpp)
  add_executable(scrutin_client_tests
    ${CMAKE_CURRENT_LIST_DIR}/seed_ctl_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/crash_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pinning_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/record_ctl_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/trust_ctl_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/election_ctl_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/clerk_ctl_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/error_test.cpp
  )
  target_link_libraries(scrutin_client_tests PRIVATE scrutin_test_server scrutin_client scrutin_record
                        scrutin_test_support GTest::gtest_main fmt::fmt scrutin_warnings scrutin_sanitizers)
  target_compile_definitions(scrutin_client_tests PRIVATE SCRUTINCTL_PATH="$<TARGET_FILE:scrutinctl>")
  add_dependencies(scrutin_client_tests scrutinctl)
  if(TARGET scrutin-server)
    add_dependencies(scrutin_client_tests scrutin-server)
  endif()
  gtest_discover_tests(scrutin_client_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 600)
endif()
