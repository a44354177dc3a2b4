#include "SealGrant.h"

#include "Crypto.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>

#include <openssl/bn.h>
#include <openssl/evp.h>

#include <memory>

namespace oneseal::core {

namespace {
const QByteArray kGrantContext = QByteArrayLiteral("oneseal-seal-grant-v1");
const QByteArray kRevokedContext = QByteArrayLiteral("oneseal-revoked-v1:");
const QString kEphemeral = QStringLiteral("ephemeral");
const QString kSealed = QStringLiteral("sealed");
const QByteArray kBegin = QByteArrayLiteral("-----BEGIN ONESEAL REVOKED SERIALS-----");
const QByteArray kEnd = QByteArrayLiteral("-----END ONESEAL REVOKED SERIALS-----");

using PKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Bn = std::unique_ptr<BIGNUM, decltype(&BN_free)>;

const unsigned char* bytes(const QByteArray& data)
{
    return reinterpret_cast<const unsigned char*>(data.constData());
}

QByteArray x25519Public(EVP_PKEY* key)
{
    QByteArray raw(32, Qt::Uninitialized);
    size_t len = 32;
    if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(raw.data()), &len) != 1 || len != 32)
        return {};
    return raw;
}

/** X25519(privateKey, peerPublic); empty on failure (a low-order peer point included). */
QByteArray sharedSecret(EVP_PKEY* privateKey, const QByteArray& peerPublic)
{
    const PKey peer(EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, bytes(peerPublic), size_t(peerPublic.size())),
                    &EVP_PKEY_free);
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new(privateKey, nullptr),
                                                                   &EVP_PKEY_CTX_free);
    QByteArray secret(32, Qt::Uninitialized);
    size_t len = 32;
    if (!peer || !ctx || EVP_PKEY_derive_init(ctx.get()) != 1 || EVP_PKEY_derive_set_peer(ctx.get(), peer.get()) != 1
        || EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(secret.data()), &len) != 1 || len != 32)
        return {};
    if (secret == QByteArray(32, '\0'))
        return {};
    return secret;
}

QByteArray wrappingKey(const QByteArray& context, QByteArray shared, const QByteArray& ephemeral,
                       const QByteArray& recipient)
{
    const QByteArray key = crypto::sha256(context + shared + ephemeral + recipient);
    crypto::wipe(shared);
    return key;
}
} // namespace

QByteArray SealGrant::x25519FromEd25519Public(const QByteArray& edPublic)
{
    if (edPublic.size() != SealKey::kRawKeySize || !SealKey::fromRawPublic(edPublic, nullptr))
        return {};
    // u = (1 + y) / (1 - y) mod p, p = 2^255 - 19; y is the encoding without its top (sign) bit.
    QByteArray yBytes = edPublic;
    yBytes[31] = char(quint8(yBytes[31]) & 0x7f);
    const Bn p(BN_new(), &BN_free), y(BN_lebin2bn(bytes(yBytes), 32, nullptr), &BN_free), one(BN_new(), &BN_free),
        num(BN_new(), &BN_free), den(BN_new(), &BN_free), u(BN_new(), &BN_free);
    std::unique_ptr<BN_CTX, decltype(&BN_CTX_free)> ctx(BN_CTX_new(), &BN_CTX_free);
    if (!p || !y || !one || !num || !den || !u || !ctx || !BN_set_word(one.get(), 1) || !BN_set_bit(p.get(), 255)
        || !BN_sub_word(p.get(), 19) || !BN_mod_add(num.get(), one.get(), y.get(), p.get(), ctx.get())
        || !BN_mod_sub(den.get(), one.get(), y.get(), p.get(), ctx.get()) || BN_is_zero(den.get())
        || !BN_mod_inverse(den.get(), den.get(), p.get(), ctx.get())
        || !BN_mod_mul(u.get(), num.get(), den.get(), p.get(), ctx.get()))
        return {};
    QByteArray out(32, Qt::Uninitialized);
    if (BN_bn2lebinpad(u.get(), reinterpret_cast<unsigned char*>(out.data()), 32) != 32)
        return {};
    return out;
}

