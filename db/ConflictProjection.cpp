#include "ConflictProjection.h"

#include "EventReader.h"

#include <QSqlError>
#include <QSqlQuery>

namespace oneseal::db {

namespace {
bool touchesConflicts(const QString& kind)
{
    return kind.startsWith(QLatin1String("intake.")) || kind.startsWith(QLatin1String("decision."))
        || kind == core::conflict::resolvedKind;
}

bool run(QSqlQuery& q, QString* error)
{
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}
} // namespace

bool ConflictProjection::apply(const QSqlDatabase& db, const core::Event& event, QString* error)
{
    if (event.caseId.isEmpty() || !touchesConflicts(event.kind))
        return true;
    QList<core::Event> events;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT seq, uuid, case_id, kind, payload, user_id, workstation, hlc, prev_hash, hash, "
                             "recorded_at, server_seq FROM events WHERE case_id = ? AND quarantine IS NULL"));
    q.addBindValue(event.caseId);
    if (!run(q, error))
        return false;
    while (q.next())
        events << EventReader::fromQuery(q);
    q.finish();
    return write(db, event.caseId, core::findConflicts(events), error);
}

bool ConflictProjection::refoldCase(const QSqlDatabase& db, const QString& caseId, const QList<core::Event>& events,
                                    QString* error)
{
    return write(db, caseId, core::findConflicts(events), error);
}

bool ConflictProjection::write(const QSqlDatabase& db, const QString& caseId,
                               const QList<core::CaseConflict>& conflicts, QString* error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM case_conflicts WHERE case_id = ?"));
    q.addBindValue(caseId);
    if (!run(q, error))
        return false;
    q.prepare(QStringLiteral("INSERT INTO case_conflicts(case_id, conflict_key, event_uuids, workstations, resolved, "
                             "resolution, kept_event) VALUES(?, ?, ?, ?, ?, ?, ?)"));
    for (const core::CaseConflict& c : conflicts) {
        q.addBindValue(caseId);
        q.addBindValue(c.key);
        q.addBindValue(c.eventIds.join(QLatin1Char(',')));
        q.addBindValue(c.workstations.join(QLatin1Char(',')));
        q.addBindValue(c.resolved);
        q.addBindValue(c.resolved ? QVariant(c.resolutionId) : QVariant(QMetaType(QMetaType::QString)));
        q.addBindValue(c.resolved ? QVariant(c.keptEventId) : QVariant(QMetaType(QMetaType::QString)));
        if (!run(q, error))
            return false;
    }
    return true;
}

QList<core::CaseConflict> ConflictProjection::conflictsOf(const QSqlDatabase& db, const QString& caseId)
{
    QList<core::CaseConflict> list;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT conflict_key, event_uuids, workstations, resolved, resolution, kept_event "
                             "FROM case_conflicts WHERE case_id = ? ORDER BY conflict_key"));
    q.addBindValue(caseId);
    if (!q.exec())
        return list;
    while (q.next()) {
        core::CaseConflict c;
        c.key = q.value(0).toString();
        c.eventIds = q.value(1).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        c.workstations = q.value(2).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        c.resolved = q.value(3).toBool();
        c.resolutionId = q.value(4).toString();
        c.keptEventId = q.value(5).toString();
        list << c;
    }
    return list;
}

QStringList ConflictProjection::casesInConflict(const QSqlDatabase& db)
{
    QStringList ids;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT DISTINCT case_id FROM case_conflicts WHERE resolved = 0 ORDER BY case_id")))
        return ids;
    while (q.next())
        ids << q.value(0).toString();
    return ids;
}

} // namespace oneseal::db
