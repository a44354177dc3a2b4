#include "HubBackup.h"

#include "HubStore.h"
#include "core/CaseNumber.h"
#include "core/Crypto.h"
#include "db/Database.h"
#include "db/OnlineBackup.h"
#include "db/hub/HubLeaseRepository.h"
#include "db/hub/HubRecoveryRepository.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

namespace oneseal::sync {

namespace {
template<typename T>
std::optional<T> failed(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return std::nullopt;
}

bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}

constexpr qint64 kMaxManifestBytes = 64 * 1024;
constexpr qint64 kChunk = 1 << 20;

void removeDatabaseFiles(const QString& path)
{
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
}

/** Reads the magic line and the manifest; leaves f at the first byte of the database. */
std::optional<BackupManifest> readHeader(QFile& f, QString* error)
{
    const QByteArray magic(HubBackup::kMagic);
    if (f.read(magic.size()) != magic)
        return failed<BackupManifest>(error, HubBackup::tr("%1 is not a OneSeal hub backup.").arg(f.fileName()));
    const QByteArray line = f.readLine(kMaxManifestBytes);
    if (!line.endsWith('\n'))
        return failed<BackupManifest>(error, HubBackup::tr("The manifest of %1 is cut off or damaged.").arg(f.fileName()));
    QString why;
    auto manifest = BackupManifest::fromJson(line.trimmed(), &why);
    if (!manifest)
        return failed<BackupManifest>(error, HubBackup::tr("The manifest of %1 is damaged: %2").arg(f.fileName(), why));
    if (f.size() - f.pos() != manifest->databaseBytes)
        return failed<BackupManifest>(error, HubBackup::tr("%1 holds %2 bytes of database where its manifest says %3: the "
                                                           "file is cut off or damaged.")
                                                 .arg(f.fileName())
                                                 .arg(f.size() - f.pos())
                                                 .arg(manifest->databaseBytes));
    return manifest;
}

/** Copies the database bytes of an opened backup to target, checking them against the manifest's SHA-256. */
bool extract(QFile& f, const BackupManifest& manifest, const QString& target, QString* error)
{
    QFile out(target);
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return fail(error, HubBackup::tr("%1 cannot be written: %2").arg(target, out.errorString()));
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QCryptographicHash sha(QCryptographicHash::Sha256);
    while (!f.atEnd()) {
        const QByteArray chunk = f.read(kChunk);
        if (chunk.isEmpty() || out.write(chunk) != chunk.size()) {
            out.remove();
            return fail(error, HubBackup::tr("%1 could not be read whole.").arg(f.fileName()));
        }
        sha.addData(chunk);
    }
    if (!out.flush() || sha.result() != manifest.sha256) {
        out.remove();
        return fail(error, HubBackup::tr("The database in %1 does not match the SHA-256 of its manifest: the backup is "
                                         "damaged. Use another copy.")
                               .arg(f.fileName()));
    }
    out.close();
    return true;
}

/** Opens an extracted copy and checks it is whole and what the manifest says. */
bool checkDatabase(const QString& path, const QByteArray& key, const BackupManifest& manifest, QString* error)
{
    QString e;
    auto database = db::Database::open(path, key, {}, &e);
    if (!database)
        return fail(error, HubBackup::tr("The backup does not open with this hub's key (%1).").arg(e));
    QSqlQuery q(database->sql());
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")) || !q.next() || q.value(0).toString() != QLatin1String("ok"))
        return fail(error, HubBackup::tr("The backup's database fails SQLite's integrity check: %1")
                               .arg(q.isActive() ? q.value(0).toString() : q.lastError().text()));
    q.finish();
    if (database->meta(QStringLiteral("role")) != QLatin1String("hub"))
        return fail(error, HubBackup::tr("The backup does not hold a hub's database."));
    const auto counts = db::HubRecoveryRepository(database->sql()).counts(&e);
    if (!counts)
        return fail(error, e);
    if (counts->events != manifest.events || counts->maxServerSeq != manifest.maxServerSeq
        || counts->workstations != manifest.workstations || counts->leases != manifest.leases
        || counts->users != manifest.users)
        return fail(error, HubBackup::tr("The backup's database does not hold what its manifest says (%1 events through "
                                         "server_seq %2, where the manifest says %3 through %4).")
                               .arg(counts->events)
                               .arg(counts->maxServerSeq)
                               .arg(manifest.events)
                               .arg(manifest.maxServerSeq));
    return true;
}
} // namespace

