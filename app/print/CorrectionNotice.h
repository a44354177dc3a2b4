#pragma once

#include "NoticeDocument.h"
#include "core/CaseState.h"

namespace oneseal::print {

/**
 * The correction notice (补正材料通知书) of a case returned for correction at review: what the
 * applicant must bring (one numbered item per line of the reviewer's notes) and that the time limit
 * stands still meanwhile. Always in Chinese, like every notice.
 */
class CorrectionNotice
{
public:
    /** The notice for \a state's latest correction request, issued by \a bureau on \a date. */
    static NoticeDocument build(const core::CaseState& state, const QString& bureau, const QDate& date);
};

} // namespace oneseal::print
