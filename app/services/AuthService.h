#pragma once

#include <QCoreApplication>

#include "Session.h"
#include "core/Clock.h"
#include "core/Crypto.h"
#include "core/LoginThrottle.h"

#include <memory>

namespace oneseal::services {

/**
 * Logging in and managing passwords. A login unwraps the database key from the user's key slot
 * (no password, no data), opens the encrypted database and checks the user is active.
 */
class AuthService
{
    Q_DECLARE_TR_FUNCTIONS(AuthService)

public:
    explicit AuthService(QString databasePath, const core::Clock& clock = core::Clock::system());

    /** A session, or null with *error set. After five wrong passwords, tries must wait. */
    std::unique_ptr<Session> login(const QString& username, const QString& password, QString* error);
    /** Seconds before the next login try is allowed (0: now). */
    int secondsToWait() const;
    QString databasePath() const { return m_databasePath; }

    /** Re-checks the session user's password (unlocking the screen, applying the seal). */
    static bool verifyPassword(const Session& session, const QString& password);

    /** The hall's name as the key ring beside the database holds it (empty when unknown). */
    static QString hallNameOf(const QString& databasePath);

    /** Changes the session user's password: rewraps only that user's key slot and updates the hash. */
    static bool changePassword(Session& session, const QString& oldPassword, const QString& newPassword,
                               QString* error, const core::crypto::ScryptParams& kdf = {});

    /** Administrator only: adds a user with roles and a key slot on this workstation. */
    static bool addUser(Session& session, const QString& username, const QString& displayName, core::Roles roles,
                        const QString& password, QString* error, const core::crypto::ScryptParams& kdf = {});

    /**
     * Disaster recovery, administrator only: the raw database key after the administrator's password.
     */
    static std::optional<QByteArray> recoverKey(const QString& databasePath, const QString& username,
                                                const QString& password, QString* error);

private:
    QString m_databasePath;
    const core::Clock* m_clock;
    core::LoginThrottle m_throttle;
};

} // namespace oneseal::services
