#include "CaseStatus.h"

#include <QHash>

namespace oneseal::core {

QString caseStatusAfter(const QString& current, const QString& kind)
{
    static const QHash<QString, QString> next{
        {QStringLiteral("intake.accepted"), QStringLiteral("accepted")},
        {QStringLiteral("intake.accepted_deferred"), QStringLiteral("accepted")},
        {QStringLiteral("intake.accepted_commitment"), QStringLiteral("accepted")},
        {QStringLiteral("intake.notified_missing"), QStringLiteral("awaiting_materials")},
        {QStringLiteral("intake.refused"), QStringLiteral("refused")},
        {QStringLiteral("intake.completed_instantly"), QStringLiteral("completed")},
        {QStringLiteral("review.passed"), QStringLiteral("reviewed")},
        {QStringLiteral("review.correction_requested"), QStringLiteral("correction")},
        {QStringLiteral("correction.received"), QStringLiteral("accepted")},
        {QStringLiteral("review.refusal_proposed"), QStringLiteral("refusal_proposed")},
        {QStringLiteral("inspection.scheduled"), QStringLiteral("inspection_scheduled")},
        {QStringLiteral("inspection.passed"), QStringLiteral("inspected")},
        {QStringLiteral("inspection.failed"), QStringLiteral("inspection_failed")},
        {QStringLiteral("inspection.rectification_required"), QStringLiteral("rectification")},
        {QStringLiteral("inspection.rectification_closed"), QStringLiteral("inspected")},
        {QStringLiteral("decision.approved"), QStringLiteral("approved")},
        {QStringLiteral("decision.refused"), QStringLiteral("refused")},
        {QStringLiteral("certificate.printed"), QStringLiteral("certificate_printed")},
        {QStringLiteral("certificate.voided"), QStringLiteral("approved")},
        {QStringLiteral("certificate.issued"), QStringLiteral("completed")},
    };
    const auto it = next.constFind(kind);
    if (it != next.constEnd())
        return *it;
    return current.isEmpty() ? QStringLiteral("open") : current;
}

} // namespace oneseal::core
