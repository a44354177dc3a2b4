#include "TestSupport.h"

#include "services/AuthService.h"
#include "services/HallService.h"
#include "ui/IdleLock.h"
#include "ui/LoginDialog.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>
#include <QTimer>

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

QTEST_MAIN(TestLoginDialog)
#include "TestLoginDialog.moc"
