#include "TestSupport.h"

#include "services/AuthService.h"
#include "services/HallService.h"
#include "services/SeparationService.h"
#include "ui/DecisionDialog.h"
#include "ui/ReviewDialog.h"
#include "ui/SeparationDialog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

#include <map>

using namespace oneseal;

namespace {

QString focusedName()
{
    return QApplication::focusWidget() ? QApplication::focusWidget()->objectName() : QString();
}

void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(QApplication::focusWidget(), key, modifiers);
}

void type(const QString& text)
{
    for (const QChar c : text)
        QTest::sendKeyEvent(QTest::Click, QApplication::focusWidget(), Qt::Key_unknown, QString(c), Qt::NoModifier);
}

/** Tab (at most 12 times) to the button \a name and press it with Space. */
bool pressButton(const QString& name)
{
    for (int tabs = 0; tabs < 12 && focusedName() != name; ++tabs)
        press(Qt::Key_Tab);
    if (focusedName() != name)
        return false;
    press(Qt::Key_Space);
    return true;
}

bool withoutVisit(const core::Matter& m)
{
    return !m.siteInspection && !m.instant;
}

} // namespace

/**
 * The administrator relaxes and restores a pair of steps in the separation dialog by keyboard; the
 * review and decision dialogs follow the hall's policy in force (a relaxed pair no longer greys, a
 * restored one greys again and says why).
 */
class TestSeparationGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void adminRelaxesReviewDecideAndRestoresIt();

private:
    services::Session& as(const QString& username);
    /** In the open separation dialog: chooses \a pairKey's row, types reasons and password, presses \a button (Tab, Space). */
    void changePair(ui::SeparationDialog& dialog, const QString& pairKey, const QString& reasons,
                    const QString& password, const QString& button);
    /** The review passed in the review dialog by keyboard (Alt+P). */
    void reviewByKeyboard(const QString& caseId);

    std::unique_ptr<test::TempHall> m_hall;
    core::FixedClock m_clock{QDateTime(QDate(2025, 6, 3), QTime(9, 0))};
    std::map<QString, std::unique_ptr<services::Session>> m_sessions;
};

services::Session& TestSeparationGui::as(const QString& username)
{
    auto& slot = m_sessions[username];
    if (!slot) {
        QString error;
        slot = services::AuthService(m_hall->path(), m_clock)
                   .login(username, services::HallService::demoPassword(), &error);
        if (!slot)
            qFatal("login of %s failed: %s", qPrintable(username), qPrintable(error));
    }
    return *slot;
}

void TestSeparationGui::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>(m_clock);
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    QString error;
    // A county hall's one person for review and decision.
    QVERIFY2(services::AuthService::addUser(as(QStringLiteral("admin")), QStringLiteral("both"), QStringLiteral("黄两岗"),
                                            core::Role::Reviewer | core::Role::Approver,
                                            services::HallService::demoPassword(), &error, test::fastKdf(), false),
             qPrintable(error));
}

void TestSeparationGui::changePair(ui::SeparationDialog& dialog, const QString& pairKey, const QString& reasons,
                                   const QString& password, const QString& button)
{
    auto* pairs = dialog.findChild<QTableWidget*>(QStringLiteral("pairsView"));
    QVERIFY(pairs);
    QTRY_COMPARE(focusedName(), QStringLiteral("pairsView"));
    const int row = int(services::SeparationService::allPairKeys().indexOf(pairKey));
    QVERIFY(row >= 0);
    press(Qt::Key_Home, Qt::ControlModifier);
    for (int i = 0; i < row; ++i)
        press(Qt::Key_Down);
    QCOMPARE(pairs->item(pairs->currentRow(), 0)->data(Qt::UserRole).toString(), pairKey);
    press(Qt::Key_Tab);
    QCOMPARE(focusedName(), QStringLiteral("reasonsEdit"));
    press(Qt::Key_A, Qt::ControlModifier); // what a refused attempt left is typed anew
    press(Qt::Key_Backspace);
    type(reasons);
    press(Qt::Key_Tab);
    QCOMPARE(focusedName(), QStringLiteral("passwordEdit"));
    type(password);
    QVERIFY(pressButton(button));
}

void TestSeparationGui::reviewByKeyboard(const QString& caseId)
{
    ui::ReviewDialog review(as(QStringLiteral("both")), caseId);
    review.show();
    QVERIFY(QTest::qWaitForWindowExposed(&review));
    review.activateWindow();
    QTRY_VERIFY(review.isActiveWindow());
    QVERIFY(review.findChild<QPushButton*>(QStringLiteral("passButton"))->isEnabled());
    QVERIFY(pressButton(QStringLiteral("passButton")));
    QStringList kinds;
    for (const core::Event& e : as(QStringLiteral("both")).events().caseEvents(caseId))
        kinds << e.kind;
    QVERIFY2(kinds.contains(QLatin1String("review.passed")), qPrintable(kinds.join(u' ') + review.messageText()));
}

