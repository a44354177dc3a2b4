#pragma once

#include "core/Clock.h"
#include "db/ReferenceRepository.h"

#include <QCoreApplication>
#include <QMap>

#include <optional>

namespace oneseal::db {
class Database;
}

namespace oneseal::sync {

using ReferenceItem = db::ReferenceItem;

/**
 * Reference data at the hub: versioned snapshots (users, holiday calendar, templates, trusted seal
 * keys) that workstations receive with every round (ReferenceRepository).
 */
class HubReference
{
public:
    HubReference(db::Database& database, const core::Clock& clock) : m_database(database), m_clock(clock) {}

    /** Publishes a new version of a reference kind unless the payload is the latest one already. */
    std::optional<qint64> publish(const QString& kind, const QByteArray& payload, QString* error);
    /** The latest snapshot of every kind newer than what the workstation has. */
    QList<ReferenceItem> newerThan(const QMap<QString, qint64>& have) const;
    /** The users snapshot (what workstations receive as reference kind "users"). */
    QByteArray usersSnapshot() const;
    /** Publishes the users snapshot again (after a user was added or changed a password). */
    bool publishUsers(QString* error);
    /**
     * Checks a holiday-cn year file as a workstation will (db::CalendarRepository::import), stores it
     * in the hub's calendar_years and publishes every imported year as reference kind "holidays"
     * (CBOR list of {year, json}); returns the year. Nothing changes on a bad file.
     */
    std::optional<int> importCalendarYear(const QByteArray& json, QString* error);

private:
    db::Database& m_database;
    const core::Clock& m_clock;
};

} // namespace oneseal::sync
