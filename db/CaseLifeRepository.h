#pragma once

#include "core/CaseStatus.h"
#include "core/ClockStop.h"

#include <QDate>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace oneseal::db {

/** One material a case still owes (容缺), read from case_materials and cases. */
struct OwedMaterialRow
{
    QString caseId;
    QString caseNo;
    core::CaseStatus status = core::CaseStatus::None;
    QString subjectName;
    QString applicantName;
    QString applicantIdNumber;
    QString materialCode;
    QString materialName;
    QDate dueDate;
};

/** A pledge-based approval whose later check (事后核查) is open. */
struct VerificationRow
{
    QString caseId;
    QString caseNo;
    QString subjectName;
    QString applicantName;
    core::PledgeCheck state = core::PledgeCheck::None;
    QDate due;
};

/** Read side of the case's later life: what applicants owe and which pledges wait to be checked. */
class CaseLifeRepository
{
public:
    explicit CaseLifeRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    /**
     * Owed (deferred) materials of cases that are still open or approved (not refused, terminated or
     * revoked), soonest due first; only the applicant's when \a applicantIdNumber is given.
     */
    QList<OwedMaterialRow> owedMaterials(const QString& applicantIdNumber = QString(), int limit = 1000) const;
    /** Open checks of pledges (pending, rectification), soonest due first. */
    QList<VerificationRow> verificationTasks(int limit = 1000) const;
    /** Pledges found false whose approval is not revoked yet, oldest due first. */
    QList<VerificationRow> falsePledges(int limit = 1000) const;
    /** Whether the printed certificate \a number is void; nullopt when no printed certificate has that number. */
    std::optional<bool> certificateVoided(const QString& number) const;

private:
    QSqlDatabase m_db;
};

} // namespace oneseal::db
