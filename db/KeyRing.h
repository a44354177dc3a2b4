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
    };

    static QString pathFor(const QString& databasePath);

    /** Loads a key ring; a missing file is an error ("no hall here"). */
    static std::optional<KeyRing> load(const QString& path, QString* error);
    explicit KeyRing(QString path = QString()) : m_path(std::move(path)) {}

    bool save(QString* error) const;
    QString path() const { return m_path; }

    QStringList users() const { return m_slots.keys(); }
    bool hasSlot(const QString& username) const { return m_slots.contains(normalize(username)); }

    /** Adds or replaces the user's slot: key wrapped with a key derived from password. */
    bool setSlot(const QString& username, const QString& password, const QByteArray& key,
                 const core::crypto::ScryptParams& params = {});
    bool removeSlot(const QString& username) { return m_slots.remove(normalize(username)) > 0; }

    /** The database key, or nullopt when the user has no slot or the password is wrong. */
    std::optional<QByteArray> unlock(const QString& username, const QString& password) const;

    static QString normalize(const QString& username) { return username.trimmed().toLower(); }

private:
    QString m_path;
    QMap<QString, Slot> m_slots;
};

} // namespace oneseal::db
