#pragma once

#include <QString>

namespace oneseal::core {

/**
 * The coarse status of a case (CaseState::status, the status columns of the cases and
 * case_summary projections). caseStatusAfter() is the one place that says which event leads to
 * which status.
 */
enum class CaseStatus {
    None,                ///< no event yet
    Open,                ///< events, but none that sets a status
    Accepted,            ///< 受理 (also after a correction arrived)
    AwaitingMaterials,   ///< one-time notice of missing materials (一次性告知)
    Refused,             ///< refused at intake or by decision
    Completed,           ///< 办结
    Reviewed,            ///< 审查 passed
    Correction,          ///< 补正 requested; the clock stands still
    RefusalProposed,     ///< the reviewer proposed a refusal
    InspectionScheduled, ///< 勘验 scheduled
    Inspected,           ///< inspection passed (or rectification closed)
    InspectionFailed,
    Rectification,       ///< 限期整改; the clock stands still
    Approved,            ///< 准予 (also after a certificate was voided)
    CertificatePrinted,
    Conflict,            ///< workstations disagreed; a supervisor decides
    Terminated,          ///< 终止办理: an owed material (容缺) was not supplied in time
    Revoked,             ///< 撤销: the approval was withdrawn (false pledge, owed material not supplied)
    Unknown,             ///< stored text this version does not know
};

/** The stored text ("accepted", "awaiting_materials" ...); empty for None and Unknown. */
QString toStored(CaseStatus status);
/** The status of a stored text; empty text is None, any other unknown text Unknown. */
CaseStatus caseStatusFromStored(const QString& text);
/** The translated text shown to people ("correction requested"); empty for None. */
QString displayText(CaseStatus status);

/**
 * The status of a case after one more event of the given kind. Unknown kinds keep the status; a
 * first event opens the case.
 */
CaseStatus caseStatusAfter(CaseStatus current, const QString& kind);
/**
 * The same on stored texts (for projections folding rows): a status text this version does not
 * know is kept as it is when the kind does not set one.
 */
QString caseStatusAfter(const QString& current, const QString& kind);

} // namespace oneseal::core
