#pragma once

#include "core/CaseState.h"
#include "core/WorkCalendar.h"
#include "core/Workflow.h"

#include <QCoreApplication>

namespace oneseal::ui {

/** The short HTML description of a case the back-office dialogs show at their top. */
class CaseSummary
{
    Q_DECLARE_TR_FUNCTIONS(CaseSummary)

public:
    /** With each due date counted and marked under \a calendar (core::Workflow::shownDeadlines()). */
    static QString html(const core::CaseState& state, const core::WorkCalendar& calendar);
    /** A due date as shown: "YYYY-MM-DD", marked " (uncertain: why)" when it needs a missing calendar year. */
    static QString dueText(const core::DeadlineResult& due);
    /** A site visit's stored result ("passed", "failed", "rectification") in the user's language. */
    static QString inspectionResultText(const QString& result);
};

} // namespace oneseal::ui
