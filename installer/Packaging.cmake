# `cpack -G DEB` in the build folder makes an installable .deb of the client and oneseal-admin.
install(FILES ${CMAKE_SOURCE_DIR}/installer/oneseal.desktop DESTINATION share/applications)
install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/oneseal.svg
        DESTINATION share/icons/hicolor/scalable/apps)
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION share/doc/oneseal)
install(FILES ${CMAKE_SOURCE_DIR}/installer/oneseal-hub.service ${CMAKE_SOURCE_DIR}/installer/oneseal-hub-backup.service
              ${CMAKE_SOURCE_DIR}/installer/oneseal-hub-backup.timer DESTINATION lib/systemd/system)
install(PROGRAMS ${CMAKE_SOURCE_DIR}/installer/oneseal-hub-backup DESTINATION lib/oneseal)

set(CPACK_PACKAGE_NAME "oneseal")
set(CPACK_PACKAGE_VENDOR "OneSeal developers")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "oneseal")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "OneSeal developers <dev@oneseal.local>")
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6widgets6 (>= 6.4), libqt6sql6 (>= 6.4), libqt6printsupport6 (>= 6.4), libqt6network6 (>= 6.4), libqt6serialport6 (>= 6.4), libqt6multimedia6 (>= 6.4), libqt6multimediawidgets6 (>= 6.4), libssl3, libqrencode4, libzbar0, libpoppler-qt6-3, qt6-qpa-plugins")
set(CPACK_GENERATOR "DEB")
set(CPACK_STRIP_FILES ON)
include(CPack)
