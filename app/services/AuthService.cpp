#include "AuthService.h"

#include "SigningKeys.h"
#include "core/EventAdmission.h"
#include "core/PasswordAuth.h"
#include "core/PasswordSlot.h"
#include "db/UserDirectory.h"
#include "KeySlotService.h"
#include "SealKeyService.h"

#include "db/KeyRing.h"
#include "db/ReferenceRepository.h"
#include "db/ThrottleFile.h"
#include "db/UserCreation.h"
#include "db/UserRepository.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QDebug>
#include <QCoreApplication>
#include <QUuid>

namespace oneseal::services {

namespace {

QString wrongCredentials()
{
    return AuthService::tr("The user name or the password is wrong.");
}
} // namespace

AuthService::AuthService(QString databasePath, const core::Clock& clock)
    : m_databasePath(std::move(databasePath))
    , m_clock(&clock)
{
}

int AuthService::secondsToWait() const
{
    const QDateTime now = m_clock->now();
    return db::ThrottleFile(m_databasePath).load(now).secondsToWait(now);
}

QString AuthService::waitMessage(int seconds)
{
    return tr("Too many wrong passwords. Try again in %n second(s).", nullptr, seconds);
}

int AuthService::secondsToWait(const Session& session)
{
    const QDateTime now = session.clock().now();
    return db::ThrottleFile(session.database().path()).load(now).secondsToWait(now);
}

std::unique_ptr<Session> AuthService::login(const QString& username, const QString& password, QString* error)
{
    auto fail = [error](const QString& text) -> std::unique_ptr<Session> {
        if (error)
            *error = text;
        return nullptr;
    };
    const db::ThrottleFile throttleFile(m_databasePath);
    core::LoginThrottle throttle = throttleFile.load(m_clock->now());
    if (const int wait = throttle.secondsToWait(m_clock->now()); wait > 0)
        return fail(waitMessage(wait));
    auto recordFailure = [&]() {
        throttle.recordFailure(m_clock->now());
        throttleFile.save(throttle);
    };
    if (username.trimmed().isEmpty() || password.isEmpty())
        return fail(tr("Enter your user name and password."));

    QString e;
    const auto ring = db::KeyRing::load(db::KeyRing::pathFor(m_databasePath), &e);
    if (!ring)
        return fail(e);
    auto key = ring->unlock(username, password);
    if (!key) {
        recordFailure();
        return fail(wrongCredentials());
    }
    auto database = db::Database::open(m_databasePath, *key, {}, &e);
    if (!database) {
        core::crypto::wipe(*key);
        return fail(e);
    }
    if (!database->migrate(&e)) {
        core::crypto::wipe(*key);
        return fail(e);
    }
    auto user = db::UserRepository(database->sql()).byUsername(username);
    if (!user || !user->active) {
        core::crypto::wipe(*key);
        recordFailure();
        return fail(user ? tr("This user account is disabled. Ask the hall administrator.") : wrongCredentials());
    }
    if (throttle.failures() > 0) {
        throttle.recordSuccess();
        throttleFile.save(throttle);
    }
    // A user without a signing key here may have one from another workstation whose registration has
    // not arrived (docs/SECURITY.md, "A second workstation before it has synced"): a new "first" key
    // would be refused by every replica that has hers. The hub is asked first, briefly; offline, the
    // hub's users say whether she has one, and then none is made here. The client asks at every login
    // ("A password changed elsewhere"): a key that ended elsewhere would sign what every replica refuses.
    const bool keyHere = db::UserDirectory(database->sql()).keyOfUserAt(user->id, QDateTime()).has_value();
    // Only a user of the hub's (not this workstation's own set-up administrator) can have one there.
    if (m_hubFetcher && (!keyHere || m_loginRound == LoginRound::EveryLogin) && hubUser(database->sql(), user->id)) {
        const QString authBefore = user->authKey;
        const QString slotBefore = user->slotKey;
        QString why;
        const HubFetch fetched = m_hubFetcher(*database, !keyHere, &why);
        if (fetched == HubFetch::Unreachable)
            qInfo().noquote() << "login: the hub did not answer:" << why;
        if (fetched == HubFetch::Fetched) { // the hub's users now: changed password, disabled
            user = db::UserRepository(database->sql()).byUsername(username);
            if (!user || !user->active) {
                core::crypto::wipe(*key);
                return fail(user ? tr("This user account is disabled. Ask the hall administrator.") : wrongCredentials());
            }
            // Her password was changed at another workstation or reset at the hub: the one typed opened
            // this workstation's old slot but is no longer hers. Her slot here follows the new password
            // at once (as after every sync), so that she logs in with it now.
            if ((user->authKey != authBefore || user->slotKey != slotBefore) && !user->authKey.isEmpty()
                && !core::PasswordAuth::open(password, user->authKey)) {
                {
                    Session followUp(std::move(database), *key, *user, *m_clock);
                    if (!KeySlotService(followUp).reconcile(&e))
                        qWarning().noquote() << "login: key slots:" << e;
                }
                core::crypto::wipe(*key);
                return fail(passwordChangedElsewhereMessage());
            }
        }
    }
    if (!keyHere && !db::UserDirectory(database->sql()).keyOfUserAt(user->id, QDateTime())
        && hubSaysKeyRegistered(database->sql(), user->id)) {
        core::crypto::wipe(*key);
        return fail(keyElsewhereMessage());
    }
    auto session = std::make_unique<Session>(std::move(database), std::move(*key), *user, *m_clock);
    // The login dialog shows the hall's name before the database is open: keep the key ring's copy current.
    if (const QString hall = session->hallName(); !hall.isEmpty() && ring->hallName() != hall) {
        // Read again: another process may have changed a slot since this login began.
        if (auto fresh = db::KeyRing::load(ring->path(), nullptr); fresh && fresh->hallName() != hall) {
            fresh->setHallName(hall);
            fresh->save(nullptr); // only a label: the login does not fail for it
        }
    }
    // The user's event signing key (docs/SECURITY.md): opened when the user has one, made at the first
    // login in a hall that signs its events. Wrapped as strongly as the user's password hash.
    const QSqlDatabase sql = session->database().sql();
    // A password an administrator set is changed first (mustChangePassword()): the key is made then,
    // wrapped under the user's own password, never under one somebody else knows.
    // A user who may hold the seal key needs one in a hall that keeps its own seal key (standalone,
    // or from before grants): the seal is sealed to it. A hub's workstations follow the hub's legacy point.
    const bool mayHoldSeal = (user->can(core::Action::PrintCertificate) || user->can(core::Action::ApplySeal)
                              || user->can(core::Action::ManageUsers))
        && !session->database().meta(QStringLiteral("seal_public_key")).isEmpty();
    if (!user->mustChange
        && (mayHoldSeal || db::UserDirectory(sql).keyOfUserAt(user->id, QDateTime())
            || db::UserDirectory::legacyHlc(sql) != core::EventAdmission::kAllUnsigned)) {
        // A new key costs what the user's password costs elsewhere (their slot key or auth key).
        core::crypto::ScryptParams kdf;
        QByteArray salt, verifier;
        if (const auto own = core::PasswordSlot::paramsOf(!user->slotKey.isEmpty() ? user->slotKey : user->authKey))
            kdf = *own;
        else
            core::crypto::parsePasswordHash(user->passwordHash, &salt, &kdf, &verifier);
        if (!SigningKeys::open(*session, password, &e, kdf))
            qWarning().noquote() << "signing key:" << e; // the events stay unsigned and every replica says so
    }
    // A database from before seal grants: an administrator's login seals its plain seal key to the
    // certificate operators and removes it (docs/SECURITY.md, "The seal key").
    if (!SealKeyService(*session).upgradeLegacyKey(&e))
        qWarning().noquote() << "seal key upgrade:" << e;
    return session;
}

std::optional<QCborMap> AuthService::hubUser(const QSqlDatabase& db, const QString& userId)
{
    // The newest users the hub published (a sync round or a USB bundle).
    const auto users = db::ReferenceRepository(db).latest(QStringLiteral("users"), nullptr);
    if (!users)
        return std::nullopt;
    for (const QCborValue& v : QCborValue::fromCbor(users->payload).toArray()) {
        const QCborMap u = v.toMap();
        if (u.value(QStringLiteral("id")).toString() == userId)
            return u;
    }
    return std::nullopt;
}

bool AuthService::hubSaysKeyRegistered(const QSqlDatabase& db, const QString& userId)
{
    // has_key, which the hub derives from its own directory (sync::HubReference::usersSnapshot).
    const auto u = hubUser(db, userId);
    return u && u->value(QStringLiteral("has_key")).toBool();
}

QString AuthService::passwordChangedElsewhereMessage()
{
    return tr("Your password was changed at another workstation or reset by the administrator. Log in with "
              "the new password.");
}

QString AuthService::keyElsewhereMessage()
{
    return tr("Your signing key was made at another workstation and has not reached this one yet. Connect "
              "to the hall's network, or import the latest USB bundle, and log in again.");
}

QString AuthService::hallNameOf(const QString& databasePath)
{
    const auto ring = db::KeyRing::load(db::KeyRing::pathFor(databasePath), nullptr);
    return ring ? ring->hallName() : QString();
}

bool AuthService::passwordMatches(const Session& session, const core::User& user, const QString& password)
{
    // A workstation keeps no password hash (docs/SECURITY.md, "What travels"): the password is checked
    // with the user's auth key, or their slot key, or their key slot here; a hash where one is left.
    if (!user.passwordHash.isEmpty())
        return core::crypto::verifyPassword(password, user.passwordHash);
    if (!user.authKey.isEmpty())
        return core::PasswordAuth::open(password, user.authKey).has_value();
    if (!user.slotKey.isEmpty())
        return core::PasswordSlot::matches(password, user.slotKey);
    const auto ring = db::KeyRing::load(session.keyRingPath(), nullptr);
    auto key = ring ? ring->unlock(user.username, password) : std::nullopt;
    const bool ok = key && *key == session.key();
    if (key)
        core::crypto::wipe(*key);
    return ok;
}

bool AuthService::verifyPassword(const Session& session, const QString& password)
{
    const db::ThrottleFile file(session.database().path());
    const QDateTime now = session.clock().now();
    core::LoginThrottle throttle = file.load(now);
    if (throttle.secondsToWait(now) > 0)
        return false;
    const bool ok = passwordMatches(session, session.user(), password);
    if (ok && throttle.failures() == 0)
        return true;
    ok ? throttle.recordSuccess() : throttle.recordFailure(now);
    file.save(throttle);
    return ok;
}

bool AuthService::changePassword(Session& session, const QString& oldPassword, const QString& newPassword,
                                 QString* error, const core::crypto::ScryptParams& kdf)
{
    auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return false;
    };
    if (!verifyPassword(session, oldPassword))
        return fail(tr("The current password is wrong."));
    if (QString e = core::validateNewPassword(newPassword); !e.isEmpty())
        return fail(e);
    if (newPassword == oldPassword)
        return fail(tr("The new password must differ from the current one."));

