#include "TestSupport.h"

#include "core/EventAdmission.h"
#include "db/Database.h"
#include "services/AuthService.h"
#include "services/HallService.h"
#include "services/IntakeService.h"
#include "ui/MainWindow.h"
#include "ui/QueueModel.h"
#include "ui/ReviewDialog.h"
#include "ui/SealRegisterWidget.h"
#include "ui/WorkQueueWidget.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCborMap>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace oneseal;

namespace {

QWidget* focused()
{
    return QApplication::focusWidget();
}

void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(focused(), key, modifiers);
}

} // namespace

class TestWorkQueue : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reviewerSeesOverdueCaseInRed();
    void keyboardOpensAndPassesTheCase();
    void tabsFollowTheRoles();
    void supervisorSeesRefusedEvents();

private:
    std::unique_ptr<services::Session> login(const QString& username);

    std::unique_ptr<test::TempHall> m_hall;
    core::FixedClock m_clock{QDateTime(QDate(2025, 3, 3), QTime(9, 0))};
    QString m_caseId;
    QString m_caseNo;
    QDate m_due;
};

std::unique_ptr<services::Session> TestWorkQueue::login(const QString& username)
{
    services::AuthService auth(m_hall->path(), m_clock);
    QString error;
    auto s = auth.login(username, services::HallService::demoPassword(), &error);
    if (!s)
        qWarning("%s", qPrintable(error));
    return s;
}

void TestWorkQueue::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>(m_clock);
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    auto clerk = login(QStringLiteral("clerk"));
    QVERIFY(clerk);
    QString error;
    const auto state = test::acceptCase(
        *clerk, [](const core::Matter& m) { return !m.instant && m.promisedLimitDays >= 2; }, QStringLiteral("14080219751212003"),
        QStringLiteral("刘晓明"), QStringLiteral("13700001111"), &error);
    QVERIFY2(state, qPrintable(error));
    m_caseId = state->caseId;
    m_caseNo = state->caseNo;
    m_due = state->promisedDue;
    QVERIFY(m_due.isValid());
}

void TestWorkQueue::reviewerSeesOverdueCaseInRed()
{
    m_clock.set(QDateTime(m_due.addDays(3), QTime(10, 0))); // past the promised date
    auto reviewer = login(QStringLiteral("reviewer"));
    QVERIFY(reviewer);
    ui::WorkQueueWidget queue(*reviewer);
    QAbstractItemModelTester tester(queue.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    queue.resize(1000, 500);
    queue.show();
    QVERIFY(QTest::qWaitForWindowExposed(&queue));
    QCOMPARE(queue.currentRole(), core::Role::Reviewer);
    ui::QueueModel* model = queue.model();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->data(model->index(0, ui::QueueModel::NumberColumn)).toString(), m_caseNo);
    QCOMPARE(model->data(model->index(0, ui::QueueModel::DueColumn)).toString(), m_due.toString(Qt::ISODate));
    QCOMPARE(model->data(model->index(0, ui::QueueModel::WarningColumn)).toString(), QStringLiteral("OVERDUE"));
    QCOMPARE(model->data(model->index(0, ui::QueueModel::NumberColumn), Qt::BackgroundRole).value<QColor>(),
             ui::QueueModel::warningColour(core::DeadlineWarning::Red));
    QVERIFY(ui::QueueModel::warningColour(core::DeadlineWarning::Red).red() > 200);
    QVERIFY(queue.findChild<QLabel*>(QStringLiteral("countLabel"))->text().contains(QLatin1String("1 overdue")));

    // The day before the due date the same case is yellow; long before, plain.
    m_clock.set(QDateTime(m_due.addDays(-1), QTime(10, 0)));
    queue.refresh();
    QCOMPARE(model->itemAt(0).warning, core::DeadlineWarning::Yellow);
    QCOMPARE(model->data(model->index(0, 0), Qt::BackgroundRole).value<QColor>(),
             ui::QueueModel::warningColour(core::DeadlineWarning::Yellow));
    m_clock.set(QDateTime(QDate(2025, 3, 3), QTime(10, 0)));
    queue.refresh();
    if (core::workingDaysBetween(core::WorkCalendar::builtIn(), QDate(2025, 3, 3), m_due).value_or(0) > core::kYellowWorkingDays + 1)
        QVERIFY(!model->data(model->index(0, 0), Qt::BackgroundRole).isValid());

    // The inspector's queue does not hold a case still under review.
    auto inspector = login(QStringLiteral("inspector"));
    ui::WorkQueueWidget other(*inspector);
    QCOMPARE(other.model()->rowCount(), 0);
}

