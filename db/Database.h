#pragma once

#include <QCoreApplication>

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <memory>

struct sqlite3;

namespace oneseal::db {

/** How to open a database file. */
struct OpenOptions
{
    bool create = false;   ///< create the file when it does not exist
    bool readOnly = false;
    int busyTimeoutMs = 5000;
};

/**
 * One keyed connection to an encrypted OneSeal database (always through QSQLCIPHER). The object
 * owns its QSqlDatabase connection and removes it when destroyed; use it from one thread.
 */
class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)

public:
    /**
     * Opens path with the raw 256-bit key. On failure returns null, sets *error to a sentence for
     * the user, and leaves the file as it was (a file it had to create is removed again).
     */
    static std::unique_ptr<Database> open(const QString& path, const QByteArray& key, const OpenOptions& options,
                                          QString* error);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    QSqlDatabase sql() const;
    QString path() const { return m_path; }
    QString connectionName() const { return m_connectionName; }
    sqlite3* raw() const;

    /**
     * Brings the schema up to date with the migrations in dir (default: the built-in ones), files
     * named NNNN_verb_noun.sql applied in number order, each in its own transaction together with
     * PRAGMA user_version = NNNN. A failing migration is undone entirely. Refuses a database whose
     * version is newer than the highest migration, and duplicate numbers.
     */
    bool migrate(QString* error, const QString& dir = QString());
    int schemaVersion() const;
    static int latestSchemaVersion();

    /** Whether a transaction is open on this connection (appending events requires one). */
    bool inTransaction() const;

    /** Runs several statements (a migration script) on the raw connection. */
    bool execScript(const QString& sql, QString* error);

    /** Writes a plaintext (unencrypted) copy of the whole database to target (disaster recovery). */
    bool exportPlaintext(const QString& target, QString* error);

    QString meta(const QString& key) const;
    bool setMeta(const QString& key, const QString& value, QString* error);

    /** Registers QSQLCIPHER and the built-in resources; called by open(). */
    static void initialize();
    static QString defaultMigrationsDir();

private:
    Database(QString path, QString connectionName);

    QString m_path;
    QString m_connectionName;
};

/**
 * A write transaction (BEGIN IMMEDIATE) that rolls back unless committed. Opened while another one
 * is open on the same connection (same thread), it is a savepoint inside it: its commit keeps its
 * work for the outer transaction to commit or roll back (a hub-side bundle import is all or nothing).
 */
class Transaction
{
    Q_DECLARE_TR_FUNCTIONS(Transaction)

public:
    explicit Transaction(const QSqlDatabase& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool isActive() const { return m_active; }
    QString errorText() const { return m_error; }
    bool commit(QString* error);

private:
    void end();

    QSqlDatabase m_db;
    bool m_active = false;
    QString m_error;
    QString m_savepoint; ///< set when opened inside another Transaction on the same connection
};

/** Hex text of a key for the driver; the caller wipes it after use. */
QString keyToHex(const QByteArray& key);

} // namespace oneseal::db
