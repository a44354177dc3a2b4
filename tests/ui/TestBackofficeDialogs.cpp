#include "TestSupport.h"

#include "print/CertificateTemplate.h"
#include "print/MemoryOutput.h"
#include "services/AuthService.h"
#include "services/DecisionService.h"
#include "services/HallService.h"
#include "services/InspectionService.h"
#include "services/IntakeService.h"
#include "services/ReviewService.h"
#include "ui/CertificateWindowWidget.h"
#include "ui/DecisionDialog.h"
#include "ui/InspectionDialog.h"
#include "ui/ReviewDialog.h"

#include <QApplication>
#include <QDateEdit>
#include <QGroupBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>

#include <map>

using namespace oneseal;

namespace {

QWidget* focused()
{
    return QApplication::focusWidget();
}

QString focusedName()
{
    return focused() ? focused()->objectName() : QString();
}

void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(focused(), key, modifiers);
}

/** Types @p text into the focused widget one key event per character (also Chinese, as an input method would). */
void type(const QString& text)
{
    for (const QChar c : text)
        QTest::sendKeyEvent(QTest::Click, focused(), Qt::Key_unknown, QString(c), Qt::NoModifier);
}

} // namespace

/**
 * The inspector's and the approver's dialogs filled with the keyboard, and the documents the review dialog
 * and the certificate window issue into memory, checked through the events they record.
 */
class TestBackofficeDialogs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void inspectionScheduledAndPassedByKeyboard();
    void decisionApprovedAndSealedByKeyboard();
    void correctionNoticePrintedFromTheReviewDialog();
    void certificatePrintedAndReprintedAtTheWindow();

private:
    /** A new case of a matter without site inspection that has a certificate template. */
    QString acceptedForCertificate(const QString& idFirst17, const QString& name);

    services::Session& as(const QString& username);

    std::unique_ptr<test::TempHall> m_hall;
    core::FixedClock m_clock { QDateTime(QDate(2025, 6, 3), QTime(9, 0)) };
    std::map<QString, std::unique_ptr<services::Session>> m_sessions;
    QString m_caseId;
};

services::Session& TestBackofficeDialogs::as(const QString& username)
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

void TestBackofficeDialogs::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>(m_clock);
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    QString error;
    const auto state = test::acceptCase(
        as(QStringLiteral("clerk")), [](const core::Matter& m) { return m.siteInspection && !m.instant; },
        QStringLiteral("14080219800512001"), QStringLiteral("王建国"), QStringLiteral("13903591234"), &error);
    QVERIFY2(state, qPrintable(error));
    m_caseId = state->caseId;
    QVERIFY2(
        services::ReviewService(as(QStringLiteral("reviewer"))).pass(m_caseId, QString(), &error), qPrintable(error));
}

