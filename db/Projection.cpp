#include "Projection.h"

#include "core/CaseStatus.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

namespace oneseal::db {

bool Projection::refoldCase(const QSqlDatabase& db, const QString& caseId, const QList<core::Event>& events,
                            QString* error)
{
    QSqlQuery q(db);
    for (const QString& table : tables()) {
        const QString name = db.driver()->escapeIdentifier(table, QSqlDriver::TableName);
        auto known = m_hasCaseId.constFind(table);
        if (known == m_hasCaseId.constEnd()) {
            bool hasCaseId = false;
            if (!q.exec(QStringLiteral("PRAGMA table_info(") + name + QLatin1Char(')'))) {
                if (error)
                    *error = q.lastError().text();
                return false;
            }
            while (q.next())
                hasCaseId = hasCaseId || q.value(1).toString() == QLatin1String("case_id");
            q.finish();
            known = m_hasCaseId.insert(table, hasCaseId);
        }
        if (!*known)
            continue;
        q.prepare(QStringLiteral("DELETE FROM ") + name + QStringLiteral(" WHERE case_id = ?"));
        q.addBindValue(caseId);
        if (!q.exec()) {
            if (error)
                *error = q.lastError().text();
            return false;
        }
    }
    for (const core::Event& e : events)
        if (!apply(db, e, error))
            return false;
    return true;
}

bool CaseSummaryProjection::apply(const QSqlDatabase& db, const core::Event& event, QString* error)
{
    if (event.caseId.isEmpty())
        return true;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT status FROM case_summary WHERE case_id = ?"));
    q.addBindValue(event.caseId);
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    const bool exists = q.next();
    const QString status = core::caseStatusAfter(exists ? q.value(0).toString() : QString(), event.kind);
    q.finish();
    if (exists) {
        q.prepare(QStringLiteral("UPDATE case_summary SET status = ?, event_count = event_count + 1, "
                                 "last_hlc = max(last_hlc, ?), last_kind = ?, last_user_id = ? WHERE case_id = ?"));
        q.addBindValue(status);
        q.addBindValue(qint64(event.hlc));
        q.addBindValue(event.kind);
        q.addBindValue(event.userId);
        q.addBindValue(event.caseId);
    } else {
        q.prepare(QStringLiteral("INSERT INTO case_summary(case_id, status, event_count, first_hlc, last_hlc, "
                                 "last_kind, last_user_id) VALUES(?, ?, 1, ?, ?, ?, ?)"));
        q.addBindValue(event.caseId);
        q.addBindValue(status);
        q.addBindValue(qint64(event.hlc));
        q.addBindValue(qint64(event.hlc));
        q.addBindValue(event.kind);
        q.addBindValue(event.userId);
    }
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace oneseal::db
