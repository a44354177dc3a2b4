#pragma once

#include "core/Applicant.h"
#include "core/CaseState.h"
#include "core/Clock.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <optional>

namespace oneseal::db {

/** A line of a case list (my cases today, search results). */
struct CaseSummary
{
    QString caseId;
    QString caseNo;
    core::CaseStatus status = core::CaseStatus::None;
    QString outcome;
    QString subjectName;
    QString applicantName;
    QString applicantIdNumber;
    QString clerkName;
    QDateTime acceptedAt;
    QDate promisedDue;
    bool deadlineCertain = true;
    QString deadlineNote; ///< why promisedDue is uncertain (set by services::CaseReader)
    core::RiskLevel risk = core::RiskLevel::Unknown;
};

/** Read side of intake: applicants and cases from their projections. */
class IntakeRepository
{
    Q_DECLARE_TR_FUNCTIONS(IntakeRepository)

public:
    explicit IntakeRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    std::optional<core::Applicant> applicantById(const QString& id) const;
    std::optional<core::Applicant> applicantByIdNumber(const QString& idNumber) const;
    /** By ID/credit code prefix, phone, or name fragment; at most limit, best first. */
    QList<core::Applicant> searchApplicants(const QString& text, int limit = 20) const;

    std::optional<CaseSummary> caseByNumber(const QString& caseNo) const;
    /** By case number (prefix), applicant ID number, or applicant name fragment. */
    QList<CaseSummary> searchCases(const QString& text, int limit = 50) const;
    /** Cases a clerk took in on a day (by the date of acceptance), newest first. */
    QList<CaseSummary> casesTakenBy(const QString& userId, const QDate& day) const;
    QList<CaseSummary> casesOfApplicant(const QString& applicantId, int limit = 50) const;
    /** The cases of one applicant (by ID number) for one matter or bundle accepted on one day. */
    QList<CaseSummary> casesOfApplicantOn(const QString& idNumber, const QString& subjectCode, const QDate& day) const;

private:
    QList<CaseSummary> selectCases(const QString& where, const QVariantList& values, int limit) const;
    QSqlDatabase m_db;
};

/** Serial number blocks of this workstation; used inside the caller's write transaction. */
class NumberBlocks
{
    Q_DECLARE_TR_FUNCTIONS(NumberBlocks)

public:
    /** \a clock dates the leases (leased_at). */
    explicit NumberBlocks(QSqlDatabase db, const core::Clock& clock = core::Clock::system())
        : m_db(std::move(db))
        , m_clock(&clock)
    {
    }

    /** Adds a leased block [start, end]; refuses one that overlaps a block already held. */
    bool addBlock(const QString& kind, qint64 start, qint64 end, QString* error);
    /** Takes the next serial of kind; nullopt with a message when every block is used up. */
    std::optional<qint64> take(const QString& kind, QString* error);
    qint64 remaining(const QString& kind) const;

private:
    QSqlDatabase m_db;
    const core::Clock* m_clock;
};

/** Attached files, stored once by SHA-256 inside the encrypted database. */
class AttachmentStore
{
public:
    explicit AttachmentStore(QSqlDatabase db) : m_db(std::move(db)) {}
    /** Stores bytes (idempotent) and returns their SHA-256 in hex; empty with *error on failure. */
    QString put(const QByteArray& data, const QString& mimeType, QString* error);
    std::optional<QByteArray> get(const QString& sha256) const;

private:
    QSqlDatabase m_db;
};

} // namespace oneseal::db
