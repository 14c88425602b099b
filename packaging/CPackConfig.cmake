# The Debian package: `cmake --build build/pkg --target package` (see packaging/README.md).
include(GNUInstallDirs)

install(FILES ${PROJECT_SOURCE_DIR}/packaging/reception-console.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/io.github.receptionconsole.ReceptionConsole.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${PROJECT_SOURCE_DIR}/assets/reception-console.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size 48 64 128 256)
  install(FILES ${PROJECT_SOURCE_DIR}/assets/reception-console-${size}.png
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
          RENAME reception-console.png)
endforeach()

# Debian wants the manual page and the changelog compressed with gzip -9n (no name, no time stamp, so
# the package is reproducible), the copyright file as is, and the lintian overrides where lintian
# looks for them.
find_program(RC_GZIP gzip REQUIRED)
set(RC_PACKAGING_OUT ${CMAKE_BINARY_DIR}/packaging)
add_custom_command(OUTPUT ${RC_PACKAGING_OUT}/reception-console.1.gz ${RC_PACKAGING_OUT}/changelog.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${RC_PACKAGING_OUT}
  COMMAND ${RC_GZIP} -9nc ${PROJECT_SOURCE_DIR}/packaging/reception-console.1 > ${RC_PACKAGING_OUT}/reception-console.1.gz
  COMMAND ${RC_GZIP} -9nc ${PROJECT_SOURCE_DIR}/packaging/changelog > ${RC_PACKAGING_OUT}/changelog.gz
  DEPENDS ${PROJECT_SOURCE_DIR}/packaging/reception-console.1 ${PROJECT_SOURCE_DIR}/packaging/changelog
  COMMENT "Compressing the manual page and the changelog")
add_custom_target(rc_packaging_files ALL DEPENDS ${RC_PACKAGING_OUT}/reception-console.1.gz
                                                 ${RC_PACKAGING_OUT}/changelog.gz)
install(FILES ${RC_PACKAGING_OUT}/reception-console.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${RC_PACKAGING_OUT}/changelog.gz ${PROJECT_SOURCE_DIR}/packaging/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/packaging/lintian-overrides
        DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME reception-console)
# `reception-console server setup` runs this on a shared centre's server (docs/shared-centre.md).
install(PROGRAMS ${PROJECT_SOURCE_DIR}/packaging/shared-centre-setup.sh
        DESTINATION lib/reception-console RENAME shared-centre-setup)
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
# The PDF report embeds DejaVu Sans, and arrows, check marks and the minus sign on screen come from it
# too: DejaVu is required. Noto Sans is the preferred text font on screen when present.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-core")
# A shared centre's server: `server setup` needs PostgreSQL, its client and openssl there.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-15, postgresql-client, openssl")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/receptionconsole/reception-console")
# CPack indents each line and turns an empty line into the " ." paragraph separator.
# Lines of at most 79 characters (lintian: extended-description-line-too-long at 80 with the indent).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Tracks arrivals, partners and staff on site, emergency support bag stock
and onward referrals against the agreed procedure, in a local encrypted
database.

For council coordinators and partner volunteers running a reception centre
after a police operation, and for the post-incident debrief. Runs entirely
on one laptop.")
include(CPack)
