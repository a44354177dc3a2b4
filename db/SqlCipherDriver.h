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
    /** Positional values are kept here (QSqlResult files each under a generated name first). */
    using QSqlResult::bindValue;
    void bindValue(int pos, const QVariant& value, QSql::ParamType type) override;
    bool exec() override;
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

private:
    friend class SqlCipherDriver;
    int bindText(sqlite3_stmt* stmt, int pos, QStringView text);
    SqlCipherResultPrivate* m_d;
};

} // namespace oneseal::db
