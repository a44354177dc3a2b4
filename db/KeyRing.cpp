#include "KeyRing.h"

#include "core/PasswordSlot.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

namespace oneseal::db {

namespace {
constexpr int kFormatVersion = 1;
// Bounds of the scrypt costs a slot may carry (a damaged file must not make unlock() run for hours).
constexpr qint64 kMinLog2N = 1;
constexpr qint64 kMaxLog2N = 24;
constexpr qint64 kMaxR = 64;
constexpr qint64 kMaxP = 64;
constexpr qsizetype kWrappedKeySize = 12 + 32 + 16; // nonce, key, tag


QByteArray slotAad(const QString& username)
{
    return "oneseal-keyslot-v1:" + username.toUtf8();
}

/** The wrapping key of a slot made from a password hash: derived from the scrypt verifier. */
QByteArray verifierKek(const QByteArray& verifier)
{
    return core::crypto::sha256("oneseal-keyslot-verifier-v1:" + verifier);
}
} // namespace

QString KeyRing::pathFor(const QString& databasePath)
{
    return databasePath + QStringLiteral(".keyring");
}

std::optional<KeyRing> KeyRing::load(const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("No key ring was found at %1: this is not a OneSeal hall database.").arg(path);
        return std::nullopt;
    }
    const QByteArray bytes = f.readAll();
    QCborParserError parseError;
    const QCborValue root = QCborValue::fromCbor(bytes, &parseError);
    const auto damaged = [&] {
        if (error)
            *error = tr("The key ring %1 is damaged or of an unknown format.").arg(path);
        return std::nullopt;
    };
    // Nothing of a value that failed to parse is touched: Qt 6.4 may leave its containers broken
    // (valgrind showed reads past the end on a damaged file).
    if (parseError.error != QCborError::NoError || parseError.offset != bytes.size() || !root.isMap())
        return damaged();
    const QCborMap map = root.toMap();
    const QCborValue slotsValue = map.value(QStringLiteral("slots"));
    if (!map.value(QStringLiteral("format")).isInteger()
        || map.value(QStringLiteral("format")).toInteger() != kFormatVersion || !slotsValue.isMap())
        return damaged();
    KeyRing ring(path);
    const QCborValue hall = map.value(QStringLiteral("hall"));
    if (!hall.isUndefined() && !hall.isString())
        return damaged();
    ring.setHallName(hall.toString());
    const QCborMap slotMap = slotsValue.toMap();
    for (auto it = slotMap.constBegin(); it != slotMap.constEnd(); ++it) {
        // Every field is checked: a damaged slot must not reach scrypt with absurd costs.
        const QCborMap s = it.value().toMap();
        const QCborValue log2n = s.value(QStringLiteral("log2n"));
        const QCborValue r = s.value(QStringLiteral("r"));
        const QCborValue p = s.value(QStringLiteral("p"));
        const QString user = it.key().toString();
        if (!it.key().isString() || user.isEmpty() || user != normalize(user) || !it.value().isMap()
            || !s.value(QStringLiteral("salt")).isByteArray() || !s.value(QStringLiteral("wrapped")).isByteArray()
            || !log2n.isInteger() || !r.isInteger() || !p.isInteger() || log2n.toInteger() < kMinLog2N
            || log2n.toInteger() > kMaxLog2N || r.toInteger() < 1 || r.toInteger() > kMaxR || p.toInteger() < 1
            || p.toInteger() > kMaxP)
            return damaged();
        Slot slot;
        slot.salt = s.value(QStringLiteral("salt")).toByteArray();
        slot.params.n = quint64(1) << log2n.toInteger();
        slot.params.r = quint32(r.toInteger());
        slot.params.p = quint32(p.toInteger());
        if (!core::crypto::acceptableScryptParams(slot.params))
            return damaged(); // too weak to guard the database key, or too costly to try
        slot.wrappedKey = s.value(QStringLiteral("wrapped")).toByteArray();
        const QCborValue vlen = s.value(QStringLiteral("vlen"));
        const QCborValue hashId = s.value(QStringLiteral("hash_id"));
        if ((!vlen.isUndefined() && (!vlen.isInteger() || vlen.toInteger() < 16 || vlen.toInteger() > 64))
            || (!hashId.isUndefined() && (!hashId.isByteArray() || hashId.toByteArray().size() != 32)))
            return damaged();
        slot.verifierLength = vlen.isInteger() ? int(vlen.toInteger()) : 0;
        slot.passwordHashId = hashId.toByteArray();
        const QCborValue sealed = s.value(QStringLiteral("sealed"));
        const QCborValue slotId = s.value(QStringLiteral("slot_id"));
        if ((!sealed.isUndefined() && !sealed.isBool())
            || (!slotId.isUndefined() && (!slotId.isByteArray() || slotId.toByteArray().size() != 32)))
            return damaged();
        slot.sealed = sealed.toBool();
        slot.slotKeyId = slotId.toByteArray();
        // A sealed slot holds CBOR {ephemeral, sealed}: 32 + 60 bytes and a few of CBOR.
        const bool sizeOk = slot.sealed ? slot.wrappedKey.size() >= 92 && slot.wrappedKey.size() <= 160
                                        : slot.wrappedKey.size() == kWrappedKeySize;
        if (slot.salt.size() < 16 || slot.salt.size() > 64 || !sizeOk || (slot.sealed && slot.verifierLength > 0))
            return damaged();
        ring.m_slots.insert(user, slot);
    }
    return ring;
}

