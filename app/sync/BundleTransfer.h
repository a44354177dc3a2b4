#pragma once

#include "Bundle.h"

#include <QCoreApplication>

#include <optional>

namespace oneseal::services {
class Session;
}

namespace oneseal::sync {

/**
 * Sync by file from the client (a county hall without network): the logged-in supervisor or
 * administrator writes this workstation's unsent events to a bundle for the hub, and reads the
 * hub's bundle back (events, reference data, number blocks; users the hub added get key slots).
 */
class BundleTransfer
{
    Q_DECLARE_TR_FUNCTIONS(BundleTransfer)

public:
    explicit BundleTransfer(services::Session& session) : m_session(session) {}

    /** Writes the bundle for the hub; the number of events in it. */
    std::optional<int> exportForHub(const QString& path, QString* error);
    /** Imports the hub's bundle for this workstation. */
    std::optional<BundleImport> importFromHub(const QString& path, QString* error);

private:
    bool allowed(QString* error) const;

    services::Session& m_session;
};

} // namespace oneseal::sync
