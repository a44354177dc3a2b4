#include "HubStore.h"

#include "db/UserDirectory.h"
#include "core/Clock.h"

#include "core/SealKey.h"
#include "core/Role.h"
#include "core/User.h"
#include "db/hub/HubSecretRepository.h"
#include "protocol/Pki.h"

#include <QCborArray>
#include <QCborMap>
#include <QDir>
#include <QFile>
#include <QUuid>

namespace oneseal::sync {

namespace {
bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}

const QString kCaKey = QStringLiteral("ca_key");
const QString kCaCert = QStringLiteral("ca_cert");
const QString kTlsKey = QStringLiteral("tls_key");
const QString kTlsCert = QStringLiteral("tls_cert");
const QString kSealKey = QStringLiteral("seal_signing_key");
const QString kCheckpointKey = QStringLiteral("checkpoint_signing_key"); ///< raw Ed25519 seed (docs/SECURITY.md)
} // namespace

HubStore::~HubStore() = default;

QString HubStore::databasePath(const QString& directory)
{
    return QDir(directory).filePath(QStringLiteral("hub.db"));
}

QString HubStore::keyPath(const QString& directory)
{
    return QDir(directory).filePath(QStringLiteral("hub.key"));
}

bool HubStore::initialize(const HubSetup& setup, QString* error)
{
    if (setup.directory.isEmpty())
        return fail(error, tr("Give the folder of the hub."));
    if (setup.hallName.trimmed().isEmpty())
        return fail(error, tr("Enter the name of the hall's bureau."));
    if (QString e = core::validateUsername(setup.adminUsername); !e.isEmpty())
        return fail(error, e);
    if (QString e = core::validateNewPassword(setup.adminPassword); !e.isEmpty())
        return fail(error, e);
    const QString dbPath = databasePath(setup.directory);
    const QString keyFile = keyPath(setup.directory);
    if (QFile::exists(dbPath) || QFile::exists(keyFile))
        return fail(error, tr("A hub already exists in %1; it was left as it is.").arg(setup.directory));
    if (!QDir().mkpath(setup.directory))
        return fail(error, tr("The folder %1 cannot be created.").arg(setup.directory));
    QFile::setPermissions(setup.directory, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    QByteArray key = core::crypto::randomBytes(32);
    auto cleanup = [&] {
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(dbPath + QLatin1String(suffix));
        QFile::remove(keyFile);
    };
    {
        // The key file is created readable by its owner (the service user) only, before the key is in it.
        QFile f(keyFile);
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly)
            || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            || f.write(key.toHex() + '\n') != 65) {
            f.remove();
            core::crypto::wipe(key);
            return fail(error, tr("The key file %1 cannot be written.").arg(keyFile));
        }
    }
    QString e;
    auto database = db::Database::open(dbPath, key, {.create = true}, &e);
    core::crypto::wipe(key);
    if (!database || !database->migrate(&e)) {
        database.reset();
        cleanup();
        return fail(error, e);
    }

    const auto made = createSecrets(setup.hallName.trimmed(), setup.hosts, &e);
    if (!made) {
        database.reset();
        cleanup();
        return fail(error, e);
    }
    const QByteArray sealKey = made->value(kSealKey);
    const QDateTime now = core::Clock::system().now().toUTC();
    bool ok = false;
    {
        const QSqlDatabase sql = database->sql();
        db::Transaction tx(sql);
        db::HubSecretRepository secrets(sql);
        ok = tx.isActive();
        for (auto it = made->cbegin(); ok && it != made->cend(); ++it)
            ok = secrets.put(it.key(), it.value(), &e);
        ok = ok
            && database->setMeta(QStringLiteral("workstation_id"), hubWorkstation(), &e)
            && database->setMeta(QStringLiteral("hall_name"), setup.hallName.trimmed(), &e)
            && database->setMeta(QStringLiteral("role"), QStringLiteral("hub"), &e)
            && database->setMeta(QStringLiteral("created_at"), now.toString(Qt::ISODate), &e)
            && (setup.allowUnsignedEvents
                || database->setMeta(db::UserDirectory::legacyHlcKey(), QStringLiteral("0"), &e))
            && tx.commit(&e);
        if (!ok && e.isEmpty())
            e = tx.errorText();
    }
    database.reset();
    if (!ok) {
        cleanup();
        return fail(error, e);
    }
    auto hub = open(setup.directory, &e);
    if (!hub) {
        cleanup();
        return fail(error, e);
    }
    const QCborArray sealKeys{sealKeyEntry(sealKey, setup.hallName.trimmed())};
    // The first administrator, as every user: checked and recorded by db::UserCreation.
    ok = hub->users().add(setup.adminUsername, setup.adminDisplayName, core::Roles(core::Role::Administrator),
                          setup.adminPassword, &e, setup.kdf)
        && hub->publishReference(QStringLiteral("seal_keys"), sealKeys.toCborValue().toCbor(), &e);
    if (!ok) {
        hub.reset();
        cleanup();
        return fail(error, e);
    }
    return true;
}

