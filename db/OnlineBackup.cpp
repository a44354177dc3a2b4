#include "OnlineBackup.h"

#include "Database.h"

#include <QFile>
#include <QThread>

#include <sqlite3.h>

namespace oneseal::db {

namespace {
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
} // namespace

bool OnlineBackup::copy(const Database& source, const QString& target, const QByteArray& key, QString* error)
{
    if (QFile::exists(target))
        return fail(error, tr("%1 exists already; a backup never overwrites a file.").arg(target));
    QString e;
    bool ok = false;
    {
        auto destination = Database::open(target, key, {.create = true}, &e);
        if (!destination)
            return fail(error, e);
        sqlite3_backup* backup = sqlite3_backup_init(destination->raw(), "main", source.raw(), "main");
        if (!backup) {
            e = QString::fromUtf8(sqlite3_errmsg(destination->raw()));
        } else {
            // All pages in one step: one read transaction on the source, so the copy is one moment of it.
            // Busy (a checkpoint holding a lock for an instant) is waited out, at most about 30 s.
            int rc = SQLITE_OK;
            for (int attempt = 0; attempt < 1500; ++attempt) {
                rc = sqlite3_backup_step(backup, -1);
                if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
                    break;
                QThread::msleep(20);
            }
            const int finish = sqlite3_backup_finish(backup);
            ok = rc == SQLITE_DONE && finish == SQLITE_OK;
            if (!ok)
                e = tr("The online backup failed: %1 (%2).")
                        .arg(QString::fromUtf8(sqlite3_errstr(rc == SQLITE_DONE ? finish : rc)))
                        .arg(rc == SQLITE_DONE ? finish : rc);
        }
    }
    if (!ok) {
        removeDatabaseFiles(target);
        return fail(error, e);
    }
    return true;
}

} // namespace oneseal::db
