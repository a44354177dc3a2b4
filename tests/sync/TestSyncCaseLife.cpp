// The life of a case across replicas (issue 14): with a real hub and two ws_agent workstations, a case
// accepted at WS-A with a deferred core material (容缺) and another on a pledge (告知承诺) go on at
// WS-B — the owed material arrives, a hearing (听证) stops the clock and ends, the approver extends
// the time limit (art. 42), and an inspector with the regulator role checks the pledge (事后核查) —
// each step by a different person the administrator added at the hub (the separate hands of
// core::Separation). Afterwards the hub and both workstations hold the same events, none refused
// anywhere, and both workstations' projections show the same due dates, owed list, clock stops and
// pledge check.
#include "SyncHarness.h"

#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;
using test::Agent;
using test::HubProcess;
using test::lineFields;
using test::RunResult;

namespace {
const QString kPassword = QStringLiteral("Life-pass-2026");

/** The refusals of a quarantine summary, without the local set-up administrator's unsigned user.created. */
QStringList refusals(const QString& summary)
{
    QStringList lines = summary.split(QLatin1Char('\n')).mid(1);
    lines.removeIf([](const QString& line) { return line.isEmpty() || line.startsWith(QStringLiteral("user.created/")); });
    return lines;
}

/** One life step at \a agent as \a user (logged in with the forced first change of the password). */
RunResult step(const Agent& agent, const QString& user, const QString& what, const QStringList& more = {})
{
    return agent.run(QStringLiteral("life"), QStringList{QStringLiteral("--user"), user, QStringLiteral("--password"), kPassword,
                                                        QStringLiteral("--step"), what}
                                                 + more);
}

QMap<QString, QString> summary(const Agent& agent, const QString& caseId)
{
    const RunResult r = agent.run(QStringLiteral("life-summary"), {QStringLiteral("--case"), caseId});
    qInfo("%s %s: %s", qPrintable(agent.workstation()), qPrintable(caseId), qPrintable(r.out + r.err));
    return lineFields(r.out);
}
} // namespace

class TestSyncCaseLife : public QObject
{
    Q_OBJECT

private slots:
    void caseLifeAgreesAcrossReplicas();
};

