#pragma once

#include "Role.h"

#include <QString>

namespace oneseal::core {

/** A member of the hall's staff. */
struct User
{
    QString id;
    QString username;
    QString displayName;
    QString passwordHash; ///< crypto::hashPassword() text; never the password
    Roles roles;
    bool active = true;
    QString authKey;         ///< core::PasswordAuth text (public); empty for a user made before it existed
    bool mustChange = false; ///< the password was set by an administrator: changed at the first login
    QString slotKey; ///< core::PasswordSlot text (public); empty for a user whose password was set before it existed

    bool can(Action action) const { return active && mayPerform(roles, action); }
};

/** Checks a username: 2–32 characters of letters, digits, '.', '-' or '_'. Empty when valid. */
QString validateUsername(const QString& username);
/** Checks a new password: at least 8 characters, not only spaces. Empty when valid. */
QString validateNewPassword(const QString& password);
/** Checks a display name: 1–64 characters, no control characters. Empty when valid. */
QString validateDisplayName(const QString& name);

} // namespace oneseal::core
