# The CSV export opened in LibreOffice (headless). LibreOffice is a large install, so this check is a
# ctest entry of its own with the label "libreoffice": `ctest -LE libreoffice` leaves it out.
add_test(NAME rc_export_libreoffice COMMAND rc_export_tests --no-skip -tc=*LibreOffice*)
set_tests_properties(rc_export_libreoffice PROPERTIES LABELS libreoffice
                     ENVIRONMENT "RC_TEST_TMP=${CMAKE_CURRENT_BINARY_DIR}/tmp")