void TestSyncCaseLife::caseLifeAgreesAcrossReplicas()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    // Five people, one hand each: the clerk who accepts (WS-A), a second clerk who takes the owed
    // material (WS-B), the reviewer (who may approve too, but not a case she reviewed), the approver,
    // and an inspector who is the regulator too.
    const QList<QPair<QString, QString>> people{{QStringLiteral("lin"), QStringLiteral("intake")},
                                                {QStringLiteral("wang"), QStringLiteral("intake")},
                                                {QStringLiteral("zhao"), QStringLiteral("review,approval")},
                                                {QStringLiteral("qian"), QStringLiteral("approval")},
                                                {QStringLiteral("sun"), QStringLiteral("inspection,regulator")}};
    for (const auto& [name, roles] : people) {
        const RunResult r = hub.addUser(name, name, roles, kPassword);
        QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    }
    QVERIFY2(hub.start(&error), qPrintable(error));
    Agent a(dir.filePath(QStringLiteral("WS-A.db")), QStringLiteral("WS-A"));
    Agent b(dir.filePath(QStringLiteral("WS-B.db")), QStringLiteral("WS-B"));
    for (const Agent* agent : {&a, &b}) {
        QVERIFY2(agent->create(&error), qPrintable(error));
        const QString code = hub.enrollmentCode(&error);
        QVERIFY2(!code.isEmpty(), qPrintable(error));
        QVERIFY(agent->run(QStringLiteral("enroll"), {QStringLiteral("--hub"), hub.address(), QStringLiteral("--code"), code}).ok());
        const RunResult s = agent->run(QStringLiteral("sync"));
        QVERIFY2(s.ok(), qPrintable(s.out + s.err));
    }

    // WS-A: accepted with a deferred core material, and on a pledge.
    RunResult r = step(a, QStringLiteral("lin"), QStringLiteral("accept-deferred"), {QStringLiteral("--seed"), QStringLiteral("11")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString deferred = lineFields(r.out).value(QStringLiteral("case"));
    r = step(a, QStringLiteral("lin"), QStringLiteral("accept-pledge"), {QStringLiteral("--seed"), QStringLiteral("12")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString pledge = lineFields(r.out).value(QStringLiteral("case"));
    QVERIFY(!deferred.isEmpty() && !pledge.isEmpty());
    const auto atIntake = summary(a, deferred);
    QCOMPARE(atIntake.value(QStringLiteral("owed")), QStringLiteral("1"));
    QCOMPARE(atIntake.value(QStringLiteral("owes_core")), QStringLiteral("1"));
    QCOMPARE(summary(a, pledge).value(QStringLiteral("owed")), QStringLiteral("0")); // missing under a pledge: not owed
    QVERIFY(a.run(QStringLiteral("sync")).ok());
    QVERIFY(b.run(QStringLiteral("sync")).ok());
    QCOMPARE(summary(b, deferred).value(QStringLiteral("promised_due")), atIntake.value(QStringLiteral("promised_due")));

    // WS-B: each step by its own person.
    for (const auto& [user, what, caseId] :
         QList<std::tuple<QString, QString, QString>>{{QStringLiteral("wang"), QStringLiteral("supply"), deferred},
                                                       {QStringLiteral("zhao"), QStringLiteral("stop"), deferred},
                                                       {QStringLiteral("zhao"), QStringLiteral("resume"), deferred},
                                                       {QStringLiteral("qian"), QStringLiteral("extend"), deferred},
                                                       {QStringLiteral("zhao"), QStringLiteral("review"), pledge}}) {
        r = step(b, user, what, {QStringLiteral("--case"), caseId, QStringLiteral("--days"), QStringLiteral("5")});
        QVERIFY2(r.ok(), qPrintable(user + QLatin1Char(' ') + what + QLatin1String(": ") + r.out + r.err));
    }
    // The reviewer holds the approver's role too, but reviewed this case: another must decide.
    r = step(b, QStringLiteral("zhao"), QStringLiteral("approve"), {QStringLiteral("--case"), pledge});
    QVERIFY2(r.out.startsWith(QStringLiteral("error ")) && !r.out.contains(QStringLiteral("login")), qPrintable(r.out + r.err));
    r = step(b, QStringLiteral("qian"), QStringLiteral("approve"), {QStringLiteral("--case"), pledge});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    // The pledge check: the approver may not, the inspector-regulator does.
    r = step(b, QStringLiteral("qian"), QStringLiteral("confirm"), {QStringLiteral("--case"), pledge});
    QVERIFY2(!r.ok(), qPrintable(r.out + r.err));
    r = step(b, QStringLiteral("sun"), QStringLiteral("confirm"), {QStringLiteral("--case"), pledge});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));

    // WS-B's due dates moved by the extension.
    const auto atB = summary(b, deferred);
    QCOMPARE(atB.value(QStringLiteral("extension")), QStringLiteral("5"));
    QVERIFY2(atB.value(QStringLiteral("promised_due")) > atIntake.value(QStringLiteral("promised_due")),
             qPrintable(atB.value(QStringLiteral("promised_due"))));
    QVERIFY(atB.value(QStringLiteral("legal_due")) > atIntake.value(QStringLiteral("legal_due")));
    QCOMPARE(atB.value(QStringLiteral("owed")), QStringLiteral("0"));
    QCOMPARE(atB.value(QStringLiteral("owes_core")), QStringLiteral("0"));
    QCOMPARE(atB.value(QStringLiteral("stopped")), QStringLiteral("0"));
    QVERIFY2(!atB.value(QStringLiteral("pauses")).isEmpty(), qPrintable(atB.value(QStringLiteral("pauses"))));
    QCOMPARE(summary(b, pledge).value(QStringLiteral("pledge")), QStringLiteral("confirmed"));

    // Both sync until quiet.
    for (int pass = 0; pass < 2; ++pass)
        for (const Agent* agent : {&b, &a}) {
            r = agent->run(QStringLiteral("sync"), {QStringLiteral("--rounds"), QStringLiteral("3")});
            QVERIFY2(r.ok(), qPrintable(r.out + r.err));
        }

    // The same events at the hub and both workstations, the same projections on both.
    const RunResult h = a.run(QStringLiteral("hash"), {QStringLiteral("--hub-dir"), hub.directory()});
    QVERIFY2(h.ok(), qPrintable(h.out + h.err));
    const auto expected = lineFields(h.out);
    QCOMPARE(expected.value(QStringLiteral("unsent")), QStringLiteral("0"));
    QMap<QString, QString> first;
    for (const Agent* agent : {&a, &b}) {
        const auto got = lineFields(agent->run(QStringLiteral("hash")).out);
        for (const char* key : {"events", "distinct", "unsent", "seqs", "log"})
            QCOMPARE(got.value(QLatin1String(key)), expected.value(QLatin1String(key)));
        QCOMPARE(got.value(QStringLiteral("conflicts")), QStringLiteral("0"));
        if (first.isEmpty())
            first = got;
        QCOMPARE(got, first);
    }
    // Nothing refused at the hub or at either workstation.
    for (const RunResult& q : {a.run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()}),
                               a.run(QStringLiteral("quarantine")), b.run(QStringLiteral("quarantine"))})
        QVERIFY2(q.ok() && refusals(q.out).isEmpty(), qPrintable(q.out + q.err));

    // WS-A's projections now show what happened at WS-B: the same line for each case.
    for (const QString& caseId : {deferred, pledge})
        QCOMPARE(summary(a, caseId), summary(b, caseId));
    const auto atA = summary(a, deferred);
    QCOMPARE(atA.value(QStringLiteral("promised_due")), atB.value(QStringLiteral("promised_due")));
    QCOMPARE(atA.value(QStringLiteral("owed")), QStringLiteral("0"));
    const auto pledgeAtA = summary(a, pledge);
    QCOMPARE(pledgeAtA.value(QStringLiteral("decision")), QStringLiteral("approved"));
    QCOMPARE(pledgeAtA.value(QStringLiteral("pledge")), QStringLiteral("confirmed"));
    QVERIFY(hub.terminate());
}

QTEST_GUILESS_MAIN(TestSyncCaseLife)
#include "TestSyncCaseLife.moc"
