# Fuzz targets (tests/fuzz/fuzz_*.cpp), in two builds:
#  - here, with g++: each target linked with corpus_main.cpp and run over its
#    seed corpus (tests/fuzz/corpus/<target>), a regression check always run;
#    scrutin_fuzz_corpus rewrites the seeds;
#  - with clang-16 and libFuzzer (deploy/fuzz.sh, its own build folder
#    build-fuzz, built by deploy/test.sh when clang-16 is installed):
#    fuzz.short runs each target 15 s, and says it skipped otherwise (exit 77).
set(SCRUTIN_FUZZ_TARGETS frame delegate clerk roster replay)
foreach(t ${SCRUTIN_FUZZ_TARGETS})
  add_executable(scrutin_fuzz_corpus_${t} ${CMAKE_CURRENT_LIST_DIR}/fuzz_${t}.cpp ${CMAKE_CURRENT_LIST_DIR}/corpus_main.cpp)
  target_link_libraries(scrutin_fuzz_corpus_${t} PRIVATE scrutin_proto scrutin_warnings scrutin_sanitizers)
  add_test(NAME fuzz.corpus.${t} COMMAND scrutin_fuzz_corpus_${t} ${CMAKE_CURRENT_LIST_DIR}/corpus/${t})
  set_tests_properties(fuzz.corpus.${t} PROPERTIES TIMEOUT 120 LABELS fuzz)
endforeach()
add_executable(scrutin_fuzz_corpus ${CMAKE_CURRENT_LIST_DIR}/make_corpus.cpp)
target_link_libraries(scrutin_fuzz_corpus PRIVATE scrutin_proto scrutin_warnings)
add_test(NAME fuzz.short COMMAND ${CMAKE_SOURCE_DIR}/deploy/fuzz.sh --short)
set_tests_properties(fuzz.short PROPERTIES TIMEOUT 400 SKIP_RETURN_CODE 77 LABELS fuzz RUN_SERIAL TRUE)