void TestBackofficeDialogs::inspectionScheduledAndPassedByKeyboard()
{
    services::Session& inspector = as(QStringLiteral("inspector"));
    const QString second = as(QStringLiteral("inspector2")).user().id;
    ui::InspectionDialog dialog(inspector, m_caseId);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.activateWindow();
    QTRY_COMPARE(focusedName(), QStringLiteral("visitDateEdit"));
    QCOMPARE(dialog.findChild<QDateEdit*>(QStringLiteral("visitDateEdit"))->date(), QDate(2025, 6, 3));

    // Tab through the date's sections (year, month, day) to the inspectors; the logged-in inspector is
    // ticked; arrows to the second one, Space ticks.
    for (int tabs = 0; tabs < 3 && focusedName() == QLatin1String("visitDateEdit"); ++tabs)
        press(Qt::Key_Tab);
    QCOMPARE(focusedName(), QStringLiteral("inspectorsList"));
    auto* inspectors = dialog.findChild<QListWidget*>(QStringLiteral("inspectorsList"));
    int row = -1;
    for (int i = 0; i < inspectors->count(); ++i)
        if (inspectors->item(i)->data(Qt::UserRole).toString() == second)
            row = i;
    QVERIFY(row >= 0);
    press(Qt::Key_Home);
    for (int i = 0; i < row; ++i)
        press(Qt::Key_Down);
    QCOMPARE(inspectors->currentRow(), row);
    QCOMPARE(inspectors->item(row)->checkState(), Qt::Unchecked);
    press(Qt::Key_Space);
    QCOMPARE(inspectors->item(row)->checkState(), Qt::Checked);

    // Tab past "combine with" to "Schedule visit", Space.
    press(Qt::Key_Tab);
    QCOMPARE(focusedName(), QStringLiteral("combineList"));
    press(Qt::Key_Tab);
    QCOMPARE(focusedName(), QStringLiteral("scheduleButton"));
    press(Qt::Key_Space);
    QVERIFY2(dialog.messageText().contains(QLatin1String("Visit scheduled for 2025-06-03")),
        qPrintable(dialog.messageText()));
    auto state = services::IntakeService(inspector).caseState(m_caseId);
    QCOMPARE(state->status, core::CaseStatus::InspectionScheduled);
    QCOMPARE(inspector.events().caseEvents(m_caseId).last().kind, core::eventkind::inspectionScheduled);
    QVERIFY(state->currentInspection());
    QCOMPARE(
        QSet<QString>(state->currentInspection()->inspectorIds.begin(), state->currentInspection()->inspectorIds.end()),
        (QSet<QString> { inspector.user().id, second }));
    QVERIFY(!dialog.findChild<QGroupBox*>(QStringLiteral("scheduleGroup"))->isEnabled());

    // Alt+N goes to the notes (the label's mnemonic); Tab to "Passed" past the evidence, Space.
    QTest::keyClick(&dialog, Qt::Key_N, Qt::AltModifier);
    QCOMPARE(focusedName(), QStringLiteral("notesEdit"));
    type(QStringLiteral("现场与图纸一致"));
    for (int tabs = 0; tabs < 6 && focusedName() != QLatin1String("passButton"); ++tabs)
        press(Qt::Key_Tab);
    QCOMPARE(focusedName(), QStringLiteral("passButton"));
    press(Qt::Key_Space);
    QVERIFY2(dialog.messageText().contains(QLatin1String("Inspection passed")), qPrintable(dialog.messageText()));
    state = services::IntakeService(inspector).caseState(m_caseId);
    QCOMPARE(state->status, core::CaseStatus::Inspected);
    QCOMPARE(state->currentInspection()->result, QStringLiteral("passed"));
    QCOMPARE(state->currentInspection()->notes, QStringLiteral("现场与图纸一致"));
    const core::Event last = inspector.events().caseEvents(m_caseId).last();
    QCOMPARE(last.kind, core::eventkind::inspectionPassed);
    QCOMPARE(last.userId, inspector.user().id);
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("passButton"))->isEnabled());
}

void TestBackofficeDialogs::decisionApprovedAndSealedByKeyboard()
{
    services::Session& approver = as(QStringLiteral("approver"));
    QCOMPARE(services::IntakeService(approver).caseState(m_caseId)->status, core::CaseStatus::Inspected);
    ui::DecisionDialog dialog(approver, m_caseId);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.activateWindow();
    QTRY_COMPARE(focusedName(), QStringLiteral("reasonsEdit"));

    // Notes, Tab to "Approve", Space.
    type(QStringLiteral("符合条件"));
    press(Qt::Key_Tab);
    QCOMPARE(focusedName(), QStringLiteral("approveButton"));
    press(Qt::Key_Space);
    QVERIFY2(dialog.messageText().contains(QLatin1String("Approved")), qPrintable(dialog.messageText()));
    auto state = services::IntakeService(approver).caseState(m_caseId);
    QCOMPARE(state->status, core::CaseStatus::Approved);
    QCOMPARE(state->decision, core::Decision::Approved);
    QCOMPARE(state->sealCount, 0);
    QCOMPARE(approver.events().caseEvents(m_caseId).last().kind, core::eventkind::decisionApproved);
    QCOMPARE(approver.events().caseEvents(m_caseId).last().userId, approver.user().id);
    QCOMPARE(approver.events().caseEvents(m_caseId).last().payload().value(core::payload::reasons).toString(),
        QStringLiteral("符合条件"));

    // The seal: the focus waits in the password field. A wrong password is refused and records nothing.
    QTRY_COMPARE(focusedName(), QStringLiteral("passwordEdit"));
    const qint64 before = approver.events().count();
    QTest::keyClicks(focused(), QStringLiteral("wrong-password"));
    press(Qt::Key_Return);
    QVERIFY2(dialog.messageText().contains(QLatin1String("password")), qPrintable(dialog.messageText()));
    QCOMPARE(approver.events().count(), before);
    QCOMPARE(services::IntakeService(approver).caseState(m_caseId)->sealCount, 0);
    QCOMPARE(focusedName(), QStringLiteral("passwordEdit"));
    QVERIFY(dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"))->text().isEmpty());

    // The right password, then Enter: the seal is applied and entered in the register.
    QTest::keyClicks(focused(), services::HallService::demoPassword());
    press(Qt::Key_Return);
    QVERIFY2(dialog.messageText().contains(QLatin1String("seal register")), qPrintable(dialog.messageText()));
    state = services::IntakeService(approver).caseState(m_caseId);
    QCOMPARE(state->sealCount, 1);
    QCOMPARE(state->sealsSinceDecision, 1);
    const core::Event last = approver.events().caseEvents(m_caseId).last();
    QCOMPARE(last.kind, core::eventkind::sealApplied);
    QCOMPARE(last.userId, approver.user().id);
    QVERIFY(approver.events().count() > before);
}

QString TestBackofficeDialogs::acceptedForCertificate(const QString& idFirst17, const QString& name)
{
    QString error;
    const auto state = test::acceptCase(
        as(QStringLiteral("clerk")),
        [](const core::Matter& m) {
            return !m.siteInspection && !m.instant
                && print::CertificateTemplate::forResult(print::CertificateTemplate::builtIn(), m.resultType, m.resultName);
        },
        idFirst17, name, QStringLiteral("13903591234"), &error);
    if (!state)
        qWarning("intake: %s", qPrintable(error));
    return state ? state->caseId : QString();
}

void TestBackofficeDialogs::correctionNoticePrintedFromTheReviewDialog()
{
    services::Session& reviewer = as(QStringLiteral("reviewer"));
    const QString id = acceptedForCertificate(QStringLiteral("14080219830303006"), QStringLiteral("吴思远"));
    QVERIFY(!id.isEmpty());
    ui::ReviewDialog dialog(reviewer, id);
    print::MemoryOutput output;
    dialog.setDocumentOutput(&output);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.findChild<QPlainTextEdit*>(QStringLiteral("notesEdit"))->setPlainText(QStringLiteral("施工合同缺少签字页"));
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("correctionButton")), Qt::LeftButton);
    QVERIFY2(dialog.messageText().contains(QLatin1String("The notice was printed")), qPrintable(dialog.messageText()));
    QCOMPARE(output.jobs().size(), 1);
    QCOMPARE(output.jobs().first().title, QStringLiteral("补正材料通知书"));
    const auto events = reviewer.events().caseEvents(id);
    QCOMPARE(events.at(events.size() - 2).kind, core::eventkind::correctionRequested);
    QCOMPARE(events.last().kind, QStringLiteral("notice.printed"));
    QCOMPARE(events.last().payload().value(QStringLiteral("notice")).toString(), QStringLiteral("补正材料通知书"));
}

