#include "Pki.h"
#include "core/Clock.h"

#include "core/Crypto.h"


#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace oneseal::sync {

namespace {
using PKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using PKeyCtx = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

const QByteArray kBundleInfo = QByteArrayLiteral("oneseal-sealed-v1");

PKey privateKey(const QByteArray& der)
{
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    return PKey(der.isEmpty() ? nullptr : d2i_AutoPrivateKey(nullptr, &p, long(der.size())), EVP_PKEY_free);
}

PKey publicKeyFrom(const QByteArray& der)
{
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    return PKey(der.isEmpty() ? nullptr : d2i_PUBKEY(nullptr, &p, long(der.size())), EVP_PKEY_free);
}

X509Ptr certificate(const QByteArray& der)
{
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    return X509Ptr(der.isEmpty() ? nullptr : d2i_X509(nullptr, &p, long(der.size())), X509_free);
}

QByteArray pkcs8(EVP_PKEY* key)
{
    if (!key)
        return {};
    PKCS8_PRIV_KEY_INFO* info = EVP_PKEY2PKCS8(key);
    if (!info)
        return {};
    unsigned char* buffer = nullptr;
    const int len = i2d_PKCS8_PRIV_KEY_INFO(info, &buffer);
    PKCS8_PRIV_KEY_INFO_free(info);
    if (len <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char*>(buffer), len);
    OPENSSL_cleanse(buffer, size_t(len));
    OPENSSL_free(buffer);
    return out;
}

QByteArray spki(EVP_PKEY* key)
{
    unsigned char* buffer = nullptr;
    const int len = key ? i2d_PUBKEY(key, &buffer) : -1;
    if (len <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char*>(buffer), len);
    OPENSSL_free(buffer);
    return out;
}

QByteArray certDer(X509* cert)
{
    unsigned char* buffer = nullptr;
    const int len = i2d_X509(cert, &buffer);
    if (len <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char*>(buffer), len);
    OPENSSL_free(buffer);
    return out;
}

QByteArray bioBytes(BIO* bio)
{
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(len));
}

QDateTime fromAsn1(const ASN1_TIME* time)
{
    struct tm t = {};
    if (!time || ASN1_TIME_to_tm(time, &t) != 1)
        return {};
    return QDateTime(QDate(t.tm_year + 1900, t.tm_mon + 1, t.tm_mday), QTime(t.tm_hour, t.tm_min, t.tm_sec),
                     Qt::UTC);
}

bool addExtension(X509* cert, X509* issuer, int nid, const char* value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

bool setName(X509_NAME* name, const QString& commonName)
{
    const QByteArray cn = commonName.toUtf8();
    return X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("OneSeal"),
                                      -1, -1, 0)
        == 1
        && X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.constData()),
                                      -1, -1, 0)
        == 1;
}

bool setRandomSerial(X509* cert)
{
    std::unique_ptr<BIGNUM, decltype(&BN_free)> bn(BN_new(), BN_free);
    if (!bn || BN_rand(bn.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1)
        return false;
    ASN1_INTEGER* serial = BN_to_ASN1_INTEGER(bn.get(), nullptr);
    if (!serial)
        return false;
    const bool ok = X509_set_serialNumber(cert, serial) == 1;
    ASN1_INTEGER_free(serial);
    return ok;
}

const EVP_MD* digestFor(EVP_PKEY* key)
{
    return EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
}

QByteArray hkdf(const QByteArray& secret, const QByteArray& salt)
{
    PKeyCtx ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr), EVP_PKEY_CTX_free);
    QByteArray out(32, '\0');
    size_t len = size_t(out.size());
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_hkdf_md(ctx.get(), EVP_sha256()) != 1
        || EVP_PKEY_CTX_set1_hkdf_salt(ctx.get(), reinterpret_cast<const unsigned char*>(salt.constData()),
                                       salt.size())
            != 1
        || EVP_PKEY_CTX_set1_hkdf_key(ctx.get(), reinterpret_cast<const unsigned char*>(secret.constData()),
                                      secret.size())
            != 1
        || EVP_PKEY_CTX_add1_hkdf_info(ctx.get(), reinterpret_cast<const unsigned char*>(kBundleInfo.constData()),
                                       kBundleInfo.size())
            != 1
        || EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len) != 1)
        return {};
    return out;
}

QByteArray ecdh(EVP_PKEY* own, EVP_PKEY* peer)
{
    PKeyCtx ctx(EVP_PKEY_CTX_new(own, nullptr), EVP_PKEY_CTX_free);
    size_t len = 0;
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 || EVP_PKEY_derive_set_peer(ctx.get(), peer) != 1
        || EVP_PKEY_derive(ctx.get(), nullptr, &len) != 1)
        return {};
    QByteArray secret(int(len), '\0');
    if (EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(secret.data()), &len) != 1)
        return {};
    secret.truncate(int(len));
    return secret;
}
} // namespace

QByteArray Pki::generateEcKey()
{
    PKey key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    return pkcs8(key.get());
}

QByteArray Pki::generateEd25519Key()
{
    PKey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), EVP_PKEY_free);
    return pkcs8(key.get());
}

