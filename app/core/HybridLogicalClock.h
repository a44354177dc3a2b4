#pragma once

#include "Clock.h"

#include <QtGlobal>

#include <limits>

namespace oneseal::core {

/**
 * Hybrid logical clock (Kulkarni et al.): 48 bits of wall-clock milliseconds and a 16-bit counter in
 * one 64-bit value. It never goes backwards, even when the wall clock does, and after receive() it is
 * ahead of every timestamp seen from other nodes, unless that timestamp is more than maxAheadMs()
 * ahead of this node's wall clock: a remote value is bounded to wall clock + maxAheadMs() before it is
 * merged (and so is a value restored from storage), so one event with a clock far in the future (a
 * broken or hostile workstation) cannot drag every replica's clock along or make it overflow. Ties
 * between nodes are broken by the node id (the workstation) where events are ordered.
 */
class HybridLogicalClock
{
public:
    /** How far ahead of the wall clock a merged or admitted timestamp may be, by default (24 hours). */
    static constexpr qint64 kMaxAheadMs = 24LL * 3600 * 1000;
    /** The largest value the clock ever issues (events store it as a signed 64-bit integer). */
    static constexpr quint64 kMaxValue = quint64(std::numeric_limits<qint64>::max());

    explicit HybridLogicalClock(const Clock& clock = Clock::system()) : m_clock(&clock) {}

    /** A timestamp for a new local event. */
    quint64 now();
    /**
     * Merges a timestamp received from another node and returns one later than both, the remote one
     * bounded to wall clock + maxAheadMs() first.
     */
    quint64 receive(quint64 remote);
    /**
     * Restores the last value this node issued itself (its own latest event): not bounded, so the
     * clock never goes backwards when the wall clock does (only kept inside the 64-bit range).
     */
    void restore(quint64 last);
    /**
     * Restores a value this node has seen from others (the latest of all stored events, the
     * highest clock seen): bounded like receive(), so a stored far-future event from another node
     * does not drag this clock along (docs/SYNC.md, "Clocks far ahead").
     */
    void restoreSeen(quint64 seen);
    quint64 last() const { return m_last; }

    void setMaxAheadMs(qint64 ms) { m_maxAheadMs = ms > 0 ? ms : kMaxAheadMs; }
    qint64 maxAheadMs() const { return m_maxAheadMs; }

    /**
     * The admission check for a timestamp that comes from elsewhere: true when it fits the signed
     * 64-bit range and is at most marginMs ahead of nowMs (the hub refuses events that fail it).
     */
    static bool admissible(quint64 hlc, qint64 nowMs, qint64 marginMs = kMaxAheadMs);
    /** The largest admissible timestamp at wall-clock time nowMs. */
    static quint64 bound(qint64 nowMs, qint64 marginMs = kMaxAheadMs);

    static quint64 pack(qint64 millis, quint32 counter) { return (quint64(millis) << 16) | (counter & 0xFFFF); }
    static qint64 millis(quint64 hlc) { return qint64(hlc >> 16); }
    static quint32 counter(quint64 hlc) { return quint32(hlc & 0xFFFF); }

private:
    quint64 advance(qint64 wall, quint64 floor);

    const Clock* m_clock;
    quint64 m_last = 0;
    qint64 m_maxAheadMs = kMaxAheadMs;
};

} // namespace oneseal::core
