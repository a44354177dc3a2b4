#include "HubEventLog.h"

#include "db/ChainCheckpoints.h"
#include "db/EventReader.h"
#include "db/hub/HubRecoveryRepository.h"
#include "db/hub/HubWorkstationRepository.h"

#include <QHash>
#include <QSqlQuery>

#include <QSet>

#include <algorithm>

namespace oneseal::sync {

namespace {
bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}

QString isoNow(const core::Clock& clock)
{
    return clock.now().toUTC().toString(Qt::ISODate);
}
} // namespace

HubEventLog::HubEventLog(db::Database& database, const QString& hubWorkstation, const core::Clock& clock)
    : m_database(database)
    , m_clock(clock)
    , m_events(std::make_unique<db::EventStore>(database, hubWorkstation, clock))
    , m_hlc(clock)
{
    // No projection is registered: the hub stores and relays events, the workstations fold them.
    m_hlc.restoreSeen(db::EventReader::maxHlc(database.sql()));
}

void HubEventLog::setClockMarginMs(qint64 ms)
{
    m_hlc.setMaxAheadMs(ms);
}

bool HubEventLog::appendHubEvent(const QString& kind, const QCborMap& payload, const QString& userId, QString* error)
{
    const auto e = m_events->append(QString(), kind, payload, userId, error);
    return e && acknowledgeOwn(*e, error);
}

bool HubEventLog::acknowledgeOwn(const core::Event& event, QString* error)
{
    return m_events->markSent(event.id, nextServerSeq(), error);
}

std::optional<PushOutcome> HubEventLog::push(const QString& workstation, const QList<core::Event>& events, QString* error,
                                             bool relay)
{
    return store(workstation, events, relay, true, error);
}

std::optional<PushOutcome> HubEventLog::pushEndingRound(const QString& workstation, const QList<core::Event>& events,
                                                        const RoundBound& round, QString* error, bool relay)
{
    return store(workstation, events, relay, true, error, &round);
}

std::optional<PushOutcome> HubEventLog::importEvents(const QList<core::Event>& events, bool checkClock, QString* error)
{
    return store(QString(), events, true, checkClock, error);
}

