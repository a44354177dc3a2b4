#include "Workflow.h"

#include "CaseNumber.h"

#include <QSet>

namespace oneseal::core {

namespace {
    constexpr CaseStatus kAccepted = CaseStatus::Accepted;
    constexpr CaseStatus kCorrection = CaseStatus::Correction;
    constexpr CaseStatus kReviewed = CaseStatus::Reviewed;
    constexpr CaseStatus kRefusalProposed = CaseStatus::RefusalProposed;
    constexpr CaseStatus kInspectionScheduled = CaseStatus::InspectionScheduled;
    constexpr CaseStatus kInspected = CaseStatus::Inspected;
    constexpr CaseStatus kInspectionFailed = CaseStatus::InspectionFailed;
    constexpr CaseStatus kRectification = CaseStatus::Rectification;
    constexpr CaseStatus kApproved = CaseStatus::Approved;
    constexpr CaseStatus kCertificatePrinted = CaseStatus::CertificatePrinted;

    /** Whether a back-office step can start at all: the case was accepted into the back office. */
    bool inBackOffice(const CaseState& s)
    {
        return !s.caseId.isEmpty() && s.acceptedDate.isValid()
            && (s.outcome == outcomeKey(IntakeOutcome::Accept) || s.outcome == outcomeKey(IntakeOutcome::AcceptDeferred)
                || s.outcome == outcomeKey(IntakeOutcome::AcceptCommitment));
    }
} // namespace

Action Workflow::actionFor(WorkStep step)
{
    switch (step) {
    case WorkStep::ReviewPass:
    case WorkStep::RequestCorrection:
    case WorkStep::ReceiveCorrection:
    case WorkStep::ProposeRefusal:
        return Action::ReviewCase;
    case WorkStep::ScheduleInspection:
    case WorkStep::RecordInspection:
    case WorkStep::RequireRectification:
    case WorkStep::CloseRectification:
        return Action::InspectSite;
    case WorkStep::Approve:
    case WorkStep::Refuse:
        return Action::DecideCase;
    case WorkStep::ApplySeal: return Action::ApplySeal;
    case WorkStep::NumberCertificate:
    case WorkStep::PrintCertificate:
    case WorkStep::ReprintCertificate:
    case WorkStep::VoidCertificate:
        return Action::PrintCertificate;
    case WorkStep::IssueCertificate: return Action::IssueCertificate;
    case WorkStep::StopClock:
    case WorkStep::ResumeClock:
        return Action::StopClock;
    case WorkStep::Extend:
    case WorkStep::Terminate:
    case WorkStep::Revoke:
        return Action::DecideCase;
    case WorkStep::VerifyPledge: return Action::VerifyPledge;
    }
    return Action::ViewAudit;
}

std::optional<Hand> Workflow::handFor(WorkStep step)
{
    switch (step) {
    case WorkStep::ReviewPass:
    case WorkStep::RequestCorrection:
    case WorkStep::ProposeRefusal:
        return Hand::Review;
    case WorkStep::ReceiveCorrection:
        return std::nullopt; // correction.received: the materials arriving, whoever records it
    case WorkStep::ScheduleInspection:
    case WorkStep::RecordInspection:
    case WorkStep::RequireRectification:
    case WorkStep::CloseRectification:
        return Hand::Inspect;
    case WorkStep::Approve:
    case WorkStep::Refuse:
    case WorkStep::ApplySeal:
    case WorkStep::Extend:    // decision.extended
    case WorkStep::Terminate: // decision.terminated
    case WorkStep::Revoke:    // decision.revoked
        return Hand::Decide;
    case WorkStep::StopClock:
    case WorkStep::ResumeClock:
    case WorkStep::VerifyPledge:
        return std::nullopt; // clock.*, verification.*: no hand of their own (core::handOfKind)
    case WorkStep::NumberCertificate:
    case WorkStep::PrintCertificate:
    case WorkStep::ReprintCertificate:
    case WorkStep::VoidCertificate:
    case WorkStep::IssueCertificate:
        return Hand::Issue;
    }
    return std::nullopt;
}

QString Workflow::check(WorkStep step, const CaseState& s, const QString& userId, Roles roles,
                        const SeparationPolicy& policy, const QString& matterCode)
{
    if (!mayPerform(roles, actionFor(step)))
        return tr("Your role does not allow this. Ask a colleague who holds the right role, or the hall administrator.");
    if (!inBackOffice(s))
        return tr("This case was not accepted, so it does not go to the back office.");
    const auto hand = handFor(step);
    if (!userId.isEmpty() && userId == s.acceptedBy && (!hand || !policy.allows(Hand::Accept, *hand)))
        return tr("You accepted case %1 at the window. Intake, review, inspection, decision and issuance are "
                  "separate hands: a colleague must do this.")
            .arg(s.caseNo);
    if (hand)
        if (QString v = Separation::check(*hand, userId, s.hands, policy, s.caseNo); !v.isEmpty())
            return v;
    if (s.inConflict())
        return tr("Case %1 is in conflict: two workstations recorded contradictory steps while apart. A "
                  "supervisor must resolve it first.")
            .arg(s.caseNo);
    // After completion only a revocation (and its seal) or the later check of a pledge remain.
    const bool afterCompletion = step == WorkStep::ApplySeal || step == WorkStep::Revoke || step == WorkStep::VerifyPledge;
    if (s.completed && !afterCompletion)
        return tr("Case %1 is completed; nothing more can be done to it.").arg(s.caseNo);
    if (s.clockStop && step != WorkStep::ResumeClock && step != WorkStep::Terminate)
        return tr("The clock of case %1 stands still for %2; record its end first.")
            .arg(s.caseNo, displayText(*s.clockStop));

    const CaseStatus st = s.status;
    // A bundle is reviewed and inspected matter by matter (a combined visit: each of its matters).
    switch (step) {
    case WorkStep::ReviewPass:
    case WorkStep::ProposeRefusal:
    case WorkStep::ScheduleInspection:
    case WorkStep::RecordInspection:
    case WorkStep::RequireRectification:
    case WorkStep::CloseRectification:
        if (s.decidedPerMatter()) {
            if (matterCode.isEmpty())
                return tr("Case %1 is a bundle: choose the matter this step is about.").arg(s.caseNo);
            return checkMatter(step, s, matterCode);
        }
        break;
    case WorkStep::ReprintCertificate:
    case WorkStep::VoidCertificate:
        // One certificate per matter: say whose (older whole-case certificates are in every matter).
        if (s.decidedPerMatter() && matterCode.isEmpty())
            return tr("Case %1 has one certificate per matter: choose the matter whose certificate this is.")
                .arg(s.caseNo);
        break;
    default:
        break;
    }
    if (!matterCode.isEmpty() || (s.decidedPerMatter() && step == WorkStep::IssueCertificate)) {
        switch (step) {
        case WorkStep::Approve:
        case WorkStep::Refuse:
            if (const MatterResult* m = s.matterResult(matterCode); m && m->decision != Decision::None)
                return tr("The matter %1 of case %2 has already been decided.").arg(m->name, s.caseNo);
            break; // and the case must be ready for a decision, below
        case WorkStep::ApplySeal:
        case WorkStep::NumberCertificate:
        case WorkStep::PrintCertificate:
        case WorkStep::ReprintCertificate:
        case WorkStep::VoidCertificate:
        case WorkStep::IssueCertificate:
            return checkMatter(step, s, matterCode);
        default:
            break;
        }
        if (QString v = checkMatter(step, s, matterCode); !v.isEmpty())
            return v;
        if (s.decidedPerMatter() && (step == WorkStep::Approve || step == WorkStep::Refuse)) {
            // Each matter on its own review (and inspection when it needs one).
            const MatterResult* m = s.matterResult(matterCode);
            const QString name = m->name.isEmpty() ? m->code : m->name;
            if (st == kCorrection)
                return tr("Case %1 waits for corrected materials; record their arrival first.").arg(s.caseNo);
            if (m->review == MatterResult::Review::None)
                return tr("The matter %1 of case %2 has not been reviewed yet.").arg(name, s.caseNo);
            if (step == WorkStep::Refuse)
                return QString();
            if (m->review == MatterResult::Review::RefusalProposed)
                return tr("Refusal of %1 (case %2) was proposed at review; it cannot be approved.").arg(name, s.caseNo);
            if (m->inspection == QLatin1String("failed"))
                return tr("%1 (case %2) failed its site inspection; it cannot be approved.").arg(name, s.caseNo);
            if (!m->readyToApprove())
                return tr("%1 (case %2) needs a passed site inspection before it can be approved.").arg(name, s.caseNo);
            return QString();
        }
        if (step == WorkStep::Approve && s.decision == Decision::None
            && (st == kInspected || (st == kReviewed && !s.inspectionRequired)))
            return QString();
        if (step == WorkStep::Refuse && s.decision == Decision::None
            && (st == kReviewed || st == kInspected || st == kInspectionFailed || st == kRefusalProposed))
            return QString();
    }
    const CertificateRecord* cert = s.activeCertificate();
    switch (step) {
    case WorkStep::ReviewPass:
    case WorkStep::RequestCorrection:
    case WorkStep::ProposeRefusal:
        if (st == kCorrection)
            return tr("Case %1 waits for corrected materials; record their arrival first.").arg(s.caseNo);
        if (st != kAccepted)
            return tr("Case %1 has already been reviewed.").arg(s.caseNo);
        return QString();
    case WorkStep::ReceiveCorrection:
        if (st != kCorrection)
            return tr("No correction was requested for case %1.").arg(s.caseNo);
        return QString();
    case WorkStep::ScheduleInspection:
        if ((st == kReviewed && s.inspectionRequired) || st == kInspectionFailed)
            return QString();
        if (st == kAccepted || st == kCorrection)
            return tr("Case %1 has not passed review yet.").arg(s.caseNo);
        if (st == kInspectionScheduled)
            return tr("A visit is already scheduled for case %1.").arg(s.caseNo);
        return tr("Case %1 does not wait for a site inspection.").arg(s.caseNo);
    case WorkStep::RecordInspection:
    case WorkStep::RequireRectification:
        if (st != kInspectionScheduled)
            return tr("No site visit of case %1 is waiting for its result.").arg(s.caseNo);
        return QString();
    case WorkStep::CloseRectification:
        if (st != kRectification)
            return tr("No rectification of case %1 is open.").arg(s.caseNo);
        return QString();
    case WorkStep::Approve:
        if (st == kInspected || (st == kReviewed && !s.inspectionRequired))
            return QString();
        if (st == kReviewed || st == kInspectionScheduled || st == kRectification)
            return tr("Case %1 needs a passed site inspection before it can be approved.").arg(s.caseNo);
        if (st == kRefusalProposed || st == kInspectionFailed)
            return tr("Case %1 was proposed for refusal or failed its inspection; it cannot be approved.").arg(s.caseNo);
        if (s.decision != Decision::None)
            return tr("Case %1 has already been decided.").arg(s.caseNo);
        return tr("Case %1 has not passed review yet.").arg(s.caseNo);
    case WorkStep::Refuse:
        if (st == kReviewed || st == kInspected || st == kInspectionFailed || st == kRefusalProposed)
            return QString();
        if (s.decision != Decision::None)
            return tr("Case %1 has already been decided.").arg(s.caseNo);
        return tr("Case %1 is not ready for a decision.").arg(s.caseNo);
    case WorkStep::ApplySeal:
        if (s.decision == Decision::None)
            return tr("Case %1 has no decision to seal yet.").arg(s.caseNo);
        if (s.completed && s.decision != Decision::Refused && s.decision != Decision::Terminated
            && s.decision != Decision::Revoked)
            return tr("Case %1 is completed; nothing more can be done to it.").arg(s.caseNo);
        return QString();
    case WorkStep::NumberCertificate:
        if (st != kApproved)
            return s.decision == Decision::None ? tr("Case %1 has not been approved.").arg(s.caseNo)
                                        : tr("Case %1 already has a certificate printed.").arg(s.caseNo);
        if (s.sealsSinceDecision == 0)
            return tr("The approval of case %1 has not been sealed yet.").arg(s.caseNo);
        if (cert && !cert->printed)
            return tr("Certificate %1 is numbered but not printed yet; print it or void it.").arg(cert->number);
        return QString();
    case WorkStep::PrintCertificate:
        if (!cert || cert->printed || st != kApproved)
            return tr("Take a new certificate number for case %1 first.").arg(s.caseNo);
        return QString();
    case WorkStep::ReprintCertificate:
        if (!cert || !cert->printed)
            return tr("Case %1 has no printed certificate to print again.").arg(s.caseNo);
        return QString();
    case WorkStep::VoidCertificate:
        if (!cert)
            return tr("Case %1 has no certificate to void.").arg(s.caseNo);
        return QString();
    case WorkStep::IssueCertificate:
        if (!cert || !cert->printed || st != kCertificatePrinted)
            return tr("Case %1 has no printed certificate to hand over.").arg(s.caseNo);
        if (s.owesCoreMaterial())
            return tr("A core material of case %1 is still owed (容缺); the certificate is issued only once it "
                      "is supplied.")
                .arg(s.caseNo);
        return QString();
    case WorkStep::StopClock:
        if (s.decision != Decision::None)
            return tr("Case %1 has already been decided.").arg(s.caseNo);
        if (s.clockStopped())
            return tr("The clock of case %1 already stands still.").arg(s.caseNo);
        return QString();
    case WorkStep::ResumeClock:
        if (!s.clockStop)
            return tr("The clock of case %1 is not stopped for a hearing, testing or expert review.").arg(s.caseNo);
        return QString();
    case WorkStep::Extend:
        if (s.decision != Decision::None)
            return tr("Case %1 has already been decided.").arg(s.caseNo);
        if (s.clockStopped())
            return tr("The clock of case %1 stands still; extend it once it runs again.").arg(s.caseNo);
        if (s.extensionDays >= kMaxExtensionDays)
            return tr("The time limit of case %1 was already extended by %2 working days, the most the law allows.")
                .arg(s.caseNo)
                .arg(kMaxExtensionDays);
        return QString();
    case WorkStep::Terminate:
        // An approval whose licence is not printed may be terminated too, where the catalog says so (checkLapse).
        if (s.decision != Decision::None && (s.decision != Decision::Approved || s.activeCertificate()))
            return tr("Case %1 has already been decided; an approval is revoked, not terminated.").arg(s.caseNo);
        return QString();
    case WorkStep::Revoke:
        if (s.decision != Decision::Approved)
            return tr("Case %1 holds no approval to revoke.").arg(s.caseNo);
        return QString();
    case WorkStep::VerifyPledge:
        if (!s.pledgeBased() || s.decision != Decision::Approved)
            return tr("Case %1 is not an approval on a pledge (告知承诺).").arg(s.caseNo);
        if (s.verification != PledgeCheck::Pending && s.verification != PledgeCheck::Rectification)
            return tr("The pledge of case %1 has already been checked.").arg(s.caseNo);
        return QString();
    }
    return tr("Unknown step.");
}

QString Workflow::checkMatter(WorkStep step, const CaseState& s, const QString& matterCode)
{
    if (step == WorkStep::IssueCertificate) {
        // The holder collects every licence of the case at once.
        for (const MatterResult& m : s.matterResults)
            if (m.decision == Decision::Approved && (!m.activeCertificate() || !m.activeCertificate()->printed))
                return tr("The certificate of %1 (case %2) is not printed yet; every licence of the case is handed over "
                          "together.")
                    .arg(m.name.isEmpty() ? m.code : m.name, s.caseNo);
        if (s.decision != Decision::Approved)
            return tr("Case %1 has no printed certificate to hand over.").arg(s.caseNo);
        if (s.owesCoreMaterial())
            return tr("A core material of case %1 is still owed (容缺); the certificate is issued only once it "
                      "is supplied.")
                .arg(s.caseNo);
        return QString();
    }
    const MatterResult* m = s.matterResult(matterCode);
    if (!m)
        return tr("%1 is not a matter of case %2.").arg(matterCode.left(40), s.caseNo);
    const QString name = m->name.isEmpty() ? m->code : m->name;
    const CertificateRecord* cert = m->activeCertificate();
    switch (step) {
    case WorkStep::Approve:
        if (const MatterResult* pre = s.refusedPrecondition(); pre && pre != m)
            return tr("%1 was refused and is a precondition of the other matters of case %2: %3 can only be refused.")
                .arg(pre->name.isEmpty() ? pre->code : pre->name, s.caseNo, name);
        return QString();
    case WorkStep::Refuse:
        return QString();
    case WorkStep::ReviewPass:
    case WorkStep::ProposeRefusal:
        if (s.status == CaseStatus::Correction)
            return tr("Case %1 waits for corrected materials; record their arrival first.").arg(s.caseNo);
        if (m->decision != Decision::None)
            return tr("The matter %1 of case %2 has already been decided.").arg(name, s.caseNo);
        if (m->review != MatterResult::Review::None)
            return tr("The matter %1 of case %2 has already been reviewed.").arg(name, s.caseNo);
        return QString();
    case WorkStep::ScheduleInspection:
        if (m->decision != Decision::None)
            return tr("The matter %1 of case %2 has already been decided.").arg(name, s.caseNo);
        if (m->review != MatterResult::Review::Passed)
            return tr("%1 (case %2) has not passed review yet.").arg(name, s.caseNo);
        if (!m->inspectionRequired)
            return tr("%1 (case %2) needs no site inspection.").arg(name, s.caseNo);
        if (m->inspection == QLatin1String("scheduled"))
            return tr("A visit is already scheduled for %1 (case %2).").arg(name, s.caseNo);
        if (!m->awaitsInspection())
            return tr("%1 (case %2) does not wait for a site inspection.").arg(name, s.caseNo);
        return QString();
    case WorkStep::RecordInspection:
    case WorkStep::RequireRectification:
        if (m->inspection != QLatin1String("scheduled"))
            return tr("No site visit of %1 (case %2) is waiting for its result.").arg(name, s.caseNo);
        if (step == WorkStep::RequireRectification && s.clockStopped())
            return tr("The clock of case %1 already stands still.").arg(s.caseNo);
        return QString();
    case WorkStep::CloseRectification:
        if (m->inspection != QLatin1String("rectification"))
            return tr("No rectification of %1 (case %2) is open.").arg(name, s.caseNo);
        return QString();
    case WorkStep::ApplySeal:
        if (m->decision == Decision::None)
            return tr("The matter %1 of case %2 has no decision to seal yet.").arg(name, s.caseNo);
        return QString();
    case WorkStep::NumberCertificate:
        if (m->decision != Decision::Approved)
            return tr("The matter %1 of case %2 has not been approved.").arg(name, s.caseNo);
        if (s.decision == Decision::None)
            return tr("Every matter of case %1 must be decided before its certificates are made.").arg(s.caseNo);
        if (m->sealsSinceDecision == 0)
            return tr("The approval of %1 (case %2) has not been sealed yet.").arg(name, s.caseNo);
        if (cert && !cert->printed)
            return tr("Certificate %1 is numbered but not printed yet; print it or void it.").arg(cert->number);
        if (cert)
            return tr("The certificate of %1 (case %2) is already printed.").arg(name, s.caseNo);
        if (s.completed)
            return tr("Case %1 is completed; nothing more can be done to it.").arg(s.caseNo);
        return QString();
    case WorkStep::PrintCertificate:
        if (!cert || cert->printed)
            return tr("Take a new certificate number for %1 (case %2) first.").arg(name, s.caseNo);
        return QString();
    case WorkStep::ReprintCertificate:
        if (!cert || !cert->printed)
            return tr("%1 (case %2) has no printed certificate to print again.").arg(name, s.caseNo);
        return QString();
    case WorkStep::VoidCertificate:
        if (!cert)
            return tr("%1 (case %2) has no certificate to void.").arg(name, s.caseNo);
        return QString();
    default:
        return QString();
    }
}

CaseDeadlines Workflow::matterDeadlines(const CaseState& s, const MatterResult& m, const WorkCalendar& calendar)
{
    CaseState one = s;
    one.promisedDays = m.promisedDays;
    one.legalDays = m.legalDays;
    one.intakePromisedDue = m.promisedDue;
    one.intakeLegalDue = m.legalDue;
    return deadlines(one, calendar);
}

Role Workflow::waitingRole(const CaseState& s)
{
    if (s.inConflict())
        return Role::Supervisor;
    if (inBackOffice(s) && s.verification == PledgeCheck::Failed && s.decision == Decision::Approved)
        return Role::Approver; // a false pledge: the approver revokes
    if (!inBackOffice(s) || s.completed)
        return Role::None;
    const CaseStatus st = s.status;
    if (st == kAccepted || st == kCorrection)
        return Role::Reviewer;
    if (st == kReviewed)
        return s.inspectionRequired ? Role::Inspector : Role::Approver;
    if (st == kInspectionScheduled || st == kRectification)
        return Role::Inspector;
    if (st == kInspected || st == kInspectionFailed || st == kRefusalProposed)
        return Role::Approver;
    if (st == kApproved && s.decidedPerMatter())
        for (const MatterResult& m : s.matterResults)
            if (m.decision != Decision::None && m.sealsSinceDecision == 0)
                return Role::Approver;
    if (st == kApproved)
        return s.sealsSinceDecision == 0 ? Role::Approver : Role::CertificateOperator;
    if (st == kCertificatePrinted)
        return Role::CertificateOperator;
    return Role::None;
}

QString Workflow::checkReasons(const QString& text, bool required, const QString& what)
{
    const QString t = text.trimmed();
    if (required && t.isEmpty())
        return tr("Give the %1.").arg(what);
    if (t.size() > kMaxReasonsLength)
        return tr("The %1 may be at most %2 characters long.").arg(what).arg(kMaxReasonsLength);
    for (const QChar c : t)
        if (c.category() == QChar::Other_Control && c != QLatin1Char('\n') && c != QLatin1Char('\t')
            && c != QLatin1Char('\r'))
            return tr("The %1 contain a control character; type them again.").arg(what);
    return QString();
}

QString Workflow::checkInspectors(const QStringList& inspectorIds, const QString& acceptedBy)
{
    QSet<QString> distinct;
    for (const QString& id : inspectorIds)
        if (!id.trimmed().isEmpty())
            distinct.insert(id.trimmed());
    if (distinct.size() < 2)
        return tr("A site inspection needs at least two different inspectors (Administrative Licensing Law, art. 34).");
    if (distinct.size() != inspectorIds.size())
        return tr("Each inspector may be named once.");
    if (!acceptedBy.isEmpty() && distinct.contains(acceptedBy))
        return tr("The clerk who accepted the case may not inspect it.");
    return QString();
}

CaseDeadlines Workflow::deadlines(const CaseState& s, const WorkCalendar& calendar, const QList<ClockPause>& extraPauses)
{
    QList<ClockPause> pauses = s.pauses;
    pauses += extraPauses;
    auto limit = [&](double days, const QDate& intakeDue) -> double {
        if (days >= 0)
            return days;
        if (const auto n = workingDaysBetween(calendar, s.acceptedDate, intakeDue))
            return std::max(0, *n);
        return -1; // computeDeadline() says what is wrong
    };
    CaseDeadlines d;
    // An extension (art. 42) adds its working days to both limits.
    auto extended = [&](double days) { return days >= 0 ? days + s.extensionDays : days; };
    d.promised = computeDeadline(calendar, s.acceptedDate, extended(limit(s.promisedDays, s.intakePromisedDue)), pauses);
    d.legal = computeDeadline(calendar, s.acceptedDate, extended(limit(s.legalDays, s.intakeLegalDue)), pauses);
    return d;
}

WorkStep Workflow::lapseStep(const CaseState& s, OwedLapse rule)
{
    if (s.decision != Decision::Approved)
        return WorkStep::Terminate;
    return rule == OwedLapse::Terminate && !s.activeCertificate() ? WorkStep::Terminate : WorkStep::Revoke;
}

QString Workflow::checkLapse(WorkStep step, const CaseState& s, const QDate& today, OwedLapse rule)
{
    if (step == WorkStep::Revoke && s.verification == PledgeCheck::Failed)
        return QString(); // a false pledge is reason enough
    const QList<MaterialEntry> overdue = s.overdueMaterials(today);
    if (overdue.isEmpty())
        return tr("No owed material of case %1 is overdue.").arg(s.caseNo);
    const WorkStep due = lapseStep(s, rule);
    if (step == WorkStep::Terminate && due == WorkStep::Revoke)
        return rule == OwedLapse::Terminate
            ? tr("A licence of case %1 is printed: revoke the approval instead of terminating the case.").arg(s.caseNo)
            : tr("Case %1 was approved: revoke the approval instead of terminating the case.").arg(s.caseNo);
    if (step == WorkStep::Revoke && due == WorkStep::Terminate)
        return s.decision == Decision::Approved
            ? tr("The catalog ends case %1 by termination when an owed material is overdue: terminate the case "
                 "instead of revoking the approval.")
                  .arg(s.caseNo)
            : tr("Case %1 was not approved: terminate the case instead.").arg(s.caseNo);
    return QString();
}

QDate Workflow::verificationDue(const CaseState& s, const WorkCalendar& calendar, const QDate& decided, int checkDays)
{
    if (!s.pledgeBased() || !decided.isValid() || checkDays <= 0)
        return QDate();
    return computeDeadline(calendar, decided, checkDays).due;
}

CaseDeadlines Workflow::shownDeadlines(const CaseState& s, const WorkCalendar& calendar)
{
    const CaseDeadlines now = s.deadlineCertain ? CaseDeadlines() : deadlines(s, calendar);
    auto shown = [&](const QDate& stored, const DeadlineResult& counted) {
        if (!s.deadlineCertain && counted.due.isValid())
            return counted;
        return dueDateCertainty(calendar, s.acceptedDate, stored);
    };
    CaseDeadlines d;
    d.promised = shown(s.promisedDue, now.promised);
    d.legal = shown(s.legalDue, now.legal);
    return d;
}

ClockPause Workflow::pauseFrom(const QDate& day, const QString& reason)
{
    return {day.addDays(1), QDate(), reason};
}

QString Workflow::certificateNumber(int year, qint64 serial)
{
    return numbering::format(QStringLiteral("ZS"), year, serial);
}

} // namespace oneseal::core
