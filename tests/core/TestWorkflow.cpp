#include "core/CaseState.h"
#include "core/CaseStatus.h"
#include "core/Workflow.h"

#include <QCborArray>
#include <QTest>

using namespace oneseal;
using core::Role;
using core::WorkStep;

namespace {

const QString kClerk = QStringLiteral("u-clerk");
const QString kReviewer = QStringLiteral("u-reviewer");
const QString kInspector = QStringLiteral("u-inspector");
const QString kApprover = QStringLiteral("u-approver");
const QString kCertifier = QStringLiteral("u-certifier");

/** Builds a case's events one by one, as the services would write them. */
class CaseBuilder
{
public:
    explicit CaseBuilder(const QDate& accepted, double promisedDays = 5, double legalDays = 20,
                         const QString& outcome = QStringLiteral("accept"))
    {
        QCborMap p;
        p.insert(core::payload::caseNo, QStringLiteral("SL202500000001"));
        p.insert(core::payload::outcome, outcome);
        p.insert(core::payload::acceptedAt, accepted.startOfDay().addSecs(9 * 3600).toString(Qt::ISODate));
        p.insert(core::payload::promisedDays, promisedDays);
        p.insert(core::payload::legalDays, legalDays);
        const auto& cal = core::WorkCalendar::builtIn();
        p.insert(core::payload::promisedDue, core::computeDeadline(cal, accepted, promisedDays).due.toString(Qt::ISODate));
        p.insert(core::payload::legalDue, core::computeDeadline(cal, accepted, legalDays).due.toString(Qt::ISODate));
        QCborArray materials;
        core::MaterialEntry owed;
        owed.code = QStringLiteral("M1");
        owed.name = QStringLiteral("营业执照");
        owed.core = true;
        owed.state = core::MaterialState::Deferred;
        owed.dueDate = accepted.addDays(3);
        materials << owed.toCbor();
        p.insert(core::payload::materials, materials);
        add(core::outcomeEventKind(core::outcomeFromKey(outcome).value_or(core::IntakeOutcome::Accept)), p, kClerk);
    }

    CaseBuilder& add(const QString& kind, const QCborMap& payload, const QString& user)
    {
        core::Event e;
        e.id = QUuid::createUuid();
        e.caseId = QStringLiteral("case-1");
        e.kind = kind;
        e.setPayload(payload);
        e.userId = user;
        e.workstation = QStringLiteral("WS-1");
        e.hlc = quint64(m_state.eventCount + 1);
        m_state.apply(e);
        return *this;
    }

    const core::CaseState& state() const { return m_state; }

private:
    core::CaseState m_state;
};

QCborMap on(const QDate& d)
{
    return QCborMap{{core::payload::date, d.toString(Qt::ISODate)}};
}

} // namespace

class TestWorkflow : public QObject
{
    Q_OBJECT

private slots:
    void statusesAndWaitingRoles();
    void wrongRolesAreRefused_data();
    void wrongRolesAreRefused();
    void theAcceptorNeverHandlesTheCase_data();
    void theAcceptorNeverHandlesTheCase();
    void stepsNeedTheRightStatus();
    void inspectorsMustBeTwoAndDistinct_data();
    void inspectorsMustBeTwoAndDistinct();
    void reasons_data();
    void reasons();
    void correctionPauseShiftsTheDeadline();
    void rectificationPauseShiftsTheDeadline();
    void certificatesAreTrackedAndNeverReused();
    void issuanceWaitsForOwedCoreMaterial();
    void onTimeIsFixedAtCompletion();
    void refusedAtIntakeNeverReachesTheBackOffice();
};

