#include "CertificatePayload.h"
#include "CborInteger.h"

#include "Crypto.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QRegularExpression>

namespace oneseal::core {

namespace {

    const char kBase45Alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    constexpr int kFieldCount = 9;
    constexpr int kMaxSerial = 64;
    constexpr int kMaxMatterCode = 64;
    constexpr int kMaxHolderName = 100;
    constexpr int kMaxHolderId = 32;

    int base45Value(QChar c)
    {
        static const QByteArray alphabet(kBase45Alphabet);
        if (c.unicode() > 0x7f)
            return -1;
        return int(alphabet.indexOf(char(c.unicode())));
    }

    qint64 dateNumber(const QDate& date)
    {
        return date.isValid() ? date.year() * 10000 + date.month() * 100 + date.day() : 0;
    }

    /** Field names, in the order of the CBOR array, for messages. */
    QString fieldName(int index)
    {
        switch (index) {
        case 0: return CertificatePayload::tr("format version");
        case 1: return CertificatePayload::tr("serial");
        case 2: return CertificatePayload::tr("matter code");
        case 3: return CertificatePayload::tr("holder name");
        case 4: return CertificatePayload::tr("holder ID");
        case 5: return CertificatePayload::tr("issue date");
        case 6: return CertificatePayload::tr("valid-until date");
        case 7: return CertificatePayload::tr("document hash");
        case 8: return CertificatePayload::tr("key id");
        default: return CertificatePayload::tr("item %1").arg(index + 1);
        }
    }

