#pragma once

#include <QSqlDriver>
#include <QSqlResult>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace oneseal::db {

class StatementCache;

/**
 * The QSQLCIPHER Qt SQL driver: QSqlDriver over the SQLCipher C API (statically linked).
 *
 * The database name is the file path. The key is passed as the password, in SQLCipher's raw-key
 * form: 64 hexadecimal digits (a 256-bit key); anything else is refused before the file is touched.
 * Connect options (semicolon separated):
 *   QSQLCIPHER_CREATE            create the file if missing (sets cipher_page_size = 4096)
 *   QSQLCIPHER_READONLY          open read-only
 *   QSQLCIPHER_BUSY_TIMEOUT=ms   how long to wait for another connection's lock (default 5000)
 *   QSQLCIPHER_SYNCHRONOUS=FULL|NORMAL   durability (default FULL)
 *   QSQLCIPHER_ENABLE_REGEXP[=n] a REGEXP operator (QRegularExpression, n patterns cached, default 25)
 * Other options are ignored; docs/DRIVER.md lists QSQLITE's options and what stands for each here.
 *
 * Another encrypted file is attached with its key bound: ATTACH DATABASE ? AS name KEY ?, the key as
 * the text x'<64 hex digits>' (its pages are 4096 bytes like ours: the driver makes that the default).
 *
 * The key is checked at once: a wrong key, a plain SQLite file or a damaged file gives a clear
 * error and the connection stays closed. Opened databases use WAL, foreign keys on, recursive
 * triggers on (a row that INSERT OR REPLACE deletes fires delete triggers: the events table's
 * append-only guard relies on it).
 *
 * Statements that read or change data are kept prepared after use, per connection and by their
 * SQL text (at most StatementCache::kCapacity): preparing the same statement again costs a lookup
 * instead of a parse.
 */
class SqlCipherDriver : public QSqlDriver
{
    Q_OBJECT

public:
    explicit SqlCipherDriver(QObject* parent = nullptr);
    ~SqlCipherDriver() override;

    bool hasFeature(DriverFeature feature) const override;
    bool open(const QString& db, const QString& user, const QString& password, const QString& host,
              int port, const QString& connOpts) override;
    void close() override;
    QSqlResult* createResult() const override;
    bool beginTransaction() override;
    bool commitTransaction() override;
    bool rollbackTransaction() override;
    QStringList tables(QSql::TableType type) const override;
    QSqlRecord record(const QString& tableName) const override;
    QSqlIndex primaryIndex(const QString& tableName) const override;
    QString escapeIdentifier(const QString& identifier, IdentifierType type) const override;
    QVariant handle() const override;
    /** As QSQLITE: notification(table, UnknownSource, rowid) after a row of a subscribed table changed. */
    bool subscribeToNotification(const QString& name) override;
    bool unsubscribeFromNotification(const QString& name) override;
    QStringList subscribedToNotifications() const override;

    /** The raw connection, for the db layer's own use (scripts, export). Null when closed. */
    sqlite3* connection() const { return m_db; }

    /**
     * A bound value as this driver hands it to SQLite: an invalid QVariant for SQL NULL (also a null
     * QString or QByteArray, an invalid date), qlonglong for integers and booleans, double, QByteArray
     * for blobs, QString for all else. A value read back from a column of the same declared type
     * compares equal to it: projections use this to write only what changed.
     */
    static QVariant storedValue(const QVariant& value);

    /** Registers the driver with QSqlDatabase under the name "QSQLCIPHER" (idempotent). */
    static void registerDriver();
    static constexpr const char* driverName = "QSQLCIPHER";

private:
    bool execSimple(const char* sql, const QString& what);
    QSqlRecord tableInfo(const QString& tableName, bool onlyPrimaryKey) const;

    friend class SqlCipherResult;
    friend class SqlCipherResultPrivate;
    sqlite3* m_db = nullptr;
    std::unique_ptr<StatementCache> m_statements;
    QStringList m_subscriptions;
};

class SqlCipherResultPrivate;

/** A statement of QSQLCIPHER: streams rows when forward-only, caches them for scrolling otherwise. */
class SqlCipherResult : public QSqlResult
{
public:
    explicit SqlCipherResult(const SqlCipherDriver* driver);
    ~SqlCipherResult() override;

    QVariant handle() const override;

protected:
    bool reset(const QString& query) override;
    bool prepare(const QString& query) override;
    /** Positional SQL goes straight to prepare(); Qt's rewrite of named placeholders only when needed. */
    bool savePrepare(const QString& query) override;
    /** Positional values go straight into QSqlResult's list (without its generated names). */
    using QSqlResult::bindValue;
    void bindValue(int pos, const QVariant& value, QSql::ParamType type) override;
    bool exec() override;
    /** One prepared statement run per row of the bound lists, in one transaction (or savepoint). */
    bool execBatch(bool arrayBind) override;
    QVariant data(int column) override;
    bool isNull(int column) override;
    bool fetch(int row) override;
    bool fetchNext() override;
    bool fetchFirst() override;
    bool fetchLast() override;
    int size() override;
    int numRowsAffected() override;
    QSqlRecord record() const override;
    QVariant lastInsertId() const override;
    void detachFromResultSet() override;
    void setForwardOnly(bool forward) override;
    void setAt(int index) override;

private:
    friend class SqlCipherDriver;
    /** exec() but for the active flag: binds the values, runs the statement to its first row. */
    bool run();
    int bindOne(sqlite3_stmt* stmt, int pos, const QVariant& value);
    int bindText(sqlite3_stmt* stmt, int pos, QStringView text);
    int bindBlob(sqlite3_stmt* stmt, int pos, const QByteArray& blob);
    SqlCipherResultPrivate* m_d;
};

} // namespace oneseal::db
