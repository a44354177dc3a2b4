#include "LoginThrottle.h"

#include <algorithm>

namespace oneseal::core {

LoginThrottle::LoginThrottle(int freeAttempts, int firstDelaySeconds, int maxDelaySeconds)
    : m_freeAttempts(freeAttempts)
    , m_firstDelay(firstDelaySeconds)
    , m_maxDelay(maxDelaySeconds)
{
}

void LoginThrottle::recordFailure(const QDateTime& now)
{
    ++m_failures;
    m_lastFailure = now;
}

void LoginThrottle::recordSuccess()
{
    m_failures = 0;
    m_lastFailure = QDateTime();
}

void LoginThrottle::restore(int failures, const QDateTime& lastFailure, const QDateTime& now)
{
    m_failures = std::clamp(failures, 0, 1000);
    m_lastFailure = m_failures == 0 || !lastFailure.isValid() ? QDateTime() : std::min(lastFailure, now);
    if (m_failures > 0 && !m_lastFailure.isValid())
        m_lastFailure = now;
}

int LoginThrottle::secondsToWait(const QDateTime& now) const
{
    if (m_failures < m_freeAttempts || !m_lastFailure.isValid())
        return 0;
    const int extra = std::min(m_failures - m_freeAttempts, 16);
    const qint64 delay = std::min<qint64>(qint64(m_firstDelay) << extra, m_maxDelay);
    const qint64 elapsed = m_lastFailure.secsTo(now);
    return int(std::max<qint64>(0, delay - elapsed));
}

} // namespace oneseal::core