QByteArray Pki::publicKey(const QByteArray& privateKeyDer)
{
    PKey key = privateKey(privateKeyDer);
    return spki(key.get());
}

QByteArray Pki::privateKeyPem(const QByteArray& privateKeyDer)
{
    PKey key = privateKey(privateKeyDer);
    Bio bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!key || !bio)
        return {};
    const bool ok = EVP_PKEY_get_base_id(key.get()) == EVP_PKEY_EC
        ? PEM_write_bio_PrivateKey_traditional(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1
        : PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
    return ok ? bioBytes(bio.get()) : QByteArray();
}

QByteArray Pki::certificatePem(const QByteArray& certificateDer)
{
    X509Ptr cert = certificate(certificateDer);
    Bio bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!cert || !bio || PEM_write_bio_X509(bio.get(), cert.get()) != 1)
        return {};
    return bioBytes(bio.get());
}

QByteArray Pki::createCaCertificate(const QByteArray& caKeyDer, const QString& commonName, int years, QString* error)
{
    PKey key = privateKey(caKeyDer);
    X509Ptr cert(X509_new(), X509_free);
    const QDateTime now = core::Clock::system().now().toUTC();
    const bool ok = key && cert && X509_set_version(cert.get(), 2) == 1 && setRandomSerial(cert.get())
        && X509_set_pubkey(cert.get(), key.get()) == 1 && setName(X509_get_subject_name(cert.get()), commonName)
        && X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get())) == 1
        && ASN1_TIME_set(X509_getm_notBefore(cert.get()), now.addSecs(-3600).toSecsSinceEpoch())
        && ASN1_TIME_set(X509_getm_notAfter(cert.get()), now.addYears(years).toSecsSinceEpoch())
        && addExtension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0")
        && addExtension(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign")
        && addExtension(cert.get(), cert.get(), NID_subject_key_identifier, "hash")
        && X509_sign(cert.get(), key.get(), digestFor(key.get())) > 0;
    if (!ok) {
        if (error)
            *error = tr("The hall's certificate authority could not be created.");
        return {};
    }
    return certDer(cert.get());
}

QByteArray Pki::issueCertificate(const QByteArray& caKeyDer, const QByteArray& caCertDer,
                                 const QByteArray& subjectPublicKey, const QString& commonName,
                                 const QDateTime& notBefore, const QDateTime& notAfter, bool server,
                                 const QStringList& hosts, QString* error)
{
    PKey caKey = privateKey(caKeyDer);
    X509Ptr ca = certificate(caCertDer);
    PKey subject = publicKeyFrom(subjectPublicKey);
    X509Ptr cert(X509_new(), X509_free);
    QStringList san;
    for (const QString& h : hosts) {
        const bool isAddress = !h.isEmpty() && (h.front().isDigit() || h.contains(QLatin1Char(':')));
        san << (isAddress ? QStringLiteral("IP:") : QStringLiteral("DNS:")) + h;
    }
    bool ok = caKey && ca && subject && cert && X509_set_version(cert.get(), 2) == 1 && setRandomSerial(cert.get())
        && X509_set_pubkey(cert.get(), subject.get()) == 1 && setName(X509_get_subject_name(cert.get()), commonName)
        && X509_set_issuer_name(cert.get(), X509_get_subject_name(ca.get())) == 1
        && ASN1_TIME_set(X509_getm_notBefore(cert.get()), notBefore.toSecsSinceEpoch())
        && ASN1_TIME_set(X509_getm_notAfter(cert.get()), notAfter.toSecsSinceEpoch())
        && addExtension(cert.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE")
        && addExtension(cert.get(), ca.get(), NID_key_usage, "critical,digitalSignature,keyAgreement")
        && addExtension(cert.get(), ca.get(), NID_ext_key_usage, server ? "serverAuth" : "clientAuth")
        && addExtension(cert.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
    if (ok && !san.isEmpty())
        ok = addExtension(cert.get(), ca.get(), NID_subject_alt_name, san.join(QLatin1Char(',')).toLatin1().constData());
    ok = ok && X509_sign(cert.get(), caKey.get(), digestFor(caKey.get())) > 0;
    if (!ok) {
        if (error)
            *error = tr("The certificate for %1 could not be issued.").arg(commonName);
        return {};
    }
    return certDer(cert.get());
}

std::optional<CertificateInfo> Pki::inspect(const QByteArray& certificateDer)
{
    X509Ptr cert = certificate(certificateDer);
    if (!cert)
        return std::nullopt;
    CertificateInfo info;
    X509_NAME* name = X509_get_subject_name(cert.get());
    const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index >= 0) {
        unsigned char* utf8 = nullptr;
        const int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)));
        if (len >= 0) {
            info.commonName = QString::fromUtf8(reinterpret_cast<const char*>(utf8), len);
            OPENSSL_free(utf8);
        }
    }
    std::unique_ptr<BIGNUM, decltype(&BN_free)> bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.get()), nullptr),
                                                  BN_free);
    if (bn) {
        char* hex = BN_bn2hex(bn.get());
        info.serial = QString::fromLatin1(hex).toLower();
        OPENSSL_free(hex);
    }
    info.notBefore = fromAsn1(X509_get0_notBefore(cert.get()));
    info.notAfter = fromAsn1(X509_get0_notAfter(cert.get()));
    info.publicKey = spki(X509_get0_pubkey(cert.get()));
    info.isCa = X509_check_ca(cert.get()) > 0;
    return info;
}