void TestWorkflow::statusesAndWaitingRoles()
{
    CaseBuilder c(QDate(2025, 3, 3));
    QCOMPARE(c.state().status, core::CaseStatus::Accepted);
    QCOMPARE(core::Workflow::waitingRole(c.state()), Role::Reviewer);

    c.add(core::eventkind::correctionRequested, {{core::payload::clockStops, QStringLiteral("2025-03-05")}}, kReviewer);
    QCOMPARE(c.state().status, core::CaseStatus::Correction);
    QVERIFY(c.state().clockStopped());
    QCOMPARE(core::Workflow::waitingRole(c.state()), Role::Reviewer);
    c.add(core::eventkind::correctionReceived, on(QDate(2025, 3, 7)), kReviewer);
    QCOMPARE(c.state().status, core::CaseStatus::Accepted);
    QVERIFY(!c.state().clockStopped());

    c.add(core::eventkind::reviewPassed, {{core::payload::inspectionRequired, true}}, kReviewer);
    QCOMPARE(c.state().status, core::CaseStatus::Reviewed);
    QCOMPARE(core::Workflow::waitingRole(c.state()), Role::Inspector);
    c.add(core::eventkind::inspectionScheduled,
          {{core::payload::visitId, QStringLiteral("v1")},
           {core::payload::inspectors, QCborArray{kInspector, QStringLiteral("u-inspector2")}}},
          kInspector);
    QCOMPARE(c.state().status, core::CaseStatus::InspectionScheduled);
    QCOMPARE(c.state().currentInspection()->inspectorIds.size(), 2);
    c.add(core::eventkind::inspectionPassed, {}, kInspector);
    QCOMPARE(c.state().status, core::CaseStatus::Inspected);
    QCOMPARE(core::Workflow::waitingRole(c.state()), Role::Approver);
    c.add(core::eventkind::decisionApproved, {}, kApprover);
    QCOMPARE(c.state().status, core::CaseStatus::Approved);
    QCOMPARE(core::Workflow::waitingRole(c.state()), Role::Approver); // the seal is still to be applied
    c.add(core::eventkind::sealApplied, {}, kApprover);
    QCOMPARE(core::Workflow::waitingRole(c.state()), Role::CertificateOperator);
    c.add(core::eventkind::certificateNumbered, {{core::payload::certificateNo, QStringLiteral("ZS1")}}, kCertifier);
    c.add(core::eventkind::certificatePrinted, {{core::payload::certificateNo, QStringLiteral("ZS1")}}, kCertifier);
    QCOMPARE(c.state().status, core::CaseStatus::CertificatePrinted);
    QCOMPARE(core::Workflow::waitingRole(c.state()), Role::CertificateOperator);
    c.add(core::eventkind::certificateIssued, {{core::payload::certificateNo, QStringLiteral("ZS1")}}, kCertifier);
    QCOMPARE(c.state().status, core::CaseStatus::Completed);
    QVERIFY(c.state().completed);
    QCOMPARE(core::Workflow::waitingRole(c.state()), Role::None);
}

void TestWorkflow::wrongRolesAreRefused_data()
{
    QTest::addColumn<int>("step");
    QTest::addColumn<int>("rightRole");
    const QList<QPair<WorkStep, Role>> steps{
        {WorkStep::ReviewPass, Role::Reviewer},           {WorkStep::RequestCorrection, Role::Reviewer},
        {WorkStep::ProposeRefusal, Role::Reviewer},       {WorkStep::ScheduleInspection, Role::Inspector},
        {WorkStep::RecordInspection, Role::Inspector},    {WorkStep::CloseRectification, Role::Inspector},
        {WorkStep::Approve, Role::Approver},              {WorkStep::Refuse, Role::Approver},
        {WorkStep::ApplySeal, Role::Approver},            {WorkStep::NumberCertificate, Role::CertificateOperator},
        {WorkStep::VoidCertificate, Role::CertificateOperator}, {WorkStep::IssueCertificate, Role::CertificateOperator},
    };
    for (const auto& [step, role] : steps)
        QTest::addRow("step %d", int(step)) << int(step) << int(role);
}

void TestWorkflow::wrongRolesAreRefused()
{
    QFETCH(int, step);
    QFETCH(int, rightRole);
    const CaseBuilder c(QDate(2025, 3, 3));
    for (Role r : core::allRoles()) {
        if (int(r) == rightRole)
            continue;
        const QString why = core::Workflow::check(WorkStep(step), c.state(), QStringLiteral("someone"), r);
        QVERIFY2(why.contains(QLatin1String("role does not allow")), qPrintable(core::roleKey(r) + QLatin1String(": ") + why));
    }
    QVERIFY(core::Workflow::actionFor(WorkStep(step)) != core::Action::ViewAudit);
    QVERIFY(core::mayPerform(Role(rightRole), core::Workflow::actionFor(WorkStep(step))));
}

