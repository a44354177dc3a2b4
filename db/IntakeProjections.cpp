#include "IntakeProjections.h"

#include "EventReader.h"
#include "SelectIn.h"
#include "SqlCipherDriver.h"
#include "core/CaseState.h"
#include "core/Workflow.h"

#include <QMap>
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

const QStringList kCaseColumns{
    QStringLiteral("case_id"), QStringLiteral("case_no"), QStringLiteral("status"), QStringLiteral("outcome"),
    QStringLiteral("subject_code"), QStringLiteral("subject_name"), QStringLiteral("bundle"),
    QStringLiteral("matter_codes"), QStringLiteral("catalog_version"), QStringLiteral("applicant_id"),
    QStringLiteral("applicant_name"), QStringLiteral("applicant_id_number"), QStringLiteral("applicant_phone"),
    QStringLiteral("agent_name"), QStringLiteral("agent_id_number"), QStringLiteral("accepted_by"),
    QStringLiteral("clerk_name"), QStringLiteral("workstation"), QStringLiteral("accepted_at"),
    QStringLiteral("accepted_date"), QStringLiteral("promised_due"), QStringLiteral("legal_due"),
    QStringLiteral("deadline_certain"), QStringLiteral("risk"), QStringLiteral("notices_printed"),
    QStringLiteral("owes_core_material"), QStringLiteral("last_hlc"), QStringLiteral("waiting_role"),
    QStringLiteral("clock_stopped"), QStringLiteral("inspection_required"), QStringLiteral("decision"),
    QStringLiteral("decided_by"), QStringLiteral("completed_date"), QStringLiteral("on_time"),
    QStringLiteral("verification_state"), QStringLiteral("verification_due")};

/** A table of several rows per case: its columns besides case_id, and the order rows are read in. */
struct CaseRows
{
    QString table;
    QStringList columns;
    QString order;
};
const CaseRows kMaterials{QStringLiteral("case_materials"),
                          {QStringLiteral("material_code"), QStringLiteral("position"), QStringLiteral("name"),
                           QStringLiteral("state"), QStringLiteral("original"), QStringLiteral("copies"),
                           QStringLiteral("note"), QStringLiteral("due_date")},
                          QStringLiteral("position")};
const CaseRows kAttachments{QStringLiteral("case_attachments"),
                            {QStringLiteral("sha256"), QStringLiteral("material_code"), QStringLiteral("file_name"),
                             QStringLiteral("mime"), QStringLiteral("size")},
                            QStringLiteral("sha256")};

/** Whether a value read from the database is what binding `bound` would store. */
bool sameStored(const QVariant& read, const QVariant& bound)
{
    const QVariant want = SqlCipherDriver::storedValue(bound);
    if (read.isNull())
        return !want.isValid();
    return want.isValid() && read.typeId() == want.typeId() && read == want;
}

/** What cases, case_materials and case_attachments hold, or are to hold, for one case. */
struct CaseRowsNow
{
    bool exists = false;               ///< it has a row in cases
    QVariantList row;                  ///< values of kCaseColumns
    QList<QVariantList> materials;     ///< values of kMaterials.columns, by position
    QList<QVariantList> attachments;   ///< values of kAttachments.columns, by sha256
};

/** The rows the fold of a case gives. */
CaseRowsNow rowsOf(const core::CaseState& s)
{
    CaseRowsNow want;
    want.exists = true;
    const core::Role waiting = core::Workflow::waitingRole(s);
    want.row = QVariantList{
        s.caseId, textOrNull(s.caseNo), core::toStored(s.status), textOrNull(s.outcome), s.subjectCode, s.subjectName, s.bundle,
        s.matterCodes.join(QLatin1Char(',')), s.catalogVersion, textOrNull(s.applicant.id), s.applicant.name,
        textOrNull(s.applicant.idNumber), s.applicant.phone, s.agent.name, s.agent.idNumber, s.acceptedBy,
        s.clerkName, s.workstation,
        s.acceptedAt.isValid() ? QVariant(s.acceptedAt.toString(Qt::ISODate)) : QVariant(QMetaType(QMetaType::QString)),
        dateOrNull(s.acceptedDate), dateOrNull(s.promisedDue), dateOrNull(s.legalDue), s.deadlineCertain, core::toStored(s.risk),
        s.noticesPrinted, s.owesCoreMaterial(), qint64(s.lastHlc),
        textOrNull(waiting == core::Role::None ? QString() : core::roleKey(waiting)), s.clockStopped(),
        s.inspectionRequired, textOrNull(core::toStored(s.decision)), textOrNull(s.decidedBy), dateOrNull(s.completedDate),
        s.completed ? QVariant(s.onTime) : QVariant(QMetaType(QMetaType::Int)),
        textOrNull(core::toStored(s.verification)), dateOrNull(s.verificationDue)};
    for (int i = 0; i < s.materials.size(); ++i) {
        const core::MaterialEntry& m = s.materials.at(i);
        want.materials << QVariantList{m.code, i, m.name, core::materialStateKey(m.state), m.original, m.count, m.note,
                                       dateOrNull(m.dueDate)};
    }
    // One row per file (the last reference to a file wins), in the order they are read back.
    QMap<QString, QVariantList> attachments;
    for (const core::AttachmentRef& a : s.attachments)
        attachments.insert(a.sha256, QVariantList{a.sha256, a.materialCode, a.fileName, a.mimeType, a.size});
    want.attachments = attachments.values();
    return want;
}

