# Campaign tools (deploy/campaign-*.sh): scrutin-hostile, the attacks of issue
# 12 run beside the load generator. Built on the tests' raw client.
if(TARGET scrutin-server)
  add_executable(scrutin-hostile ${CMAKE_CURRENT_LIST_DIR}/hostile.cpp ${CMAKE_CURRENT_LIST_DIR}/../server/raw_client.cpp)
  target_include_directories(scrutin-hostile PRIVATE ${CMAKE_CURRENT_LIST_DIR}/..)
  target_link_libraries(scrutin-hostile PRIVATE scrutin_server_lib Threads::Threads scrutin_warnings)
endif()
