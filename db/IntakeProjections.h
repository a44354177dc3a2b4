#pragma once

#include "Projection.h"

namespace oneseal::db {

/**
 * applicants: the latest registration of each applicant (events applicant.registered and intake.*).
 * The latest wins by (HLC, applicant id), also across applicants with the same ID number (registered
 * at two workstations while apart), so the table does not depend on the order events arrive in.
 */
class ApplicantProjection final : public Projection
{
public:
    QStringList tables() const override { return {QStringLiteral("applicants")}; }
    bool apply(const QSqlDatabase& db, const core::Event& event, QString* error) override;
};

/** cases, case_materials, case_attachments: the fold of each case's events (core::CaseState). */
class CaseProjection final : public Projection
{
public:
    QStringList tables() const override
    {
        return {QStringLiteral("cases"), QStringLiteral("case_materials"), QStringLiteral("case_attachments")};
    }
    bool apply(const QSqlDatabase& db, const core::Event& event, QString* error) override;
    /** apply() already folds every event of the case, so once is enough. */
    bool refoldCase(const QSqlDatabase& db, const QString& caseId, const QList<core::Event>& events,
                    QString* error) override;
    bool foldsWholeCase() const override { return true; }
    /** Reads the events and the rows of all the cases at once, then writes what changed per case. */
    bool foldCases(const QSqlDatabase& db, const QList<core::Event>& lastOfEachCase, QString* error) override;
};

} // namespace oneseal::db
