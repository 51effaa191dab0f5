# The vote schedule of the benchmark: a pure function, unit-tested.
if(TARGET scrutin_loadgen_schedule)
  add_executable(scrutin_loadgen_tests ${CMAKE_CURRENT_LIST_DIR}/schedule_test.cpp)
  target_link_libraries(scrutin_loadgen_tests PRIVATE scrutin_loadgen_schedule GTest::gtest_main scrutin_warnings
                        scrutin_sanitizers)
  gtest_discover_tests(scrutin_loadgen_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 60)
endif()

# A short benchmark run in the test suite: a few hundred simulated tablets
# against the real server binary (started by scrutin-loadgen itself on
# 127.0.0.1 with a fresh data folder), with proxies and a spread pattern.
# Correctness only: the final tally in the journal equals the votes cast, every
# vote acknowledged, no refusal; never a timing. Exit status 0 is the check.
if(TARGET scrutin-loadgen AND TARGET scrutin-server)
  add_test(NAME loadgen.short_bench
           COMMAND scrutin-loadgen bench --spawn-server $<TARGET_FILE:scrutin-server>
                   -n 300 --proxies 20 --rules french --pattern spread --window-ms 1500 --mix 50,30,20
                   --no-floor --timeout-s 60 --quiet --json ${CMAKE_CURRENT_BINARY_DIR}/loadgen-short.json)
  add_test(NAME loadgen.short_burst
           COMMAND scrutin-loadgen bench --spawn-server $<TARGET_FILE:scrutin-server>
                   -n 200 --pattern burst --no-floor --timeout-s 60 --quiet)
  set_tests_properties(loadgen.short_bench loadgen.short_burst PROPERTIES TIMEOUT 180 LABELS loadgen)
endif()
