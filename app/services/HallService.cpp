#include "HallService.h"

#include "AuthService.h"
#include "SealKeyService.h"
#include "SigningKeys.h"
#include "Session.h"
#include "core/CaseNumber.h"
#include "core/Catalog.h"
#include "core/SealGrant.h"
#include "db/CatalogRepository.h"
#include "db/Database.h"
#include "db/EventStore.h"
#include "db/IntakeRepository.h"
#include "db/KeyRing.h"
#include "db/UserCreation.h"
#include "db/UserDirectory.h"
#include "db/UserRepository.h"
#include "db/WorkstationProjections.h"

#include <QCborMap>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUuid>

namespace oneseal::services {

namespace {
} // namespace

QString HallService::defaultDatabasePath()
{
    const QString env = qEnvironmentVariable("ONESEAL_DB");
    if (!env.isEmpty())
        return env;
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base).filePath(QStringLiteral("OneSeal/hall.db"));
}

QString HallService::demoHallName()
{
    return QStringLiteral("运城市行政审批服务管理局");
}

QList<DemoUser> HallService::demoUsers()
{
    using core::Role;
    return {
        {QStringLiteral("admin"), QStringLiteral("王管理"), Role::Administrator},
        {QStringLiteral("clerk"), QStringLiteral("李受理"), Role::IntakeClerk},
        {QStringLiteral("clerk2"), QStringLiteral("赵窗口"), Role::IntakeClerk},
        {QStringLiteral("reviewer"), QStringLiteral("张审查"), Role::Reviewer},
        {QStringLiteral("inspector"), QStringLiteral("刘勘验"), Role::Inspector},
        {QStringLiteral("inspector2"), QStringLiteral("陈勘验"), Role::Inspector},
        {QStringLiteral("approver"), QStringLiteral("杨审批"), Role::Approver},
        {QStringLiteral("certifier"), QStringLiteral("周制证"), Role::CertificateOperator},
        {QStringLiteral("supervisor"), QStringLiteral("孙监督"), Role::Supervisor},
        {QStringLiteral("regulator"), QStringLiteral("吴监管"), Role::Regulator},
    };
}

bool HallService::createSealKey(db::Database& database, db::EventStore& events, const QString& adminId, const QString& adminAuthKey,
                                const HallSetup& setup, QString* error)
{
    // A standalone hall's seal key (docs/SECURITY.md, "The seal key"): made here and kept only sealed
    // to the administrator's signing key, made now while the password is at hand; the administrator
    // grants it on. A workstation that joins a hub gets the hub's key through grants instead.
    const auto adminKey =
        SigningKeys::registerFirstKey(events, adminId, setup.adminPassword, setup.kdf, error, adminAuthKey);
    if (!adminKey)
        return false;
    const core::SealKey seal = core::SealKey::generate();
    const QByteArray wrapped = seal.isNull() ? QByteArray() : core::SealGrant::wrap(seal, adminKey->rawPublicKey());
    if (wrapped.isEmpty()) {
        if (error)
            *error = tr("The hall's seal key could not be made.");
        return false;
    }
    return database.setMeta(QStringLiteral("seal_public_key"), QString::fromLatin1(seal.publicPem()), error)
        && events
               .append(QString(), core::SealGrant::grantedKind(),
                       QCborMap{{QStringLiteral("user_id"), adminId},
                                {QStringLiteral("seal_key_id"), seal.keyId()},
                                {QStringLiteral("seal_public_key"), seal.rawPublicKey()},
                                {QStringLiteral("recipient_key_id"), adminKey->keyId()},
                                {QStringLiteral("wrapped"), wrapped}},
                       adminId, error)
               .has_value();
}

