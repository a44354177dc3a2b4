#pragma once

#include "Session.h"
#include "core/Role.h"

#include <QCoreApplication>

namespace oneseal::services {

/**
 * Changing a user's roles at a standalone hall, whose administrator is the directory's authority
 * (in a hall with a hub, the hub is: `oneseal-admin hub user-roles`). The change is the event
 * user.roles_changed {user_id, roles, previous_roles} at this workstation's time; the user's events
 * count with the roles held when each was recorded (docs/SECURITY.md, "Changing roles"), and the
 * user sees the new roles at their next login.
 */
class UserRolesService
{
    Q_DECLARE_TR_FUNCTIONS(UserRolesService)

public:
    explicit UserRolesService(Session& session) : m_session(session) {}

    /**
     * Gives @p username exactly @p roles. Only an administrator; not in a hall with a hub; at least one
     * role; an administrator cannot take the administrator's role from themselves, and at least one
     * enabled administrator remains. Nothing changes on a refusal (*error says why).
     */
    bool setRoles(const QString& username, core::Roles roles, QString* error);

private:
    Session& m_session;
};

} // namespace oneseal::services
