#pragma once

#include "Projection.h"

namespace oneseal::db {

/**
 * seal_signatures: every signature made with the hall's seal key (certificate.signed events: which
 * certificate, which document hash, which seal key, who, where). Grants themselves are read from the
 * admitted events by db::UserDirectory, as on the hub, which keeps no projections.
 */
class SealSignatureProjection final : public Projection
{
public:
    QStringList tables() const override { return {QStringLiteral("seal_signatures")}; }
    bool apply(const QSqlDatabase& db, const core::Event& event, QString* error) override;
};

} // namespace oneseal::db
