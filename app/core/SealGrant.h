#pragma once

#include "SealKey.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

#include <algorithm>
#include <optional>

namespace oneseal::core {

/**
 * The hall's seal key handed to one named user (docs/SECURITY.md, "The seal key"). The private seal
 * key is sealed to the user's own signing key from the hall's directory: X25519 (RFC 7748) between
 * a fresh ephemeral key and the X25519 form of the user's Ed25519 public key (the birational map of
 * RFC 7748, section 4.1), SHA-256 of the shared secret and both public keys as the AES-256-GCM key.
 * Only the user's private signing key opens it, and that key opens only with the user's password:
 * neither the database key, nor another user's slot, nor the hub can.
 */
class SealGrant
{
    Q_DECLARE_TR_FUNCTIONS(SealGrant)

public:
    /** Event kinds: an administrator grants or revokes; the holder re-seals to a new signing key. */
    static QString grantedKind() { return QStringLiteral("seal_key.granted"); }
    static QString revokedKind() { return QStringLiteral("seal_key.revoked"); }
    static QString rewrappedKind() { return QStringLiteral("seal_key.rewrapped"); }
    /** Every use of the seal key: {certificate_no, document_hash, seal_key_id} on the case. */
    static QString signedKind() { return QStringLiteral("certificate.signed"); }
    static bool isGrantKind(const QString& kind) { return kind == grantedKind() || kind == rewrappedKind(); }

    /**
     * The seal's private key sealed to a user's Ed25519 signing key (raw public key @p recipient):
     * CBOR {ephemeral, sealed}. Empty when a key is malformed.
     */
    static QByteArray wrap(const SealKey& seal, const QByteArray& recipient);
    /** Opens what wrap() sealed with the recipient's private signing key; checks it is @p sealPublic. */
    static std::optional<SealKey> unwrap(const QByteArray& wrapped, const SealKey& recipient,
                                         const QByteArray& sealPublic);

    /**
     * The sealing itself, for any 32-byte secret and any X25519 recipient (the grants above, the key
     * slots of core::PasswordSlot): CBOR {ephemeral, sealed}, AES-256-GCM under SHA-256(context ||
     * X25519(ephemeral, recipient) || ephemeral public || recipient) with @p aad. Empty on failure.
     */
    static QByteArray sealToX25519(const QByteArray& recipientX, const QByteArray& secret, const QByteArray& context,
                                   const QByteArray& aad);
    /** Opens what sealToX25519() made with the recipient's X25519 private scalar; nullopt when it does not. */
    static std::optional<QByteArray> openWithX25519(const QByteArray& sealedBox, const QByteArray& privateScalar,
                                                    const QByteArray& context, const QByteArray& aad);

    /** The X25519 public key that corresponds to an Ed25519 public key; empty when it is not a point. */
    static QByteArray x25519FromEd25519Public(const QByteArray& edPublic);
    /** The X25519 private key of an Ed25519 seed (the first half of SHA-512 of the seed). */
    static QByteArray x25519FromEd25519Seed(const QByteArray& seed);
};

/** A grant as the directory holds it, from the admitted seal_key.* events. */
struct SealGrantRecord
{
    QString userId;
    QString sealKeyId;
    QByteArray sealPublic;  ///< raw Ed25519 public seal key
    QString recipientKeyId; ///< the user's directory key it is sealed to
    QByteArray wrapped;
    QDateTime grantedAt;
    QDateTime revokedAt; ///< invalid: in force
    bool validAt(const QDateTime& at) const { return at >= grantedAt && (!revokedAt.isValid() || at < revokedAt); }
};

/**
 * The hall's signed list of voided certificate serials (docs/SECURITY.md, "Voided certificates"),
 * signed with the hall's seal key, the key every verifier already trusts. The file is
 *
 *     -----BEGIN ONESEAL REVOKED SERIALS-----
 *     base64 of CBOR [body, key id (8 bytes), Ed25519 signature of "oneseal-revoked-v1:" || body]
 *     -----END ONESEAL REVOKED SERIALS-----
 *
 * where body is the CBOR map {"hall": text, "issued": ISO 8601 UTC, "serials": [text, ...]}.
 */
class RevokedList
{
    Q_DECLARE_TR_FUNCTIONS(RevokedList)

public:
    QString hall;
    QDateTime issued;
    QStringList serials; ///< sorted, unique
    QString keyId;       ///< the seal key that signed it (hex), set by parse()

    /** The signed file text; empty when the key cannot sign. */
    QByteArray sign(const SealKey& key) const;
    /**
     * Reads and checks a list: its form, its size bounds and its signature by one of @p trustedKeys.
     * nullopt with @p error saying why (tampered, unknown key, malformed).
     */
    static std::optional<RevokedList> parse(const QByteArray& text, const QList<SealKey>& trustedKeys, QString* error);

    bool contains(const QString& serial) const { return std::binary_search(serials.cbegin(), serials.cend(), serial); }

    static constexpr qsizetype kMaxBytes = 8 * 1024 * 1024;
    static constexpr qsizetype kMaxSerials = 200000;
    static constexpr qsizetype kMaxSerialLength = 64;
};

} // namespace oneseal::core
