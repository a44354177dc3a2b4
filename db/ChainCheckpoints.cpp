#include "ChainCheckpoints.h"

#include <QSqlError>
#include <QSqlQuery>

#include <limits>

namespace oneseal::db {

namespace {
const char* const kColumns = "SELECT workstation, server_seq, head, hub_time, margin_ms, signature, hlc FROM chain_checkpoints ";

core::ChainCheckpoint fromRow(const QSqlQuery& q)
{
    core::ChainCheckpoint c;
    c.workstation = q.value(0).toString();
    c.serverSeq = q.value(1).toLongLong();
    c.head = q.value(2).toByteArray();
    c.hubTime = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs).toUTC();
    c.marginMs = q.value(4).toLongLong();
    c.signature = q.value(5).toByteArray();
    c.hlc = quint64(q.value(6).toLongLong());
    return c;
}

bool run(QSqlQuery& q, QString* error)
{
    if (q.exec())
        return true;
    if (error)
        *error = ChainCheckpoints::tr("The chain checkpoints could not be stored: %1").arg(q.lastError().text());
    return false;
}
} // namespace

bool ChainCheckpoints::store(const core::ChainCheckpoint& c, QString* error, bool renewed)
{
    // One row per chain end: a later round's checkpoint of the same end replaces an earlier one (the
    // times are ISO UTC with milliseconds, so they compare as text). SQLCipher 3.4 has no upsert.
    const QString time = c.hubTime.toUTC().toString(Qt::ISODateWithMs);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE chain_checkpoints SET head = ?, hub_time = ?, margin_ms = ?, signature = ?, hlc = ?, "
                             "renewed = ? WHERE workstation = ? AND server_seq = ? AND hub_time < ?"));
    q.addBindValue(c.head);
    q.addBindValue(time);
    q.addBindValue(c.marginMs);
    q.addBindValue(c.signature);
    q.addBindValue(qint64(c.hlc));
    q.addBindValue(renewed ? 1 : 0);
    q.addBindValue(c.workstation);
    q.addBindValue(c.serverSeq);
    q.addBindValue(time);
    if (!run(q, error))
        return false;
    if (q.numRowsAffected() > 0)
        return true;
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO chain_checkpoints(workstation, server_seq, head, hub_time, margin_ms, "
                             "signature, hlc, renewed) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(c.workstation);
    q.addBindValue(c.serverSeq);
    q.addBindValue(c.head);
    q.addBindValue(time);
    q.addBindValue(c.marginMs);
    q.addBindValue(c.signature);
    q.addBindValue(qint64(c.hlc));
    q.addBindValue(renewed ? 1 : 0);
    return run(q, error);
}

std::optional<core::ChainCheckpoint> ChainCheckpoints::before(const QString& workstation, qint64 serverSeq) const
{
    QSqlQuery q(m_db);
    q.prepare(QLatin1String(kColumns)
              + QStringLiteral("WHERE workstation = ? AND server_seq < ? ORDER BY server_seq DESC LIMIT 1"));
    q.addBindValue(workstation);
    q.addBindValue(serverSeq);
    if (q.exec() && q.next())
        return fromRow(q);
    return std::nullopt;
}

std::optional<core::ChainCheckpoint> ChainCheckpoints::renewedBefore(const QString& workstation, qint64 serverSeq) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT workstation, server_seq, head, hub_time, margin_ms, signature, hlc, renewed FROM "
                             "chain_checkpoints WHERE workstation = ? AND server_seq < ? ORDER BY server_seq DESC LIMIT 1"));
    q.addBindValue(workstation);
    q.addBindValue(serverSeq);
    if (q.exec() && q.next() && q.value(7).toInt() != 0)
        return fromRow(q);
    return std::nullopt;
}

bool ChainCheckpoints::holds(const core::ChainCheckpoint& c) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM chain_checkpoints WHERE workstation = ? AND server_seq = ? AND signature = ?"));
    q.addBindValue(c.workstation);
    q.addBindValue(c.serverSeq);
    q.addBindValue(c.signature);
    return q.exec() && q.next();
}

std::optional<core::ChainCheckpoint> ChainCheckpoints::newestOf(const QString& workstation) const
{
    return before(workstation, std::numeric_limits<qint64>::max());
}

qint64 ChainCheckpoints::firstFrom(const QString& workstation, qint64 serverSeq) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT min(server_seq) FROM chain_checkpoints WHERE workstation = ? AND server_seq >= ?"));
    q.addBindValue(workstation);
    q.addBindValue(serverSeq);
    return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

QList<core::ChainCheckpoint> ChainCheckpoints::between(qint64 after, qint64 through, int limit) const
{
    QList<core::ChainCheckpoint> list;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QLatin1String(kColumns) + QStringLiteral("WHERE server_seq > ? AND server_seq <= ? ORDER BY server_seq LIMIT ?"));
    q.addBindValue(after);
    q.addBindValue(through);
    q.addBindValue(limit);
    if (q.exec())
        while (q.next())
            list << fromRow(q);
    return list;
}

QList<core::ChainCheckpoint> ChainCheckpoints::newest() const
{
    QList<core::ChainCheckpoint> list;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (q.exec(QLatin1String(kColumns)
               + QStringLiteral("c WHERE server_seq = (SELECT max(server_seq) FROM chain_checkpoints WHERE workstation = "
                                "c.workstation) ORDER BY workstation")))
        while (q.next())
            list << fromRow(q);
    return list;
}

bool ChainCheckpoints::keepNewest(QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM chain_checkpoints WHERE server_seq < (SELECT max(server_seq) FROM "
                             "chain_checkpoints c WHERE c.workstation = chain_checkpoints.workstation)"));
    return run(q, error);
}

bool ChainCheckpoints::clearAbove(qint64 serverSeq, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM chain_checkpoints WHERE server_seq > ?"));
    q.addBindValue(serverSeq);
    return run(q, error);
}

namespace {
const QString kHubKeys = QStringLiteral("hub_checkpoint_keys");
constexpr int kRawKey = 32;
constexpr int kMaxHubKeys = 64;
} // namespace

QList<QByteArray> ChainCheckpoints::hubKeys() const
{
    QList<QByteArray> keys;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT value FROM sync_client_state WHERE name = ?"));
    q.addBindValue(kHubKeys);
    if (q.exec() && q.next()) {
        const QByteArray all = q.value(0).toByteArray();
        for (qsizetype at = 0; at + kRawKey <= all.size() && keys.size() < kMaxHubKeys; at += kRawKey)
            keys << all.mid(at, kRawKey);
    }
    return keys;
}

bool ChainCheckpoints::addHubKey(const QByteArray& rawPublicKey, QString* error)
{
    QList<QByteArray> keys = hubKeys();
    if (rawPublicKey.size() != kRawKey || (!keys.isEmpty() && keys.constLast() == rawPublicKey))
        return true;
    keys.removeAll(rawPublicKey);
    keys << rawPublicKey;
    while (keys.size() > kMaxHubKeys)
        keys.removeFirst();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO sync_client_state(name, value) VALUES(?, ?)"));
    q.addBindValue(kHubKeys);
    q.addBindValue(keys.join());
    return run(q, error);
}

} // namespace oneseal::db