void TestWorkflow::theAcceptorNeverHandlesTheCase_data()
{
    QTest::addColumn<int>("step");
    for (WorkStep s : {WorkStep::ReviewPass, WorkStep::RequestCorrection, WorkStep::ProposeRefusal, WorkStep::Approve,
                       WorkStep::Refuse, WorkStep::ApplySeal, WorkStep::ScheduleInspection, WorkStep::IssueCertificate})
        QTest::addRow("step %d", int(s)) << int(s);
}

void TestWorkflow::theAcceptorNeverHandlesTheCase()
{
    QFETCH(int, step);
    // A clerk who also holds every back-office role still may not touch the case they accepted.
    const core::Roles all = Role::IntakeClerk | Role::Reviewer | Role::Inspector | Role::Approver
        | Role::CertificateOperator;
    CaseBuilder c(QDate(2025, 3, 3));
    c.add(core::eventkind::reviewPassed, {}, kReviewer);
    const QString why = core::Workflow::check(WorkStep(step), c.state(), kClerk, all);
    QVERIFY2(why.contains(QLatin1String("You accepted case")), qPrintable(why));
}

void TestWorkflow::stepsNeedTheRightStatus()
{
    CaseBuilder c(QDate(2025, 3, 3));
    // Nothing before review.
    QVERIFY(!core::Workflow::check(WorkStep::Approve, c.state(), kApprover, Role::Approver).isEmpty());
    QVERIFY(!core::Workflow::check(WorkStep::ScheduleInspection, c.state(), kInspector, Role::Inspector).isEmpty());
    QVERIFY(core::Workflow::check(WorkStep::ReviewPass, c.state(), kReviewer, Role::Reviewer).isEmpty());
    QVERIFY(!core::Workflow::check(WorkStep::ReceiveCorrection, c.state(), kReviewer, Role::Reviewer).isEmpty());

    c.add(core::eventkind::reviewPassed, {{core::payload::inspectionRequired, true}}, kReviewer);
    QVERIFY(!core::Workflow::check(WorkStep::ReviewPass, c.state(), kReviewer, Role::Reviewer).isEmpty());
    // A matter that needs inspection cannot be approved before it.
    QVERIFY(core::Workflow::check(WorkStep::Approve, c.state(), kApprover, Role::Approver).contains(QLatin1String("inspection")));
    QVERIFY(core::Workflow::check(WorkStep::ScheduleInspection, c.state(), kInspector, Role::Inspector).isEmpty());
    // No seal without a decision; no certificate without a seal.
    QVERIFY(!core::Workflow::check(WorkStep::ApplySeal, c.state(), kApprover, Role::Approver).isEmpty());
    c.add(core::eventkind::inspectionScheduled, {{core::payload::visitId, QStringLiteral("v")}}, kInspector);
    c.add(core::eventkind::inspectionPassed, {}, kInspector);
    c.add(core::eventkind::decisionApproved, {}, kApprover);
    QVERIFY(core::Workflow::check(WorkStep::NumberCertificate, c.state(), kCertifier, Role::CertificateOperator)
                .contains(QLatin1String("sealed")));
    c.add(core::eventkind::sealApplied, {}, kApprover);
    QVERIFY(core::Workflow::check(WorkStep::NumberCertificate, c.state(), kCertifier, Role::CertificateOperator).isEmpty());
    QVERIFY(!core::Workflow::check(WorkStep::Approve, c.state(), kApprover, Role::Approver).isEmpty());

    // A proposed refusal can be refused, not approved.
    CaseBuilder r(QDate(2025, 3, 3));
    r.add(core::eventkind::refusalProposed, {{core::payload::reasons, QStringLiteral("不符合条件")}}, kReviewer);
    QCOMPARE(core::Workflow::waitingRole(r.state()), Role::Approver);
    QVERIFY(!core::Workflow::check(WorkStep::Approve, r.state(), kApprover, Role::Approver).isEmpty());
    QVERIFY(core::Workflow::check(WorkStep::Refuse, r.state(), kApprover, Role::Approver).isEmpty());
}

