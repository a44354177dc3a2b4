#include "HubRebuild.h"

#include "HubBackup.h"
#include "HubStore.h"
#include "core/CaseNumber.h"
#include "core/Crypto.h"
#include "core/Failed.h"
#include "db/CatalogRepository.h"
#include "db/Database.h"
#include "db/EventStore.h"
#include "db/ReferenceRepository.h"
#include "db/UserDirectory.h"
#include "db/hub/HubLeaseRepository.h"
#include "db/hub/HubRebuildRepository.h"
#include "db/hub/HubSecretRepository.h"

#include <QCborArray>
#include <QCborValue>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QTemporaryDir>
#include <QUuid>

namespace oneseal::sync {

namespace {
using core::failed;

bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}

void removeDatabaseFiles(const QString& path)
{
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
}

/** The surviving keys (hub_secrets) and revocations of the lost hub, from its database or a backup of it. */
struct Survivors
{
    QHash<QString, QByteArray> secrets;
    QString hall;
};

std::optional<Survivors> readSurvivors(const QString& path, const QByteArray& key, const QString& workDir,
                                       const QSqlDatabase& target, QString* error)
{
    QString source = path;
    QFile probe(path);
    if (!probe.open(QIODevice::ReadOnly))
        return failed<Survivors>(error, HubRebuild::tr("%1 cannot be read: %2").arg(path, probe.errorString()));
    const bool backup = probe.read(qstrlen(HubBackup::kMagic)) == QByteArray(HubBackup::kMagic);
    probe.close();
    if (backup) {
        source = QDir(workDir).filePath(QStringLiteral("keys.db"));
        if (!HubBackup::extractDatabase(path, source, error))
            return std::nullopt;
    }
    QString e;
    auto old = db::Database::open(source, key, {}, &e);
    if (!old)
        return failed<Survivors>(error, HubRebuild::tr("The hub's keys cannot be read from %1 with this hub's key file "
                                                       "(%2).")
                                            .arg(path, e));
    const auto secrets = db::HubSecretRepository(old->sql()).all(&e);
    if (!secrets)
        return failed<Survivors>(error, e);
    for (const QString& name : HubStore::secretNames())
        if (secrets->value(name).isEmpty())
            return failed<Survivors>(error, HubRebuild::tr("%1 does not hold the hub's keys (%2 is missing).").arg(path, name));
    // Certificates the lost hub had revoked stay refused (those it revoked later must be revoked again).
    if (!db::HubRebuildRepository::copyTable(old->sql(), target, QStringLiteral("sync_revocations"), &e))
        return failed<Survivors>(error, e);
    return Survivors{*secrets, old->meta(QStringLiteral("hall_name"))};
}
} // namespace

