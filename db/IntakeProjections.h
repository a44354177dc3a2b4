#pragma once

#include "Projection.h"

namespace oneseal::db {

/** applicants: the latest registration of each applicant (events applicant.registered and intake.*). */
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
};

} // namespace oneseal::db