QByteArray SealGrant::x25519FromEd25519Seed(const QByteArray& seed)
{
    if (seed.size() != SealKey::kRawKeySize)
        return {};
    QByteArray digest(64, Qt::Uninitialized);
    unsigned int len = 0;
    if (EVP_Digest(seed.constData(), size_t(seed.size()), reinterpret_cast<unsigned char*>(digest.data()), &len,
                   EVP_sha512(), nullptr)
            != 1
        || len != 64)
        return {};
    QByteArray scalar = digest.left(32); // X25519 clamps it as Ed25519 does
    crypto::wipe(digest);
    return scalar;
}

QByteArray SealGrant::sealToX25519(const QByteArray& recipientX, const QByteArray& secret, const QByteArray& context,
                                   const QByteArray& aad)
{
    if (recipientX.size() != 32 || secret.isEmpty())
        return {};
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_X25519, nullptr),
                                                                   &EVP_PKEY_CTX_free);
    EVP_PKEY* raw = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1)
        return {};
    const PKey ephemeral(raw, &EVP_PKEY_free);
    const QByteArray ephemeralPublic = x25519Public(ephemeral.get());
    const QByteArray shared = sharedSecret(ephemeral.get(), recipientX);
    if (ephemeralPublic.isEmpty() || shared.isEmpty())
        return {};
    QByteArray key = wrappingKey(context, shared, ephemeralPublic, recipientX);
    const QByteArray sealed = crypto::aeadEncrypt(key, secret, aad);
    crypto::wipe(key);
    if (sealed.isEmpty())
        return {};
    return QCborMap{{kEphemeral, ephemeralPublic}, {kSealed, sealed}}.toCborValue().toCbor();
}

std::optional<QByteArray> SealGrant::openWithX25519(const QByteArray& sealedBox, const QByteArray& privateScalar,
                                                    const QByteArray& context, const QByteArray& aad)
{
    if (sealedBox.size() > 1024 || privateScalar.size() != 32)
        return std::nullopt;
    const QCborMap m = QCborValue::fromCbor(sealedBox).toMap();
    const QByteArray ephemeralPublic = m.value(kEphemeral).toByteArray();
    if (ephemeralPublic.size() != 32)
        return std::nullopt;
    const PKey own(EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, bytes(privateScalar),
                                                size_t(privateScalar.size())),
                   &EVP_PKEY_free);
    if (!own)
        return std::nullopt;
    const QByteArray shared = sharedSecret(own.get(), ephemeralPublic);
    if (shared.isEmpty())
        return std::nullopt;
    QByteArray key = wrappingKey(context, shared, ephemeralPublic, x25519Public(own.get()));
    auto secret = crypto::aeadDecrypt(key, m.value(kSealed).toByteArray(), aad);
    crypto::wipe(key);
    return secret;
}

QByteArray SealGrant::wrap(const SealKey& seal, const QByteArray& recipient)
{
    const QByteArray recipientX = x25519FromEd25519Public(recipient);
    if (!seal.hasPrivateKey() || recipientX.isEmpty())
        return {};
    return sealToX25519(recipientX, seal.rawPrivateKey(), kGrantContext, kGrantContext + seal.rawPublicKey());
}

std::optional<SealKey> SealGrant::unwrap(const QByteArray& wrapped, const SealKey& recipient,
                                         const QByteArray& sealPublic)
{
    if (!recipient.hasPrivateKey())
        return std::nullopt;
    QByteArray scalar = x25519FromEd25519Seed(recipient.rawPrivateKey());
    auto seed = openWithX25519(wrapped, scalar, kGrantContext, kGrantContext + sealPublic);
    crypto::wipe(scalar);
    if (!seed)
        return std::nullopt;
    auto seal = SealKey::fromRawPrivate(*seed, nullptr);
    crypto::wipe(*seed);
    if (!seal || seal->rawPublicKey() != sealPublic)
        return std::nullopt;
    return seal;
}

