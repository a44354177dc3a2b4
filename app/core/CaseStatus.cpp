#include "CaseStatus.h"

#include <QCoreApplication>
#include <QHash>

namespace oneseal::core {

namespace {

struct StoredStatus
{
    CaseStatus status;
    const char* text;
};

/** The one table of stored texts. */
constexpr StoredStatus kStored[] = {
    {CaseStatus::Open, "open"},
    {CaseStatus::Accepted, "accepted"},
    {CaseStatus::AwaitingMaterials, "awaiting_materials"},
    {CaseStatus::Refused, "refused"},
    {CaseStatus::Completed, "completed"},
    {CaseStatus::Reviewed, "reviewed"},
    {CaseStatus::Correction, "correction"},
    {CaseStatus::RefusalProposed, "refusal_proposed"},
    {CaseStatus::InspectionScheduled, "inspection_scheduled"},
    {CaseStatus::Inspected, "inspected"},
    {CaseStatus::InspectionFailed, "inspection_failed"},
    {CaseStatus::Rectification, "rectification"},
    {CaseStatus::Approved, "approved"},
    {CaseStatus::CertificatePrinted, "certificate_printed"},
    {CaseStatus::Conflict, "conflict"},
    {CaseStatus::Terminated, "terminated"},
    {CaseStatus::Revoked, "revoked"},
};

} // namespace

QString toStored(CaseStatus status)
{
    for (const StoredStatus& s : kStored)
        if (s.status == status)
            return QString::fromLatin1(s.text);
    return QString();
}

CaseStatus caseStatusFromStored(const QString& text)
{
    if (text.isEmpty())
        return CaseStatus::None;
    for (const StoredStatus& s : kStored)
        if (text == QLatin1String(s.text))
            return s.status;
    return CaseStatus::Unknown;
}

QString displayText(CaseStatus status)
{
    switch (status) {
    case CaseStatus::None: return QString();
    case CaseStatus::Open: return QCoreApplication::translate("CaseStatus", "open");
    case CaseStatus::Accepted: return QCoreApplication::translate("CaseStatus", "accepted");
    case CaseStatus::AwaitingMaterials:
        return QCoreApplication::translate("CaseStatus", "awaiting materials (one-time notice)");
    case CaseStatus::Refused: return QCoreApplication::translate("CaseStatus", "refused");
    case CaseStatus::Completed: return QCoreApplication::translate("CaseStatus", "completed");
    case CaseStatus::Reviewed: return QCoreApplication::translate("CaseStatus", "reviewed");
    case CaseStatus::Correction: return QCoreApplication::translate("CaseStatus", "correction requested");
    case CaseStatus::RefusalProposed: return QCoreApplication::translate("CaseStatus", "refusal proposed");
    case CaseStatus::InspectionScheduled: return QCoreApplication::translate("CaseStatus", "inspection scheduled");
    case CaseStatus::Inspected: return QCoreApplication::translate("CaseStatus", "inspected");
    case CaseStatus::InspectionFailed: return QCoreApplication::translate("CaseStatus", "inspection failed");
    case CaseStatus::Rectification: return QCoreApplication::translate("CaseStatus", "rectification (clock stopped)");
    case CaseStatus::Approved: return QCoreApplication::translate("CaseStatus", "approved");
    case CaseStatus::CertificatePrinted: return QCoreApplication::translate("CaseStatus", "certificate printed");
    case CaseStatus::Conflict: return QCoreApplication::translate("CaseStatus", "in conflict (a supervisor decides)");
    case CaseStatus::Terminated: return QCoreApplication::translate("CaseStatus", "terminated (owed material not supplied)");
    case CaseStatus::Revoked: return QCoreApplication::translate("CaseStatus", "approval revoked");
    case CaseStatus::Unknown: break;
    }
    return QCoreApplication::translate("CaseStatus", "unknown");
}

CaseStatus caseStatusAfter(CaseStatus current, const QString& kind)
{
    static const QHash<QString, CaseStatus> next{
        {QStringLiteral("intake.accepted"), CaseStatus::Accepted},
        {QStringLiteral("intake.accepted_deferred"), CaseStatus::Accepted},
        {QStringLiteral("intake.accepted_commitment"), CaseStatus::Accepted},
        {QStringLiteral("intake.notified_missing"), CaseStatus::AwaitingMaterials},
        {QStringLiteral("intake.refused"), CaseStatus::Refused},
        {QStringLiteral("intake.completed_instantly"), CaseStatus::Completed},
        {QStringLiteral("review.passed"), CaseStatus::Reviewed},
        {QStringLiteral("review.correction_requested"), CaseStatus::Correction},
        {QStringLiteral("correction.received"), CaseStatus::Accepted},
        {QStringLiteral("review.refusal_proposed"), CaseStatus::RefusalProposed},
        {QStringLiteral("inspection.scheduled"), CaseStatus::InspectionScheduled},
        {QStringLiteral("inspection.passed"), CaseStatus::Inspected},
        {QStringLiteral("inspection.failed"), CaseStatus::InspectionFailed},
        {QStringLiteral("inspection.rectification_required"), CaseStatus::Rectification},
        {QStringLiteral("inspection.rectification_closed"), CaseStatus::Inspected},
        {QStringLiteral("decision.approved"), CaseStatus::Approved},
        {QStringLiteral("decision.refused"), CaseStatus::Refused},
        {QStringLiteral("certificate.printed"), CaseStatus::CertificatePrinted},
        {QStringLiteral("certificate.voided"), CaseStatus::Approved},
        {QStringLiteral("certificate.issued"), CaseStatus::Completed},
        {QStringLiteral("decision.terminated"), CaseStatus::Terminated},
        {QStringLiteral("decision.revoked"), CaseStatus::Revoked},
    };
    const auto it = next.constFind(kind);
    if (it != next.constEnd())
        return *it;
    return current == CaseStatus::None ? CaseStatus::Open : current;
}

QString caseStatusAfter(const QString& current, const QString& kind)
{
    const CaseStatus next = caseStatusAfter(caseStatusFromStored(current), kind);
    return next == CaseStatus::Unknown ? current : toStored(next);
}

} // namespace oneseal::core
