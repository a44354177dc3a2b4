#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace oneseal::db {

class Database;

/**
 * A consistent copy of an open encrypted database made with SQLite's online backup API while other
 * connections and processes go on writing: the copy is taken in one read transaction, which in WAL
 * mode never blocks a writer (and no write lock is taken on the source at all). The copy is keyed
 * with the same key and has the same 4096-byte pages, so it is page for page what a reader of the
 * source saw at one moment.
 */
class OnlineBackup
{
    Q_DECLARE_TR_FUNCTIONS(OnlineBackup)

public:
    /**
     * Copies source into target, a file that must not exist yet, keyed with key (the source's own
     * key: SQLCipher copies pages only between databases keyed alike). On failure the target is
     * removed again and *error says why.
     */
    static bool copy(const Database& source, const QString& target, const QByteArray& key, QString* error);
};

} // namespace oneseal::db
