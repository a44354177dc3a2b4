#include "HubUsers.h"

#include "HubEventLog.h"
#include "HubReference.h"
#include "db/Database.h"
#include "db/KeyRing.h"
#include "core/PasswordAuth.h"

#include <QDebug>
#include "db/UserCreation.h"
#include "db/UserRepository.h"

#include <QCborMap>
#include <QCborValue>

namespace oneseal::sync {

bool HubUsers::add(const QString& username, const QString& displayName, core::Roles roles, const QString& password,
                   QString* error, const core::crypto::ScryptParams& kdf, bool mustChange)
{
    const auto user =
        db::UserCreation::prepare(m_database.sql(), {username, displayName, roles, password, kdf, mustChange}, error);
    if (!user)
        return false;
    {
        db::Transaction tx(m_database.sql());
        if (!tx.isActive()) {
            if (error)
                *error = tx.errorText();
            return false;
        }
        // Written by the new user's id, as the hub has no logged-in user.
        const auto event = db::UserCreation::record(m_log.events(), *user, user->id, error);
        if (!event || !m_log.acknowledgeOwn(*event, error) || !tx.commit(error))
            return false;
    }
    return m_reference.publishUsers(error);
}

bool HubUsers::add(const QString& username, const QString& displayName, const QString& roleKeys,
                   const QString& password, QString* error, const core::crypto::ScryptParams& kdf)
{
    QStringList unknown;
    const core::Roles roles = core::rolesFromKeys(roleKeys, &unknown);
    if (!unknown.isEmpty()) {
        if (error)
            *error = tr("Unknown roles: %1").arg(unknown.join(QStringLiteral(", ")));
        return false;
    }
    return add(username, displayName, roles, password, error, kdf, true);
}

bool HubUsers::setEnabled(const QString& username, bool enabled, const QString& actingUsername, QString* error)
{
    db::UserRepository users(m_database.sql());
    const auto user = users.byUsername(username);
    if (!user) {
        if (error)
            *error = tr("There is no user %1 at this hub.").arg(username);
        return false;
    }
    if (!enabled && db::KeyRing::normalize(username) == db::KeyRing::normalize(actingUsername)) {
        if (error)
            *error = tr("An administrator cannot disable their own account.");
        return false;
    }
    if (user->active == enabled)
        return true; // already so: nothing changes, nothing is published
    return users.setActive(user->id, enabled, error) && m_reference.publishUsers(error);
}

bool HubUsers::takePasswordChanges(const QList<core::Event>& events, QString* error)
{
    // A user who changed their password at a workstation: the hub takes the new hash (users are the
    // hub's reference data) and publishes the users again, so every workstation's key slot and the
    // seal's password check follow. Only an admitted change (signed by the user's own key, which
    // the caller checked) whose proof shows knowledge of the old password counts: the proof is a
    // signature by the old password's auth key (core::PasswordAuth), which neither the hash nor the
    // auth key held on workstations lets anyone make.
    bool changed = false;
    db::UserRepository users(m_database.sql());
    for (const core::Event& e : events) {
        if (e.kind != QLatin1String("user.password_changed"))
            continue;
        const QCborMap payload = QCborValue::fromCbor(e.payloadCbor).toMap();
        const QString userId = payload.value(QStringLiteral("user_id")).toString();
        const QString hash = payload.value(QStringLiteral("password_hash")).toString();
        const QString authKey = payload.value(QStringLiteral("auth_key")).toString();
        const QByteArray proof = payload.value(QStringLiteral("proof")).toByteArray();
        QByteArray salt, verifier;
        core::crypto::ScryptParams params;
        const auto target = users.byId(userId);
        if (userId.isEmpty() || userId != e.userId || !target
            || !core::crypto::parsePasswordHash(hash, &salt, &params, &verifier))
            continue; // an older client's event, or not the user's own: the event stays, the users don't change
        // An administrator's password changes only at the hub, never from a workstation's event.
        if (target->roles.testFlag(core::Role::Administrator)) {
            qWarning().noquote() << "password change from" << e.workstation << "for administrator" << target->username
                                 << "refused: an administrator's password changes only at the hub";
            continue;
        }
        if (!core::PasswordAuth::verify(target->authKey, userId, hash, authKey, proof)) {
            qWarning().noquote() << "password change from" << e.workstation << "for" << target->username
                                 << "refused: it does not prove knowledge of the old password";
            continue;
        }
        if (!users.updatePassword(userId, hash, authKey, false, error))
            return false;
        changed = true;
    }
    return !changed || m_reference.publishUsers(error);
}

} // namespace oneseal::sync