void TestWorkflow::inspectorsMustBeTwoAndDistinct_data()
{
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<bool>("ok");
    QTest::newRow("none") << QStringList() << false;
    QTest::newRow("one") << QStringList{kInspector} << false;
    QTest::newRow("same twice") << QStringList{kInspector, kInspector} << false;
    QTest::newRow("blank second") << QStringList{kInspector, QStringLiteral(" ")} << false;
    QTest::newRow("the acceptor") << QStringList{kInspector, kClerk} << false;
    QTest::newRow("two") << QStringList{kInspector, QStringLiteral("u-inspector2")} << true;
    QTest::newRow("three") << QStringList{kInspector, QStringLiteral("u-inspector2"), QStringLiteral("u3")} << true;
}

void TestWorkflow::inspectorsMustBeTwoAndDistinct()
{
    QFETCH(QStringList, ids);
    QFETCH(bool, ok);
    const QString why = core::Workflow::checkInspectors(ids, kClerk);
    QCOMPARE(why.isEmpty(), ok);
}

void TestWorkflow::reasons_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("required");
    QTest::addColumn<bool>("ok");
    QTest::newRow("blank required") << QStringLiteral("   ") << true << false;
    QTest::newRow("blank optional") << QString() << false << true;
    QTest::newRow("given") << QStringLiteral("场地面积不足，不符合《食品经营许可管理办法》第十一条。") << true << true;
    QTest::newRow("multi-line") << QStringLiteral("一、缺少平面图\n二、证明文件过期") << true << true;
    QTest::newRow("too long") << QString(core::Workflow::kMaxReasonsLength + 1, QLatin1Char('x')) << true << false;
    QTest::newRow("control char") << QStringLiteral("bad\x01text") << true << false;
}

void TestWorkflow::reasons()
{
    QFETCH(QString, text);
    QFETCH(bool, required);
    QFETCH(bool, ok);
    QCOMPARE(core::Workflow::checkReasons(text, required, QStringLiteral("reasons")).isEmpty(), ok);
}

void TestWorkflow::correctionPauseShiftsTheDeadline()
{
    // Accepted Monday 2025-03-03, 5 working days: due Monday 03-10. Correction asked on Tuesday 03-04
    // (that day counts), clock stopped from Wednesday, materials back on Friday 03-07 (counts again):
    // Wednesday and Thursday do not count, so the case is due two working days later, Wednesday 03-12.
    const auto& cal = core::WorkCalendar::builtIn();
    CaseBuilder c(QDate(2025, 3, 3));
    QCOMPARE(c.state().promisedDue, QDate(2025, 3, 10));
    QCOMPARE(core::Workflow::deadlines(c.state(), cal).promised.due, QDate(2025, 3, 10));

    const core::ClockPause pause = core::Workflow::pauseFrom(QDate(2025, 3, 4), QStringLiteral("补正"));
    QCOMPARE(pause.from, QDate(2025, 3, 5));
    c.add(core::eventkind::correctionRequested, {{core::payload::clockStops, pause.from.toString(Qt::ISODate)}}, kReviewer);
    const core::CaseDeadlines paused = core::Workflow::deadlines(c.state(), cal);
    QVERIFY(paused.promised.paused);
    QVERIFY(!paused.promised.due.isValid());
    QCOMPARE(paused.promised.workingDaysUsed, 1);

    core::CaseState resumed = c.state();
    resumed.pauses.last().until = QDate(2025, 3, 7);
    const core::CaseDeadlines d = core::Workflow::deadlines(resumed, cal);
    QCOMPARE(d.promised.due, QDate(2025, 3, 12));
    const QList<core::ClockPause> wedThu{{QDate(2025, 3, 5), QDate(2025, 3, 7), QString()}};
    QCOMPARE(d.legal.due, core::computeDeadline(cal, QDate(2025, 3, 3), 20, wedThu).due);
    QVERIFY(d.legal.due > core::computeDeadline(cal, QDate(2025, 3, 3), 20).due);

    // The fold takes the shifted dates the service recorded.
    QCborMap p = on(QDate(2025, 3, 7));
    p.insert(core::payload::promisedDue, d.promised.due.toString(Qt::ISODate));
    p.insert(core::payload::legalDue, d.legal.due.toString(Qt::ISODate));
    c.add(core::eventkind::correctionReceived, p, kReviewer);
    QCOMPARE(c.state().promisedDue, QDate(2025, 3, 12));
    QCOMPARE(c.state().pauses.size(), 1);
    QCOMPARE(c.state().pauses.first().until, QDate(2025, 3, 7));
    QCOMPARE(core::Workflow::deadlines(c.state(), cal).promised.due, QDate(2025, 3, 12));

    // Materials back the next day: nothing is lost, nothing gained.
    CaseBuilder quick(QDate(2025, 3, 3));
    quick.add(core::eventkind::correctionRequested, {{core::payload::clockStops, QStringLiteral("2025-03-05")}}, kReviewer);
    quick.add(core::eventkind::correctionReceived, on(QDate(2025, 3, 5)), kReviewer);
    QCOMPARE(core::Workflow::deadlines(quick.state(), cal).promised.due, QDate(2025, 3, 10));
}

