// The hybrid logical clock: strictly increasing, merges bounded to wall clock + margin, no overflow.
#include "core/Clock.h"
#include "core/HybridLogicalClock.h"

#include <QTest>

using namespace oneseal::core;

namespace {
class ManualClock : public Clock
{
public:
    explicit ManualClock(qint64 ms) : m_ms(ms) {}
    QDateTime now() const override { return QDateTime::fromMSecsSinceEpoch(m_ms, Qt::UTC); }
    qint64 m_ms;
};
} // namespace

class TestHybridLogicalClock : public QObject
{
    Q_OBJECT

private slots:
    void farFutureRemoteIsBoundedAndNeverOverflows()
    {
        ManualClock wall(1'750'000'000'000);
        HybridLogicalClock hlc(wall);
        const quint64 first = hlc.now();
        // The poison of issue 13: a clock of 2^63 - 1 and values beyond it.
        for (const quint64 remote : {HybridLogicalClock::kMaxValue, ~quint64(0), HybridLogicalClock::kMaxValue - 1}) {
            const quint64 merged = hlc.receive(remote);
            QVERIFY(merged <= HybridLogicalClock::kMaxValue);
            QVERIFY(HybridLogicalClock::millis(merged) <= wall.m_ms + HybridLogicalClock::kMaxAheadMs + 1); // + the carry of one tick
            QVERIFY(merged > first);
        }
        // Thousands of ticks later it still increases and stays bounded (the counter carries).
        quint64 previous = hlc.last();
        for (int i = 0; i < 200000; ++i) {
            const quint64 next = hlc.now();
            QVERIFY(next > previous);
            previous = next;
        }
        QVERIFY(previous <= HybridLogicalClock::kMaxValue);
        QVERIFY(HybridLogicalClock::millis(previous) <= wall.m_ms + HybridLogicalClock::kMaxAheadMs + 10);
    }

    void restoreIsBoundedToo()
    {
        ManualClock wall(1'750'000'000'000);
        HybridLogicalClock hlc(wall);
        hlc.restoreSeen(HybridLogicalClock::kMaxValue + 1); // what an overflowed replica stored
        QVERIFY(HybridLogicalClock::millis(hlc.last()) <= wall.m_ms + HybridLogicalClock::kMaxAheadMs);
        QVERIFY(hlc.now() <= HybridLogicalClock::kMaxValue);
        // Its own last value is restored as it is: the clock never goes back when the wall clock does.
        HybridLogicalClock own(wall);
        const quint64 twoDaysAhead = HybridLogicalClock::pack(wall.m_ms + 2 * HybridLogicalClock::kMaxAheadMs, 0);
        own.restore(twoDaysAhead);
        QVERIFY(own.now() > twoDaysAhead);
        own.restore(~quint64(0));
        QVERIFY(own.now() <= HybridLogicalClock::kMaxValue);
        // A remote value inside the margin is merged as before: the result is later than it.
        HybridLogicalClock other(wall);
        const quint64 near = HybridLogicalClock::pack(wall.m_ms + 3600 * 1000, 7);
        QVERIFY(other.receive(near) > near);
    }

    void admissionCheck()
    {
        const qint64 now = 1'750'000'000'000;
        const qint64 day = HybridLogicalClock::kMaxAheadMs;
        QVERIFY(HybridLogicalClock::admissible(HybridLogicalClock::pack(now, 0), now));
        QVERIFY(HybridLogicalClock::admissible(HybridLogicalClock::pack(now + day, 0xFFFF), now));
        QVERIFY(!HybridLogicalClock::admissible(HybridLogicalClock::pack(now + day + 1, 0), now));
        QVERIFY(!HybridLogicalClock::admissible(HybridLogicalClock::kMaxValue, now));
        QVERIFY(!HybridLogicalClock::admissible(~quint64(0), now));
        QVERIFY(HybridLogicalClock::admissible(HybridLogicalClock::pack(now + 3600 * 1000, 0), now, 2 * 3600 * 1000));
        QVERIFY(!HybridLogicalClock::admissible(HybridLogicalClock::pack(now + 3 * 3600 * 1000, 0), now, 2 * 3600 * 1000));
    }
};

QTEST_GUILESS_MAIN(TestHybridLogicalClock)
#include "TestHybridLogicalClock.moc"
