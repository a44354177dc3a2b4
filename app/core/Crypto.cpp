#include "Crypto.h"

#include <QStringList>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cmath>
#include <memory>

namespace oneseal::core::crypto {

namespace {
constexpr int kNonceSize = 12;
constexpr int kTagSize = 16;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;
} // namespace

QByteArray randomBytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), count) != 1)
        qFatal("OpenSSL could not produce random bytes");
    return out;
}

QByteArray sha256(const QByteArray& data)
{
    QByteArray out(32, Qt::Uninitialized);
    unsigned int len = 0;
    // Fetched once: EVP_sha256() makes every EVP_Digest() look the implementation up in the provider
    // again (OpenSSL 3), which cost as much as hashing a short event record. Shared: EVP_MD is
    // thread-safe once fetched.
    static EVP_MD* const fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    EVP_Digest(data.constData(), size_t(data.size()), reinterpret_cast<unsigned char*>(out.data()), &len,
               fetched ? fetched : EVP_sha256(), nullptr);
    return out;
}

bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

void wipe(QByteArray& secret)
{
    if (!secret.isEmpty())
        OPENSSL_cleanse(secret.data(), size_t(secret.size()));
    secret.clear();
}

QByteArray scrypt(const QString& password, const QByteArray& salt, const ScryptParams& params, int keyLength)
{
    QByteArray pw = password.toUtf8();
    QByteArray out(keyLength, Qt::Uninitialized);
    const quint64 maxMem = 128 * params.r * (params.n + params.p + 2) + (1u << 20);
    const int ok = EVP_PBE_scrypt(pw.constData(), size_t(pw.size()), reinterpret_cast<const unsigned char*>(salt.constData()),
                                  size_t(salt.size()), params.n, params.r, params.p, maxMem,
                                  reinterpret_cast<unsigned char*>(out.data()), size_t(keyLength));
    wipe(pw);
    return ok == 1 ? out : QByteArray();
}

QByteArray aeadEncrypt(const QByteArray& key, const QByteArray& plaintext, const QByteArray& aad)
{
    if (key.size() != 32)
        return {};
    const QByteArray nonce = randomBytes(kNonceSize);
    QByteArray out = nonce;
    out.resize(kNonceSize + plaintext.size() + kTagSize);
    auto* cipher = reinterpret_cast<unsigned char*>(out.data() + kNonceSize);
    CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int len = 0;
    int total = 0;
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1
        || EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, reinterpret_cast<const unsigned char*>(key.constData()),
                              reinterpret_cast<const unsigned char*>(nonce.constData()))
               != 1)
        return {};
    if (!aad.isEmpty()
        && EVP_EncryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aad.constData()),
                             int(aad.size()))
               != 1)
        return {};
    if (EVP_EncryptUpdate(ctx.get(), cipher, &len, reinterpret_cast<const unsigned char*>(plaintext.constData()),
                          int(plaintext.size()))
        != 1)
        return {};
    total = len;
    if (EVP_EncryptFinal_ex(ctx.get(), cipher + total, &len) != 1)
        return {};
    total += len;
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, cipher + total) != 1)
        return {};
    return out;
}

std::optional<QByteArray> aeadDecrypt(const QByteArray& key, const QByteArray& sealed, const QByteArray& aad)
{
    if (key.size() != 32 || sealed.size() < kNonceSize + kTagSize)
        return std::nullopt;
    const int cipherLen = int(sealed.size()) - kNonceSize - kTagSize;
    const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.constData());
    const auto* cipher = nonce + kNonceSize;
    QByteArray tag = sealed.right(kTagSize);
    QByteArray plain(cipherLen, Qt::Uninitialized);
    CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int len = 0;
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1
        || EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, reinterpret_cast<const unsigned char*>(key.constData()), nonce)
               != 1)
        return std::nullopt;
    if (!aad.isEmpty()
        && EVP_DecryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aad.constData()),
                             int(aad.size()))
               != 1)
        return std::nullopt;
    if (EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &len, cipher, cipherLen) != 1)
        return std::nullopt;
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, tag.data()) != 1)
        return std::nullopt;
    int finalLen = 0;
    if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + len, &finalLen) != 1) {
        wipe(plain);
        return std::nullopt;
    }
    return plain;
}

int minimumScryptLog2N()
{
    static const int minimum = qEnvironmentVariableIntValue("ONESEAL_TEST_WEAK_KDF") == 1 ? 10 : 15;
    return minimum;
}

bool acceptableScryptParams(const ScryptParams& params)
{
    const bool powerOfTwo = params.n >= 2 && (params.n & (params.n - 1)) == 0;
    return powerOfTwo && params.n >= (quint64(1) << minimumScryptLog2N()) && params.r >= 8 && params.r <= 16
        && params.p >= 1 && params.p <= 4 && params.n <= kMaxScryptMemory / (128 * quint64(params.r));
}

QString hashPassword(const QString& password, const ScryptParams& params)
{
    const QByteArray salt = randomBytes(16);
    const QByteArray hash = scrypt(password, salt, params);
    const int log2n = int(std::log2(double(params.n)));
    return QStringLiteral("scrypt$%1$%2$%3$%4$%5")
        .arg(log2n)
        .arg(params.r)
        .arg(params.p)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(hash.toBase64()));
}

bool parsePasswordHash(const QString& encoded, QByteArray* salt, ScryptParams* params, QByteArray* hash)
{
    const QStringList parts = encoded.split(QLatin1Char('$'));
    if (parts.size() != 6 || parts[0] != QLatin1String("scrypt"))
        return false;
    bool ok1 = false, ok2 = false, ok3 = false;
    const int log2n = parts[1].toInt(&ok1);
    ScryptParams p;
    p.r = parts[2].toUInt(&ok2);
    p.p = parts[3].toUInt(&ok3);
    if (!ok1 || !ok2 || !ok3 || log2n < 1 || log2n > 40)
        return false;
    p.n = quint64(1) << log2n;
    if (!acceptableScryptParams(p))
        return false; // too weak to keep a password, or too costly to check
    const QByteArray s = QByteArray::fromBase64(parts[4].toLatin1());
    const QByteArray h = QByteArray::fromBase64(parts[5].toLatin1());
    if (s.isEmpty() || h.size() < 16 || h.size() > 64)
        return false;
    *salt = s;
    *params = p;
    *hash = h;
    return true;
}

bool verifyPassword(const QString& password, const QString& encoded)
{
    QByteArray salt, expected;
    ScryptParams params;
    if (!parsePasswordHash(encoded, &salt, &params, &expected))
        return false;
    const QByteArray actual = scrypt(password, salt, params, int(expected.size()));
    return !actual.isEmpty() && constantTimeEquals(actual, expected);
}

} // namespace oneseal::core::crypto
