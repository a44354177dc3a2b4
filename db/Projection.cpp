#include "Projection.h"

#include "SelectIn.h"
#include "core/CaseStatus.h"

#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

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
    return applyCaseEvents(db, events, error);
}

bool Projection::foldCases(const QSqlDatabase& db, const QList<core::Event>& lastOfEachCase, QString* error)
{
    for (const core::Event& e : lastOfEachCase)
        if (!apply(db, e, error))
            return false;
    return true;
}

bool Projection::applyCaseEvents(const QSqlDatabase& db, const QList<core::Event>& events, QString* error)
{
    for (const core::Event& e : events)
        if (!apply(db, e, error))
            return false;
    return true;
}

bool Projection::applyCasesEvents(const QSqlDatabase& db, const QList<const QList<core::Event>*>& cases,
                                  QString* error)
{
    for (const QList<core::Event>* events : cases)
        if (!applyCaseEvents(db, *events, error))
            return false;
    return true;
}

bool CaseSummaryProjection::apply(const QSqlDatabase& db, const core::Event& event, QString* error)
{
    return applyCaseEvents(db, {event}, error);
}

bool CaseSummaryProjection::applyCaseEvents(const QSqlDatabase& db, const QList<core::Event>& events, QString* error)
{
    // Events of no case have no summary; the others are folded per case in memory, then written once.
    qsizetype from = 0;
    while (from < events.size()) {
        const QString caseId = events.at(from).caseId;
        qsizetype to = from;
        while (to < events.size() && events.at(to).caseId == caseId)
            ++to;
        if (!caseId.isEmpty()) {
            const QList<core::Event> one = events.mid(from, to - from);
            if (!applyCasesEvents(db, {&one}, error))
                return false;
        }
        from = to;
    }
    return true;
}

bool CaseSummaryProjection::applyCasesEvents(const QSqlDatabase& db, const QList<const QList<core::Event>*>& cases,
                                             QString* error)
{
    QStringList ids;
    for (const QList<core::Event>* events : cases)
        if (!events->isEmpty())
            ids << events->constFirst().caseId;
    if (QSet<QString>(ids.cbegin(), ids.cend()).size() != ids.size()) {
        // A case twice: each fold must read what the one before it wrote.
        for (const QList<core::Event>* events : cases)
            if (!events->isEmpty() && !applyCasesEvents(db, {events}, error))
                return false;
        return true;
    }
    QHash<QString, QString> statuses;
    if (!selectIn(db, QStringLiteral("SELECT case_id, status FROM case_summary WHERE case_id IN ("), QString(), ids,
                  [&](const QSqlQuery& q) { statuses.insert(q.value(0).toString(), q.value(1).toString()); }, error))
        return false;
    for (const QList<core::Event>* events : cases) {
        if (events->isEmpty())
            continue;
        const auto it = statuses.constFind(events->constFirst().caseId);
        if (!foldSummary(db, *events, it != statuses.constEnd(), it != statuses.constEnd() ? *it : QString(), error))
            return false;
    }
    return true;
}

bool CaseSummaryProjection::foldSummary(const QSqlDatabase& db, const QList<core::Event>& events, bool exists,
                                        QString status, QString* error)
{
    const core::Event& first = events.constFirst();
    const core::Event& last = events.constLast();
    QSqlQuery q(db);
    quint64 maxHlc = 0;
    for (const core::Event& e : events) {
        status = core::caseStatusAfter(status, e.kind);
        maxHlc = std::max(maxHlc, e.hlc);
    }
    if (exists) {
        // OR IGNORE first: an UPDATE that cannot abort half-way needs no statement journal, which
        // SQLCipher encrypts page by page. Our values never break a constraint; should one, the
        // plain UPDATE below reports it.
        for (const QString& verb : {QStringLiteral("UPDATE OR IGNORE"), QStringLiteral("UPDATE")}) {
            q.prepare(verb + QStringLiteral(" case_summary SET status = ?, event_count = event_count + ?, "
                                            "last_hlc = max(last_hlc, ?), last_kind = ?, last_user_id = ? "
                                            "WHERE case_id = ?"));
            q.addBindValue(status);
            q.addBindValue(qint64(events.size()));
            q.addBindValue(qint64(maxHlc));
            q.addBindValue(last.kind);
            q.addBindValue(last.userId);
            q.addBindValue(first.caseId);
            if (!q.exec()) {
                if (error)
                    *error = q.lastError().text();
                return false;
            }
            if (q.numRowsAffected() == 1)
                return true;
        }
        return true;
    } else {
        q.prepare(QStringLiteral("INSERT INTO case_summary(case_id, status, event_count, first_hlc, last_hlc, "
                                 "last_kind, last_user_id) VALUES(?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(first.caseId);
        q.addBindValue(status);
        q.addBindValue(qint64(events.size()));
        q.addBindValue(qint64(first.hlc));
        q.addBindValue(qint64(maxHlc));
        q.addBindValue(last.kind);
        q.addBindValue(last.userId);
    }
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace oneseal::db
