#pragma once

#include "Crypto.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace oneseal::core {

/**
 * A user's *slot key* (docs/SECURITY.md, "What travels"): an X25519 key pair whose private half is
 * derived by scrypt from the password with a salt and a domain of its own (not the password hash's,
 * not the auth key's). Only its public half travels, as text
 * "x25519-scrypt$<log2 N>$<r>$<p>$<salt>$<public>" (base64) in the users of the hall's reference data.
 * A workstation that must let a user in who never logged in there seals its database key to that
 * public key (core::SealGrant::sealToX25519: ephemeral X25519, SHA-256 key derivation, AES-256-GCM);
 * the user's password derives the private half at login and opens it. Nothing a workstation holds
 * opens such a slot without the password: the public key gives an offline guess at scrypt's cost,
 * as the auth key does.
 */
class PasswordSlot
{
public:
    struct Parsed
    {
        QByteArray salt;
        crypto::ScryptParams params;
        QByteArray publicKey; ///< raw X25519
    };

    /** A new slot key text for the password (a new salt); empty on failure. */
    static QString make(const QString& password, const crypto::ScryptParams& params = {});
    /** The parts of a slot key text; nullopt when it is not one or its cost is refused. */
    static std::optional<Parsed> parse(const QString& text);
    /** The X25519 private scalar the password derives with this salt and cost; empty on failure. */
    static QByteArray derivePrivate(const QString& password, const QByteArray& salt, const crypto::ScryptParams& params);
    /** The X25519 public key of a private scalar; empty on failure. */
    static QByteArray publicOf(const QByteArray& privateScalar);
    /** Whether @p password is the one of the slot key text (derives and compares the public key). */
    static bool matches(const QString& password, const QString& text);

    /** @p secret sealed to the slot key text's public key, bound to @p aad; empty when the text is not one. */
    static QByteArray seal(const QString& text, const QByteArray& secret, const QByteArray& aad);
    /** Opens what seal() made, with the password; nullopt for a wrong password or a changed box. */
    static std::optional<QByteArray> open(const QString& password, const QByteArray& salt,
                                          const crypto::ScryptParams& params, const QByteArray& sealedBox,
                                          const QByteArray& aad);
    /** SHA-256 of the text: which slot key a key slot was made for. */
    static QByteArray idOf(const QString& text) { return crypto::sha256(text.toUtf8()); }
    /** The cost a slot key or an auth key text names (the password's own cost), if it is one. */
    static std::optional<crypto::ScryptParams> paramsOf(const QString& text);
};

} // namespace oneseal::core