QByteArray BackupManifest::toJson() const
{
    const QJsonObject o{{QStringLiteral("format"), format},
                        {QStringLiteral("created"), created.toUTC().toString(Qt::ISODateWithMs)},
                        {QStringLiteral("hall"), hall},
                        {QStringLiteral("generation"), generation},
                        {QStringLiteral("max_server_seq"), maxServerSeq},
                        {QStringLiteral("events"), events},
                        {QStringLiteral("workstations"), workstations},
                        {QStringLiteral("leases"), leases},
                        {QStringLiteral("users"), users},
                        {QStringLiteral("database_bytes"), databaseBytes},
                        {QStringLiteral("sha256"), QString::fromLatin1(sha256.toHex())}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<BackupManifest> BackupManifest::fromJson(const QByteArray& json, QString* error)
{
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parse);
    if (!doc.isObject())
        return failed<BackupManifest>(error, parse.errorString());
    const QJsonObject o = doc.object();
    BackupManifest m;
    m.format = o.value(QStringLiteral("format")).toInt();
    m.created = QDateTime::fromString(o.value(QStringLiteral("created")).toString(), Qt::ISODateWithMs);
    m.hall = o.value(QStringLiteral("hall")).toString();
    m.generation = o.value(QStringLiteral("generation")).toString();
    const auto integer = [&o](const char* key) { return qint64(o.value(QLatin1String(key)).toDouble(-1)); };
    m.maxServerSeq = integer("max_server_seq");
    m.events = integer("events");
    m.workstations = integer("workstations");
    m.leases = integer("leases");
    m.users = integer("users");
    m.databaseBytes = integer("database_bytes");
    m.sha256 = QByteArray::fromHex(o.value(QStringLiteral("sha256")).toString().toLatin1());
    if (m.format != 1)
        return failed<BackupManifest>(error, HubBackup::tr("format %1 is not known").arg(m.format));
    if (!m.created.isValid() || m.generation.isEmpty() || m.maxServerSeq < 0 || m.events < 0 || m.workstations < 0
        || m.leases < 0 || m.users < 0 || m.databaseBytes <= 0 || m.sha256.size() != 32)
        return failed<BackupManifest>(error, HubBackup::tr("a field is missing or out of range"));
    return m;
}

bool HubBackup::extractDatabase(const QString& file, const QString& target, QString* error)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return fail(error, tr("%1 cannot be read: %2").arg(file, f.errorString()));
    const auto manifest = readHeader(f, error);
    return manifest && extract(f, *manifest, target, error);
}

QString HubBackup::lockPath(const QString& directory)
{
    return QDir(directory).filePath(QStringLiteral("hub.lock"));
}

std::optional<BackupManifest> HubBackup::create(const QString& directory, const QString& outFile, QString* error,
                                                const core::Clock& clock)
{
    if (outFile.isEmpty())
        return failed<BackupManifest>(error, tr("Give the backup file with --out."));
    if (QFileInfo::exists(outFile))
        return failed<BackupManifest>(error, tr("%1 exists already; a backup never overwrites a file.").arg(outFile));
    QByteArray key = HubStore::readKey(directory, error);
    if (key.isEmpty())
        return std::nullopt;
    if (!QFile::exists(HubStore::databasePath(directory))) {
        core::crypto::wipe(key);
        return failed<BackupManifest>(error, tr("There is no hub database in %1.").arg(directory));
    }
    // The copy is made next to the output (same file system), then written into the backup file.
    const QString copyPath = outFile + QStringLiteral(".copying");
    removeDatabaseFiles(copyPath);
    BackupManifest manifest;
    QString e;
    bool ok = false;
    {
        auto source = db::Database::open(HubStore::databasePath(directory), key, {}, &e);
        ok = source && db::OnlineBackup::copy(*source, copyPath, key, &e);
    }
    if (ok) {
        auto copy = db::Database::open(copyPath, key, {}, &e);
        const auto counts = copy ? db::HubRecoveryRepository(copy->sql()).counts(&e) : std::nullopt;
        ok = counts.has_value();
        if (ok) {
            manifest.created = clock.now().toUTC();
            manifest.hall = copy->meta(QStringLiteral("hall_name"));
            manifest.generation = copy->meta(QString(HubStore::kGenerationMeta));
            manifest.maxServerSeq = counts->maxServerSeq;
            manifest.events = counts->events;
            manifest.workstations = counts->workstations;
            manifest.leases = counts->leases;
            manifest.users = counts->users;
            if (manifest.generation.isEmpty())
                ok = fail(&e, tr("The hub has no generation yet; start it once (or run any hub command) first."));
        }
    }
    core::crypto::wipe(key);
    if (ok) {
        QFile in(copyPath);
        QCryptographicHash sha(QCryptographicHash::Sha256);
        ok = in.open(QIODevice::ReadOnly) && sha.addData(&in);
        manifest.sha256 = sha.result();
        manifest.databaseBytes = in.size();
        if (!ok)
            e = tr("The copy %1 cannot be read: %2").arg(copyPath, in.errorString());
    }
    if (ok) {
        QSaveFile out(outFile);
        QFile in(copyPath);
        ok = out.open(QIODevice::WriteOnly) && in.open(QIODevice::ReadOnly);
        if (ok) {
            out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            out.write(kMagic);
            out.write(manifest.toJson() + '\n');
            while (ok && !in.atEnd()) {
                const QByteArray chunk = in.read(kChunk);
                ok = !chunk.isEmpty() && out.write(chunk) == chunk.size();
            }
            ok = ok && out.commit();
        }
        if (!ok)
            e = tr("%1 cannot be written: %2").arg(outFile, out.errorString());
    }
    removeDatabaseFiles(copyPath);
    if (!ok)
        return failed<BackupManifest>(error, e);
    return manifest;
}