std::optional<RebuildOutcome> HubRebuild::rebuild(db::Database& replica, const RebuildSetup& setup, QString* error,
                                                  const core::Clock& clock)
{
    const QString directory = setup.directory;
    if (directory.isEmpty())
        return failed<RebuildOutcome>(error, tr("Give the folder of the hub."));
    const QSqlDatabase from = replica.sql();
    if (replica.meta(QStringLiteral("role")) == QLatin1String("hub"))
        return failed<RebuildOutcome>(error, tr("This is a hub's database, not a workstation's replica; restore a "
                                                "backup instead."));
    const QString hall = replica.meta(QStringLiteral("hall_name"));
    const QString replicaWorkstation = replica.meta(QStringLiteral("workstation_id"));
    const QString lostGeneration = QString::fromUtf8(db::HubRebuildRepository::clientState(from, QStringLiteral("hub_generation")));
    if (hall.isEmpty() || replicaWorkstation.isEmpty())
        return failed<RebuildOutcome>(error, tr("The replica has no hall or workstation name."));
    if (!QDir().mkpath(directory))
        return failed<RebuildOutcome>(error, tr("The folder %1 cannot be created.").arg(directory));
    QFile::setPermissions(directory, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QLockFile lock(HubBackup::lockPath(directory));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0))
        return failed<RebuildOutcome>(error, tr("A hub runs in %1; stop it first. Nothing was changed.").arg(directory));
    const QString dbPath = HubStore::databasePath(directory);
    if (QFile::exists(dbPath))
        return failed<RebuildOutcome>(error, tr("%1 exists; a rebuild never replaces a hub's database. Move it aside "
                                                "first (keep it: its keys may still be read with --keys-from).")
                                                 .arg(dbPath));

    RebuildOutcome outcome;
    QString e;
    QByteArray key;
    const QString keyFile = HubStore::keyPath(directory);
    if (QFile::exists(keyFile)) {
        key = HubStore::readKey(directory, error);
        if (key.isEmpty())
            return std::nullopt;
    } else {
        if (!setup.keysFrom.isEmpty())
            return failed<RebuildOutcome>(error, tr("The hub's keys in %1 can only be read with its key file %2, which "
                                                    "is not there.")
                                                     .arg(setup.keysFrom, keyFile));
        key = core::crypto::randomBytes(32);
        QFile f(keyFile);
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly)
            || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || f.write(key.toHex() + '\n') != 65) {
            f.remove();
            core::crypto::wipe(key);
            return failed<RebuildOutcome>(error, tr("The key file %1 cannot be written.").arg(keyFile));
        }
        outcome.newKeyFile = true;
    }
    auto cleanup = [&] {
        removeDatabaseFiles(dbPath);
        if (outcome.newKeyFile)
            QFile::remove(keyFile);
    };
    auto abandon = [&](const QString& why) -> std::optional<RebuildOutcome> {
        cleanup();
        return failed<RebuildOutcome>(error, why + QLatin1Char(' ') + tr("Nothing was kept."));
    };

    // 1. The database, its keys (surviving or new), its meta and what the replica holds besides events.
    outcome.generation = QUuid::createUuid().toString(QUuid::WithoutBraces);
    outcome.parentGeneration = lostGeneration;
    QByteArray newSealKey;
    {
        auto database = db::Database::open(dbPath, key, {.create = true}, &e);
        if (!database || !database->migrate(&e)) {
            database.reset();
            core::crypto::wipe(key);
            return abandon(e);
        }
        const QSqlDatabase to = database->sql();
        db::Transaction tx(to);
        bool ok = tx.isActive();
        QHash<QString, QByteArray> secrets;
        QTemporaryDir work;
        if (ok && !setup.keysFrom.isEmpty()) {
            const auto survivors = readSurvivors(setup.keysFrom, key, work.path(), to, &e);
            ok = survivors.has_value();
            if (ok && survivors->hall != hall)
                ok = fail(&e, tr("The keys in %1 are the hub of \"%2\", the replica is of \"%3\".")
                                  .arg(setup.keysFrom, survivors->hall, hall));
            if (ok) {
                secrets = survivors->secrets;
                outcome.keptKeys = true;
            }
        } else if (ok) {
            const auto made = HubStore::createSecrets(hall, setup.hosts, &e);
            ok = made.has_value();
            if (ok) {
                secrets = *made;
                newSealKey = secrets.value(HubStore::sealKeySecret());
            }
        }
        db::HubSecretRepository store(to);
        for (auto it = secrets.cbegin(); ok && it != secrets.cend(); ++it)
            ok = store.put(it.key(), it.value(), &e);
        const QString now = clock.now().toUTC().toString(Qt::ISODate);
        const QString legacy = replica.meta(db::UserDirectory::legacyHlcKey());
        ok = ok && database->setMeta(QStringLiteral("workstation_id"), HubStore::hubWorkstation(), &e)
            && database->setMeta(QStringLiteral("hall_name"), hall, &e)
            && database->setMeta(QStringLiteral("role"), QStringLiteral("hub"), &e)
            && database->setMeta(QStringLiteral("created_at"), now, &e)
            && database->setMeta(QString(HubStore::kGenerationMeta), outcome.generation, &e)
            && database->setMeta(QString(HubStore::kParentGenerationMeta), lostGeneration, &e)
            && database->setMeta(QString(HubStore::kRestoredThroughMeta), QStringLiteral("0"), &e)
            && database->setMeta(QStringLiteral("hub_rebuilt_at"), now, &e)
            && database->setMeta(QStringLiteral("hub_rebuilt_from"), replicaWorkstation, &e)
            && (legacy.isEmpty() || database->setMeta(db::UserDirectory::legacyHlcKey(), legacy, &e))
            && (!outcome.keptKeys || database->setMeta(QLatin1String(HubEnrollment::kAdoptMeta), QStringLiteral("1"), &e));
        for (const QString& table : db::HubRebuildRepository::copiedTables()) {
            if (!ok)
                break;
            const auto copied = db::HubRebuildRepository::copyTable(from, to, table, &e);
            ok = copied.has_value();
            if (ok && table == QLatin1String("users"))
                outcome.users = *copied;
            if (ok && table == QLatin1String("attachment_blobs"))
                outcome.files = *copied;
        }
        if (ok) {
            const db::CatalogRepository source(from);
            db::CatalogRepository target(to, clock);
            for (int version : source.versions()) {
                const auto catalog = source.version(version, &e);
                ok = catalog && target.import(*catalog, &e);
                if (!ok)
                    break;
                ++outcome.catalogs;
            }
        }
        ok = ok && tx.commit(&e);
        database.reset();
        if (!ok) {
            core::crypto::wipe(key);
            return abandon(e);
        }
    }
    core::crypto::wipe(key);

    // 2. Every event, through the hub's own log (hashes, chains, the hall's rules): first those the lost
    // hub had numbered, in its order, then the rest in push order.
    auto hub = HubStore::open(directory, &e, clock);
    if (!hub)
        return abandon(e);
    db::EventStore events(replica, replicaWorkstation, clock);
    qint64 contiguous = 0; // numbers 1..contiguous are the lost hub's, unchanged
    bool gap = false;
    qint64 after = 0;
    for (;;) {
        const QList<core::Event> batch = events.eventsAfter(after, kBatch);
        if (batch.isEmpty())
            break;
        const auto stored = hub->eventLog().importEvents(batch, false, &e);
        if (!stored)
            return abandon(e);
        for (qsizetype i = 0; i < batch.size(); ++i) {
            const qint64 lost = batch.at(i).serverSeq;
            const qint64 given = stored->acks.value(i).second;
            if (!gap && lost == contiguous + 1 && given == lost)
                contiguous = lost;
            else
                gap = true;
        }
        outcome.events += stored->stored;
        outcome.quarantined += stored->quarantined;
        after = batch.constLast().serverSeq;
    }
    QList<core::Event> unsent = events.unsentEvents(kBatch);
    while (!unsent.isEmpty()) {
        const auto stored = hub->eventLog().importEvents(unsent, true, &e);
        if (!stored)
            return abandon(e);
        outcome.events += stored->stored;
        outcome.quarantined += stored->quarantined;
        unsent = events.unsentEventsAfter(unsent.constLast(), kBatch);
    }
    outcome.restoredThrough = contiguous;
    outcome.workstations = db::HubRebuildRepository::workstationsOfEvents(hub->database().sql());

    // 3. Numbers: blocks set aside past every block the replica held, enough for every workstation
    // whose events it holds to have leased two more from the lost hub; workstations also report what
    // they hold (hello), which the hub never leases again. Then the generation's meta, users and seal keys.
    {
        db::Database& database = hub->database();
        const QSqlDatabase to = database.sql();
        db::Transaction tx(to);
        bool ok = tx.isActive();
        const QHash<QString, qint64> held = db::HubRebuildRepository::highestHeld(from);
        const qint64 reserve = (qint64(outcome.workstations.size()) + 1) * kReservedBlocksPerWorkstation
            * core::numbering::kBlockSize;
        const QString now = clock.now().toUTC().toString(Qt::ISODate);
        db::HubLeaseRepository leases(to);
        for (const QString& kind : {core::numbering::caseKind, core::numbering::certificateKind}) {
            if (!ok)
                break;
            const qint64 start = leases.nextStart(kind, &e);
            ok = start > 0
                && leases.insert(db::HubLease{kind, start, std::max(start, held.value(kind)) + reserve - 1,
                                              QStringLiteral("REBUILD")},
                                 QStringLiteral("rebuild-%1-%2").arg(outcome.generation, kind), now, &e);
        }
        ok = ok && database.setMeta(QString(HubStore::kRestoredThroughMeta), QString::number(contiguous), &e);
        ok = ok && hub->reference().publishUsers(&e);
        if (ok && !newSealKey.isEmpty()) {
            // A new seal-signing key joins the keys the hall trusted before: seals made earlier still verify.
            QString why;
            const auto latest = db::ReferenceRepository(to).latest(QStringLiteral("seal_keys"), &why);
            QCborArray keys = latest ? QCborValue::fromCbor(latest->payload).toArray() : QCborArray();
            keys.append(HubStore::sealKeyEntry(newSealKey, hall));
            ok = why.isEmpty() && hub->publishReference(QStringLiteral("seal_keys"), keys.toCborValue().toCbor(), &e);
            if (!why.isEmpty())
                e = why;
        }
        ok = ok && tx.commit(&e);
        if (!ok) {
            hub.reset();
            return abandon(e);
        }
    }
    hub.reset();
    return outcome;
}

} // namespace oneseal::sync
