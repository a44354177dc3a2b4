// A supervisor resolves, by keyboard, a conflict between two workstations that decided one case
// differently while apart: the case is in conflict (nobody may work on it, it waits in the
// supervisor's queue) until the resolution, and afterwards the kept decision holds even though the
// other one came later in the fold.
#include "TestSupport.h"

#include "core/CaseState.h"
#include "core/EventAdmission.h"
#include "db/Database.h"
#include "db/EventStore.h"
#include "services/AuthService.h"
#include "services/HallService.h"
#include "services/IntakeService.h"
#include "services/ReviewService.h"
#include "ui/ConflictDialog.h"
#include "ui/QueueModel.h"
#include "ui/WorkQueueWidget.h"

#include <QApplication>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace oneseal;

class TestConflictDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void caseInConflictWaitsForTheSupervisor();
    void onlySupervisorsResolveWithReasons();
    void keyboardResolutionKeepsTheChosenDecision();

private:
    std::unique_ptr<services::Session> login(const QString& username) const;
    /** A decision recorded at another workstation, as sync brings it. */
    static core::Event remoteDecision(const QString& workstation, const QString& kind, const QString& caseId,
                                      const core::SealKey& signer, const QString& userId, qint64 serverSeq);

    std::unique_ptr<test::TempHall> m_hall;
    QString m_caseId;
    QString m_approvalId;
    QString m_refusalId;
};

std::unique_ptr<services::Session> TestConflictDialog::login(const QString& username) const
{
    return m_hall->login(username);
}

core::Event TestConflictDialog::remoteDecision(const QString& workstation, const QString& kind, const QString& caseId,
                                               const core::SealKey& signer, const QString& userId, qint64 serverSeq)
{
    core::Event e;
    e.id = QUuid::createUuid();
    e.caseId = caseId;
    e.kind = kind;
    e.setPayload({{core::payload::reasons, QStringLiteral("decided at %1").arg(workstation)},
                  {core::payload::date, QDate::currentDate().toString(Qt::ISODate)}});
    e.userId = userId;
    e.workstation = workstation;
    e.hlc = quint64(QDateTime::currentMSecsSinceEpoch()) << 16;
    e.recordedAt = QDateTime::currentDateTimeUtc();
    e.serverSeq = serverSeq;
    e.hash = e.computeHash();
    // Signed by the approver's key, as her client at that workstation signs (the demo hall signs every event).
    core::EventAdmission::sign(e, signer);
    return e;
}

void TestConflictDialog::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>();
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    auto clerk = login(QStringLiteral("clerk"));
    QVERIFY(clerk);
    QString error;
    const auto state = test::acceptCase(
        *clerk, [](const core::Matter& m) { return !m.instant && m.promisedLimitDays >= 2; }, QStringLiteral("14080219800101002"),
        QStringLiteral("王建国"), QStringLiteral("13700002222"), &error);
    QVERIFY2(state, qPrintable(error));
    m_caseId = state->caseId;

    // The intake reached the hub (it acknowledged every event), then, while apart, one workstation
    // approved and another refused; sync brings both here.
    auto approver = login(QStringLiteral("approver"));
    QVERIFY(approver);
    qint64 serverSeq = 0;
    {
        db::Transaction tx(approver->database().sql());
        for (const core::Event& e : approver->events().unsentEvents(1000))
            QVERIFY2(approver->events().markSent(e.id, ++serverSeq, &error), qPrintable(error));
        QVERIFY2(tx.commit(&error), qPrintable(error));
    }
    const core::Event approval = remoteDecision(QStringLiteral("WS-NORTH"), core::eventkind::decisionApproved, m_caseId,
                                                approver->events().signer(), approver->user().id, serverSeq + 1);
    const core::Event refusal = remoteDecision(QStringLiteral("WS-SOUTH"), core::eventkind::decisionRefused, m_caseId,
                                               approver->events().signer(), approver->user().id, serverSeq + 2);
    m_approvalId = approval.id.toString(QUuid::WithoutBraces);
    m_refusalId = refusal.id.toString(QUuid::WithoutBraces);
    db::Transaction tx(approver->database().sql());
    QVERIFY(tx.isActive());
    const auto applied = approver->events().applyRemote({approval, refusal}, &error);
    QVERIFY2(applied, qPrintable(error));
    QVERIFY2(applied->quarantined == 0, qPrintable(applied->quarantineReasons.join(QLatin1Char('\n'))));
    QVERIFY2(tx.commit(&error), qPrintable(error));
}

