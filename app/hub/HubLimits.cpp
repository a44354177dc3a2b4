#include "HubLimits.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace oneseal::sync {

QString HubLimits::fileIn(const QString& directory)
{
    return QDir(directory).filePath(QStringLiteral("hub.conf"));
}

bool HubLimits::load(const QString& file, HubLimits* limits, QString* error)
{
    if (!QFileInfo::exists(file))
        return true;
    QSettings settings(file, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError) {
        if (error)
            *error = tr("%1 cannot be read.").arg(file);
        return false;
    }
    settings.beginGroup(QStringLiteral("limits"));
    bool ok = true;
    auto number = [&](const char* key, qint64 current, qint64 min, qint64 max) -> qint64 {
        const QString name = QLatin1String(key);
        if (!ok || !settings.contains(name))
            return current;
        bool parsed = false;
        const qint64 value = settings.value(name).toString().toLongLong(&parsed);
        if (!parsed || value < min || value > max) {
            ok = false;
            if (error)
                *error = tr("%1: [limits] %2 must be a whole number from %3 to %4.").arg(file, name).arg(min).arg(max);
            return current;
        }
        return value;
    };
    HubLimits l = *limits;
    l.clockMarginMs = number("clock_margin_hours", l.clockMarginMs / 3600000, 1, 24 * 365) * 3600000;
    l.backdatingMarginMs =
        number("backdating_margin_minutes", l.backdatingMarginMs / 60000, 1, 366LL * 24 * 60) * 60000;
    l.handshakeTimeoutMs = int(number("handshake_timeout_ms", l.handshakeTimeoutMs, 100, 600000));
    l.maxHandshakes = int(number("max_handshakes", l.maxHandshakes, 1, 100000));
    l.maxHandshakesPerAddress = int(number("max_handshakes_per_address", l.maxHandshakesPerAddress, 1, 100000));
    l.preAuthFrameBytes = number("preauth_frame_bytes", l.preAuthFrameBytes, 1024, 1024 * 1024);
    l.preAuthDeadlineMs = int(number("preauth_deadline_ms", l.preAuthDeadlineMs, 100, 600000));
    l.maxUnauthenticated = int(number("max_unauthenticated", l.maxUnauthenticated, 1, 100000));
    l.maxUnauthenticatedPerAddress =
        int(number("max_unauthenticated_per_address", l.maxUnauthenticatedPerAddress, 1, 100000));
    l.maxConnections = int(number("max_connections", l.maxConnections, 1, 100000));
    l.idleTimeoutMs = int(number("idle_timeout_ms", l.idleTimeoutMs, 1000, 86400000));
    l.uploadQuotaBytes = number("upload_quota_bytes", l.uploadQuotaBytes, 1024 * 1024, qint64(1) << 40);
    l.renewWithinDays = int(number("renew_within_days", l.renewWithinDays, 1, 3650));
    l.uploadMaxAgeSecs = number("upload_max_age_seconds", l.uploadMaxAgeSecs, 1, 365LL * 24 * 3600);
    if (!ok)
        return false;
    *limits = l;
    return true;
}

} // namespace oneseal::sync
