# GUI smoke tests: the real display and tablet binaries under Xvfb, checked
# through their screenshots.
if(TARGET scrutin-display AND TARGET scrutin-tablet)
  add_executable(scrutin_gui_tests gui/screenshot_test.cpp)
  target_compile_definitions(scrutin_gui_tests PRIVATE
    SCRUTIN_DISPLAY_BINARY="$<TARGET_FILE:scrutin-display>"
    SCRUTIN_TABLET_BINARY="$<TARGET_FILE:scrutin-tablet>"
    SCRUTIN_GUI_FIXTURES="${CMAKE_CURRENT_SOURCE_DIR}/gui"
    SCRUTIN_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    SCRUTIN_BUILD_DIR="${PROJECT_BINARY_DIR}")
  target_include_directories(scrutin_gui_tests PRIVATE /usr/include/stb)
  target_link_libraries(scrutin_gui_tests PRIVATE stb GTest::gtest_main scrutin_warnings)
  add_dependencies(scrutin_gui_tests scrutin-display scrutin-tablet scrutin-server scrutinctl)
  gtest_discover_tests(scrutin_gui_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS gui)
endif()
