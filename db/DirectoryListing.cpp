#include "DirectoryListing.h"

#include "core/Event.h"

#include <QCborMap>
#include <QCborValue>
#include <QSqlError>
#include <QSqlQuery>

namespace oneseal::db {

QList<ListedKey> DirectoryListing::keys(QString* error) const
{
    QList<ListedKey> keys;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT key_id, user_id, valid_from, valid_until FROM user_keys "
                             "ORDER BY user_id, valid_from LIMIT ?"));
    q.addBindValue(kMaxRows);
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return keys;
    }
    while (q.next()) {
        ListedKey k;
        k.keyId = q.value(0).toString();
        k.userId = q.value(1).toString();
        k.validFrom = core::Event::timeFromText(q.value(2).toString());
        if (!q.value(3).isNull())
            k.validUntil = core::Event::timeFromText(q.value(3).toString());
        keys << k;
    }
    return keys;
}

QList<ListedSealEvent> DirectoryListing::sealEvents(QString* error) const
{
    QList<ListedSealEvent> events;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // The same WHERE as the partial index events_seal_grants (migration 0020).
    q.prepare(QStringLiteral("SELECT kind, payload, user_id, recorded_at FROM events WHERE kind IN "
                             "('seal_key.granted', 'seal_key.revoked', 'seal_key.rewrapped') AND quarantine IS NULL "
                             "ORDER BY recorded_at, seq LIMIT ?"));
    q.addBindValue(kMaxRows);
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return events;
    }
    while (q.next()) {
        const QCborMap p = QCborValue::fromCbor(q.value(1).toByteArray()).toMap();
        ListedSealEvent e;
        e.kind = q.value(0).toString();
        e.userId = p.value(QStringLiteral("user_id")).toString();
        e.authorId = q.value(2).toString();
        e.sealKeyId = p.value(QStringLiteral("seal_key_id")).toString();
        e.sealPublic = p.value(QStringLiteral("seal_public_key")).toByteArray();
        e.reasons = p.value(QStringLiteral("reasons")).toString().left(4000);
        e.at = core::Event::timeFromText(q.value(3).toString());
        events << e;
    }
    return events;
}

} // namespace oneseal::db
