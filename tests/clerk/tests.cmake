# The clerk's console.
#  scrutin_clerk_view_tests: what each view lists and says, from a real domain
#    Session, without a window; the roster import's preview; the PIN slips PDF.
#  scrutin_clerk_live_tests: the real scrutin-clerk under Xvfb against the real
#    server, driven through its own UI code (--test-taps), with screenshots.
if(TARGET scrutin_clerk_model)
  add_executable(scrutin_clerk_view_tests clerk/view_logic_test.cpp)
  target_link_libraries(scrutin_clerk_view_tests PRIVATE scrutin_clerk_model scrutin_proto GTest::gtest_main
                        scrutin_warnings scrutin_sanitizers)
  gtest_discover_tests(scrutin_clerk_view_tests DISCOVERY_TIMEOUT 60)
endif()

if(TARGET scrutin-clerk)
  add_executable(scrutin_clerk_live_tests clerk/live_test.cpp gui/harness.cpp)
  target_compile_definitions(scrutin_clerk_live_tests PRIVATE
    SCRUTIN_CLERK_BINARY="$<TARGET_FILE:scrutin-clerk>"
    SCRUTINCTL_PATH="$<TARGET_FILE:scrutinctl>"
    SCRUTIN_BUILD_DIR="${PROJECT_BINARY_DIR}")
  pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)  # stb_image, to read the screenshots
  target_include_directories(scrutin_clerk_live_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/client
                             ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(scrutin_clerk_live_tests PRIVATE PkgConfig::STB scrutin_test_server scrutin_client scrutin_process scrutin_backup GTest::gtest_main
                        fmt::fmt scrutin_warnings scrutin_sanitizers)
  add_dependencies(scrutin_clerk_live_tests scrutin-clerk scrutin-server scrutinctl)
  gtest_discover_tests(scrutin_clerk_live_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS gui TIMEOUT 400)
endif()
