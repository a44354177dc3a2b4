#include "DeviceSettings.h"

#include "Session.h"

#include <QSettings>

#include <algorithm>

namespace oneseal::services {

DeviceSettings DeviceSettings::load()
{
    QSettings s;
    s.beginGroup(QStringLiteral("devices"));
    DeviceSettings d;
    d.idCardPort = s.value(QStringLiteral("idCardPort")).toString().left(kMaxPortLength);
    d.idCardBaud = std::clamp(s.value(QStringLiteral("idCardBaud"), 115200).toInt(), 1200, 921600);
    d.dropFolder = s.value(QStringLiteral("dropFolder")).toString().left(kMaxFolderLength);
    d.callerTarget = s.value(QStringLiteral("callerTarget")).toString().left(kMaxCallerLength);
    d.callerTimeoutMs = std::clamp(s.value(QStringLiteral("callerTimeoutMs"), 3000).toInt(), 200, 30000);
    d.windowName = s.value(QStringLiteral("windowName")).toString().left(kMaxWindowNameLength);
    d.applicantScreen = s.value(QStringLiteral("applicantScreen"), false).toBool();
    return d;
}

void DeviceSettings::save() const
{
    QSettings s;
    s.beginGroup(QStringLiteral("devices"));
    s.setValue(QStringLiteral("idCardPort"), idCardPort);
    s.setValue(QStringLiteral("idCardBaud"), idCardBaud);
    s.setValue(QStringLiteral("dropFolder"), dropFolder);
    s.setValue(QStringLiteral("callerTarget"), callerTarget);
    s.setValue(QStringLiteral("callerTimeoutMs"), callerTimeoutMs);
    s.setValue(QStringLiteral("windowName"), windowName);
    s.setValue(QStringLiteral("applicantScreen"), applicantScreen);
    s.sync();
}

bool DeviceSettingsService::mayChange() const
{
    return m_session.can(core::Action::ConfigureDevices);
}

QString DeviceSettingsService::refusalText()
{
    return tr("Only an administrator can change the counter's devices and the calling system: the calling "
              "system's command is a program this workstation runs on every F12.");
}

QString DeviceSettingsService::check(const DeviceSettings& s)
{
    auto hasControl = [](const QString& text) {
        return std::any_of(text.begin(), text.end(), [](QChar c) { return c.category() == QChar::Other_Control; });
    };
    if (s.idCardPort.size() > DeviceSettings::kMaxPortLength || hasControl(s.idCardPort))
        return tr("The reader's port is not a device name such as /dev/ttyUSB0.");
    if (s.idCardBaud < 1200 || s.idCardBaud > 921600)
        return tr("The reader's speed must be between 1200 and 921600 baud.");
    if (s.dropFolder.size() > DeviceSettings::kMaxFolderLength || hasControl(s.dropFolder))
        return tr("The camera program's folder is not a folder name.");
    if (s.callerTarget.size() > DeviceSettings::kMaxCallerLength || hasControl(s.callerTarget))
        return tr("The calling system's URL or command is too long or contains a control character.");
    if (s.callerTimeoutMs < 200 || s.callerTimeoutMs > 30000)
        return tr("The calling time limit must be between 200 and 30000 ms.");
    if (s.windowName.size() > DeviceSettings::kMaxWindowNameLength || hasControl(s.windowName))
        return tr("The window's name is at most %1 characters.").arg(DeviceSettings::kMaxWindowNameLength);
    return QString();
}

bool DeviceSettingsService::save(const DeviceSettings& settings, QString* error)
{
    auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    if (!mayChange())
        return fail(refusalText());
    if (const QString problem = check(settings); !problem.isEmpty())
        return fail(problem);
    settings.save();
    return true;
}

} // namespace oneseal::services
