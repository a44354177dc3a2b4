#include "IntakeProjections.h"

#include "EventStore.h"
#include "core/CaseState.h"
#include "core/Workflow.h"

#include <QSqlError>
#include <QSqlQuery>

namespace oneseal::db {

namespace {
bool run(QSqlQuery& q, QString* error)
{
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

QVariant textOrNull(const QString& s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

QVariant dateOrNull(const QDate& d)
{
    return d.isValid() ? QVariant(d.toString(Qt::ISODate)) : QVariant(QMetaType(QMetaType::QString));
}
} // namespace

bool ApplicantProjection::apply(const QSqlDatabase& db, const core::Event& event, QString* error)
{
    core::Applicant a;
    if (event.kind == QLatin1String("applicant.registered") || event.kind == QLatin1String("applicant.updated"))
        a = core::Applicant::fromCbor(event.payload());
    else if (event.kind.startsWith(QLatin1String("intake.")))
        a = core::Applicant::fromCbor(event.payload().value(core::payload::applicant).toMap());
    else
        return true;
    if (a.id.isEmpty() || a.idNumber.isEmpty())
        return true;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id, updated_hlc FROM applicants WHERE id = ? OR id_number = ?"));
    q.addBindValue(a.id);
    q.addBindValue(a.idNumber);
    if (!run(q, error))
        return false;
    while (q.next()) {
        const quint64 hlc = quint64(q.value(1).toLongLong());
        if (hlc > event.hlc || (hlc == event.hlc && q.value(0).toString() > a.id))
            return true; // a later registration already stands
    }
    q.finish();
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO applicants(id, kind, name, id_number, phone, address, "
                             "legal_representative, updated_hlc) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(a.id);
    q.addBindValue(a.kind == core::ApplicantKind::Person ? QStringLiteral("person") : QStringLiteral("organisation"));
    q.addBindValue(a.name);
    q.addBindValue(a.idNumber);
    q.addBindValue(a.phone);
    q.addBindValue(a.address);
    q.addBindValue(a.legalRepresentative);
    q.addBindValue(qint64(event.hlc));
    return run(q, error);
}

bool CaseProjection::refoldCase(const QSqlDatabase& db, const QString& caseId, const QList<core::Event>& events,
                                QString* error)
{
    Q_UNUSED(caseId);
    return events.isEmpty() || apply(db, events.constLast(), error);
}

bool CaseProjection::apply(const QSqlDatabase& db, const core::Event& event, QString* error)
{
    if (event.caseId.isEmpty())
        return true;
    // Fold every event of the case again: the state is the fold, whatever order events arrived in.
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT seq, uuid, case_id, kind, payload, user_id, workstation, hlc, prev_hash, hash, "
                             "recorded_at, server_seq FROM events WHERE case_id = ? "
                             "ORDER BY (server_seq IS NULL), server_seq, hlc, workstation, seq"));
    q.addBindValue(event.caseId);
    if (!run(q, error))
        return false;
    QList<core::Event> events;
    while (q.next())
        events << EventStore::eventFromQuery(q);
    q.finish();
    const core::CaseState s = core::CaseState::fold(events);

    q.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO cases(case_id, case_no, status, outcome, subject_code, subject_name, bundle, "
        "matter_codes, catalog_version, applicant_id, applicant_name, applicant_id_number, applicant_phone, "
        "agent_name, agent_id_number, accepted_by, clerk_name, workstation, accepted_at, accepted_date, "
        "promised_due, legal_due, deadline_certain, risk, notices_printed, owes_core_material, last_hlc, "
        "waiting_role, clock_stopped, inspection_required, decision, decided_by, completed_date, on_time) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const core::Role waiting = core::Workflow::waitingRole(s);
    for (const QVariant& v :
         QVariantList{s.caseId, textOrNull(s.caseNo), s.status, textOrNull(s.outcome), s.subjectCode, s.subjectName,
                      s.bundle, s.matterCodes.join(QLatin1Char(',')), s.catalogVersion, textOrNull(s.applicant.id),
                      s.applicant.name, textOrNull(s.applicant.idNumber), s.applicant.phone, s.agent.name,
                      s.agent.idNumber, s.acceptedBy, s.clerkName, s.workstation,
                      s.acceptedAt.isValid() ? QVariant(s.acceptedAt.toString(Qt::ISODate))
                                             : QVariant(QMetaType(QMetaType::QString)),
                      dateOrNull(s.acceptedDate), dateOrNull(s.promisedDue), dateOrNull(s.legalDue),
                      s.deadlineCertain, s.risk, s.noticesPrinted, s.owesCoreMaterial(), qint64(s.lastHlc),
                      textOrNull(waiting == core::Role::None ? QString() : core::roleKey(waiting)), s.clockStopped(),
                      s.inspectionRequired, textOrNull(s.decision), textOrNull(s.decidedBy), dateOrNull(s.completedDate),
                      s.completed ? QVariant(s.onTime) : QVariant(QMetaType(QMetaType::Int))})
        q.addBindValue(v);
    if (!run(q, error))
        return false;

    q.prepare(QStringLiteral("DELETE FROM case_materials WHERE case_id = ?"));
    q.addBindValue(s.caseId);
    if (!run(q, error))
        return false;
    q.prepare(QStringLiteral("INSERT INTO case_materials(case_id, material_code, position, name, state, original, "
                             "copies, note, due_date) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (int i = 0; i < s.materials.size(); ++i) {
        const core::MaterialEntry& m = s.materials.at(i);
        for (const QVariant& v : QVariantList{s.caseId, m.code, i, m.name, core::materialStateKey(m.state), m.original,
                                              m.count, m.note, dateOrNull(m.dueDate)})
            q.addBindValue(v);
        if (!run(q, error))
            return false;
    }
    q.prepare(QStringLiteral("DELETE FROM case_attachments WHERE case_id = ?"));
    q.addBindValue(s.caseId);
    if (!run(q, error))
        return false;
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO case_attachments(case_id, sha256, material_code, file_name, mime, "
                             "size) VALUES(?, ?, ?, ?, ?, ?)"));
    for (const core::AttachmentRef& a : s.attachments) {
        for (const QVariant& v : QVariantList{s.caseId, a.sha256, a.materialCode, a.fileName, a.mimeType, a.size})
            q.addBindValue(v);
        if (!run(q, error))
            return false;
    }
    return true;
}

} // namespace oneseal::db
