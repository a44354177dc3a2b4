#include "SigningKeys.h"

#include "SealKeyService.h"
#include "core/EventAdmission.h"
#include "core/HybridLogicalClock.h"
#include "core/PasswordAuth.h"
#include "db/UserDirectory.h"

#include <QCborMap>
#include <QCborValue>

namespace oneseal::services {

namespace {
const QString kSalt = QStringLiteral("salt");
const QString kN = QStringLiteral("n");
const QString kR = QStringLiteral("r");
const QString kP = QStringLiteral("p");
const QString kSealed = QStringLiteral("sealed");
const QByteArray kAad = QByteArrayLiteral("oneseal-user-signing-key-v1");

bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}
} // namespace

QByteArray SigningKeys::wrap(const core::SealKey& key, const QString& password, const core::crypto::ScryptParams& kdf)
{
    const QByteArray salt = core::crypto::randomBytes(16);
    QByteArray kek = core::crypto::scrypt(password, salt, kdf);
    if (kek.isEmpty())
        return QByteArray();
    const QByteArray sealed = core::crypto::aeadEncrypt(kek, key.rawPrivateKey(), kAad + key.rawPublicKey());
    core::crypto::wipe(kek);
    return QCborMap{{kSalt, salt}, {kN, qint64(kdf.n)}, {kR, qint64(kdf.r)}, {kP, qint64(kdf.p)}, {kSealed, sealed}}
        .toCborValue()
        .toCbor();
}

std::optional<core::SealKey> SigningKeys::unwrap(const QByteArray& wrapped, const QString& password,
                                                 const QByteArray& publicKey)
{
    const QCborMap m = QCborValue::fromCbor(wrapped).toMap();
    core::crypto::ScryptParams kdf;
    kdf.n = quint64(m.value(kN).toInteger());
    kdf.r = quint32(m.value(kR).toInteger());
    kdf.p = quint32(m.value(kP).toInteger());
    // Bounded so a planted blob cannot make a login spend minutes or gigabytes.
    if (!core::crypto::acceptableScryptParams(kdf))
        return std::nullopt;
    QByteArray kek = core::crypto::scrypt(password, m.value(kSalt).toByteArray(), kdf);
    if (kek.isEmpty())
        return std::nullopt;
    auto seed = core::crypto::aeadDecrypt(kek, m.value(kSealed).toByteArray(), kAad + publicKey);
    core::crypto::wipe(kek);
    if (!seed)
        return std::nullopt;
    auto key = core::SealKey::fromRawPrivate(*seed, nullptr);
    core::crypto::wipe(*seed);
    if (!key || key->rawPublicKey() != publicKey)
        return std::nullopt;
    return key;
}

QCborMap SigningKeys::registration(const QString& userId, const core::SealKey& key, const QByteArray& wrapped,
                                   const core::SealKey* firstKeyAuth)
{
    QCborMap payload{{QStringLiteral("user_id"), userId},
                     {QStringLiteral("key_id"), key.keyId()},
                     {QStringLiteral("public_key"), key.rawPublicKey()},
                     {QStringLiteral("wrapped"), wrapped}};
    if (firstKeyAuth && firstKeyAuth->hasPrivateKey())
        payload.insert(QStringLiteral("auth_proof"), core::PasswordAuth::proveFirstKey(*firstKeyAuth, userId, key.keyId()));
    return payload;
}

bool SigningKeys::registerKey(Session& session, const core::SealKey& key, const QString& password,
                              const core::crypto::ScryptParams& kdf, QString* error,
                              const core::SealKey* firstKeyAuth)
{
    const QByteArray wrapped = wrap(key, password, kdf);
    if (wrapped.isEmpty())
        return fail(error, tr("The signing key could not be protected with the password."));
    const QString userId = session.user().id;
    const auto e = session.events().append(QString(), core::EventAdmission::keyRegisteredKind(),
                                           registration(userId, key, wrapped, firstKeyAuth), userId, error);
    return e.has_value();
}

