#include "UserRolesService.h"

#include "db/Database.h"
#include "db/EventStore.h"
#include "db/KeyRing.h"
#include "db/UserDirectory.h"
#include "db/UserRepository.h"
#include "core/RoleChanges.h"

#include <algorithm>

namespace oneseal::services {

bool UserRolesService::setRoles(const QString& username, core::Roles roles, QString* error)
{
    auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return false;
    };
    if (!m_session.can(core::Action::ManageUsers))
        return fail(Session::refusal(core::Action::ManageUsers));
    const QSqlDatabase db = m_session.database().sql();
    if (db::UserDirectory::usersFromHub(db))
        return fail(tr("This hall's users are the hub's: change roles at the hub (oneseal-admin hub user-roles)."));
    if (roles == core::Roles())
        return fail(tr("Give the user at least one role."));
    db::UserRepository users(db);
    const auto user = users.byUsername(username.trimmed());
    if (!user)
        return fail(tr("There is no user %1.").arg(username.trimmed().left(64)));
    if (user->roles == roles)
        return true; // already so: nothing is recorded
    if (user->roles.testFlag(core::Role::Administrator) && !roles.testFlag(core::Role::Administrator)) {
        if (user->id == m_session.user().id)
            return fail(tr("An administrator cannot take the administrator's role from themselves."));
        const QList<core::User> all = users.all();
        if (std::none_of(all.cbegin(), all.cend(), [&](const core::User& u) {
                return u.id != user->id && u.active && u.roles.testFlag(core::Role::Administrator);
            }))
            return fail(tr("The hall must keep at least one enabled administrator."));
    }
    db::Transaction tx(db);
    if (!tx.isActive())
        return fail(tx.errorText());
    // The event carries the change; the users table follows it (db::UserRolesProjection).
    QString e;
    const auto event = m_session.events().append(QString(), core::RoleChanges::eventKind(),
                                                 core::RoleChanges::payload(user->id, roles, user->roles),
                                                 m_session.user().id, &e);
    if (!event || !tx.commit(&e))
        return fail(e);
    return true;
}

} // namespace oneseal::services
