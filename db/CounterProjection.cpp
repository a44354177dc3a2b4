#include "CounterProjection.h"

#include "core/Counter.h"

#include <QSqlError>
#include <QSqlQuery>

namespace oneseal::db {

namespace {
QVariant timeOrNull(const QCborValue& v)
{
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? QVariant(core::Event::timeText(t.toUTC())) : QVariant(QMetaType(QMetaType::QString));
}

QDateTime timeOf(const QVariant& v)
{
    return v.isNull() ? QDateTime() : core::Event::timeFromText(v.toString());
}
} // namespace

bool CounterProjection::apply(const QSqlDatabase& db, const core::Event& event, QString* error)
{
    namespace c = core::counter;
    if (event.caseId.isEmpty() || (event.kind != c::ticketKind && event.kind != c::ratedKind))
        return true;
    const QCborMap p = event.payload();
    QSqlQuery q(db);
    if (event.kind == c::ticketKind) {
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO counter_tickets(case_id, ticket, issued_at, called_at, served_at, "
                                 "workstation, user_id) VALUES(?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(event.caseId);
        q.addBindValue(p.value(c::ticketKey).toString());
        q.addBindValue(timeOrNull(p.value(c::issuedAtKey)));
        q.addBindValue(timeOrNull(p.value(c::calledAtKey)));
        q.addBindValue(core::Event::timeText(event.recordedAt.toUTC()));
        q.addBindValue(event.workstation);
        q.addBindValue(event.userId);
    } else {
        const auto level = c::ratingFromLevel(p.value(c::levelKey).toInteger());
        if (!level)
            return true; // refused by admission on every replica; never folded
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO counter_ratings(case_id, level, rated_at, user_id) VALUES(?, ?, ?, ?)"));
        q.addBindValue(event.caseId);
        q.addBindValue(int(*level));
        q.addBindValue(core::Event::timeText(event.recordedAt.toUTC()));
        q.addBindValue(event.userId);
    }
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

QList<ServedTicket> CounterProjection::served(const QSqlDatabase& db, const QDateTime& from, const QDateTime& to,
                                              QString* error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT t.case_id, t.ticket, t.issued_at, t.called_at, t.served_at, t.workstation, t.user_id, "
                             "COALESCE(r.level, 0) FROM counter_tickets t LEFT JOIN counter_ratings r ON r.case_id = t.case_id "
                             "WHERE t.served_at >= ? AND t.served_at < ? ORDER BY t.served_at, t.case_id"));
    q.addBindValue(core::Event::timeText(from.toUTC()));
    q.addBindValue(core::Event::timeText(to.toUTC()));
    QList<ServedTicket> rows;
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return rows;
    }
    while (q.next())
        rows.append({q.value(0).toString(), q.value(1).toString(), timeOf(q.value(2)), timeOf(q.value(3)),
                     timeOf(q.value(4)), q.value(5).toString(), q.value(6).toString(), q.value(7).toInt()});
    return rows;
}

int CounterProjection::ratingOf(const QSqlDatabase& db, const QString& caseId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT level FROM counter_ratings WHERE case_id = ?"));
    q.addBindValue(caseId);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

} // namespace oneseal::db
