#include "Database.h"

#include "SqlCipherDriver.h"

#include <sqlite3.h>

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace oneseal::db {

namespace {
QAtomicInteger<quint64> g_connectionCounter;

} // namespace

QString keyToHex(const QByteArray& key)
{
    return QString::fromLatin1(key.toHex());
}

void Database::initialize()
{
    SqlCipherDriver::registerDriver();
}

QString Database::defaultMigrationsDir()
{
    return QStringLiteral(":/oneseal/migrations");
}

Database::Database(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
{
}

Database::~Database()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

std::unique_ptr<Database> Database::open(const QString& path, const QByteArray& key, const OpenOptions& options,
                                         QString* error)
{
    initialize();
    if (key.size() != 32) {
        if (error)
            *error = tr("The database key is not a 256-bit key.");
        return nullptr;
    }
    const QString name = QStringLiteral("oneseal-%1").arg(++g_connectionCounter);
    std::unique_ptr<Database> database(new Database(QFileInfo(path).absoluteFilePath(), name));
    QSqlDatabase db = QSqlDatabase::addDatabase(QString::fromLatin1(SqlCipherDriver::driverName), name);
    db.setDatabaseName(database->m_path);
    QStringList opts;
    if (options.create)
        opts << QStringLiteral("QSQLCIPHER_CREATE");
    if (options.readOnly)
        opts << QStringLiteral("QSQLCIPHER_READONLY");
    opts << QStringLiteral("QSQLCIPHER_BUSY_TIMEOUT=%1").arg(options.busyTimeoutMs);
    db.setConnectOptions(opts.join(QLatin1Char(';')));
    QString hex = keyToHex(key);
    const bool ok = db.open(QString(), hex);
    hex.fill(QLatin1Char('0'));
    db.setPassword(QString());
    if (!ok) {
        if (error)
            *error = db.lastError().driverText();
        return nullptr;
    }
    return database;
}

QSqlDatabase Database::sql() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

sqlite3* Database::raw() const
{
    auto* driver = qobject_cast<SqlCipherDriver*>(sql().driver());
    return driver ? driver->connection() : nullptr;
}

bool Database::execScript(const QString& sqlText, QString* error)
{
    char* message = nullptr;
    const QByteArray utf8 = sqlText.toUtf8();
    const int rc = sqlite3_exec(raw(), utf8.constData(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return true;
    if (error)
        *error = message ? QString::fromUtf8(message) : QString::fromUtf8(sqlite3_errstr(rc));
    sqlite3_free(message);
    return false;
}

int Database::schemaVersion() const
{
    QSqlQuery q(sql());
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return -1;
}

int Database::latestSchemaVersion()
{
    initialize();
    static const QRegularExpression re(QStringLiteral("^(\\d{4})_[a-z0-9_]+\\.sql$"));
    int latest = 0;
    for (const QString& f : QDir(defaultMigrationsDir()).entryList(QDir::Files))
        if (auto m = re.match(f); m.hasMatch())
            latest = std::max(latest, m.captured(1).toInt());
    return latest;
}

bool Database::migrate(QString* error, const QString& dirPath)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{4})_[a-z0-9_]+\\.sql$"));
    const QDir dir(dirPath.isEmpty() ? defaultMigrationsDir() : dirPath);
    if (!dir.exists()) {
        if (error)
            *error = tr("The migrations folder %1 does not exist.").arg(dir.path());
        return false;
    }
    // Collect and check every migration before touching the database.
    QMap<int, QString> migrations;
    for (const QString& file : dir.entryList(QDir::Files, QDir::Name)) {
        const auto m = re.match(file);
        if (!m.hasMatch())
            continue;
        const int version = m.captured(1).toInt();
        if (version == 0) {
            if (error)
                *error = tr("The migration %1 has the number 0; numbers start at 0001.").arg(file);
            return false;
        }
        if (migrations.contains(version)) {
            if (error)
                *error = tr("The migrations %1 and %2 have the same number.").arg(migrations.value(version), file);
            return false;
        }
        migrations.insert(version, file);
    }
    int current = schemaVersion();
    if (current < 0) {
        if (error)
            *error = tr("Unable to read the schema version.");
        return false;
    }
    const int latest = migrations.isEmpty() ? 0 : migrations.lastKey();
    if (current > latest) {
        if (error)
            *error = tr("The database has schema version %1 but this program knows only up to %2: "
                        "it was written by a newer OneSeal.")
                         .arg(current)
                         .arg(latest);
        return false;
    }
    for (auto it = migrations.constBegin(); it != migrations.constEnd(); ++it) {
        const int version = it.key();
        const QString& file = it.value();
        if (version <= current)
            continue;
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly)) {
            if (error)
                *error = tr("Unable to read the migration %1.").arg(file);
            return false;
        }
        const QString script = QString::fromUtf8(f.readAll());
        QString scriptError;
        // One transaction per migration: either all of it and the new version, or nothing.
        if (!execScript(QStringLiteral("BEGIN IMMEDIATE;"), &scriptError)) {
            if (error)
                *error = tr("The migration %1 could not start: %2").arg(file, scriptError);
            return false;
        }
        if (!execScript(script, &scriptError)
            || !execScript(QStringLiteral("PRAGMA user_version = %1;").arg(version), &scriptError)
            || !execScript(QStringLiteral("COMMIT;"), &scriptError)) {
            if (!inTransaction() || execScript(QStringLiteral("ROLLBACK;"), nullptr)) {
                if (error)
                    *error = tr("The migration %1 failed and was undone: %2").arg(file, scriptError);
            } else if (error) {
                *error = tr("The migration %1 failed and could not be undone: %2").arg(file, scriptError);
            }
            return false;
        }
        current = version;
    }
    return true;
}

