#pragma once

#include "Projection.h"
#include "core/Conflict.h"

namespace oneseal::db {

/**
 * case_conflicts: the conflicts of each case (core::findConflicts over all of its events), open or
 * resolved. Supervisors list the open ones; the case status will show them (see docs/SYNC.md).
 */
class ConflictProjection final : public Projection
{
public:
    QStringList tables() const override { return {QStringLiteral("case_conflicts")}; }
    bool apply(const QSqlDatabase& db, const core::Event& event, QString* error) override;
    bool refoldCase(const QSqlDatabase& db, const QString& caseId, const QList<core::Event>& events,
                    QString* error) override;

    /** The conflicts stored for a case. */
    static QList<core::CaseConflict> conflictsOf(const QSqlDatabase& db, const QString& caseId);
    /** Case ids with an open conflict, in id order. */
    static QStringList casesInConflict(const QSqlDatabase& db);

private:
    static bool write(const QSqlDatabase& db, const QString& caseId, const QList<core::CaseConflict>& conflicts,
                      QString* error);
};

} // namespace oneseal::db
