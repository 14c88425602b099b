# End-to-end through the real window (window_e2e.sh): under Xvfb, create a centre, activate it and check
# one person in with real X input, then check the database. Needs xvfb-run, xdotool and python3 (which
# reads the database); without them the test reports itself skipped, so the run says so.
find_program(RC_E2E_XVFB_RUN xvfb-run)
find_program(RC_E2E_XDOTOOL xdotool)
find_program(RC_E2E_PYTHON3 python3)
if(RC_E2E_XVFB_RUN AND RC_E2E_XDOTOOL AND RC_E2E_PYTHON3)
  # Leak detection is off for the window process, as for rc_window_opens (Mesa's driver leaks).
  add_test(NAME rc_e2e_window
    COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
            ${RC_E2E_XVFB_RUN} -a -s "-screen 0 1366x768x24"
            ${CMAKE_CURRENT_LIST_DIR}/window_e2e.sh $<TARGET_FILE:reception-console>
            ${CMAKE_CURRENT_BINARY_DIR}/tmp/e2e-window)
  set_tests_properties(rc_e2e_window PROPERTIES
    PASS_REGULAR_EXPRESSION "PASS: created, activated and checked one person in"
    FAIL_REGULAR_EXPRESSION "FAIL:|runtime error:|ERROR: AddressSanitizer"
    TIMEOUT 240
    # Runs alone: the sanitizer build is slow, and a busy machine would stretch every wait.
    RUN_SERIAL ON)
else()
  add_test(NAME rc_e2e_window
    COMMAND ${CMAKE_COMMAND} -E echo "skipped: needs xvfb-run and xdotool (and python3)")
  # Reported as skipped in ctest's summary rather than hidden among the passes.
  set_tests_properties(rc_e2e_window PROPERTIES SKIP_REGULAR_EXPRESSION "skipped: needs xvfb-run and xdotool")
endif()

# Two consoles in two windows on one shared centre (two_desks_e2e.sh): a check-in typed on one reaches
# the other's Arrivals table within a second. Its own throwaway PostgreSQL server, as root or not.
find_program(RC_E2E_PSQL psql)
if(RC_E2E_XVFB_RUN AND RC_E2E_XDOTOOL AND RC_E2E_PYTHON3 AND RC_E2E_PSQL)
  add_test(NAME rc_e2e_two_desks
    COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
            ${RC_E2E_XVFB_RUN} -a -s "-screen 0 2400x800x24"
            ${CMAKE_CURRENT_LIST_DIR}/two_desks_e2e.sh $<TARGET_FILE:reception-console>
            ${CMAKE_CURRENT_BINARY_DIR}/tmp/e2e-two-desks)
  set_tests_properties(rc_e2e_two_desks PROPERTIES
    PASS_REGULAR_EXPRESSION "PASS: a check-in typed on desk 1 showed on desk 2 within a second"
    FAIL_REGULAR_EXPRESSION "FAIL:|runtime error:|ERROR: AddressSanitizer"
    TIMEOUT 240
    RUN_SERIAL ON)
else()
  add_test(NAME rc_e2e_two_desks
    COMMAND ${CMAKE_COMMAND} -E echo "skipped: needs xvfb-run, xdotool, python3 and psql")
  set_tests_properties(rc_e2e_two_desks PROPERTIES SKIP_REGULAR_EXPRESSION "skipped: needs")
endif()
