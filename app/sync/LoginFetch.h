#pragma once

#include "services/AuthService.h"

namespace oneseal::sync {

/**
 * The login's look at the hall's hub before a user's first signing key would be made at this
 * workstation (docs/SECURITY.md, "A second workstation before it has synced"): one sync round, each
 * wait for the hub bounded by kTimeoutMs, so that a key registered at another workstation is here
 * before the login decides. Not enrolled: nothing is asked. Given to services::AuthService by the
 * client and the command line (services do not link sync).
 */
class LoginFetch
{
public:
    /** Each wait for the hub (connect, every reply) during a login: a hub that does not answer costs this. */
    static constexpr int kTimeoutMs = 3000;
    /** The same at a login of a user who has a key here (the client asks at every login): a hub down costs less. */
    static constexpr int kRefreshTimeoutMs = 1000;

    static services::AuthService::HubFetcher fetcher(const core::Clock& clock = core::Clock::system(),
                                                     int timeoutMs = kTimeoutMs);
};

} // namespace oneseal::sync
