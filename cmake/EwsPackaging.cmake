# The Debian package `ews-twin` of a live site (docs/deploy.md): `cpack -G DEB` in the build
# directory makes ews-twin_<version>_<arch>.deb with
#   /usr/bin/ews                          the command (target ews, cli/)
#   /usr/share/ews/profiles/*.yaml        the register maps (models/profiles/data)
#   /usr/share/doc/ews-twin/deploy.md     how to install, run, update and back up a site
#   /lib/systemd/system/ews.service       `ews live` as the user ews (packaging/ews.service)
#   /etc/ews/site.yaml                    the site, a conffile (example: packaging/site.yaml)
#   /usr/share/ews/web                    the built pages (install rule in live/web/ui/CMakeLists.txt)
# and the maintainer scripts of packaging/debian (user ews, enable, stop, purge). The data folder
# /var/lib/ews is made by the postinst and by systemd (StateDirectory=), not shipped.
#
# Included last by the top-level CMakeLists.txt, after every install() rule of the tree.
include(GNUInstallDirs)

set(EWS_PACKAGING_DIR "${PROJECT_SOURCE_DIR}/packaging")

# What the package holds is the install component `live`, and only it: the tree's default
# install also has the Python module (python/), which a live site does not need. The component is
# EXCLUDE_FROM_ALL: a plain `cmake --install` (the command and maps of cli/ and engine/profiles,
# the Python module) is unchanged, and does not drop a unit into /lib/systemd/system nor a site
# file into /etc of a developer's machine. `cmake --install <build> --component live` installs it.
install(TARGETS ews RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT live EXCLUDE_FROM_ALL)
# Same files and place as engine/profiles/CMakeLists.txt's rule (EWS_PROFILE_INSTALL_DIR): the
# installed ews finds them beside itself, <prefix>/bin/../share/ews/profiles
# (profiles::defaultProfileDirectory()).
install(DIRECTORY "${PROJECT_SOURCE_DIR}/models/profiles/data/" DESTINATION "${CMAKE_INSTALL_DATADIR}/ews/profiles"
        COMPONENT live EXCLUDE_FROM_ALL FILES_MATCHING PATTERN "*.yaml")
install(FILES "${PROJECT_SOURCE_DIR}/docs/deploy.md" DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/ews-twin"
        COMPONENT live EXCLUDE_FROM_ALL)
install(FILES "${EWS_PACKAGING_DIR}/ews.service" DESTINATION /lib/systemd/system COMPONENT live EXCLUDE_FROM_ALL)
install(FILES "${EWS_PACKAGING_DIR}/site.yaml" DESTINATION /etc/ews COMPONENT live EXCLUDE_FROM_ALL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ews-twin)
set(CPACK_PACKAGE_VENDOR "ews-twin")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Energy Web Server 10/32/255 twin and live site service")
set(CPACK_PACKAGE_DESCRIPTION
    "ews-twin runs the Energy Web Server application stack (Modbus polling of meters, breakers\n"
    "and charging stations, consumption history, tariffs, Green'Up dynamic load management)\n"
    "against a site's real gateways, and simulates sites in virtual time.\n"
    "This package installs the ews command, its device register maps and a systemd service\n"
    "running `ews live` on /etc/ews/site.yaml as the unprivileged user ews, with its data\n"
    "in /var/lib/ews.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

# One package of the component `live` (build dir; project; component; subdirectory).
set(CPACK_INSTALL_CMAKE_PROJECTS "${PROJECT_BINARY_DIR};${PROJECT_NAME};live;/")

set(EWS_PACKAGE_MAINTAINER "ews-twin maintainers <maintainers@users.noreply.b-seed-6d2c21c3.example>"
    CACHE STRING "Maintainer field of the Debian package")
set(CPACK_DEBIAN_PACKAGE_NAME ews-twin)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)   # ews-twin_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${EWS_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
find_program(EWS_DPKG_PROGRAM dpkg)
if(EWS_DPKG_PROGRAM)
  execute_process(COMMAND "${EWS_DPKG_PROGRAM}" --print-architecture
                  OUTPUT_VARIABLE EWS_DEB_ARCHITECTURE OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE "${EWS_DEB_ARCHITECTURE}")
endif()
# Shared libraries by dpkg-shlibdeps (package dpkg-dev); they are added to these: adduser for the
# postinst, tzdata for the site's time zone (the OS tz database, read at run time).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, tzdata")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${EWS_PACKAGING_DIR}/debian/conffiles"
    "${EWS_PACKAGING_DIR}/debian/postinst"
    "${EWS_PACKAGING_DIR}/debian/prerm"
    "${EWS_PACKAGING_DIR}/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)   # scripts 0755, conffiles 0644

include(CPack)
