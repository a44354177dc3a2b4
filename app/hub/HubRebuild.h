#pragma once

#include "core/Clock.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace oneseal::db {
class Database;
}

namespace oneseal::sync {

/** What `oneseal-admin hub rebuild` needs. */
struct RebuildSetup
{
    QString directory; ///< the hub's folder: hub.db must not exist; hub.key is used when it survived
    /**
     * Where the hub's keys survive (optional): the lost hub's database (as far as it still opens), or
     * any backup of it, however old. Then the certificate authority, the TLS key and the seal key are
     * kept and workstations stay enrolled; without it the rebuilt hub has new ones.
     */
    QString keysFrom;
    QStringList hosts; ///< names and addresses for a new TLS certificate (when the keys are new)
};

/** What a rebuild did. */
struct RebuildOutcome
{
    QString generation;       ///< the rebuilt hub's generation
    QString parentGeneration; ///< the lost hub's, as the replica knew it
    qint64 restoredThrough = 0; ///< server_seq numbers kept as the lost hub gave them (1 .. this)
    qint64 events = 0;
    qint64 quarantined = 0;
    qint64 users = 0;
    qint64 catalogs = 0;
    qint64 files = 0;
    QStringList workstations; ///< whose events the replica held
    bool keptKeys = false;    ///< the CA survived: enrollments are kept
    bool newKeyFile = false;  ///< hub.key did not survive and was made anew
};

/**
 * A hub made from a workstation's replica when no backup exists (docs/OPERATIONS.md, "Rebuild"):
 * every event the replica holds (all workstations' chains, with their signatures) is stored again
 * through the hub's event log, with the same checks as a relayed push; users, reference data
 * (seal keys, calendars, user snapshots), catalogs and attached files are copied. Numbers 1..n of
 * server_seq that the replica holds without a gap keep their meaning, so the rebuilt hub presents
 * itself as restored from the lost generation through n: workstations push what it lacks and pull
 * again only what came after n (SyncClient::meetHub). Number blocks are set aside past every block
 * the replica held, two per workstation whose events it holds.
 */
class HubRebuild
{
    Q_DECLARE_TR_FUNCTIONS(HubRebuild)

public:
    static constexpr int kReservedBlocksPerWorkstation = 2;
    static constexpr int kBatch = 1000;

    /**
     * Builds the hub in setup.directory from replica (opened with its administrator's key). Refuses
     * when a hub database is there or a hub runs there; on failure leaves nothing behind.
     */
    static std::optional<RebuildOutcome> rebuild(db::Database& replica, const RebuildSetup& setup, QString* error,
                                                 const core::Clock& clock = core::Clock::system());
};

} // namespace oneseal::sync
