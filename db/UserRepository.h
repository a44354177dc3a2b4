#pragma once

#include "core/User.h"

#include <QDateTime>
#include <QSqlDatabase>

#include <optional>

namespace oneseal::db {

/** The users table. */
class UserRepository
{
public:
    explicit UserRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    std::optional<core::User> byUsername(const QString& username) const;
    std::optional<core::User> byId(const QString& id) const;
    QList<core::User> all() const;

    bool insert(const core::User& user, QString* error);
    bool updatePasswordHash(const QString& userId, const QString& hash, QString* error);
    /**
     * A new password: its hash (empty at a workstation, which keeps none), its auth key
     * (core::PasswordAuth), its slot key (core::PasswordSlot) and whether it must be changed at first login.
     */
    bool updatePassword(const QString& userId, const QString& hash, const QString& authKey, bool mustChange,
                        QString* error, const QString& slotKey = QString());
    /**
     * An administrator's reset at the hub: as updatePassword() with must_change as given, but a disabled
     * user's row keeps its time (updated_at is when they were disabled, which every replica uses).
     */
    bool resetPassword(const QString& userId, const QString& hash, const QString& authKey, const QString& slotKey,
                       bool mustChange, QString* error);
    /** Enables or disables a user; a disabled user's events from this time on are refused. */
    bool setActive(const QString& userId, bool active, QString* error);
    /**
     * The user's roles now (a change of roles, recorded as user.roles_changed by the caller). Leaves
     * updated_at alone: for a disabled user it is the time of the disabling, which every replica compares with.
     */
    bool setRoles(const QString& userId, core::Roles roles, QString* error);
    /** When the user's row last changed (for a disabled user: since when they are disabled). */
    QDateTime updatedAt(const QString& userId) const;

private:
    std::optional<core::User> one(const QString& column, const QString& value) const;
    QSqlDatabase m_db;
};

} // namespace oneseal::db
