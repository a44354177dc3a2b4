#pragma once

#include <QSqlDatabase>
#include <QString>

namespace oneseal::test {

/** SHA-256 (hex) of every row of the projection tables, sorted: equal on replicas that agree. */
QString projectionHash(const QSqlDatabase& db);

/**
 * One line about a replica: event count, distinct uuids, unsent, distinct server_seq, open conflicts,
 * a hash of the acknowledged log (uuid@server_seq in order) and projectionHash().
 */
QString syncSummary(const QSqlDatabase& db);

/** The events a replica refused by the hall's rules: "count=N" then "kind/workstation: reason" per line. */
QString quarantineSummary(const QSqlDatabase& db);

} // namespace oneseal::test
