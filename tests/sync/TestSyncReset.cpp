// An administrator's password reset at the hub (docs/SECURITY.md, "Passwords and accounts"), with a
// real hub and ws_agent workstations: a clerk who works at WS-A forgets her password; the
// administrator resets it at the hub; she logs in at WS-B with the new one, is made to change it, gets
// a new first signing key proved by the reset's password, and works; everything counts at the hub, at
// WS-A and at a workstation enrolled afterwards (her old events included), and the old password no
// longer opens WS-A once it synced. A reset written at a workstation (of the administrator's
// password) is quarantined everywhere; events signed with the old key after a reset, at a workstation
// that had not synced, too. And the users from before the first-key rule: listed at the hub, the
// hall's switch refused while one of them is enabled, and an unproved first key refused everywhere
// after it until the user is reset.
#include "SyncHarness.h"

#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;
using test::Agent;
using test::HubProcess;
using test::RunResult;

namespace {
const QString kFirst = QStringLiteral("Reset-first-2026");
const QString kReset = QStringLiteral("Reset-new-2026");
const QString kAgain = QStringLiteral("Reset-again-2026");
const QStringList kLocalAdmin{QStringLiteral("--user"), QStringLiteral("admin"), QStringLiteral("--password"),
                              QStringLiteral("demo1234")};

QStringList login(const QString& user, const QString& password)
{
    return {QStringLiteral("--user"), user, QStringLiteral("--password"), password, QStringLiteral("--no-slot"),
            QStringLiteral("1")};
}

/** The refusals of a quarantine summary, without the local set-up administrators' unsigned user.created. */
QStringList refusals(const QString& summary)
{
    QStringList lines = summary.split(QLatin1Char('\n')).mid(1);
    lines.removeIf([](const QString& line) { return line.isEmpty() || line.startsWith(QStringLiteral("user.created/")); });
    return lines;
}

RunResult audit(const Agent& agent)
{
    return test::runProgram(test::adminBinary(),
                            {QStringLiteral("verify-audit"), QStringLiteral("--db"), agent.db(), QStringLiteral("--as"),
                             QStringLiteral("admin")},
                            "demo1234\n");
}
} // namespace

class TestSyncReset : public QObject
{
    Q_OBJECT

private slots:
    void passwordResetAtTheHub();
    void sealGrantIsGivenAgainAfterAReset();
    void usersFromBeforeTheFirstKeyRule();
};

