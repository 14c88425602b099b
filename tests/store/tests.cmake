# The kill test's writer: commits through the real Store API and prints each acknowledged id, so that
# rc_store_tests can SIGKILL it at random moments (see kill_test_posix.cpp).
add_executable(rc_store_kill_writer ${CMAKE_CURRENT_LIST_DIR}/kill_writer/kill_writer.cpp)
target_link_libraries(rc_store_kill_writer PRIVATE rc_store rc_project_options)
add_dependencies(rc_store_tests rc_store_kill_writer)
target_compile_definitions(rc_store_tests PRIVATE RC_KILL_WRITER="$<TARGET_FILE:rc_store_kill_writer>")


# One desk of a shared centre (the four-desk test starts four of them against its own PostgreSQL
# server). Those test cases are skipped in the suite's run and run as ctest tests of their own, each
# with a server it may stop and restart without disturbing the other tests.
add_executable(rc_store_desk ${CMAKE_CURRENT_LIST_DIR}/desk/desk.cpp)
target_link_libraries(rc_store_desk PRIVATE rc_store rc_project_options)
add_dependencies(rc_store_tests rc_store_desk)
target_compile_definitions(rc_store_tests PRIVATE RC_STORE_DESK="$<TARGET_FILE:rc_store_desk>"
  RC_PG_THROWAWAY="${CMAKE_CURRENT_LIST_DIR}/../support/pg_throwaway.sh")
add_test(NAME shared_centre_four_desks COMMAND rc_store_tests --no-skip "-tc=four desks: *")
add_test(NAME shared_centre_four_desks_server_restart
  COMMAND rc_store_tests --no-skip "-tc=four desks with a server restart*")
set_tests_properties(shared_centre_four_desks shared_centre_four_desks_server_restart PROPERTIES
  ENVIRONMENT "RC_TEST_TMP=${CMAKE_CURRENT_BINARY_DIR}/tmp" TIMEOUT 600)
