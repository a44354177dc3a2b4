#include "TestSupport.h"

#include "services/AuthService.h"
#include "services/HallService.h"
#include "ui/IdleLock.h"
#include "ui/ChangePasswordDialog.h"
#include "ui/LoginDialog.h"
#include "db/UserDirectory.h"
#include "db/UserRepository.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace oneseal;

class TestLoginDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void keyboardOnlyLogin();
    void wrongPasswordShowsMessageAndStays();
    void lockAsksForThePasswordAgain();
    void idleLockFiresAfterQuietTime();
    void firstLoginForcesPasswordChange();
};

void TestLoginDialog::initTestCase()
{
    QApplication::setOrganizationName(QStringLiteral("OneSealTest"));
    QApplication::setApplicationName(QStringLiteral("OneSealTest"));
}

void TestLoginDialog::keyboardOnlyLogin()
{
    test::TempHall hall;
    services::AuthService auth(hall.path());
    ui::LoginDialog dialog(auth, QString());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_VERIFY(dialog.findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->hasFocus());
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("clerk"));
    if (const QString dir = qEnvironmentVariable("ONESEAL_TEST_OUTPUT_DIR"); !dir.isEmpty())
        dialog.grab().save(dir + QStringLiteral("/login.png"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("passwordEdit"));
    QTest::keyClicks(QApplication::focusWidget(), services::HallService::demoPassword());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
    auto session = dialog.takeSession();
    QVERIFY(session);
    QCOMPARE(session->user().username, QStringLiteral("clerk"));
    if (const QString dir = qEnvironmentVariable("ONESEAL_TEST_OUTPUT_DIR"); !dir.isEmpty()) {
        ui::MainWindow window(std::move(session));
        window.resize(1280, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.grab().save(dir + QStringLiteral("/main-window.png"));
    }
}

void TestLoginDialog::wrongPasswordShowsMessageAndStays()
{
    test::TempHall hall;
    services::AuthService auth(hall.path());
    ui::LoginDialog dialog(auth, QString());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* user = dialog.findChild<QLineEdit*>(QStringLiteral("usernameEdit"));
    auto* password = dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"));
    QTest::keyClicks(user, QStringLiteral("clerk"));
    QTest::keyClicks(password, QStringLiteral("wrong"));
    QTest::keyClick(password, Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("messageLabel"))->text(),
             QStringLiteral("The user name or the password is wrong."));
    QVERIFY(password->text().isEmpty());
    QVERIFY(!dialog.takeSession());
}

void TestLoginDialog::lockAsksForThePasswordAgain()
{
    test::TempHall hall;
    ui::MainWindow window(hall.login(QStringLiteral("clerk")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    bool sawLockedContent = false;
    bool triedWrong = false;
    // The lock dialog is modal: answer it from a timer, first wrongly, then rightly.
    QTimer answer;
    answer.setInterval(50);
    connect(&answer, &QTimer::timeout, [&] {
        auto* dialog = qobject_cast<ui::LoginDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        sawLockedContent = window.isLocked()
            && window.findChild<QStackedWidget*>(QStringLiteral("lockStack"))->currentWidget()->objectName()
                == QLatin1String("lockedPage");
        auto* password = dialog->findChild<QLineEdit*>(QStringLiteral("passwordEdit"));
        QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("usernameEdit"))->text(), QStringLiteral("clerk"));
        if (!triedWrong) {
            QTest::keyClicks(password, QStringLiteral("bad-guess"));
            QTest::keyClick(password, Qt::Key_Return);
            triedWrong = dialog->isVisible();
            return;
        }
        QTest::keyClicks(password, services::HallService::demoPassword());
        QTest::keyClick(password, Qt::Key_Return);
    });
    answer.start();
    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
    answer.stop();
    QVERIFY(triedWrong);
    QVERIFY(sawLockedContent);
    QVERIFY(!window.isLocked());
}

void TestLoginDialog::idleLockFiresAfterQuietTime()
{
    ui::IdleLock lock(200);
    QSignalSpy idle(&lock, &ui::IdleLock::idle);
    QWidget w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // Typing keeps it awake...
    for (int i = 0; i < 5; ++i) {
        QTest::qWait(80);
        QTest::keyClick(&w, Qt::Key_A);
    }
    QCOMPARE(idle.count(), 0);
    // ...and quiet time locks.
    QTRY_COMPARE_WITH_TIMEOUT(idle.count(), 1, 2000);
}

