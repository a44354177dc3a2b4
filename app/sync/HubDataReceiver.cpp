#include "HubDataReceiver.h"
#include "core/CborInteger.h"

#include "ClientState.h"
#include "core/CaseNumber.h"
#include "core/Catalog.h"
#include "core/Crypto.h"
#include "core/PasswordSlot.h"
#include "db/CalendarRepository.h"
#include "db/CatalogRepository.h"
#include "db/Database.h"
#include "db/IntakeRepository.h"
#include "db/ReferenceRepository.h"

#include <QCborValue>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>

namespace oneseal::sync {

namespace {
bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}

const QString kLeasePrefix = QStringLiteral("lease_request_");
} // namespace

bool HubDataReceiver::applyReferenceData(const QCborArray& items, const QCborArray& catalogItems, int* referenceItems,
                                         int* catalogCount, QString* error)
{
    for (const QCborValue& v : items) {
        db::Transaction tx(m_db);
        if (!tx.isActive() || !applyItem(v.toMap(), error) || !tx.commit(error))
            return false;
        if (referenceItems)
            ++*referenceItems;
    }
    db::CatalogRepository catalogs(m_db);
    const QList<int> have = catalogs.versions();
    QList<QPair<qint64, QByteArray>> received;
    for (const QCborValue& v : catalogItems) {
        const qint64 version = core::cborInteger(v.toMap().value(QStringLiteral("version")));
        if (!have.contains(int(version)))
            received.append({version, v.toMap().value(QStringLiteral("json")).toByteArray()});
    }
    std::sort(received.begin(), received.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [version, json] : received) {
        QString why;
        const auto catalog = core::Catalog::fromJson(json, &why);
        if (!catalog || catalog->version != version || !catalogs.import(*catalog, &why))
            return fail(error, tr("Catalog version %1 from the hub was not taken: %2").arg(version).arg(why));
        if (catalogCount)
            ++*catalogCount;
    }
    return true;
}

bool HubDataReceiver::applyItem(const QCborMap& item, QString* error)
{
    const QString kind = item.value(QStringLiteral("kind")).toString();
    const qint64 version = core::cborInteger(item.value(QStringLiteral("version")));
    const QByteArray payload = item.value(QStringLiteral("payload")).toByteArray();
    const QString hash = item.value(QStringLiteral("sha256")).toString();
    if (kind.isEmpty() || kind.size() > 64 || version <= 0
        || QString::fromLatin1(core::crypto::sha256(payload).toHex()) != hash)
        return fail(error, tr("A reference data item from the hub is damaged."));
    if (!db::ReferenceRepository(m_db).insert(
            {kind, version, payload, hash, item.value(QStringLiteral("published_at")).toString()}, true, error))
        return false;
    if (kind == QLatin1String("holidays"))
        return applyCalendar(payload, error);
    if (kind != QLatin1String("users"))
        return true; // templates and seal keys are read from sync_reference where they are used
    // Users and roles come from the hub: it is authoritative for them (key slots stay local).
    const QDateTime nowTime = m_clock->now().toUTC();
    const QString now = nowTime.toString(Qt::ISODate);
    QSqlQuery q(m_db);
    // No password hash is taken: an older hub may still send one; the workstation keeps none
    // (docs/SECURITY.md, "What travels"). A slot key or auth key that is not one is not kept.
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO users(id, username, display_name, password_hash, roles, active, "
                             "created_at, updated_at, auth_key, must_change, slot_key) VALUES(?, ?, ?, '', ?, ?, "
                             "coalesce((SELECT created_at FROM users WHERE id = ?), ?), ?, ?, ?, ?)"));
    for (const QCborValue& v : QCborValue::fromCbor(payload).toArray()) {
        const QCborMap u = v.toMap();
        const QString id = u.value(QStringLiteral("id")).toString();
        if (id.isEmpty() || u.value(QStringLiteral("username")).toString().isEmpty())
            return fail(error, tr("A user from the hub has no id or name."));
        const bool active = u.value(QStringLiteral("active")).toBool();
        // A disabled user: since when, as the hub says (not when the snapshot arrived here), so that
        // every replica refuses the same events of theirs. Never later than now.
        QString updatedAt = now;
        const QDateTime disabledAt =
            QDateTime::fromString(u.value(QStringLiteral("disabled_at")).toString(), Qt::ISODateWithMs);
        if (!active && disabledAt.isValid())
            updatedAt = std::min(disabledAt.toUTC(), nowTime).toString(Qt::ISODateWithMs);
        for (const QVariant& value :
             QVariantList{id, u.value(QStringLiteral("username")).toString(),
                          u.value(QStringLiteral("display_name")).toString(),
                          u.value(QStringLiteral("roles")).toString(), active, id, now, updatedAt,
                          u.value(QStringLiteral("auth_key")).isString()
                              ? QVariant(u.value(QStringLiteral("auth_key")).toString().left(512))
                              : QVariant(),
                          u.value(QStringLiteral("must_change")).toBool(),
                          core::PasswordSlot::parse(u.value(QStringLiteral("slot_key")).toString())
                              ? QVariant(u.value(QStringLiteral("slot_key")).toString())
                              : QVariant()})
            q.addBindValue(value);
        if (!q.exec())
            return fail(error, q.lastError().text());
    }
    return true;
}

