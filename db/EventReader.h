#pragma once

#include "core/Event.h"

#include <QHash>
#include <QSqlDatabase>
#include <QStringList>

class QSqlQuery;

namespace oneseal::db {

/**
 * Reading rows of the events table, below the event store: projections that fold a whole case read
 * its events here (they must not call back into the EventStore that drives them), and EventStore
 * reads through it too, so that there is one idea of an event row and of the fold order.
 */
class EventReader
{
public:
    /** The columns of an event row, in the order fromQuery() reads them. */
    static QString columns();
    /** " ORDER BY …": the order a case's events are folded in (acknowledged by server_seq, then by HLC). */
    static QString foldOrder();

    /** The highest HLC of any stored event (0 when there is none). */
    static quint64 maxHlc(const QSqlDatabase& db);
    /** The event in the current row of a query that selected columns(). */
    static core::Event fromQuery(const QSqlQuery& q);
    /** Every stored event of one case, in fold order (empty on a read error). */
    static QList<core::Event> caseEvents(const QSqlDatabase& db, const QString& caseId);
    /**
     * Every stored event of these cases, in fold order, into (*events)[case id]; read straight
     * through SQLite's API on db's connection (a pull folds hundreds of cases at once, and QSqlQuery
     * costs a QVariant per value).
     */
    static bool readCaseEvents(const QSqlDatabase& db, const QStringList& caseIds,
                               QHash<QString, QList<core::Event>>* events, QString* error);
};

} // namespace oneseal::db
