// Changing roles (docs/SECURITY.md, "Changing roles"): a real hub, two workstations, one enrolled
// afterwards and a county workstation fed by a USB bundle. The hub administrator takes the approver's role from qian and makes the clerk wang a
// reviewer (oneseal-admin hub user-roles). Every replica counts an event with the roles its author
// held when it was recorded: qian's decision made before the change counts everywhere even though it
// reaches the hub after it; the one she makes afterwards at a workstation that has not synced is
// quarantined at the hub, at the other workstation, at the one enrolled later and at the county's; wang's review after
// the promotion counts everywhere.
#include "SyncHarness.h"

#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;
using test::Agent;
using test::HubProcess;
using test::RunResult;

namespace {
const QString kPassword = QStringLiteral("Roles-pass-2026");

QString field(const QString& line, const QString& key)
{
    for (const QString& part : line.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        if (part.startsWith(key + QLatin1Char('=')))
            return part.mid(key.size() + 1).trimmed();
    return QString();
}

/** One step of a case's life at \a agent as \a user, through the services the windows use. */
RunResult step(const Agent& agent, const QString& user, const QString& what, const QStringList& more = {})
{
    return agent.run(QStringLiteral("life"), QStringList{QStringLiteral("--user"), user, QStringLiteral("--password"), kPassword,
                                                        QStringLiteral("--step"), what}
                                                 + more);
}

RunResult onCase(const Agent& agent, const QString& user, const QString& what, const QString& caseId)
{
    return step(agent, user, what, {QStringLiteral("--case"), caseId});
}

/** The refused events of a quarantine summary, less the local set-up administrators' user.created. */
QStringList refused(const RunResult& r)
{
    QStringList lines = r.out.split(QLatin1Char('\n')).mid(1);
    lines.removeIf([](const QString& line) { return line.isEmpty() || line.startsWith(QStringLiteral("user.created/")); });
    return lines;
}
} // namespace

class TestSyncRoles : public QObject
{
    Q_OBJECT

private slots:
    void roleChangesCountFromTheirTime();
};

void TestSyncRoles::roleChangesCountFromTheirTime()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    const QList<QPair<QString, QString>> people{{QStringLiteral("lin"), QStringLiteral("intake")},
                                                {QStringLiteral("zhao"), QStringLiteral("review")},
                                                {QStringLiteral("qian"), QStringLiteral("approval")},
                                                {QStringLiteral("wang"), QStringLiteral("intake")}};
    for (const auto& [name, roles] : people) {
        const RunResult r = hub.addUser(name, name, roles, kPassword);
        QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    }
    QVERIFY2(hub.start(&error), qPrintable(error));
    auto a = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-A"), &error);
    QVERIFY2(a, qPrintable(error));
    auto b = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-B"), &error);
    QVERIFY2(b, qPrintable(error));
    // A county workstation: synced once at enrollment, then fed only by USB bundles (at the end).
    auto county = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-COUNTY"), &error);
    QVERIFY2(county, qPrintable(error));

