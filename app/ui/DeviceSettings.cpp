#include "DeviceSettings.h"

#include <QSettings>

namespace oneseal::ui {

DeviceSettings DeviceSettings::load()
{
    QSettings s;
    s.beginGroup(QStringLiteral("devices"));
    DeviceSettings d;
    d.idCardPort = s.value(QStringLiteral("idCardPort")).toString();
    d.idCardBaud = std::clamp(s.value(QStringLiteral("idCardBaud"), 115200).toInt(), 1200, 921600);
    d.dropFolder = s.value(QStringLiteral("dropFolder")).toString();
    d.callerTarget = s.value(QStringLiteral("callerTarget")).toString();
    d.callerTimeoutMs = std::clamp(s.value(QStringLiteral("callerTimeoutMs"), 3000).toInt(), 200, 30000);
    d.windowName = s.value(QStringLiteral("windowName")).toString().left(40);
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
}

} // namespace oneseal::ui
