#pragma once

#include <QString>

namespace oneseal::core {

/** The approver's decision on a case (审批), as the fold of decision.approved / decision.refused gives it. */
enum class Decision {
    None,     ///< not decided yet
    Approved, ///< 准予行政许可
    Refused,  ///< 不予行政许可
    Terminated, ///< 终止办理 (an owed material was not supplied in time)
    Revoked,  ///< 撤销行政许可 (after approval: a false pledge, an owed material not supplied)
    Unknown,  ///< stored text this version does not know
};

/** The stored text: "approved", "refused"; empty for None and Unknown. */
QString toStored(Decision decision);
/** The decision of a stored text; empty text is None, any other unknown text Unknown. */
Decision decisionFromStored(const QString& text);
/** The translated text shown to people; empty for None. */
QString displayText(Decision decision);

} // namespace oneseal::core