QStringList HubStore::secretNames()
{
    return {kCaKey, kCaCert, kTlsKey, kTlsCert, kSealKey};
}

std::optional<QHash<QString, QByteArray>> HubStore::createSecrets(const QString& hallName, const QStringList& hostNames,
                                                                  QString* error)
{
    QStringList hosts = hostNames;
    for (const QString& h : {QStringLiteral("localhost"), QStringLiteral("127.0.0.1")})
        if (!hosts.contains(h))
            hosts << h;
    QString e;
    const QDateTime now = core::Clock::system().now().toUTC();
    const QByteArray caKey = Pki::generateEcKey();
    const QByteArray caCert = Pki::createCaCertificate(caKey, hallName + QStringLiteral(" OneSeal CA"), 20, &e);
    const QByteArray tlsKey = Pki::generateEcKey();
    const QByteArray tlsCert = caCert.isEmpty()
        ? QByteArray()
        : Pki::issueCertificate(caKey, caCert, Pki::publicKey(tlsKey), QStringLiteral("OneSeal hub"),
                                now.addSecs(-3600), now.addYears(10), true, hosts, &e);
    const QByteArray sealKey = Pki::generateEd25519Key();
    if (caKey.isEmpty() || caCert.isEmpty() || tlsKey.isEmpty() || tlsCert.isEmpty() || sealKey.isEmpty()) {
        fail(error, e.isEmpty() ? tr("The hub's keys could not be created.") : e);
        return std::nullopt;
    }
    return QHash<QString, QByteArray>{
        {kCaKey, caKey}, {kCaCert, caCert}, {kTlsKey, tlsKey}, {kTlsCert, tlsCert}, {kSealKey, sealKey}};
}

QCborMap HubStore::sealKeyEntry(const QByteArray& sealKey, const QString& hallName)
{
    // The hall's published seal key: the raw Ed25519 public key with the key id every QR code names.
    // sealKey is PKCS#8 DER of an Ed25519 key (Pki::generateEd25519Key): a fixed 16-byte header, then the seed.
    static const QByteArray header = QByteArray::fromHex("302e020100300506032b657004220420");
    QString e;
    const auto seal = sealKey.size() == 48 && sealKey.startsWith(header) ? core::SealKey::fromRawPrivate(sealKey.right(32), &e)
                                                                          : std::nullopt;
    return QCborMap{{QStringLiteral("key_id"), seal ? seal->keyId() : QString()},
                    {QStringLiteral("algorithm"), QStringLiteral("Ed25519")},
                    {QStringLiteral("public_key"), seal ? seal->rawPublicKey() : QByteArray()},
                    {QStringLiteral("hall"), hallName}};
}

QByteArray HubStore::readKey(const QString& directory, QString* error)
{
    QFile f(keyPath(directory));
    if (!f.open(QIODevice::ReadOnly)) {
        fail(error, tr("The hub's key file %1 cannot be read (run oneseal-admin hub init first, and run the hub "
                       "as the user that owns it).")
                        .arg(keyPath(directory)));
        return {};
    }
    if (f.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther)) {
        fail(error, tr("The hub's key file %1 may be read by others; allow its owner only (chmod 600).")
                        .arg(keyPath(directory)));
        return {};
    }
    QByteArray hex = f.readAll().trimmed();
    QByteArray key = QByteArray::fromHex(hex);
    core::crypto::wipe(hex);
    if (key.size() != 32) {
        core::crypto::wipe(key);
        fail(error, tr("The hub's key file %1 does not hold a 256-bit key.").arg(keyPath(directory)));
        return {};
    }
    return key;
}