/** What the three tables hold now for these cases (absent: nothing). */
bool readCaseRows(const QSqlDatabase& db, const QStringList& ids, QHash<QString, CaseRowsNow>* now, QString* error)
{
    static const QString cases = QStringLiteral("SELECT ") + kCaseColumns.join(QStringLiteral(", "))
        + QStringLiteral(" FROM cases WHERE case_id IN (");
    if (!selectIn(db, cases, QString(), ids,
                  [&](const QSqlQuery& q) {
                      CaseRowsNow& r = (*now)[q.value(0).toString()];
                      r.exists = true;
                      for (int i = 0; i < kCaseColumns.size(); ++i)
                          r.row << q.value(i);
                  },
                  error))
        return false;
    for (const CaseRows* table : {&kMaterials, &kAttachments}) {
        const QString select = QStringLiteral("SELECT case_id, ") + table->columns.join(QStringLiteral(", "))
            + QStringLiteral(" FROM ") + table->table + QStringLiteral(" WHERE case_id IN (");
        const bool ok = selectIn(db, select, QStringLiteral("ORDER BY case_id, ") + table->order, ids,
                                 [&](const QSqlQuery& q) {
                                     QVariantList values;
                                     for (int i = 1; i <= table->columns.size(); ++i)
                                         values << q.value(i);
                                     CaseRowsNow& r = (*now)[q.value(0).toString()];
                                     (table == &kMaterials ? r.materials : r.attachments) << values;
                                 },
                                 error);
        if (!ok)
            return false;
    }
    return true;
}

bool sameRows(const QList<QVariantList>& read, const QList<QVariantList>& wanted)
{
    if (read.size() != wanted.size())
        return false;
    for (qsizetype r = 0; r < read.size(); ++r)
        for (qsizetype c = 0; c < read.at(r).size(); ++c)
            if (!sameStored(read.at(r).at(c), wanted.at(r).at(c)))
                return false;
    return true;
}

/** The case's row in cases: inserted, or only its changed columns updated, or left alone. */
bool writeCaseRow(const QSqlDatabase& db, const CaseRowsNow& want, const CaseRowsNow& have, QString* error)
{
    const QVariantList& row = want.row;
    QSqlQuery q(db);
    if (!have.exists) {
        // A plain one-row INSERT checks every constraint before it writes, so SQLite needs no
        // statement journal for it (INSERT OR REPLACE journals every index page it touches). Only
        // when another row holds the case number does the case take it over, as below.
        static const QString columns = kCaseColumns.join(QStringLiteral(", ")) + QStringLiteral(") VALUES(")
            + sqlPlaceholders(kCaseColumns.size()) + QLatin1Char(')');
        for (const QString& verb : {QStringLiteral("INSERT INTO cases("), QStringLiteral("INSERT OR REPLACE INTO cases(")}) {
            q.prepare(verb + columns);
            for (const QVariant& v : row)
                q.addBindValue(v);
            if (q.exec())
                return true;
        }
        if (error)
            *error = q.lastError().text();
        return false;
    }
    QString sets;
    QVariantList values;
    for (qsizetype i = 1; i < kCaseColumns.size(); ++i)
        if (!sameStored(have.row.at(i), row.at(i))) {
            sets += (sets.isEmpty() ? QString() : QStringLiteral(", ")) + kCaseColumns.at(i) + QStringLiteral(" = ?");
            values << row.at(i);
        }
    if (values.isEmpty())
        return true;
    // First OR IGNORE: an UPDATE that cannot abort half-way needs no statement journal (see the
    // INSERT above). Should a constraint stop it (another row holds the case number), OR REPLACE as
    // the INSERT above: a case number is the case's, whatever row held it before.
    for (const QString& verb : {QStringLiteral("UPDATE OR IGNORE cases SET "), QStringLiteral("UPDATE OR REPLACE cases SET ")}) {
        q.prepare(verb + sets + QStringLiteral(" WHERE case_id = ?"));
        for (const QVariant& v : std::as_const(values))
            q.addBindValue(v);
        q.addBindValue(row.constFirst());
        if (!run(q, error))
            return false;
        if (q.numRowsAffected() == 1)
            break;
    }
    return true;
}

