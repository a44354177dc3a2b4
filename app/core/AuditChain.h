#pragma once

#include "Event.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace oneseal::core {

/** The first thing found wrong with one workstation's hash chain. */
struct AuditFinding
{
    enum class Problem {
        Changed,  ///< an event no longer matches its hash, or was rewritten with a new hash
        Removed,  ///< an event is missing: its successor names a hash no event has, and seq numbers are missing
        Inserted, ///< an event that is not part of the chain: a second successor of one event (a fork)
        Truncated, ///< events cut off at the end: the hub holds a later event of the chain than this replica
        ForgedCheckpoint, ///< a checkpoint of the chain held here is not signed by the hub's checkpoint key
    };
    Problem problem = Problem::Changed;
    QString workstation;
    qint64 seq = 0;       ///< the event named (for Removed: the first event after the gap)
    QString eventId;      ///< its UUID
    QString kind;
    QList<qint64> missingSeqs; ///< Removed: the seq numbers that are gone
    QString description;  ///< a sentence for the auditor
};

/** What verifying every workstation's chain found. */
struct AuditReport
{
    int workstations = 0;
    qint64 events = 0;
    QList<AuditFinding> findings; ///< at most one per workstation (its first bad event), by seq

    bool intact() const { return findings.isEmpty(); }
};

/**
 * Verifies the per-workstation hash chains of the event store (docs/ARCHITECTURE.md, "Events").
 *
 * Every workstation writes its events in order, each carrying the hash of the one it wrote before
 * (prev_hash; empty for its first) and its own hash, SHA-256 over Event::canonicalBytes(). Given every
 * event of the store in seq order (seq is the store's AUTOINCREMENT insertion number, which never
 * reuses a value and leaves no gap), each workstation's events E0, E1, ... are checked in seq order and
 * the first problem is named:
 *
 * - **Changed**: Ei's hash is not the hash of its content (a field was edited), or Ei's content and
 *   hash are consistent but its successor Ei+1 names another hash as its predecessor while no seq
 *   number is missing between them (Ei was rewritten and its hash recomputed: Ei is named).
 * - **Removed**: Ei names as predecessor a hash no event of the workstation has, and seq numbers are
 *   missing before it (since its predecessor in the chain, or from 1 for a first event): one or more
 *   events were deleted. Ei, the first event after the gap, is named, with the missing seq numbers.
 * - **Inserted**: two events name the same predecessor (a fork), or one names the empty hash although
 *   it is not the workstation's first. The chain followed by more events is the real one; the first
 *   event of the other branch is named (on a tie, the branch that comes first in seq order).
 *
 * Limits, by nature of a chain without a secret: someone holding the raw key who deletes the newest
 * events, or appends well-formed events at the end, or rewrites every event after a point, leaves a
 * consistent chain; those are caught by comparing with the hub's copy (sync), not here.
 */
class AuditChain
{
    Q_DECLARE_TR_FUNCTIONS(AuditChain)

public:
    /** Checks every workstation's chain; \a events are all events of the store in seq order. */
    static AuditReport verify(const QList<Event>& events);

    /** The problem's name in the user's language ("changed", "removed", "inserted"). */
    static QString problemName(AuditFinding::Problem problem);
};

} // namespace oneseal::core
