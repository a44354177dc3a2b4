#pragma once

#include "core/CaseState.h"

#include <QCoreApplication>

namespace oneseal::ui {

/** The short HTML description of a case the back-office dialogs show at their top. */
class CaseSummary
{
    Q_DECLARE_TR_FUNCTIONS(CaseSummary)

public:
    static QString html(const core::CaseState& state);
    /** A site visit's stored result ("passed", "failed", "rectification") in the user's language. */
    static QString inspectionResultText(const QString& result);
};

} // namespace oneseal::ui
