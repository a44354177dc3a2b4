#pragma once

#include <QCborMap>
#include <QCoreApplication>

#include "Session.h"
#include "core/Clock.h"
#include "core/Crypto.h"

#include <functional>
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

    /** What a login's look at the hall's hub found (HubFetcher). */
    enum class HubFetch
    {
        NoHub,       ///< this workstation is not enrolled with a hub
        Fetched,     ///< one round with the hub completed: this workstation has what the hub had
        Unreachable, ///< the hub did not answer in time (*error says why)
    };
    /**
     * Brings the opened database up to date with the hall's hub, briefly (a few seconds at most). The
     * login calls it before a user's first signing key would be made here (docs/SECURITY.md, "A second
     * workstation before it has synced"): her key may have been registered at another workstation.
     * Given by the layers that talk to the hub (sync::LoginFetch), which services do not link.
     */
    using HubFetcher = std::function<HubFetch(db::Database& database, bool firstKey, QString* error)>;
    /** When the login asks the hub (a hub's user only). */
    enum class LoginRound
    {
        BeforeFirstKey, ///< only when a first signing key would be made here (the command line, test agents)
        EveryLogin,     ///< also when she has a key here: a password changed or reset elsewhere, a disabling (the client)
    };
    void setHubFetcher(HubFetcher fetcher, LoginRound when = LoginRound::BeforeFirstKey)
    {
        m_hubFetcher = std::move(fetcher);
        m_loginRound = when;
    }
    /** The login's refusal when the round brought a password changed elsewhere or reset at the hub. */
    static QString passwordChangedElsewhereMessage();
    /**
     * Whether the hall's hub says (users in its reference data, by sync or USB bundle) that @p userId
     * has a signing key registered, which may not have reached this workstation yet.
     */
    static bool hubSaysKeyRegistered(const QSqlDatabase& db, const QString& userId);
    /** The user @p userId as the hub's newest published users list her; nullopt when they do not. */
    static std::optional<QCborMap> hubUser(const QSqlDatabase& db, const QString& userId);
    /** Why a login is refused when the user's key was made elsewhere and has not arrived here. */
    static QString keyElsewhereMessage();

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

    /** What resetPassword() did. */
    struct PasswordReset
    {
        QString username;
        bool heldSealGrant = false; ///< the user held the seal key: that grant no longer opens, grant it again
    };
    /**
     * Administrator only, in a hall without a hub (the directory's authority; a hub's hall resets at
     * the hub, `oneseal-admin hub user-reset`): sets a new password for a user who forgot theirs. A
     * signed user.password_reset {user_id, auth_key, slot_key, must_change, by} ends the user's signing
     * key and moves their auth key on (as the hub's); their key slot here opens with the new password
     * only; they change it at their next login, which makes their new first key. Not one's own
     * account (change it instead). Bad input changes nothing.
     */
    static std::optional<PasswordReset> resetPassword(Session& session, const QString& username,
                                                      const QString& newPassword, QString* error,
                                                      const core::crypto::ScryptParams& kdf = {});
    /** Whether @p session may reset passwords here: an administrator in a hall without a hub. */
    static bool resetsPasswordsHere(Session& session);
    /** The same from a window: the administrator's password again first (the shared throttle). */
    static std::optional<PasswordReset> resetPassword(Session& session, const QString& username,
                                                      const QString& newPassword, const QString& adminPassword,
                                                      QString* error, const core::crypto::ScryptParams& kdf = {});

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
    HubFetcher m_hubFetcher;
    LoginRound m_loginRound = LoginRound::BeforeFirstKey;
};

} // namespace oneseal::services
