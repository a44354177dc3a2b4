#pragma once

#include "protocol/BundleFile.h"

#include <QCoreApplication>

#include <optional>

namespace oneseal::db {
class Database;
}

namespace oneseal::sync {

/**
 * Sync by file for a hall without network (docs/SYNC.md, "Bundles"), the workstation's side: it
 * exports its unsent events "up" for the hub and imports the hub's answer "down" (events after its
 * cursor, reference data and number blocks, stored by the same HubDataReceiver as a network round).
 * The hub's side is HubBundle (app/hub); the file format is BundleFile (app/protocol). Each bundle is
 * signed by its sender's key and encrypted for its receiver's key; both sides refuse a bundle that is
 * not for them, not from their peer, or changed. Importing twice is harmless.
 */
class Bundle
{
    Q_DECLARE_TR_FUNCTIONS(Bundle)

public:
    /** Writes this workstation's unsent events for the hub; returns how many. */
    static std::optional<int> exportAtWorkstation(db::Database& database, const QString& path, QString* error);
    /** Applies the hub's answer at the workstation. */
    static std::optional<BundleImport> importAtWorkstation(db::Database& database, const QString& path, QString* error);
};

} // namespace oneseal::sync
