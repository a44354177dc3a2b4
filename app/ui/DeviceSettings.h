#pragma once

#include <QString>

namespace oneseal::ui {

/**
 * This workstation's counter devices (QSettings, group "devices"; docs/DEVICES.md): the ID card
 * reader's serial port, the document camera's drop folder, the hall's calling system and the
 * applicant's screen. Empty values switch a device off.
 */
struct DeviceSettings
{
    QString idCardPort;          ///< "/dev/ttyUSB0"; empty: no serial reader (keyboard-emulation readers need none)
    int idCardBaud = 115200;
    QString dropFolder;          ///< the camera program's save folder; empty: not watched
    QString callerTarget;        ///< URL or command run on "next applicant"; empty: none
    int callerTimeoutMs = 3000;
    QString windowName;          ///< this window's name for the calling system ("3号窗口")
    bool applicantScreen = false; ///< open the applicant's screen at start

    static DeviceSettings load();
    void save() const;
};

} // namespace oneseal::ui
