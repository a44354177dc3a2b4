#include "EventStore.h"

#include "EventReader.h"
#include "SelectIn.h"
#include "UserDirectory.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <memory>

#include <sqlite3.h>

namespace oneseal::db {

namespace {
const QString kUnsentOrder = QStringLiteral(" ORDER BY hlc, workstation, seq");
const QString kServerOrder = QStringLiteral(" ORDER BY server_seq");
/** meta key: the highest HLC received from other workstations (keeps every local clock ahead of it). */
const QString kHlcSeen = QStringLiteral("hlc_seen");

bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}

} // namespace

EventStore::EventStore(Database& database, QString workstation, const core::Clock& clock)
    : m_database(&database)
    , m_workstation(std::move(workstation))
    , m_clock(&clock)
    , m_hlc(clock)
{
    // The latest of all events, others' too: bounded (a far-future event from elsewhere does not
    // drag this clock along); this workstation's own latest is restored unbounded in append().
    m_hlc.restoreSeen(EventReader::maxHlc(database.sql()));
}

void EventStore::restoreClock()
{
    // Another connection (the sync engine) may have received later timestamps since we started.
    const QString seen = m_database->meta(kHlcSeen);
    if (!seen.isEmpty())
        m_hlc.restoreSeen(seen.toULongLong());
}

void EventStore::addProjection(std::shared_ptr<Projection> projection)
{
    m_projections.push_back(std::move(projection));
}

