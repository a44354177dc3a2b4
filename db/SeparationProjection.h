#pragma once

#include "Projection.h"
#include "core/Separation.h"

namespace oneseal::db {

/** What the separation_policy table says: the relaxation in force, who set it, when and why. */
struct SeparationPolicyRow
{
    core::SeparationPolicy policy;
    QString reasons;
    QString setBy;
    QString setAt;
};

/**
 * separation_policy: the hall's relaxation of the separations in force, folded from
 * hall.separation_relaxed events (the one with the greatest hybrid logical clock holds, whatever
 * order they arrive in). A malformed one (quarantined by admission anyway) changes nothing.
 */
class SeparationProjection final : public Projection
{
public:
    QStringList tables() const override { return {QStringLiteral("separation_policy")}; }
    bool apply(const QSqlDatabase& db, const core::Event& event, QString* error) override;

    /** The relaxation in force; nullopt while the strict rule holds. */
    static std::optional<SeparationPolicyRow> current(const QSqlDatabase& db);
};

} // namespace oneseal::db
