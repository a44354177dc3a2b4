#include "HubUploadRepository.h"

#include "db/Database.h"

#include <QCborMap>
#include <QCborValue>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace oneseal::db {

namespace {
bool failed(QString* error, const QSqlQuery& q)
{
    if (error)
        *error = q.lastError().text();
    return false;
}
} // namespace

bool HubUploadRepository::isReferenced(const QString& sha256) const
{
    // The hex text appears as such inside the CBOR payload; each candidate is then decoded and its
    // field compared, so a hash mentioned elsewhere in a payload does not count.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT payload FROM events WHERE kind = 'attachment.added' AND instr(payload, ?) > 0"));
    q.addBindValue(sha256.toLatin1());
    if (!q.exec())
        return false;
    while (q.next())
        if (QCborValue::fromCbor(q.value(0).toByteArray()).toMap().value(QStringLiteral("sha256")).toString() == sha256)
            return true;
    return false;
}

qint64 HubUploadRepository::unfinishedBytes(const QString& workstation) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT coalesce(sum(length(p.data)), 0) FROM blob_parts p "
                             "JOIN hub_upload_owners o ON o.sha256 = p.sha256 WHERE o.workstation = ?"));
    q.addBindValue(workstation);
    return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

bool HubUploadRepository::touch(const QString& sha256, const QString& workstation, const QString& now, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO hub_upload_owners(sha256, workstation, started_at, updated_at) "
                             "VALUES(?, ?, ?, ?)"));
    for (const QVariant& v : QVariantList{sha256, workstation, now, now})
        q.addBindValue(v);
    if (!q.exec())
        return failed(error, q);
    q.prepare(QStringLiteral("UPDATE hub_upload_owners SET updated_at = ? WHERE sha256 = ?"));
    q.addBindValue(now);
    q.addBindValue(sha256);
    return q.exec() || failed(error, q);
}

bool HubUploadRepository::forget(const QString& sha256, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM hub_upload_owners WHERE sha256 = ?"));
    q.addBindValue(sha256);
    return q.exec() || failed(error, q);
}

std::optional<qint64> HubUploadRepository::removeStale(const QString& cutoff, QString* error)
{
    Transaction tx(m_db);
    if (!tx.isActive()) {
        if (error)
            *error = tx.errorText();
        return std::nullopt;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM hub_upload_owners WHERE updated_at < ?"));
    q.addBindValue(cutoff);
    if (!q.exec()) {
        failed(error, q);
        return std::nullopt;
    }
    static const QString orphans =
        QStringLiteral(" FROM blob_parts WHERE sha256 NOT IN (SELECT sha256 FROM hub_upload_owners)");
    if (!q.exec(QStringLiteral("SELECT coalesce(sum(length(data)), 0)") + orphans) || !q.next()) {
        failed(error, q);
        return std::nullopt;
    }
    const qint64 bytes = q.value(0).toLongLong();
    q.finish();
    if (!q.exec(QStringLiteral("DELETE") + orphans) || !tx.commit(error)) {
        failed(error, q);
        return std::nullopt;
    }
    return bytes;
}

} // namespace oneseal::db