    // The proof the hub asks for (core::PasswordAuth): a signature by the old password's auth key. A
    // user made before auth keys existed has none; the hub then keeps their old password until an
    // administrator resets it there.
    std::optional<core::SealKey> oldAuth;
    if (!session.user().authKey.isEmpty()) {
        oldAuth = core::PasswordAuth::open(oldPassword, session.user().authKey);
        if (!oldAuth)
            return fail(tr("The current password is wrong."));
    }
    QString e;
    auto ring = db::KeyRing::load(session.keyRingPath(), &e);
    if (!ring)
        return fail(e);
    const db::KeyRing before = *ring;
    core::User updated = session.user();
    // No hash is kept or sent (docs/SECURITY.md, "What travels"): the new auth key proves the next
    // change, the new slot key lets other workstations seal a key slot for this password.
    updated.passwordHash.clear();
    updated.authKey = core::PasswordAuth::make(newPassword, kdf);
    updated.slotKey = core::PasswordSlot::make(newPassword, kdf);
    updated.mustChange = false;
    if (updated.authKey.isEmpty() || updated.slotKey.isEmpty())
        return fail(tr("The key slot could not be rewrapped."));
    if (!ring->setSlot(session.user().username, newPassword, session.key(), kdf, QString(), updated.slotKey)
        || !ring->save(&e))
        return fail(e.isEmpty() ? tr("The key slot could not be rewrapped.") : e);

