# The Debian package: `cmake --build build/release --target package` (see packaging/README.md).
include(GNUInstallDirs)

install(FILES ${PROJECT_SOURCE_DIR}/packaging/reception-console.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/io.github.receptionconsole.ReceptionConsole.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${PROJECT_SOURCE_DIR}/assets/reception-console.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${PROJECT_SOURCE_DIR}/assets/reception-console.png
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/256x256/apps)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/procedures/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/reception-console/procedures
        FILES_MATCHING PATTERN "*.toml" PATTERN "README.md")

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "reception-console")
set(CPACK_PACKAGE_VENDOR "Reception Console project")
set(CPACK_PACKAGE_CONTACT "Reception Console maintainers <maintainers@reception-console.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Console for emergency reception centres for people rescued from modern slavery")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-noto-core | fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Tracks arrivals, partners and staff on site, emergency support bag stock and onward\n referrals against the agreed procedure, in a local encrypted database.")
include(CPack)
