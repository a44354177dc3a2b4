#include "HubRecoveryRepository.h"

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

std::optional<HubCounts> HubRecoveryRepository::counts(QString* error) const
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM events), "
                               "(SELECT coalesce(max(server_seq), 0) FROM events), "
                               "(SELECT count(*) FROM sync_workstations), (SELECT count(*) FROM sync_number_leases), "
                               "(SELECT count(*) FROM users)"))
        || !q.next()) {
        fail(error, q);
        return std::nullopt;
    }
    return HubCounts{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toLongLong(),
                     q.value(4).toLongLong()};
}

std::optional<QByteArray> HubRecoveryRepository::chainHeadOf(const QString& workstation, QString* error) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT hash FROM events WHERE workstation = ? ORDER BY seq DESC LIMIT 1"));
    q.addBindValue(workstation);
    if (!q.exec()) {
        fail(error, q);
        return std::nullopt;
    }
    return q.next() ? q.value(0).toByteArray() : QByteArray();
}

std::optional<qint64> ServerSeqRenumbering::clearAbove(const QSqlDatabase& db, qint64 base, QString* error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO sync_renumbering(reason) VALUES('hub restored')"));
    if (!q.exec()) {
        fail(error, q);
        return std::nullopt;
    }
    q.prepare(QStringLiteral("UPDATE events SET server_seq = NULL WHERE server_seq > ?"));
    q.addBindValue(base);
    if (!q.exec()) {
        fail(error, q);
        return std::nullopt;
    }
    const qint64 cleared = q.numRowsAffected();
    if (!q.exec(QStringLiteral("DELETE FROM sync_renumbering"))) {
        fail(error, q);
        return std::nullopt;
    }
    return cleared;
}

QStringList ServerSeqRenumbering::casesAbove(const QSqlDatabase& db, qint64 base)
{
    QStringList cases;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT DISTINCT case_id FROM events WHERE server_seq > ? AND case_id IS NOT NULL "
                             "AND case_id <> ''"));
    q.addBindValue(base);
    if (q.exec())
        while (q.next())
            cases << q.value(0).toString();
    return cases;
}

} // namespace oneseal::db