    QCborMap payload{{QStringLiteral("user_id"), updated.id},
                     {QStringLiteral("auth_key"), updated.authKey},
                     {QStringLiteral("slot_key"), updated.slotKey}};
    if (oldAuth)
        payload.insert(QStringLiteral("proof"),
                       oldAuth->sign(core::PasswordAuth::changeMessageWithoutHash(updated.id, updated.authKey,
                                                                                  updated.slotKey)));
    const QSqlDatabase sql = session.database().sql();
    const bool hadKey = session.events().signer().hasPrivateKey();
    const bool signs = hadKey || db::UserDirectory::legacyHlc(sql) != core::EventAdmission::kAllUnsigned;
    db::Transaction tx(sql);
    const bool ok = tx.isActive()
        && db::UserRepository(sql).updatePassword(updated.id, updated.passwordHash, updated.authKey, false, &e,
                                                  updated.slotKey)
        // The first signing key, at the change an administrator's password forced: under the new password,
        // proved by the auth key of the password the administrator set (docs/SECURITY.md, "The first key").
        && (hadKey || !signs || SigningKeys::rotate(session, newPassword, &e, kdf, oldAuth ? &*oldAuth : nullptr))
        && session.events().append(QString(), QStringLiteral("user.password_changed"), payload, updated.id, &e)
        // A new signing key under the new password, registered by the old one (old events stay verifiable).
        && (!hadKey || SigningKeys::rotate(session, newPassword, &e, kdf))
        && tx.commit(&e);
    if (!ok) {
        before.save(nullptr); // the old password keeps working
        if (!hadKey)
            session.events().setSigner(core::SealKey());
        return fail(e.isEmpty() ? tx.errorText() : e);
    }
    session.refreshUser(updated);
    return true;
}

