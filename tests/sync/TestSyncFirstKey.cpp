// A user's first signing key made at another workstation (docs/SECURITY.md, "A second workstation
// before it has synced"), with a real hub and ws_agent workstations. She logs in at WS-A (her first
// key, pushed to the hub), then at WS-B, which has not synced since: the login asks the hub first,
// finds her key and opens it with her password, and her work at WS-B counts at the hub and at WS-A.
// When WS-B cannot reach the hub but the hub's users (reference data) say she has a key, no new
// "first" key is made: the login is refused with a message and nothing is written, until the hall's
// USB bundle brings her key; a user who never logged in anywhere still gets her first key offline. The login dialog shows that refusal, driven
// by the keyboard, and lets her in once the hub answers again.
#include "SyncHarness.h"

#include "db/UserDirectory.h"
#include "services/AuthService.h"
#include "sync/LoginFetch.h"
#include "ui/LoginDialog.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QLabel>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;
using test::Agent;
using test::HubProcess;
using test::RunResult;

namespace {
const QString kUserPassword = QStringLiteral("First-key-2026");

QStringList login(const QString& user, int cases, int seed)
{
    return {QStringLiteral("--user"), user, QStringLiteral("--password"), kUserPassword, QStringLiteral("--cases"),
            QString::number(cases), QStringLiteral("--seed"), QString::number(seed)};
}

/** The refusals of a quarantine summary, without the local set-up administrator's unsigned user.created. */
QStringList refusals(const QString& summary)
{
    QStringList lines = summary.split(QLatin1Char('\n')).mid(1);
    lines.removeIf([](const QString& line) { return line.isEmpty() || line.startsWith(QStringLiteral("user.created/")); });
    return lines;
}

QString field(const QString& line, const QString& key)
{
    for (const QString& part : line.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        if (part.startsWith(key + QLatin1Char('=')))
            return part.mid(key.size() + 1).trimmed();
    return QString();
}

/**
 * A round of @p b cut off (the process killed) after the hub's users arrived, before the events: the
 * network went away mid-round. True when it stalled there.
 */
bool cutOffAfterTheUsers(const Agent& b, QString* error)
{
    auto stalled = b.start(QStringLiteral("sync"), {QStringLiteral("--stall-at"), QStringLiteral("events")});
    QByteArray out;
    QDeadlineTimer deadline(60000);
    while (!out.contains("stalled at events") && !deadline.hasExpired() && stalled->state() == QProcess::Running) {
        stalled->waitForReadyRead(200);
        out += stalled->readAllStandardOutput();
    }
    stalled->kill();
    stalled->waitForFinished(10000);
    if (!out.contains("stalled at events"))
        *error = QString::fromUtf8(out + stalled->readAllStandardError());
    return out.contains("stalled at events");
}

} // namespace

class TestSyncFirstKey : public QObject
{
    Q_OBJECT

private slots:
    void secondWorkstationFetchesHerKey();
    void offlineRefusesANewFirstKey();
    void loginDialogShowsTheRefusal();
    void passwordChangedElsewhereIsTakenAtLogin();
};

void TestSyncFirstKey::secondWorkstationFetchesHerKey()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    QVERIFY2(hub.addUsers({QStringLiteral("mira")}, QStringLiteral("intake"), kUserPassword, &error),
             qPrintable(error));
    QVERIFY2(hub.start(&error), qPrintable(error));
    auto a = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-A"), &error);
    QVERIFY2(a, qPrintable(error));
    auto b = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-B"), &error);
    QVERIFY2(b, qPrintable(error));

    // Her first login, at WS-A: the forced change, her first key; pushed to the hub.
    RunResult r = a->run(QStringLiteral("login-work"), login(QStringLiteral("mira"), 1, 10));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    // Her keys: the first one and the one of her password's change (ws_agent changes it back).
    const RunResult keysAtA = a->run(QStringLiteral("keys"), {QStringLiteral("--user"), QStringLiteral("mira")});
    QVERIFY2(keysAtA.out == QStringLiteral("ok keys=2 registrations=2"), qPrintable(keysAtA.out + keysAtA.err));

    // Then at WS-B, which has not synced since: her key is not here until the login asks the hub.
    r = b->run(QStringLiteral("keys"), {QStringLiteral("--user"), QStringLiteral("mira")});
    QVERIFY2(r.out == QStringLiteral("ok keys=0 registrations=0"), qPrintable(r.out + r.err));
    r = b->run(QStringLiteral("login-work"), login(QStringLiteral("mira"), 1, 40));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QString caseAtB = field(r.out, QStringLiteral("cases"));
    QVERIFY2(!caseAtB.isEmpty(), qPrintable(r.out));
    QVERIFY(b->run(QStringLiteral("sync")).ok());
    QVERIFY(a->run(QStringLiteral("sync")).ok());

