#pragma once

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace oneseal::db {

/** One event as the activity overview lists it. */
struct RecentEvent
{
    QDateTime recordedAt; ///< UTC
    QString kind;
    QString caseId;      ///< empty for events of the hall (users, catalog)
    QString caseNo;      ///< empty while the case has no number here
    QString user;        ///< the user's display name, or their id when unknown here
    QString workstation;
};

/** Reads the events of this database for overviews; writes nothing. */
class EventLogRepository
{
public:
    explicit EventLogRepository(const QSqlDatabase& db) : m_db(db) {}

    /** The last \a limit events stored here (pulled ones included), newest first. */
    QList<RecentEvent> recent(int limit) const;

private:
    QSqlDatabase m_db;
};

} // namespace oneseal::db