void TestWorkQueue::keyboardOpensAndPassesTheCase()
{
    m_clock.set(QDateTime(m_due.addDays(3), QTime(10, 0)));
    auto reviewer = login(QStringLiteral("reviewer"));
    ui::WorkQueueWidget queue(*reviewer);
    queue.resize(1000, 500);
    queue.show();
    QVERIFY(QTest::qWaitForWindowExposed(&queue));
    queue.activateWindow();
    auto* view = queue.findChild<QTableView*>(QStringLiteral("queueView"));
    view->setFocus();
    QTRY_COMPARE(focused(), static_cast<QWidget*>(view));
    QSignalSpy opened(&queue, &ui::WorkQueueWidget::openRequested);
    press(Qt::Key_Return);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.first().at(0).toString(), m_caseId);
    QCOMPARE(opened.first().at(1).value<core::Role>(), core::Role::Reviewer);

    // The review dialog, by keyboard: notes, Tab to "Pass review", Space.
    ui::ReviewDialog dialog(*reviewer, m_caseId);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.activateWindow();
    QTRY_COMPARE(focused()->objectName(), QStringLiteral("notesEdit"));
    QTest::keyClicks(focused(), QStringLiteral("Materials complete"));
    press(Qt::Key_Tab);
    QCOMPARE(focused()->objectName(), QStringLiteral("passButton"));
    press(Qt::Key_Space);
    QTRY_VERIFY(dialog.messageText().contains(QLatin1String("Review passed")));
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("passButton"))->isEnabled());
    const auto state = services::IntakeService(*reviewer).caseState(m_caseId);
    QCOMPARE(state->status, core::CaseStatus::Reviewed);
    const auto events = reviewer->events().caseEvents(m_caseId);
    QCOMPARE(events.last().kind, core::eventkind::reviewPassed);
    QCOMPARE(events.last().payload().value(core::payload::notes).toString(), QStringLiteral("Materials complete"));
    QCOMPARE(events.last().userId, reviewer->user().id);
    queue.refresh();
    QCOMPARE(queue.model()->rowCount(), 0);
}

void TestWorkQueue::tabsFollowTheRoles()
{
    auto tabs = [this](const QString& user) {
        ui::MainWindow w(login(user));
        return std::make_tuple(w.workQueue() != nullptr, w.certificateWindow() != nullptr, w.sealRegister() != nullptr,
                               w.intakeWorkbench() != nullptr);
    };
    QCOMPARE(tabs(QStringLiteral("clerk")), std::make_tuple(false, false, false, true));
    QCOMPARE(tabs(QStringLiteral("reviewer")), std::make_tuple(true, false, false, false));
    QCOMPARE(tabs(QStringLiteral("approver")), std::make_tuple(true, false, true, false));
    QCOMPARE(tabs(QStringLiteral("certifier")), std::make_tuple(true, true, false, false));
    QCOMPARE(tabs(QStringLiteral("supervisor")), std::make_tuple(true, false, true, false));
}

void TestWorkQueue::supervisorSeesRefusedEvents()
{
    auto supervisor = login(QStringLiteral("supervisor"));
    QVERIFY(supervisor);
    // A seal in the approver's name from another workstation, signed with a key the hall never saw.
    core::Event forged;
    forged.id = QUuid::createUuid();
    forged.caseId = m_caseId;
    forged.kind = QStringLiteral("seal.applied");
    forged.setPayload(QCborMap{{QStringLiteral("note"), QStringLiteral("forged")}});
    forged.userId = QStringLiteral("approver");
    forged.workstation = QStringLiteral("WS-FORGE");
    forged.hlc = 1;
    forged.recordedAt = m_clock.now();
    forged.serverSeq = 900001;
    forged.hash = forged.computeHash();
    core::EventAdmission::sign(forged, core::SealKey::generate());
    QString error;
    {
        db::Transaction tx(supervisor->database().sql());
        const auto applied = supervisor->events().applyRemote({forged}, &error);
        QVERIFY2(applied && tx.commit(&error), qPrintable(error));
        QCOMPARE(applied->quarantined, 1);
    }
    ui::WorkQueueWidget queue(*supervisor);
    auto* label = queue.findChild<QLabel*>(QStringLiteral("refusedLabel"));
    QVERIFY(label);
    QVERIFY(!label->isHidden());
    QVERIFY2(label->text().contains(QStringLiteral("seal.applied from workstation WS-FORGE")), qPrintable(label->text()));
    QVERIFY(label->text().contains(QStringLiteral("not in the hall's directory")));
    // A clerk sees nothing of it.
    auto clerk = login(QStringLiteral("clerk"));
    ui::WorkQueueWidget clerkQueue(*clerk);
    QVERIFY(clerkQueue.findChild<QLabel*>(QStringLiteral("refusedLabel"))->isHidden());
}

QTEST_MAIN(TestWorkQueue)
#include "TestWorkQueue.moc"