bool Pki::verifyIssuedBy(const QByteArray& certDer, const QByteArray& caCertDer, const QDateTime& now, QString* error)
{
    auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return false;
    };
    X509Ptr cert = certificate(certDer);
    X509Ptr ca = certificate(caCertDer);
    if (!cert || !ca)
        return fail(tr("The certificate cannot be read."));
    if (X509_check_issued(ca.get(), cert.get()) != X509_V_OK || X509_verify(cert.get(), X509_get0_pubkey(ca.get())) != 1)
        return fail(tr("The certificate was not issued by this hall."));
    const auto info = inspect(certDer);
    if (!info || !info->notBefore.isValid() || now < info->notBefore)
        return fail(tr("The certificate is not valid yet."));
    if (!info->notAfter.isValid() || now > info->notAfter)
        return fail(tr("The certificate expired on %1.").arg(info->notAfter.toString(Qt::ISODate)));
    return true;
}

QByteArray Pki::sign(const QByteArray& privateKeyDer, const QByteArray& data)
{
    PKey key = privateKey(privateKeyDer);
    MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    size_t len = 0;
    if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, digestFor(key.get()), nullptr, key.get()) != 1
        || EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(data.constData()),
                          size_t(data.size()))
            != 1)
        return {};
    QByteArray signature(int(len), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &len,
                       reinterpret_cast<const unsigned char*>(data.constData()), size_t(data.size()))
        != 1)
        return {};
    signature.truncate(int(len));
    return signature;
}

bool Pki::verify(const QByteArray& publicKeyDer, const QByteArray& data, const QByteArray& signature)
{
    PKey key = publicKeyFrom(publicKeyDer);
    MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    return key && ctx && !signature.isEmpty()
        && EVP_DigestVerifyInit(ctx.get(), nullptr, digestFor(key.get()), nullptr, key.get()) == 1
        && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.constData()),
                            size_t(signature.size()), reinterpret_cast<const unsigned char*>(data.constData()),
                            size_t(data.size()))
        == 1;
}

QByteArray Pki::sealFor(const QByteArray& recipientPublicKeyDer, const QByteArray& plaintext, const QByteArray& aad)
{
    PKey recipient = publicKeyFrom(recipientPublicKeyDer);
    if (!recipient || EVP_PKEY_get_base_id(recipient.get()) != EVP_PKEY_EC)
        return {};
    PKey ephemeral(EVP_EC_gen("P-256"), EVP_PKEY_free);
    const QByteArray ephemeralPublic = spki(ephemeral.get());
    QByteArray secret = ecdh(ephemeral.get(), recipient.get());
    if (ephemeralPublic.isEmpty() || ephemeralPublic.size() > 0xFFFF || secret.isEmpty())
        return {};
    QByteArray key = hkdf(secret, ephemeralPublic);
    core::crypto::wipe(secret);
    if (key.isEmpty())
        return {};
    QByteArray out;
    out.append(char(ephemeralPublic.size() >> 8)).append(char(ephemeralPublic.size() & 0xFF)).append(ephemeralPublic);
    out.append(core::crypto::aeadEncrypt(key, plaintext, aad));
    core::crypto::wipe(key);
    return out;
}

std::optional<QByteArray> Pki::openSealed(const QByteArray& recipientPrivateKeyDer, const QByteArray& sealed,
                                          const QByteArray& aad)
{
    if (sealed.size() < 2)
        return std::nullopt;
    const int len = (quint8(sealed.at(0)) << 8) | quint8(sealed.at(1));
    if (sealed.size() < 2 + len)
        return std::nullopt;
    const QByteArray ephemeralPublic = sealed.mid(2, len);
    PKey own = privateKey(recipientPrivateKeyDer);
    PKey ephemeral = publicKeyFrom(ephemeralPublic);
    if (!own || !ephemeral)
        return std::nullopt;
    QByteArray secret = ecdh(own.get(), ephemeral.get());
    if (secret.isEmpty())
        return std::nullopt;
    QByteArray key = hkdf(secret, ephemeralPublic);
    core::crypto::wipe(secret);
    auto plain = core::crypto::aeadDecrypt(key, sealed.mid(2 + len), aad);
    core::crypto::wipe(key);
    return plain;
}

QByteArray Pki::hmacSha256(const QByteArray& key, const QByteArray& data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!HMAC(EVP_sha256(), key.constData(), key.size(), reinterpret_cast<const unsigned char*>(data.constData()),
              size_t(data.size()), out, &len))
        return {};
    return QByteArray(reinterpret_cast<const char*>(out), int(len));
}

} // namespace oneseal::sync
