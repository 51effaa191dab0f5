# Install rules and the Debian packages (CPack DEB), one component each:
#   scrutin-server  the server, its systemd unit (user scrutin, /var/lib/scrutin)
#   scrutin-clerk   scrutinctl, the projector, the clerk's console (when built), the guides
#   scrutin-tablet  the delegate's tablet, its menu entry and the kiosk autostart
# Build them with `cpack --config build/CPackConfig.cmake -B build/packages`
# (deploy/build-packages.sh); dependencies come from dpkg-shlibdeps.
include(GNUInstallDirs)
set(SCRUTIN_PACKAGING_DIR ${CMAKE_CURRENT_LIST_DIR})

# --- scrutin-server ---------------------------------------------------------
if(TARGET scrutin-server)
  install(TARGETS scrutin-server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT server)
  # A backup made the service's data, on a second laptop (root).
  install(PROGRAMS ${SCRUTIN_PACKAGING_DIR}/server/scrutin-restore DESTINATION ${CMAKE_INSTALL_SBINDIR} COMPONENT server)
  # The unit names the binary by its installed path, known only at install
  # time (cmake --install --prefix, or CPack's /usr).
  install(CODE "
    set(SCRUTIN_BINDIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
    configure_file(\"${SCRUTIN_PACKAGING_DIR}/server/scrutin-server.service.in\"
                   \"${CMAKE_BINARY_DIR}/packaging/scrutin-server.service\" @ONLY)
  " COMPONENT server)
  install(FILES ${CMAKE_BINARY_DIR}/packaging/scrutin-server.service
          DESTINATION lib/systemd/system COMPONENT server)
  install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/proto/PROTOCOL.md
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/scrutin-server COMPONENT server)
endif()

# --- scrutin-clerk ----------------------------------------------------------
foreach(program scrutinctl scrutin-display scrutin-clerk)
  if(TARGET ${program})
    install(TARGETS ${program} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT clerk)
  endif()
endforeach()
if(TARGET scrutin-display)
  install(FILES ${SCRUTIN_PACKAGING_DIR}/clerk/scrutin-display.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT clerk)
endif()
if(TARGET scrutin-clerk)
  install(FILES ${SCRUTIN_PACKAGING_DIR}/clerk/scrutin-clerk.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT clerk)
endif()
install(FILES ${PROJECT_SOURCE_DIR}/docs/guide-fr.md ${PROJECT_SOURCE_DIR}/docs/guide-en.md
              ${PROJECT_SOURCE_DIR}/client/ctl/README.md
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/scrutin-clerk COMPONENT clerk)

# --- scrutin-tablet ---------------------------------------------------------
if(TARGET scrutin-tablet)
  install(TARGETS scrutin-tablet RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT tablet)
  install(PROGRAMS ${SCRUTIN_PACKAGING_DIR}/tablet/scrutin-tablet-kiosk
          DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT tablet)
  install(FILES ${SCRUTIN_PACKAGING_DIR}/tablet/scrutin-tablet.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT tablet)
  install(FILES ${SCRUTIN_PACKAGING_DIR}/tablet/scrutin-tablet-kiosk.desktop
          DESTINATION /etc/xdg/autostart COMPONENT tablet)
  install(FILES ${SCRUTIN_PACKAGING_DIR}/tablet/tablet.conf DESTINATION /etc/scrutin COMPONENT tablet)
endif()

# --- CPack: the Debian packages ---------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME scrutin)
set(CPACK_PACKAGE_VENDOR "Scrutin")
set(CPACK_PACKAGE_CONTACT "Scrutin maintainers <scrutin@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Live in-session voting for councils and assemblies")
# Installed under /usr whatever CMAKE_INSTALL_PREFIX says (/usr/local for
# `cmake --install`); the /etc files have absolute paths, hence DESTDIR staging,
# where CPACK_INSTALL_PREFIX is the prefix.
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_SET_DESTDIR ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL server clerk tablet)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME scrutin-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser")
# The server announces itself on the room's network through Avahi (libavahi-client).
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "avahi-daemon, sqlite3")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "scrutin-clerk")
set(CPACK_COMPONENT_SERVER_DESCRIPTION
    "Scrutin session server: the room's laptop\n The TLS server that tablets, the projector and the clerk's console talk to,\n with its hash-chained SQLite journal, as a systemd service (user scrutin,\n data in /var/lib/scrutin).")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${SCRUTIN_PACKAGING_DIR}/server/postinst;${SCRUTIN_PACKAGING_DIR}/server/prerm;${SCRUTIN_PACKAGING_DIR}/server/postrm")

set(CPACK_DEBIAN_CLERK_PACKAGE_NAME scrutin-clerk)
# fontconfig finds DejaVu for the PDF record and the projector.
set(CPACK_DEBIAN_CLERK_PACKAGE_DEPENDS "adduser, fonts-dejavu-core")
set(CPACK_DEBIAN_CLERK_PACKAGE_RECOMMENDS "scrutin-server")
set(CPACK_COMPONENT_CLERK_DESCRIPTION
    "Scrutin for the clerk: console, scrutinctl and projector\n The clerk's tools: the console and scrutinctl (attendance, agenda, ballots,\n the official record, backups) and the projector's display.")
set(CPACK_DEBIAN_CLERK_PACKAGE_CONTROL_EXTRA "${SCRUTIN_PACKAGING_DIR}/clerk/postinst")

set(CPACK_DEBIAN_TABLET_PACKAGE_NAME scrutin-tablet)
set(CPACK_DEBIAN_TABLET_PACKAGE_DEPENDS "fonts-dejavu-core")
set(CPACK_COMPONENT_TABLET_DESCRIPTION
    "Scrutin delegate's tablet\n The voting tablet of a delegate, with a kiosk mode that starts it at login\n and again whenever it stops (/etc/scrutin/tablet.conf).")
set(CPACK_DEBIAN_TABLET_PACKAGE_CONTROL_EXTRA "${SCRUTIN_PACKAGING_DIR}/tablet/conffiles")

include(CPack)