    // At WS-A: lin accepts three cases, zhao reviews two, qian logs in once (her key).
    QStringList cases;
    for (int seed = 21; seed <= 23; ++seed) {
        const RunResult r = step(*a, QStringLiteral("lin"), QStringLiteral("accept-pledge"), {QStringLiteral("--seed"), QString::number(seed)});
        QVERIFY2(r.ok(), qPrintable(r.out + r.err));
        cases << field(r.out, QStringLiteral("case"));
    }
    const QString early = cases.at(0), late = cases.at(1), promoted = cases.at(2);
    for (const QString& c : {early, late}) {
        const RunResult r = onCase(*a, QStringLiteral("zhao"), QStringLiteral("review"), c);
        QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    }
    RunResult r = a->run(QStringLiteral("login-work"), {QStringLiteral("--user"), QStringLiteral("qian"), QStringLiteral("--password"),
                                                        kPassword, QStringLiteral("--cases"), QStringLiteral("0")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    QVERIFY(b->run(QStringLiteral("sync")).ok());

    // qian decides the early case at WS-A while she is an approver; WS-A does not sync yet.
    r = onCase(*a, QStringLiteral("qian"), QStringLiteral("approve"), early);
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QTest::qWait(50); // the change is strictly after her decision

    // The command's refusals: an unknown user, an unknown role, the administrator's own role.
    r = hub.admin({QStringLiteral("user-roles"), QStringLiteral("--username"), QStringLiteral("nobody"), QStringLiteral("--roles"),
                   QStringLiteral("intake")});
    QVERIFY2(!r.ok() && r.err.contains(QStringLiteral("no user nobody")), qPrintable(r.out + r.err));
    r = hub.admin({QStringLiteral("user-roles"), QStringLiteral("--username"), QStringLiteral("qian"), QStringLiteral("--roles"),
                   QStringLiteral("intake,emperor")});
    QVERIFY2(!r.ok() && r.err.contains(QStringLiteral("emperor")), qPrintable(r.out + r.err));
    r = hub.admin({QStringLiteral("user-roles"), QStringLiteral("--username"), QStringLiteral("admin"), QStringLiteral("--roles"),
                   QStringLiteral("supervisor")});
    QVERIFY2(!r.ok() && r.err.contains(QStringLiteral("from themselves")), qPrintable(r.out + r.err));
    // The change: qian is a clerk from now on.
    r = hub.admin({QStringLiteral("user-roles"), QStringLiteral("--username"), QStringLiteral("qian"), QStringLiteral("--roles"),
                   QStringLiteral("intake")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QTest::qWait(50);

    // WS-B has not synced since: qian still logs in there as an approver and decides the late case.
    r = onCase(*b, QStringLiteral("qian"), QStringLiteral("approve"), late);
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    for (const Agent* agent : {a.get(), b.get(), a.get()}) {
        r = agent->run(QStringLiteral("sync"));
        QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    }

    // Her earlier decision counts everywhere although it reached the hub after the change; the later
    // one is refused at the hub and at WS-A (and kept at WS-B, whose own event it is).
    const RunResult atHub = a->run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()});
    const RunResult atA = a->run(QStringLiteral("quarantine"));
    for (const RunResult* q : {&atHub, &atA}) {
        const QStringList lines = refused(*q);
        QVERIFY2(lines.size() == 1 && lines.first().startsWith(QStringLiteral("decision.approved/WS-B: "))
                     && lines.first().contains(QStringLiteral("holds no role that may write decision.approved")),
                 qPrintable(q->out + q->err));
    }
    for (const Agent* agent : {a.get(), b.get()})
        QCOMPARE(field(agent->run(QStringLiteral("status"), {QStringLiteral("--case"), early}).out, QStringLiteral("decision")),
                 QStringLiteral("approved"));
    QVERIFY(field(a->run(QStringLiteral("status"), {QStringLiteral("--case"), late}).out, QStringLiteral("decision")) != QLatin1String("approved"));

    // The client follows at the next login: at WS-A (synced) qian is refused a decision.
    r = onCase(*a, QStringLiteral("qian"), QStringLiteral("approve"), late);
    QVERIFY2(!r.ok() && !r.out.contains(QStringLiteral("login")), qPrintable(r.out + r.err));

    // A workstation of a hub hall does not change roles itself: the hub is the directory's authority.
    r = test::runProgram(test::adminBinary(),
                         {QStringLiteral("user-roles"), QStringLiteral("--db"), a->db(), QStringLiteral("--as"), QStringLiteral("admin"),
                          QStringLiteral("--username"), QStringLiteral("wang"), QStringLiteral("--roles"), QStringLiteral("intake,review")},
                         "demo1234\n");
    QVERIFY2(!r.ok() && r.err.contains(QStringLiteral("change roles at the hub")), qPrintable(r.out + r.err));

    // wang is no reviewer yet; promoted at the hub, she reviews after the next sync, and it counts.
    r = onCase(*a, QStringLiteral("wang"), QStringLiteral("review"), promoted);
    QVERIFY2(!r.ok() && !r.out.contains(QStringLiteral("login")), qPrintable(r.out + r.err));
    r = hub.admin({QStringLiteral("user-roles"), QStringLiteral("--username"), QStringLiteral("wang"), QStringLiteral("--roles"),
                   QStringLiteral("intake,review")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    QTest::qWait(50);
    r = onCase(*a, QStringLiteral("wang"), QStringLiteral("review"), promoted);
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    for (const Agent* agent : {a.get(), b.get()})
        QVERIFY(agent->run(QStringLiteral("sync")).ok());
    const QString reviewed = field(a->run(QStringLiteral("status"), {QStringLiteral("--case"), promoted}).out, QStringLiteral("status"));
    QCOMPARE(field(b->run(QStringLiteral("status"), {QStringLiteral("--case"), promoted}).out, QStringLiteral("status")), reviewed);

    // A workstation enrolled today decides alike from the same events.
    auto c = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-C"), &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(field(c->run(QStringLiteral("status"), {QStringLiteral("--case"), early}).out, QStringLiteral("decision")),
             QStringLiteral("approved"));
    QCOMPARE(field(c->run(QStringLiteral("status"), {QStringLiteral("--case"), promoted}).out, QStringLiteral("status")), reviewed);
    for (const Agent* agent : {c.get(), b.get()}) {
        const RunResult q = agent->run(QStringLiteral("quarantine"));
        const QStringList lines = refused(q);
        // WS-B keeps its own decision admitted (as a disabled user's own events, docs/SECURITY.md).
        QVERIFY2(lines.size() == (agent == b.get() ? 0 : 1), qPrintable(agent->workstation() + QLatin1Char(' ') + q.out));
    }
    QVERIFY(field(c->run(QStringLiteral("status"), {QStringLiteral("--case"), late}).out, QStringLiteral("decision")) != QLatin1String("approved"));

    // The county workstation, by one down bundle with everything since its enrollment: the same answers.
    const QString down = dir.filePath(QStringLiteral("down.osb"));
    r = test::runProgram(test::adminBinary(),
                         {QStringLiteral("bundle"), QStringLiteral("export"), QStringLiteral("--hub-dir"), hub.directory(),
                          QStringLiteral("--workstation"), county->workstation(), QStringLiteral("--file"), down},
                         "demo1234\n");
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    r = test::runProgram(test::adminBinary(),
                         {QStringLiteral("bundle"), QStringLiteral("import"), QStringLiteral("--db"), county->db(),
                          QStringLiteral("--file"), down},
                         "demo1234\n");
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QCOMPARE(field(county->run(QStringLiteral("status"), {QStringLiteral("--case"), early}).out, QStringLiteral("decision")),
             QStringLiteral("approved"));
    QVERIFY(field(county->run(QStringLiteral("status"), {QStringLiteral("--case"), late}).out, QStringLiteral("decision"))
            != QLatin1String("approved"));
    QCOMPARE(field(county->run(QStringLiteral("status"), {QStringLiteral("--case"), promoted}).out, QStringLiteral("status")),
             reviewed);
    const RunResult atCounty = county->run(QStringLiteral("quarantine"));
    const QStringList countyLines = refused(atCounty);
    QVERIFY2(countyLines.size() == 1 && countyLines.first().startsWith(QStringLiteral("decision.approved/WS-B: "))
                 && countyLines.first().contains(QStringLiteral("holds no role")),
             qPrintable(atCounty.out));
}

QTEST_GUILESS_MAIN(TestSyncRoles)
#include "TestSyncRoles.moc"