void TestSeparationGui::adminRelaxesReviewDecideAndRestoresIt()
{
    QString error;
    const auto first = test::acceptCase(as(QStringLiteral("clerk")), withoutVisit, QStringLiteral("14080219800512001"),
                                        QStringLiteral("王建国"), QStringLiteral("13903591234"), &error);
    QVERIFY2(first, qPrintable(error));
    const auto second = test::acceptCase(as(QStringLiteral("clerk")), withoutVisit, QStringLiteral("14080219800512002"),
                                         QStringLiteral("李建华"), QStringLiteral("13903591235"), &error);
    QVERIFY2(second, qPrintable(error));
    const QString review = QStringLiteral("review+decide");

    // Strict: the one who reviewed may not decide; the dialog greys and says why.
    reviewByKeyboard(first->caseId);
    {
        ui::DecisionDialog decision(as(QStringLiteral("both")), first->caseId);
        decision.show();
        QVERIFY(QTest::qWaitForWindowExposed(&decision));
        QVERIFY(!decision.findChild<QPushButton*>(QStringLiteral("approveButton"))->isEnabled());
        QVERIFY2(decision.messageText().contains(QLatin1String("different people")), qPrintable(decision.messageText()));
    }

    // The administrator relaxes review/decide: a wrong password changes nothing, then the right one.
    {
        ui::SeparationDialog dialog(as(QStringLiteral("admin")));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.activateWindow();
        QTRY_VERIFY(dialog.isActiveWindow());
    QTRY_VERIFY(dialog.isActiveWindow());
        const qint64 before = as(QStringLiteral("admin")).events().count();
        changePair(dialog, review, QStringLiteral("县级大厅人手不足"), QStringLiteral("wrong-password"), QStringLiteral("relaxButton"));
        QVERIFY2(dialog.messageText().contains(QLatin1String("password is wrong")), qPrintable(dialog.messageText()));
        QCOMPARE(as(QStringLiteral("admin")).events().count(), before);
        dialog.findChild<QTableWidget*>(QStringLiteral("pairsView"))->setFocus();
        changePair(dialog, review, QString(), services::HallService::demoPassword(), QStringLiteral("relaxButton"));
        QVERIFY2(dialog.messageText().contains(QLatin1String("reasons")), qPrintable(dialog.messageText()));
        QCOMPARE(as(QStringLiteral("admin")).events().count(), before);
        dialog.findChild<QTableWidget*>(QStringLiteral("pairsView"))->setFocus();
        changePair(dialog, review, QStringLiteral("县级大厅人手不足"), services::HallService::demoPassword(), QStringLiteral("relaxButton"));
        QVERIFY2(dialog.messageText().startsWith(QLatin1String("Relaxed")), qPrintable(dialog.messageText()));
        QCOMPARE(as(QStringLiteral("admin")).events().count(), before + 1);
        auto* pairs = dialog.findChild<QTableWidget*>(QStringLiteral("pairsView"));
        QVERIFY(pairs->item(pairs->currentRow(), 1)->text().startsWith(QLatin1String("relaxed")));
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("relaxButton"))->isEnabled());
        QVERIFY(dialog.findChild<QPushButton*>(QStringLiteral("restoreButton"))->isEnabled());
        // Only review/decide: the other pairs stay strict.
        QCOMPARE(services::SeparationService(as(QStringLiteral("admin"))).policy().pairKeys(), QStringList{review});
    }

    // The same person now decides the case they reviewed, in the same dialog that greyed before.
    {
        ui::DecisionDialog decision(as(QStringLiteral("both")), first->caseId);
        decision.show();
        QVERIFY(QTest::qWaitForWindowExposed(&decision));
        decision.activateWindow();
        QTRY_VERIFY(decision.isActiveWindow());
    QTRY_VERIFY(decision.isActiveWindow());
        QVERIFY(decision.findChild<QPushButton*>(QStringLiteral("approveButton"))->isEnabled());
        QVERIFY(decision.messageText().isEmpty());
        QVERIFY(pressButton(QStringLiteral("approveButton")));
        const auto state = as(QStringLiteral("both")).events().caseEvents(first->caseId);
        QCOMPARE(state.constLast().kind, QStringLiteral("decision.approved"));
    }

    // Restored: refused again, with the reason shown.
    {
        ui::SeparationDialog dialog(as(QStringLiteral("admin")));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.activateWindow();
        QTRY_VERIFY(dialog.isActiveWindow());
    QTRY_VERIFY(dialog.isActiveWindow());
        changePair(dialog, review, QStringLiteral("人员已补齐"), services::HallService::demoPassword(), QStringLiteral("restoreButton"));
        QVERIFY2(dialog.messageText().startsWith(QLatin1String("Restored")), qPrintable(dialog.messageText()));
        QVERIFY(services::SeparationService(as(QStringLiteral("admin"))).policy().relaxed.isEmpty());
    }
    reviewByKeyboard(second->caseId);
    {
        ui::DecisionDialog decision(as(QStringLiteral("both")), second->caseId);
        decision.show();
        QVERIFY(QTest::qWaitForWindowExposed(&decision));
        decision.activateWindow();
        QTRY_VERIFY(decision.isActiveWindow());
    QTRY_VERIFY(decision.isActiveWindow());
        QVERIFY(!decision.findChild<QPushButton*>(QStringLiteral("approveButton"))->isEnabled());
        QVERIFY2(decision.messageText().contains(QLatin1String("You took the review"))
                     && decision.messageText().contains(QLatin1String("different people")),
                 qPrintable(decision.messageText()));
        const qint64 before = as(QStringLiteral("both")).events().count();
        QVERIFY(!pressButton(QStringLiteral("approveButton"))); // greyed: not in the Tab order
        QCOMPARE(as(QStringLiteral("both")).events().count(), before);
    }
    // Only an administrator changes the policy.
    QVERIFY(!services::SeparationService(as(QStringLiteral("both")))
                 .setPair(review, true, QStringLiteral("x"), services::HallService::demoPassword(), &error));
    QCOMPARE(error, services::Session::refusal(core::Action::ManageUsers));
}

QTEST_MAIN(TestSeparationGui)
#include "TestSeparationGui.moc"
