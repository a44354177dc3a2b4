#include "UserCreation.h"

#include "EventStore.h"
#include "UserRepository.h"
#include "core/PasswordAuth.h"
#include "core/PasswordSlot.h"

#include <QCborMap>
#include <QUuid>

namespace oneseal::db {

std::optional<core::User> UserCreation::prepare(const QSqlDatabase& db, const NewUser& user, QString* error)
{
    auto fail = [error](const QString& text) -> std::optional<core::User> {
        if (error)
            *error = text;
        return std::nullopt;
    };
    const QString username = user.username.trimmed();
    const QString displayName = user.displayName.trimmed().isEmpty() ? username : user.displayName.trimmed();
    if (QString e = core::validateUsername(user.username); !e.isEmpty())
        return fail(e);
    if (QString e = core::validateDisplayName(displayName); !e.isEmpty())
        return fail(e);
    if (QString e = core::validateNewPassword(user.password); !e.isEmpty())
        return fail(e);
    if (user.roles == core::Roles())
        return fail(tr("Give the user at least one role."));
    if (UserRepository(db).byUsername(username))
        return fail(tr("The user name %1 is taken.").arg(username));
    core::User created;
    created.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    created.username = username;
    created.displayName = displayName;
    created.roles = user.roles;
    if (user.withHash)
        created.passwordHash = core::crypto::hashPassword(user.password, user.kdf);
    created.authKey = core::PasswordAuth::make(user.password, user.kdf);
    created.slotKey = core::PasswordSlot::make(user.password, user.kdf);
    if (created.authKey.isEmpty() || created.slotKey.isEmpty())
        return fail(tr("The keys of the new password could not be made."));
    created.mustChange = user.mustChange;
    return created;
}

std::optional<core::Event> UserCreation::record(EventStore& events, const core::User& user, const QString& authorId,
                                                QString* error)
{
    QCborMap payload{{QStringLiteral("user_id"), user.id},
                           {QStringLiteral("username"), user.username},
                           {QStringLiteral("display_name"), user.displayName},
                           {QStringLiteral("roles"), core::roleKeys(user.roles).join(QLatin1Char(','))}};
    // The auth key the administrator's password makes: a first signing key of the user is proved by it
    // (docs/SECURITY.md, "The first key"), on every replica from the events alone.
    if (!user.authKey.isEmpty())
        payload.insert(QStringLiteral("auth_key"), user.authKey);
    if (!UserRepository(events.database().sql()).insert(user, error))
        return std::nullopt;
    return events.append(QString(), eventKind(), payload, authorId, error);
}

} // namespace oneseal::db
