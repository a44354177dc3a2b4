#pragma once

#include "core/Event.h"

#include <QSqlDatabase>
#include <QStringList>

namespace oneseal::db {

/**
 * A current-state table kept as a deterministic fold of events. apply() runs inside the
 * transaction that appends the event; rebuilding clears tables() and applies every event again.
 */
class Projection
{
public:
    virtual ~Projection() = default;
    virtual QStringList tables() const = 0;
    virtual bool apply(const QSqlDatabase& db, const core::Event& event, QString* error) = 0;
};

/** case_summary: status, event count and last activity of each case. */
class CaseSummaryProjection final : public Projection
{
public:
    QStringList tables() const override { return {QStringLiteral("case_summary")}; }
    bool apply(const QSqlDatabase& db, const core::Event& event, QString* error) override;
};

} // namespace oneseal::db
