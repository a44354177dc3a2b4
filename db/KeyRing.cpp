#include "KeyRing.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

namespace oneseal::db {

namespace {
constexpr int kFormatVersion = 1;


QByteArray slotAad(const QString& username)
{
    return "oneseal-keyslot-v1:" + username.toUtf8();
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
    const QCborValue root = QCborValue::fromCbor(f.readAll());
    const QCborMap map = root.toMap();
    if (!root.isMap() || map.value(QStringLiteral("format")).toInteger() != kFormatVersion) {
        if (error)
            *error = tr("The key ring %1 is damaged or of an unknown format.").arg(path);
        return std::nullopt;
    }
    KeyRing ring(path);
    const QCborMap slotMap = map.value(QStringLiteral("slots")).toMap();
    for (auto it = slotMap.constBegin(); it != slotMap.constEnd(); ++it) {
        const QCborMap s = it.value().toMap();
        Slot slot;
        slot.salt = s.value(QStringLiteral("salt")).toByteArray();
        slot.params.n = quint64(1) << s.value(QStringLiteral("log2n")).toInteger();
        slot.params.r = quint32(s.value(QStringLiteral("r")).toInteger());
        slot.params.p = quint32(s.value(QStringLiteral("p")).toInteger());
        slot.wrappedKey = s.value(QStringLiteral("wrapped")).toByteArray();
        ring.m_slots.insert(it.key().toString(), slot);
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
        slotMap.insert(it.key(), s);
    }
    QCborMap root;
    root.insert(QStringLiteral("format"), kFormatVersion);
    root.insert(QStringLiteral("kdf"), QStringLiteral("scrypt"));
    root.insert(QStringLiteral("cipher"), QStringLiteral("aes-256-gcm"));
    root.insert(QStringLiteral("slots"), slotMap);
    QSaveFile f(m_path);
    if (!f.open(QIODevice::WriteOnly) || f.write(root.toCborValue().toCbor()) < 0 || !f.commit()) {
        if (error)
            *error = tr("Unable to write the key ring %1: %2").arg(m_path, f.errorString());
        return false;
    }
    QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
    return true;
}

bool KeyRing::setSlot(const QString& username, const QString& password, const QByteArray& key,
                      const core::crypto::ScryptParams& params)
{
    const QString user = normalize(username);
    if (user.isEmpty() || key.size() != 32)
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
    m_slots.insert(user, slot);
    return true;
}

std::optional<QByteArray> KeyRing::unlock(const QString& username, const QString& password) const
{
    const QString user = normalize(username);
    const auto it = m_slots.constFind(user);
    if (it == m_slots.constEnd())
        return std::nullopt;
    QByteArray kek = core::crypto::scrypt(password, it->salt, it->params);
    if (kek.isEmpty())
        return std::nullopt;
    auto key = core::crypto::aeadDecrypt(kek, it->wrappedKey, slotAad(user));
    core::crypto::wipe(kek);
    return key;
}

} // namespace oneseal::db
