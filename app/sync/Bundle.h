#pragma once

#include <QCoreApplication>

#include <optional>

namespace oneseal::db {
class Database;
}

namespace oneseal::sync {

class HubStore;

/** What importing a bundle did. */
struct BundleImport
{
    QString workstation;
    int stored = 0;       ///< events new to the importing side
    int duplicates = 0;   ///< events it had already (a repeated import changes nothing)
    int acknowledged = 0; ///< the workstation's own events now acknowledged
    bool repeated = false; ///< this very bundle was imported before
};

/**
 * Sync by file for a hall without network (docs/SYNC.md, "Bundles"). A workstation exports its
 * unsent events "up" for the hub; the hub imports them exactly as a push and exports "down" for that
 * workstation everything after the cursor the workstation reported, with reference data and number
 * blocks. Each bundle is signed by its sender's key and encrypted for its receiver's key; both sides
 * refuse a bundle that is not for them, not from their peer, or changed. Importing twice is harmless.
 */
class Bundle
{
    Q_DECLARE_TR_FUNCTIONS(Bundle)

public:
    static constexpr qint64 kMaxFileBytes = 512LL * 1024 * 1024;

    /** Writes this workstation's unsent events for the hub; returns how many. */
    static std::optional<int> exportAtWorkstation(db::Database& database, const QString& path, QString* error);
    /** Applies the hub's answer at the workstation. */
    static std::optional<BundleImport> importAtWorkstation(db::Database& database, const QString& path, QString* error);
    /** Applies a workstation's bundle at the hub (as a push). */
    static std::optional<BundleImport> importAtHub(HubStore& hub, const QString& path, QString* error);
    /** Writes the answer for one workstation; returns how many events it holds. */
    static std::optional<int> exportAtHub(HubStore& hub, const QString& workstation, const QString& path,
                                          QString* error);
};

} // namespace oneseal::sync
