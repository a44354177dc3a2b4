// Repair of a workstation whose own events already carry a clock the hub refuses (issue 13; docs/SYNC.md
// "Clocks far ahead"): WS-A's clock ran three days ahead while a clerk worked (signed events); the
// hub refuses them, and work after the clock was corrected continues their chain and is refused too.
// oneseal-admin repair-clock re-stamps them, each signed again by its author; afterwards the hub
// takes all of them, nothing is quarantined, and every replica holds the same log.
#include "SyncHarness.h"

#include "db/Database.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;
using test::Agent;
using test::HubProcess;
using test::RunResult;
using test::lineFields;

namespace {
const QString kUserPassword = QStringLiteral("Repair-pass-2026");
const QByteArray kAdminPassword = "demo1234\n";
constexpr qint64 kThreeDaysMs = 3LL * 24 * 3600 * 1000;

QStringList login(const QString& user)
{
    return {QStringLiteral("--user"), user, QStringLiteral("--password"), kUserPassword};
}

RunResult repairClock(const Agent& a, const QStringList& extra, const QByteArray& input)
{
    return test::runProgram(test::adminBinary(),
                            QStringList{QStringLiteral("repair-clock"), QStringLiteral("--db"), a.db(), QStringLiteral("--as"),
                                        QStringLiteral("admin")}
                                + extra,
                            input);
}
} // namespace

class TestClockRepair : public QObject
{
    Q_OBJECT

private slots:
    void futureClocksAreRestampedAndAccepted();
    void onlyUnsentEventsMayBeRestamped();
};

