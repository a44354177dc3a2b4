#include "HybridLogicalClock.h"

#include <algorithm>

namespace oneseal::core {

quint64 HybridLogicalClock::advance(qint64 wall, quint64 floor)
{
    const quint64 wallPacked = pack(wall, 0);
    // The next value is the wall clock if it is ahead, otherwise one tick after the floor; a full
    // counter carries into the millisecond part, which keeps the value strictly increasing.
    m_last = wallPacked > floor ? wallPacked : floor + 1;
    return m_last;
}

quint64 HybridLogicalClock::now()
{
    return advance(m_clock->nowMs(), m_last);
}

quint64 HybridLogicalClock::receive(quint64 remote)
{
    return advance(m_clock->nowMs(), std::max(m_last, remote));
}

void HybridLogicalClock::restore(quint64 last)
{
    m_last = std::max(m_last, last);
}

} // namespace oneseal::core
