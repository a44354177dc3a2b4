#pragma once

#include "EventStore.h"
#include "core/SealKey.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>

#include <optional>

namespace oneseal::db {

/** What a clock repair would do: the workstation's own unsent events from the first bad clock on. */
struct ClockRepairPlan
{
    QList<core::Event> events;   ///< in chain order (seq), the first one with a clock the hub refuses
    int badClocks = 0;           ///< of them, those whose own clock is wrapped or beyond the margin
    QHash<QString, QString> signingKeys; ///< key id -> author (user id) of every signed event among them
};

/**
 * Repair of a workstation whose own events carry a clock the hub refuses, wrapped past 2^63 or far
 * in the future (written before clocks were bounded, docs/SYNC.md "Clocks far ahead"). Those events
 * were never acknowledged, so no other replica holds them: each is re-stamped in place, keeping its
 * uuid, content, author and time of recording, with a clock of now (increasing, after every
 * admissible clock this database holds), the chain linked again from the last event before them, its
 * hash computed again and, when it was signed, signed again by its author's key (the author gives
 * their password; services::ClockRepairService). One transaction, with the event_restamping permit
 * (migration 0030); every projection is folded again.
 */
class ClockRepair
{
    Q_DECLARE_TR_FUNCTIONS(ClockRepair)

public:
    /** The plan at wall-clock time nowMs with the hub's margin (nothing to do: no events). */
    static std::optional<ClockRepairPlan> plan(EventStore& store, qint64 nowMs, qint64 marginMs, QString* error);
    /**
     * Re-stamps the plan's events. signers holds the key (with its private half) for every key id of
     * plan.signingKeys; returns how many events were re-stamped.
     */
    static std::optional<int> apply(EventStore& store, const ClockRepairPlan& plan,
                                    const QHash<QString, core::SealKey>& signers, qint64 nowMs, qint64 marginMs,
                                    QString* error);
};

} // namespace oneseal::db
