#pragma once

#include "Crypto.h"
#include "SealKey.h"

#include <QCborMap>

#include <optional>

namespace oneseal::core {

/**
 * Proof of knowledge of a password, checkable by the hub against data that is not a password
 * equivalent. A user's *auth key* is an Ed25519 key whose private half is derived from the password
 * by scrypt with a salt of its own; its text form "ed25519-scrypt$<log2 N>$<r>$<p>$<salt>$<public>"
 * (base64) is kept in users.auth_key at the hub and on workstations. A password change carries the
 * new auth key and a signature by the old one over the user, the new password hash and the new auth
 * key: the hub takes the change only when that signature verifies against the auth key it holds.
 * Neither the password hash (another salt) nor the auth key's text lets anyone make the signature;
 * only the old password does.
 */
class PasswordAuth
{
public:
    /** A new auth key text for the password (a new salt); the private key is *key when given. */
    static QString make(const QString& password, const crypto::ScryptParams& params = {}, SealKey* key = nullptr);
    /** The auth key the password opens; nullopt when the text is not one or the password is not its. */
    static std::optional<SealKey> open(const QString& password, const QString& authKey);
    /** The raw public key of an auth key text; empty when the text is not one (or its cost is refused). */
    static QByteArray publicKeyOf(const QString& authKey);

    /** What a password change signs. */
    static QByteArray changeMessage(const QString& userId, const QString& newPasswordHash, const QString& newAuthKey);
    /** The proof of a change: signed by the old password's auth key. */
    static QByteArray prove(const SealKey& oldKey, const QString& userId, const QString& newPasswordHash,
                            const QString& newAuthKey);
    /** Whether @p proof shows knowledge of the password of @p currentAuthKey. */
    static bool verify(const QString& currentAuthKey, const QString& userId, const QString& newPasswordHash,
                       const QString& newAuthKey, const QByteArray& proof);

    /**
     * What a password change signs now that no hash travels (docs/SECURITY.md, "What travels"): the
     * user, the new auth key and the new slot key (core::PasswordSlot).
     */
    static QByteArray changeMessageWithoutHash(const QString& userId, const QString& newAuthKey,
                                               const QString& newSlotKey);
    /**
     * Whether a user.password_changed payload {user_id, auth_key, proof, and password_hash (older
     * clients) or slot_key} proves knowledge of the password of @p currentAuthKey.
     */
    static bool verifyChange(const QString& currentAuthKey, const QCborMap& payload);

    /**
     * A user's first signing key (one that signs its own registration) carries a proof by the auth
     * key of the password the administrator set, or the user's own (docs/SECURITY.md, "The first key"):
     * a signature over the user and the key id. The database key does not make it; only the password.
     */
    static QByteArray firstKeyMessage(const QString& userId, const QString& keyId);
    static QByteArray proveFirstKey(const SealKey& authKey, const QString& userId, const QString& keyId);
    static bool verifyFirstKey(const QString& authKey, const QString& userId, const QString& keyId,
                               const QByteArray& proof);
};

} // namespace oneseal::core
