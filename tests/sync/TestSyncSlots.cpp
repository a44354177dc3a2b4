// Password hashes no longer travel (docs/SECURITY.md, "What travels"): with a real hub and three
// ws_agent workstations, a user the administrator adds at the hub logs in at a workstation that never
// saw her through a key slot sealed to her public slot key; neither the workstations' databases nor the
// users the hub publishes hold any user's password hash. A first signing key registered in a user's name
// without the proof by her password (docs/SECURITY.md, "The first key") is quarantined at the hub and at
// a second workstation, and her own first key afterwards counts.
#include "SyncHarness.h"

#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;
using test::Agent;
using test::HubProcess;
using test::RunResult;

namespace {
const QString kUserPassword = QStringLiteral("Slots-pass-2026");

QStringList login(const QString& user, const QString& password = kUserPassword)
{
    return {QStringLiteral("--user"), user, QStringLiteral("--password"), password};
}

/** The refusals of a quarantine summary, without the local set-up administrator's unsigned user.created. */
QStringList refusals(const QString& summary)
{
    QStringList lines = summary.split(QLatin1Char('\n')).mid(1);
    lines.removeIf([](const QString& line) { return line.isEmpty() || line.startsWith(QStringLiteral("user.created/")); });
    return lines;
}
} // namespace

class TestSyncSlots : public QObject
{
    Q_OBJECT

private slots:
    void slotKeysInsteadOfPasswordHashes();
};

