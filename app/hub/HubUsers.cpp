#include "HubUsers.h"

#include "HubEventLog.h"
#include "HubReference.h"
#include "db/Database.h"
#include "db/KeyRing.h"
#include "core/PasswordAuth.h"
#include "core/PasswordSlot.h"

#include <QDebug>
#include "db/UserCreation.h"
#include "db/UserDirectory.h"
#include "db/UserRepository.h"
#include "db/hub/HubSecretRepository.h"
#include "core/CaseState.h"
#include "core/EventAdmission.h"
#include "core/SealGrant.h"
#include "core/EventAdmission.h"
#include "core/RoleChanges.h"

#include <QSqlQuery>

#include <algorithm>

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

bool HubUsers::setRoles(const QString& username, const QString& roleKeys, const QString& actingUsername,
                        QString* error)
{
    auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return false;
    };
    QStringList unknown;
    const core::Roles roles = core::rolesFromKeys(roleKeys, &unknown);
    if (!unknown.isEmpty())
        return fail(tr("Unknown roles: %1").arg(unknown.join(QStringLiteral(", ")).left(200)));
    if (roles == core::Roles())
        return fail(tr("Give the user at least one role."));
    db::UserRepository users(m_database.sql());
    const auto user = users.byUsername(username.trimmed());
    if (!user)
        return fail(tr("There is no user %1 at this hub.").arg(username.trimmed().left(64)));
    if (user->roles == roles)
        return true; // already so: nothing changes, nothing is published
    if (!roles.testFlag(core::Role::Administrator) && user->roles.testFlag(core::Role::Administrator)) {
        if (db::KeyRing::normalize(user->username) == db::KeyRing::normalize(actingUsername))
            return fail(tr("An administrator cannot take the administrator's role from themselves."));
        const QList<core::User> all = users.all();
        if (std::none_of(all.cbegin(), all.cend(), [&](const core::User& u) {
                return u.id != user->id && u.active && u.roles.testFlag(core::Role::Administrator);
            }))
            return fail(tr("The hall must keep at least one enabled administrator."));
    }
    db::Transaction tx(m_database.sql());
    if (!tx.isActive())
        return fail(tx.errorText());
    // An event of the hub, the directory's authority, at the hub's time (as a disabling's time).
    const auto event = m_log.events().append(QString(), core::RoleChanges::eventKind(),
                                             core::RoleChanges::payload(user->id, roles, user->roles), user->id, error);
    if (!event || !m_log.acknowledgeOwn(*event, error) || !users.setRoles(user->id, roles, error) || !tx.commit(error))
        return false;
    return m_reference.publishUsers(error);
}

bool HubUsers::takeRoleChanges(const QList<core::Event>& events, QString* error)
{
    const db::UserDirectory directory(m_database.sql());
    db::UserRepository users(m_database.sql());
    bool changed = false;
    for (const core::Event& e : events) {
        if (e.kind != core::RoleChanges::eventKind() || !e.quarantine.isEmpty())
            continue;
        const auto change = core::RoleChanges::fromEvent(e);
        const auto target = change ? users.byId(change->userId) : std::nullopt;
        if (!target)
            continue;
        const core::Roles now = directory.rolesAt(target->id, QDateTime());
        if (now == target->roles || now == core::Roles())
            continue;
        if (!users.setRoles(target->id, now, error))
            return false;
        changed = true;
    }
    return !changed || m_reference.publishUsers(error);
}

std::optional<PasswordReset> HubUsers::resetPassword(const QString& username, const QString& password,
                                                    const QString& actingUsername, QString* error,
                                                    const core::crypto::ScryptParams& kdf)
{
    auto fail = [error](const QString& text) -> std::optional<PasswordReset> {
        if (error)
            *error = text;
        return std::nullopt;
    };
    const QSqlDatabase sql = m_database.sql();
    db::UserRepository users(sql);
    const auto user = users.byUsername(username.trimmed());
    const auto admin = users.byUsername(actingUsername.trimmed());
    if (!user)
        return fail(tr("There is no user %1 at this hub.").arg(username.trimmed().left(64)));
    if (!admin || !admin->can(core::Action::ManageUsers))
        return fail(tr("Only an administrator of this hub may reset a password."));
    if (QString e = core::validateNewPassword(password); !e.isEmpty())
        return fail(e);
    PasswordReset reset;
    reset.username = user->username;
    // An administrator's password changes only here (never from a workstation's event): a forced
    // change at a workstation would never reach the hub, so they choose the new one themselves.
    reset.mustChange = !user->roles.testFlag(core::Role::Administrator);
    reset.heldSealGrant = !db::UserDirectory(sql).sealGrantsOf(user->id, QDateTime()).isEmpty();
    const QString authKey = core::PasswordAuth::make(password, kdf);
    const QString slotKey = core::PasswordSlot::make(password, kdf);
    // The hub keeps a hash only for those who log in here: its administrators.
    const QString hash = reset.mustChange ? QString() : core::crypto::hashPassword(password, kdf);
    if (authKey.isEmpty() || slotKey.isEmpty() || (!reset.mustChange && hash.isEmpty()))
        return fail(tr("The keys of the new password could not be made."));
    {
        db::Transaction tx(sql);
        if (!tx.isActive())
            return fail(tx.errorText());
        // An event of the hub, the directory's authority (as user.created), in the user's name; the
        // event store ends her signing key at its time (db::UserDirectory::applyReset).
        QString e;
        const auto event = users.resetPassword(user->id, hash, authKey, slotKey, reset.mustChange, &e)
            ? m_log.events().append(QString(), core::EventAdmission::passwordResetKind(),
                                    QCborMap{{QStringLiteral("user_id"), user->id},
                                             {QStringLiteral("auth_key"), authKey},
                                             {QStringLiteral("slot_key"), slotKey},
                                             {QStringLiteral("must_change"), reset.mustChange},
                                             {QStringLiteral("by"), admin->id}},
                                    user->id, &e)
            : std::nullopt;
        if (!event || !m_log.acknowledgeOwn(*event, &e) || !tx.commit(&e))
            return fail(e);
    }
    qInfo().noquote() << "password of" << user->username << "reset at the hub by" << admin->username;
    if (!m_reference.publishUsers(error))
        return std::nullopt;
    return reset;
}