void TestSyncReset::passwordResetAtTheHub()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    RunResult r = hub.addUser(QStringLiteral("lina"), QStringLiteral("Lina"), QStringLiteral("intake"), kFirst);
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY2(hub.start(&error), qPrintable(error));
    const auto a = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-A"), &error);
    QVERIFY2(a, qPrintable(error));
    const auto b = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-B"), &error);
    QVERIFY2(b, qPrintable(error));

    // She logs in at WS-A (a slot sealed to her slot key, the forced first change, her first key) and works.
    QVERIFY(a->run(QStringLiteral("reconcile"), kLocalAdmin).ok());
    r = a->run(QStringLiteral("login-work"), login(QStringLiteral("lina"), kFirst) << QStringLiteral("--cases") << QStringLiteral("2"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    QVERIFY(b->run(QStringLiteral("sync")).ok());

    // Bad input changes nothing: an unknown user, a password too short.
    r = hub.admin({QStringLiteral("user-reset"), QStringLiteral("--username"), QStringLiteral("nobody")}, "Whatever-2026\n");
    QVERIFY2(!r.ok() && r.err.contains(QStringLiteral("no user nobody")), qPrintable(r.out + r.err));
    r = hub.admin({QStringLiteral("user-reset"), QStringLiteral("--username"), QStringLiteral("lina")}, "short\n");
    QVERIFY2(!r.ok(), qPrintable(r.out + r.err));
    r = b->run(QStringLiteral("password-check"), {QStringLiteral("--hub-dir"), hub.directory(), QStringLiteral("--user"),
                                                 QStringLiteral("lina"), QStringLiteral("--password"), kFirst});
    QVERIFY2(r.out == QStringLiteral("ok match=1 must_change=0"), qPrintable(r.out + r.err));

    // She forgot it: the administrator resets it at the hub.
    r = hub.admin({QStringLiteral("user-reset"), QStringLiteral("--username"), QStringLiteral("lina")},
                  (kReset + QLatin1Char('\n')).toUtf8());
    QVERIFY2(r.ok() && r.out.contains(QStringLiteral("must change it at their next login"))
                 && !r.out.contains(QStringLiteral("seal key")),
             qPrintable(r.out + r.err));
    r = b->run(QStringLiteral("password-check"), {QStringLiteral("--hub-dir"), hub.directory(), QStringLiteral("--user"),
                                                 QStringLiteral("lina"), QStringLiteral("--password"), kReset});
    QVERIFY2(r.out == QStringLiteral("ok match=1 must_change=1"), qPrintable(r.out + r.err));

    // At WS-B (never saw her log in): the new password, the forced change, a new first key proved by the
    // reset's password although she had a key; she works.
    QVERIFY(b->run(QStringLiteral("sync")).ok());
    r = b->run(QStringLiteral("reconcile"), kLocalAdmin);
    QVERIFY2(r.ok() && r.out.contains(QStringLiteral("lina")), qPrintable(r.out + r.err));
    r = b->run(QStringLiteral("login-work"), login(QStringLiteral("lina"), kFirst) << QStringLiteral("--cases") << QStringLiteral("0"));
    QVERIFY2(!r.ok() && (r.out + r.err).contains(QStringLiteral("wrong")), qPrintable(r.out + r.err));
    r = b->run(QStringLiteral("login-work"), login(QStringLiteral("lina"), kReset) << QStringLiteral("--cases") << QStringLiteral("2")
                                                                                  << QStringLiteral("--seed") << QStringLiteral("40"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(b->run(QStringLiteral("sync")).ok());
    // The hub took her change (proved by the reset's password): no longer to be changed.
    r = b->run(QStringLiteral("password-check"), {QStringLiteral("--hub-dir"), hub.directory(), QStringLiteral("--user"),
                                                 QStringLiteral("lina"), QStringLiteral("--password"), kReset});
    QVERIFY2(r.out == QStringLiteral("ok match=1 must_change=0"), qPrintable(r.out + r.err));

    // Everything counts at the hub and at WS-A; WS-A's slot for her follows the reset: the old password
    // no longer opens it, the new one does (and her new key signs there).
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    for (const RunResult& q : {a->run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()}),
                               a->run(QStringLiteral("quarantine")), b->run(QStringLiteral("quarantine"))})
        QVERIFY2(refusals(q.out).isEmpty(), qPrintable(q.out + q.err));
    r = a->run(QStringLiteral("reconcile"), kLocalAdmin);
    QVERIFY2(r.ok() && r.out.contains(QStringLiteral("updated=lina")), qPrintable(r.out + r.err));
    r = a->run(QStringLiteral("login-work"), login(QStringLiteral("lina"), kFirst) << QStringLiteral("--cases") << QStringLiteral("0"));
    QVERIFY2(!r.ok() && (r.out + r.err).contains(QStringLiteral("wrong")), qPrintable(r.out + r.err));
    r = a->run(QStringLiteral("login-work"), login(QStringLiteral("lina"), kReset) << QStringLiteral("--cases") << QStringLiteral("1")
                                                                                  << QStringLiteral("--seed") << QStringLiteral("50"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    QVERIFY(b->run(QStringLiteral("sync")).ok());
    // Her old events (signed with the key the reset ended) still verify: a workstation enrolled now
    // takes every event, before the reset and after, and refuses none; both audits are clean.
    const auto c = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-C"), &error);
    QVERIFY2(c, qPrintable(error));
    for (const RunResult& q : {c->run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()}),
                               c->run(QStringLiteral("quarantine")), b->run(QStringLiteral("quarantine"))})
        QVERIFY2(refusals(q.out).isEmpty(), qPrintable(q.out + q.err));
    for (const Agent* agent : {a.get(), b.get(), c.get()}) {
        const RunResult audited = audit(*agent);
        // Every chain intact; refused only the other workstations' local set-up administrators (unsigned).
        QStringList refused = audited.out.split(QLatin1Char('\n')).filter(QStringLiteral("REFUSED"));
        refused.removeIf([](const QString& line) {
            return line.contains(QStringLiteral("(user.created by ")) && line.endsWith(QStringLiteral("unsigned event after signing was switched on"));
        });
        QVERIFY2(audited.out.contains(QStringLiteral("Every chain is intact.")) && refused.isEmpty(),
                 qPrintable(agent->workstation() + QLatin1Char(' ') + audited.out + audited.err));
    }

    // A reset written at a workstation — of the administrator's password, by lina holding WS-B's
    // database key — is quarantined at the hub and at WS-A; the administrator's password is unchanged.
    r = b->run(QStringLiteral("forge"), login(QStringLiteral("lina"), kReset) << QStringLiteral("--kind")
                                            << QStringLiteral("user.password_reset") << QStringLiteral("--target-user")
                                            << QStringLiteral("admin"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(b->run(QStringLiteral("sync")).ok());
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    for (const RunResult& q : {a->run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()}),
                               a->run(QStringLiteral("quarantine"))}) {
        const QStringList refused = refusals(q.out);
        QVERIFY2(refused.size() == 1 && refused.first().startsWith(QStringLiteral("user.password_reset/WS-B: "))
                     && refused.first().contains(QStringLiteral("only at the hub")),
                 qPrintable(q.out + q.err));
    }
    r = a->run(QStringLiteral("password-check"), {QStringLiteral("--hub-dir"), hub.directory(), QStringLiteral("--user"),
                                                 QStringLiteral("admin"), QStringLiteral("--password"), QStringLiteral("demo1234")});
    QVERIFY2(r.out.startsWith(QStringLiteral("ok match=1")), qPrintable(r.out + r.err));
    QVERIFY(hub.admin({QStringLiteral("status")}).ok());

    // Reset again (a password others know): WS-A has not synced since; whoever uses the old password
    // there signs with the key the reset ended. Those events count nowhere, and once WS-A synced the
    // old password no longer opens it.
    r = hub.admin({QStringLiteral("user-reset"), QStringLiteral("--username"), QStringLiteral("lina")},
                  (kAgain + QLatin1Char('\n')).toUtf8());
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    r = a->run(QStringLiteral("login-work"), login(QStringLiteral("lina"), kReset) << QStringLiteral("--cases") << QStringLiteral("1")
                                                                                  << QStringLiteral("--seed") << QStringLiteral("70"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    QVERIFY(b->run(QStringLiteral("sync")).ok());
    for (const RunResult& q : {b->run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()}),
                               b->run(QStringLiteral("quarantine"))}) {
        QStringList refused = refusals(q.out);
        refused.removeIf([](const QString& line) { return line.startsWith(QStringLiteral("user.password_reset/")); });
        QVERIFY2(!refused.isEmpty(), qPrintable(q.out));
        for (const QString& line : std::as_const(refused))
            QVERIFY2(line.contains(QStringLiteral("/WS-A: ")) && line.contains(QStringLiteral("outside its validity")),
                     qPrintable(line));
    }
    QVERIFY(a->run(QStringLiteral("reconcile"), kLocalAdmin).ok());
    r = a->run(QStringLiteral("login-work"), login(QStringLiteral("lina"), kReset) << QStringLiteral("--cases") << QStringLiteral("0"));
    QVERIFY2(!r.ok() && (r.out + r.err).contains(QStringLiteral("wrong")), qPrintable(r.out + r.err));
}

// A holder of the seal key reset: the command says her grant no longer opens (it was sealed to the key
// the reset ended); after her next login has reached the hub the administrator grants it again and she
// opens it.
void TestSyncReset::sealGrantIsGivenAgainAfterAReset()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    RunResult r = hub.addUser(QStringLiteral("certop"), QStringLiteral("certop"), QStringLiteral("certificate"), kFirst);
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY2(hub.start(&error), qPrintable(error));
    const auto a = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-A"), &error);
    QVERIFY2(a, qPrintable(error));
    QVERIFY(a->run(QStringLiteral("reconcile"), kLocalAdmin).ok());
    r = a->run(QStringLiteral("login-work"), login(QStringLiteral("certop"), kFirst) << QStringLiteral("--cases") << QStringLiteral("0"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    r = hub.admin({QStringLiteral("seal-grant"), QStringLiteral("--user"), QStringLiteral("certop")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    const QStringList open{QStringLiteral("--kind"), QStringLiteral("open")};
    QVERIFY(a->run(QStringLiteral("seal"), login(QStringLiteral("certop"), kFirst) << open).out.startsWith(QStringLiteral("ok seal_key=")));

    r = hub.admin({QStringLiteral("user-reset"), QStringLiteral("--username"), QStringLiteral("certop")},
                  (kReset + QLatin1Char('\n')).toUtf8());
    QVERIFY2(r.ok() && r.out.contains(QStringLiteral("held the hall's seal key"))
                 && r.out.contains(QStringLiteral("Grant the seal key again")),
             qPrintable(r.out + r.err));
    // Until her next login has reached the hub she has no key to seal it to.
    r = hub.admin({QStringLiteral("seal-grant"), QStringLiteral("--user"), QStringLiteral("certop")});
    QVERIFY2(!r.ok() && r.err.contains(QStringLiteral("no signing key")), qPrintable(r.out + r.err));
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    QVERIFY(a->run(QStringLiteral("reconcile"), kLocalAdmin).ok());
    r = a->run(QStringLiteral("login-work"), login(QStringLiteral("certop"), kReset) << QStringLiteral("--cases") << QStringLiteral("0"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    r = a->run(QStringLiteral("seal"), login(QStringLiteral("certop"), kReset) << open);
    QVERIFY2(!r.ok(), qPrintable(r.out + r.err)); // the old grant does not open with her new key
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    r = hub.admin({QStringLiteral("seal-grant"), QStringLiteral("--user"), QStringLiteral("certop")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    r = a->run(QStringLiteral("seal"), login(QStringLiteral("certop"), kReset) << open);
    QVERIFY2(r.out.startsWith(QStringLiteral("ok seal_key=")), qPrintable(r.out + r.err));
    const RunResult q = a->run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()});
    QVERIFY2(refusals(q.out).isEmpty(), qPrintable(q.out));
}

void TestSyncReset::usersFromBeforeTheFirstKeyRule()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    const QString hubDir = hub.directory();
    for (const QString& name : {QStringLiteral("old1"), QStringLiteral("old2"), QStringLiteral("old3")}) {
        const RunResult r = test::runProgram(test::agentBinary(), {QStringLiteral("legacy-user"), QStringLiteral("--hub-dir"), hubDir,
                                                                  QStringLiteral("--user"), name, QStringLiteral("--password"), kFirst});
        QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    }
    QVERIFY2(hub.start(&error), qPrintable(error));
    const auto a = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-A"), &error);
    QVERIFY2(a, qPrintable(error));
    const auto b = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-B"), &error);
    QVERIFY2(b, qPrintable(error));
    // A slot made from the password as an old hall had them (login-work without --no-slot).
    int seed = 100; // each login's case for another applicant
    auto legacyLogin = [&seed](const QString& user, const QString& password) {
        return QStringList{QStringLiteral("--user"), user, QStringLiteral("--password"), password, QStringLiteral("--cases"),
                           QStringLiteral("1"), QStringLiteral("--seed"), QString::number(seed++)};
    };

    RunResult r = hub.admin({QStringLiteral("users"), QStringLiteral("--legacy")});
    QVERIFY2(r.ok() && r.out.contains(QStringLiteral("old1")) && r.out.contains(QStringLiteral("old3"))
                 && !r.out.contains(QStringLiteral("admin ")) && r.out.contains(QStringLiteral("3 user(s) can still")),
             qPrintable(r.out + r.err));
    // The switch is refused while they are enabled, naming them; nothing is recorded.
    r = hub.admin({QStringLiteral("require-first-key-proof")});
    QVERIFY2(!r.ok() && r.err.contains(QStringLiteral("old1, old2, old3")), qPrintable(r.out + r.err));

    // The old rule: old1's first key needs no proof; it counts everywhere, and she leaves the list.
    r = a->run(QStringLiteral("login-work"), legacyLogin(QStringLiteral("old1"), kFirst));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    r = hub.admin({QStringLiteral("users"), QStringLiteral("--legacy")});
    QVERIFY2(r.ok() && !r.out.contains(QStringLiteral("old1")) && r.out.contains(QStringLiteral("old2")), qPrintable(r.out));

    // old2 is reset (an auth key now), old3 has left (disabled): the switch is recorded.
    QVERIFY(hub.admin({QStringLiteral("user-reset"), QStringLiteral("--username"), QStringLiteral("old2")},
                      (kReset + QLatin1Char('\n')).toUtf8())
                .ok());
    QVERIFY(hub.admin({QStringLiteral("user-disable"), QStringLiteral("--username"), QStringLiteral("old3")}).ok());
    r = hub.admin({QStringLiteral("require-first-key-proof")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    r = hub.admin({QStringLiteral("users")});
    QVERIFY2(r.out.contains(QStringLiteral("Every first signing key must be proved")), qPrintable(r.out));

    // old3 is enabled again without a reset: her unproved first key is refused at the hub and at WS-A.
    r = hub.admin({QStringLiteral("user-enable"), QStringLiteral("--username"), QStringLiteral("old3")});
    QVERIFY2(r.ok() && r.out.contains(QStringLiteral("reset their password (hub user-reset) before their first login")),
             qPrintable(r.out + r.err));
    QVERIFY(b->run(QStringLiteral("sync")).ok());
    r = b->run(QStringLiteral("login-work"), legacyLogin(QStringLiteral("old3"), kFirst));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(b->run(QStringLiteral("sync")).ok());
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    auto keyRefusals = [](const QString& summary) {
        QStringList refused = refusals(summary);
        refused.removeIf([](const QString& line) { return !line.startsWith(QStringLiteral("user.key_registered/")); });
        return refused;
    };
    for (const RunResult& q : {a->run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hubDir}),
                               a->run(QStringLiteral("quarantine"))}) {
        const QStringList refused = keyRefusals(q.out);
        QVERIFY2(refused.size() == 1 && refused.first().startsWith(QStringLiteral("user.key_registered/WS-B: "))
                     && refused.first().contains(QStringLiteral("without an auth key")),
                 qPrintable(q.out));
    }
    // old2 (reset before the switch) proves her first key at the forced change: it counts.
    r = a->run(QStringLiteral("login-work"), legacyLogin(QStringLiteral("old2"), kReset));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    // old3 reset now: at WS-B the reset ends the key that was refused, her forced change makes one
    // proved by the new password, and her work counts from then on.
    QVERIFY(hub.admin({QStringLiteral("user-reset"), QStringLiteral("--username"), QStringLiteral("old3")},
                      (kAgain + QLatin1Char('\n')).toUtf8())
                .ok());
    QVERIFY(b->run(QStringLiteral("sync")).ok());
    QVERIFY(b->run(QStringLiteral("reconcile"), kLocalAdmin).ok());
    r = b->run(QStringLiteral("login-work"), legacyLogin(QStringLiteral("old3"), kAgain));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(b->run(QStringLiteral("sync")).ok());
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    for (const RunResult& q : {a->run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hubDir}),
                               a->run(QStringLiteral("quarantine"))})
        QVERIFY2(keyRefusals(q.out).size() == 1, qPrintable(q.out));
    r = hub.admin({QStringLiteral("users"), QStringLiteral("--legacy")});
    QVERIFY2(r.ok() && !r.out.contains(QStringLiteral("old")), qPrintable(r.out));
}

QTEST_GUILESS_MAIN(TestSyncReset)
#include "TestSyncReset.moc"
