# The Debian package: `cmake --build build/pkg --target package` (see packaging/README.md).
include(GNUInstallDirs)

install(FILES ${PROJECT_SOURCE_DIR}/packaging/reception-console.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/io.github.receptionconsole.ReceptionConsole.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${PROJECT_SOURCE_DIR}/assets/reception-console.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${PROJECT_SOURCE_DIR}/assets/reception-console.png
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/256x256/apps)
# The default procedure as an editable file, beside the copy built into the program.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/procedures/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/reception-console/procedures
        FILES_MATCHING PATTERN "*.toml" PATTERN "README.md")
# The sample drills with their rolls (`reception-console drill`, docs/drills.md).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/drills/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/reception-console/drills
        FILES_MATCHING PATTERN "*.toml" PATTERN "*.csv")
install(FILES ${PROJECT_SOURCE_DIR}/README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/docs/guide.md ${PROJECT_SOURCE_DIR}/docs/security.md
              ${PROJECT_SOURCE_DIR}/docs/drills.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR} OPTIONAL)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/images/
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/images
        FILES_MATCHING PATTERN "guide-*.png")

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "reception-console")
set(CPACK_PACKAGE_VENDOR "Reception Console project")
set(CPACK_PACKAGE_CONTACT "Reception Console maintainers <maintainers@reception-console.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Console for emergency reception centres for people rescued from modern slavery")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# Modes from the install rules (0755 binary, 0644 data), not from the build tree's umask.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# dpkg-shlibdeps works out the libraries (GLFW, SQLite, libsodium, spdlog, fmt, toml++, FreeType, and
# libxlsxwriter and libharu once the exports link them). The fonts are opened by path at run time, so
# no library names them: they are declared here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-noto-core | fonts-dejavu-core")
# Arrows, check marks and the minus sign come from DejaVu Sans even when Noto Sans is the text font.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core")
# CPack indents each line and turns an empty line into the " ." paragraph separator.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Tracks arrivals, partners and staff on site, emergency support bag stock and onward
referrals against the agreed procedure, in a local encrypted database.

For council coordinators and partner volunteers running a reception centre after a
police operation, and for the post-incident debrief. Runs entirely on one laptop.")
include(CPack)
