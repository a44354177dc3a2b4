#pragma once

#include "Projection.h"

namespace oneseal::db {

/**
 * Keeps users.roles (the roles a login gives) in step with the admitted user.roles_changed events:
 * the roles of the newest change by recorded time, whatever order the changes arrived in. The users
 * are reference data (the hub publishes them, a standalone hall's administrator makes them), so the
 * projection owns no table and a rebuild folds the same result again. The rules read the whole
 * history from the events (db::UserDirectory::rolesAt), not from here.
 */
class UserRolesProjection final : public Projection
{
public:
    QStringList tables() const override { return {}; }
    bool apply(const QSqlDatabase& db, const core::Event& event, QString* error) override;
};

} // namespace oneseal::db