std::optional<PushOutcome> HubEventLog::store(const QString& workstation, const QList<core::Event>& events, bool relay,
                                              bool checkClock, QString* error, const RoundBound* round)
{
    const QSqlDatabase sql = m_database.sql();
    db::Transaction tx(sql);
    if (!tx.isActive()) {
        fail(error, tx.errorText());
        return std::nullopt;
    }
    db::HubWorkstationRepository workstations(sql);
    db::HubRecoveryRepository recovery(sql);
    // Each workstation's chain head: the pusher's from its enrollment, a relayed one's from the events
    // stored. A workstation enrolled at a rebuilt hub has no head in its enrollment yet: its chain
    // continues from the last event of it that the hub holds (docs/OPERATIONS.md, "Rebuild").
    QHash<QString, QByteArray> heads;
    if (!workstation.isEmpty()) {
        QString why;
        const auto enrolled = workstations.byId(workstation, &why);
        if (!enrolled) {
            fail(error, why.isEmpty() ? tr("Workstation %1 is not enrolled at this hub.").arg(workstation) : why);
            return std::nullopt;
        }
        if (enrolled->chainHead.isEmpty()) {
            const auto head = recovery.chainHeadOf(workstation, error);
            if (!head)
                return std::nullopt;
            heads.insert(workstation, *head);
        } else {
            heads.insert(workstation, enrolled->chainHead);
        }
    }
    QHash<QString, qint64> storedBy;
    QHash<QString, qint64> lastSeqOf;
    PushOutcome outcome;
    QList<core::Event> fresh;
    QSet<QUuid> seen;
    qint64 next = nextServerSeq();
    const qint64 nowMs = m_clock.nowMs();
    quint64 maxHlc = 0;
    for (core::Event e : events) {
        const QString uuid = e.id.toString(QUuid::WithoutBraces);
        if (e.workstation != workstation && !relay) {
            fail(error, tr("Workstation %1 pushed event %2 of workstation %3; only its own events are accepted.")
                            .arg(workstation, uuid, e.workstation));
            return std::nullopt;
        }
        if (!e.hashIsValid()) {
            fail(error, tr("Event %1 does not match its hash.").arg(uuid));
            return std::nullopt;
        }
        if (seen.contains(e.id))
            continue;
        seen.insert(e.id);
        if (const auto stored = m_events->stored(e.id)) {
            if (stored->hash != e.hash) {
                fail(error, tr("Event %1 was pushed again with other content.").arg(uuid));
                return std::nullopt;
            }
            outcome.acks.append({e.id, stored->serverSeq});
            ++outcome.duplicates;
            continue;
        }
        if (checkClock && !core::HybridLogicalClock::admissible(e.hlc, nowMs, m_hlc.maxAheadMs())) {
            const qint64 aheadHours = (core::HybridLogicalClock::millis(e.hlc) - nowMs) / 3600000;
            fail(error, tr("Event %1 carries a clock %2 hours ahead of the hub's; at most %3 hours are accepted. "
                           "Correct this workstation's date and time: its events are sent once the hub's clock "
                           "has caught up with them.")
                            .arg(uuid)
                            .arg(aheadHours)
                            .arg(m_hlc.maxAheadMs() / 3600000));
            return std::nullopt;
        }
        if (!heads.contains(e.workstation)) {
            const auto head = recovery.chainHeadOf(e.workstation, error);
            if (!head)
                return std::nullopt;
            heads.insert(e.workstation, *head);
        }
        if (e.prevHash != heads.value(e.workstation)) {
            fail(error, tr("Event %1 does not follow the last event the hub has from workstation %2 (its hash chain "
                           "is broken or events are missing).")
                            .arg(uuid, e.workstation));
            return std::nullopt;
        }
        heads[e.workstation] = e.hash;
        ++storedBy[e.workstation];
        e.serverSeq = next++;
        lastSeqOf[e.workstation] = e.serverSeq;
        outcome.acks.append({e.id, e.serverSeq});
        if (core::HybridLogicalClock::millis(e.hlc) > nowMs + kClockAheadMs)
            outcome.clockAhead = true;
        maxHlc = std::max(maxHlc, e.hlc);
        fresh << e;
    }
    if (!fresh.isEmpty()) {
        // Each hash was checked above and none is stored yet: stored without looking again. The rules
        // run inside: a refused event is kept (its chain goes on) and relayed, but counts nowhere.
        const auto applied = m_events->applyRemoteChecked(fresh, error);
        if (!applied)
            return std::nullopt;
        outcome.quarantined = applied->quarantined;
        outcome.quarantineReasons = applied->quarantineReasons;
        QList<core::Event> admitted;
        for (const core::Event& e : std::as_const(fresh))
            if (!applied->quarantinedIds.contains(e.id))
                admitted << e;
        if (m_storedHook && !m_storedHook(admitted, error))
            return std::nullopt;
        for (auto it = storedBy.cbegin(); it != storedBy.cend(); ++it)
            if (!workstations.advanceChain(it.key(), heads.value(it.key()), it.value(), isoNow(m_clock), error))
                return std::nullopt;
        // The pusher's chain as the hub now holds it, signed (docs/SECURITY.md, "Checkpoints"), for
        // verify-audit. Its bound is the one the chain had: events pushed in one round may have been
        // written before the round began, so only the round's checkpoint (signRound) moves it on.
        if (!workstation.isEmpty() && lastSeqOf.contains(workstation) && m_checkpointKey.hasPrivateKey()) {
            db::ChainCheckpoints held(sql);
            core::ChainCheckpoint cp;
            if (round && round->givenHlc > 0 && round->givenAt.isValid()) {
                // The last push of a round (pushEndingRound): the round's own checkpoint.
                cp = roundCheckpoint(workstation, lastSeqOf.value(workstation), heads.value(workstation), *round);
            } else {
                if (const auto before = held.newestOf(workstation)) {
                    cp = *before;
                } else { // none yet: no bound
                    cp.hubTime = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
                    cp.marginMs = 0;
                }
                cp.workstation = workstation;
                cp.serverSeq = lastSeqOf.value(workstation);
                cp.head = heads.value(workstation);
                cp.sign(m_checkpointKey);
            }
            if (!held.store(cp, error))
                return std::nullopt;
            outcome.checkpoint = cp;
        }
    }
    if (!tx.commit(error))
        return std::nullopt;
    outcome.stored = int(fresh.size());
    if (maxHlc)
        m_hlc.receive(maxHlc);
    return outcome;
}