bool HubDataReceiver::applyCalendar(const QByteArray& payload, QString* error)
{
    // The hub's imported years (HubReference::publishCalendar): each checked here as an import is,
    // all or none (the caller's transaction).
    const QCborArray years = QCborValue::fromCbor(payload).toArray();
    if (years.size() > kMaxCalendarYears)
        return fail(error, tr("The holiday calendar from the hub lists %1 years, more than %2.")
                               .arg(years.size())
                               .arg(kMaxCalendarYears));
    db::CalendarRepository repository(m_db);
    for (const QCborValue& v : years) {
        const QByteArray json = v.toMap().value(QStringLiteral("json")).toByteArray();
        QString why;
        if (!repository.import(json, QStringLiteral("hub"), m_clock->now(), &why))
            return fail(error, tr("The holiday calendar from the hub was not taken: %1").arg(why));
    }
    return true;
}

std::optional<QList<QPair<QString, QString>>> HubDataReceiver::leaseRequests(QString* error)
{
    QList<QPair<QString, QString>> requests;
    for (const QString& kind : {core::numbering::caseKind, core::numbering::certificateKind}) {
        if (db::NumberBlocks(m_db).remaining(kind) >= core::numbering::kRefillWhenLeft)
            continue;
        // The request id is kept until the block is stored: a retry after a lost answer gets the same block.
        QByteArray requestId = ClientState(m_db).value(kLeasePrefix + kind);
        if (requestId.isEmpty()) {
            requestId = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
            if (!ClientState(m_db).setValue(kLeasePrefix + kind, requestId, error))
                return std::nullopt;
        }
        requests.append({kind, QString::fromLatin1(requestId)});
    }
    return requests;
}

bool HubDataReceiver::storeLease(const QString& kind, qint64 start, qint64 end, QString* error)
{
    if ((kind != core::numbering::caseKind && kind != core::numbering::certificateKind) || start <= 0 || end < start)
        return fail(error, tr("The hub sent an unreadable number block."));
    db::Transaction tx(m_db);
    if (!tx.isActive())
        return fail(error, tx.errorText());
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM number_blocks WHERE kind = ? AND block_start = ? AND block_end = ?"));
    q.addBindValue(kind);
    q.addBindValue(start);
    q.addBindValue(end);
    const bool held = q.exec() && q.next() && q.value(0).toInt() > 0;
    q.finish();
    return (held || db::NumberBlocks(m_db).addBlock(kind, start, end, error))
        && ClientState(m_db).setValue(kLeasePrefix + kind, QByteArray(), error) && tx.commit(error);
}

} // namespace oneseal::sync
