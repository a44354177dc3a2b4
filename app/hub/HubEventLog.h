#pragma once

#include "core/ChainCheckpoint.h"
#include "core/Clock.h"
#include "core/SealKey.h"
#include "core/Event.h"
#include "core/HybridLogicalClock.h"
#include "db/EventStore.h"
#include "protocol/Protocol.h"

#include <QCborArray>
#include <QCborValue>
#include <QCoreApplication>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace oneseal::sync {

/** The outcome of a push: every event's server_seq, new or already stored. */
struct PushOutcome
{
    QList<QPair<QUuid, qint64>> acks;
    int stored = 0;
    int duplicates = 0;
    bool clockAhead = false; ///< an event's clock is far ahead of the hub's
    int quarantined = 0;     ///< stored but refused by the hall's rules (core::EventAdmission)
    QStringList quarantineReasons;
    std::optional<core::ChainCheckpoint> checkpoint; ///< signed for the pusher's chain when it stored events
};

/**
 * The hub's event log: stores pushed events once each with the next server_seq (checking hashes and
 * each workstation's hash chain), answers pulls (the newest events kept in wire form), appends the
 * hub's own events, and keeps the hub's hybrid logical clock. Its EventStore folds nothing: the hub
 * registers no projection.
 */
class HubEventLog
{
    Q_DECLARE_TR_FUNCTIONS(HubStore)

public:
    /** An event whose clock is this far ahead of the hub's is flagged. */
    static constexpr qint64 kClockAheadMs = 5 * 60 * 1000;
    /** How many of the newest events are kept in wire form. */
    static constexpr int kWireCache = 5000;
    /** Called inside a push's transaction with the events it stored (the users job takes password changes). */
    using StoredHook = std::function<bool(const QList<core::Event>& stored, QString* error)>;

    HubEventLog(db::Database& database, const QString& hubWorkstation, const core::Clock& clock);

    db::EventStore& events() const { return *m_events; }
    const core::Clock& clock() const { return m_clock; }
    /**
     * Events whose clock is more than this far ahead of the hub's wall clock are refused (default
     * core::HybridLogicalClock::kMaxAheadMs, 24 hours; the hub's setting clock_margin_hours); the
     * hub's own clock merges nothing beyond it either.
     */
    void setClockMarginMs(qint64 ms);
    qint64 clockMarginMs() const { return m_hlc.maxAheadMs(); }
    void setStoredHook(StoredHook hook) { m_storedHook = std::move(hook); }
    /** The hub's checkpoint key: every push that stores events is answered with a signed checkpoint. */
    void setCheckpointKey(core::SealKey key) { m_checkpointKey = std::move(key); }
    /** Most checkpoints one pull reply carries (the reply is cut before the next one). */
    static constexpr int kMaxCheckpointsPerPull = 5000;
    /** A round that finds a chain where its checkpoint left it signs none again before this (ms). */
    static constexpr qint64 kRoundCheckpointEveryMs = 60 * 1000;
    /**
     * How far before a round checkpoint's time an event after it may claim to be recorded: the
     * hub's setting backdating_margin_minutes (docs/SECURITY.md, "Checkpoints"); default 24 hours.
     */
    void setBackdatingMarginMs(qint64 ms) { m_backdatingMarginMs = ms; }
    qint64 backdatingMarginMs() const { return m_backdatingMarginMs; }
    /**
     * The round's checkpoint of the workstation's chain (docs/SECURITY.md, "Checkpoints"), signed at
     * the first pull of a sync round: the chain as the hub holds it after the round's push, hubTime
     * givenAt and hlc givenHlc (bounded), where givenHlc is the clock the hub gave the workstation at
     * givenAt and the workstation stored before that push (0: an older client, no clock bound). Nothing (nullopt) when the workstation has
     * no chain yet or, in a round that stored nothing (pushed false), the chain's checkpoint is
     * unchanged, newer than kRoundCheckpointEveryMs and no user was disabled since.
     */
    std::optional<core::ChainCheckpoint> signRound(const QString& workstation, const QDateTime& givenAt, quint64 givenHlc,
                                                   bool pushed, QString* error);

