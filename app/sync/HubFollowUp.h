#pragma once

#include "services/KeySlotService.h"

#include <optional>

namespace oneseal::services {
class Session;
}

namespace oneseal::sync {

/**
 * What the workstation does once data from the hub has arrived (a sync round that succeeded, a
 * bundle imported): the session takes up a new catalog version if one arrived, and users the hub
 * added, changed or disabled get their key slots here (services::KeySlotService), with the
 * logged-in session, which holds the database key. Called by
 * the sync side (BackgroundSync, BundleTransfer, `oneseal-admin sync` and `bundle import`), never
 * by a widget.
 */
class HubFollowUp
{
public:
    static std::optional<services::KeySlotChanges> apply(services::Session& session, QString* error);
};

} // namespace oneseal::sync
