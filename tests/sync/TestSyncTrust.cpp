// Trust (docs/SECURITY.md): a hall whose hub refuses unsigned events, an honest workstation, a
// forging workstation (ws_agent forge: events written straight into its database with a valid hash
// chain, bypassing every service check) and a second workstation that only watches. Each forgery is
// quarantined at the hub and at the second workstation (kept, never folded, with the reason and the
// workstation), the projections do not move, and the honest workstation keeps syncing.
#include "SyncHarness.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;
using test::Agent;
using test::HubProcess;
using test::RunResult;

namespace {
const QString kUserPassword = QStringLiteral("Trust-pass-2026");

QString field(const QString& line, const QString& key)
{
    for (const QString& part : line.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        if (part.startsWith(key + QLatin1Char('=')))
            return part.mid(key.size() + 1).trimmed();
    return QString();
}

QStringList login(const QString& user)
{
    return {QStringLiteral("--user"), user, QStringLiteral("--password"), kUserPassword};
}
} // namespace

class TestSyncTrust : public QObject
{
    Q_OBJECT

private slots:
    void forgeriesAreQuarantinedEverywhere();
    void disabledUsersEventsAreQuarantinedEverywhere();
    void disablingAndLaterEventsInOneRound();
    void eventsCutOffAtTheEndAreDetected();
    void backdatedEventsAfterACheckpointAreQuarantinedEverywhere();
    void cutOffWithTheHubsHeadRewrittenIsDetected();
    void backdatingAfterAnIdleRoundIsQuarantinedEverywhere();
    void honestEventsWrittenDuringRoundsCount();
    void disablingBetweenReferenceAndPull();
};

void TestSyncTrust::forgeriesAreQuarantinedEverywhere()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    struct NewUser
    {
        const char* name;
        const char* roles;
    };
    // clerk1 accepts at the honest counter; clerk2 forges at hers; dual accepts and may also decide
    // (a small hall), but never a case she accepted; approver decides and seals.
    // certop prints certificates but was never granted the seal key.
    for (const NewUser& u : {NewUser{"clerk1", "intake"}, NewUser{"clerk2", "intake"}, NewUser{"dual", "intake,approval"},
                             NewUser{"approver", "approval"}, NewUser{"certop", "certificate"},
                             NewUser{"fresh", "intake"}}) {
        const RunResult r = hub.addUser(QString::fromLatin1(u.name), QString::fromLatin1(u.name), QString::fromLatin1(u.roles), kUserPassword);
        QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    }
    QVERIFY2(hub.start(&error), qPrintable(error));

    QList<std::shared_ptr<Agent>> agents;
    for (const QString& name : {QStringLiteral("WS-HONEST"), QStringLiteral("WS-FORGE"), QStringLiteral("WS-WATCH")}) {
        auto agent = enrolledAgent(hub, dir.path(), name, &error);
        QVERIFY2(agent, qPrintable(error));
        agents << agent;
    }
    const Agent& honest = *agents.at(0);
    const Agent& forger = *agents.at(1);
    const Agent& watcher = *agents.at(2);