std::optional<core::Event> EventStore::append(const QString& caseId, const QString& kind, const QCborMap& payload,
                                              const QString& userId, QString* error)
{
    if (kind.trimmed().isEmpty() || userId.trimmed().isEmpty() || m_workstation.isEmpty()) {
        if (error)
            *error = tr("An event needs a kind, a user and a workstation.");
        return std::nullopt;
    }
    if (!m_database->inTransaction()) {
        // Outside a transaction the event and its projections would be committed separately.
        if (error)
            *error = tr("An event can only be appended inside a transaction.");
        return std::nullopt;
    }
    const QSqlDatabase db = m_database->sql();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT hash, hlc FROM events WHERE workstation = ? ORDER BY seq DESC LIMIT 1"));
    q.addBindValue(m_workstation);
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return std::nullopt;
    }
    core::Event e;
    if (q.next()) {
        e.prevHash = q.value(0).toByteArray();
        // Another session of this workstation (a second window) may have written since we started.
        const quint64 latest = quint64(q.value(1).toLongLong());
        if (latest > m_hlc.last())
            m_hlc.restore(latest);
    }
    q.finish();
    restoreClock();
    e.id = QUuid::createUuid();
    e.caseId = caseId;
    e.kind = kind;
    e.setPayload(payload);
    e.userId = userId;
    e.workstation = m_workstation;
    e.hlc = m_hlc.now();
    e.recordedAt = m_clock->now();
    e.hash = e.computeHash();
    if (m_signer.hasPrivateKey()) {
        // A key the directory here has ended since the login (her password changed at another
        // workstation, or reset at the hub, and a sync brought it) signs nothing more: every replica
        // would quarantine the event while this one folded it (docs/SECURITY.md, "Authorship").
        QSqlQuery k(db);
        k.prepare(QStringLiteral("SELECT valid_until FROM user_keys WHERE key_id = ?"));
        k.addBindValue(m_signer.keyId());
        if (k.exec() && k.next() && !k.value(0).isNull()
            && core::Event::timeFromText(k.value(0).toString()) <= e.recordedAt) {
            if (error)
                *error = tr("Your signing key was replaced since you logged in: your password was changed at "
                            "another workstation or reset by the administrator. Log out and log in again with "
                            "the new password; nothing was recorded.");
            return std::nullopt;
        }
        core::EventAdmission::sign(e, m_signer);
    }

    q.prepare(QStringLiteral("INSERT INTO events(uuid, case_id, kind, payload, user_id, workstation, hlc, "
                             "prev_hash, hash, recorded_at, signature, key_id) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(e.id.toString(QUuid::WithoutBraces));
    q.addBindValue(caseId.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(caseId));
    q.addBindValue(kind);
    q.addBindValue(e.payloadCbor);
    q.addBindValue(userId);
    q.addBindValue(m_workstation);
    q.addBindValue(qint64(e.hlc));
    q.addBindValue(e.prevHash.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(e.prevHash));
    q.addBindValue(e.hash);
    q.addBindValue(core::Event::timeText(e.recordedAt));
    q.addBindValue(e.signature.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(e.signature));
    q.addBindValue(e.keyId.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(e.keyId));
    if (!q.exec()) {
        if (error)
            *error = tr("The event could not be stored: %1").arg(q.lastError().text());
        return std::nullopt;
    }
    e.seq = q.lastInsertId().toLongLong();
    if (kind == core::EventAdmission::keyRegisteredKind() && !UserDirectory(db).registerKey(e, error))
        return std::nullopt;
    if (kind == core::EventAdmission::passwordResetKind() && !UserDirectory(db).applyReset(e, error))
        return std::nullopt; // the hub's own reset (HubUsers::resetPassword)
    for (const auto& projection : m_projections)
        if (!projection->apply(db, e, error))
            return std::nullopt;
    return e;
}

QList<core::Event> EventStore::select(const QString& where, const QVariantList& values, const QString& order,
                                      int limit) const
{
    QList<core::Event> events;
    QSqlQuery q(m_database->sql());
    q.setForwardOnly(true);
    QString sql = QStringLiteral("SELECT ") + EventReader::columns() + QStringLiteral(" FROM events ") + where + order;
    if (limit >= 0)
        sql += QStringLiteral(" LIMIT %1").arg(limit);
    q.prepare(sql);
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (!q.exec())
        return events;
    while (q.next())
        events.append(EventReader::fromQuery(q));
    return events;
}

QList<core::Event> EventStore::caseEvents(const QString& caseId) const
{
    return select(QStringLiteral("WHERE case_id = ? AND quarantine IS NULL"), {caseId}, EventReader::foldOrder());
}

QList<core::Event> EventStore::allEvents() const
{
    return select(QString(), {}, EventReader::foldOrder());
}

QList<core::Event> EventStore::unsentEvents(int limit) const
{
    return select(QStringLiteral("WHERE server_seq IS NULL"), {}, kUnsentOrder, limit);
}

QList<core::Event> EventStore::unsentEventsAfter(const core::Event& last, int limit) const
{
    // The push order (hlc, workstation, seq), resumed after the last event already sent.
    return select(QStringLiteral("WHERE server_seq IS NULL AND hlc >= ? AND (hlc > ? OR workstation > ? OR "
                                 "(workstation = ? AND seq > ?))"),
                  {qint64(last.hlc), qint64(last.hlc), last.workstation, last.workstation, last.seq}, kUnsentOrder,
                  limit);
}

qint64 EventStore::unsentCount() const
{
    QSqlQuery q(m_database->sql());
    if (q.exec(QStringLiteral("SELECT count(*) FROM events WHERE server_seq IS NULL")) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

QList<core::Event> EventStore::eventsAfter(qint64 serverSeq, int limit) const
{
    return select(QStringLiteral("WHERE server_seq > ?"), {serverSeq}, kServerOrder, limit);
}

qint64 EventStore::maxServerSeq() const
{
    QSqlQuery q(m_database->sql());
    // The partial index on server_seq serves this (a bare max(server_seq) cannot use it and scans).
    if (q.exec(QStringLiteral("SELECT server_seq FROM events WHERE server_seq IS NOT NULL "
                              "ORDER BY server_seq DESC LIMIT 1"))
        && q.next())
        return q.value(0).toLongLong();
    return 0;
}

QList<core::Event> EventStore::eventsBetween(qint64 after, qint64 through, int limit) const
{
    return select(QStringLiteral("WHERE server_seq > ? AND server_seq <= ?"), {after, through}, kServerOrder, limit);
}

std::optional<EventStore::Stored> EventStore::stored(const QUuid& id) const
{
    QSqlQuery q(m_database->sql());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT hash, server_seq FROM events WHERE uuid = ?"));
    q.addBindValue(id.toString(QUuid::WithoutBraces));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return Stored{q.value(0).toByteArray(), q.value(1).toLongLong()};
}

std::optional<core::Event> EventStore::event(const QUuid& id) const
{
    const auto list = select(QStringLiteral("WHERE uuid = ?"), {id.toString(QUuid::WithoutBraces)}, QString());
    if (list.isEmpty())
        return std::nullopt;
    return list.first();
}

std::optional<RemoteApplyResult> EventStore::applyRemote(const QList<core::Event>& events, QString* error)
{
    return applyRemote(events, false, error);
}

std::optional<RemoteApplyResult> EventStore::applyRemoteChecked(const QList<core::Event>& events, QString* error)
{
    return applyRemote(events, true, error);
}

std::optional<RemoteApplyResult> EventStore::applyRemote(const QList<core::Event>& events, bool checked,
                                                         QString* error)
{
    const QSqlDatabase db = m_database->sql();
    RemoteApplyResult result;
    // Per case: what it held before this batch, and what the batch brought.
    struct CaseBatch
    {
        qint64 maxAcked = 0;
        bool hasUnacked = false;
        bool reordered = false; ///< an own event got its server_seq: its place in the fold may change
        QList<core::Event> fresh;
    };
    QHash<QString, CaseBatch> cases;
    QList<core::Event> hallEvents; // events of no case, applied once to the projections
    quint64 maxHlc = 0;
    // What each case held before, for all of the batch's cases at once (only projections need it;
    // the hub keeps none).
    if (!m_projections.empty()) {
        QStringList ids;
        for (const core::Event& e : events)
            if (!e.caseId.isEmpty())
                ids << e.caseId;
        ids.removeDuplicates();
        const bool read = selectIn(
            db,
            QStringLiteral("SELECT case_id, max(server_seq), count(*) - count(server_seq) FROM events WHERE case_id IN ("),
            QStringLiteral("GROUP BY case_id"), ids,
            [&](const QSqlQuery& q) {
                cases.insert(q.value(0).toString(),
                             CaseBatch{q.value(1).toLongLong(), q.value(2).toLongLong() > 0, false, {}});
            },
            error);
        if (!read)
            return std::nullopt;
        for (const QString& id : std::as_const(ids))
            if (!cases.contains(id))
                cases.insert(id, CaseBatch{});
    }
    // New events are stored together after the loop, several rows per INSERT: each statement copies
    // every page it changes into SQLCipher's encrypted statement journal, so one row per statement
    // paid that for the same pages again and again.
    QList<core::Event> pending;
    QSet<QUuid> pendingIds;
    QSqlQuery find(db);
    find.prepare(QStringLiteral("SELECT hash, server_seq FROM events WHERE uuid = ?"));
    QSqlQuery ack(db);
    ack.prepare(QStringLiteral("UPDATE events SET server_seq = ? WHERE uuid = ? AND server_seq IS NULL"));
    for (const core::Event& e : events) {
        const QString uuid = e.id.toString(QUuid::WithoutBraces);
        if (e.id.isNull() || e.kind.isEmpty() || e.workstation.isEmpty() || e.serverSeq <= 0) {
            fail(error, tr("An event from the hub is incomplete (%1).").arg(uuid));
            return std::nullopt;
        }
        if (!checked && !e.hashIsValid()) {
            fail(error, tr("The event %1 from workstation %2 does not match its hash; it was changed on the way "
                           "and nothing of this batch was stored.")
                            .arg(uuid, e.workstation));
            return std::nullopt;
        }
        CaseBatch* batch = nullptr;
        if (!e.caseId.isEmpty() && !m_projections.empty())
            batch = &cases[e.caseId];
        // Look the event up first: the append-only trigger aborts any INSERT of a uuid already
        // stored (even INSERT OR IGNORE), and a repeated pull or push must be acknowledged, not failed.
        if (checked) {
            pending << e;
        } else {
            find.addBindValue(uuid);
            if (!find.exec()) {
                fail(error, find.lastError().text());
                return std::nullopt;
            }
            if (!find.next()) {
                find.finish();
                if (pendingIds.contains(e.id)) {
                    // Twice in this batch: the same fact only.
                    const auto first = std::find_if(pending.cbegin(), pending.cend(),
                                                    [&](const core::Event& p) { return p.id == e.id; });
                    if (first->hash != e.hash || first->serverSeq != e.serverSeq) {
                        fail(error, tr("The event %1 arrived with other content than the copy already stored; nothing of "
                                       "this batch was stored.")
                                        .arg(uuid));
                        return std::nullopt;
                    }
                    ++result.present;
                } else {
                    pendingIds.insert(e.id);
                    pending << e;
                }
            } else {
                // Already here: the same fact (same hash), which may only now learn its server_seq.
                const QByteArray hash = find.value(0).toByteArray();
                const QVariant serverSeq = find.value(1);
                find.finish();
                if (hash != e.hash) {
                    fail(error, tr("The event %1 arrived with other content than the copy already stored; nothing of "
                                   "this batch was stored.")
                                    .arg(uuid));
                    return std::nullopt;
                }
                if (serverSeq.isNull()) {
                    ack.addBindValue(e.serverSeq);
                    ack.addBindValue(uuid);
                    if (!ack.exec()) {
                        fail(error, tr("The event %1 could not be marked as sent: %2").arg(uuid, ack.lastError().text()));
                        return std::nullopt;
                    }
                    ++result.acknowledged;
                    if (batch)
                        batch->reordered = true;
                } else if (serverSeq.toLongLong() != e.serverSeq) {
                    fail(error, tr("The event %1 has two different hub sequence numbers (%2 and %3).")
                                    .arg(uuid)
                                    .arg(serverSeq.toLongLong())
                                    .arg(e.serverSeq));
                    return std::nullopt;
                } else {
                    ++result.present;
                }
            }
        }
        maxHlc = std::max(maxHlc, e.hlc);
        result.maxServerSeq = std::max(result.maxServerSeq, e.serverSeq);
    }
    // The hall's rules, on every new event in order, before anything of it counts.
    if (!UserDirectory(db).admit(pending, error))
        return std::nullopt;
    if (!insertEvents(pending, error))
        return std::nullopt;
    result.inserted = int(pending.size());
    for (const core::Event& e : std::as_const(pending)) {
        if (!e.quarantine.isEmpty()) {
            ++result.quarantined;
            result.quarantinedIds.insert(e.id);
            result.quarantineReasons << QStringLiteral("%1 (%2): %3")
                                            .arg(e.id.toString(QUuid::WithoutBraces), e.workstation, e.quarantine);
            continue;
        }
        if (e.caseId.isEmpty())
            hallEvents << e;
        else
            cases[e.caseId].fresh << e;
    }
    for (const core::Event& e : hallEvents)
        for (const auto& projection : m_projections)
            if (!projection->apply(db, e, error))
                return std::nullopt;
    QStringList refold;
    QList<const QList<core::Event>*> freshOfEach; // the new events of each case folded on top
    QList<core::Event> lastOfEach;                // the last of each of them, in the same order
    for (auto it = cases.begin(); it != cases.end(); ++it) {
        CaseBatch& batch = *it;
        if (batch.fresh.isEmpty() && !batch.reordered)
            continue;
        result.affectedCases << it.key();
        std::sort(batch.fresh.begin(), batch.fresh.end(),
                  [](const core::Event& a, const core::Event& b) { return a.serverSeq < b.serverSeq; });
        // The common case: the new events come after everything the case had, in fold order (the hub,
        // and a workstation with nothing unsent on the case): fold them on top, as append() does.
        if (batch.reordered || batch.hasUnacked || batch.fresh.first().serverSeq <= batch.maxAcked) {
            refold << it.key();
            continue;
        }
        freshOfEach << &batch.fresh;
        lastOfEach << batch.fresh.constLast();
    }
    // Projection by projection (each over every case), in the projections' order: later ones may
    // read what earlier ones wrote (the back office reads the case number from cases).
    for (const auto& projection : m_projections) {
        if (projection->foldsWholeCase()) {
            if (!projection->foldCases(db, lastOfEach, error))
                return std::nullopt;
            continue;
        }
        if (!projection->applyCasesEvents(db, freshOfEach, error))
            return std::nullopt;
    }
    result.affectedCases.sort();
    refold.sort();
    if (!refoldCases(refold, error))
        return std::nullopt;
    if (maxHlc > m_hlc.last()) {
        m_hlc.receive(maxHlc);
        const QString seen = m_database->meta(kHlcSeen);
        if (maxHlc > seen.toULongLong() && !m_database->setMeta(kHlcSeen, QString::number(maxHlc), error))
            return std::nullopt;
    }
    return result;
}

bool EventStore::insertEvents(QList<core::Event>& events, QString* error)
{
    // Straight on SQLite's API, inside the caller's transaction on the same connection: thousands of
    // rows a batch, and QSqlQuery's binding costs an allocation per value.
    sqlite3* handle = m_database->raw();
    if (!handle)
        return fail(error, tr("The database is not open."));
    // One row per statement: a one-row INSERT into events (no INSERT trigger, see migration 0010)
    // checks its constraints before it writes, so SQLite keeps no statement journal for it. Under
    // SQLCipher that journal meant encrypting a copy of every index page a statement changed, and
    // cost more than the statements themselves.
    static const char sql[] = "INSERT INTO events(uuid, case_id, kind, payload, user_id, workstation, hlc, prev_hash, "
                              "hash, recorded_at, server_seq, signature, key_id, quarantine) "
                              "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, sql, int(sizeof sql), &stmt, nullptr) != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return fail(error, QString::fromUtf8(sqlite3_errmsg(handle)));
    }
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> finalize(stmt, sqlite3_finalize);
    auto text = [stmt](int pos, const QByteArray& utf8) {
        return sqlite3_bind_text(stmt, pos, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    };
    auto blob = [stmt](int pos, const QByteArray& bytes) {
        return sqlite3_bind_blob(stmt, pos, bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT);
    };
    for (core::Event& e : events) {
        int rc = text(1, e.id.toByteArray(QUuid::WithoutBraces));
        if (rc == SQLITE_OK)
            rc = e.caseId.isEmpty() ? sqlite3_bind_null(stmt, 2) : text(2, e.caseId.toUtf8());
        if (rc == SQLITE_OK)
            rc = text(3, e.kind.toUtf8());
        if (rc == SQLITE_OK)
            rc = blob(4, e.payloadCbor);
        if (rc == SQLITE_OK)
            rc = text(5, e.userId.toUtf8());
        if (rc == SQLITE_OK)
            rc = text(6, e.workstation.toUtf8());
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(stmt, 7, sqlite3_int64(e.hlc));
        if (rc == SQLITE_OK)
            rc = e.prevHash.isEmpty() ? sqlite3_bind_null(stmt, 8) : blob(8, e.prevHash);
        if (rc == SQLITE_OK)
            rc = blob(9, e.hash);
        if (rc == SQLITE_OK)
            rc = text(10, core::Event::timeText(e.recordedAt).toUtf8());
        if (rc == SQLITE_OK)
            rc = e.serverSeq > 0 ? sqlite3_bind_int64(stmt, 11, e.serverSeq) : sqlite3_bind_null(stmt, 11);
        if (rc == SQLITE_OK)
            rc = e.signature.isEmpty() ? sqlite3_bind_null(stmt, 12) : blob(12, e.signature);
        if (rc == SQLITE_OK)
            rc = e.keyId.isEmpty() ? sqlite3_bind_null(stmt, 13) : text(13, e.keyId.toUtf8());
        if (rc == SQLITE_OK)
            rc = e.quarantine.isEmpty() ? sqlite3_bind_null(stmt, 14) : text(14, e.quarantine.toUtf8());
        if (rc == SQLITE_OK)
            rc = sqlite3_step(stmt);
        if (rc != SQLITE_DONE)
            return fail(error, tr("The event %1 could not be stored: %2")
                                   .arg(e.id.toString(QUuid::WithoutBraces), QString::fromUtf8(sqlite3_errmsg(handle))));
        e.seq = sqlite3_last_insert_rowid(handle);
        sqlite3_reset(stmt);
    }
    return true;
}

bool EventStore::refoldCases(const QStringList& caseIds, QString* error)
{
    const QSqlDatabase db = m_database->sql();
    for (const QString& caseId : caseIds) {
        const QList<core::Event> events = EventReader::caseEvents(db, caseId);
        for (const auto& projection : m_projections)
            if (!projection->refoldCase(db, caseId, events, error))
                return false;
    }
    return true;
}

bool EventStore::markSent(const QUuid& id, qint64 serverSeq, QString* error)
{
    const QString uuid = id.toString(QUuid::WithoutBraces);
    QSqlQuery q(m_database->sql());
    q.prepare(QStringLiteral("UPDATE events SET server_seq = ? WHERE uuid = ? AND server_seq IS NULL"));
    q.addBindValue(serverSeq);
    q.addBindValue(uuid);
    if (!q.exec())
        return fail(error, tr("The event %1 could not be marked as sent: %2").arg(uuid, q.lastError().text()));
    if (q.numRowsAffected() == 1)
        return true;
    q.prepare(QStringLiteral("SELECT server_seq FROM events WHERE uuid = ?"));
    q.addBindValue(uuid);
    if (!q.exec())
        return fail(error, q.lastError().text());
    if (!q.next())
        return fail(error, tr("The hub acknowledged the event %1, which is not in this database.").arg(uuid));
    const qint64 current = q.value(0).toLongLong();
    return current == serverSeq
        || fail(error, tr("The event %1 has two different hub sequence numbers (%2 and %3).")
                           .arg(uuid)
                           .arg(current)
                           .arg(serverSeq));
}

qint64 EventStore::count() const
{
    QSqlQuery q(m_database->sql());
    if (q.exec(QStringLiteral("SELECT count(*) FROM events")) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

bool EventStore::rebuildProjections(QString* error)
{
    const QSqlDatabase db = m_database->sql();
    Transaction tx(db);
    if (!tx.isActive()) {
        if (error)
            *error = tx.errorText();
        return false;
    }
    QSqlQuery q(db);
    for (const auto& projection : m_projections)
        for (const QString& table : projection->tables())
            if (!q.exec(QStringLiteral("DELETE FROM ") + db.driver()->escapeIdentifier(table, QSqlDriver::TableName))) {
                if (error)
                    *error = q.lastError().text();
                return false;
            }
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT ") + EventReader::columns() + QStringLiteral(" FROM events WHERE quarantine IS NULL")
                + EventReader::foldOrder())) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    while (q.next()) {
        const core::Event e = EventReader::fromQuery(q);
        for (const auto& projection : m_projections)
            if (!projection->apply(db, e, error))
                return false;
    }
    q.finish();
    return tx.commit(error);
}

QByteArray EventStore::lastHashOf(const QString& workstation) const
{
    QSqlQuery q(m_database->sql());
    q.prepare(QStringLiteral("SELECT hash FROM events WHERE workstation = ? ORDER BY seq DESC LIMIT 1"));
    q.addBindValue(workstation);
    return q.exec() && q.next() ? q.value(0).toByteArray() : QByteArray();
}

bool EventStore::hasEventOf(const QString& workstation, const QByteArray& hash) const
{
    QSqlQuery q(m_database->sql());
    q.prepare(QStringLiteral("SELECT 1 FROM events WHERE workstation = ? AND hash = ? LIMIT 1"));
    q.addBindValue(workstation);
    q.addBindValue(hash);
    return q.exec() && q.next();
}

} // namespace oneseal::db