// A password an administrator set is changed at the user's first login, by keyboard: the login
// opens the change at once; cancelling it logs the user out again; changing it lets her in with her
// own password, her signing key made then (under that password), and the administrator's no longer
// opens anything.
void TestLoginDialog::firstLoginForcesPasswordChange()
{
    test::TempHall hall;
    QString error;
    const QString adminSet = QStringLiteral("Admin-set-1");
    const QString own = QStringLiteral("Her-own-pass-2");
    {
        auto admin = hall.login(QStringLiteral("admin"));
        QVERIFY(admin);
        // A hall that signs its events (as a hub's hall does), so that a signing key is due.
        QVERIFY2(admin->database().setMeta(db::UserDirectory::legacyHlcKey(), QStringLiteral("0"), &error), qPrintable(error));
        QVERIFY2(services::AuthService::addUser(*admin, QStringLiteral("newbie"), QStringLiteral("New Clerk"),
                                                core::Roles(core::Role::IntakeClerk), adminSet, &error, test::fastKdf()),
                 qPrintable(error));
    }
    services::AuthService auth(hall.path());
    ui::LoginDialog dialog(auth, QString());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* message = dialog.findChild<QLabel*>(QStringLiteral("messageLabel"));
    // Types the user name and the administrator's password; Enter. The forced change opens modal
    // inside the login: driveChange runs in its event loop (queued just before Enter is pressed).
    auto logIn = [&](const std::function<void(ui::ChangePasswordDialog*)>& driveChange) {
        auto* username = dialog.findChild<QLineEdit*>(QStringLiteral("usernameEdit"));
        QTRY_VERIFY(username->isVisible());
        username->clear();
        dialog.activateWindow();
        username->setFocus();
        QTRY_VERIFY(username->hasFocus());
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("newbie"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTest::keyClicks(QApplication::focusWidget(), adminSet);
        QTimer::singleShot(0, this, [driveChange]() {
            auto* change = qobject_cast<ui::ChangePasswordDialog*>(QApplication::activeModalWidget());
            QTRY_VERIFY(change = qobject_cast<ui::ChangePasswordDialog*>(QApplication::activeModalWidget()));
            driveChange(change);
            if (QApplication::activeModalWidget() == change)
                change->reject(); // a failed step must not leave the login waiting forever
        });
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    };

    // First try: the forced change opens; Escape cancels it and the user is not let in.
    bool sawForced = false;
    logIn([&](ui::ChangePasswordDialog* change) {
        sawForced = change->findChild<QLabel*>(QStringLiteral("messageLabel"))->text().contains(QStringLiteral("administrator"));
        QTest::keyClick(change, Qt::Key_Escape);
    });
    QVERIFY(sawForced);
    QVERIFY(!dialog.takeSession());
    QVERIFY(dialog.isVisible());
    QVERIFY2(message->text().contains(QStringLiteral("must be changed")), qPrintable(message->text()));

    // Second try: current, new and repeated password typed in, Enter.
    bool changed = false;
    logIn([&](ui::ChangePasswordDialog* change) {
        QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("currentEdit"));
        QTest::keyClicks(QApplication::focusWidget(), adminSet);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("newEdit"));
        QTest::keyClicks(QApplication::focusWidget(), own);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("repeatEdit"));
        QTest::keyClicks(QApplication::focusWidget(), own);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        changed = change->result() == QDialog::Accepted;
    });
    QTRY_VERIFY_WITH_TIMEOUT(changed, 60000);
    QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
    auto session = dialog.takeSession();
    QVERIFY(session);
    QVERIFY(!session->user().mustChange);
    QVERIFY(session->events().signer().hasPrivateKey()); // her signing key, made with her own password
    QVERIFY(db::UserDirectory(session->database().sql()).keyOfUserAt(session->user().id, session->clock().now().toUTC()));
    QVERIFY(!db::UserRepository(session->database().sql()).byUsername(QStringLiteral("newbie"))->mustChange);
    session.reset();
    services::AuthService again(hall.path());
    QVERIFY(!again.login(QStringLiteral("newbie"), adminSet, &error));
    auto next = again.login(QStringLiteral("newbie"), own, &error);
    QVERIFY2(next, qPrintable(error));
    QVERIFY(next->events().signer().hasPrivateKey()); // opened with her password at the next login
}

QTEST_MAIN(TestLoginDialog)
#include "TestLoginDialog.moc"
