#include "HubFollowUp.h"

#include "services/Session.h"

namespace oneseal::sync {

std::optional<services::KeySlotChanges> HubFollowUp::apply(services::Session& session, QString* error)
{
    // A catalog version that came with the data is the one the next window opens with.
    session.reloadCatalogIfChanged();
    // So does a holiday calendar year (reference kind "holidays").
    session.reloadCalendarIfChanged();
    return services::KeySlotService(session).reconcile(error);
}

} // namespace oneseal::sync
