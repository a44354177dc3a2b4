#pragma once

#include "Clock.h"
#include "SealKey.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace oneseal::core {

struct SignedCertificatePayload;
struct CertificateVerification;

/**
 * What a certificate's QR code says about it, signed with the hall's seal key so that anyone holding
 * the hall's public key can check a paper certificate offline. The text form is
 *
 *     "OS1:" + base45( CBOR array of the fields || 64-byte Ed25519 signature of that CBOR )
 *
 * Base45 (RFC 9285) uses exactly the 45 characters of the QR code's alphanumeric mode, so the whole
 * text, prefix included, is stored at 5.5 bits a character. docs/CERTIFICATES.md describes every
 * byte and how to check a payload with plain openssl.
 */
class CertificatePayload
{
    Q_DECLARE_TR_FUNCTIONS(CertificatePayload)

public:
    QString serial; ///< the certificate number (证书编号)
    QString matterCode; ///< the matter's basic code in the catalog
    QString holderName; ///< the holder (持证主体): a company's or a person's name
    QString holderId; ///< unified social credit code or resident ID number; may be empty
    QDate issued; ///< date of issue (发证日期)
    QDate validUntil; ///< last day of validity; invalid for a certificate without end (长期)
    QByteArray documentHash; ///< kDocumentHashSize bytes: see hashDocument()
    QByteArray keyId; ///< kKeyIdSize bytes: SealKey::keyIdBytes() of the signing key; set by encode()

    bool operator==(const CertificatePayload& other) const = default;

    /** The text every payload begins with; "1" is the format version. */
    static QString prefix() { return QStringLiteral("OS1:"); }
    /** The CBOR format version inside the payload. */
    static constexpr int kFormatVersion = 1;
    /** The document hash is SHA-256 truncated to its first 16 bytes (128 bits). */
    static constexpr int kDocumentHashSize = 16;
    /** The longest text decode() looks at; a QR code cannot hold more anyway. */
    static constexpr int kMaxTextLength = 4296;

    /**
     * Checks the fields (a serial, a matter code, a holder, a valid issue date, an end date not before
     * it, a document hash of the right size, texts short enough for a QR code). Returns false with
     * the first problem in @p error.
     */
    bool validate(QString* error) const;

    /** The bytes that are signed: the canonical CBOR array of the fields (keyId included as given). */
    QByteArray toCbor() const;

    /**
     * Signs the payload with @p key (its key id replaces keyId) and returns the text for the QR code.
     * Empty with @p error set when the fields are not valid or the key cannot sign.
     */
    static QString encode(const CertificatePayload& payload, const SealKey& key, QString* error);

    /**
     * Takes a payload text apart without checking the signature. Only CR, LF and tab characters are
     * ignored (a space is a base45 character). Returns nothing when the text is malformed, with
     * @p error naming the part that is wrong (prefix, base45 at a position, CBOR at a byte, a field).
     */
    static std::optional<SignedCertificatePayload> decode(const QString& text, QString* error);

    /**
     * Decodes @p text, finds the signing key among @p trustedKeys by key id, checks the signature and
     * then the dates against @p today. The result names the first failure exactly.
     */
    static CertificateVerification verify(
        const QString& text, const QList<SealKey>& trustedKeys, const QDate& today = Clock::system().today());

    /**
     * The document hash of a certificate: SHA-256 of @p content truncated to kDocumentHashSize bytes.
     * For a rendered certificate @p content is contentBytes() of its template and field values.
     */
    static QByteArray hashDocument(const QByteArray& content);

    /**
     * The canonical bytes of a certificate's content: the CBOR map {"t": templateId, "f": {key:
     * value, ...}} with the field keys in ascending order and empty values left out. The same
     * certificate always gives the same bytes, so its hash can be recomputed from the case.
     */
    static QByteArray contentBytes(const QString& templateId, const QMap<QString, QString>& fields);

    /** RFC 9285 base45 of @p data. */
    static QString base45Encode(const QByteArray& data);
    /**
     * Reverses base45Encode(); nothing when @p text is not base45, with @p error naming the
     * position (counted from 1 plus @p positionOffset, so positions can count from a prefix).
     */
    static std::optional<QByteArray> base45Decode(const QString& text, QString* error, int positionOffset = 0);
};

/** A decoded payload: its fields and the exact bytes the signature covers. */
struct SignedCertificatePayload
{
    CertificatePayload payload;
    QByteArray signedBytes; ///< the CBOR of the fields, as in the text (what openssl verifies)
    QByteArray signature; ///< 64 bytes of Ed25519 signature
};

/** The outcome of CertificatePayload::verify(). */
struct CertificateVerification
{
    enum Status {
        Valid,
        Malformed, ///< not a payload, or damaged: the reason names the part
        UnknownKey, ///< signed with a key that is not trusted here
        BadSignature, ///< the signature does not match: changed after signing, or forged
        NotYetValid, ///< issued after the checking date
        Expired ///< validity ended before the checking date
    };

    Status status = Malformed;
    QString reason; ///< empty when valid; otherwise one sentence saying exactly why not
    std::optional<SignedCertificatePayload> decoded; ///< present whenever the text could be decoded

    bool isValid() const { return status == Valid; }
    /** A short English name of the status, as the CLI prints it ("valid", "bad-signature", ...). */
    static QString statusName(Status status);
};

} // namespace oneseal::core
