#include "BackOfficeRepository.h"

#include <QSqlQuery>

namespace oneseal::db {

QList<QueueRow> BackOfficeRepository::waitingFor(const QString& roleKey, int limit) const
{
    QList<QueueRow> rows;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT case_id, case_no, status, subject_name, applicant_name, clerk_name, risk, waiting_role, accepted_at, "
        "promised_due, legal_due, deadline_certain, clock_stopped, owes_core_material, matter_codes FROM cases "
        "WHERE waiting_role = ? ORDER BY clock_stopped, (promised_due IS NULL), promised_due, accepted_at LIMIT ?"));
    q.addBindValue(roleKey);
    q.addBindValue(limit);
    if (!q.exec())
        return rows;
    while (q.next()) {
        QueueRow r;
        r.caseId = q.value(0).toString();
        r.caseNo = q.value(1).toString();
        r.status = core::caseStatusFromStored(q.value(2).toString());
        r.subjectName = q.value(3).toString();
        r.applicantName = q.value(4).toString();
        r.clerkName = q.value(5).toString();
        r.risk = core::riskLevelFromStored(q.value(6).toString());
        r.waitingRole = q.value(7).toString();
        r.acceptedAt = QDateTime::fromString(q.value(8).toString(), Qt::ISODate);
        r.promisedDue = QDate::fromString(q.value(9).toString(), Qt::ISODate);
        r.legalDue = QDate::fromString(q.value(10).toString(), Qt::ISODate);
        r.deadlineCertain = q.value(11).toBool();
        r.clockStopped = q.value(12).toBool();
        r.owesCoreMaterial = q.value(13).toBool();
        r.matterCount = int(q.value(14).toString().count(QLatin1Char(','))) + 1;
        rows << r;
    }
    return rows;
}

QList<SealRegisterRow> BackOfficeRepository::sealRegister(const QDate& from, const QDate& to,
                                                          core::SealedDocument kind) const
{
    QList<SealRegisterRow> rows;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT event_uuid, applied_at, case_id, case_no, document_title, document_hash, user_id, "
                             "user_name, workstation, document_kind FROM seal_register WHERE applied_at >= ? "
                             "AND applied_at < ? %1ORDER BY applied_at, event_uuid")
                  .arg(kind == core::SealedDocument::None ? QString() : QStringLiteral("AND document_kind = ? ")));
    q.addBindValue(from.isValid() ? from.toString(Qt::ISODate) : QStringLiteral("0000"));
    q.addBindValue(to.isValid() ? to.addDays(1).toString(Qt::ISODate) : QStringLiteral("9999"));
    if (kind != core::SealedDocument::None)
        q.addBindValue(core::toStored(kind));
    if (!q.exec())
        return rows;
    while (q.next()) {
        SealRegisterRow r;
        r.eventId = q.value(0).toString();
        r.appliedAt = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
        r.caseId = q.value(2).toString();
        r.caseNo = q.value(3).toString();
        r.documentTitle = q.value(4).toString();
        r.documentHash = q.value(5).toString();
        r.userId = q.value(6).toString();
        r.userName = q.value(7).toString();
        r.workstation = q.value(8).toString();
        r.documentKind = core::sealedDocumentFromStored(q.value(9).toString());
        rows << r;
    }
    return rows;
}

std::optional<CertificateRow> BackOfficeRepository::certificateByNumber(const QString& certificateNo) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT case_id FROM certificates WHERE certificate_no = ?"));
    q.addBindValue(certificateNo);
    if (!q.exec() || !q.next())
        return std::nullopt;
    for (const CertificateRow& r : certificatesOfCase(q.value(0).toString()))
        if (r.number == certificateNo)
            return r;
    return std::nullopt;
}

QStringList BackOfficeRepository::voidedCertificateNumbers() const
{
    QStringList numbers;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT certificate_no FROM certificates WHERE voided = 1 ORDER BY certificate_no")))
        while (q.next())
            numbers << q.value(0).toString();
    return numbers;
}

QList<CertificateRow> BackOfficeRepository::certificatesOfCase(const QString& caseId) const
{
    QList<CertificateRow> rows;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT certificate_no, serial, case_id, document_hash, printed, reprints, voided, "
                             "void_reason, issued, collector_name FROM certificates WHERE case_id = ? ORDER BY serial"));
    q.addBindValue(caseId);
    if (!q.exec())
        return rows;
    while (q.next()) {
        CertificateRow r;
        r.number = q.value(0).toString();
        r.serial = q.value(1).toLongLong();
        r.caseId = q.value(2).toString();
        r.documentHash = q.value(3).toString();
        r.printed = q.value(4).toBool();
        r.reprints = q.value(5).toInt();
        r.voided = q.value(6).toBool();
        r.voidReason = q.value(7).toString();
        r.issued = q.value(8).toBool();
        r.collectorName = q.value(9).toString();
        rows << r;
    }
    return rows;
}

} // namespace oneseal::db