    bool setError(QString* error, const QString& message)
    {
        if (error)
            *error = message;
        return false;
    }

} // namespace

bool CertificatePayload::validate(QString* error) const
{
    auto checkText = [&](const QString& value, int index, int maxLength, bool required) {
        if (required && value.trimmed().isEmpty())
            return setError(error, tr("The %1 is empty.").arg(fieldName(index)));
        if (value.size() > maxLength)
            return setError(error,
                tr("The %1 has %2 characters; at most %3 fit in the QR code.")
                    .arg(fieldName(index))
                    .arg(value.size())
                    .arg(maxLength));
        return true;
    };
    if (!checkText(serial, 1, kMaxSerial, true) || !checkText(matterCode, 2, kMaxMatterCode, true)
        || !checkText(holderName, 3, kMaxHolderName, true) || !checkText(holderId, 4, kMaxHolderId, false))
        return false;
    if (!issued.isValid() || issued.year() < 1000 || issued.year() > 9999)
        return setError(error, tr("The issue date is missing or not a date."));
    if (validUntil.isValid() && (validUntil < issued || validUntil.year() > 9999))
        return setError(error,
            tr("The certificate would end on %1, before it is issued on %2.")
                .arg(validUntil.toString(Qt::ISODate), issued.toString(Qt::ISODate)));
    if (documentHash.size() != kDocumentHashSize)
        return setError(
            error, tr("The document hash has %1 bytes instead of %2.").arg(documentHash.size()).arg(kDocumentHashSize));
    return true;
}

QByteArray CertificatePayload::toCbor() const
{
    QCborArray array;
    array.append(kFormatVersion);
    array.append(serial);
    array.append(matterCode);
    array.append(holderName);
    array.append(holderId);
    array.append(dateNumber(issued));
    array.append(dateNumber(validUntil));
    array.append(documentHash);
    array.append(keyId);
    return array.toCborValue().toCbor();
}

QString CertificatePayload::encode(const CertificatePayload& payload, const SealKey& key, QString* error)
{
    if (!payload.validate(error))
        return {};
    if (!key.hasPrivateKey()) {
        setError(error, tr("The seal key has no private half; a certificate cannot be signed with it."));
        return {};
    }
    CertificatePayload signedPayload = payload;
    signedPayload.keyId = key.keyIdBytes();
    const QByteArray message = signedPayload.toCbor();
    const QByteArray signature = key.sign(message);
    if (signature.size() != SealKey::kSignatureSize) {
        setError(error, tr("OpenSSL could not sign the certificate."));
        return {};
    }
    return prefix() + base45Encode(message + signature);
}

std::optional<SignedCertificatePayload> CertificatePayload::decode(const QString& rawText, QString* error)
{
    QString text = rawText;
    text.remove(QLatin1Char('\r')).remove(QLatin1Char('\n')).remove(QLatin1Char('\t'));
    if (text.isEmpty()) {
        setError(error, tr("The payload is empty."));
        return std::nullopt;
    }
    if (text.size() > kMaxTextLength) {
        setError(error,
            tr("The payload has %1 characters; no certificate payload is longer than %2.")
                .arg(text.size())
                .arg(kMaxTextLength));
        return std::nullopt;
    }
    if (!text.startsWith(prefix())) {
        static const QRegularExpression otherVersion(QStringLiteral("^OS(\\d+):"));
        const auto match = otherVersion.match(text);
        if (match.hasMatch())
            setError(error,
                tr("The payload is in format version %1; this program reads version 1 (\"OS1:\").")
                    .arg(match.captured(1)));
        else
            setError(error, tr("The text does not start with \"OS1:\", so it is not a OneSeal certificate payload."));
        return std::nullopt;
    }
    const auto wire = base45Decode(text.mid(prefix().size()), error, int(prefix().size()));
    if (!wire)
        return std::nullopt;
    if (wire->size() <= SealKey::kSignatureSize) {
        setError(error,
            tr("The payload holds %1 bytes, too few for the fields and a %2-byte signature.")
                .arg(wire->size())
                .arg(SealKey::kSignatureSize));
        return std::nullopt;
    }

    SignedCertificatePayload result;
    result.signedBytes = wire->left(wire->size() - SealKey::kSignatureSize);
    result.signature = wire->right(SealKey::kSignatureSize);

    QCborParserError parseError;
    const QCborValue value = QCborValue::fromCbor(result.signedBytes, &parseError);
    if (parseError.error != QCborError::NoError) {
        setError(error,
            tr("The fields are not valid CBOR (%1 at byte %2).").arg(parseError.errorString()).arg(parseError.offset));
        return std::nullopt;
    }
    if (parseError.offset != result.signedBytes.size()) {
        setError(error,
            tr("The fields end at byte %1, but the signature should start at byte %2: bytes were "
               "added or removed.")
                .arg(parseError.offset)
                .arg(result.signedBytes.size()));
        return std::nullopt;
    }
    if (!value.isArray()) {
        setError(error, tr("The fields are not a CBOR array."));
        return std::nullopt;
    }
    const QCborArray array = value.toArray();
    if (array.size() < 1 || !array.at(0).isInteger()) {
        setError(error, tr("The fields do not begin with a format version."));
        return std::nullopt;
    }
    if (cborInteger(array.at(0)) != kFormatVersion) {
        setError(error,
            tr("The fields are in format version %1; this program reads version %2.")
                .arg(cborInteger(array.at(0)))
                .arg(kFormatVersion));
        return std::nullopt;
    }
    if (array.size() != kFieldCount) {
        setError(error, tr("The fields hold %1 items instead of %2.").arg(array.size()).arg(kFieldCount));
        return std::nullopt;
    }
    auto string = [&](int index, QString* out) {
        if (!array.at(index).isString())
            return setError(error, tr("The %1 (item %2) is not a text string.").arg(fieldName(index)).arg(index + 1));
        *out = array.at(index).toString();
        return true;
    };
    auto date = [&](int index, QDate* out, bool mayBeZero) {
        const QCborValue item = array.at(index);
        if (!item.isInteger())
            return setError(error, tr("The %1 (item %2) is not a number.").arg(fieldName(index)).arg(index + 1));
        const qint64 n = cborInteger(item);
        if (n == 0 && mayBeZero) {
            *out = QDate();
            return true;
        }
        const QDate d = n > 0 && n <= 99991231 ? QDate(int(n / 10000), int(n / 100 % 100), int(n % 100)) : QDate();
        if (!d.isValid() || d.year() < 1000)
            return setError(error,
                tr("The %1 (item %2) holds %3, which is not a date written YYYYMMDD.")
                    .arg(fieldName(index))
                    .arg(index + 1)
                    .arg(n));
        *out = d;
        return true;
    };
    auto bytes = [&](int index, QByteArray* out, int size) {
        const QCborValue item = array.at(index);
        if (!item.isByteArray())
            return setError(error, tr("The %1 (item %2) is not a byte string.").arg(fieldName(index)).arg(index + 1));
        if (item.toByteArray().size() != size)
            return setError(error,
                tr("The %1 (item %2) has %3 bytes instead of %4.")
                    .arg(fieldName(index))
                    .arg(index + 1)
                    .arg(item.toByteArray().size())
                    .arg(size));
        *out = item.toByteArray();
        return true;
    };
    CertificatePayload& p = result.payload;
    if (!string(1, &p.serial) || !string(2, &p.matterCode) || !string(3, &p.holderName) || !string(4, &p.holderId)
        || !date(5, &p.issued, false) || !date(6, &p.validUntil, true) || !bytes(7, &p.documentHash, kDocumentHashSize)
        || !bytes(8, &p.keyId, SealKey::kKeyIdSize))
        return std::nullopt;
    // One payload, one encoding: anything else (longer integers, indefinite lengths) was not made here.
    if (p.toCbor() != result.signedBytes) {
        setError(error, tr("The fields are not in the canonical CBOR encoding this program writes."));
        return std::nullopt;
    }
    return result;
}

CertificateVerification CertificatePayload::verify(
    const QString& text, const QList<SealKey>& trustedKeys, const QDate& today)
{
    CertificateVerification result;
    QString error;
    result.decoded = decode(text, &error);
    if (!result.decoded) {
        result.status = CertificateVerification::Malformed;
        result.reason = error;
        return result;
    }
    const CertificatePayload& p = result.decoded->payload;
    const QString keyId = QString::fromLatin1(p.keyId.toHex());
    const SealKey* signer = nullptr;
    QStringList known;
    for (const SealKey& key : trustedKeys) {
        known.append(key.keyId());
        if (key.keyIdBytes() == p.keyId) {
            signer = &key;
            break;
        }
    }
    if (!signer) {
        result.status = CertificateVerification::UnknownKey;
        result.reason = trustedKeys.isEmpty()
            ? tr("The payload was signed with key %1, and no trusted key was given.").arg(keyId)
            : tr("The payload was signed with key %1, which is not a trusted key (trusted: %2).")
                  .arg(keyId, known.join(QStringLiteral(", ")));
        return result;
    }
    if (!signer->verify(result.decoded->signedBytes, result.decoded->signature)) {
        result.status = CertificateVerification::BadSignature;
        result.reason = tr("The signature does not match the fields: the payload was changed after it was signed, "
                           "or it was not signed by key %1.")
                            .arg(keyId);
        return result;
    }
    if (today.isValid() && today < p.issued) {
        result.status = CertificateVerification::NotYetValid;
        result.reason = tr("The certificate is issued on %1, after the checking date %2.")
                            .arg(p.issued.toString(Qt::ISODate), today.toString(Qt::ISODate));
        return result;
    }
    if (today.isValid() && p.validUntil.isValid() && today > p.validUntil) {
        result.status = CertificateVerification::Expired;
        result.reason = tr("The certificate expired: it was valid until %1, and the checking date is %2.")
                            .arg(p.validUntil.toString(Qt::ISODate), today.toString(Qt::ISODate));
        return result;
    }
    result.status = CertificateVerification::Valid;
    return result;
}

QByteArray CertificatePayload::hashDocument(const QByteArray& content)
{
    return crypto::sha256(content).left(kDocumentHashSize);
}

QByteArray CertificatePayload::contentBytes(const QString& templateId, const QMap<QString, QString>& fields)
{
    // QCborMap keeps insertion order; QMap iterates its keys in ascending order.
    QCborMap values;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        if (!it.value().isEmpty())
            values.insert(it.key(), it.value());
    QCborMap content;
    content.insert(QStringLiteral("t"), templateId);
    content.insert(QStringLiteral("f"), values);
    return content.toCborValue().toCbor();
}

QString CertificatePayload::base45Encode(const QByteArray& data)
{
    QString out;
    out.reserve(data.size() / 2 * 3 + 2);
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.constData());
    qsizetype i = 0;
    for (; i + 1 < data.size(); i += 2) {
        int n = bytes[i] * 256 + bytes[i + 1];
        out.append(QLatin1Char(kBase45Alphabet[n % 45]));
        n /= 45;
        out.append(QLatin1Char(kBase45Alphabet[n % 45]));
        out.append(QLatin1Char(kBase45Alphabet[n / 45]));
    }
    if (i < data.size()) {
        const int n = bytes[i];
        out.append(QLatin1Char(kBase45Alphabet[n % 45]));
        out.append(QLatin1Char(kBase45Alphabet[n / 45]));
    }
    return out;
}