void TestWorkflow::rectificationPauseShiftsTheDeadline()
{
    // Across the 2025 National Day holiday (10-01..10-08 off, 09-28 and 10-11 make-up working days).
    const auto& cal = core::WorkCalendar::builtIn();
    CaseBuilder c(QDate(2025, 9, 22), 10, 20);
    c.add(core::eventkind::reviewPassed, {{core::payload::inspectionRequired, true}}, kReviewer);
    c.add(core::eventkind::inspectionScheduled, {{core::payload::visitId, QStringLiteral("v")}}, kInspector);
    c.add(core::eventkind::rectificationRequired,
          {{core::payload::clockStops, QStringLiteral("2025-09-24")}, {core::payload::deadline, QStringLiteral("2025-10-15")}},
          kInspector);
    QCOMPARE(c.state().status, core::CaseStatus::Rectification);
    QVERIFY(c.state().clockStopped());
    QCOMPARE(c.state().currentInspection()->rectificationDue, QDate(2025, 10, 15));
    core::CaseState closed = c.state();
    closed.pauses.last().until = QDate(2025, 10, 13);
    const QList<core::ClockPause> expectedPauses{{QDate(2025, 9, 24), QDate(2025, 10, 13), QString()}};
    QCOMPARE(core::Workflow::deadlines(closed, cal).promised.due,
             core::computeDeadline(cal, QDate(2025, 9, 22), 10, expectedPauses).due);
    QVERIFY(core::Workflow::deadlines(closed, cal).promised.due > core::computeDeadline(cal, QDate(2025, 9, 22), 10).due);
    c.add(core::eventkind::rectificationClosed,
          {{core::payload::date, QStringLiteral("2025-10-13")}, {core::payload::evidence, QCborArray{QStringLiteral("abc")}}},
          kInspector);
    QCOMPARE(c.state().status, core::CaseStatus::Inspected);
    QCOMPARE(c.state().currentInspection()->result, QStringLiteral("passed"));
    QCOMPARE(c.state().currentInspection()->evidence, QStringList{QStringLiteral("abc")});
}

