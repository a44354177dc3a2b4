#include "HubFollowUp.h"

#include "services/Session.h"

namespace oneseal::sync {

std::optional<services::KeySlotChanges> HubFollowUp::apply(services::Session& session, QString* error)
{
    return services::KeySlotService(session).reconcile(error);
}

} // namespace oneseal::sync
