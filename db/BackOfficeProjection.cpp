#include "BackOfficeProjection.h"
#include "core/CborInteger.h"

#include "core/CaseState.h"
#include "core/SealedDocument.h"

#include <QCborArray>
#include <QSqlError>
#include <QSqlQuery>

namespace oneseal::db {

namespace {
    bool exec(QSqlQuery& q, const QVariantList& values, QString* error)
    {
        for (const QVariant& v : values)
            q.addBindValue(v);
        if (q.exec())
            return true;
        if (error)
            *error = q.lastError().text();
        return false;
    }

    QStringList strings(const QCborValue& value)
    {
        QStringList list;
        for (const QCborValue& v : value.toArray())
            list << v.toString();
        return list;
    }

    QVariant nullable(const QString& s)
    {
        return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
    }

    /** One row of the seal register for the sealed document an event records. */
    bool registerSeal(QSqlQuery& q, const core::Event& event, const QString& at, const QString& documentKind,
                      const QString& title, const QString& hash, QString userName, QString* error)
    {
        QString caseNo;
        q.prepare(QStringLiteral("SELECT case_no FROM cases WHERE case_id = ?"));
        if (!exec(q, {event.caseId}, error))
            return false;
        if (q.next())
            caseNo = q.value(0).toString();
        q.finish();
        if (userName.isEmpty()) {
            q.prepare(QStringLiteral("SELECT display_name FROM users WHERE id = ?"));
            if (!exec(q, {event.userId}, error))
                return false;
            userName = q.next() ? q.value(0).toString() : event.userId;
            q.finish();
        }
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO seal_register(event_uuid, applied_at, case_id, case_no, "
                                 "document_title, document_hash, user_id, user_name, workstation, document_kind) "
                                 "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        return exec(q,
                    {event.id.toString(QUuid::WithoutBraces), at, event.caseId, nullable(caseNo), title, hash,
                     event.userId, userName, event.workstation, documentKind},
                    error);
    }
} // namespace

bool BackOfficeProjection::apply(const QSqlDatabase& db, const core::Event& event, QString* error)
{
    namespace k = core::eventkind;
    namespace p = core::payload;
    if (event.caseId.isEmpty())
        return true;
    const QString& kind = event.kind;
    if (!kind.startsWith(QLatin1String("inspection.")) && !kind.startsWith(QLatin1String("certificate."))
        && kind != k::sealApplied && kind != k::decisionRevoked && kind != QLatin1String("notice.printed"))
        return true;
    const QCborMap pl = event.payload();
    const QString at = event.recordedAt.toUTC().toString(Qt::ISODateWithMs);
    QSqlQuery q(db);

    if (kind == k::inspectionScheduled) {
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO inspection_visits(visit_id, case_id, visit_date, inspectors, "
                                 "inspector_names, combined_cases, matters) VALUES(?, ?, ?, ?, ?, ?, ?)"));
        return exec(q,
                    {pl.value(p::visitId).toString(), event.caseId, pl.value(p::visitDate).toString(),
                     strings(pl.value(p::inspectors)).join(QLatin1Char(',')),
                     strings(pl.value(p::inspectorNames)).join(QStringLiteral(", ")),
                     int(pl.value(p::combinedCases).toArray().size()),
                     nullable(strings(pl.value(p::inspectedMatters)).join(QLatin1Char(',')))},
                    error);
    }
    if (kind == k::inspectionPassed || kind == k::inspectionFailed) {
        q.prepare(QStringLiteral("UPDATE inspection_visits SET result = ?, notes = ? WHERE visit_id = ? AND case_id = ?"));
        return exec(q,
                    {kind == k::inspectionPassed ? QStringLiteral("passed") : QStringLiteral("failed"),
                     pl.value(p::notes).toString(), pl.value(p::visitId).toString(), event.caseId},
                    error);
    }
    if (kind == k::rectificationRequired) {
        q.prepare(QStringLiteral("UPDATE inspection_visits SET result = 'rectification', notes = ?, rectification_due = ? "
                                 "WHERE visit_id = ? AND case_id = ?"));
        return exec(q,
                    {pl.value(p::notes).toString(), pl.value(p::deadline).toString(), pl.value(p::visitId).toString(),
                     event.caseId},
                    error);
    }
    if (kind == k::rectificationClosed) {
        q.prepare(QStringLiteral("UPDATE inspection_visits SET result = 'passed', closed_date = ? "
                                 "WHERE visit_id = ? AND case_id = ?"));
        return exec(q, {pl.value(p::date).toString(), pl.value(p::visitId).toString(), event.caseId}, error);
    }
    // The seal register: one row per sealed document (the decision, a sealed notice, every
    // certificate print and reprint), each with the document's own hash.
    if (kind == k::certificatePrinted || kind == k::certificateReprinted
        || (kind == QLatin1String("notice.printed") && pl.contains(p::sealedDocument))) {
        const core::SealedDocument sealed = kind == k::certificatePrinted ? core::SealedDocument::Certificate
            : kind == k::certificateReprinted                              ? core::SealedDocument::Reprint
                                                                           : core::sealedDocumentFromStored(
                                                                               pl.value(p::sealedDocument).toString());
        const QString title = kind == QLatin1String("notice.printed") ? pl.value(QStringLiteral("notice")).toString()
                                                                        : pl.value(p::certificateNo).toString();
        if (!registerSeal(q, event, at, core::toStored(sealed), title, pl.value(p::documentHash).toString(),
                          pl.value(p::userName).toString(), error))
            return false;
        if (kind == QLatin1String("notice.printed"))
            return true;
    }
    if (kind == k::decisionRevoked) {
        // 撤销: every certificate of the case still in force is void (core::CaseState folds the same).
        q.prepare(QStringLiteral("UPDATE certificates SET voided = 1, void_reason = ? WHERE case_id = ? AND voided = 0"));
        return exec(q, {pl.value(p::reasons).toString(), event.caseId}, error);
    }
    if (kind == k::sealApplied)
        return registerSeal(q, event, at,
                            pl.contains(p::sealedDocument)
                                ? core::toStored(core::sealedDocumentFromStored(pl.value(p::sealedDocument).toString()))
                                : core::toStored(core::SealedDocument::Decision),
                            pl.value(p::documentTitle).toString(), pl.value(p::documentHash).toString(),
                            pl.value(p::userName).toString(), error);
    const QString number = pl.value(p::certificateNo).toString();
    if (kind == k::certificateNumbered) {
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO certificates(certificate_no, serial, case_id, numbered_at) "
                                 "VALUES(?, ?, ?, ?)"));
        return exec(q, {number, core::cborInteger(pl.value(p::serial)), event.caseId, at}, error);
    }
    if (kind == k::certificatePrinted) {
        q.prepare(QStringLiteral("UPDATE certificates SET printed = 1, document_hash = ? WHERE certificate_no = ?"));
        return exec(q, {pl.value(p::documentHash).toString(), number}, error);
    }
    if (kind == k::certificateReprinted) {
        q.prepare(QStringLiteral("UPDATE certificates SET reprints = reprints + 1, document_hash = ? "
                                 "WHERE certificate_no = ?"));
        return exec(q, {pl.value(p::documentHash).toString(), number}, error);
    }
    if (kind == k::certificateVoided) {
        q.prepare(QStringLiteral("UPDATE certificates SET voided = 1, void_reason = ? WHERE certificate_no = ?"));
        return exec(q, {pl.value(p::reasons).toString(), number}, error);
    }
    if (kind == k::certificateIssued) {
        q.prepare(QStringLiteral("UPDATE certificates SET issued = 1, issued_at = ?, collector_kind = ?, "
                                 "collector_name = ?, collector_id_number = ? WHERE certificate_no = ?"));
        return exec(q,
                    {at, pl.value(p::collectorKind).toString(), pl.value(p::collectorName).toString(),
                     pl.value(p::collectorIdNumber).toString(), number},
                    error);
    }
    return true;
}

} // namespace oneseal::db
