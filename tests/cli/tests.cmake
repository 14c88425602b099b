# The demo command's test reads the database it wrote back through the store API.
target_link_libraries(rc_cli_tests PRIVATE rc_store)
