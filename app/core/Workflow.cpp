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
        return Hand::Decide;
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
                        const SeparationPolicy& policy)
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
    if (s.completed && step != WorkStep::ApplySeal)
        return tr("Case %1 is completed; nothing more can be done to it.").arg(s.caseNo);

    const CaseStatus st = s.status;
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
        if (s.completed && s.decision != Decision::Refused)
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
    }
    return tr("Unknown step.");
}

Role Workflow::waitingRole(const CaseState& s)
{
    if (s.inConflict())
        return Role::Supervisor;
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
    d.promised = computeDeadline(calendar, s.acceptedDate, limit(s.promisedDays, s.intakePromisedDue), pauses);
    d.legal = computeDeadline(calendar, s.acceptedDate, limit(s.legalDays, s.intakeLegalDue), pauses);
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