QList<core::User> HubUsers::usersWithoutFirstKeyProof() const
{
    QList<core::User> found;
    const db::UserDirectory directory(m_database.sql());
    for (const core::User& u : db::UserRepository(m_database.sql()).all())
        if (directory.authKeyOf(u.id).isEmpty() && !directory.keyOfUserAt(u.id, QDateTime()))
            found << u;
    return found;
}

bool HubUsers::firstKeyProofRequired() const
{
    return db::UserDirectory(m_database.sql()).firstKeyProofRequired();
}

bool HubUsers::requireFirstKeyProof(const QString& actingUsername, QString* error)
{
    auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return false;
    };
    const auto admin = db::UserRepository(m_database.sql()).byUsername(actingUsername.trimmed());
    if (!admin || !admin->can(core::Action::ManageUsers))
        return fail(tr("Only an administrator of this hub may change what the hall requires."));
    if (firstKeyProofRequired())
        return true;
    QStringList enabled;
    for (const core::User& u : usersWithoutFirstKeyProof())
        if (u.active)
            enabled << u.username;
    if (!enabled.isEmpty())
        return fail(tr("These enabled users have no auth key and no signing key yet; their first login would be "
                       "refused everywhere. Reset their passwords first (hub user-reset), or disable them: %1")
                        .arg(enabled.join(QStringLiteral(", "))));
    db::Transaction tx(m_database.sql());
    if (!tx.isActive())
        return fail(tx.errorText());
    QString e;
    const auto event = m_log.events().append(QString(), core::EventAdmission::firstKeyProofRequiredKind(),
                                             QCborMap{{QStringLiteral("by"), admin->id}}, admin->id, &e);
    if (!event || !m_log.acknowledgeOwn(*event, &e) || !tx.commit(&e))
        return fail(e);
    return true;
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
        const QString slotKey = payload.value(QStringLiteral("slot_key")).toString();
        QByteArray salt, verifier;
        core::crypto::ScryptParams params;
        const auto target = users.byId(userId);
        // An older client sends the new hash; a current one the new slot key instead (no hash travels).
        const bool wellFormed = payload.contains(QStringLiteral("password_hash"))
            ? core::crypto::parsePasswordHash(hash, &salt, &params, &verifier)
            : core::PasswordSlot::parse(slotKey).has_value();
        if (userId.isEmpty() || userId != e.userId || !target || !wellFormed)
            continue; // an older client's event, or not the user's own: the event stays, the users don't change
        // An administrator's password changes only at the hub, never from a workstation's event.
        if (target->roles.testFlag(core::Role::Administrator)) {
            qWarning().noquote() << "password change from" << e.workstation << "for administrator" << target->username
                                 << "refused: an administrator's password changes only at the hub";
            continue;
        }
        if (!core::PasswordAuth::verifyChange(target->authKey, payload)) {
            qWarning().noquote() << "password change from" << e.workstation << "for" << target->username
                                 << "refused: it does not prove knowledge of the old password";
            continue;
        }
        // The hub keeps no hash of a user who is not an administrator: nobody logs in at the hub with it.
        if (!users.updatePassword(userId, hash, authKey, false, error, slotKey))
            return false;
        changed = true;
    }
    // A user's key registration: the users say she has a key (has_key) from now on.
    changed = changed || std::any_of(events.begin(), events.end(), [](const core::Event& e) {
        return e.kind == core::EventAdmission::keyRegisteredKind();
    });
    return !changed || m_reference.publishUsers(error);
}

