#pragma once

#include "Projection.h"

namespace oneseal::db {

/**
 * paper_stock and shift_handovers (migration 0052): one row per paper.received, paper.spoiled and
 * shift.handover event (events of no case; core/PaperStock). INSERT OR REPLACE by event, so applying
 * an event twice changes nothing.
 */
class ShiftProjection final : public Projection
{
public:
    QStringList tables() const override { return { QStringLiteral("paper_stock"), QStringLiteral("shift_handovers") }; }
    bool apply(const QSqlDatabase& db, const core::Event& event, QString* error) override;
};

} // namespace oneseal::db