void TestWorkflow::certificatesAreTrackedAndNeverReused()
{
    CaseBuilder c(QDate(2025, 3, 3));
    c.add(core::eventkind::reviewPassed, {}, kReviewer);
    c.add(core::eventkind::decisionApproved, {}, kApprover);
    c.add(core::eventkind::sealApplied, {}, kApprover);
    c.add(core::eventkind::certificateNumbered, {{core::payload::certificateNo, QStringLiteral("ZS1")}}, kCertifier);
    QVERIFY(!core::Workflow::check(WorkStep::NumberCertificate, c.state(), kCertifier, Role::CertificateOperator).isEmpty());
    QVERIFY(!core::Workflow::check(WorkStep::ReprintCertificate, c.state(), kCertifier, Role::CertificateOperator).isEmpty());
    c.add(core::eventkind::certificatePrinted, {{core::payload::certificateNo, QStringLiteral("ZS1")}}, kCertifier);
    c.add(core::eventkind::certificateReprinted,
          {{core::payload::certificateNo, QStringLiteral("ZS1")}, {core::payload::reasons, QStringLiteral("卡纸")}}, kCertifier);
    QCOMPARE(c.state().activeCertificate()->reprints, 1);
    c.add(core::eventkind::certificateVoided,
          {{core::payload::certificateNo, QStringLiteral("ZS1")}, {core::payload::reasons, QStringLiteral("错字")}}, kCertifier);
    QCOMPARE(c.state().status, core::CaseStatus::Approved);
    QVERIFY(!c.state().activeCertificate());
    QVERIFY(core::Workflow::check(WorkStep::NumberCertificate, c.state(), kCertifier, Role::CertificateOperator).isEmpty());
    c.add(core::eventkind::certificateNumbered, {{core::payload::certificateNo, QStringLiteral("ZS2")}}, kCertifier);
    QCOMPARE(c.state().activeCertificate()->number, QStringLiteral("ZS2"));
    QCOMPARE(c.state().certificates.size(), 2);
    QVERIFY(c.state().certificates.first().voided);
    QCOMPARE(core::Workflow::certificateNumber(2025, 42), QStringLiteral("ZS202500000042"));
}

void TestWorkflow::issuanceWaitsForOwedCoreMaterial()
{
    CaseBuilder c(QDate(2025, 3, 3), 5, 20, QStringLiteral("accept-deferred"));
    QVERIFY(c.state().owesCoreMaterial());
    c.add(core::eventkind::reviewPassed, {}, kReviewer);
    c.add(core::eventkind::decisionApproved, {}, kApprover);
    c.add(core::eventkind::sealApplied, {}, kApprover);
    c.add(core::eventkind::certificateNumbered, {{core::payload::certificateNo, QStringLiteral("ZS1")}}, kCertifier);
    c.add(core::eventkind::certificatePrinted, {{core::payload::certificateNo, QStringLiteral("ZS1")}}, kCertifier);
    QVERIFY(core::Workflow::check(WorkStep::IssueCertificate, c.state(), kCertifier, Role::CertificateOperator)
                .contains(QLatin1String("core material")));
    c.add(core::eventkind::materialSupplied, {{QStringLiteral("material_code"), QStringLiteral("M1")}}, kClerk);
    QVERIFY(!c.state().owesCoreMaterial());
    QVERIFY(core::Workflow::check(WorkStep::IssueCertificate, c.state(), kCertifier, Role::CertificateOperator).isEmpty());
}

void TestWorkflow::onTimeIsFixedAtCompletion()
{
    CaseBuilder c(QDate(2025, 3, 3));
    c.add(core::eventkind::reviewPassed, {}, kReviewer);
    c.add(core::eventkind::decisionRefused,
          {{core::payload::date, QStringLiteral("2025-03-05")}, {core::payload::onTime, true},
           {core::payload::withinLegal, true}, {core::payload::reasons, QStringLiteral("不符合条件")}},
          kApprover);
    QVERIFY(c.state().completed);
    QVERIFY(c.state().onTime);
    QCOMPARE(c.state().completedDate, QDate(2025, 3, 5));
    // The refusal is still sealed; nothing else happens to the case.
    QVERIFY(core::Workflow::check(WorkStep::ApplySeal, c.state(), kApprover, Role::Approver).isEmpty());
    QCOMPARE(core::Workflow::waitingRole(c.state()), Role::None);
    QVERIFY(core::Workflow::check(WorkStep::Approve, c.state(), kApprover, Role::Approver).contains(QLatin1String("completed")));
}

void TestWorkflow::refusedAtIntakeNeverReachesTheBackOffice()
{
    const CaseBuilder c(QDate(2025, 3, 3), 5, 20, QStringLiteral("refuse"));
    QCOMPARE(core::Workflow::waitingRole(c.state()), Role::None);
    QVERIFY(!core::Workflow::check(WorkStep::ReviewPass, c.state(), kReviewer, Role::Reviewer).isEmpty());
}

QTEST_GUILESS_MAIN(TestWorkflow)
#include "TestWorkflow.moc"
