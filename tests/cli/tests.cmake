# The demo command's test reads the database it wrote back through the store API.
target_link_libraries(rc_cli_tests PRIVATE rc_store)
# The drill tests read the debrief's JSON.
target_link_libraries(rc_cli_tests PRIVATE nlohmann_json::nlohmann_json)
# `reception-console server setup` against a throwaway PostgreSQL server of its own.
add_test(NAME shared_centre_server_setup
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/../support/shared_centre_setup_test.sh $<TARGET_FILE:reception-console>)
