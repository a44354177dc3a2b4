#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace oneseal::core {

/**
 * The hall's certificate signing key: an Ed25519 key pair (RFC 8032) handled with OpenSSL's EVP
 * interface. A certificate's QR code is signed with the private half; anyone holding the public half
 * verifies it offline, with this program or with plain `openssl pkeyutl` (docs/CERTIFICATES.md).
 *
 * A SealKey holds either both halves or only the public one (what a verifier has). Keys are kept as
 * their raw 32-byte forms; the private seed is wiped when the last copy goes away.
 */
class SealKey
{
    Q_DECLARE_TR_FUNCTIONS(SealKey)

public:
    /** An empty key: isNull() is true, it signs and verifies nothing. */
    SealKey() = default;
    ~SealKey();
    SealKey(const SealKey& other) = default;
    SealKey& operator=(const SealKey& other) = default;

    /** A new key pair from OpenSSL's random generator; a null key only if OpenSSL fails. */
    static SealKey generate();

    /**
     * Reads a private key in PEM: PKCS#8 "-----BEGIN PRIVATE KEY-----", as `openssl genpkey
     * -algorithm ed25519` writes it. Refuses any other algorithm with a message in @p error.
     */
    static std::optional<SealKey> fromPrivatePem(const QByteArray& pem, QString* error);

    /** Reads a public key in PEM: SubjectPublicKeyInfo "-----BEGIN PUBLIC KEY-----". */
    static std::optional<SealKey> fromPublicPem(const QByteArray& pem, QString* error);

    /** A key pair from its raw 32-byte private seed (RFC 8032); the public half is derived. */
    static std::optional<SealKey> fromRawPrivate(const QByteArray& seed, QString* error);

    /** A verifying key from the raw 32-byte public key. */
    static std::optional<SealKey> fromRawPublic(const QByteArray& publicKey, QString* error);

    bool isNull() const { return m_public.isEmpty(); }
    /** Whether this key can sign (holds the private half). */
    bool hasPrivateKey() const { return !m_seed.isEmpty(); }

    /** The private key as PKCS#8 PEM; empty when this key has no private half. Keep it secret. */
    QByteArray privatePem() const;
    /** The raw 32-byte private seed; empty when this key has no private half. Keep it secret. */
    QByteArray rawPrivateKey() const { return m_seed; }
    /** The public key as SubjectPublicKeyInfo PEM, the form `openssl pkeyutl -pubin` reads. */
    QByteArray publicPem() const;
    /** The raw 32-byte public key. */
    QByteArray rawPublicKey() const { return m_public; }

    /**
     * The key id printed in every signed payload: the first 8 bytes of SHA-256 of the raw public key,
     * as 16 lower-case hex digits. Lets a verifier pick the right key among the trusted ones.
     */
    QString keyId() const { return keyIdOf(m_public); }
    /** The key id (hex) of a raw public key; empty for an empty key. */
    static QString keyIdOf(const QByteArray& rawPublicKey);
    /** The key id as the 8 bytes stored in a payload. */
    QByteArray keyIdBytes() const;

    /** The 64-byte Ed25519 signature of @p message; empty when this key cannot sign. */
    QByteArray sign(const QByteArray& message) const;

    /** Whether @p signature is a valid Ed25519 signature of @p message by this key. */
    bool verify(const QByteArray& message, const QByteArray& signature) const;

    /** The size of a signature, of a raw key and of a key id in bytes. */
    static constexpr int kSignatureSize = 64;
    static constexpr int kRawKeySize = 32;
    static constexpr int kKeyIdSize = 8;

private:
    QByteArray m_seed; ///< raw private key, empty for a public-only key
    QByteArray m_public; ///< raw public key
};

} // namespace oneseal::core
