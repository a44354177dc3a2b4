#pragma once

#include "NoticeDocument.h"
#include "core/CaseState.h"

namespace oneseal::print {

/**
 * The decision document of a decided case (行政许可法 art. 38): 准予行政许可决定书 when it was
 * approved, 不予行政许可决定书 with the reasons and the applicant's appeal rights when it was
 * refused. The seal goes on it, and its content hash (IntakeNotices::contentHash) is what the seal
 * register records. Always in Chinese, like every notice.
 */
class DecisionDocument
{
public:
    /** The document for \a state's decision, issued by \a bureau (the hall's name). */
    static NoticeDocument build(const core::CaseState& state, const QString& bureau,
                                const QString& matterCode = QString());
};

} // namespace oneseal::print