void TestConflictDialog::caseInConflictWaitsForTheSupervisor()
{
    auto reviewer = login(QStringLiteral("reviewer"));
    const auto state = services::IntakeService(*reviewer).caseState(m_caseId);
    QVERIFY(state);
    QCOMPARE(state->status, core::CaseState::kConflictStatus);
    QCOMPARE(state->openConflicts.size(), 1);
    // Nobody works on it meanwhile.
    QString error;
    QVERIFY(!services::ReviewService(*reviewer).pass(m_caseId, QString(), &error));
    QVERIFY2(error.contains(QLatin1String("conflict")), qPrintable(error));
    // It waits in the supervisor's queue.
    auto supervisor = login(QStringLiteral("supervisor"));
    ui::WorkQueueWidget queue(*supervisor);
    queue.setRole(core::Role::Supervisor);
    queue.refresh();
    QCOMPARE(queue.model()->rowCount(), 1);
}

void TestConflictDialog::onlySupervisorsResolveWithReasons()
{
    const int before = int(login(QStringLiteral("admin"))->events().caseEvents(m_caseId).size());
    {
        // The approver is refused: only supervisors see and resolve conflicts.
        auto approver = login(QStringLiteral("approver"));
        ui::ConflictDialog dialog(*approver, m_caseId);
        QCOMPARE(dialog.openConflictCount(), 0);
        QVERIFY(!dialog.messageText().isEmpty());
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("resolveButton"))->isEnabled());
    }
    {
        // A supervisor without reasons, or without a choice, records nothing.
        auto supervisor = login(QStringLiteral("supervisor"));
        ui::ConflictDialog dialog(*supervisor, m_caseId);
        QCOMPARE(dialog.openConflictCount(), 1);
        auto* resolve = dialog.findChild<QPushButton*>(QStringLiteral("resolveButton"));
        QTest::mouseClick(resolve, Qt::LeftButton);
        QVERIFY2(dialog.messageText().contains(QLatin1String("Choose")), qPrintable(dialog.messageText()));
        dialog.findChild<QListWidget*>(QStringLiteral("eventsList"))->setCurrentRow(0);
        QTest::mouseClick(resolve, Qt::LeftButton);
        QVERIFY2(dialog.messageText().contains(QLatin1String("reasons")), qPrintable(dialog.messageText()));
        QCOMPARE(dialog.openConflictCount(), 1);
    }
    QCOMPARE(int(login(QStringLiteral("admin"))->events().caseEvents(m_caseId).size()), before);
}

void TestConflictDialog::keyboardResolutionKeepsTheChosenDecision()
{
    auto supervisor = login(QStringLiteral("supervisor"));
    ui::ConflictDialog dialog(*supervisor, m_caseId);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* list = dialog.findChild<QListWidget*>(QStringLiteral("eventsList"));
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(list));
    QCOMPARE(list->count(), 2);
    // Down until the approval (recorded at WS-NORTH) is the current row.
    for (int i = 0; i < 3 && (!list->currentItem() || list->currentItem()->data(Qt::UserRole).toString() != m_approvalId); ++i)
        QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(list->currentItem()->data(Qt::UserRole).toString(), m_approvalId);
    QVERIFY(list->currentItem()->text().contains(QLatin1String("WS-NORTH")));
    QTest::keyClick(list, Qt::Key_Tab);
    auto* note = dialog.findChild<QPlainTextEdit*>(QStringLiteral("noteEdit"));
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(note));
    QTest::keyClicks(note, QStringLiteral("The site was inspected and the approval stands."));
    QTest::keyClick(note, Qt::Key_Tab);
    auto* resolve = dialog.findChild<QPushButton*>(QStringLiteral("resolveButton"));
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(resolve));
    QTest::keyClick(resolve, Qt::Key_Space);
    QTRY_COMPARE(dialog.openConflictCount(), 0);

    const auto events = supervisor->events().caseEvents(m_caseId);
    const core::Event& last = events.last();
    QCOMPARE(last.kind, core::conflict::resolvedKind);
    QCOMPARE(last.payload().value(core::conflict::payloadKept).toString(), m_approvalId);
    QCOMPARE(last.userId, supervisor->user().id);
    // The refusal came later in the fold, yet the approval holds; the case goes on to the seal.
    const auto state = services::IntakeService(*supervisor).caseState(m_caseId);
    QVERIFY(state);
    QVERIFY(!state->inConflict());
    QCOMPARE(state->decision, core::Decision::Approved);
    QVERIFY(!state->completed);
    // The projection agrees with the fold, and the supervisor's queue is empty.
    ui::WorkQueueWidget queue(*supervisor);
    queue.setRole(core::Role::Supervisor);
    queue.refresh();
    QCOMPARE(queue.model()->rowCount(), 0);
    queue.setRole(core::Role::Approver);
    queue.refresh();
    QCOMPARE(queue.model()->rowCount(), 1);
    QString error;
    QVERIFY2(supervisor->events().rebuildProjections(&error), qPrintable(error));
    QCOMPARE(services::IntakeService(*supervisor).caseState(m_caseId)->decision, core::Decision::Approved);
}

QTEST_MAIN(TestConflictDialog)
#include "TestConflictDialog.moc"