std::optional<BackupManifest> HubBackup::verify(const QString& file, const QByteArray& key, QString* error)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return failed<BackupManifest>(error, tr("%1 cannot be read: %2").arg(file, f.errorString()));
    auto manifest = readHeader(f, error);
    if (!manifest)
        return std::nullopt;
    QTemporaryDir temp;
    if (!temp.isValid())
        return failed<BackupManifest>(error, tr("No temporary folder for the check: %1").arg(temp.errorString()));
    const QString path = temp.filePath(QStringLiteral("check.db"));
    if (!extract(f, *manifest, path, error) || !checkDatabase(path, key, *manifest, error))
        return std::nullopt;
    return manifest;
}

std::optional<RestoreOutcome> HubBackup::restore(const QString& file, const QString& directory, QString* error,
                                                 const core::Clock& clock)
{
    QLockFile lock(lockPath(directory));
    lock.setStaleLockTime(0); // stale only when its process is gone, however old (the hub runs for months)
    if (!QDir(directory).exists())
        return failed<RestoreOutcome>(error, tr("The hub's folder %1 does not exist; create it and put the hub's key file "
                                                "hub.key in it first.")
                                                 .arg(directory));
    if (!lock.tryLock(0))
        return failed<RestoreOutcome>(error, tr("The hub in %1 is running; stop it first (systemctl stop oneseal-hub). "
                                                "Nothing was changed.")
                                                 .arg(directory));
    QByteArray key = HubStore::readKey(directory, error);
    if (key.isEmpty())
        return std::nullopt;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        core::crypto::wipe(key);
        return failed<RestoreOutcome>(error, tr("%1 cannot be read: %2").arg(file, f.errorString()));
    }
    RestoreOutcome outcome;
    const QString restoring = HubStore::databasePath(directory) + QStringLiteral(".restoring");
    removeDatabaseFiles(restoring);
    QString e;
    auto manifest = readHeader(f, &e);
    bool ok = manifest && extract(f, *manifest, restoring, &e) && checkDatabase(restoring, key, *manifest, &e);
    if (ok) {
        outcome.manifest = *manifest;
        outcome.generation = QUuid::createUuid().toString(QUuid::WithoutBraces);
        auto database = db::Database::open(restoring, key, {}, &e);
        ok = database && database->migrate(&e);
        if (ok) {
            const QSqlDatabase sql = database->sql();
            db::Transaction tx(sql);
            const QString now = clock.now().toUTC().toString(Qt::ISODate);
            ok = tx.isActive() && database->setMeta(QString(HubStore::kGenerationMeta), outcome.generation, &e)
                && database->setMeta(QString(HubStore::kParentGenerationMeta), manifest->generation, &e)
                && database->setMeta(QString(HubStore::kRestoredThroughMeta), QString::number(manifest->maxServerSeq), &e)
                && database->setMeta(QStringLiteral("hub_restored_at"), now, &e);
            // Leases given after the backup are unknown here: set aside blocks past every one it knows,
            // enough for every enrolled workstation; workstations also report what they hold (hello).
            db::HubLeaseRepository leases(sql);
            const qint64 reserve = std::max<qint64>(1, manifest->workstations) * kReservedBlocksPerWorkstation
                * core::numbering::kBlockSize;
            for (const QString& kind : {core::numbering::caseKind, core::numbering::certificateKind}) {
                if (!ok)
                    break;
                const qint64 start = leases.nextStart(kind, &e);
                ok = start > 0
                    && leases.insert(db::HubLease{kind, start, start + reserve - 1, QStringLiteral("RESTORE")},
                                     QStringLiteral("restore-%1-%2").arg(outcome.generation, kind), now, &e);
            }
            ok = ok && tx.commit(&e);
        }
    }
    core::crypto::wipe(key);
    if (!ok) {
        removeDatabaseFiles(restoring);
        return failed<RestoreOutcome>(error, e + QLatin1Char(' ') + tr("Nothing was changed."));
    }
    // The database that was there is kept beside, never deleted.
    const QString current = HubStore::databasePath(directory);
    if (QFile::exists(current)) {
        outcome.replacedPath = current + QStringLiteral(".before-restore-")
            + clock.now().toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        for (const char* suffix : {"", "-wal", "-shm"})
            if (QFile::exists(current + QLatin1String(suffix))
                && !QFile::rename(current + QLatin1String(suffix), outcome.replacedPath + QLatin1String(suffix))) {
                removeDatabaseFiles(restoring);
                return failed<RestoreOutcome>(error, tr("%1 cannot be moved aside; nothing was restored.").arg(current));
            }
    }
    if (!QFile::rename(restoring, current))
        return failed<RestoreOutcome>(error, tr("%1 cannot be renamed to %2.").arg(restoring, current));
    return outcome;
}

} // namespace oneseal::sync
