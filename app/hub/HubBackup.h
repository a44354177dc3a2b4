#pragma once

#include "core/Clock.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace oneseal::sync {

/** What a hub backup file states about the copy it holds (docs/OPERATIONS.md). */
struct BackupManifest
{
    int format = 1;
    QDateTime created;          ///< when the copy was taken (UTC)
    QString hall;
    QString generation;         ///< the hub generation the copy belongs to
    qint64 maxServerSeq = 0;    ///< the highest server_seq in the copy
    qint64 events = 0;
    qint64 workstations = 0;
    qint64 leases = 0;
    qint64 users = 0;
    qint64 databaseBytes = 0;
    QByteArray sha256;          ///< of the encrypted database bytes that follow the manifest

    QByteArray toJson() const;
    static std::optional<BackupManifest> fromJson(const QByteArray& json, QString* error);
};

/** What a restore did. */
struct RestoreOutcome
{
    BackupManifest manifest;
    QString generation;   ///< the restored hub's new generation
    QString replacedPath; ///< where the database that was there before was moved (empty: there was none)
};

/**
 * Backups of the hub: an online copy (db::OnlineBackup: no write lock, the hub goes on taking
 * pushes), a check of a backup file without restoring it, and a restore that gives the hub a new
 * generation so that workstations push again what the backup lacks.
 *
 * A backup file is `ONESEAL-HUB-BACKUP-1\n`, one line of JSON (the manifest), then the hub's
 * database as SQLCipher pages encrypted with the hub's own key: whoever has the file still needs
 * hub.key (kept apart from the backups) to read anything.
 */
class HubBackup
{
    Q_DECLARE_TR_FUNCTIONS(HubBackup)

public:
    static constexpr const char* kMagic = "ONESEAL-HUB-BACKUP-1\n";
    /** Blocks of each number kind a restore sets aside per workstation for leases the backup lacks. */
    static constexpr int kReservedBlocksPerWorkstation = 2;

    /** Copies the hub in directory (running or not) into outFile, which must not exist. */
    static std::optional<BackupManifest> create(const QString& directory, const QString& outFile, QString* error,
                                                const core::Clock& clock = core::Clock::system());
    /**
     * Checks a backup file with the hub's key: its manifest, the SHA-256 of the copy, that the copy
     * opens with the key, passes SQLite's integrity check, is a hub's and holds what the manifest says.
     */
    static std::optional<BackupManifest> verify(const QString& file, const QByteArray& key, QString* error);
    /**
     * Restores a backup into the hub's directory with the key in its key file: refuses while the hub
     * runs and refuses a file that fails verify() (then nothing changes). The database that was
     * there is moved aside, never deleted. The restored hub gets a new generation and sets aside
     * number blocks past every lease the backup knows (kReservedBlocksPerWorkstation each).
     */
    static std::optional<RestoreOutcome> restore(const QString& file, const QString& directory, QString* error,
                                                 const core::Clock& clock = core::Clock::system());

    /**
     * Writes the database a backup file holds to target (which must not exist), checked against the
     * manifest's SHA-256, without opening it (a rebuild takes the hub's keys from an old backup).
     */
    static bool extractDatabase(const QString& file, const QString& target, QString* error);

    /** The lock file the running hub holds (restore refuses while it is held). */
    static QString lockPath(const QString& directory);
};

} // namespace oneseal::sync
