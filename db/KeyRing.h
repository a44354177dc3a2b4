#pragma once

#include <QCoreApplication>

#include "core/Crypto.h"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <optional>

namespace oneseal::db {

/**
 * The key slots of one database: the random database key, wrapped once per user with a key derived
 * from that user's password (scrypt + AES-256-GCM). Kept beside the database as "<db>.keyring"; it
 * holds nothing that opens the database without a password. Saved atomically.
 */
class KeyRing
{
    Q_DECLARE_TR_FUNCTIONS(KeyRing)

public:
    struct Slot
    {
        QByteArray salt;
        core::crypto::ScryptParams params;
        QByteArray wrappedKey;
        /**
         * Made from the user's password hash (users.password_hash) rather than the password: the
         * wrapping key is derived from the scrypt verifier, whose length is kept here (0: a slot
         * made from the password).
         */
        int verifierLength = 0;
        QByteArray passwordHashId; ///< SHA-256 of the password hash text the slot matches (may be empty)
        /**
         * Sealed to the user's slot key (core::PasswordSlot) rather than wrapped with a key derived
         * from the password: wrappedKey is the sealed box, salt and params are the slot key's.
         */
        bool sealed = false;
        QByteArray slotKeyId; ///< core::PasswordSlot::idOf the slot key the slot matches (may be empty)
    };

    static QString pathFor(const QString& databasePath);

    /** Loads a key ring; a missing file is an error ("no hall here"). */
    static std::optional<KeyRing> load(const QString& path, QString* error);
    explicit KeyRing(QString path = QString()) : m_path(std::move(path)) {}

    bool save(QString* error) const;
    QString path() const { return m_path; }

    /**
     * The hall's name, shown on the login dialog before the database is open (it is inside the
     * encrypted file). A public label, not a secret; empty for a key ring written before it existed.
     */
    QString hallName() const { return m_hallName; }
    void setHallName(const QString& name) { m_hallName = name.trimmed().left(200); }

    QStringList users() const { return m_slots.keys(); }
    bool hasSlot(const QString& username) const { return m_slots.contains(normalize(username)); }

    /**
     * Adds or replaces the user's slot: key wrapped with a key derived from password. passwordHash,
     * the user's users.password_hash for that password, is remembered (as its SHA-256) so that a
     * later change of the hash coming from the hub is noticed.
     */
    bool setSlot(const QString& username, const QString& password, const QByteArray& key,
                 const core::crypto::ScryptParams& params = {}, const QString& passwordHash = QString(),
                 const QString& slotKey = QString());

    /**
     * Adds or replaces the user's slot from the public half of their slot key alone
     * (core::PasswordSlot text, from the hall's users), for a user who has never logged in here: the
     * database key sealed to it, which only the user's password opens. False when the text is not a
     * slot key (or names a refused cost).
     */
    bool setSlotForSlotKey(const QString& username, const QString& slotKey, const QByteArray& key);
    /** Which slot key the user's slot was made for (core::PasswordSlot::idOf); empty when unknown or no slot. */
    QByteArray slotKeyId(const QString& username) const;

    /** SHA-256 of the password hash the user's slot was made for; empty when unknown or no slot. */
    QByteArray passwordHashId(const QString& username) const;
    static QByteArray passwordHashIdOf(const QString& passwordHash);
    bool removeSlot(const QString& username) { return m_slots.remove(normalize(username)) > 0; }

    /** The database key, or nullopt when the user has no slot or the password is wrong. */
    std::optional<QByteArray> unlock(const QString& username, const QString& password) const;

    static QString normalize(const QString& username) { return username.trimmed().toLower(); }

private:
    QString m_path;
    QString m_hallName;
    QMap<QString, Slot> m_slots;
};

} // namespace oneseal::db