std::optional<QByteArray> CertificatePayload::base45Decode(const QString& text, QString* error, int positionOffset)
{
    QByteArray out;
    out.reserve(text.size() / 3 * 2 + 1);
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (base45Value(text.at(i)) < 0) {
            setError(error,
                tr("Character %1 (\"%2\") is not a base45 character (0-9, A-Z, space, $%*+-./:).")
                    .arg(i + 1 + positionOffset)
                    .arg(text.at(i)));
            return std::nullopt;
        }
    }
    if (text.size() % 3 == 1) {
        setError(error,
            tr("The base45 text has %1 characters; a length of 3n+1 cannot be decoded (a character is "
               "missing or one too many).")
                .arg(text.size()));
        return std::nullopt;
    }
    for (qsizetype i = 0; i < text.size(); i += 3) {
        const bool pair = i + 2 >= text.size();
        int n = base45Value(text.at(i)) + base45Value(text.at(i + 1)) * 45;
        if (!pair)
            n += base45Value(text.at(i + 2)) * 45 * 45;
        if (n > (pair ? 0xff : 0xffff)) {
            setError(error,
                tr("Characters %1-%2 stand for %3, too large for base45 (at most %4).")
                    .arg(i + 1 + positionOffset)
                    .arg(i + (pair ? 2 : 3) + positionOffset)
                    .arg(n)
                    .arg(pair ? 0xff : 0xffff));
            return std::nullopt;
        }
        if (pair) {
            out.append(char(n));
        } else {
            out.append(char(n >> 8));
            out.append(char(n & 0xff));
        }
    }
    return out;
}

QString CertificateVerification::statusName(Status status)
{
    switch (status) {
    case Valid: return QStringLiteral("valid");
    case Malformed: return QStringLiteral("malformed");
    case UnknownKey: return QStringLiteral("unknown-key");
    case BadSignature: return QStringLiteral("bad-signature");
    case NotYetValid: return QStringLiteral("not-yet-valid");
    case Expired: return QStringLiteral("expired");
    }
    return QStringLiteral("malformed");
}

} // namespace oneseal::core