    // Her work at WS-B counts at the hub and at WS-A (and at WS-B): nothing quarantined anywhere.
    for (const RunResult& q : {a->run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()}),
                               a->run(QStringLiteral("quarantine")), b->run(QStringLiteral("quarantine"))})
        QVERIFY2(refusals(q.out).isEmpty(), qPrintable(q.out + q.err));
    r = a->run(QStringLiteral("status"), {QStringLiteral("--case"), caseAtB});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    // Her keys, the ones made at WS-A, everywhere: no second "first" key (nor a second forced change).
    for (const Agent* agent : {a.get(), b.get()})
        QCOMPARE(agent->run(QStringLiteral("keys"), {QStringLiteral("--user"), QStringLiteral("mira")}).out, keysAtA.out);
}

void TestSyncFirstKey::offlineRefusesANewFirstKey()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    const QStringList users{QStringLiteral("mira"), QStringLiteral("lina")};
    QVERIFY2(hub.addUsers(users, QStringLiteral("intake"), kUserPassword, &error), qPrintable(error));
    QVERIFY2(hub.start(&error), qPrintable(error));
    auto a = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-A"), &error);
    QVERIFY2(a, qPrintable(error));
    auto b = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-B"), &error);
    QVERIFY2(b, qPrintable(error));
    RunResult r = a->run(QStringLiteral("login-work"), login(QStringLiteral("mira"), 1, 10));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a->run(QStringLiteral("sync")).ok());

    // WS-B's round is cut off after the users arrived (they say mira has a key), before the events
    // (her key's registration); then the hub is gone.
    QVERIFY2(cutOffAfterTheUsers(*b, &error), qPrintable(error));
    QVERIFY(hub.terminate());

    // mira at WS-B, hub unreachable: refused, with the reason; no key made, nothing written.
    const RunResult hashBefore = b->run(QStringLiteral("hash"));
    r = b->run(QStringLiteral("login-work"), login(QStringLiteral("mira"), 1, 40));
    QVERIFY2(!r.ok() && r.out.contains(QStringLiteral("Your signing key was made at another workstation")),
             qPrintable(r.out + r.err));
    r = b->run(QStringLiteral("keys"), {QStringLiteral("--user"), QStringLiteral("mira")});
    QVERIFY2(r.out == QStringLiteral("ok keys=0 registrations=0"), qPrintable(r.out + r.err));
    QCOMPARE(b->run(QStringLiteral("hash")).out, hashBefore.out);

    // lina never logged in anywhere: offline too, her first key is made here, as before.
    r = b->run(QStringLiteral("login-work"), login(QStringLiteral("lina"), 1, 70));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    r = b->run(QStringLiteral("keys"), {QStringLiteral("--user"), QStringLiteral("lina")});
    QVERIFY2(r.out == QStringLiteral("ok keys=2 registrations=2"), qPrintable(r.out + r.err));

    // The hall's USB bundle for WS-B (the hub's users and events) brings her key: offline still, she
    // logs in with it, as the message says. Then the hub is back and everything counts everywhere.
    const QString down = dir.filePath(QStringLiteral("down.osb"));
    const QByteArray adminPassword = "demo1234\n";
    r = test::runProgram(test::adminBinary(), {QStringLiteral("bundle"), QStringLiteral("export"), QStringLiteral("--hub-dir"),
                                               hub.directory(), QStringLiteral("--workstation"), b->workstation(),
                                               QStringLiteral("--file"), down},
                         adminPassword);
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    r = test::runProgram(test::adminBinary(), {QStringLiteral("bundle"), QStringLiteral("import"), QStringLiteral("--db"), b->db(),
                                               QStringLiteral("--file"), down},
                         adminPassword);
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    r = b->run(QStringLiteral("login-work"), login(QStringLiteral("mira"), 1, 40));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY2(hub.start(&error, hub.port()), qPrintable(error));
    r = b->run(QStringLiteral("keys"), {QStringLiteral("--user"), QStringLiteral("mira")});
    QVERIFY2(r.out == QStringLiteral("ok keys=2 registrations=2"), qPrintable(r.out + r.err));
    QVERIFY(b->run(QStringLiteral("sync")).ok());
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    for (const RunResult& q : {a->run(QStringLiteral("quarantine"), {QStringLiteral("--hub-dir"), hub.directory()}),
                               a->run(QStringLiteral("quarantine")), b->run(QStringLiteral("quarantine"))})
        QVERIFY2(refusals(q.out).isEmpty(), qPrintable(q.out + q.err));
}

