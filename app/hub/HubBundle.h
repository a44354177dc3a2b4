#pragma once

#include "protocol/BundleFile.h"

#include <QCoreApplication>

#include <optional>

namespace oneseal::sync {

class HubStore;

/**
 * Sync by file (docs/SYNC.md, "Bundles"), the hub's side: imports a workstation's bundle exactly as
 * a push (and its lease requests), and exports for one workstation everything after the cursor its
 * last bundle reported, with reference data, catalogs and its number blocks. The workstation's side
 * is sync::Bundle; the file format is BundleFile.
 */
class HubBundle
{
    Q_DECLARE_TR_FUNCTIONS(Bundle)

public:
    /** Applies a workstation's bundle at the hub (as a push). */
    static std::optional<BundleImport> importAtHub(HubStore& hub, const QString& path, QString* error);
    /** Writes the answer for one workstation; returns how many events it holds. */
    static std::optional<int> exportAtHub(HubStore& hub, const QString& workstation, const QString& path,
                                          QString* error);
};

} // namespace oneseal::sync
