#pragma once

#include <QCoreApplication>

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace oneseal::sync {

/** What a certificate says, as far as sync cares. */
struct CertificateInfo
{
    QString commonName;
    QString serial; ///< hex
    QDateTime notBefore;
    QDateTime notAfter;
    QByteArray publicKey; ///< DER SubjectPublicKeyInfo
    bool isCa = false;
};

/**
 * The hall's small certificate authority and the keys of sync, on OpenSSL's C API (no external
 * openssl command). Keys are passed around as DER (PKCS#8 private, SubjectPublicKeyInfo public),
 * certificates as DER. TLS keys are EC P-256; the seal-signing key is Ed25519.
 */
class Pki
{
    Q_DECLARE_TR_FUNCTIONS(Pki)

public:
    /** A new EC P-256 private key (PKCS#8 DER); empty on failure. */
    static QByteArray generateEcKey();
    /** A new Ed25519 private key (PKCS#8 DER); empty on failure. */
    static QByteArray generateEd25519Key();
    /** The public half of a private key (DER SubjectPublicKeyInfo). */
    static QByteArray publicKey(const QByteArray& privateKeyDer);
    /** The private key as PEM for QSslKey (EC keys in the traditional "EC PRIVATE KEY" form). */
    static QByteArray privateKeyPem(const QByteArray& privateKeyDer);
    static QByteArray certificatePem(const QByteArray& certificateDer);

    /** A self-signed CA certificate for the hall, valid for years. */
    static QByteArray createCaCertificate(const QByteArray& caKeyDer, const QString& commonName, int years,
                                          QString* error);

    /**
     * A certificate for subjectPublicKey, signed by the CA. server: for the hub (serverAuth, with the
     * host names/addresses in hosts); otherwise a workstation's client certificate (clientAuth).
     */
    static QByteArray issueCertificate(const QByteArray& caKeyDer, const QByteArray& caCertDer,
                                       const QByteArray& subjectPublicKey, const QString& commonName,
                                       const QDateTime& notBefore, const QDateTime& notAfter, bool server,
                                       const QStringList& hosts, QString* error);

    static std::optional<CertificateInfo> inspect(const QByteArray& certificateDer);

    /**
     * Whether cert was signed by the CA certificate and is valid at now; *error says why not (not
     * issued by this hall, not yet valid, expired).
     */
    static bool verifyIssuedBy(const QByteArray& certDer, const QByteArray& caCertDer, const QDateTime& now,
                               QString* error);

    /** Signs data with a private key (Ed25519, or ECDSA with SHA-256); empty on failure. */
    static QByteArray sign(const QByteArray& privateKeyDer, const QByteArray& data);
    static bool verify(const QByteArray& publicKeyDer, const QByteArray& data, const QByteArray& signature);

    /**
     * Encrypts for the holder of an EC P-256 key: an ephemeral key agreement (ECDH), HKDF-SHA256,
     * then AES-256-GCM with aad authenticated. Empty on failure.
     */
    static QByteArray sealFor(const QByteArray& recipientPublicKeyDer, const QByteArray& plaintext,
                              const QByteArray& aad);
    /** Reverses sealFor() with the recipient's private key; nullopt when it is not for this key or changed. */
    static std::optional<QByteArray> openSealed(const QByteArray& recipientPrivateKeyDer, const QByteArray& sealed,
                                                const QByteArray& aad);

    static QByteArray hmacSha256(const QByteArray& key, const QByteArray& data);
};

} // namespace oneseal::sync