void TestClockRepair::futureClocksAreRestampedAndAccepted()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error)); // a hall that takes signed events only
    for (const QString& clerk : {QStringLiteral("clerk1"), QStringLiteral("clerk2")}) {
        const RunResult added = hub.addUser(clerk, clerk, QStringLiteral("intake"), kUserPassword);
        QVERIFY2(added.ok(), qPrintable(added.out + added.err));
    }
    QVERIFY2(hub.start(&error), qPrintable(error));
    QList<std::shared_ptr<Agent>> agents;
    for (const QString& name : {QStringLiteral("WS-A"), QStringLiteral("WS-B")}) {
        auto agent = std::make_shared<Agent>(dir.filePath(name + QStringLiteral(".db")), name);
        QVERIFY2(agent->create(&error), qPrintable(error));
        QVERIFY(agent->run(QStringLiteral("enroll"), {QStringLiteral("--hub"), hub.address(), QStringLiteral("--code"),
                                                      hub.enrollmentCode(&error)}).ok());
        QVERIFY(agent->run(QStringLiteral("sync")).ok());
        agents << agent;
    }
    const Agent& a = *agents.at(0);
    const Agent& b = *agents.at(1);

    // The clerk's first login, at the right time: the forced change of the password the administrator
    // set (her signing keys are made then; ws_agent changes it back), sent to the hub.
    RunResult r = a.run(QStringLiteral("login-work"), login(QStringLiteral("clerk1")) << QStringLiteral("--cases") << QStringLiteral("0"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a.run(QStringLiteral("sync")).ok());
    // Three days ahead: two cases.
    r = a.run(QStringLiteral("login-work"), login(QStringLiteral("clerk1")) << QStringLiteral("--cases") << QStringLiteral("2")
                                                          << QStringLiteral("--skew-ms") << QString::number(kThreeDaysMs));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    r = a.run(QStringLiteral("sync"));
    QVERIFY2(!r.ok() && r.out.contains(QStringLiteral("hours ahead of the hub's")), qPrintable(r.out));
    // The clock corrected: new work continues the chain after the future events, and is refused too.
    r = a.run(QStringLiteral("login-work"), login(QStringLiteral("clerk1")) << QStringLiteral("--cases") << QStringLiteral("1")
                                                << QStringLiteral("--seed") << QStringLiteral("40"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(!a.run(QStringLiteral("sync")).ok());
    QVERIFY(lineFields(a.run(QStringLiteral("hash")).out).value(QStringLiteral("unsent")).toLongLong() >= 3);
    // Meanwhile WS-B works as usual (signed by clerk2) and syncs.
    r = b.run(QStringLiteral("login-work"), login(QStringLiteral("clerk2")) << QStringLiteral("--cases") << QStringLiteral("1")
                                                << QStringLiteral("--seed") << QStringLiteral("70"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(b.run(QStringLiteral("sync")).ok());

    // A dry run changes nothing (the administrator's first login here registers her key, an event of
    // this workstation that continues the same chain: a second dry run shows the same).
    r = repairClock(a, {QStringLiteral("--dry-run")}, kAdminPassword);
    QVERIFY2(r.ok() && r.out.contains(QStringLiteral("are re-stamped")), qPrintable(r.out + r.err));
    const QString before = a.run(QStringLiteral("hash")).out;
    QVERIFY(repairClock(a, {QStringLiteral("--dry-run")}, kAdminPassword).ok());
    QCOMPARE(a.run(QStringLiteral("hash")).out, before);
    const qint64 unsent = lineFields(before).value(QStringLiteral("unsent")).toLongLong();
    // A wrong password of the author: refused, nothing changed.
    r = repairClock(a, {}, kAdminPassword + "not-her-password\n");
    QVERIFY2(!r.ok() && r.err.contains(QStringLiteral("does not open their signing key")), qPrintable(r.out + r.err));
    QCOMPARE(a.run(QStringLiteral("hash")).out, before);
    // The repair, with the clerk's password.
    r = repairClock(a, {}, kAdminPassword + (kUserPassword + QLatin1Char('\n')).toUtf8());
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    qInfo("%s", qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("Re-stamped %1 events").arg(unsent)));
    QVERIFY(repairClock(a, {}, kAdminPassword).out.contains(QStringLiteral("nothing to do")));

    // Now the hub takes them, every one admitted (signed again by the clerk's own key), and all converge.
    r = a.run(QStringLiteral("sync"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    for (const Agent* x : {&b, &a, &b})
        QVERIFY(x->run(QStringLiteral("sync")).ok());
    const auto expected = lineFields(test::runProgram(test::agentBinary(), {QStringLiteral("hash"), QStringLiteral("--hub-dir"),
                                                                            hub.directory()}).out);
    QCOMPARE(expected.value(QStringLiteral("unsent")), QStringLiteral("0"));
    QCOMPARE(expected.value(QStringLiteral("events")), expected.value(QStringLiteral("distinct")));
    QMap<QString, QString> first;
    for (const auto& agent : std::as_const(agents)) {
        const auto got = lineFields(agent->run(QStringLiteral("hash")).out);
        for (const char* key : {"events", "distinct", "unsent", "seqs", "log"})
            QCOMPARE(got.value(QLatin1String(key)), expected.value(QLatin1String(key)));
        if (first.isEmpty())
            first = got;
        QCOMPARE(got, first);
    }
    // Nothing of clerk1's is quarantined anywhere (only the workstations' unsigned local set-up is).
    const QString quarantine = test::runProgram(test::agentBinary(), {QStringLiteral("quarantine"), QStringLiteral("--hub-dir"),
                                                                       hub.directory()}).out;
    // Only the two workstations' unsigned local set-up (user.created), as in every signed hall.
    QVERIFY2(quarantine.startsWith(QStringLiteral("ok count=2")), qPrintable(quarantine));
    QVERIFY2(!quarantine.contains(QStringLiteral("intake")) && !quarantine.contains(QStringLiteral("key_registered")),
             qPrintable(quarantine));
    QVERIFY(hub.terminate());
}

void TestClockRepair::onlyUnsentEventsMayBeRestamped()
{
    // The permit of migration 0030 opens the clock, chain and signature of events the hub never
    // acknowledged, and of nothing else; without it nothing opens.
    QTemporaryDir dir;
    Agent a(dir.filePath(QStringLiteral("WS-A.db")), QStringLiteral("WS-A"));
    QString error;
    QVERIFY2(a.create(&error), qPrintable(error));
    QFile keyFile(a.db() + QStringLiteral(".key"));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    auto database = db::Database::open(a.db(), QByteArray::fromHex(keyFile.readAll().trimmed()), {}, &error);
    QVERIFY2(database && database->migrate(&error), qPrintable(error));
    QSqlQuery q(database->sql());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM events")) && q.next() && q.value(0).toInt() > 0);
    QVERIFY(!q.exec(QStringLiteral("UPDATE events SET hlc = hlc + 1"))); // no permit
    QVERIFY(q.exec(QStringLiteral("INSERT INTO event_restamping(reason) VALUES('test')")));
    QVERIFY2(q.exec(QStringLiteral("UPDATE events SET hlc = hlc + 1 WHERE server_seq IS NULL")), qPrintable(q.lastError().text()));
    QVERIFY(!q.exec(QStringLiteral("UPDATE events SET recorded_at = 'x'"))); // never, permit or not
    QVERIFY(!q.exec(QStringLiteral("UPDATE events SET payload = x'00'")));
    // An event the hub acknowledged: not even with the permit.
    QVERIFY(q.exec(QStringLiteral("INSERT INTO sync_renumbering(reason) VALUES('test')")));
    QVERIFY(q.exec(QStringLiteral("UPDATE events SET server_seq = seq")));
    QVERIFY(q.exec(QStringLiteral("DELETE FROM sync_renumbering")));
    QVERIFY(!q.exec(QStringLiteral("UPDATE events SET hlc = hlc + 1")));
    QVERIFY(!q.exec(QStringLiteral("UPDATE events SET hash = x'00' WHERE server_seq IS NOT NULL")));
}

QTEST_GUILESS_MAIN(TestClockRepair)
#include "TestClockRepair.moc"
