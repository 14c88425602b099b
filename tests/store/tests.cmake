# The kill test's writer: commits through the real Store API and prints each acknowledged id, so that
# rc_store_tests can SIGKILL it at random moments (see kill_test_posix.cpp).
add_executable(rc_store_kill_writer ${CMAKE_CURRENT_LIST_DIR}/kill_writer/kill_writer.cpp)
target_link_libraries(rc_store_kill_writer PRIVATE rc_store rc_project_options)
add_dependencies(rc_store_tests rc_store_kill_writer)
target_compile_definitions(rc_store_tests PRIVATE RC_KILL_WRITER="$<TARGET_FILE:rc_store_kill_writer>")