bool HallService::createHall(const HallSetup& setup, QString* error)
{
    auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return false;
    };
    if (setup.hallName.trimmed().isEmpty())
        return fail(tr("Enter the name of the hall's bureau."));
    if (QString e = core::validateUsername(setup.adminUsername); !e.isEmpty())
        return fail(e);
    if (QString e = core::validateNewPassword(setup.adminPassword); !e.isEmpty())
        return fail(e);
    const QString keyRingPath = db::KeyRing::pathFor(setup.databasePath);
    if (QFile::exists(setup.databasePath) || QFile::exists(keyRingPath))
        return fail(tr("A hall database already exists at %1; it was left as it is.").arg(setup.databasePath));
    QDir().mkpath(QFileInfo(setup.databasePath).absolutePath());

    QByteArray key = core::crypto::randomBytes(32);
    QString openError;
    auto database = db::Database::open(setup.databasePath, key, {.create = true}, &openError);
    if (!database)
        return fail(openError);
    auto cleanup = [&] {
        database.reset();
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(setup.databasePath + QLatin1String(suffix));
        QFile::remove(keyRingPath);
    };
    if (!database->migrate(&openError)) {
        cleanup();
        return fail(openError);
    }
    const QString workstation = setup.workstationId.isEmpty()
        ? QStringLiteral("WS-") + QUuid::createUuid().toString(QUuid::Id128).left(8).toUpper()
        : setup.workstationId;

    const auto prepared = db::UserCreation::prepare(
        database->sql(),
        {setup.adminUsername, setup.adminDisplayName, core::Role::Administrator, setup.adminPassword, setup.kdf,
         false, false},
        &openError);
    if (!prepared) {
        cleanup();
        return fail(openError);
    }
    // A workstation keeps no password hash (docs/SECURITY.md, "What travels"): the key slot, the auth
    // key and the slot key check the password here.
    const core::User& admin = *prepared;

    {
        db::Transaction tx(database->sql());
        QString e;
        const bool ok = tx.isActive() && database->setMeta(QStringLiteral("workstation_id"), workstation, &e)
            && database->setMeta(QStringLiteral("hall_name"), setup.hallName.trimmed(), &e)
            && database->setMeta(QStringLiteral("created_at"),
                                 setup.clock->now().toUTC().toString(Qt::ISODate), &e)
            // The hall's first workstation holds the first blocks of every serial; others lease theirs.
            && (!setup.ownsFirstNumberBlocks
                || (db::NumberBlocks(database->sql())
                        .addBlock(core::numbering::caseKind, 1, core::numbering::kBlockSize, &e)
                    && db::NumberBlocks(database->sql())
                           .addBlock(core::numbering::certificateKind, 1, core::numbering::kBlockSize, &e)));
        if (ok) {
            db::EventStore events(*database, workstation, *setup.clock);
            db::registerWorkstationProjections(events);
            const auto created = db::UserCreation::record(events, admin, admin.id, &e);
            // A hall without a hub signs every event from its start (docs/SECURITY.md, "Legacy"): its
            // legacy point is the first administrator's creation, the one event no key can sign yet.
            // A workstation that joins a hub takes the hub's legacy point at enrolment.
            if (!created
                || (setup.ownsFirstNumberBlocks
                    && (!database->setMeta(db::UserDirectory::legacyHlcKey(), QString::number(created->hlc), &e)
                        || !createSealKey(*database, events, admin.id, admin.authKey, setup, &e)))
                || !tx.commit(&e)) {
                cleanup();
                return fail(e);
            }
        } else {
            cleanup();
            return fail(e.isEmpty() ? tx.errorText() : e);
        }
    }
    db::KeyRing ring(keyRingPath);
    ring.setHallName(setup.hallName);
    ring.setSlot(admin.username, setup.adminPassword, key, setup.kdf, QString(), admin.slotKey);
    core::crypto::wipe(key);
    if (!ring.save(&openError)) {
        cleanup();
        return fail(openError);
    }
    return true;
}

bool HallService::createDemoHall(const QString& databasePath, QString* error, const core::crypto::ScryptParams& kdf,
                                 const core::Clock& clock)
{
    HallSetup setup;
    setup.databasePath = databasePath;
    setup.hallName = demoHallName();
    setup.workstationId = QStringLiteral("WS-DEMO-01");
    setup.adminUsername = QStringLiteral("admin");
    setup.adminDisplayName = demoUsers().first().displayName;
    setup.adminPassword = demoPassword();
    setup.kdf = kdf;
    setup.clock = &clock;
    if (!createHall(setup, error))
        return false;
    AuthService auth(databasePath, clock);
    auto session = auth.login(setup.adminUsername, setup.adminPassword, error);
    if (!session)
        return false;
    const auto catalog = core::Catalog::builtInDemo();
    if (!catalog || !db::CatalogRepository(session->database().sql(), session->clock()).import(*catalog, error))
        return false;
    for (const DemoUser& u : demoUsers().mid(1))
        // The demo's users keep the documented demo password (no change forced at their first login).
        if (!AuthService::addUser(*session, u.username, u.displayName, u.roles, demoPassword(), error, kdf, false))
            return false;
    // A ready set-up: the certificate operator logs in once (her signing key is made) and holds the seal.
    if (!auth.login(QStringLiteral("certifier"), demoPassword(), error))
        return false;
    return SealKeyService(*session).grant(QStringLiteral("certifier"), error);
}

} // namespace oneseal::services