QByteArray RevokedList::sign(const SealKey& key) const
{
    QStringList sorted = serials;
    sorted.sort();
    sorted.removeDuplicates();
    const QByteArray body = QCborMap{{QStringLiteral("hall"), hall},
                                     {QStringLiteral("issued"), issued.toUTC().toString(Qt::ISODate)},
                                     {QStringLiteral("serials"), QCborArray::fromStringList(sorted)}}
                                .toCborValue()
                                .toCbor();
    const QByteArray signature = key.sign(kRevokedContext + body);
    if (signature.isEmpty())
        return {};
    const QByteArray wire = QCborArray{body, key.keyIdBytes(), signature}.toCborValue().toCbor();
    QByteArray text = kBegin + '\n';
    const QByteArray b64 = wire.toBase64();
    for (qsizetype i = 0; i < b64.size(); i += 64)
        text += b64.mid(i, 64) + '\n';
    return text + kEnd + '\n';
}

std::optional<RevokedList> RevokedList::parse(const QByteArray& text, const QList<SealKey>& trustedKeys,
                                              QString* error)
{
    auto fail = [error](const QString& why) -> std::optional<RevokedList> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (text.size() > kMaxBytes)
        return fail(tr("The list of voided certificates is larger than %1 MiB.").arg(kMaxBytes / (1024 * 1024)));
    const qsizetype begin = text.indexOf(kBegin);
    const qsizetype end = text.indexOf(kEnd);
    if (begin < 0 || end < begin)
        return fail(tr("This is not a list of voided certificates (\"%1\").").arg(QString::fromLatin1(kBegin)));
    const QByteArray b64 = text.mid(begin + kBegin.size(), end - begin - kBegin.size()).simplified().replace(' ', "");
    const auto decoded = QByteArray::fromBase64Encoding(b64, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return fail(tr("The list of voided certificates is damaged (not base64)."));
    const QCborArray wire = QCborValue::fromCbor(*decoded).toArray();
    const QByteArray body = wire.at(0).toByteArray();
    const QByteArray keyId = wire.at(1).toByteArray();
    const QByteArray signature = wire.at(2).toByteArray();
    if (wire.size() != 3 || body.isEmpty() || keyId.size() != SealKey::kKeyIdSize
        || signature.size() != SealKey::kSignatureSize)
        return fail(tr("The list of voided certificates is damaged."));
    const SealKey* signer = nullptr;
    for (const SealKey& k : trustedKeys)
        if (k.keyIdBytes() == keyId)
            signer = &k;
    if (!signer)
        return fail(tr("The list of voided certificates is signed with key %1, which is not a trusted seal key of the "
                       "hall.")
                        .arg(QString::fromLatin1(keyId.toHex())));
    if (!signer->verify(kRevokedContext + body, signature))
        return fail(tr("The signature of the list of voided certificates does not match: it was changed after "
                       "signing, or forged."));
    const QCborMap m = QCborValue::fromCbor(body).toMap();
    RevokedList list;
    list.hall = m.value(QStringLiteral("hall")).toString();
    list.issued = QDateTime::fromString(m.value(QStringLiteral("issued")).toString(), Qt::ISODate);
    list.keyId = QString::fromLatin1(keyId.toHex());
    const QCborArray serials = m.value(QStringLiteral("serials")).toArray();
    if (!list.issued.isValid() || serials.size() > kMaxSerials)
        return fail(tr("The list of voided certificates is damaged."));
    for (const QCborValue& v : serials) {
        const QString s = v.toString();
        if (s.isEmpty() || s.size() > kMaxSerialLength)
            return fail(tr("The list of voided certificates holds a malformed serial."));
        list.serials << s;
    }
    list.serials.sort();
    return list;
}

} // namespace oneseal::core
