#pragma once

#include "Clock.h"

#include <QtGlobal>

namespace oneseal::core {

/**
 * Hybrid logical clock (Kulkarni et al.): 48 bits of wall-clock milliseconds and a 16-bit counter in
 * one 64-bit value. It never goes backwards, even when the wall clock does, and after receive() it is
 * ahead of every timestamp seen from other nodes. Ties between nodes are broken by the node id
 * (the workstation) where events are ordered.
 */
class HybridLogicalClock
{
public:
    explicit HybridLogicalClock(const Clock& clock = Clock::system()) : m_clock(&clock) {}

    /** A timestamp for a new local event. */
    quint64 now();
    /** Merges a timestamp received from another node and returns one later than both. */
    quint64 receive(quint64 remote);
    /** Restores the last value issued (on start-up, from the event store). */
    void restore(quint64 last);
    quint64 last() const { return m_last; }

    static quint64 pack(qint64 millis, quint32 counter) { return (quint64(millis) << 16) | (counter & 0xFFFF); }
    static qint64 millis(quint64 hlc) { return qint64(hlc >> 16); }
    static quint32 counter(quint64 hlc) { return quint32(hlc & 0xFFFF); }

private:
    quint64 advance(qint64 wall, quint64 floor);

    const Clock* m_clock;
    quint64 m_last = 0;
};

} // namespace oneseal::core
