// The rule behind the status bar's warning: events recorded here that the hub does not have are
// lost with this computer's disk unless exported, so the client warns (and offers a bundle export)
// once the oldest is older than an hour while the hub cannot be reached.
#include "sync/SyncStatus.h"

#include <QTest>

using oneseal::sync::SyncStatus;

class TestUnsentWarning : public QObject
{
    Q_OBJECT

private slots:
    void rule_data();
    void rule();
};

void TestUnsentWarning::rule_data()
{
    QTest::addColumn<bool>("enrolled");
    QTest::addColumn<bool>("online");
    QTest::addColumn<qint64>("unsent");
    QTest::addColumn<qint64>("ageSecs"); ///< of the oldest unsent event; -1: none known
    QTest::addColumn<qint64>("maxAgeSecs");
    QTest::addColumn<bool>("warns");

    QTest::newRow("offline, two hours") << true << false << qint64(3) << qint64(7200) << SyncStatus::kUnsentWarningSecs << true;
    QTest::newRow("offline, just over the hour") << true << false << qint64(1) << qint64(3601) << SyncStatus::kUnsentWarningSecs << true;
    QTest::newRow("offline, exactly the hour") << true << false << qint64(1) << qint64(3600) << SyncStatus::kUnsentWarningSecs << false;
    QTest::newRow("offline, ten minutes") << true << false << qint64(5) << qint64(600) << SyncStatus::kUnsentWarningSecs << false;
    QTest::newRow("online: they are on their way") << true << true << qint64(5) << qint64(7200) << SyncStatus::kUnsentWarningSecs << false;
    QTest::newRow("nothing unsent") << true << false << qint64(0) << qint64(7200) << SyncStatus::kUnsentWarningSecs << false;
    QTest::newRow("no hub: a standalone hall") << false << false << qint64(5) << qint64(7200) << SyncStatus::kUnsentWarningSecs << false;
    QTest::newRow("age unknown") << true << false << qint64(5) << qint64(-1) << SyncStatus::kUnsentWarningSecs << false;
    QTest::newRow("a set age of ten minutes") << true << false << qint64(5) << qint64(700) << qint64(600) << true;
}

void TestUnsentWarning::rule()
{
    QFETCH(bool, enrolled);
    QFETCH(bool, online);
    QFETCH(qint64, unsent);
    QFETCH(qint64, ageSecs);
    QFETCH(qint64, maxAgeSecs);
    QFETCH(bool, warns);
    const QDateTime now(QDate(2026, 12, 5), QTime(10, 0), Qt::UTC);
    SyncStatus status;
    status.enrolled = enrolled;
    status.online = online;
    status.unsent = unsent;
    if (ageSecs >= 0)
        status.oldestUnsent = now.addSecs(-ageSecs);
    QCOMPARE(status.unsentTooOld(now, maxAgeSecs), warns);
}

QTEST_GUILESS_MAIN(TestUnsentWarning)
#include "TestUnsentWarning.moc"
