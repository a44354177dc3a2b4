#pragma once

#include <QDateTime>

namespace oneseal::core {

/**
 * Slows down password guessing: the first few wrong passwords cost nothing, after that each try
 * must wait, the wait doubling with each further failure up to a ceiling. A success clears it.
 */
class LoginThrottle
{
public:
    explicit LoginThrottle(int freeAttempts = 5, int firstDelaySeconds = 30, int maxDelaySeconds = 900);

    void recordFailure(const QDateTime& now);
    void recordSuccess();
    /** Seconds to wait before the next try is allowed; 0 when a try is allowed now. */
    int secondsToWait(const QDateTime& now) const;
    int failures() const { return m_failures; }
    QDateTime lastFailure() const { return m_lastFailure; }
    /**
     * Restores a saved state (db::ThrottleFile). Bounded: at most 1000 failures, and a last failure
     * later than @p now (a clock set back, or a planted file) counts as @p now.
     */
    void restore(int failures, const QDateTime& lastFailure, const QDateTime& now);

private:
    int m_freeAttempts;
    int m_firstDelay;
    int m_maxDelay;
    int m_failures = 0;
    QDateTime m_lastFailure;
};

} // namespace oneseal::core
