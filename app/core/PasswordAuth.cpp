#include "PasswordAuth.h"

#include <QStringList>

namespace oneseal::core {

namespace {
const QLatin1String kScheme("ed25519-scrypt");
const QByteArray kSaltDomain = QByteArrayLiteral("oneseal-auth-key-v1:");

struct Parsed
{
    QByteArray salt;
    crypto::ScryptParams params;
    QByteArray publicKey;
};

std::optional<Parsed> parse(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char('$'));
    if (parts.size() != 6 || parts[0] != kScheme)
        return std::nullopt;
    bool ok1 = false, ok2 = false, ok3 = false;
    const int log2n = parts[1].toInt(&ok1);
    Parsed p;
    p.params.r = parts[2].toUInt(&ok2);
    p.params.p = parts[3].toUInt(&ok3);
    if (!ok1 || !ok2 || !ok3 || log2n < 1 || log2n > 40)
        return std::nullopt;
    p.params.n = quint64(1) << log2n;
    p.salt = QByteArray::fromBase64(parts[4].toLatin1());
    p.publicKey = QByteArray::fromBase64(parts[5].toLatin1());
    if (!crypto::acceptableScryptParams(p.params) || p.salt.size() < 16 || p.salt.size() > 64
        || p.publicKey.size() != SealKey::kRawKeySize)
        return std::nullopt;
    return p;
}

std::optional<SealKey> derive(const QString& password, const QByteArray& salt, const crypto::ScryptParams& params)
{
    QByteArray seed = crypto::scrypt(password, kSaltDomain + salt, params, SealKey::kRawKeySize);
    if (seed.isEmpty())
        return std::nullopt;
    auto key = SealKey::fromRawPrivate(seed, nullptr);
    crypto::wipe(seed);
    return key;
}
} // namespace

QString PasswordAuth::make(const QString& password, const crypto::ScryptParams& params, SealKey* keyOut)
{
    const QByteArray salt = crypto::randomBytes(16);
    const auto key = derive(password, salt, params);
    if (!key)
        return QString();
    int log2n = 0;
    while ((quint64(1) << log2n) < params.n)
        ++log2n;
    if (keyOut)
        *keyOut = *key;
    return QStringLiteral("%1$%2$%3$%4$%5$%6")
        .arg(kScheme)
        .arg(log2n)
        .arg(params.r)
        .arg(params.p)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(key->rawPublicKey().toBase64()));
}

std::optional<SealKey> PasswordAuth::open(const QString& password, const QString& authKey)
{
    const auto parsed = parse(authKey);
    if (!parsed)
        return std::nullopt;
    auto key = derive(password, parsed->salt, parsed->params);
    if (!key || key->rawPublicKey() != parsed->publicKey)
        return std::nullopt;
    return key;
}

QByteArray PasswordAuth::publicKeyOf(const QString& authKey)
{
    const auto parsed = parse(authKey);
    return parsed ? parsed->publicKey : QByteArray();
}

QByteArray PasswordAuth::changeMessage(const QString& userId, const QString& newPasswordHash, const QString& newAuthKey)
{
    return QByteArrayLiteral("oneseal-password-change-v1\n") + userId.toUtf8() + '\n' + newPasswordHash.toUtf8() + '\n'
        + newAuthKey.toUtf8();
}

QByteArray PasswordAuth::prove(const SealKey& oldKey, const QString& userId, const QString& newPasswordHash,
                               const QString& newAuthKey)
{
    return oldKey.sign(changeMessage(userId, newPasswordHash, newAuthKey));
}

bool PasswordAuth::verify(const QString& currentAuthKey, const QString& userId, const QString& newPasswordHash,
                          const QString& newAuthKey, const QByteArray& proof)
{
    const QByteArray publicKey = publicKeyOf(currentAuthKey);
    if (publicKey.isEmpty() || publicKeyOf(newAuthKey).isEmpty())
        return false;
    const auto key = SealKey::fromRawPublic(publicKey, nullptr);
    return key && key->verify(changeMessage(userId, newPasswordHash, newAuthKey), proof);
}

QByteArray PasswordAuth::changeMessageWithoutHash(const QString& userId, const QString& newAuthKey,
                                                  const QString& newSlotKey)
{
    return QByteArrayLiteral("oneseal-password-change-v2\n") + userId.toUtf8() + '\n' + newAuthKey.toUtf8() + '\n'
        + newSlotKey.toUtf8();
}

bool PasswordAuth::verifyChange(const QString& currentAuthKey, const QCborMap& payload)
{
    const QString userId = payload.value(QStringLiteral("user_id")).toString();
    const QString newAuthKey = payload.value(QStringLiteral("auth_key")).toString();
    const QByteArray proof = payload.value(QStringLiteral("proof")).toByteArray();
    if (payload.contains(QStringLiteral("password_hash")))
        return verify(currentAuthKey, userId, payload.value(QStringLiteral("password_hash")).toString(), newAuthKey,
                      proof);
    const QByteArray publicKey = publicKeyOf(currentAuthKey);
    const QString newSlotKey = payload.value(QStringLiteral("slot_key")).toString();
    if (publicKey.isEmpty() || publicKeyOf(newAuthKey).isEmpty() || newSlotKey.isEmpty() || newSlotKey.size() > 512)
        return false;
    const auto key = SealKey::fromRawPublic(publicKey, nullptr);
    return key && key->verify(changeMessageWithoutHash(userId, newAuthKey, newSlotKey), proof);
}

QByteArray PasswordAuth::firstKeyMessage(const QString& userId, const QString& keyId)
{
    return QByteArrayLiteral("oneseal-first-key-v1\n") + userId.toUtf8() + '\n' + keyId.toUtf8();
}

QByteArray PasswordAuth::proveFirstKey(const SealKey& authKey, const QString& userId, const QString& keyId)
{
    return authKey.sign(firstKeyMessage(userId, keyId));
}

bool PasswordAuth::verifyFirstKey(const QString& authKey, const QString& userId, const QString& keyId,
                                  const QByteArray& proof)
{
    const QByteArray publicKey = publicKeyOf(authKey);
    if (publicKey.isEmpty() || proof.size() != SealKey::kSignatureSize)
        return false;
    const auto key = SealKey::fromRawPublic(publicKey, nullptr);
    return key && key->verify(firstKeyMessage(userId, keyId), proof);
}

} // namespace oneseal::core