bool KeyRing::save(QString* error) const
{
    QCborMap slotMap;
    for (auto it = m_slots.constBegin(); it != m_slots.constEnd(); ++it) {
        QCborMap s;
        int log2n = 0;
        while ((quint64(1) << log2n) < it->params.n)
            ++log2n;
        s.insert(QStringLiteral("salt"), it->salt);
        s.insert(QStringLiteral("log2n"), log2n);
        s.insert(QStringLiteral("r"), qint64(it->params.r));
        s.insert(QStringLiteral("p"), qint64(it->params.p));
        s.insert(QStringLiteral("wrapped"), it->wrappedKey);
        if (it->verifierLength > 0)
            s.insert(QStringLiteral("vlen"), it->verifierLength);
        if (!it->passwordHashId.isEmpty())
            s.insert(QStringLiteral("hash_id"), it->passwordHashId);
        if (it->sealed)
            s.insert(QStringLiteral("sealed"), true);
        if (!it->slotKeyId.isEmpty())
            s.insert(QStringLiteral("slot_id"), it->slotKeyId);
        slotMap.insert(it.key(), s);
    }
    QCborMap root;
    root.insert(QStringLiteral("format"), kFormatVersion);
    root.insert(QStringLiteral("kdf"), QStringLiteral("scrypt"));
    root.insert(QStringLiteral("cipher"), QStringLiteral("aes-256-gcm"));
    root.insert(QStringLiteral("slots"), slotMap);
    if (!m_hallName.isEmpty())
        root.insert(QStringLiteral("hall"), m_hallName);
    // QSaveFile writes a temporary file and renames it over the old one: a crash leaves either the
    // old key ring or the new one, never half of it. Owner-only from the start.
    QSaveFile f(m_path);
    const bool ok = f.open(QIODevice::WriteOnly) && f.setPermissions(QFile::ReadOwner | QFile::WriteOwner)
        && f.write(root.toCborValue().toCbor()) >= 0 && f.commit();
    if (!ok) {
        if (error)
            *error = tr("Unable to write the key ring %1: %2").arg(m_path, f.errorString());
        f.cancelWriting();
        return false;
    }
    return true;
}

bool KeyRing::setSlot(const QString& username, const QString& password, const QByteArray& key,
                      const core::crypto::ScryptParams& params, const QString& passwordHash, const QString& slotKey)
{
    const QString user = normalize(username);
    // n must be a power of two (scrypt's rule, and the file stores log2 n).
    if (user.isEmpty() || key.size() != 32 || !core::crypto::acceptableScryptParams(params))
        return false;
    Slot slot;
    slot.salt = core::crypto::randomBytes(16);
    slot.params = params;
    QByteArray kek = core::crypto::scrypt(password, slot.salt, params);
    if (kek.isEmpty())
        return false;
    slot.wrappedKey = core::crypto::aeadEncrypt(kek, key, slotAad(user));
    core::crypto::wipe(kek);
    if (slot.wrappedKey.isEmpty())
        return false;
    if (!passwordHash.isEmpty())
        slot.passwordHashId = passwordHashIdOf(passwordHash);
    if (!slotKey.isEmpty())
        slot.slotKeyId = core::PasswordSlot::idOf(slotKey);
    m_slots.insert(user, slot);
    return true;
}

bool KeyRing::setSlotForSlotKey(const QString& username, const QString& slotKey, const QByteArray& key)
{
    const QString user = normalize(username);
    const auto parsed = core::PasswordSlot::parse(slotKey);
    if (user.isEmpty() || key.size() != 32 || !parsed)
        return false;
    Slot slot;
    slot.salt = parsed->salt;
    slot.params = parsed->params;
    slot.sealed = true;
    slot.wrappedKey = core::PasswordSlot::seal(slotKey, key, slotAad(user));
    if (slot.wrappedKey.isEmpty())
        return false;
    slot.slotKeyId = core::PasswordSlot::idOf(slotKey);
    m_slots.insert(user, slot);
    return true;
}

QByteArray KeyRing::slotKeyId(const QString& username) const
{
    return m_slots.value(normalize(username)).slotKeyId;
}

QByteArray KeyRing::passwordHashId(const QString& username) const
{
    return m_slots.value(normalize(username)).passwordHashId;
}

QByteArray KeyRing::passwordHashIdOf(const QString& passwordHash)
{
    return core::crypto::sha256(passwordHash.toUtf8());
}

std::optional<QByteArray> KeyRing::unlock(const QString& username, const QString& password) const
{
    const QString user = normalize(username);
    const auto it = m_slots.constFind(user);
    if (it == m_slots.constEnd())
        return std::nullopt;
    if (it->sealed)
        return core::PasswordSlot::open(password, it->salt, it->params, it->wrappedKey, slotAad(user));
    QByteArray kek;
    if (it->verifierLength > 0) {
        QByteArray verifier = core::crypto::scrypt(password, it->salt, it->params, it->verifierLength);
        if (verifier.isEmpty())
            return std::nullopt;
        kek = verifierKek(verifier);
        core::crypto::wipe(verifier);
    } else {
        kek = core::crypto::scrypt(password, it->salt, it->params);
    }
    if (kek.isEmpty())
        return std::nullopt;
    auto key = core::crypto::aeadDecrypt(kek, it->wrappedKey, slotAad(user));
    core::crypto::wipe(kek);
    return key;
}

} // namespace oneseal::db