bool Database::inTransaction() const
{
    sqlite3* db = raw();
    return db && sqlite3_get_autocommit(db) == 0;
}

bool Database::exportPlaintext(const QString& target, QString* error)
{
    // Create the (empty) target first: it must be new, and ATTACH cannot create a file on a
    // connection that was opened without SQLITE_OPEN_CREATE.
    {
        QFile file(target);
        // Owner-only from the moment it exists (umask can only take bits away): the copy is unencrypted.
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            if (error)
                *error = file.exists() ? tr("The file %1 already exists; choose a new name.").arg(target)
                                       : tr("Unable to create the plaintext copy %1: %2").arg(target, file.errorString());
            return false;
        }
    }
    QSqlQuery q(sql());
    q.prepare(QStringLiteral("ATTACH DATABASE ? AS plaintext KEY ''"));
    q.addBindValue(QFileInfo(target).absoluteFilePath());
    if (!q.exec()) {
        QFile::remove(target);
        if (error)
            *error = tr("Unable to create the plaintext copy: %1").arg(q.lastError().databaseText());
        return false;
    }
    bool ok = q.exec(QStringLiteral("SELECT sqlcipher_export('plaintext')"));
    QString exportError = q.lastError().databaseText();
    QString scriptError;
    if (ok)
        ok = execScript(QStringLiteral("PRAGMA plaintext.user_version = %1;").arg(schemaVersion()), &scriptError);
    q.finish();
    execScript(QStringLiteral("DETACH DATABASE plaintext;"), nullptr);
    if (!ok) {
        QFile::remove(target);
        if (error)
            *error = tr("Unable to create the plaintext copy: %1").arg(exportError + scriptError);
    }
    return ok;
}

QString Database::meta(const QString& key) const
{
    QSqlQuery q(sql());
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(key);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return QString();
}

bool Database::setMeta(const QString& key, const QString& value, QString* error)
{
    QSqlQuery q(sql());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)"));
    q.addBindValue(key);
    q.addBindValue(value);
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

namespace {
/** Open transactions per connection of this thread: an inner Transaction becomes a savepoint. */
QHash<QString, int>& transactionDepth()
{
    thread_local QHash<QString, int> depth;
    return depth;
}
} // namespace

Transaction::Transaction(const QSqlDatabase& db)
    : m_db(db)
{
    int& depth = transactionDepth()[m_db.connectionName()];
    if (depth > 0) {
        m_savepoint = QStringLiteral("oneseal_tx_%1").arg(depth);
        QSqlQuery q(m_db);
        m_active = q.exec(QStringLiteral("SAVEPOINT ") + m_savepoint);
        if (!m_active)
            m_error = q.lastError().text();
    } else {
        m_active = m_db.transaction();
        if (!m_active)
            m_error = m_db.lastError().text();
    }
    if (m_active)
        ++depth;
}

void Transaction::end()
{
    m_active = false;
    auto& depths = transactionDepth();
    if (--depths[m_db.connectionName()] <= 0)
        depths.remove(m_db.connectionName());
}

Transaction::~Transaction()
{
    if (!m_active)
        return;
    if (m_savepoint.isEmpty()) {
        m_db.rollback();
    } else {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("ROLLBACK TO ") + m_savepoint);
        q.exec(QStringLiteral("RELEASE ") + m_savepoint);
    }
    end();
}

bool Transaction::commit(QString* error)
{
    if (!m_active) {
        if (error)
            *error = m_error.isEmpty() ? tr("No transaction is open.") : m_error;
        return false;
    }
    if (!m_savepoint.isEmpty()) {
        // Inside an outer transaction: kept or undone with it.
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("RELEASE ") + m_savepoint)) {
            if (error)
                *error = q.lastError().text();
            q.exec(QStringLiteral("ROLLBACK TO ") + m_savepoint);
            q.exec(QStringLiteral("RELEASE ") + m_savepoint);
            end();
            return false;
        }
        end();
        return true;
    }
    if (!m_db.commit()) {
        if (error)
            *error = m_db.lastError().text();
        m_db.rollback();
        end();
        return false;
    }
    end();
    return true;
}

} // namespace oneseal::db