bool AuthService::addUser(Session& session, const QString& username, const QString& displayName, core::Roles roles,
                          const QString& password, QString* error, const core::crypto::ScryptParams& kdf,
                          bool mustChange)
{
    auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return false;
    };
    if (!session.can(core::Action::ManageUsers))
        return fail(Session::refusal(core::Action::ManageUsers));
    QString e;
    const auto prepared =
        db::UserCreation::prepare(session.database().sql(), {username, displayName, roles, password, kdf, mustChange, false}, &e);
    if (!prepared)
        return fail(e);
    const core::User& user = *prepared; // no password hash: a workstation keeps none

    auto ring = db::KeyRing::load(session.keyRingPath(), &e);
    if (!ring)
        return fail(e);
    const db::KeyRing before = *ring;
    if (!ring->setSlot(user.username, password, session.key(), kdf, QString(), user.slotKey) || !ring->save(&e))
        return fail(e.isEmpty() ? tr("The key slot could not be written.") : e);

    db::Transaction tx(session.database().sql());
    const bool ok = tx.isActive() && db::UserCreation::record(session.events(), user, session.user().id, &e)
        && tx.commit(&e);
    if (!ok) {
        before.save(nullptr);
        return fail(e.isEmpty() ? tx.errorText() : e);
    }
    return true;
}