std::optional<core::SealKey> SigningKeys::registerFirstKey(db::EventStore& events, const QString& userId,
                                                          const QString& password,
                                                          const core::crypto::ScryptParams& kdf, QString* error,
                                                          const QString& authKey)
{
    const core::SealKey key = core::SealKey::generate();
    const QByteArray wrapped = key.isNull() ? QByteArray() : wrap(key, password, kdf);
    if (wrapped.isEmpty()) {
        fail(error, tr("A signing key could not be made."));
        return std::nullopt;
    }
    const auto auth = authKey.isEmpty() ? std::nullopt : core::PasswordAuth::open(password, authKey);
    events.setSigner(key);
    if (!events.append(QString(), core::EventAdmission::keyRegisteredKind(),
                       registration(userId, key, wrapped, auth ? &*auth : nullptr), userId, error)) {
        events.setSigner(core::SealKey());
        return std::nullopt;
    }
    return key;
}

bool SigningKeys::open(Session& session, const QString& password, QString* error, const core::crypto::ScryptParams& kdf)
{
    const QSqlDatabase sql = session.database().sql();
    db::UserDirectory directory(sql);
    // The user's current key whatever this workstation's clock says (a clock a little behind the
    // registration must not make a second "first" key). A key registered while this clock ran more than
    // the hubs' clock margin ahead cannot sign what is recorded now (every replica would find those events
    // before its validity): a new first key is made, and `oneseal-admin repair-clock` re-stamps the rest.
    auto current = directory.keyOfUserAt(session.user().id, QDateTime());
    std::optional<core::SealKey> ahead; // the key registered while the clock ran ahead: its seal grants move
    if (current && current->validFrom > session.clock().now().toUTC().addMSecs(core::HybridLogicalClock::kMaxAheadMs)) {
        ahead = unwrap(directory.wrappedKey(current->keyId), password, current->publicKey);
        if (!ahead)
            return fail(error, tr("Your signing key does not open with this password."));
        current.reset();
    }
    if (current) {
        const auto key = unwrap(directory.wrappedKey(current->keyId), password, current->publicKey);
        if (!key)
            return fail(error, tr("Your signing key does not open with this password."));
        session.events().setSigner(*key);
        return true;
    }
    const core::SealKey key = core::SealKey::generate();
    if (key.isNull())
        return fail(error, tr("A signing key could not be made."));
    db::Transaction tx(sql);
    if (!tx.isActive())
        return fail(error, tx.errorText());
    session.events().setSigner(key); // a first key signs its own registration
    // ... and is proved by the password's auth key, which the database key does not give.
    const auto auth = session.user().authKey.isEmpty()
        ? std::nullopt
        : core::PasswordAuth::open(password, session.user().authKey);
    if (!registerKey(session, key, password, kdf, error, auth ? &*auth : nullptr)
        || (ahead && !SealKeyService::rewrapForNewKey(session, key, error, &*ahead)) || !tx.commit(error)) {
        session.events().setSigner(core::SealKey());
        return false;
    }
    return true;
}

bool SigningKeys::rotate(Session& session, const QString& newPassword, QString* error,
                         const core::crypto::ScryptParams& kdf, const core::SealKey* firstKeyAuth)
{
    const core::SealKey key = core::SealKey::generate();
    if (key.isNull())
        return fail(error, tr("A signing key could not be made."));
    // Signed by the current key (the store's signer), which ends where the new one begins; a user
    // without one (a hall before signing) registers a first key.
    const bool first = !session.events().signer().hasPrivateKey();
    if (first)
        session.events().setSigner(key);
    // The seal grants this user holds follow the new key (signed with the old one, still current).
    if (!SealKeyService::rewrapForNewKey(session, key, error))
        return false;
    if (!registerKey(session, key, newPassword, kdf, error, first ? firstKeyAuth : nullptr))
        return false;
    session.events().setSigner(key);
    return true;
}

} // namespace oneseal::services
