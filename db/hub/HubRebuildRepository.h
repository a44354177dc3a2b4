#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace oneseal::db {

/**
 * The SQL of a hub rebuilt from a workstation's replica (sync::HubRebuild, docs/OPERATIONS.md):
 * what the replica knows of the lost hub, and the tables copied from it as they are.
 */
class HubRebuildRepository
{
public:
    /** Tables a rebuild copies row by row from the replica (same migrations on both). */
    static QStringList copiedTables();

    /**
     * Copies every row of table from source into target (inside target's open transaction), with the
     * columns both have; rows whose key is there already are left as they are. Returns the rows copied.
     */
    static std::optional<qint64> copyTable(const QSqlDatabase& source, const QSqlDatabase& target, const QString& table,
                                           QString* error);
    /** The highest number of each kind in blocks the replica was leased (number_blocks). */
    static QHash<QString, qint64> highestHeld(const QSqlDatabase& replica);
    /** A value the replica keeps in sync_client_state (empty when absent). */
    static QByteArray clientState(const QSqlDatabase& replica, const QString& name);
    /** The workstations whose events the database holds (the hub's own included). */
    static QStringList workstationsOfEvents(const QSqlDatabase& db);
};

} // namespace oneseal::db
