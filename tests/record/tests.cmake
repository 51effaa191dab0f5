# The official record: extract (text, PDF through pdftotext), list, minutes,
# SCDL CSV, JSON round trip, journal verification.
if(TARGET scrutin_record)
  find_package(SQLite3 REQUIRED)
  add_executable(scrutin_record_tests
    record/extract_test.cpp
    record/scdl_test.cpp
    record/verify_test.cpp
    record/result_line_test.cpp
    record/journalled.cpp
    record/french_test.cpp
    record/layout_test.cpp
  )
  target_link_libraries(scrutin_record_tests PRIVATE scrutin_record scrutin_test_support GTest::gtest_main
                        scrutin_warnings scrutin_sanitizers SQLite::SQLite3)
  target_compile_definitions(scrutin_record_tests PRIVATE SCRUTIN_RECORD_TEST_OUT="${CMAKE_CURRENT_BINARY_DIR}")
  gtest_discover_tests(scrutin_record_tests DISCOVERY_TIMEOUT 60)
endif()
