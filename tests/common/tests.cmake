# common/: the CSV reader and writer and the roster read through them.
add_executable(scrutin_common_tests common/csv_test.cpp)
target_link_libraries(scrutin_common_tests PRIVATE scrutin_common GTest::gtest_main scrutin_warnings scrutin_sanitizers)
gtest_discover_tests(scrutin_common_tests DISCOVERY_TIMEOUT 60)
