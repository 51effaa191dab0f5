# Deployment tests.
#  scrutin_deploy_tests: backup while the server runs and restore on a new
#    folder (real server binary, real TLS, real SQLite; scrutinctl backup).
#  deploy_packages: the Debian packages build, unpack into a staging root, and
#    the systemd unit verifies (deploy/package-test.sh); the kiosk restarts.
if(TARGET scrutin_backup AND TARGET scrutinctl AND TARGET scrutin-server)  # scrutin_test_server: tests/server
  add_executable(scrutin_deploy_tests
    ${CMAKE_CURRENT_LIST_DIR}/backup_restore_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/../client/run_process.cpp
  )
  target_link_libraries(scrutin_deploy_tests PRIVATE scrutin_test_server scrutin_backup scrutin_client scrutin_record
                        scrutin_test_support GTest::gtest_main fmt::fmt scrutin_warnings scrutin_sanitizers)
  target_compile_definitions(scrutin_deploy_tests PRIVATE SCRUTINCTL_PATH="$<TARGET_FILE:scrutinctl>"
                             SCRUTIN_SERVER_PATH="$<TARGET_FILE:scrutin-server>")
  add_dependencies(scrutin_deploy_tests scrutinctl scrutin-server)
  gtest_discover_tests(scrutin_deploy_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
endif()

add_test(NAME deploy_tablet_kiosk_restarts
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/kiosk_test.sh ${PROJECT_SOURCE_DIR}/deploy/packaging/tablet/scrutin-tablet-kiosk)
set_tests_properties(deploy_tablet_kiosk_restarts PROPERTIES TIMEOUT 60)

if(TARGET scrutin-server AND TARGET scrutinctl)
  add_test(NAME deploy_packages
           COMMAND ${PROJECT_SOURCE_DIR}/deploy/package-test.sh ${CMAKE_BINARY_DIR})
  # cpack strips and packs every program: alone, so it is not timed against the rest.
  set_tests_properties(deploy_packages PROPERTIES TIMEOUT 900 RUN_SERIAL TRUE)
endif()

if(TARGET scrutin-server AND TARGET scrutinctl)
  add_test(NAME deploy_backup_as_group_member
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/group_backup_test.sh $<TARGET_FILE:scrutin-server> $<TARGET_FILE:scrutinctl>)
  set_tests_properties(deploy_backup_as_group_member PROPERTIES TIMEOUT 120)
  add_test(NAME deploy_restore_into_the_service_folder
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/restore_test.sh ${PROJECT_SOURCE_DIR}/deploy/packaging/server/scrutin-restore
                   $<TARGET_FILE:scrutin-server> $<TARGET_FILE:scrutinctl>)
  set_tests_properties(deploy_restore_into_the_service_folder PROPERTIES TIMEOUT 120)
endif()
