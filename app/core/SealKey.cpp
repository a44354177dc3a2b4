#include "SealKey.h"

#include "Crypto.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

namespace oneseal::core {

namespace {

    using PKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
    using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
    using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

    const unsigned char* bytes(const QByteArray& data)
    {
        return reinterpret_cast<const unsigned char*>(data.constData());
    }

    PKey privateKey(const QByteArray& seed)
    {
        return PKey(
            EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes(seed), size_t(seed.size())), &EVP_PKEY_free);
    }

    PKey publicKey(const QByteArray& raw)
    {
        return PKey(
            EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes(raw), size_t(raw.size())), &EVP_PKEY_free);
    }

    QByteArray rawPublicOf(EVP_PKEY* key)
    {
        QByteArray raw(SealKey::kRawKeySize, Qt::Uninitialized);
        size_t len = size_t(raw.size());
        if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(raw.data()), &len) != 1
            || len != size_t(SealKey::kRawKeySize))
            return {};
        return raw;
    }

    QByteArray rawPrivateOf(EVP_PKEY* key)
    {
        QByteArray raw(SealKey::kRawKeySize, Qt::Uninitialized);
        size_t len = size_t(raw.size());
        if (EVP_PKEY_get_raw_private_key(key, reinterpret_cast<unsigned char*>(raw.data()), &len) != 1
            || len != size_t(SealKey::kRawKeySize)) {
            crypto::wipe(raw);
            return {};
        }
        return raw;
    }

    QByteArray bioContents(BIO* bio)
    {
        char* data = nullptr;
        const long len = BIO_get_mem_data(bio, &data);
        return len > 0 ? QByteArray(data, int(len)) : QByteArray();
    }

} // namespace

SealKey::~SealKey()
{
    // Wipe the seed when no other SealKey shares its bytes.
    if (m_seed.isDetached())
        crypto::wipe(m_seed);
}

SealKey SealKey::generate()
{
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
        EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr), &EVP_PKEY_CTX_free);
    EVP_PKEY* raw = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1)
        return {};
    const PKey key(raw, &EVP_PKEY_free);
    SealKey result;
    result.m_seed = rawPrivateOf(key.get());
    result.m_public = rawPublicOf(key.get());
    if (result.m_seed.isEmpty() || result.m_public.isEmpty())
        return {};
    return result;
}

std::optional<SealKey> SealKey::fromPrivatePem(const QByteArray& pem, QString* error)
{
    const Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), &BIO_free);
    const PKey key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
    if (!key) {
        if (error)
            *error = tr("This is not a private key in PEM form (\"-----BEGIN PRIVATE KEY-----\").");
        return std::nullopt;
    }
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519) {
        if (error)
            *error = tr("The private key is not an Ed25519 key; the seal key must be Ed25519.");
        return std::nullopt;
    }
    SealKey result;
    result.m_seed = rawPrivateOf(key.get());
    result.m_public = rawPublicOf(key.get());
    if (result.m_seed.isEmpty() || result.m_public.isEmpty()) {
        if (error)
            *error = tr("The private key could not be read.");
        return std::nullopt;
    }
    return result;
}

std::optional<SealKey> SealKey::fromPublicPem(const QByteArray& pem, QString* error)
{
    const Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), &BIO_free);
    const PKey key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
    if (!key) {
        if (error)
            *error = tr("This is not a public key in PEM form (\"-----BEGIN PUBLIC KEY-----\").");
        return std::nullopt;
    }
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519) {
        if (error)
            *error = tr("The public key is not an Ed25519 key; the seal key must be Ed25519.");
        return std::nullopt;
    }
    SealKey result;
    result.m_public = rawPublicOf(key.get());
    if (result.m_public.isEmpty()) {
        if (error)
            *error = tr("The public key could not be read.");
        return std::nullopt;
    }
    return result;
}

std::optional<SealKey> SealKey::fromRawPrivate(const QByteArray& seed, QString* error)
{
    if (seed.size() != kRawKeySize) {
        if (error)
            *error = tr("A raw Ed25519 private key has %1 bytes, not %2.").arg(kRawKeySize).arg(seed.size());
        return std::nullopt;
    }
    const PKey key = privateKey(seed);
    SealKey result;
    if (key) {
        result.m_seed = seed;
        result.m_seed.detach();
        result.m_public = rawPublicOf(key.get());
    }
    if (result.m_public.isEmpty()) {
        if (error)
            *error = tr("OpenSSL refused the raw private key.");
        return std::nullopt;
    }
    return result;
}

std::optional<SealKey> SealKey::fromRawPublic(const QByteArray& publicKeyBytes, QString* error)
{
    if (publicKeyBytes.size() != kRawKeySize) {
        if (error)
            *error = tr("A raw Ed25519 public key has %1 bytes, not %2.").arg(kRawKeySize).arg(publicKeyBytes.size());
        return std::nullopt;
    }
    if (!publicKey(publicKeyBytes)) {
        if (error)
            *error = tr("OpenSSL refused the raw public key.");
        return std::nullopt;
    }
    SealKey result;
    result.m_public = publicKeyBytes;
    return result;
}

QByteArray SealKey::privatePem() const
{
    if (!hasPrivateKey())
        return {};
    const PKey key = privateKey(m_seed);
    const Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!key || !bio || PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    return bioContents(bio.get());
}

QByteArray SealKey::publicPem() const
{
    if (isNull())
        return {};
    const PKey key = publicKey(m_public);
    const Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!key || !bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1)
        return {};
    return bioContents(bio.get());
}

QString SealKey::keyIdOf(const QByteArray& rawPublicKey)
{
    if (rawPublicKey.isEmpty())
        return {};
    return QString::fromLatin1(crypto::sha256(rawPublicKey).left(kKeyIdSize).toHex());
}

QByteArray SealKey::keyIdBytes() const
{
    if (isNull())
        return {};
    return crypto::sha256(m_public).left(kKeyIdSize);
}

QByteArray SealKey::sign(const QByteArray& message) const
{
    if (!hasPrivateKey())
        return {};
    const PKey key = privateKey(m_seed);
    const MdCtx ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    QByteArray signature(kSignatureSize, Qt::Uninitialized);
    size_t len = size_t(signature.size());
    // Ed25519 signs the message itself (no separate digest): EVP_DigestSign in one shot.
    if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1
        || EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &len, bytes(message),
               size_t(message.size()))
            != 1
        || len != size_t(kSignatureSize))
        return {};
    return signature;
}

bool SealKey::verify(const QByteArray& message, const QByteArray& signature) const
{
    if (isNull() || signature.size() != kSignatureSize)
        return false;
    const PKey key = publicKey(m_public);
    const MdCtx ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    return key && ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1
        && EVP_DigestVerify(
               ctx.get(), bytes(signature), size_t(signature.size()), bytes(message), size_t(message.size()))
        == 1;
}

} // namespace oneseal::core