std::optional<core::ChainCheckpoint> HubEventLog::signRound(const QString& workstation, const QDateTime& givenAt,
                                                             quint64 givenHlc, bool pushed, QString* error)
{
    if (!m_checkpointKey.hasPrivateKey() || !givenAt.isValid())
        return std::nullopt;
    const QSqlDatabase sql = m_database.sql();
    QSqlQuery q(sql);
    q.prepare(QStringLiteral("SELECT server_seq, hash FROM events WHERE workstation = ? ORDER BY seq DESC LIMIT 1"));
    q.addBindValue(workstation);
    if (!q.exec() || !q.next() || q.value(0).isNull())
        return std::nullopt; // no chain yet (or its end not numbered): nothing to bound
    const core::ChainCheckpoint cp =
        roundCheckpoint(workstation, q.value(0).toLongLong(), q.value(1).toByteArray(), RoundBound{givenAt, givenHlc});
    q.finish();
    db::ChainCheckpoints held(sql);
    // An idle round (nothing stored this round) that finds the chain's end and a recent checkpoint
    // of it signs none again, so that 60 workstations syncing every few seconds write no row per
    // round; unless a user was disabled since (from then on, HubReference::usersSnapshot).
    if (const auto newest = held.newestOf(workstation);
        !pushed && newest && newest->serverSeq == cp.serverSeq && newest->hlc >= cp.hlc
        && newest->hubTime.msecsTo(cp.hubTime) < kRoundCheckpointEveryMs) {
        QSqlQuery disabled(sql);
        disabled.setForwardOnly(true);
        bool since = false;
        if (disabled.exec(QStringLiteral("SELECT updated_at FROM users WHERE active = 0")))
            while (!since && disabled.next())
                since = QDateTime::fromString(disabled.value(0).toString(), Qt::ISODateWithMs) > newest->hubTime;
        if (!since)
            return std::nullopt;
    }
    if (!held.store(cp, error, true))
        return std::nullopt;
    return cp;
}

core::ChainCheckpoint HubEventLog::roundCheckpoint(const QString& workstation, qint64 serverSeq, const QByteArray& head,
                                                   const RoundBound& round) const
{
    core::ChainCheckpoint cp;
    cp.workstation = workstation;
    cp.serverSeq = serverSeq;
    cp.head = head;
    cp.hubTime = round.givenAt.toUTC();
    cp.marginMs = m_backdatingMarginMs;
    // A workstation bounds a remote clock to its wall clock + kMaxAheadMs when it merges it: one whose
    // clock is behind the hub's by less than the margin has merged at least this much.
    cp.hlc = std::min(round.givenHlc, core::HybridLogicalClock::bound(round.givenAt.toMSecsSinceEpoch() - m_backdatingMarginMs,
                                                                      core::HybridLogicalClock::kMaxAheadMs));
    cp.sign(m_checkpointKey);
    return cp;
}

HubEventLog::Wire HubEventLog::toWire(const core::Event& event)
{
    return Wire{Protocol::encodeEvent(event), event.serverSeq, event.payloadCbor.size() + 256, event.workstation};
}

QList<HubEventLog::Wire> HubEventLog::wireBetween(qint64 after, qint64 through, int limit) const
{
    QList<Wire> out;
    // Older than the cache: from the database.
    if (after < m_wireBase) {
        for (const core::Event& e : m_events->eventsBetween(after, std::min(through, m_wireBase), limit))
            out << toWire(e);
        if (out.size() >= limit)
            return out;
        after = m_wireBase;
    }
    for (auto it = m_wire.upper_bound(after); it != m_wire.end() && it->first <= through && out.size() < limit; ++it)
        out << it->second;
    return out;
}

