#pragma once

#include <optional>

#include "core/SealedDocument.h"
#include "core/CaseStatus.h"
#include "core/RiskLevel.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace oneseal::db {

/** A case waiting for someone (read from the cases projection). */
struct QueueRow
{
    QString caseId;
    QString caseNo;
    core::CaseStatus status = core::CaseStatus::None;
    QString subjectName;
    QString applicantName;
    QString clerkName;
    core::RiskLevel risk = core::RiskLevel::Unknown;
    QString waitingRole; ///< core::roleKey()
    QDateTime acceptedAt;
    QDate promisedDue;
    QDate legalDue;
    bool deadlineCertain = true;
    bool clockStopped = false;
    bool owesCoreMaterial = false;
    int matterCount = 1; ///< more than one: a bundle case, whose matters have their own limits
};

/** One line of the seal register (用印登记台账). */
struct SealRegisterRow
{
    QString eventId;
    QDateTime appliedAt; ///< UTC
    QString caseId;
    QString caseNo;
    QString documentTitle;
    QString documentHash;
    QString userId;
    QString userName;
    QString workstation;
    core::SealedDocument documentKind = core::SealedDocument::Decision;
};

/** A certificate number and what happened to it. */
struct CertificateRow
{
    QString number;
    qint64 serial = 0;
    QString caseId;
    QString documentHash;
    bool printed = false;
    int reprints = 0;
    bool voided = false;
    QString voidReason;
    bool issued = false;
    QString collectorName;
};

/** Read side of the back office: queues, the seal register and certificates from their projections. */
class BackOfficeRepository
{
public:
    explicit BackOfficeRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    /** Cases waiting for a role (role key), soonest promised date first, stopped clocks last. */
    QList<QueueRow> waitingFor(const QString& roleKey, int limit = 500) const;
    /** Seal uses, oldest first; invalid dates leave that end open (days in UTC). */
    QList<SealRegisterRow> sealRegister(const QDate& from = QDate(), const QDate& to = QDate(),
                                        core::SealedDocument kind = core::SealedDocument::None) const;
    QList<CertificateRow> certificatesOfCase(const QString& caseId) const;
    /** The certificate with this number, if this replica holds it. */
    std::optional<CertificateRow> certificateByNumber(const QString& certificateNo) const;
    /** The numbers of every voided certificate, sorted. */
    QStringList voidedCertificateNumbers() const;

private:
    QSqlDatabase m_db;
};

} // namespace oneseal::db
