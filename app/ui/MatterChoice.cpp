#include "MatterChoice.h"

#include <QComboBox>
#include <QLabel>
#include <QSignalBlocker>

namespace oneseal::ui {

QString MatterChoice::describe(const core::MatterResult& m)
{
    QStringList parts;
    switch (m.review) {
    case core::MatterResult::Review::None: parts << tr("not reviewed"); break;
    case core::MatterResult::Review::Passed: parts << tr("review passed"); break;
    case core::MatterResult::Review::RefusalProposed: parts << tr("refusal proposed"); break;
    }
    if (m.inspection == QLatin1String("scheduled"))
        parts << tr("visit scheduled");
    else if (m.inspection == QLatin1String("passed"))
        parts << tr("inspection passed");
    else if (m.inspection == QLatin1String("failed"))
        parts << tr("inspection failed");
    else if (m.inspection == QLatin1String("rectification"))
        parts << tr("rectification open");
    else if (m.review == core::MatterResult::Review::Passed && m.inspectionRequired)
        parts << tr("waits for a visit");
    if (m.decision != core::Decision::None)
        parts << core::displayText(m.decision);
    return tr("%1 — %2").arg(m.name.isEmpty() ? m.code : m.name, parts.join(QStringLiteral(", ")));
}

void MatterChoice::fill(QComboBox* combo, QLabel* label, const core::CaseState& state,
                        const std::function<bool(const core::MatterResult&)>& isOpen)
{
    const QSignalBlocker blocker(combo);
    const QString chosen = combo->currentData().toString();
    combo->clear();
    int firstOpen = -1;
    int chosenOpen = -1;
    if (state.decidedPerMatter())
        for (const core::MatterResult& m : state.matterResults) {
            combo->addItem(describe(m), m.code);
            if (isOpen(m)) {
                if (firstOpen < 0)
                    firstOpen = combo->count() - 1;
                if (m.code == chosen)
                    chosenOpen = combo->count() - 1;
            }
        }
    combo->setCurrentIndex(chosenOpen >= 0 ? chosenOpen : std::max(0, firstOpen));
    combo->setVisible(state.decidedPerMatter());
    label->setVisible(state.decidedPerMatter());
}

} // namespace oneseal::ui