void TestBackofficeDialogs::certificatePrintedAndReprintedAtTheWindow()
{
    const QString id = acceptedForCertificate(QStringLiteral("14080219820202005"), QStringLiteral("钱立新"));
    QVERIFY(!id.isEmpty());
    QString error;
    QVERIFY2(services::ReviewService(as(QStringLiteral("reviewer"))).pass(id, QString(), &error), qPrintable(error));
    services::DecisionService decision(as(QStringLiteral("approver")));
    QVERIFY2(decision.approve(id, QString(), &error), qPrintable(error));
    {
        ui::DecisionDialog dialog(as(QStringLiteral("approver")), id);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"))->setText(services::HallService::demoPassword());
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("sealButton")), Qt::LeftButton);
        QVERIFY2(dialog.messageText().contains(QLatin1String("seal register")), qPrintable(dialog.messageText()));
    }

    services::Session& certifier = as(QStringLiteral("certifier"));
    ui::CertificateWindowWidget window(certifier);
    print::MemoryOutput output;
    window.setDocumentOutput(&output);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showCase(id);

    // A preview closed: the number stays reserved, and the window says so.
    output.setRefusal(QStringLiteral("The print preview was closed without printing."));
    QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("printButton")), Qt::LeftButton);
    QVERIFY2(window.messageText().contains(QLatin1String("stays reserved")), qPrintable(window.messageText()));
    QCOMPARE(certifier.events().caseEvents(id).last().kind, core::eventkind::certificateNumbered);

    output.setRefusal(QString());
    QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("printButton")), Qt::LeftButton);
    QVERIFY2(window.messageText().contains(QLatin1String("printed")), qPrintable(window.messageText()));
    QCOMPARE(output.jobs().size(), 1);
    QCOMPARE(certifier.events().caseEvents(id).last().kind, core::eventkind::certificatePrinted);

    // A reprint without a reason prints nothing; with one it is counted.
    QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("reprintButton")), Qt::LeftButton);
    QVERIFY2(window.messageText().contains(QLatin1String("reason")), qPrintable(window.messageText()));
    QCOMPARE(output.jobs().size(), 1);
    window.findChild<QLineEdit*>(QStringLiteral("reasonEdit"))->setText(QStringLiteral("卡纸"));
    QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("reprintButton")), Qt::LeftButton);
    QVERIFY2(window.messageText().contains(QLatin1String("Reprinted")), qPrintable(window.messageText()));
    QCOMPARE(output.jobs().size(), 2);
    QCOMPARE(certifier.events().caseEvents(id).last().kind, core::eventkind::certificateReprinted);
}

QTEST_MAIN(TestBackofficeDialogs)
#include "TestBackofficeDialogs.moc"
