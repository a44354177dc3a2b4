#include "ClockRepair.h"

#include "core/EventAdmission.h"
#include "core/Failed.h"
#include "core/HybridLogicalClock.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSet>

#include <limits>

namespace oneseal::db {

namespace {
using core::failed;

/** Whether the hub takes this clock: not wrapped past 2^63, not beyond the margin. */
bool acceptable(quint64 hlc, qint64 nowMs, qint64 marginMs)
{
    return hlc <= quint64(std::numeric_limits<qint64>::max()) && core::HybridLogicalClock::admissible(hlc, nowMs, marginMs);
}

bool sqlFail(QString* error, const QSqlQuery& q)
{
    if (error)
        *error = q.lastError().text();
    return false;
}

std::optional<int> sqlFailed(QString* error, const QSqlQuery& q)
{
    sqlFail(error, q);
    return std::nullopt;
}
} // namespace

std::optional<ClockRepairPlan> ClockRepair::plan(EventStore& store, qint64 nowMs, qint64 marginMs, QString* error)
{
    const QSqlDatabase db = store.database().sql();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + EventReader::columns()
              + QStringLiteral(" FROM events WHERE workstation = ? AND server_seq IS NULL ORDER BY seq"));
    q.addBindValue(store.workstation());
    if (!q.exec()) {
        sqlFail(error, q);
        return std::nullopt;
    }
    ClockRepairPlan plan;
    while (q.next()) {
        const core::Event e = EventReader::fromQuery(q);
        const bool bad = !acceptable(e.hlc, nowMs, marginMs);
        if (plan.events.isEmpty() && !bad)
            continue; // before the first bad clock: left as it is
        plan.events << e;
        plan.badClocks += bad ? 1 : 0;
        if (!e.signature.isEmpty())
            plan.signingKeys.insert(e.keyId, e.userId);
    }
    return plan;
}

std::optional<int> ClockRepair::apply(EventStore& store, const ClockRepairPlan& plan,
                                      const QHash<QString, core::SealKey>& signers, qint64 nowMs, qint64 marginMs,
                                      QString* error)
{
    if (plan.events.isEmpty())
        return 0;
    for (auto it = plan.signingKeys.cbegin(); it != plan.signingKeys.cend(); ++it)
        if (!signers.value(it.key()).hasPrivateKey())
            return failed<int>(error, tr("The events of user %1 are signed with key %2: their password is needed to "
                                         "sign them again.")
                                          .arg(it.value(), it.key()));
    const QSqlDatabase db = store.database().sql();
    Transaction tx(db);
    if (!tx.isActive())
        return failed<int>(error, tx.errorText());
    QSqlQuery q(db);
    // The chain goes on from the last own event before the first one re-stamped.
    q.prepare(QStringLiteral("SELECT hash FROM events WHERE workstation = ? AND seq < "
                             "(SELECT seq FROM events WHERE uuid = ?) ORDER BY seq DESC LIMIT 1"));
    q.addBindValue(store.workstation());
    q.addBindValue(plan.events.first().id.toString(QUuid::WithoutBraces));
    if (!q.exec())
        return sqlFailed(error, q);
    QByteArray previous = q.next() ? q.value(0).toByteArray() : QByteArray();
    // New clocks: now, and after every clock here the hub would take (so they fold after what was seen).
    const quint64 bound = core::HybridLogicalClock::bound(nowMs, marginMs);
    q.prepare(QStringLiteral("SELECT coalesce(max(hlc), 0) FROM events WHERE hlc >= 0 AND hlc <= ?"));
    q.addBindValue(qint64(bound));
    if (!q.exec() || !q.next())
        return sqlFailed(error, q);
    quint64 next = std::max(core::HybridLogicalClock::pack(nowMs, 0), quint64(q.value(0).toLongLong()) + 1);
    if (!q.exec(QStringLiteral("INSERT INTO event_restamping(reason) VALUES('clock repair')")))
        return sqlFailed(error, q);
    q.prepare(QStringLiteral("UPDATE events SET hlc = ?, prev_hash = ?, hash = ?, signature = ?, key_id = ? "
                             "WHERE uuid = ? AND server_seq IS NULL"));
    for (core::Event e : plan.events) {
        e.hlc = next++;
        e.prevHash = previous;
        e.hash = e.computeHash();
        if (!e.signature.isEmpty())
            core::EventAdmission::sign(e, signers.value(e.keyId));
        q.addBindValue(qint64(e.hlc));
        q.addBindValue(e.prevHash.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(e.prevHash));
        q.addBindValue(e.hash);
        q.addBindValue(e.signature.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(e.signature));
        q.addBindValue(e.keyId.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(e.keyId));
        q.addBindValue(e.id.toString(QUuid::WithoutBraces));
        if (!q.exec())
            return sqlFailed(error, q);
        if (q.numRowsAffected() != 1)
            return failed<int>(error, tr("Event %1 was sent meanwhile; nothing was changed.")
                                          .arg(e.id.toString(QUuid::WithoutBraces)));
        previous = e.hash;
    }
    if (!q.exec(QStringLiteral("DELETE FROM event_restamping")))
        return sqlFailed(error, q);
    // The clock this database remembers having seen goes back within the margin too.
    if (store.database().meta(QStringLiteral("hlc_seen")).toULongLong() > bound
        && !store.database().setMeta(QStringLiteral("hlc_seen"), QString::number(next - 1), error))
        return std::nullopt;
    // Every projection is folded again: those keyed by case, and those that keep the clock of what
    // they hold (applicants keep the latest registration by clock).
    if (!store.rebuildProjections(error) || !tx.commit(error))
        return std::nullopt;
    return int(plan.events.size());
}

} // namespace oneseal::db