/** Replaces the case's rows in a CaseRows table by `rows`, unless they are the same already. */
bool writeCaseRows(const QSqlDatabase& db, const CaseRows& table, const QString& caseId, const QList<QVariantList>& rows,
                   const QList<QVariantList>& have, QString* error)
{
    if (sameRows(have, rows))
        return true;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM ") + table.table + QStringLiteral(" WHERE case_id = ?"));
    q.addBindValue(caseId);
    if (!run(q, error))
        return false;
    q.prepare(QStringLiteral("INSERT INTO ") + table.table + QStringLiteral("(case_id, ")
              + table.columns.join(QStringLiteral(", ")) + QStringLiteral(") VALUES(")
              + sqlPlaceholders(table.columns.size() + 1) + QLatin1Char(')'));
    for (const QVariantList& row : rows) {
        q.addBindValue(caseId);
        for (const QVariant& v : row)
            q.addBindValue(v);
        if (!run(q, error))
            return false;
    }
    return true;
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
                             "legal_representative, updated_hlc, sex, ethnicity, birth_date, id_authority, "
                             "id_valid_from, id_valid_to, id_from_card) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(a.id);
    q.addBindValue(a.kind == core::ApplicantKind::Person ? QStringLiteral("person") : QStringLiteral("organisation"));
    q.addBindValue(a.name);
    q.addBindValue(a.idNumber);
    q.addBindValue(a.phone);
    q.addBindValue(a.address);
    q.addBindValue(a.legalRepresentative);
    q.addBindValue(qint64(event.hlc));
    // The card's details (absent from older events: NULL).
    auto textOrNull = [](const QString& t) { return t.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(t); };
    auto dayOrNull = [&](const QDate& d) { return textOrNull(d.isValid() ? d.toString(Qt::ISODate) : QString()); };
    q.addBindValue(textOrNull(a.sex));
    q.addBindValue(textOrNull(a.ethnicity));
    q.addBindValue(dayOrNull(a.birthDate));
    q.addBindValue(textOrNull(a.idAuthority));
    q.addBindValue(dayOrNull(a.idValidFrom));
    q.addBindValue(a.idLongTerm ? QVariant(QStringLiteral("long_term")) : dayOrNull(a.idValidTo));
    q.addBindValue(a.fromCard ? 1 : 0);
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
    return event.caseId.isEmpty() || foldCases(db, {event}, error);
}

bool CaseProjection::foldCases(const QSqlDatabase& db, const QList<core::Event>& lastOfEachCase, QString* error)
{
    // Fold every event of each case again: the state is the fold, whatever order events arrived in.
    // Everything the fold needs and the rows it compares with are read for all the cases at once.
    QStringList ids;
    for (const core::Event& e : lastOfEachCase)
        if (!e.caseId.isEmpty())
            ids << e.caseId;
    ids.removeDuplicates();
    if (ids.isEmpty())
        return true;
    QHash<QString, QList<core::Event>> events;
    const bool read = EventReader::readCaseEvents(db, ids, &events, error);
    QHash<QString, CaseRowsNow> now;
    if (!read || !readCaseRows(db, ids, &now, error))
        return false;
    // Write only what the fold changed: an UPDATE of a few columns touches only the indexes on them,
    // where replacing the row rewrote every index of cases (and each page a statement changes is
    // first copied to SQLCipher's encrypted statement journal).
    for (const QString& id : std::as_const(ids)) {
        const CaseRowsNow want = rowsOf(core::CaseState::fold(events.value(id)));
        const CaseRowsNow have = now.value(id);
        if (!writeCaseRow(db, want, have, error)
            || !writeCaseRows(db, kMaterials, id, want.materials, have.materials, error)
            || !writeCaseRows(db, kAttachments, id, want.attachments, have.attachments, error))
            return false;
    }
    return true;
}

} // namespace oneseal::db
