#pragma once

#include "core/CaseState.h"

#include <QCoreApplication>

#include <functional>

class QComboBox;
class QLabel;

namespace oneseal::ui {

/**
 * The matter a back-office dialog acts on in a bundle case (一件事): the combo lists every matter of
 * the case with where it stands; the one chosen before stays chosen while still open, otherwise the
 * first open one. Combo and label are hidden for a single-matter case.
 */
class MatterChoice
{
    Q_DECLARE_TR_FUNCTIONS(MatterChoice)

public:
    /** Fills \a combo; \a isOpen says which matters still wait for this dialog's step. */
    static void fill(QComboBox* combo, QLabel* label, const core::CaseState& state,
                     const std::function<bool(const core::MatterResult&)>& isOpen);
    /** One line for a matter: its name, its review, inspection and decision so far. */
    static QString describe(const core::MatterResult& matter);
};

} // namespace oneseal::ui
