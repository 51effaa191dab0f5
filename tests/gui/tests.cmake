# GUI tests.
#  scrutin_gui_view_tests: what the tablet and the projector say in every
#    state, as plain functions (no window, no server).
#  scrutin_gui_tests: the real display and tablet binaries under Xvfb, from
#    views in JSON and against the real server, checked through their
#    screenshots and their layout check (--check-layout).
if(TARGET scrutin_tablet_model AND TARGET scrutin_display_model)
  add_executable(scrutin_gui_view_tests gui/view_logic_test.cpp gui/election_view_logic_test.cpp gui/discovery_test.cpp)
  target_link_libraries(scrutin_gui_view_tests PRIVATE scrutin_tablet_model scrutin_display_model scrutin_discovery
                        scrutin_test_server GTest::gtest_main scrutin_warnings scrutin_sanitizers)
  gtest_discover_tests(scrutin_gui_view_tests DISCOVERY_TIMEOUT 60)
endif()

if(TARGET scrutin-display AND TARGET scrutin-tablet)
  add_executable(scrutin_gui_tests gui/screenshot_test.cpp gui/live_test.cpp gui/election_screen_test.cpp gui/harness.cpp)
  target_compile_definitions(scrutin_gui_tests PRIVATE
    SCRUTIN_DISPLAY_BINARY="$<TARGET_FILE:scrutin-display>"
    SCRUTIN_TABLET_BINARY="$<TARGET_FILE:scrutin-tablet>"
    SCRUTINCTL_PATH="$<TARGET_FILE:scrutinctl>"
    SCRUTIN_GUI_FIXTURES="${CMAKE_CURRENT_SOURCE_DIR}/gui"
    SCRUTIN_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    SCRUTIN_BUILD_DIR="${PROJECT_BINARY_DIR}")
  pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)  # stb_image, to read the screenshots
  target_include_directories(scrutin_gui_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/client)
  target_link_libraries(scrutin_gui_tests PRIVATE PkgConfig::STB scrutin_test_server scrutin_client GTest::gtest_main
                        fmt::fmt scrutin_warnings scrutin_sanitizers)
  add_dependencies(scrutin_gui_tests scrutin-display scrutin-tablet scrutin-server scrutinctl)
  gtest_discover_tests(scrutin_gui_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS gui TIMEOUT 300)
endif()