    /**
     * Stores pushed events (all from workstation) once each, in one transaction: checks each hash
     * and the workstation's hash chain, gives new events the next server_seq. With relay (only a
     * restored hub allows it), events of other workstations are taken too: those a workstation still
     * holds after the hub lost them to a restore; each must continue its own workstation's chain.
     */
    std::optional<PushOutcome> push(const QString& workstation, const QList<core::Event>& events, QString* error,
                                    bool relay = false);
    /** The clock the hub gave a workstation, and when (the bound of its round's checkpoint). */
    struct RoundBound
    {
        QDateTime givenAt;
        quint64 givenHlc = 0;
    };
    /**
     * A push the workstation says ends its round's push (it read fewer than a batch of unsent events):
     * the round's checkpoint (signRound) is signed in the push's transaction instead of the inherited
     * one, and answered in pushed (no transaction of its own at the round's pull).
     */
    std::optional<PushOutcome> pushEndingRound(const QString& workstation, const QList<core::Event>& events,
                                               const RoundBound& round, QString* error, bool relay = false);
    /**
     * A hub rebuilt from a replica (HubRebuild) takes the replica's events here, of every workstation,
     * with the same checks as a relayed push (hash, each workstation's chain, the hall's rules) but
     * without a pushing workstation. checkClock false: events the lost hub had numbered are taken
     * whatever their clock (they were the hall's record already).
     */
    std::optional<PushOutcome> importEvents(const QList<core::Event>& events, bool checkClock, QString* error);

    /** What a pull sends back. */
    struct PullReply
    {
        QCborArray events; ///< in wire form (Protocol::encodeEvent), ascending server_seq
        bool more = false; ///< there are others after these
        qint64 through = 0; ///< the workstation's cursor may move here (past skipped events, never past the last stored)
        QCborArray checkpoints; ///< the chain checkpoints numbered in (after, through]
    };
    /**
     * Events after the cursor, at most limit and about maxBytes, leaving out those in skip (the
     * workstation holds them already). The newest kWireCache events are kept in wire form: every
     * workstation pulls the same new events, which are then read and encoded once, not once each.
     */
    PullReply pull(qint64 after, int limit, qint64 maxBytes, const SeqRanges& skip) const;

    /** Appends an event written at the hub itself, inside the caller's transaction, with its server_seq. */
    bool appendHubEvent(const QString& kind, const QCborMap& payload, const QString& userId, QString* error);
    /** Gives an event this hub appended itself its server_seq (inside the caller's transaction). */
    bool acknowledgeOwn(const core::Event& event, QString* error);

    /** The hub's clock merged with a timestamp received from a workstation. */
    quint64 receiveClock(quint64 remote) { return m_hlc.receive(remote); }
    quint64 clockNow() { return m_hlc.now(); }

private:
    /** push() and importEvents(): workstation empty when importing, then every event is taken as relayed. */
    std::optional<PushOutcome> store(const QString& workstation, const QList<core::Event>& events, bool relay,
                                     bool checkClock, QString* error, const RoundBound* round = nullptr);
    /** The round's checkpoint of the workstation's chain ending at serverSeq (head), signed. */
    core::ChainCheckpoint roundCheckpoint(const QString& workstation, qint64 serverSeq, const QByteArray& head,
                                          const RoundBound& round) const;
    qint64 nextServerSeq() const { return m_events->maxServerSeq() + 1; }
    /** An event in wire form and about what it weighs in a reply. */
    struct Wire
    {
        QCborValue value;
        qint64 serverSeq = 0;
        qint64 bytes = 0;
        QString workstation;
    };
    static Wire toWire(const core::Event& event);
    /** Events in (after, through] in wire form, at most limit: from the cache where it reaches. */
    QList<Wire> wireBetween(qint64 after, qint64 through, int limit) const;

    db::Database& m_database;
    const core::Clock& m_clock;
    std::unique_ptr<db::EventStore> m_events;
    core::HybridLogicalClock m_hlc;
    StoredHook m_storedHook;
    core::SealKey m_checkpointKey;
    qint64 m_backdatingMarginMs = core::HybridLogicalClock::kMaxAheadMs;

    /** The newest events in wire form by server_seq: every stored event in (m_wireBase, m_wireThrough]. */
    mutable std::map<qint64, Wire> m_wire;
    mutable qint64 m_wireBase = -1;
    mutable qint64 m_wireThrough = -1;
};

} // namespace oneseal::sync
