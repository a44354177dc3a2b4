#pragma once

#include "NoticeDocument.h"
#include "core/CaseState.h"

namespace oneseal::print {

/**
 * The written notices of a case's later life, filled from the case (docs/DOMAIN.md): the receipt
 * for an owed material handed in (容缺材料补交回执), the notice of a stopped clock (听证告知书,
 * 检验检测鉴定告知书, 专家评审告知书; art. 45 wants the applicant told in writing) and the notice of
 * an extension (延期通知书, art. 42). Always in Chinese, like every notice.
 */
class CaseLifeNotices
{
public:
    /** The receipt for the owed material \a materialCode of \a state, handed in on \a date. */
    static NoticeDocument materialReceipt(const core::CaseState& state, const QString& materialCode,
                                          const QString& bureau, const QDate& date);
    /** The notice of the clock stop open in \a state (or of its last pause). */
    static NoticeDocument clockStopNotice(const core::CaseState& state, const QString& bureau, const QDate& date);
    /** The notice of the case's extension: the days, the reasons and the new due date. */
    static NoticeDocument extensionNotice(const core::CaseState& state, const QString& bureau, const QDate& date);
};

} // namespace oneseal::print
