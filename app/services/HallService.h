#pragma once

#include <QCoreApplication>

#include "core/Clock.h"
#include "core/Crypto.h"
#include "core/Role.h"

#include <QList>

namespace oneseal::db {
class Database;
class EventStore;
}
#include <QString>

namespace oneseal::services {

/** What a new hall database needs. */
struct HallSetup
{
    QString databasePath;
    QString hallName;      ///< e.g. 运城市行政审批服务管理局
    QString workstationId; ///< empty: a random one
    QString adminUsername;
    QString adminDisplayName;
    QString adminPassword;
    core::crypto::ScryptParams kdf; ///< cost of the key slots and password hashes
    /** A standalone hall's workstation holds the first number blocks; one that joins a hub leases its own. */
    bool ownsFirstNumberBlocks = true;
    /** The time the hall is made at (the first administrator's key is valid from then). */
    const core::Clock* clock = &core::Clock::system();
};

struct DemoUser
{
    QString username;
    QString displayName;
    core::Roles roles;
};

/** Creating a hall: its encrypted database, its key ring and its first administrator. */
class HallService
{
    Q_DECLARE_TR_FUNCTIONS(HallService)

public:
    /** Creates the database and key ring; refuses to overwrite an existing one. */
    static bool createHall(const HallSetup& setup, QString* error);

    /** The demo hall of the README: a city hall with one user per role, all with demoPassword(). */
    static bool createDemoHall(const QString& databasePath, QString* error,
                               const core::crypto::ScryptParams& kdf = {},
                               const core::Clock& clock = core::Clock::system());
    static QList<DemoUser> demoUsers();
    static QString demoPassword() { return QStringLiteral("demo1234"); }
    static QString demoHallName();

    /** ~/.local/share/OneSeal/hall.db, or $ONESEAL_DB when set. */
    static QString defaultDatabasePath();

private:
    static bool createSealKey(db::Database& database, db::EventStore& events, const QString& adminId, const QString& adminAuthKey,
                              const HallSetup& setup, QString* error);
};

} // namespace oneseal::services
