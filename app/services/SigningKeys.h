#pragma once

#include <QCoreApplication>

#include "Session.h"
#include "core/Crypto.h"

#include <QCborMap>

namespace oneseal::services {

/**
 * The logged-in user's event signing key (docs/SECURITY.md, "Authorship"). Each user has one current
 * Ed25519 key in the hall's directory (table user_keys, from user.key_registered events). Its private
 * half travels with the registration only wrapped with AES-256-GCM under scrypt(password, own salt):
 * neither the database key, nor another user's slot, nor the password hash (another salt) opens it.
 *
 * open() at login unwraps the current key and makes the session's event store sign with it; a user
 * without a key gets one, registered by an event signed with the new key itself (a first key). A
 * password change rotates: the new key's registration is signed by the old key, which stays valid
 * for the events it signed before.
 */
class SigningKeys
{
    Q_DECLARE_TR_FUNCTIONS(SigningKeys)

public:
    /** At login: the session signs from now on; false with *error when the key cannot be opened. */
    static bool open(Session& session, const QString& password, QString* error,
                     const core::crypto::ScryptParams& kdf = {});
    /**
     * A new key wrapped under newPassword, registered by an event signed with the current key (inside
     * the caller's transaction); the session signs with the new key afterwards.
     */
    static bool rotate(Session& session, const QString& newPassword, QString* error,
                       const core::crypto::ScryptParams& kdf = {}, const core::SealKey* firstKeyAuth = nullptr);

    /**
     * A user's first key, made and registered in @p events (inside the caller's transaction) while
     * the password is at hand: a new hall's administrator, who grants the seal key on. The store
     * signs with it afterwards. @p authKey: the user's auth key text, which proves the first key.
     */
    static std::optional<core::SealKey> registerFirstKey(db::EventStore& events, const QString& userId,
                                                         const QString& password,
                                                         const core::crypto::ScryptParams& kdf, QString* error,
                                                         const QString& authKey = QString());
    /**
     * The payload of a key registration; a first key (one that signs itself) carries the proof of
     * @p firstKeyAuth, the auth key of the user's password (docs/SECURITY.md, "The first key").
     */
    static QCborMap registration(const QString& userId, const core::SealKey& key, const QByteArray& wrapped,
                                 const core::SealKey* firstKeyAuth);

    /** The private key wrapped under a password: CBOR {salt, n, r, p, sealed}. */
    static QByteArray wrap(const core::SealKey& key, const QString& password, const core::crypto::ScryptParams& kdf);
    /** The key wrapped by wrap(), checked against its public half; nullopt for a wrong password. */
    static std::optional<core::SealKey> unwrap(const QByteArray& wrapped, const QString& password,
                                               const QByteArray& publicKey);

private:
    static bool registerKey(Session& session, const core::SealKey& key, const QString& password,
                            const core::crypto::ScryptParams& kdf, QString* error,
                            const core::SealKey* firstKeyAuth = nullptr);
};

} // namespace oneseal::services
