#include "PasswordSlot.h"

#include "SealGrant.h"

#include <QStringList>

#include <openssl/evp.h>

#include <memory>

namespace oneseal::core {

namespace {
const QLatin1String kScheme("x25519-scrypt");
const QByteArray kSaltDomain = QByteArrayLiteral("oneseal-slot-key-v1:");
const QByteArray kSealContext = QByteArrayLiteral("oneseal-keyslot-x25519-v1");
} // namespace

std::optional<crypto::ScryptParams> PasswordSlot::paramsOf(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char('$'));
    if (parts.size() != 6)
        return std::nullopt;
    bool ok1 = false, ok2 = false, ok3 = false;
    const int log2n = parts[1].toInt(&ok1);
    crypto::ScryptParams params;
    params.r = parts[2].toUInt(&ok2);
    params.p = parts[3].toUInt(&ok3);
    if (!ok1 || !ok2 || !ok3 || log2n < 1 || log2n > 40)
        return std::nullopt;
    params.n = quint64(1) << log2n;
    if (!crypto::acceptableScryptParams(params))
        return std::nullopt;
    return params;
}

std::optional<PasswordSlot::Parsed> PasswordSlot::parse(const QString& text)
{
    if (text.size() > 512 || !text.startsWith(kScheme + QLatin1Char('$')))
        return std::nullopt;
    const auto params = paramsOf(text);
    if (!params)
        return std::nullopt;
    const QStringList parts = text.split(QLatin1Char('$'));
    Parsed p;
    p.params = *params;
    p.salt = QByteArray::fromBase64(parts[4].toLatin1());
    p.publicKey = QByteArray::fromBase64(parts[5].toLatin1());
    if (p.salt.size() < 16 || p.salt.size() > 64 || p.publicKey.size() != 32)
        return std::nullopt;
    return p;
}

QByteArray PasswordSlot::derivePrivate(const QString& password, const QByteArray& salt,
                                       const crypto::ScryptParams& params)
{
    if (salt.size() < 16)
        return {};
    return crypto::scrypt(password, kSaltDomain + salt, params, 32); // X25519 clamps it
}

QByteArray PasswordSlot::publicOf(const QByteArray& privateScalar)
{
    if (privateScalar.size() != 32)
        return {};
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr,
                                     reinterpret_cast<const unsigned char*>(privateScalar.constData()), 32),
        &EVP_PKEY_free);
    QByteArray raw(32, Qt::Uninitialized);
    size_t len = 32;
    if (!key || EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char*>(raw.data()), &len) != 1
        || len != 32)
        return {};
    return raw;
}

QString PasswordSlot::make(const QString& password, const crypto::ScryptParams& params)
{
    const QByteArray salt = crypto::randomBytes(16);
    QByteArray scalar = derivePrivate(password, salt, params);
    const QByteArray publicKey = publicOf(scalar);
    crypto::wipe(scalar);
    if (publicKey.isEmpty())
        return QString();
    int log2n = 0;
    while ((quint64(1) << log2n) < params.n)
        ++log2n;
    return QStringLiteral("%1$%2$%3$%4$%5$%6")
        .arg(kScheme)
        .arg(log2n)
        .arg(params.r)
        .arg(params.p)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(publicKey.toBase64()));
}

bool PasswordSlot::matches(const QString& password, const QString& text)
{
    const auto parsed = parse(text);
    if (!parsed)
        return false;
    QByteArray scalar = derivePrivate(password, parsed->salt, parsed->params);
    const bool ok = !scalar.isEmpty() && publicOf(scalar) == parsed->publicKey;
    crypto::wipe(scalar);
    return ok;
}

QByteArray PasswordSlot::seal(const QString& text, const QByteArray& secret, const QByteArray& aad)
{
    const auto parsed = parse(text);
    if (!parsed)
        return {};
    return SealGrant::sealToX25519(parsed->publicKey, secret, kSealContext, aad);
}

std::optional<QByteArray> PasswordSlot::open(const QString& password, const QByteArray& salt,
                                             const crypto::ScryptParams& params, const QByteArray& sealedBox,
                                             const QByteArray& aad)
{
    if (!crypto::acceptableScryptParams(params))
        return std::nullopt;
    QByteArray scalar = derivePrivate(password, salt, params);
    if (scalar.isEmpty())
        return std::nullopt;
    auto secret = SealGrant::openWithX25519(sealedBox, scalar, kSealContext, aad);
    crypto::wipe(scalar);
    return secret;
}

} // namespace oneseal::core
