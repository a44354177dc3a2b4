#pragma once

#include <QCoreApplication>

#include "Session.h"
#include "core/Clock.h"
#include "core/Crypto.h"

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

    /**
     * A session, or null with *error set. After five wrong passwords, tries must wait; the count is
     * kept beside the database (db::ThrottleFile) and survives a restart.
     */
    std::unique_ptr<Session> login(const QString& username, const QString& password, QString* error);
    /** Seconds before the next login try is allowed (0: now). */
    int secondsToWait() const;
    QString databasePath() const { return m_databasePath; }

    /**
     * Re-checks the session user's password (unlocking the screen, applying the seal), under the same
     * persistent throttle as the login: false without checking while tries must wait.
     */
    static bool verifyPassword(const Session& session, const QString& password);
    /** Seconds before the next password try at this session's database is allowed (0: now). */
    static int secondsToWait(const Session& session);
    /** The message for a refused try while the throttle makes tries wait. */
    static QString waitMessage(int seconds);

    /** The hall's name as the key ring beside the database holds it (empty when unknown). */
    static QString hallNameOf(const QString& databasePath);

    /**
     * Changes the session user's password: rewraps only that user's key slot, updates the hash and the
     * auth key, and records user.password_changed with the proof of the old password the hub asks for
     * (core::PasswordAuth). Clears a forced change; makes the user's first signing key when they have
     * none yet (a password an administrator set, changed at the first login).
     */
    static bool changePassword(Session& session, const QString& oldPassword, const QString& newPassword,
                               QString* error, const core::crypto::ScryptParams& kdf = {});

    /**
     * Administrator only: adds a user with roles and a key slot on this workstation. The password is
     * the administrator's choice, so by default the user must change it at their first login.
     */
    static bool addUser(Session& session, const QString& username, const QString& displayName, core::Roles roles,
                        const QString& password, QString* error, const core::crypto::ScryptParams& kdf = {},
                        bool mustChange = true);

    /**
     * Disaster recovery, administrator only: the raw database key after the administrator's password.
     */
    static std::optional<QByteArray> recoverKey(const QString& databasePath, const QString& username,
                                                const QString& password, QString* error);

    /**
     * Whether @p password is @p user's, checked without the throttle and without a password hash where
     * none is kept: by the user's auth key, else slot key, else key slot at this session's database
     * (another user's password at a shift handover; the session user's through verifyPassword()).
     */
    static bool passwordMatches(const Session& session, const core::User& user, const QString& password);

private:

    QString m_databasePath;
    const core::Clock* m_clock;
};

} // namespace oneseal::services
