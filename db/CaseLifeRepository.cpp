#include "CaseLifeRepository.h"

#include <QSqlQuery>

namespace oneseal::db {

QList<OwedMaterialRow> CaseLifeRepository::owedMaterials(const QString& applicantIdNumber, int limit) const
{
    QList<OwedMaterialRow> rows;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // One applicant's (the counter's Enter on the ID number): their cases first, through
    // cases_applicant_id_number (CROSS JOIN keeps that order), never every deferred material of the
    // hall, which an "(? = '' OR c.applicant_id_number = ?)" condition read.
    const bool oneApplicant = !applicantIdNumber.isEmpty();
    q.prepare(QStringLiteral(
                  "SELECT c.case_id, c.case_no, c.status, c.subject_name, c.applicant_name, c.applicant_id_number, "
                  "m.material_code, m.name, m.due_date FROM %1 "
                  "WHERE m.state = 'deferred' AND c.outcome = 'accept-deferred' "
                  "AND c.status NOT IN ('refused', 'terminated', 'revoked', 'conflict') %2"
                  "ORDER BY (m.due_date IS NULL), m.due_date, c.case_no, m.position LIMIT ?")
                  .arg(oneApplicant ? QStringLiteral("cases c CROSS JOIN case_materials m ON m.case_id = c.case_id")
                                    : QStringLiteral("case_materials m JOIN cases c ON c.case_id = m.case_id"),
                       oneApplicant ? QStringLiteral("AND c.applicant_id_number = ? ") : QString()));
    if (oneApplicant)
        q.addBindValue(applicantIdNumber);
    q.addBindValue(limit);
    if (!q.exec())
        return rows;
    while (q.next()) {
        OwedMaterialRow r;
        r.caseId = q.value(0).toString();
        r.caseNo = q.value(1).toString();
        r.status = core::caseStatusFromStored(q.value(2).toString());
        r.subjectName = q.value(3).toString();
        r.applicantName = q.value(4).toString();
        r.applicantIdNumber = q.value(5).toString();
        r.materialCode = q.value(6).toString();
        r.materialName = q.value(7).toString();
        r.dueDate = QDate::fromString(q.value(8).toString(), Qt::ISODate);
        rows << r;
    }
    return rows;
}

namespace {
QList<VerificationRow> verifications(const QSqlDatabase& db, const QString& states, int limit)
{
    QList<VerificationRow> rows;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT case_id, case_no, subject_name, applicant_name, verification_state, verification_due "
                             "FROM cases WHERE verification_state IN (")
              + states
              + QStringLiteral(") AND status NOT IN ('revoked', 'conflict') ORDER BY verification_due, case_no LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return rows;
    while (q.next()) {
        VerificationRow r;
        r.caseId = q.value(0).toString();
        r.caseNo = q.value(1).toString();
        r.subjectName = q.value(2).toString();
        r.applicantName = q.value(3).toString();
        r.state = core::pledgeCheckFromStored(q.value(4).toString());
        r.due = QDate::fromString(q.value(5).toString(), Qt::ISODate);
        rows << r;
    }
    return rows;
}
} // namespace

QList<VerificationRow> CaseLifeRepository::verificationTasks(int limit) const
{
    return verifications(m_db, QStringLiteral("'pending', 'rectification'"), limit);
}

QList<VerificationRow> CaseLifeRepository::falsePledges(int limit) const
{
    return verifications(m_db, QStringLiteral("'failed'"), limit);
}

std::optional<bool> CaseLifeRepository::certificateVoided(const QString& number) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT voided FROM certificates WHERE certificate_no = ? AND printed = 1"));
    q.addBindValue(number);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(0).toBool();
}

} // namespace oneseal::db
