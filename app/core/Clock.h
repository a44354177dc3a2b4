#pragma once

#include <QDateTime>

namespace oneseal::core {

/** Where the program reads the time; tests substitute a fake one. */
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
    qint64 nowMs() const { return now().toMSecsSinceEpoch(); }
    /** The day it is at this workstation (local time): the date of every domain step and document. */
    QDate today() const { return now().toLocalTime().date(); }

    /** The system clock (UTC). */
    static const Clock& system();
};

/** A clock that stands still until moved: for tests and replay. */
class FixedClock : public Clock
{
public:
    explicit FixedClock(QDateTime t) : m_now(std::move(t)) {}
    QDateTime now() const override { return m_now; }
    void set(const QDateTime& t) { m_now = t; }
    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }

private:
    QDateTime m_now;
};

} // namespace oneseal::core
