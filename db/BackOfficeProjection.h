#pragma once

#include "Projection.h"

namespace oneseal::db {

/**
 * inspection_visits, seal_register, certificates: the back office's read tables, each row a direct
 * consequence of one event (inspection.*, seal.applied, certificate.*). Runs after CaseProjection so
 * that the case number is known.
 */
class BackOfficeProjection final : public Projection
{
public:
    QStringList tables() const override
    {
        return {QStringLiteral("inspection_visits"), QStringLiteral("seal_register"), QStringLiteral("certificates")};
    }
    bool apply(const QSqlDatabase& db, const core::Event& event, QString* error) override;
};

} // namespace oneseal::db
