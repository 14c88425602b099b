# The demo command's test reads the database it wrote back through the store API.
target_link_libraries(rc_cli_tests PRIVATE rc_store)
# The drill tests read the debrief's JSON.
target_link_libraries(rc_cli_tests PRIVATE nlohmann_json::nlohmann_json)