std::optional<core::SealKey> HubUsers::sealKey(QString* error) const
{
    const auto secrets = db::HubSecretRepository(m_database.sql()).all(error);
    if (!secrets)
        return std::nullopt;
    // PKCS#8 DER of an Ed25519 key (Pki::generateEd25519Key): a fixed 16-byte header, then the seed.
    const QByteArray der = secrets->value(QStringLiteral("seal_signing_key"));
    static const QByteArray header = QByteArray::fromHex("302e020100300506032b657004220420");
    if (der.size() != 48 || !der.startsWith(header)) {
        if (error)
            *error = tr("This hub holds no seal key.");
        return std::nullopt;
    }
    return core::SealKey::fromRawPrivate(der.right(32), error);
}

bool HubUsers::grantSeal(const QString& username, QString* error)
{
    auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return false;
    };
    const auto user = db::UserRepository(m_database.sql()).byUsername(username.trimmed());
    if (!user || !user->active)
        return fail(tr("There is no enabled user %1 at the hub.").arg(username.trimmed().left(64)));
    if (!user->can(core::Action::PrintCertificate) && !user->can(core::Action::ApplySeal)
        && !user->can(core::Action::ManageUsers))
        return fail(tr("The seal key is granted only to certificate operators, approvers and administrators; %1 is "
                       "none of them.")
                        .arg(user->username));
    const auto recipient = db::UserDirectory(m_database.sql()).keyOfUserAt(user->id, QDateTime());
    if (!recipient)
        return fail(tr("%1 has no signing key at the hub yet: let them log in once at a workstation, sync it, then "
                       "grant again.")
                        .arg(user->username));
    const auto seal = sealKey(error);
    if (!seal)
        return false;
    const QByteArray wrapped = core::SealGrant::wrap(*seal, recipient->publicKey);
    if (wrapped.isEmpty())
        return fail(tr("The seal key could not be sealed to the signing key of %1.").arg(user->username));
    db::Transaction tx(m_database.sql());
    if (!tx.isActive())
        return fail(tx.errorText());
    // An event of the hub, the directory's authority (as user.created), in the grantee's name.
    const auto event = m_log.events().append(QString(), core::SealGrant::grantedKind(),
                                             QCborMap{{QStringLiteral("user_id"), user->id},
                                                      {QStringLiteral("seal_key_id"), seal->keyId()},
                                                      {QStringLiteral("seal_public_key"), seal->rawPublicKey()},
                                                      {QStringLiteral("recipient_key_id"), recipient->keyId},
                                                      {QStringLiteral("wrapped"), wrapped}},
                                             user->id, error);
    return event && m_log.acknowledgeOwn(*event, error) && tx.commit(error);
}

bool HubUsers::revokeSeal(const QString& username, QString* error)
{
    const auto user = db::UserRepository(m_database.sql()).byUsername(username.trimmed());
    const auto grants = user ? db::UserDirectory(m_database.sql()).sealGrantsOf(user->id, QDateTime())
                             : QList<core::SealGrantRecord>();
    if (grants.isEmpty()) {
        if (error)
            *error = tr("%1 holds no grant of the seal key.").arg(username.trimmed().left(64));
        return false;
    }
    db::Transaction tx(m_database.sql());
    if (!tx.isActive()) {
        if (error)
            *error = tx.errorText();
        return false;
    }
    for (const core::SealGrantRecord& g : grants) {
        const auto event = m_log.events().append(
            QString(), core::SealGrant::revokedKind(),
            QCborMap{{QStringLiteral("user_id"), user->id}, {QStringLiteral("seal_key_id"), g.sealKeyId}}, user->id,
            error);
        if (!event || !m_log.acknowledgeOwn(*event, error))
            return false;
    }
    return tx.commit(error);
}

bool HubUsers::publishRevokedSerials(const QList<core::Event>& events, QString* error)
{
    const bool voided = std::any_of(events.cbegin(), events.cend(), [](const core::Event& e) {
        return e.kind == core::eventkind::certificateVoided && e.quarantine.isEmpty();
    });
    if (!voided)
        return true;
    const auto seal = sealKey(nullptr);
    if (!seal)
        return true; // a hub from before seal keys publishes no list
    core::RevokedList list;
    list.hall = m_database.meta(QStringLiteral("hall_name"));
    list.issued = QDateTime::currentDateTimeUtc();
    QSqlQuery q(m_database.sql());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT payload FROM events WHERE kind = ? AND quarantine IS NULL"));
    q.addBindValue(core::eventkind::certificateVoided);
    if (q.exec())
        while (q.next() && list.serials.size() < core::RevokedList::kMaxSerials)
            if (const QString no = QCborValue::fromCbor(q.value(0).toByteArray())
                                       .toMap()
                                       .value(core::payload::certificateNo)
                                       .toString();
                !no.isEmpty() && no.size() <= core::RevokedList::kMaxSerialLength)
                list.serials << no;
    const QByteArray text = list.sign(*seal);
    return text.isEmpty() || m_reference.publish(QStringLiteral("revoked_serials"), text, error).has_value();
}

} // namespace oneseal::sync
