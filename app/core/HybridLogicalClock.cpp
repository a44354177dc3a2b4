#include "HybridLogicalClock.h"

#include <algorithm>

namespace oneseal::core {

namespace {
/** Wall-clock milliseconds a packed value can hold without leaving the signed 64-bit range. */
constexpr qint64 kMaxMillis = qint64(HybridLogicalClock::kMaxValue >> 16);
} // namespace

quint64 HybridLogicalClock::bound(qint64 nowMs, qint64 marginMs)
{
    const qint64 wall = std::clamp<qint64>(nowMs, 0, kMaxMillis);
    const qint64 margin = std::clamp<qint64>(marginMs, 0, kMaxMillis);
    const qint64 limit = wall > kMaxMillis - margin ? kMaxMillis : wall + margin;
    return pack(limit, 0xFFFF);
}

bool HybridLogicalClock::admissible(quint64 hlc, qint64 nowMs, qint64 marginMs)
{
    return hlc <= kMaxValue && hlc <= bound(nowMs, marginMs);
}

quint64 HybridLogicalClock::advance(qint64 wall, quint64 floor)
{
    const quint64 wallPacked = pack(std::clamp<qint64>(wall, 0, kMaxMillis), 0);
    // The next value is the wall clock if it is ahead, otherwise one tick after the floor; a full
    // counter carries into the millisecond part, which keeps the value strictly increasing. At the
    // very end of the range it stays there rather than overflow (never reached: inputs are bounded).
    m_last = wallPacked > floor ? wallPacked : (floor >= kMaxValue ? kMaxValue : floor + 1);
    return m_last;
}

quint64 HybridLogicalClock::now()
{
    return advance(m_clock->nowMs(), m_last);
}

quint64 HybridLogicalClock::receive(quint64 remote)
{
    const qint64 wall = m_clock->nowMs();
    return advance(wall, std::max(m_last, std::min(remote, bound(wall, m_maxAheadMs))));
}

void HybridLogicalClock::restore(quint64 last)
{
    m_last = std::max(m_last, std::min(last, kMaxValue));
}

void HybridLogicalClock::restoreSeen(quint64 seen)
{
    m_last = std::max(m_last, std::min(seen, bound(m_clock->nowMs(), m_maxAheadMs)));
}

} // namespace oneseal::core