    // Honest work, signed by clerk1's key made at her first login.
    RunResult r = honest.run(QStringLiteral("login-work"), login(QStringLiteral("clerk1")) << QStringLiteral("--cases")
                                                                                           << QStringLiteral("1"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString honestCase = field(r.out, QStringLiteral("cases"));
    // The forging workstation accepts a case of its own as dual, honestly (signed).
    QVERIFY(forger.run(QStringLiteral("sync")).ok());
    r = forger.run(QStringLiteral("login-work"), login(QStringLiteral("dual")) << QStringLiteral("--cases") << QStringLiteral("1")
                                                                               << QStringLiteral("--seed") << QStringLiteral("50"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString dualCase = field(r.out, QStringLiteral("cases"));
    // The approver logs in once at the watcher (her key enters the directory).
    QVERIFY(watcher.run(QStringLiteral("sync")).ok());
    r = watcher.run(QStringLiteral("login-work"), login(QStringLiteral("approver")) << QStringLiteral("--cases") << QStringLiteral("0"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    for (const Agent* a : {&honest, &watcher, &forger, &honest, &watcher})
        QVERIFY(a->run(QStringLiteral("sync")).ok());
    // Honest work counts. Only the unsigned user.created of each workstation's local set-up
    // administrator (written before the workstation joined the hall) is refused, and harmlessly so:
    // users come from the hub's reference data, not from events.
    auto refusedBesidesSetUp = [](const QString& summary) {
        QStringList lines = summary.split(QLatin1Char('\n')).mid(1);
        lines.removeIf([](const QString& line) { return line.startsWith(QStringLiteral("user.created/")); });
        return lines;
    };
    r = watcher.run(QStringLiteral("quarantine"));
    QVERIFY2(r.ok() && refusedBesidesSetUp(r.out).isEmpty(), qPrintable(r.out + r.err));
    const QString before = watcher.run(QStringLiteral("status"), {QStringLiteral("--case"), honestCase}).out;
    const QString beforeDual = watcher.run(QStringLiteral("status"), {QStringLiteral("--case"), dualCase}).out;
    QVERIFY2(before.startsWith(QStringLiteral("ok status=")), qPrintable(before));

    // The forgeries, each written by clerk2 (or dual) straight into WS-FORGE's database.
    struct Forgery
    {
        QStringList args;
        QString reason; ///< part of the reason every replica gives
    };
    const QList<Forgery> forgeries{
        // seal.applied in the approver's name, signed with clerk2's own key
        {login(QStringLiteral("clerk2")) << QStringLiteral("--kind") << QStringLiteral("seal.applied") << QStringLiteral("--case")
                                         << honestCase << QStringLiteral("--as") << QStringLiteral("approver"),
         QStringLiteral("key of another user")},
        // the same, unsigned (as an old client would write it)
        {login(QStringLiteral("clerk2")) << QStringLiteral("--kind") << QStringLiteral("decision.approved") << QStringLiteral("--case")
                                         << honestCase << QStringLiteral("--as") << QStringLiteral("approver")
                                         << QStringLiteral("--unsigned") << QStringLiteral("1"),
         QStringLiteral("unsigned event")},
        // a decision by the acceptor (dual accepted dualCase and holds the approver's role)
        {login(QStringLiteral("dual")) << QStringLiteral("--kind") << QStringLiteral("decision.approved") << QStringLiteral("--case")
                                       << dualCase,
         QStringLiteral("four separations")},
        // a decision by a clerk without the approver's role, in her own name
        {login(QStringLiteral("clerk2")) << QStringLiteral("--kind") << QStringLiteral("decision.approved") << QStringLiteral("--case")
                                         << honestCase,
         QStringLiteral("holds no role")},
        // a password change for the administrator
        {login(QStringLiteral("clerk2")) << QStringLiteral("--kind") << QStringLiteral("user.password_changed")
                                         << QStringLiteral("--as") << QStringLiteral("admin") << QStringLiteral("--target-user")
                                         << QStringLiteral("admin"),
         QStringLiteral("key of another user")},
        // a new key for the approver, registered by clerk2 (signed by the new key itself)
        {login(QStringLiteral("clerk2")) << QStringLiteral("--kind") << QStringLiteral("user.key_registered")
                                         << QStringLiteral("--as") << QStringLiteral("approver"),
         QStringLiteral("not signed by the user's current key")},
        // a certificate signed by a certificate operator without the granted seal key, in her own name
        {login(QStringLiteral("certop")) << QStringLiteral("--kind") << QStringLiteral("certificate.signed")
                                         << QStringLiteral("--case") << honestCase,
         QStringLiteral("signed a certificate without a grant of the hall's seal key")},
        // the seal key granted by a clerk to herself
        {login(QStringLiteral("clerk2")) << QStringLiteral("--kind") << QStringLiteral("seal_key.granted"),
         QStringLiteral("holds no role that may write seal_key.granted")},
    };
    for (const Forgery& f : forgeries) {
        r = forger.run(QStringLiteral("forge"), f.args);
        QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    }
    // The forger's chain goes on with an honest event after the forgeries.
    r = forger.run(QStringLiteral("login-work"), login(QStringLiteral("clerk2")) << QStringLiteral("--cases") << QStringLiteral("1")
                                                                                 << QStringLiteral("--seed") << QStringLiteral("70"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString laterForgerCase = field(r.out, QStringLiteral("cases"));
    r = forger.run(QStringLiteral("sync"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err)); // nothing refuses the forger's connection: its events are kept
    // The honest workstation keeps syncing and working.
    r = honest.run(QStringLiteral("login-work"), login(QStringLiteral("clerk1")) << QStringLiteral("--cases") << QStringLiteral("1")
                                                                                 << QStringLiteral("--seed") << QStringLiteral("90"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString laterHonestCase = field(r.out, QStringLiteral("cases"));
    QVERIFY(honest.run(QStringLiteral("sync")).ok());
    r = watcher.run(QStringLiteral("sync"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));

    // At the hub and at the watcher: every forgery quarantined with its reason and workstation.
    const RunResult atHub = watcher.run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()});
    const RunResult atWatcher = watcher.run(QStringLiteral("quarantine"));
    for (const RunResult* q : {&atHub, &atWatcher}) {
        const QStringList refused = refusedBesidesSetUp(q->out);
        QVERIFY2(refused.size() == forgeries.size(), qPrintable(q->out + q->err));
        for (int i = 0; i < forgeries.size(); ++i) {
            QVERIFY2(refused.at(i).contains(QStringLiteral("/WS-FORGE: ")), qPrintable(refused.at(i)));
            QVERIFY2(refused.at(i).contains(forgeries.at(i).reason),
                     qPrintable(forgeries.at(i).reason + QStringLiteral(" missing in ") + refused.at(i)));
        }
    }
    QVERIFY(hub.log().contains(QStringLiteral("quarantined from WS-FORGE")));
    // Projections unchanged: no decision, no seal on either case.
    QCOMPARE(watcher.run(QStringLiteral("status"), {QStringLiteral("--case"), honestCase}).out, before);
    QCOMPARE(watcher.run(QStringLiteral("status"), {QStringLiteral("--case"), dualCase}).out, beforeDual);
    // The honest events after the forgeries, of both workstations, are folded at the watcher.
    QVERIFY(watcher.run(QStringLiteral("status"), {QStringLiteral("--case"), laterHonestCase}).out.startsWith(QStringLiteral("ok status=")));
    QVERIFY(watcher.run(QStringLiteral("status"), {QStringLiteral("--case"), laterForgerCase}).out.startsWith(QStringLiteral("ok status=")));
    // verify-audit at the watcher names every forgery with its workstation and reason (exit 3).
    const RunResult audit = test::runProgram(test::adminBinary(),
                                             {QStringLiteral("verify-audit"), QStringLiteral("--db"), watcher.db(),
                                              QStringLiteral("--as"), QStringLiteral("admin")},
                                             "demo1234\n");
    QCOMPARE(audit.exitCode, 3);
    int named = 0;
    for (const QString& line : audit.out.split(QLatin1Char('\n')))
        named += line.startsWith(QStringLiteral("REFUSED: workstation WS-FORGE")) && !line.contains(QStringLiteral("(user.created by"));
    QCOMPARE(named, int(forgeries.size()));
    QVERIFY2(audit.out.contains(QStringLiteral("seal.applied by ")), qPrintable(audit.out));
    // The hub grants the hall's seal key to certop: her next signature counts everywhere; revoked,
    // the one after is refused again.
    r = hub.admin({QStringLiteral("seal-grant"), QStringLiteral("--user"), QStringLiteral("certop")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QStringList signedForgery = login(QStringLiteral("certop")) << QStringLiteral("--kind")
                                                                       << QStringLiteral("certificate.signed")
                                                                       << QStringLiteral("--case") << honestCase;
    QVERIFY(forger.run(QStringLiteral("sync")).ok());
    QVERIFY2((r = forger.run(QStringLiteral("forge"), signedForgery)).ok(), qPrintable(r.out + r.err));
    QVERIFY(forger.run(QStringLiteral("sync")).ok());
    QVERIFY(watcher.run(QStringLiteral("sync")).ok());
    QCOMPARE(refusedBesidesSetUp(watcher.run(QStringLiteral("quarantine")).out).size(), forgeries.size());
    r = hub.admin({QStringLiteral("seal-revoke"), QStringLiteral("--user"), QStringLiteral("certop")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(forger.run(QStringLiteral("sync")).ok());
    QVERIFY2((r = forger.run(QStringLiteral("forge"), signedForgery)).ok(), qPrintable(r.out + r.err));
    QVERIFY(forger.run(QStringLiteral("sync")).ok());
    QVERIFY(watcher.run(QStringLiteral("sync")).ok());
    const QStringList afterRevoke = refusedBesidesSetUp(watcher.run(QStringLiteral("quarantine")).out);
    QCOMPARE(afterRevoke.size(), forgeries.size() + 1);
    QVERIFY2(afterRevoke.last().contains(QStringLiteral("without a grant")), qPrintable(afterRevoke.last()));
    // The administrator's password at the hub is still the one it was (the admin command logs in with it).
    r = hub.admin({QStringLiteral("status")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));

    // A user who never logged in ("fresh", password set by the administrator): the clerk gives her a
    // first key (it signs itself) and with it signs a change of her password. The first key lacks the
    // proof by her password (docs/SECURITY.md, "The first key"): refused at the hub and at the watcher,
    // and so is the change it signed; the hub keeps the password.
    r = forger.run(QStringLiteral("forge"), login(QStringLiteral("clerk2"))
                                                << QStringLiteral("--kind") << QStringLiteral("user.password_changed")
                                                << QStringLiteral("--as") << QStringLiteral("fresh") << QStringLiteral("--target-user")
                                                << QStringLiteral("fresh") << QStringLiteral("--first-key") << QStringLiteral("1"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(forger.run(QStringLiteral("sync")).ok());
    QVERIFY(watcher.run(QStringLiteral("sync")).ok());
    for (const RunResult& q : {watcher.run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()}),
                               watcher.run(QStringLiteral("quarantine"))}) {
        const QStringList refused = refusedBesidesSetUp(q.out);
        QVERIFY2(refused.size() == forgeries.size() + 3, qPrintable(q.out + q.err));
        QVERIFY2(refused.at(refused.size() - 2).startsWith(QStringLiteral("user.key_registered/WS-FORGE: "))
                     && refused.at(refused.size() - 2).contains(QStringLiteral("without a valid proof by the user's password")),
                 qPrintable(q.out));
        QVERIFY2(refused.last().startsWith(QStringLiteral("user.password_changed/WS-FORGE: ")), qPrintable(q.out));
    }
    for (const QStringList& where : {QStringList{QStringLiteral("--hub-dir"), hub.directory()}, QStringList{}}) {
        r = watcher.run(QStringLiteral("password-check"),
                        QStringList{QStringLiteral("--user"), QStringLiteral("fresh"), QStringLiteral("--password"), kUserPassword} + where);
        QVERIFY2(r.out == QStringLiteral("ok match=1 must_change=1"), qPrintable(r.out + r.err));
        r = watcher.run(QStringLiteral("password-check"),
                        QStringList{QStringLiteral("--user"), QStringLiteral("admin"), QStringLiteral("--password"),
                                    QStringLiteral("Forged-pass-1")} + where);
        QVERIFY2(r.out.startsWith(QStringLiteral("ok match=0")), qPrintable(r.out + r.err));
    }
}

// The administrator disables a user at the hub (oneseal-admin hub user-disable). A workstation that
// has not synced since still has her key slot and her signing key: the events she records there
// afterwards, well signed by her own key, are quarantined at the hub and at a second workstation,
// never folded; her events from before stay valid, and enabling her again lets new ones count.
void TestSyncTrust::disabledUsersEventsAreQuarantinedEverywhere()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    QVERIFY2(hub.addUsers({QStringLiteral("clerk2")}, QStringLiteral("intake"), kUserPassword, &error),
             qPrintable(error));
    RunResult r;
    QVERIFY2(hub.start(&error), qPrintable(error));
    const auto agents =
        enrolledAgents(hub, dir.path(), {QStringLiteral("WS-FORGE"), QStringLiteral("WS-WATCH")}, &error);
    QVERIFY2(agents.size() == 2, qPrintable(error));
    const Agent& forger = *agents.at(0);
    const Agent& watcher = *agents.at(1);
    r = forger.run(QStringLiteral("login-work"), login(QStringLiteral("clerk2")) << QStringLiteral("--cases") << QStringLiteral("1"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString before = field(r.out, QStringLiteral("cases"));
    QVERIFY(forger.run(QStringLiteral("sync")).ok());
    QVERIFY(watcher.run(QStringLiteral("sync")).ok());
    QVERIFY(watcher.run(QStringLiteral("status"), {QStringLiteral("--case"), before}).out.startsWith(QStringLiteral("ok status=")));

    // Refusals of the command itself: an unknown user, the administrator herself.
    r = hub.admin({QStringLiteral("user-disable"), QStringLiteral("--username"), QStringLiteral("nobody")});
    QVERIFY(!r.ok() && r.err.contains(QStringLiteral("no user nobody")));
    r = hub.admin({QStringLiteral("user-disable"), QStringLiteral("--username"), QStringLiteral("admin")});
    QVERIFY(!r.ok() && r.err.contains(QStringLiteral("own account")));
    r = hub.admin({QStringLiteral("user-disable"), QStringLiteral("--username"), QStringLiteral("clerk2")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(watcher.run(QStringLiteral("sync")).ok());

    // WS-FORGE has not synced since: clerk2 still logs in there and records a case, signed by her key.
    QTest::qWait(50); // recorded strictly after the disabling
    r = forger.run(QStringLiteral("login-work"), login(QStringLiteral("clerk2")) << QStringLiteral("--cases") << QStringLiteral("1")
                                                                                 << QStringLiteral("--seed") << QStringLiteral("40"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString after = field(r.out, QStringLiteral("cases"));
    r = forger.run(QStringLiteral("sync"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(watcher.run(QStringLiteral("sync")).ok());

    const RunResult atHub = watcher.run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()});
    const RunResult atWatcher = watcher.run(QStringLiteral("quarantine"));
    for (const RunResult* q : {&atHub, &atWatcher}) {
        int disabled = 0;
        for (const QString& line : q->out.split(QLatin1Char('\n')))
            disabled += line.contains(QStringLiteral("/WS-FORGE: ")) && line.contains(QStringLiteral("was disabled"));
        QVERIFY2(disabled >= 1, qPrintable(q->out + q->err));
    }
    // Not folded: the later case does not exist at the watcher; the earlier one is untouched.
    QVERIFY2(!watcher.run(QStringLiteral("status"), {QStringLiteral("--case"), after}).ok(),
             qPrintable(watcher.run(QStringLiteral("status"), {QStringLiteral("--case"), after}).out));
    QVERIFY(watcher.run(QStringLiteral("status"), {QStringLiteral("--case"), before}).out.startsWith(QStringLiteral("ok status=")));
    // verify-audit at the watcher names them (exit 3).
    const RunResult audit = test::runProgram(test::adminBinary(),
                                             {QStringLiteral("verify-audit"), QStringLiteral("--db"), watcher.db(),
                                              QStringLiteral("--as"), QStringLiteral("admin")},
                                             "demo1234\n");
    QCOMPARE(audit.exitCode, 3);
    QVERIFY2(audit.out.contains(QStringLiteral("was disabled")), qPrintable(audit.out));

    // Enabled again: her new events count.
    r = hub.admin({QStringLiteral("user-enable"), QStringLiteral("--username"), QStringLiteral("clerk2")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(forger.run(QStringLiteral("sync")).ok());
    QVERIFY(watcher.run(QStringLiteral("sync")).ok());
    QTest::qWait(50);
    r = forger.run(QStringLiteral("login-work"), login(QStringLiteral("clerk2")) << QStringLiteral("--cases") << QStringLiteral("1")
                                                                                 << QStringLiteral("--seed") << QStringLiteral("60"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString reenabled = field(r.out, QStringLiteral("cases"));
    QVERIFY(forger.run(QStringLiteral("sync")).ok());
    QVERIFY(watcher.run(QStringLiteral("sync")).ok());
    QVERIFY(watcher.run(QStringLiteral("status"), {QStringLiteral("--case"), reenabled}).out.startsWith(QStringLiteral("ok status=")));
}

// A workstation that learns of a disabling in the same round as the disabled user's later events
// (it has not synced since the disabling): it takes the round's users before it admits the pulled
// events, so it quarantines them exactly as the hub does. Before, it pulled first and admitted them.
void TestSyncTrust::disablingAndLaterEventsInOneRound()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    QVERIFY2(hub.addUsers({QStringLiteral("clerk2")}, QStringLiteral("intake"), kUserPassword, &error),
             qPrintable(error));
    RunResult r;
    QVERIFY2(hub.start(&error), qPrintable(error));
    const auto agents = enrolledAgents(hub, dir.path(), {QStringLiteral("WS-A"), QStringLiteral("WS-B")}, &error);
    QVERIFY2(agents.size() == 2, qPrintable(error));
    const Agent& a = *agents.at(0);
    const Agent& b = *agents.at(1);
    r = a.run(QStringLiteral("login-work"), login(QStringLiteral("clerk2")) << QStringLiteral("--cases") << QStringLiteral("1"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString before = field(r.out, QStringLiteral("cases"));
    QVERIFY(a.run(QStringLiteral("sync")).ok());
    QVERIFY(b.run(QStringLiteral("sync")).ok());

    // Disabled at the hub; neither workstation has synced since.
    r = hub.admin({QStringLiteral("user-disable"), QStringLiteral("--username"), QStringLiteral("clerk2")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QTest::qWait(50); // recorded strictly after the disabling
    r = a.run(QStringLiteral("login-work"), login(QStringLiteral("clerk2")) << QStringLiteral("--cases") << QStringLiteral("1")
                                                                            << QStringLiteral("--seed") << QStringLiteral("40"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString after = field(r.out, QStringLiteral("cases"));
    QVERIFY(a.run(QStringLiteral("sync")).ok());
    // B learns of the disabling and of her later events in one round.
    r = b.run(QStringLiteral("sync"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));

    auto refusedOfA = [](const QString& summary) {
        QStringList lines = summary.split(QLatin1Char('\n'));
        lines.removeIf([](const QString& line) { return !line.contains(QStringLiteral("/WS-A: ")); });
        return lines;
    };
    const QStringList atHub = refusedOfA(b.run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()}).out);
    const QStringList atB = refusedOfA(b.run(QStringLiteral("quarantine")).out);
    QVERIFY2(!atHub.filter(QStringLiteral("was disabled")).isEmpty(), qPrintable(atHub.join(QLatin1Char('\n'))));
    QCOMPARE(atB, atHub); // the same events, the same reasons
    // Not folded at B; her earlier case stays.
    QVERIFY(!b.run(QStringLiteral("status"), {QStringLiteral("--case"), after}).ok());
    QVERIFY(b.run(QStringLiteral("status"), {QStringLiteral("--case"), before}).out.startsWith(QStringLiteral("ok status=")));
    const RunResult audit = test::runProgram(test::adminBinary(),
                                             {QStringLiteral("verify-audit"), QStringLiteral("--db"), b.db(),
                                              QStringLiteral("--as"), QStringLiteral("admin")},
                                             "demo1234\n");
    QCOMPARE(audit.exitCode, 3);
    QVERIFY2(audit.out.contains(QStringLiteral("REFUSED: workstation WS-A")) && audit.out.contains(QStringLiteral("was disabled")),
             qPrintable(audit.out));
}

// An insider with the database key deletes the newest events of her workstation's chain after they
// reached the hub: the chain left is consistent, but verify-audit compares it with the newest event
// the hub holds of it (sent in every welcome, updated at every acknowledged push) and says so.
void TestSyncTrust::eventsCutOffAtTheEndAreDetected()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    QVERIFY2(hub.addUsers({QStringLiteral("clerk1")}, QStringLiteral("intake"), kUserPassword, &error),
             qPrintable(error));
    RunResult r;
    QVERIFY2(hub.start(&error), qPrintable(error));
    const auto agent = enrolledAgent(hub, dir.path(), QStringLiteral("WS-CUT"), &error);
    QVERIFY2(agent, qPrintable(error));
    const Agent& ws = *agent;
    r = ws.run(QStringLiteral("login-work"), login(QStringLiteral("clerk1")) << QStringLiteral("--cases") << QStringLiteral("3"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    r = ws.run(QStringLiteral("sync"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    auto audit = [&ws]() {
        return test::runProgram(test::adminBinary(),
                                {QStringLiteral("verify-audit"), QStringLiteral("--db"), ws.db(), QStringLiteral("--as"),
                                 QStringLiteral("admin")},
                                "demo1234\n");
    };
    RunResult before = audit();
    QVERIFY2(before.exitCode == 0 || before.exitCode == 3, qPrintable(before.out + before.err));
    QVERIFY2(!before.out.contains(QStringLiteral("CUT OFF")) && !before.out.contains(QStringLiteral("TAMPERED")),
             qPrintable(before.out));

    r = ws.run(QStringLiteral("cut"), {QStringLiteral("--count"), QStringLiteral("2")});
    QVERIFY2(r.out == QStringLiteral("ok cut=2"), qPrintable(r.out + r.err));
    const RunResult after = audit();
    QCOMPARE(after.exitCode, 3);
    QVERIFY2(after.out.contains(QStringLiteral("CUT OFF: workstation WS-CUT")), qPrintable(after.out));
    QVERIFY2(after.out.contains(QStringLiteral("cut off at the end")), qPrintable(after.out));
}

// A disabled user with her password, on a workstation that synced after the disabling, signs an
// event dated before the disabling (her key was valid then, she was enabled then). The hub signed a
// checkpoint of that workstation's chain at the sync: an event after it that claims to be older than
// the checkpoint less the clock margin (24 hours) is backdated, and quarantined at the hub and at a
// second workstation. The hub runs with its clock two days ahead for the checkpoint, so that a key
// registered moments ago can be older than the margin.
void TestSyncTrust::backdatedEventsAfterACheckpointAreQuarantinedEverywhere()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    const QStringList clerks{QStringLiteral("clerk1"), QStringLiteral("clerk2")};
    QVERIFY2(hub.addUsers(clerks, QStringLiteral("intake"), kUserPassword, &error), qPrintable(error));
    QVERIFY2(hub.start(&error), qPrintable(error));
    const auto agents = enrolledAgents(hub, dir.path(), {QStringLiteral("WS-F"), QStringLiteral("WS-W")}, &error);
    QVERIFY2(agents.size() == 2, qPrintable(error));
    const Agent& f = *agents.at(0);
    const Agent& w = *agents.at(1);
    // clerk2's key is made at her first login at WS-F.
    RunResult r = f.run(QStringLiteral("login-work"), login(QStringLiteral("clerk2")) << QStringLiteral("--cases") << QStringLiteral("1"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(f.run(QStringLiteral("sync")).ok());
    QVERIFY(w.run(QStringLiteral("sync")).ok());
    QTest::qWait(1500);
    const QDateTime disabling = QDateTime::currentDateTimeUtc();
    r = hub.admin({QStringLiteral("user-disable"), QStringLiteral("--username"), QStringLiteral("clerk2")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));

    // Two days later by the hub's clock, WS-F syncs with clerk1's work: the hub signs a checkpoint.
    const quint16 port = hub.port();
    QVERIFY(hub.terminate());
    hub.setClockOffsetMs(2LL * 24 * 3600 * 1000);
    QVERIFY2(hub.start(&error, port), qPrintable(error));
    // (Her work is dated by the hub's clock: the login's round before her first key is checkpointed too.)
    r = f.run(QStringLiteral("login-work"), login(QStringLiteral("clerk1")) << QStringLiteral("--cases") << QStringLiteral("1")
                                                                           << QStringLiteral("--seed") << QStringLiteral("30")
                                                                           << QStringLiteral("--skew-ms")
                                                                           << QString::number(2LL * 24 * 3600 * 1000));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString honestCase = field(r.out, QStringLiteral("cases"));
    QVERIFY(f.run(QStringLiteral("sync")).ok());

    // At WS-F an insider enables clerk2 again in its own database; she signs an event dated half a
    // second before her disabling. A control: the same kind by clerk1, dated by the hub's clock.
    const qint64 back = -(disabling.msecsTo(QDateTime::currentDateTimeUtc()) + 500);
    r = f.run(QStringLiteral("forge"), login(QStringLiteral("clerk2")) << QStringLiteral("--enable-locally") << QStringLiteral("1")
                                                                       << QStringLiteral("--kind") << QStringLiteral("desk.note")
                                                                       << QStringLiteral("--skew-ms") << QString::number(back));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString backdated = field(r.out, QStringLiteral("event"));
    r = f.run(QStringLiteral("forge"), login(QStringLiteral("clerk1")) << QStringLiteral("--kind") << QStringLiteral("desk.note")
                                                                       << QStringLiteral("--skew-ms")
                                                                       << QString::number(2LL * 24 * 3600 * 1000));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    r = f.run(QStringLiteral("sync"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    r = w.run(QStringLiteral("sync"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));

    for (const RunResult& q : {w.run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()}),
                               w.run(QStringLiteral("quarantine"))}) {
        QStringList notes = q.out.split(QLatin1Char('\n')).filter(QStringLiteral("desk.note/"));
        QVERIFY2(notes.size() == 1, qPrintable(q.out + q.err)); // clerk1's counts
        QVERIFY2(notes.first().startsWith(QStringLiteral("desk.note/WS-F: recorded at")), qPrintable(notes.first()));
        QVERIFY2(notes.first().contains(QStringLiteral("before the hub's checkpoint of workstation WS-F")), qPrintable(notes.first()));
        QVERIFY2(notes.first().contains(QStringLiteral("(backdated)")), qPrintable(notes.first()));
    }
    QVERIFY(w.run(QStringLiteral("status"), {QStringLiteral("--case"), honestCase}).out.startsWith(QStringLiteral("ok status=")));
    const RunResult audit = test::runProgram(test::adminBinary(),
                                             {QStringLiteral("verify-audit"), QStringLiteral("--db"), w.db(),
                                              QStringLiteral("--as"), QStringLiteral("admin")},
                                             "demo1234\n");
    QCOMPARE(audit.exitCode, 3);
    QVERIFY2(audit.out.contains(QStringLiteral("REFUSED: workstation WS-F: event ") + backdated) && audit.out.contains(QStringLiteral("backdated")),
             qPrintable(audit.out));
}

// The insider who cuts the newest events of her workstation's chain also rewrites the chain head the
// hub sent (meta hub_chain_head): the hub-signed checkpoint still names the event that is gone. And
// a checkpoint rewritten to name the new end no longer carries the hub's signature.
void TestSyncTrust::cutOffWithTheHubsHeadRewrittenIsDetected()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    QVERIFY2(hub.addUsers({QStringLiteral("clerk1")}, QStringLiteral("intake"), kUserPassword, &error),
             qPrintable(error));
    RunResult r;
    QVERIFY2(hub.start(&error), qPrintable(error));
    const auto agent = enrolledAgent(hub, dir.path(), QStringLiteral("WS-CUT"), &error);
    QVERIFY2(agent, qPrintable(error));
    const Agent& ws = *agent;
    r = ws.run(QStringLiteral("login-work"), login(QStringLiteral("clerk1")) << QStringLiteral("--cases") << QStringLiteral("3"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(ws.run(QStringLiteral("sync")).ok());
    auto audit = [&ws]() {
        return test::runProgram(test::adminBinary(),
                                {QStringLiteral("verify-audit"), QStringLiteral("--db"), ws.db(), QStringLiteral("--as"),
                                 QStringLiteral("admin")},
                                "demo1234\n");
    };
    const RunResult before = audit();
    QVERIFY2(!before.out.contains(QStringLiteral("CUT OFF")) && !before.out.contains(QStringLiteral("FORGED"))
                 && !before.out.contains(QStringLiteral("TAMPERED")),
             qPrintable(before.out));

    r = ws.run(QStringLiteral("cut"), {QStringLiteral("--count"), QStringLiteral("2"), QStringLiteral("--rewrite-meta"), QStringLiteral("1")});
    QVERIFY2(r.out == QStringLiteral("ok cut=2"), qPrintable(r.out + r.err));
    RunResult after = audit();
    QCOMPARE(after.exitCode, 3);
    QVERIFY2(after.out.contains(QStringLiteral("CUT OFF: workstation WS-CUT: events were cut off at the end of this workstation's "
                                               "chain: the hub signed")),
             qPrintable(after.out));

    r = ws.run(QStringLiteral("cut"), {QStringLiteral("--count"), QStringLiteral("0"), QStringLiteral("--forge-checkpoint"), QStringLiteral("1")});
    QVERIFY2(r.out == QStringLiteral("ok cut=0"), qPrintable(r.out + r.err));
    after = audit();
    QCOMPARE(after.exitCode, 3);
    QVERIFY2(after.out.contains(QStringLiteral("FORGED CHECKPOINT: workstation WS-CUT: the checkpoint of this chain numbered")),
             qPrintable(after.out));
}

namespace {
/** The refused events of a kind in a `quarantine` listing ("KIND/WS: reason" lines). */
QStringList refusedOfKind(const RunResult& listing, const QString& kind)
{
    return listing.out.split(QLatin1Char('\n')).filter(kind + QLatin1Char('/'));
}
} // namespace

// Issue 12: a disabled user on a workstation that syncs but has nothing to push. Her workstation's
// chain is checkpointed at every round now (at the first pull, with the time and clock the hub gave
// it before the round), so an event she dates before her disabling is known to be written after a
// round that came after it: quarantined at the hub and at a second workstation, with the clock margin
// left at 24 hours. Then the same with the hub's clock the workstation stored rewritten, so that the
// event's clock is as old as its date: refused by the clock the checkpoint names.
void TestSyncTrust::backdatingAfterAnIdleRoundIsQuarantinedEverywhere()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    const QStringList clerks{QStringLiteral("clerk1"), QStringLiteral("clerk2")};
    QVERIFY2(hub.addUsers(clerks, QStringLiteral("intake"), kUserPassword, &error), qPrintable(error));
    QVERIFY2(hub.start(&error), qPrintable(error));
    const auto agents = enrolledAgents(hub, dir.path(), {QStringLiteral("WS-F"), QStringLiteral("WS-W")}, &error);
    QVERIFY2(agents.size() == 2, qPrintable(error));
    const Agent& f = *agents.at(0);
    const Agent& w = *agents.at(1);
    RunResult r = f.run(QStringLiteral("login-work"), login(QStringLiteral("clerk2")) << QStringLiteral("--cases") << QStringLiteral("1"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString earlierCase = field(r.out, QStringLiteral("cases"));
    QVERIFY(f.run(QStringLiteral("sync")).ok());
    QVERIFY(w.run(QStringLiteral("sync")).ok());
    QTest::qWait(1500);
    const QDateTime disabling = QDateTime::currentDateTimeUtc();
    r = hub.admin({QStringLiteral("user-disable"), QStringLiteral("--username"), QStringLiteral("clerk2")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QTest::qWait(1500);

    // WS-F syncs with nothing to push.
    r = f.run(QStringLiteral("sync"));
    QVERIFY2(r.ok() && field(r.out, QStringLiteral("pushed")) == QStringLiteral("0"), qPrintable(r.out + r.err));

    // An insider enables clerk2 again at WS-F; she signs an event dated half a second before her
    // disabling (well within the 24 hours' margin). A control by clerk1, dated now.
    auto backTo = [&disabling]() { return QString::number(-(disabling.msecsTo(QDateTime::currentDateTimeUtc()) + 500)); };
    r = f.run(QStringLiteral("forge"), login(QStringLiteral("clerk2")) << QStringLiteral("--enable-locally") << QStringLiteral("1")
                                                                       << QStringLiteral("--kind") << QStringLiteral("desk.note")
                                                                       << QStringLiteral("--skew-ms") << backTo());
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString backdated = field(r.out, QStringLiteral("event"));
    r = f.run(QStringLiteral("forge"), login(QStringLiteral("clerk1")) << QStringLiteral("--kind") << QStringLiteral("desk.note"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(f.run(QStringLiteral("sync")).ok());
    QTest::qWait(1100);
    // Again, with the hub's clock stored at WS-F forgotten: her event's clock is as old as its date.
    r = f.run(QStringLiteral("forge"), login(QStringLiteral("clerk2")) << QStringLiteral("--enable-locally") << QStringLiteral("1")
                                                                       << QStringLiteral("--forget-hlc") << QStringLiteral("1")
                                                                       << QStringLiteral("--kind") << QStringLiteral("desk.memo")
                                                                       << QStringLiteral("--skew-ms") << backTo());
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString oldClock = field(r.out, QStringLiteral("event"));
    r = f.run(QStringLiteral("login-work"), login(QStringLiteral("clerk1")) << QStringLiteral("--cases") << QStringLiteral("1")
                                                                           << QStringLiteral("--seed") << QStringLiteral("31"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString honestCase = field(r.out, QStringLiteral("cases"));
    QVERIFY(f.run(QStringLiteral("sync")).ok());
    r = w.run(QStringLiteral("sync"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));

    for (const RunResult& q : {w.run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()}),
                               w.run(QStringLiteral("quarantine"))}) {
        const QStringList notes = refusedOfKind(q, QStringLiteral("desk.note"));
        QVERIFY2(notes.size() == 1, qPrintable(q.out + q.err)); // clerk1's counts
        QVERIFY2(notes.first().contains(QStringLiteral("was disabled")), qPrintable(notes.first()));
        const QStringList memos = refusedOfKind(q, QStringLiteral("desk.memo"));
        QVERIFY2(memos.size() == 1, qPrintable(q.out + q.err));
        QVERIFY2(memos.first().contains(QStringLiteral("that workstation WS-F held at the checkpoint of")), qPrintable(memos.first()));
        QVERIFY2(memos.first().contains(QStringLiteral("(backdated)")), qPrintable(memos.first()));
        QCOMPARE(q.out.split(QLatin1Char('\n')).filter(QStringLiteral("desk.")).size(), 2); // nothing else
    }
    QVERIFY(w.run(QStringLiteral("status"), {QStringLiteral("--case"), honestCase}).out.startsWith(QStringLiteral("ok status=")));
    QVERIFY(w.run(QStringLiteral("status"), {QStringLiteral("--case"), earlierCase}).out.startsWith(QStringLiteral("ok status=")));
    const RunResult audit = test::runProgram(test::adminBinary(),
                                             {QStringLiteral("verify-audit"), QStringLiteral("--db"), w.db(),
                                              QStringLiteral("--as"), QStringLiteral("admin")},
                                             "demo1234\n");
    QCOMPARE(audit.exitCode, 3);
    QVERIFY2(audit.out.contains(QStringLiteral("REFUSED: workstation WS-F: event ") + backdated)
                 && audit.out.contains(QStringLiteral("REFUSED: workstation WS-F: event ") + oldClock),
             qPrintable(audit.out));
}

// Honest work is never refused by the round checkpoints, however it interleaves with the rounds:
// with the margin lowered to one minute (hub.conf) and the hub's clock 20 seconds ahead of the
// workstations', one workstation syncs round after round while its users work at it at the same
// time (separate processes on its database), and another does the same. Afterwards nothing is
// quarantined anywhere, and an event dated two minutes back is (so the bound was in force).
void TestSyncTrust::honestEventsWrittenDuringRoundsCount()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    {
        QFile conf(hub.directory() + QStringLiteral("/hub.conf"));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write("[limits]\nbackdating_margin_minutes = 1\n");
    }
    const QStringList clerks{QStringLiteral("clerk1"), QStringLiteral("clerk2")};
    QVERIFY2(hub.addUsers(clerks, QStringLiteral("intake"), kUserPassword, &error), qPrintable(error));
    hub.setClockOffsetMs(20000);
    QVERIFY2(hub.start(&error), qPrintable(error));
    const auto agents = enrolledAgents(hub, dir.path(), {QStringLiteral("WS-A"), QStringLiteral("WS-B")}, &error);
    QVERIFY2(agents.size() == 2, qPrintable(error));
    const Agent& a = *agents.at(0);
    const Agent& b = *agents.at(1);
    // First logins (the keys), then the interleaving: each workstation syncs 60 rounds in one
    // process (one connection: the hub's clock given in pull replies bounds the next round) while
    // its user works in others.
    QVERIFY(a.run(QStringLiteral("login-work"), login(QStringLiteral("clerk1")) << QStringLiteral("--cases") << QStringLiteral("1")).ok());
    QVERIFY(b.run(QStringLiteral("login-work"), login(QStringLiteral("clerk2")) << QStringLiteral("--cases") << QStringLiteral("1")).ok());
    for (int pass = 0; pass < 2; ++pass) {
        std::unique_ptr<QProcess> syncA = a.start(QStringLiteral("sync"), {QStringLiteral("--rounds"), QStringLiteral("60"),
                                                                                 QStringLiteral("--pause-ms"), QStringLiteral("50")});
        std::unique_ptr<QProcess> syncB = b.start(QStringLiteral("sync"), {QStringLiteral("--rounds"), QStringLiteral("60"),
                                                                                 QStringLiteral("--pause-ms"), QStringLiteral("50")});
        for (int i = 0; i < 3; ++i) {
            const QString seed = QString::number(200 + pass * 100 + i * 10); // WS-B: seed + 5, other applicants
            std::unique_ptr<QProcess> workA = a.start(QStringLiteral("login-work"), login(QStringLiteral("clerk1"))
                                                                                        << QStringLiteral("--cases") << QStringLiteral("2")
                                                                                        << QStringLiteral("--seed") << seed);
            std::unique_ptr<QProcess> workB = b.start(QStringLiteral("login-work"), login(QStringLiteral("clerk2"))
                                                                                        << QStringLiteral("--cases") << QStringLiteral("2")
                                                                                        << QStringLiteral("--seed")
                                                                                        << QString::number(seed.toInt() + 5));
            for (QProcess* p : {workA.get(), workB.get()}) {
                QVERIFY(p->waitForFinished(120000));
                QVERIFY2(p->exitCode() == 0, qPrintable(QString::fromUtf8(p->readAllStandardOutput() + p->readAllStandardError())));
            }
        }
        for (QProcess* p : {syncA.get(), syncB.get()}) {
            QVERIFY(p->waitForFinished(180000));
            QVERIFY2(p->exitCode() == 0, qPrintable(QString::fromUtf8(p->readAllStandardOutput() + p->readAllStandardError())));
        }
    }
    for (int i = 0; i < 2; ++i)
        for (const Agent* agent : {&a, &b})
            QVERIFY(agent->run(QStringLiteral("sync")).ok());
    // (Only the workstations' own unsigned user.created from their making, as in every test here.)
    for (const RunResult& q : {a.run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()}),
                               a.run(QStringLiteral("quarantine")), b.run(QStringLiteral("quarantine"))}) {
        QStringList refused = q.out.split(QLatin1Char('\n')).filter(QStringLiteral("/WS-"));
        refused.removeIf([](const QString& line) { return line.startsWith(QStringLiteral("user.created/")); });
        QVERIFY2(q.ok() && refused.isEmpty(), qPrintable(q.out + q.err));
    }

    // The bound was in force: two minutes back is more than the margin.
    RunResult r = a.run(QStringLiteral("forge"), login(QStringLiteral("clerk1")) << QStringLiteral("--kind") << QStringLiteral("desk.note")
                                                                               << QStringLiteral("--skew-ms") << QStringLiteral("-120000"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a.run(QStringLiteral("sync")).ok());
    QVERIFY(b.run(QStringLiteral("sync")).ok());
    for (const RunResult& q : {b.run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()}),
                               b.run(QStringLiteral("quarantine"))}) {
        const QStringList notes = refusedOfKind(q, QStringLiteral("desk.note"));
        QVERIFY2(notes.size() == 1 && notes.first().contains(QStringLiteral("(backdated)")), qPrintable(q.out + q.err));
    }
}

// Issue 12: a disabling made at the hub between a round's reference data and its pull. WS-B stops
// after the reference reply (ws_agent --stall-at); meanwhile clerk2 is disabled and works at WS-A,
// which pushes: the hub refuses her event. WS-B then pulls it: the reply says the hub's users are
// newer than those WS-B took, so it takes them again before it admits the events, and refuses hers
// as the hub did (quarantine is append-only: admitted once, it would have stayed admitted).
void TestSyncTrust::disablingBetweenReferenceAndPull()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    QVERIFY2(hub.addUsers({QStringLiteral("clerk2")}, QStringLiteral("intake"), kUserPassword, &error),
             qPrintable(error));
    RunResult r;
    QVERIFY2(hub.start(&error), qPrintable(error));
    const auto agents = enrolledAgents(hub, dir.path(), {QStringLiteral("WS-A"), QStringLiteral("WS-B")}, &error);
    QVERIFY2(agents.size() == 2, qPrintable(error));
    const Agent& a = *agents.at(0);
    const Agent& b = *agents.at(1);
    r = a.run(QStringLiteral("login-work"), login(QStringLiteral("clerk2")) << QStringLiteral("--cases") << QStringLiteral("1"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a.run(QStringLiteral("sync")).ok());
    QVERIFY(b.run(QStringLiteral("sync")).ok());

    std::unique_ptr<QProcess> stalled =
        b.start(QStringLiteral("sync"), {QStringLiteral("--stall-at"), QStringLiteral("reference_data")});
    QByteArray out;
    QDeadlineTimer deadline(60000);
    while (!out.contains("stalled at reference_data") && !deadline.hasExpired() && stalled->state() == QProcess::Running) {
        stalled->waitForReadyRead(200);
        out += stalled->readAllStandardOutput();
    }
    QVERIFY2(out.contains("stalled at reference_data"), qPrintable(QString::fromUtf8(out + stalled->readAllStandardError())));

    r = hub.admin({QStringLiteral("user-disable"), QStringLiteral("--username"), QStringLiteral("clerk2")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QTest::qWait(50); // recorded strictly after the disabling
    r = a.run(QStringLiteral("login-work"), login(QStringLiteral("clerk2")) << QStringLiteral("--cases") << QStringLiteral("1")
                                                                            << QStringLiteral("--seed") << QStringLiteral("41"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString after = field(r.out, QStringLiteral("cases"));
    QVERIFY(a.run(QStringLiteral("sync")).ok());

    stalled->write("go\n");
    stalled->closeWriteChannel();
    QVERIFY(stalled->waitForFinished(60000));
    out += stalled->readAllStandardOutput();
    QVERIFY2(stalled->exitCode() == 0 && out.contains("ok pushed="), qPrintable(QString::fromUtf8(out + stalled->readAllStandardError())));

    auto refusedOfA = [](const QString& summary) {
        QStringList lines = summary.split(QLatin1Char('\n'));
        lines.removeIf([](const QString& line) { return !line.contains(QStringLiteral("/WS-A: ")); });
        return lines;
    };
    const QStringList atHub = refusedOfA(b.run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()}).out);
    const QStringList atB = refusedOfA(b.run(QStringLiteral("quarantine")).out);
    QVERIFY2(!atHub.filter(QStringLiteral("was disabled")).isEmpty(), qPrintable(atHub.join(QLatin1Char('\n'))));
    QCOMPARE(atB, atHub);
    QVERIFY(!b.run(QStringLiteral("status"), {QStringLiteral("--case"), after}).ok());
}

QTEST_GUILESS_MAIN(TestSyncTrust)
#include "TestSyncTrust.moc"