void TestSyncSlots::slotKeysInsteadOfPasswordHashes()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    for (const QString& name : {QStringLiteral("fresh"), QStringLiteral("lina")}) {
        const RunResult r = hub.addUser(name, name, QStringLiteral("intake"), kUserPassword);
        QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    }
    QVERIFY2(hub.start(&error), qPrintable(error));
    QList<std::shared_ptr<Agent>> agents;
    for (const QString& name : {QStringLiteral("WS-A"), QStringLiteral("WS-B"), QStringLiteral("WS-C")}) {
        auto agent = std::make_shared<Agent>(dir.filePath(name + QStringLiteral(".db")), name);
        QVERIFY2(agent->create(&error), qPrintable(error));
        const QString code = hub.enrollmentCode(&error);
        QVERIFY2(!code.isEmpty(), qPrintable(error));
        QVERIFY(agent->run(QStringLiteral("enroll"), {QStringLiteral("--hub"), hub.address(), QStringLiteral("--code"), code}).ok());
        const RunResult s = agent->run(QStringLiteral("sync"));
        QVERIFY2(s.ok(), qPrintable(s.out + s.err));
        agents << agent;
    }
    const Agent& a = *agents.at(0);
    const Agent& b = *agents.at(1);
    const Agent& c = *agents.at(2);
    const QStringList localAdmin = login(QStringLiteral("admin"), QStringLiteral("demo1234"));

    // The users the hub publishes carry slot keys, no hash.
    RunResult r = a.run(QStringLiteral("hashes"), {QStringLiteral("--hub-dir"), hub.directory()});
    QVERIFY2(r.out == QStringLiteral("ok hashes=0 tables="), qPrintable(r.out + r.err));

    // WS-A never saw fresh: without a slot she cannot log in; after the client's reconciliation (a
    // slot sealed to her public slot key) her password opens it, and a wrong one does not.
    r = a.run(QStringLiteral("login-work"), login(QStringLiteral("fresh")) << QStringLiteral("--cases") << QStringLiteral("0")
                                                                          << QStringLiteral("--no-slot") << QStringLiteral("1"));
    QVERIFY2(!r.ok(), qPrintable(r.out + r.err));
    r = a.run(QStringLiteral("reconcile"), localAdmin);
    QVERIFY2(r.ok() && r.out.contains(QStringLiteral("fresh")) && r.out.contains(QStringLiteral("lina")), qPrintable(r.out + r.err));
    r = a.run(QStringLiteral("login-work"), login(QStringLiteral("fresh"), QStringLiteral("Not-her-password-1"))
                                               << QStringLiteral("--cases") << QStringLiteral("0") << QStringLiteral("--no-slot")
                                               << QStringLiteral("1"));
    QVERIFY2(!r.ok() && (r.out + r.err).contains(QStringLiteral("wrong")), qPrintable(r.out + r.err));
    // Her first login: the forced change of the administrator's password (twice, back to the test's
    // password), her first signing key proved by the auth key of the administrator's password.
    r = a.run(QStringLiteral("login-work"), login(QStringLiteral("fresh")) << QStringLiteral("--cases") << QStringLiteral("1")
                                                                          << QStringLiteral("--no-slot") << QStringLiteral("1"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a.run(QStringLiteral("sync")).ok());

    // WS-B never saw her either; her password changed at WS-A: the new slot key reaches WS-B with the
    // hub's users, and her (new) password opens the slot sealed to it.
    QVERIFY(b.run(QStringLiteral("sync")).ok());
    r = b.run(QStringLiteral("reconcile"), localAdmin);
    QVERIFY2(r.ok() && r.out.contains(QStringLiteral("fresh")), qPrintable(r.out + r.err));
    r = b.run(QStringLiteral("login-work"), login(QStringLiteral("fresh")) << QStringLiteral("--cases") << QStringLiteral("1")
                                                                          << QStringLiteral("--seed") << QStringLiteral("30")
                                                                          << QStringLiteral("--no-slot") << QStringLiteral("1"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    for (const Agent* agent : {&b, &a, &c})
        QVERIFY(agent->run(QStringLiteral("sync")).ok());

    // No password hash of any user anywhere: every table of both workstations (users, events and their
    // payloads, reference data), and the users the hub publishes after the changes.
    for (const Agent* agent : {&a, &b}) {
        r = agent->run(QStringLiteral("hashes"));
        QVERIFY2(r.out == QStringLiteral("ok hashes=0 tables="), qPrintable(agent->db() + QLatin1Char(' ') + r.out + r.err));
    }
    r = a.run(QStringLiteral("hashes"), {QStringLiteral("--hub-dir"), hub.directory()});
    QVERIFY2(r.out == QStringLiteral("ok hashes=0 tables="), qPrintable(r.out + r.err));
    // Every event so far counts at the hub and at WS-B: both first keys carried their proof.
    for (const RunResult& q : {b.run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()}),
                               b.run(QStringLiteral("quarantine"))})
        QVERIFY2(refusals(q.out).isEmpty(), qPrintable(q.out + q.err));

    // At WS-C, fresh (holding the database key there) registers a first key in lina's name, who never
    // logged in: signed by itself, but without the proof by lina's password. Refused at the hub and at
    // WS-B, with the reason and the workstation.
    r = c.run(QStringLiteral("forge"), login(QStringLiteral("fresh")) << QStringLiteral("--kind") << QStringLiteral("user.key_registered")
                                                                     << QStringLiteral("--as") << QStringLiteral("lina"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(c.run(QStringLiteral("sync")).ok());
    QVERIFY(b.run(QStringLiteral("sync")).ok());
    for (const RunResult& q : {b.run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()}),
                               b.run(QStringLiteral("quarantine"))}) {
        const QStringList refused = refusals(q.out);
        QVERIFY2(refused.size() == 1, qPrintable(q.out + q.err));
        QVERIFY2(refused.first().startsWith(QStringLiteral("user.key_registered/WS-C: "))
                     && refused.first().contains(QStringLiteral("without a valid proof by the user's password")),
                 qPrintable(refused.first()));
    }
    // lina's own first login at WS-B (slot sealed to her slot key, forced change, her key with its
    // proof) counts everywhere: the forged key took nothing from her.
    r = b.run(QStringLiteral("reconcile"), localAdmin);
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    r = b.run(QStringLiteral("login-work"), login(QStringLiteral("lina")) << QStringLiteral("--cases") << QStringLiteral("1")
                                                                         << QStringLiteral("--seed") << QStringLiteral("60")
                                                                         << QStringLiteral("--no-slot") << QStringLiteral("1"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(b.run(QStringLiteral("sync")).ok());
    QVERIFY(a.run(QStringLiteral("sync")).ok());
    for (const RunResult& q : {a.run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()}),
                               a.run(QStringLiteral("quarantine"))})
        QVERIFY2(refusals(q.out).size() == 1, qPrintable(q.out + q.err));

    // The search above finds a hash where there is one: an old client's password change (hash in its
    // payload) recorded at WS-C.
    r = c.run(QStringLiteral("forge"), login(QStringLiteral("fresh")) << QStringLiteral("--kind") << QStringLiteral("user.password_changed")
                                                                     << QStringLiteral("--target-user") << QStringLiteral("fresh"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    r = c.run(QStringLiteral("hashes"));
    QVERIFY2(r.ok() && !r.out.startsWith(QStringLiteral("ok hashes=0")) && r.out.contains(QStringLiteral("events")),
             qPrintable(r.out + r.err));
}

QTEST_GUILESS_MAIN(TestSyncSlots)
#include "TestSyncSlots.moc"
