#include "ReferenceRepository.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace oneseal::db {

std::optional<ReferenceItem> ReferenceRepository::latest(const QString& kind, QString* error) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT kind, version, payload, sha256, published_at FROM sync_reference WHERE kind = ? "
                             "ORDER BY version DESC LIMIT 1"));
    q.addBindValue(kind);
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return ReferenceItem{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toByteArray(),
                         q.value(3).toString(), q.value(4).toString()};
}

QList<ReferenceItem> ReferenceRepository::latestOfEach() const
{
    QList<ReferenceItem> items;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT r.kind, r.version, r.payload, r.sha256, r.published_at FROM sync_reference r "
                               "WHERE r.version = (SELECT max(version) FROM sync_reference WHERE kind = r.kind) "
                               "ORDER BY r.kind")))
        return items;
    while (q.next())
        items << ReferenceItem{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toByteArray(),
                               q.value(3).toString(), q.value(4).toString()};
    return items;
}

QMap<QString, qint64> ReferenceRepository::versions() const
{
    QMap<QString, qint64> versions;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT kind, max(version) FROM sync_reference GROUP BY kind")))
        while (q.next())
            versions.insert(q.value(0).toString(), q.value(1).toLongLong());
    return versions;
}

bool ReferenceRepository::insert(const ReferenceItem& item, bool ignoreKnown, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT %1INTO sync_reference(kind, version, payload, sha256, published_at) "
                             "VALUES(?, ?, ?, ?, ?)")
                  .arg(ignoreKnown ? QStringLiteral("OR IGNORE ") : QString()));
    for (const QVariant& v : QVariantList{item.kind, item.version, item.payload, item.sha256, item.publishedAt})
        q.addBindValue(v);
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

} // namespace oneseal::db
