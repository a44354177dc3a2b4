#include "CaseSummary.h"

#include "CaseListModel.h"
#include "ChecklistModel.h"

namespace oneseal::ui {

QString CaseSummary::inspectionResultText(const QString& result)
{
    if (result.isEmpty())
        return tr("scheduled");
    if (result == QLatin1String("passed"))
        return tr("passed", "site visit result");
    if (result == QLatin1String("failed"))
        return tr("failed", "site visit result");
    if (result == QLatin1String("rectification"))
        return tr("rectification required", "site visit result");
    return result.toHtmlEscaped(); // from a newer version: shown as stored
}

QString CaseSummary::dueText(const core::DeadlineResult& due)
{
    const QString date = due.due.toString(Qt::ISODate);
    return due.certain ? date : tr("%1 (uncertain: %2)").arg(date, due.note);
}

QString CaseSummary::html(const core::CaseState& s, const core::WorkCalendar& calendar)
{
    const core::CaseDeadlines due = core::Workflow::shownDeadlines(s, calendar);
    QString html = QStringLiteral("<h3>%1 — %2</h3>").arg(s.caseNo.toHtmlEscaped(), s.subjectName.toHtmlEscaped());
    html += tr("<p>Applicant: %1 (%2)</p>").arg(s.applicant.name.toHtmlEscaped(), s.applicant.idNumber.toHtmlEscaped());
    html += tr("<p>Status: <b>%1</b> · accepted %2 by %3 · promised by <b>%4</b> · legal limit %5%6</p>")
                .arg(core::displayText(s.status), s.acceptedDate.toString(Qt::ISODate), s.clerkName.toHtmlEscaped(),
                     dueText(due.promised).toHtmlEscaped(), dueText(due.legal).toHtmlEscaped(),
                     s.clockStopped() ? tr(" · <b>clock stopped</b>") : QString());
    if (!s.correctionNotes.isEmpty())
        html += tr("<p>Correction asked: %1</p>").arg(s.correctionNotes.toHtmlEscaped());
    if (!s.refusalProposal.isEmpty())
        html += tr("<p>Refusal proposed: %1</p>").arg(s.refusalProposal.toHtmlEscaped());
    if (const core::InspectionVisit* v = s.currentInspection())
        html += tr("<p>Site visit %1 by %2 (%3 case(s)): %4 %5</p>")
                    .arg(v->date.toString(Qt::ISODate), v->inspectorNames.join(QStringLiteral(", ")).toHtmlEscaped())
                    .arg(v->combinedCaseIds.size())
                    .arg(inspectionResultText(v->result), v->notes.toHtmlEscaped());
    if (s.decidedPerMatter()) {
        // Each matter of a bundle case: its own limits, decision, seal and certificate.
        html += tr("<p>Matters:</p>") + QStringLiteral("<ul>");
        for (const core::MatterResult& m : s.matterResults) {
            const core::CertificateRecord* c = m.activeCertificate();
            html += tr("<li>%1 · promised by %2 · legal limit %3 (%4 working days) · %5 · seals: %6%7</li>")
                        .arg((m.name.isEmpty() ? m.code : m.name).toHtmlEscaped(), m.promisedDue.toString(Qt::ISODate),
                             m.legalDue.toString(Qt::ISODate))
                        .arg(m.legalDays)
                        .arg(m.decision == core::Decision::None ? tr("not decided") : core::displayText(m.decision))
                        .arg(m.sealCount)
                        .arg(c ? tr(" · certificate %1 (%2)").arg(c->number, c->printed ? tr("printed") : tr("numbered"))
                               : QString());
        }
        html += QStringLiteral("</ul>");
    }
    if (s.decision != core::Decision::None)
        html += tr("<p>Decision: %1 · seals applied: %2</p>").arg(core::displayText(s.decision)).arg(s.sealsSinceDecision);
    if (const core::CertificateRecord* c = s.activeCertificate())
        html += tr("<p>Certificate %1: %2, reprinted %3 time(s)</p>")
                    .arg(c->number, c->printed ? tr("printed") : tr("numbered"))
                    .arg(c->reprints);
    html += QStringLiteral("<ol>");
    for (const core::MaterialEntry& m : s.materials)
        html += QStringLiteral("<li>%1 — %2%3</li>")
                    .arg(m.name.toHtmlEscaped(), ChecklistModel::stateName(m.state),
                         m.core && (m.state == core::MaterialState::Deferred) ? tr(" (core, owed)") : QString());
    html += QStringLiteral("</ol>");
    return html;
}

} // namespace oneseal::ui
