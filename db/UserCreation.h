#pragma once

#include "core/Crypto.h"
#include "core/Event.h"
#include "core/User.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <optional>

namespace oneseal::db {

class EventStore;

/** Who is to be created: what an administrator enters. */
struct NewUser
{
    QString username;
    QString displayName; ///< blank: the user name
    core::Roles roles;
    QString password;
    core::crypto::ScryptParams kdf;
    /** An administrator sets this password for someone else: it is changed at the user's first login. */
    bool mustChange = false;
    /**
     * Whether the password's hash is made and kept: at the hub (its administrators log in there with
     * it); a workstation keeps none (docs/SECURITY.md, "What travels"), its auth key and slot key check.
     */
    bool withHash = true;
};

/**
 * Creating a user, the one way for every side that does it (the hall set-up and AuthService at a
 * workstation, `oneseal-admin hub init` and `hub user add` at the hub): the same checks, the users
 * row and its user.created event. Who may create users is checked by the caller (a service's role
 * check, the hub administrator's password).
 */
class UserCreation
{
    Q_DECLARE_TR_FUNCTIONS(AuthService)

public:
    /**
     * Checks the new user (user name, display name, password, at least one role, the user name not
     * taken in db) and builds it with a fresh id and the password's hash; nothing is stored.
     */
    static std::optional<core::User> prepare(const QSqlDatabase& db, const NewUser& user, QString* error);
    /**
     * Stores a prepared user and appends its user.created event written by authorId, inside the
     * caller's open transaction; the event, or nullopt with *error.
     */
    static std::optional<core::Event> record(EventStore& events, const core::User& user, const QString& authorId,
                                             QString* error);
    /** The kind of the event. */
    static QString eventKind() { return QStringLiteral("user.created"); }
};

} // namespace oneseal::db
