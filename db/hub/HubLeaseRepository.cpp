#include "HubLeaseRepository.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace oneseal::db {

namespace {
bool fail(QString* error, const QSqlQuery& q)
{
    if (error)
        *error = q.lastError().text();
    return false;
}
} // namespace

std::optional<HubLease> HubLeaseRepository::byRequest(const QString& requestId, QString* error) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT kind, block_start, block_end, workstation_id FROM sync_number_leases "
                             "WHERE request_id = ?"));
    q.addBindValue(requestId);
    if (!q.exec()) {
        fail(error, q);
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return HubLease{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toString()};
}

qint64 HubLeaseRepository::nextStart(const QString& kind, QString* error) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT coalesce(max(block_end), 0) + 1 FROM sync_number_leases WHERE kind = ?"));
    q.addBindValue(kind);
    if (!q.exec() || !q.next()) {
        fail(error, q);
        return 0;
    }
    return q.value(0).toLongLong();
}

bool HubLeaseRepository::insert(const HubLease& lease, const QString& requestId, const QString& leasedAt,
                                QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO sync_number_leases(kind, block_start, block_end, workstation_id, request_id, "
                             "leased_at) VALUES(?, ?, ?, ?, ?, ?)"));
    for (const QVariant& v : QVariantList{lease.kind, lease.start, lease.end, lease.workstation, requestId, leasedAt})
        q.addBindValue(v);
    return q.exec() || fail(error, q);
}

QList<HubLease> HubLeaseRepository::ofWorkstation(const QString& workstation) const
{
    QList<HubLease> leases;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT kind, block_start, block_end FROM sync_number_leases WHERE workstation_id = ? "
                             "ORDER BY kind, block_start"));
    q.addBindValue(workstation);
    if (q.exec())
        while (q.next())
            leases.append({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(), workstation});
    return leases;
}

} // namespace oneseal::db