HubEventLog::PullReply HubEventLog::pull(qint64 after, int limit, qint64 maxBytes, const SeqRanges& skip) const
{
    const qint64 newest = m_events->maxServerSeq();
    // Bring the cache up to the newest event (those pushed since, or appended by oneseal-admin).
    if (m_wireThrough < 0 || newest < m_wireThrough) { // first use, or the database is not what was cached
        m_wire.clear();
        m_wireBase = m_wireThrough = newest;
    }
    while (m_wireThrough < newest) {
        const QList<core::Event> fresh = m_events->eventsBetween(m_wireThrough, newest, 5000);
        if (fresh.isEmpty())
            break;
        for (const core::Event& e : fresh)
            m_wire.emplace(e.serverSeq, toWire(e));
        m_wireThrough = fresh.constLast().serverSeq;
    }
    while (m_wire.size() > size_t(kWireCache)) {
        m_wireBase = m_wire.begin()->first;
        m_wire.erase(m_wire.begin());
    }

    // The stretches between the skipped runs, in order, until limit + 1 events are read (one more
    // than asked tells whether there are others).
    QList<Wire> wire;
    qint64 from = after;
    qsizetype next = 0;
    while (wire.size() <= limit && from < newest) {
        while (next < skip.ranges().size() && skip.ranges().at(next).first <= from + 1) {
            from = std::max(from, skip.ranges().at(next).second);
            ++next;
        }
        if (from >= newest)
            break;
        const qint64 upTo = next < skip.ranges().size() ? skip.ranges().at(next).first - 1 : newest;
        wire += wireBetween(from, upTo, limit + 1 - int(wire.size()));
        if (wire.size() > limit)
            break;
        from = upTo;
    }
    PullReply reply;
    reply.more = wire.size() > limit;
    if (reply.more)
        wire.resize(limit);
    qint64 bytes = 0;
    for (int i = 0; i < wire.size(); ++i) {
        bytes += wire.at(i).bytes;
        if (bytes > maxBytes && i > 0) {
            wire.resize(i);
            reply.more = true;
            break;
        }
    }
    // All of (after, newest] is covered unless the reply was cut: then up to its last event.
    reply.through = reply.more ? wire.constLast().serverSeq : std::max(after, newest);
    // The checkpoints of the stretch, which the workstation stores before it admits the events; at
    // most kMaxCheckpointsPerPull, the reply then ends at the last one.
    QList<core::ChainCheckpoint> checkpoints =
        db::ChainCheckpoints(m_database.sql()).between(after, reply.through, kMaxCheckpointsPerPull + 1);
    if (checkpoints.size() > kMaxCheckpointsPerPull) {
        checkpoints.resize(kMaxCheckpointsPerPull);
        reply.through = checkpoints.constLast().serverSeq;
        reply.more = true;
        while (!wire.isEmpty() && wire.constLast().serverSeq > reply.through)
            wire.removeLast();
    }
    for (const core::ChainCheckpoint& cp : std::as_const(checkpoints))
        reply.checkpoints.append(cp.toCbor());
    // And the checkpoint that governs each chain's first event here when it is numbered before the
    // stretch and was signed again after its event was stored (signRound): the workstation may hold
    // an older signature of it. One signed with its event came with the event (in range).
    QSet<QString> governed;
    const db::ChainCheckpoints held(m_database.sql());
    for (const Wire& w : std::as_const(wire)) {
        if (governed.contains(w.workstation))
            continue;
        governed.insert(w.workstation);
        if (const auto cp = held.renewedBefore(w.workstation, w.serverSeq); cp && cp->serverSeq <= after)
            reply.checkpoints.append(cp->toCbor());
    }
    for (const Wire& w : std::as_const(wire))
        reply.events.append(w.value);
    return reply;
}

} // namespace oneseal::sync
