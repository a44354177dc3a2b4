#include "UserRolesProjection.h"

#include "UserDirectory.h"
#include "UserRepository.h"
#include "core/RoleChanges.h"

namespace oneseal::db {

bool UserRolesProjection::apply(const QSqlDatabase& db, const core::Event& event, QString* error)
{
    if (event.kind != core::RoleChanges::eventKind())
        return true;
    const auto change = core::RoleChanges::fromEvent(event);
    if (!change)
        return true; // malformed: quarantined by admission anyway, changes nothing
    UserRepository users(db);
    const auto user = users.byId(change->userId);
    if (!user)
        return true; // not (yet) in this replica's users: the hub's users bring the roles with them
    const core::Roles now = UserDirectory(db).rolesAt(user->id, QDateTime());
    if (now == user->roles || now == core::Roles())
        return true;
    return users.setRoles(user->id, now, error);
}

} // namespace oneseal::db