std::optional<AuthService::PasswordReset> AuthService::resetPassword(Session& session, const QString& username,
                                                                    const QString& newPassword, QString* error,
                                                                    const core::crypto::ScryptParams& kdf)
{
    auto fail = [error](const QString& text) -> std::optional<PasswordReset> {
        if (error)
            *error = text;
        return std::nullopt;
    };
    if (!session.can(core::Action::ManageUsers))
        return fail(Session::refusal(core::Action::ManageUsers));
    const QSqlDatabase sql = session.database().sql();
    db::UserDirectory directory(sql);
    if (directory.hubHall())
        return fail(tr("This hall's users are the hub's: reset the password at the hub (oneseal-admin hub user-reset)."));
    db::UserRepository users(sql);
    const auto user = users.byUsername(username.trimmed());
    if (!user)
        return fail(tr("There is no user %1.").arg(username.trimmed().left(64)));
    if (user->id == session.user().id)
        return fail(tr("Change your own password instead (File → Change password)."));
    if (QString e = core::validateNewPassword(newPassword); !e.isEmpty())
        return fail(e);
    PasswordReset reset;
    reset.username = user->username;
    reset.heldSealGrant = !directory.sealGrantsOf(user->id, QDateTime()).isEmpty();
    const QString authKey = core::PasswordAuth::make(newPassword, kdf);
    const QString slotKey = core::PasswordSlot::make(newPassword, kdf);
    if (authKey.isEmpty() || slotKey.isEmpty())
        return fail(tr("The keys of the new password could not be made."));

    QString e;
    auto ring = db::KeyRing::load(session.keyRingPath(), &e);
    if (!ring)
        return fail(e);
    const db::KeyRing before = *ring;
    // Her slot here opens with the new password only (the old one may be known to others).
    if (!ring->setSlot(user->username, newPassword, session.key(), kdf, QString(), slotKey) || !ring->save(&e))
        return fail(e.isEmpty() ? tr("The key slot could not be written.") : e);
    db::Transaction tx(sql);
    const bool ok = tx.isActive() && users.resetPassword(user->id, QString(), authKey, slotKey, true, &e)
        && session.events().append(QString(), core::EventAdmission::passwordResetKind(),
                                   QCborMap{{QStringLiteral("user_id"), user->id},
                                            {QStringLiteral("auth_key"), authKey},
                                            {QStringLiteral("slot_key"), slotKey},
                                            {QStringLiteral("must_change"), true},
                                            {QStringLiteral("by"), session.user().id}},
                                   session.user().id, &e)
        && tx.commit(&e);
    if (!ok) {
        before.save(nullptr);
        return fail(e.isEmpty() ? tx.errorText() : e);
    }
    return reset;
}

std::optional<AuthService::PasswordReset> AuthService::resetPassword(Session& session, const QString& username,
                                                                    const QString& newPassword,
                                                                    const QString& adminPassword, QString* error,
                                                                    const core::crypto::ScryptParams& kdf)
{
    if (!session.can(core::Action::ManageUsers)) {
        if (error)
            *error = Session::refusal(core::Action::ManageUsers);
        return std::nullopt;
    }
    if (const int wait = secondsToWait(session); wait > 0) {
        if (error)
            *error = waitMessage(wait);
        return std::nullopt;
    }
    if (adminPassword.isEmpty() || !verifyPassword(session, adminPassword)) {
        if (error)
            *error = tr("Your password is wrong; no password was reset.");
        return std::nullopt;
    }
    return resetPassword(session, username, newPassword, error, kdf);
}

bool AuthService::resetsPasswordsHere(Session& session)
{
    return session.can(core::Action::ManageUsers) && !db::UserDirectory(session.database().sql()).hubHall();
}

std::optional<QByteArray> AuthService::recoverKey(const QString& databasePath, const QString& username,
                                                  const QString& password, QString* error)
{
    AuthService auth(databasePath);
    auto session = auth.login(username, password, error);
    if (!session)
        return std::nullopt;
    if (!session->can(core::Action::ExportKey)) {
        if (error)
            *error = Session::refusal(core::Action::ExportKey);
        return std::nullopt;
    }
    return session->key();
}

} // namespace oneseal::services
