#pragma once

#include "core/Crypto.h"
#include "core/Event.h"
#include "core/Role.h"
#include "core/SealKey.h"
#include "core/User.h"

#include <QCoreApplication>

namespace oneseal::db {
class Database;
}

namespace oneseal::sync {

class HubEventLog;
class HubReference;

/** What HubUsers::resetPassword() did, for the administrator to hear. */
struct PasswordReset
{
    QString username;
    /** The user changes the password at her next login; not an administrator (theirs changes at the hub only). */
    bool mustChange = true;
    /** She held a grant of the seal key, sealed to the signing key the reset ended: nobody opens it now. */
    bool heldSealGrant = false;
};

/**
 * The hall's users at the hub, which is authoritative for them: adding one (db::UserCreation, the
 * same checks as at a workstation) and taking users' own password changes from pushed events; each
 * change publishes the users snapshot again.
 */
class HubUsers
{
    Q_DECLARE_TR_FUNCTIONS(HubStore)

public:
    HubUsers(db::Database& database, HubEventLog& log, HubReference& reference)
        : m_database(database)
        , m_log(log)
        , m_reference(reference)
    {
    }

    /**
     * Adds a user with these roles (a user.created event of the hub) and publishes the users again.
     * mustChange: the password is the administrator's choice for someone else, changed at the user's
     * first login (the hub's first administrator chooses their own).
     */
    bool add(const QString& username, const QString& displayName, core::Roles roles, const QString& password,
             QString* error, const core::crypto::ScryptParams& kdf = {}, bool mustChange = false);
    /**
     * As add(), the roles given as keys separated by commas ("intake_clerk,reviewer"): an administrator
     * adding someone else (`hub user-add`), whose password must be changed at their first login.
     */
    bool add(const QString& username, const QString& displayName, const QString& roleKeys, const QString& password,
             QString* error, const core::crypto::ScryptParams& kdf = {});
    /**
     * Disables (or enables again) a user at the hub, acting as the administrator @p actingUsername,
     * and publishes the users again: every replica refuses the user's events recorded from now on
     * and every workstation removes their key slot at its next sync. An administrator cannot
     * disable themselves (the hall would be left without one to undo it).
     */
    bool setEnabled(const QString& username, bool enabled, const QString& actingUsername, QString* error);
    /**
     * Changes a user's roles at the hub, acting as the administrator @p actingUsername (role keys
     * separated by commas, as add()): a user.roles_changed event of the hub, at the hub's time, and the
     * users published again. Every replica counts the user's events with the roles held when each was
     * recorded (docs/SECURITY.md, "Changing roles"). An administrator cannot take the administrator's
     * role from themselves, and at least one enabled administrator remains.
     */
    bool setRoles(const QString& username, const QString& roleKeys, const QString& actingUsername, QString* error);
    /**
     * Takes admitted user.roles_changed events of a standalone hall's administrator (a database that
     * joined later, or a modified client) into the users table, as the history of roles says now, and
     * publishes the users again when one changed: the roles at login follow the roles the rules use.
     */
    bool takeRoleChanges(const QList<core::Event>& events, QString* error);
    /**
     * An administrator (@p actingUsername, whose password the caller checked) sets a new password for
     * @p username at the hub: a new auth key and slot key (and a hash for an administrator, who logs in
     * here), recorded as the hub's event user.password_reset {user_id, auth_key, slot_key, by}, so that
     * every replica moves the user's auth key on and ends her signing key at the reset; her next
     * first key is proved by the new auth key. A user who is not an administrator must change the
     * password at her next login. Publishes the users again (workstations replace her key slot).
     */
    std::optional<PasswordReset> resetPassword(const QString& username, const QString& password,
                                               const QString& actingUsername, QString* error,
                                               const core::crypto::ScryptParams& kdf = {});
    /**
     * The users who could still get a first signing key without a proof by their password: no auth
     * key in the events (made before that rule) and no signing key yet (docs/SECURITY.md, "The first key").
     */
    QList<core::User> usersWithoutFirstKeyProof() const;
    /** Whether the hall already requires a proof for every first key (hall.first_key_proof_required). */
    bool firstKeyProofRequired() const;
    /**
     * Records hall.first_key_proof_required (the hub's event): from then on every replica refuses a
     * first key without a proof by the user's password, for every user. Refused, naming them, while
     * an enabled user is among usersWithoutFirstKeyProof(): their first login would be refused
     * everywhere; reset their passwords first.
     */
    bool requireFirstKeyProof(const QString& actingUsername, QString* error);
    /**
     * Takes the new password hashes of user.password_changed events into the users table (inside the
     * push's transaction) and publishes the users again when one changed.
     */
    bool takePasswordChanges(const QList<core::Event>& events, QString* error);

    /**
     * Grants the hall's seal key (the hub's, made at hub init) to @p username: sealed to the user's
     * current signing key in a seal_key.granted event of the hub (docs/SECURITY.md, "The seal key").
     * The user must have logged in once at a workstation that synced since.
     */
    bool grantSeal(const QString& username, QString* error);
    /** Ends @p username's grant (seal_key.revoked of the hub). */
    bool revokeSeal(const QString& username, QString* error);
    /**
     * After stored events: when one voided a certificate, publishes the signed list of every voided
     * serial again (reference data "revoked_serials", signed with the seal key).
     */
    bool publishRevokedSerials(const QList<core::Event>& events, QString* error);
    /** The hall's seal key held by the hub; nullopt with *error when it has none. */
    std::optional<core::SealKey> sealKey(QString* error) const;

private:
    db::Database& m_database;
    HubEventLog& m_log;
    HubReference& m_reference;
};

} // namespace oneseal::sync
