#include "ThrottleFile.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace oneseal::db {

QString ThrottleFile::pathFor(const QString& databasePath)
{
    return databasePath + QStringLiteral(".throttle");
}

core::LoginThrottle ThrottleFile::load(const QDateTime& now) const
{
    core::LoginThrottle throttle;
    QFile f(m_path);
    if (!f.exists())
        return throttle;
    const QByteArray data = f.open(QIODevice::ReadOnly) ? f.read(4096) : QByteArray();
    const QJsonObject o = QJsonDocument::fromJson(data).object();
    const QDateTime last = QDateTime::fromString(o.value(QStringLiteral("last_failure")).toString(), Qt::ISODateWithMs);
    if (!o.value(QStringLiteral("failures")).isDouble() || (o.value(QStringLiteral("failures")).toInt() > 0 && !last.isValid())) {
        throttle.restore(5, now, now); // damaged: as if the free tries were used up just now
        return throttle;
    }
    throttle.restore(o.value(QStringLiteral("failures")).toInt(), last, now);
    return throttle;
}

bool ThrottleFile::save(const core::LoginThrottle& throttle) const
{
    QJsonObject o{{QStringLiteral("failures"), throttle.failures()}};
    if (throttle.lastFailure().isValid())
        o.insert(QStringLiteral("last_failure"), throttle.lastFailure().toUTC().toString(Qt::ISODateWithMs));
    QSaveFile f(m_path);
    const bool ok = f.open(QIODevice::WriteOnly) && f.setPermissions(QFile::ReadOwner | QFile::WriteOwner)
        && f.write(QJsonDocument(o).toJson(QJsonDocument::Compact)) >= 0 && f.commit();
    if (!ok)
        f.cancelWriting();
    return ok;
}

} // namespace oneseal::db