std::unique_ptr<HubStore> HubStore::open(const QString& directory, QString* error, const core::Clock& clock)
{
    QByteArray key = readKey(directory, error);
    if (key.isEmpty())
        return nullptr;
    if (!QFile::exists(databasePath(directory))) {
        fail(error, tr("There is no hub database in %1.").arg(directory));
        return nullptr;
    }
    std::unique_ptr<HubStore> hub(new HubStore);
    QString e;
    hub->m_database = db::Database::open(databasePath(directory), key, {}, &e);
    core::crypto::wipe(key);
    if (!hub->m_database || !hub->m_database->migrate(&e) || !hub->loadSecrets(&e)) {
        fail(error, e);
        return nullptr;
    }
    if (!hub->loadGeneration(&e)) {
        fail(error, e);
        return nullptr;
    }
    db::Database& database = *hub->m_database;
    hub->m_log = std::make_unique<HubEventLog>(database, hubWorkstation(), clock);
    hub->m_enrollment = std::make_unique<HubEnrollment>(database, hub->m_identity, hubWorkstation(), clock);
    hub->m_leases = std::make_unique<HubLeases>(database, clock);
    hub->m_reference = std::make_unique<HubReference>(database, clock);
    hub->m_users = std::make_unique<HubUsers>(database, *hub->m_log, *hub->m_reference);
    if (!hub->loadCheckpointKey(&e)) {
        fail(error, e);
        return nullptr;
    }
    HubUsers* users = hub->m_users.get();
    hub->m_log->setStoredHook(
        [users](const QList<core::Event>& stored, QString* why) {
            return users->takePasswordChanges(stored, why) && users->takeRoleChanges(stored, why)
                && users->publishRevokedSerials(stored, why);
        });
    return hub;
}

bool HubStore::loadGeneration(QString* error)
{
    m_generation = m_database->meta(QString(kGenerationMeta));
    if (m_generation.isEmpty()) { // a hub made before generations: its first one
        m_generation = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (!m_database->setMeta(QString(kGenerationMeta), m_generation, error))
            return false;
    }
    m_parentGeneration = m_database->meta(QString(kParentGenerationMeta));
    const QString through = m_database->meta(QString(kRestoredThroughMeta));
    m_restoredThrough = through.isEmpty() ? -1 : through.toLongLong();
    return true;
}

bool HubStore::loadCheckpointKey(QString* error)
{
    // Made at the first start of a hub that has none (every hub before checkpoints), then kept.
    const auto secrets = db::HubSecretRepository(m_database->sql()).all(error);
    if (!secrets)
        return false;
    QByteArray seed = secrets->value(kCheckpointKey);
    std::optional<core::SealKey> key;
    if (seed.isEmpty()) {
        key = core::SealKey::generate();
        seed = key->rawPrivateKey();
        if (!db::HubSecretRepository(m_database->sql()).put(kCheckpointKey, seed, error)) {
            // Another process opening the hub at the same moment made it first: take that one.
            const auto again = db::HubSecretRepository(m_database->sql()).all(error);
            if (!again || again->value(kCheckpointKey).isEmpty())
                return false;
            seed = again->value(kCheckpointKey);
            key = core::SealKey::fromRawPrivate(seed, error);
        }
    } else {
        key = core::SealKey::fromRawPrivate(seed, error);
    }
    core::crypto::wipe(seed);
    if (!key)
        return false;
    m_checkpointPublicKey = key->rawPublicKey();
    m_log->setCheckpointKey(std::move(*key));
    return true;
}

bool HubStore::loadSecrets(QString* error)
{
    const auto secrets = db::HubSecretRepository(m_database->sql()).all(error);
    if (!secrets)
        return false;
    m_identity.caKey = secrets->value(kCaKey);
    m_identity.caCertificate = secrets->value(kCaCert);
    m_identity.tlsKey = secrets->value(kTlsKey);
    m_identity.tlsCertificate = secrets->value(kTlsCert);
    m_identity.hallName = m_database->meta(QStringLiteral("hall_name"));
    if (m_identity.caKey.isEmpty() || m_identity.caCertificate.isEmpty() || m_identity.tlsKey.isEmpty()
        || m_identity.tlsCertificate.isEmpty()
        || m_database->meta(QStringLiteral("role")) != QLatin1String("hub"))
        return fail(error, tr("This database is not a hub's (no certificate authority in it)."));
    return true;
}

} // namespace oneseal::sync
