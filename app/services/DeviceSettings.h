#pragma once

#include <QCoreApplication>
#include <QString>

namespace oneseal::services {

class Session;

/**
 * This workstation's counter devices (QSettings, group "devices"; docs/DEVICES.md): the ID card
 * reader's serial port, the document camera's drop folder, the hall's calling system and the
 * applicant's screen. Empty values switch a device off. Anyone may read them (the counter uses
 * them); only DeviceSettingsService writes them.
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

    static constexpr int kMaxPortLength = 200;
    static constexpr int kMaxFolderLength = 1000;
    static constexpr int kMaxCallerLength = 2000;
    static constexpr int kMaxWindowNameLength = 40;

    static DeviceSettings load();

    bool operator==(const DeviceSettings&) const = default;

private:
    friend class DeviceSettingsService;
    void save() const;
};

/**
 * Changing the counter's devices: administrators only (core::Action::ConfigureDevices). The calling
 * system's command is a program this workstation starts on every F12, and the reader's port and the
 * drop folder decide where applicants' data comes from, so a clerk may see them but not change them.
 */
class DeviceSettingsService
{
    Q_DECLARE_TR_FUNCTIONS(DeviceSettingsService)

public:
    explicit DeviceSettingsService(Session& session)
        : m_session(session)
    {
    }

    /** Whether this user may change the devices (the window shows them read-only otherwise). */
    bool mayChange() const;
    /** Why the devices cannot be changed by this user (shown in the window). */
    static QString refusalText();
    /** Checks and stores the settings; nothing is stored when refused or malformed (*error says why). */
    bool save(const DeviceSettings& settings, QString* error);
    /** Empty when the settings can be stored; otherwise what is wrong. */
    static QString check(const DeviceSettings& settings);

private:
    Session& m_session;
};

} // namespace oneseal::services