void TestSyncFirstKey::loginDialogShowsTheRefusal()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    QVERIFY2(hub.addUsers({QStringLiteral("mira")}, QStringLiteral("intake"), kUserPassword, &error),
             qPrintable(error));
    QVERIFY2(hub.start(&error), qPrintable(error));
    auto a = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-A"), &error);
    QVERIFY2(a, qPrintable(error));
    auto b = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-B"), &error);
    QVERIFY2(b, qPrintable(error));
    RunResult r = a->run(QStringLiteral("login-work"), login(QStringLiteral("mira"), 0, 10));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    QVERIFY2(cutOffAfterTheUsers(*b, &error), qPrintable(error));
    // Her key slot at WS-B, sealed to her slot key from the users that arrived (as the client does).
    r = b->run(QStringLiteral("reconcile"), {QStringLiteral("--user"), QStringLiteral("admin"), QStringLiteral("--password"),
                                             QStringLiteral("demo1234")});
    QVERIFY2(r.ok() && r.out.contains(QStringLiteral("mira")), qPrintable(r.out + r.err));
    QVERIFY(hub.terminate());

    // The desktop client's login, by the keyboard: the hub does not answer, her key is elsewhere.
    services::AuthService auth(b->db());
    auth.setHubFetcher(sync::LoginFetch::fetcher());
    auto logIn = [&](ui::LoginDialog& dialog) {
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY(dialog.findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->hasFocus());
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("mira"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("passwordEdit"));
        QTest::keyClicks(QApplication::focusWidget(), kUserPassword);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    };
    {
        ui::LoginDialog dialog(auth, QString());
        logIn(dialog);
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("messageLabel"))->text(),
                 services::AuthService::keyElsewhereMessage());
        QVERIFY(!dialog.takeSession());
        QVERIFY(dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"))->text().isEmpty());
    }
    r = b->run(QStringLiteral("keys"), {QStringLiteral("--user"), QStringLiteral("mira")});
    QVERIFY2(r.out == QStringLiteral("ok keys=0 registrations=0"), qPrintable(r.out + r.err));

    // The hub back: the same login fetches her key and lets her in, signing with it.
    QVERIFY2(hub.start(&error, hub.port()), qPrintable(error));
    ui::LoginDialog dialog(auth, QString());
    logIn(dialog);
    QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
    auto session = dialog.takeSession();
    QVERIFY(session);
    QVERIFY(session->events().signer().hasPrivateKey());
    QVERIFY(!session->user().mustChange);
    session.reset();
    r = b->run(QStringLiteral("keys"), {QStringLiteral("--user"), QStringLiteral("mira")});
    QVERIFY2(r.out == QStringLiteral("ok keys=2 registrations=2"), qPrintable(r.out + r.err));
}

void TestSyncFirstKey::passwordChangedElsewhereIsTakenAtLogin()
{
    // She changed her password at WS-A; WS-B, not synced since, still has her old key slot and her old
    // signing key as current. The client's login asks the hub at every login: the old password is
    // refused (her old key ended at the change: what it signed would be quarantined everywhere), her
    // slot follows the new password at once, and the new password logs her in with her new key.
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    QVERIFY2(hub.addUsers({QStringLiteral("mira")}, QStringLiteral("intake"), kUserPassword, &error),
             qPrintable(error));
    QVERIFY2(hub.start(&error), qPrintable(error));
    auto a = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-A"), &error);
    QVERIFY2(a, qPrintable(error));
    auto b = test::enrolledAgent(hub, dir.path(), QStringLiteral("WS-B"), &error);
    QVERIFY2(b, qPrintable(error));
    RunResult r = a->run(QStringLiteral("login-work"), login(QStringLiteral("mira"), 0, 10));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    r = b->run(QStringLiteral("login-work"), login(QStringLiteral("mira"), 1, 20)); // her key and slot at WS-B
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(b->run(QStringLiteral("sync")).ok());
    const QString newPassword = QStringLiteral("Changed-at-A-2026");
    r = a->run(QStringLiteral("login-work"),
               login(QStringLiteral("mira"), 0, 30) << QStringLiteral("--change-password") << newPassword);
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(a->run(QStringLiteral("sync")).ok());
    r = b->run(QStringLiteral("keys"), {QStringLiteral("--user"), QStringLiteral("mira")});
    const QString keysBefore = r.out;

    services::AuthService auth(b->db());
    auth.setHubFetcher(sync::LoginFetch::fetcher(), services::AuthService::LoginRound::EveryLogin);
    QVERIFY(!auth.login(QStringLiteral("mira"), kUserPassword, &error));
    QCOMPARE(error, services::AuthService::passwordChangedElsewhereMessage());
    r = b->run(QStringLiteral("keys"), {QStringLiteral("--user"), QStringLiteral("mira")});
    QVERIFY2(r.out != keysBefore, qPrintable(r.out)); // the round brought her new key
    auto session = auth.login(QStringLiteral("mira"), newPassword, &error);
    QVERIFY2(session, qPrintable(error));
    QVERIFY(session->events().signer().hasPrivateKey());
    QCOMPARE(session->events().signer().keyId(),
             db::UserDirectory(session->database().sql()).keyOfUserAt(session->user().id, QDateTime())->keyId);
    session.reset();
    // Nothing she did anywhere is quarantined.
    QVERIFY(b->run(QStringLiteral("sync")).ok());
    for (const Agent* ws : {a.get(), b.get()}) {
        r = ws->run(QStringLiteral("quarantine"));
        QVERIFY2(refusals(r.out).isEmpty(), qPrintable(r.out));
    }
}

QTEST_MAIN(TestSyncFirstKey)
#include "TestSyncFirstKey.moc"
