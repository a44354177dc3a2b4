#include "SqlCipherDriver.h"

#include <sqlite3.h>

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QCache>
#include <QHash>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlRecord>
#include <QStringEncoder>
#include <QTime>

#include <algorithm>
#include <cstring>
#include <limits>
#include <mutex>
#include <new>
#include <type_traits>
#include <vector>

namespace oneseal::db {

namespace {

QString sqliteMessage(sqlite3* db)
{
    return db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString();
}

QSqlError makeError(const QString& driverText, sqlite3* db, QSqlError::ErrorType type, int code)
{
    return QSqlError(driverText, sqliteMessage(db), type, QString::number(code));
}

/**
 * Maps a declared column type to the type of a field of that column (SQLite affinity rules). As
 * QSQLITE: INT and INTEGER give Int (their values are still qlonglong). Unlike QSQLITE, other
 * integer types (BIGINT, …) give LongLong, DATE/DATETIME/TIMESTAMP give QDate/QDateTime and
 * DECIMAL gives Double, where QSQLITE says QString (docs/DRIVER.md).
 */
QMetaType metaTypeForDeclaredType(const QString& declared)
{
    const QString t = declared.trimmed().toUpper();
    if (t.contains(QLatin1String("BOOL")))
        return QMetaType(QMetaType::Bool);
    if (t == QLatin1String("INT") || t == QLatin1String("INTEGER"))
        return QMetaType(QMetaType::Int);
    if (t.contains(QLatin1String("INT")))
        return QMetaType(QMetaType::LongLong);
    if (t.contains(QLatin1String("CHAR")) || t.contains(QLatin1String("CLOB")) || t.contains(QLatin1String("TEXT")))
        return QMetaType(QMetaType::QString);
    if (t.contains(QLatin1String("BLOB")))
        return QMetaType(QMetaType::QByteArray);
    if (t.contains(QLatin1String("REAL")) || t.contains(QLatin1String("FLOA")) || t.contains(QLatin1String("DOUB"))
        || t.contains(QLatin1String("NUMERIC")) || t.contains(QLatin1String("DECIMAL")))
        return QMetaType(QMetaType::Double);
    if (t.contains(QLatin1String("DATETIME")) || t.contains(QLatin1String("TIMESTAMP")))
        return QMetaType(QMetaType::QDateTime);
    if (t == QLatin1String("DATE"))
        return QMetaType(QMetaType::QDate);
    return QMetaType(QMetaType::QString);
}

/** The field type of a column without a declared type, from its first value (as QSQLITE). */
QMetaType metaTypeForStorageClass(int storageClass)
{
    switch (storageClass) {
    case SQLITE_INTEGER:
        return QMetaType(QMetaType::Int);
    case SQLITE_FLOAT:
        return QMetaType(QMetaType::Double);
    case SQLITE_BLOB:
        return QMetaType(QMetaType::QByteArray);
    case SQLITE_TEXT:
        return QMetaType(QMetaType::QString);
    default:
        return QMetaType();
    }
}

/** The type of a NULL read from a column of this field type: integers come back as qlonglong. */
QMetaType nullTypeForField(const QMetaType& fieldType)
{
    return fieldType.id() == QMetaType::Int ? QMetaType(QMetaType::LongLong) : fieldType;
}

/**
 * Whether the text after a statement holds only whitespace and comments. A further ';' (an empty
 * statement) counts as more, as for QSQLITE (QTBUG-21884).
 */
bool onlyCommentsFollow(const char* s)
{
    while (*s) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v') {
            ++s;
        } else if (s[0] == '-' && s[1] == '-') {
            while (*s && *s != '\n')
                ++s;
        } else if (s[0] == '/' && s[1] == '*') {
            const char* end = strstr(s + 2, "*/");
            if (!end)
                return true; // SQLite takes an unterminated comment to the end as a comment
            s = end + 2;
        } else {
            return false;
        }
    }
    return true;
}

/**
 * Makes `v` (a default-constructed, null QVariant) hold `value`, exactly as QVariant(const T&) does
 * (same type, same internal storage), but without calling into QtCore and, for a QString, without
 * copying it: QVariant(const QString&) takes a reference, so a new string costs two atomic
 * reference count changes on the way in. Only for types QVariant keeps inside itself.
 */
template <typename T>
Q_ALWAYS_INLINE void emplaceInVariant(QVariant& v, T&& value)
{
    using Type = std::decay_t<T>;
    static_assert(QVariant::Private::CanUseInternalSpace<Type>, "the value must fit inside the QVariant");
    QVariant::Private* d = &v.data_ptr(); // trivially destructible: nothing to end before
    d = new (d) QVariant::Private(QMetaType::fromType<Type>());
    new (&d->data.data) Type(std::forward<T>(value));
}

/**
 * The id of the type `v` holds in its own storage, read without calling into QtCore; 0 when it is
 * null, keeps its value elsewhere, or is of a type not yet registered. For such a value,
 * isNull() is false and the value is at `heldValue(v)`.
 */
Q_ALWAYS_INLINE int heldTypeId(const QVariant& v)
{
    const QVariant::Private& d = v.data_ptr();
    if (d.is_null || d.is_shared)
        return 0;
    const QtPrivate::QMetaTypeInterface* type = d.typeInterface();
    return type ? type->typeId.loadRelaxed() : 0;
}

template <typename T>
Q_ALWAYS_INLINE const T& heldValue(const QVariant& v)
{
    return *reinterpret_cast<const T*>(&v.data_ptr().data.data);
}

template <typename T>
Q_ALWAYS_INLINE T& heldValue(QVariant& v)
{
    return *reinterpret_cast<T*>(&v.data_ptr().data.data);
}

/**
 * Reads one value of the row the statement is on into `v` (a default-constructed QVariant): the
 * value's storage class decides the type (qlonglong, double, QString, QByteArray), a NULL takes the
 * column's null type. The hot path of every scan: one sqlite3_column_value() (each sqlite3_column_*()
 * call would look the column up again) and the sqlite3_value_*() accessors, and the QVariant filled
 * in place (the caller returns it, so no QVariant is moved or destroyed on the way).
 */
Q_ALWAYS_INLINE void readColumnValue(sqlite3_stmt* stmt, int column, const QMetaType& nullType, QVariant& v)
{
    sqlite3_value* value = sqlite3_column_value(stmt, column);
    switch (sqlite3_value_type(value)) {
    case SQLITE_INTEGER:
        emplaceInVariant(v, qlonglong(sqlite3_value_int64(value)));
        return;
    case SQLITE_FLOAT:
        emplaceInVariant(v, sqlite3_value_double(value));
        return;
    case SQLITE_NULL:
        new (&v) QVariant(nullType); // v is null: nothing to destroy first
        return;
    case SQLITE_BLOB: {
        const void* blob = sqlite3_value_blob(value);
        emplaceInVariant(v, QByteArray(static_cast<const char*>(blob), sqlite3_value_bytes(value)));
        return;
    }
    default: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
        emplaceInVariant(v, QString::fromUtf8(text, sqlite3_value_bytes(value)));
        return;
    }
    }
}

QVariant columnValue(sqlite3_stmt* stmt, int column, const QMetaType& nullType)
{
    QVariant v;
    readColumnValue(stmt, column, nullType, v);
    return v;
}

/**
 * Whether a bound value means SQL NULL. Qt 6's QVariant::isNull() no longer looks inside the value,
 * so a null QString, QByteArray or an invalid date would otherwise be bound as '' (Qt's own drivers
 * follow the same rule as here).
 */
bool isNullValue(const QVariant& v)
{
    if (v.isNull())
        return true;
    switch (v.typeId()) {
    case QMetaType::QString:
        return static_cast<const QString*>(v.constData())->isNull();
    case QMetaType::QByteArray:
        return static_cast<const QByteArray*>(v.constData())->isNull();
    case QMetaType::QDateTime:
        return !static_cast<const QDateTime*>(v.constData())->isValid();
    case QMetaType::QDate:
        return !static_cast<const QDate*>(v.constData())->isValid();
    case QMetaType::QTime:
        return !static_cast<const QTime*>(v.constData())->isValid();
    default:
        return false;
    }
}

/** Whether a statement inserts rows (so that lastInsertId() means something after it). */
bool isInsertStatement(const char* sql)
{
    if (!sql)
        return false;
    while (*sql == ' ' || *sql == '\t' || *sql == '\n' || *sql == '\r' || *sql == '(')
        ++sql;
    return qstrnicmp(sql, "INSERT", 6) == 0 || qstrnicmp(sql, "REPLACE", 7) == 0;
}

/**
 * Whether a statement may be kept prepared for reuse: queries and data changes only. DDL, PRAGMA,
 * ATTACH (whose text may hold a key) and transaction control are prepared anew each time.
 */
bool isCacheableStatement(const QByteArray& sql)
{
    const char* s = sql.constData();
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '(')
        ++s;
    return qstrnicmp(s, "SELECT", 6) == 0 || qstrnicmp(s, "INSERT", 6) == 0 || qstrnicmp(s, "UPDATE", 6) == 0
        || qstrnicmp(s, "DELETE", 6) == 0 || qstrnicmp(s, "REPLACE", 7) == 0 || qstrnicmp(s, "WITH", 4) == 0;
}

/** CREATE, DROP or ALTER: a statement that changes the schema. */
bool isSchemaStatement(const QByteArray& sql)
{
    const char* s = sql.constData();
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        ++s;
    return qstrnicmp(s, "CREATE", 6) == 0 || qstrnicmp(s, "DROP", 4) == 0 || qstrnicmp(s, "ALTER", 5) == 0;
}

/** REGEXP(pattern, text) for QSQLCIPHER_ENABLE_REGEXP: QRegularExpression, patterns cached (as QSQLITE). */
void regexpFunction(sqlite3_context* context, int, sqlite3_value** argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    auto* cache = static_cast<QCache<QString, QRegularExpression>*>(sqlite3_user_data(context));
    const QString pattern = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_value_text(argv[0])),
                                              sqlite3_value_bytes(argv[0]));
    const QString subject = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_value_text(argv[1])),
                                              sqlite3_value_bytes(argv[1]));
    QRegularExpression* re = cache->object(pattern);
    if (!re) {
        re = new QRegularExpression(pattern, QRegularExpression::DontCaptureOption);
        if (!re->isValid()) {
            const QByteArray message = "invalid regular expression: " + re->errorString().toUtf8();
            delete re;
            sqlite3_result_error(context, message.constData(), int(message.size()));
            return;
        }
        cache->insert(pattern, re);
        re = cache->object(pattern);
    }
    sqlite3_result_int(context, re && re->match(subject).hasMatch() ? 1 : 0);
}

void regexpCacheDestroy(void* cache)
{
    delete static_cast<QCache<QString, QRegularExpression>*>(cache);
}

bool isHexKey(const QString& key)
{
    static const QRegularExpression re(QStringLiteral("^[0-9A-Fa-f]{64}$"));
    return re.match(key).hasMatch();
}

} // namespace

// ---------------------------------------------------------------------------------------------

/** A prepared statement with what was read about its columns when it was prepared. */
struct PreparedStatement
{
    sqlite3_stmt* stmt = nullptr;
    QSqlRecord columns;
    QList<QMetaType> nullTypes;
    QList<int> undeclared;
    bool inserts = false;
    quint64 lastUse = 0;
};

/**
 * Statements of one connection kept prepared after their QSqlQuery moved on, by SQL text: the same
 * few statements run for every event (appending, folding, syncing), and parsing them again each
 * time led the profile. Bounded; the least recently used is finalized first. Used only from the
 * connection's thread, as the connection itself.
 */
class StatementCache
{
public:
    static constexpr int kCapacity = 128;

    ~StatementCache() { clear(); }

    /** Takes the statement prepared for sql out of the cache, reset and unbound; false if none. */
    bool take(const QByteArray& sql, PreparedStatement* out)
    {
        const auto it = m_entries.find(sql);
        if (it == m_entries.end())
            return false;
        *out = std::move(*it);
        m_entries.erase(it);
        return true;
    }

    /** Keeps a statement for its SQL text (finalizes it when one is kept already). */
    void keep(const QByteArray& sql, PreparedStatement entry)
    {
        sqlite3_reset(entry.stmt);
        sqlite3_clear_bindings(entry.stmt);
        if (m_entries.contains(sql)) {
            sqlite3_finalize(entry.stmt);
            return;
        }
        if (m_entries.size() >= kCapacity) {
            auto oldest = m_entries.begin();
            for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
                if (it->lastUse < oldest->lastUse)
                    oldest = it;
            sqlite3_finalize(oldest->stmt);
            m_entries.erase(oldest);
        }
        entry.lastUse = ++m_uses;
        m_entries.insert(sql, std::move(entry));
    }

    void clear()
    {
        for (const PreparedStatement& e : std::as_const(m_entries))
            sqlite3_finalize(e.stmt);
        m_entries.clear();
    }

private:
    QHash<QByteArray, PreparedStatement> m_entries;
    quint64 m_uses = 0;
};

class SqlCipherResultPrivate
{
public:
    const SqlCipherDriver* driver = nullptr;
    sqlite3_stmt* stmt = nullptr;
    QByteArray sql;              ///< the statement's text when it may go back to the driver's cache
    QSqlRecord columns;
    QList<QMetaType> nullTypes;  ///< per column: the type of a NULL value (from the declared type)
    QList<int> undeclared;       ///< columns without a declared type: typed by the first row of each exec()
    QList<QVariantList> cache;   ///< scrollable mode: rows read so far
    QList<QByteArray> heldBlobs; ///< blobs bound without a copy, held while the statement may read them
    QVariantList heldRow;        ///< forward-only: the last row, kept by last() after the statement ended
    bool holding = false;        ///< data() reads heldRow
    // QSqlResult's position and mode, mirrored by setAt() and setForwardOnly(): QSqlResult's own
    // accessors are calls into QtSql, made for every value read.
    int at = QSql::BeforeFirstRow;
    bool forwardOnly = false;
    /// data() reads the statement's current row: forward-only, on a row, not holding (updateStreaming())
    bool streaming = false;
    std::vector<QByteArray> utf8; ///< per parameter: reused buffers for text converted to UTF-8
    bool rowPending = false;     ///< exec() stepped onto a first row that no fetch has consumed
    bool done = false;           ///< the statement reported SQLITE_DONE
    int affected = -1;
    qint64 lastId = 0;
    bool hasLastId = false;
    bool inserts = false;        ///< the statement is an INSERT or REPLACE

    void finalize()
    {
        if (stmt) {
            if (!sql.isEmpty() && driver->connection())
                driver->m_statements->keep(
                    sql, PreparedStatement{stmt, std::move(columns), std::move(nullTypes), std::move(undeclared), inserts});
            else
                sqlite3_finalize(stmt);
            stmt = nullptr;
        }
        sql.clear();
        columns.clear();
        nullTypes.clear();
        undeclared.clear();
        cache.clear();
        heldBlobs.clear();
        heldRow.clear();
        holding = false;
        utf8.clear();
        rowPending = false;
        done = true;
        updateStreaming();
    }

    void updateStreaming() { streaming = forwardOnly && !holding && at >= 0 && stmt; }

    /** data() off the streaming path: the row kept by last(), a cached row, or nothing. */
    Q_NEVER_INLINE void storedData(int column, QVariant& v) const
    {
        if (column < 0 || column >= nullTypes.size() || at < 0)
            return;
        v = forwardOnly ? heldRow.value(column) : cache.value(at).value(column);
    }

    /**
     * Reads the names, tables and declared types of the statement's columns. As QSQLITE: double
     * quotes are dropped from names, and a column without a declared type (an expression) is typed
     * by its value in the first row (typeUndeclared()).
     */
    void readColumns()
    {
        columns.clear();
        nullTypes.clear();
        undeclared.clear();
        const int n = sqlite3_column_count(stmt);
        for (int i = 0; i < n; ++i) {
            const char* decl = sqlite3_column_decltype(stmt, i);
            QMetaType type;
            if (decl && *decl) {
                type = metaTypeForDeclaredType(QString::fromUtf8(decl));
                nullTypes.append(nullTypeForField(type));
            } else {
                undeclared.append(i);
                nullTypes.append(QMetaType(QMetaType::QString)); // as QSQLITE's NULL
            }
            QString name = QString::fromUtf8(sqlite3_column_name(stmt, i));
            name.remove(QLatin1Char('"'));
            QString table = QString::fromUtf8(sqlite3_column_table_name(stmt, i));
            table.remove(QLatin1Char('"'));
            columns.append(QSqlField(name, type, table));
        }
    }

    /** Types the columns without a declared type by the row the statement is on (or Unknown). */
    void typeUndeclared(bool onRow)
    {
        for (int i : std::as_const(undeclared)) {
            QSqlField field = columns.field(i);
            field.setMetaType(onRow ? metaTypeForStorageClass(sqlite3_column_type(stmt, i)) : QMetaType());
            columns.replace(i, field);
        }
    }

    QVariantList readRow() const
    {
        QVariantList row;
        const int n = sqlite3_column_count(stmt);
        row.reserve(n);
        for (int i = 0; i < n; ++i)
            row.append(columnValue(stmt, i, nullTypes.at(i)));
        return row;
    }
};

namespace {
// Live results of each driver, so that closing the connection finalizes their statements.
std::mutex g_resultsMutex;
QMultiHash<const SqlCipherDriver*, SqlCipherResultPrivate*> g_results;
} // namespace

SqlCipherResult::SqlCipherResult(const SqlCipherDriver* driver)
    : QSqlResult(driver)
    , m_d(new SqlCipherResultPrivate)
{
    m_d->driver = driver;
    m_d->forwardOnly = QSqlResult::isForwardOnly();
    std::lock_guard lock(g_resultsMutex);
    g_results.insert(driver, m_d);
}

SqlCipherResult::~SqlCipherResult()
{
    {
        std::lock_guard lock(g_resultsMutex);
        g_results.remove(m_d->driver, m_d);
    }
    m_d->finalize();
    delete m_d;
}

QVariant SqlCipherResult::handle() const
{
    return QVariant::fromValue(static_cast<void*>(m_d->stmt));
}

bool SqlCipherResult::reset(const QString& query)
{
    return prepare(query) && exec();
}

bool SqlCipherResult::savePrepare(const QString& query)
{
    // QSqlResult::savePrepare() rewrites ":name" and "@name" placeholders to "?" and keeps a map of
    // them, scanning and copying every statement's text on every prepare. SQL without either
    // character has nothing to rewrite.
    if (query.contains(QLatin1Char(':')) || query.contains(QLatin1Char('@')))
        return QSqlResult::savePrepare(query);
    clear(); // QSqlResult's bound values and placeholder names (as its savePrepare())
    setQuery(query);
    return prepare(query);
}

void SqlCipherResult::bindValue(int pos, const QVariant& value, QSql::ParamType type)
{
    // QSqlResult::bindValue() also files each value under a generated name (":0", ":1", …),
    // formatted and hashed per value, for boundValue(":0") only. The value itself goes where
    // QSqlResult keeps it, so boundValue(pos), boundValues() and execBatch() see it. Only input
    // parameters exist here.
    if (type != QSql::In || pos < 0) {
        QSqlResult::bindValue(pos, value, type);
        return;
    }
    QVariantList& values = boundValues();
    if (values.size() <= pos)
        values.resize(pos + 1);
    QVariant& slot = values[pos];
    // The same type as the value bound here before (a loop binding row after row): the value is
    // assigned inside the QVariant, not the QVariant destroyed and copy-constructed through its
    // metatype.
    const int held = heldTypeId(value);
    if (held != 0 && heldTypeId(slot) == held) {
        switch (held) {
        case QMetaType::QString:
            heldValue<QString>(slot) = heldValue<QString>(value);
            return;
        case QMetaType::Int:
            heldValue<int>(slot) = heldValue<int>(value);
            return;
        case QMetaType::LongLong:
            heldValue<qlonglong>(slot) = heldValue<qlonglong>(value);
            return;
        case QMetaType::Double:
            heldValue<double>(slot) = heldValue<double>(value);
            return;
        default:
            break;
        }
    }
    slot = value;
}

bool SqlCipherResult::prepare(const QString& query)
{
    m_d->finalize();
    setActive(false);
    setAt(QSql::BeforeFirstRow);
    sqlite3* db = m_d->driver->connection();
    if (!db || !driver()->isOpen()) {
        setLastError(QSqlError(QCoreApplication::translate("SqlCipherDriver", "The database is not open."),
                               QString(), QSqlError::ConnectionError));
        return false;
    }
    QByteArray sql = query.toUtf8();
    PreparedStatement cached;
    if (m_d->driver->m_statements->take(sql, &cached)) {
        m_d->stmt = cached.stmt;
        m_d->columns = std::move(cached.columns);
        m_d->nullTypes = std::move(cached.nullTypes);
        m_d->undeclared = std::move(cached.undeclared);
        m_d->inserts = cached.inserts;
        m_d->sql = std::move(sql);
        setSelect(m_d->columns.count() > 0);
        m_d->done = false;
        return true;
    }
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &m_d->stmt, &tail);
    if (rc != SQLITE_OK) {
        setLastError(makeError(QCoreApplication::translate("SqlCipherDriver", "Unable to prepare the statement."), db,
                               QSqlError::StatementError, rc));
        m_d->finalize();
        return false;
    }
    if (tail && !onlyCommentsFollow(tail)) {
        // Only whitespace and comments may follow: anything SQLite would run (or an empty ';') is refused.
        setLastError(QSqlError(QCoreApplication::translate("SqlCipherDriver", "Unable to execute multiple statements at a time."),
                               QString(), QSqlError::StatementError, QStringLiteral("21")));
        m_d->finalize();
        return false;
    }
    if (!m_d->stmt) { // an empty statement (only whitespace or a comment)
        setLastError(QSqlError(QCoreApplication::translate("SqlCipherDriver", "The statement is empty."), QString(),
                               QSqlError::StatementError));
        return false;
    }
    m_d->readColumns();
    setSelect(m_d->columns.count() > 0);
    m_d->inserts = isInsertStatement(sqlite3_sql(m_d->stmt));
    m_d->done = false;
    if (isCacheableStatement(sql))
        m_d->sql = std::move(sql);
    else if (isSchemaStatement(sql))
        m_d->driver->m_statements->clear(); // kept statements would be prepared again by SQLite anyway
    return true;
}

int SqlCipherResult::bindText(sqlite3_stmt* stmt, int pos, QStringView text)
{
    // UTF-8 into a buffer kept per parameter: no allocation once it is large enough.
    if (m_d->utf8.size() < size_t(pos))
        m_d->utf8.resize(size_t(pos));
    QByteArray& buffer = m_d->utf8[size_t(pos - 1)];
    const qsizetype needed = text.size() * 3;
    if (buffer.size() < needed)
        buffer.resize(needed);
    QStringEncoder encoder(QStringEncoder::Utf8);
    const char* end = encoder.appendToBuffer(buffer.data(), text);
    return sqlite3_bind_text(stmt, pos, buffer.constData(), int(end - buffer.constData()), SQLITE_STATIC);
}

int SqlCipherResult::bindBlob(sqlite3_stmt* stmt, int pos, const QByteArray& blob)
{
    if (blob.isNull())
        return sqlite3_bind_null(stmt, pos);
    // Bound without a copy: held (shared, not copied) until the next exec(), as SQLite may read
    // parameters again on every step of a streamed query.
    m_d->heldBlobs.append(blob);
    return sqlite3_bind_blob(stmt, pos, blob.constData(), int(blob.size()), SQLITE_STATIC);
}

int SqlCipherResult::bindOne(sqlite3_stmt* stmt, int pos, const QVariant& v)
{
    // The rules of SqlCipherDriver::storedValue(), without making a QVariant (nor calling into
    // QtCore to ask the type) for the common types.
    switch (heldTypeId(v)) {
    case QMetaType::QString: {
        const QString& text = heldValue<QString>(v);
        return text.isNull() ? sqlite3_bind_null(stmt, pos) : bindText(stmt, pos, text);
    }
    case QMetaType::Int:
        return sqlite3_bind_int64(stmt, pos, heldValue<int>(v));
    case QMetaType::LongLong:
        return sqlite3_bind_int64(stmt, pos, heldValue<qlonglong>(v));
    case QMetaType::Double:
        return sqlite3_bind_double(stmt, pos, heldValue<double>(v));
    case QMetaType::QByteArray:
        return bindBlob(stmt, pos, heldValue<QByteArray>(v));
    default:
        break;
    }
    const QVariant stored = SqlCipherDriver::storedValue(v);
    switch (stored.typeId()) {
    case QMetaType::UnknownType:
        return sqlite3_bind_null(stmt, pos);
    case QMetaType::LongLong:
        return sqlite3_bind_int64(stmt, pos, stored.toLongLong());
    case QMetaType::Double:
        return sqlite3_bind_double(stmt, pos, stored.toDouble());
    case QMetaType::QByteArray:
        return bindBlob(stmt, pos, *static_cast<const QByteArray*>(stored.constData()));
    default:
        return bindText(stmt, pos, *static_cast<const QString*>(stored.constData()));
    }
}

bool SqlCipherResult::exec()
{
    // QSqlResult::setActive(true) copies the statement's text into executedQuery() (two atomic
    // reference count changes), so the flag is changed only when it changes: a statement run again
    // and again (the insert loop) stays active from one exec() to the next.
    if (run()) {
        if (!isActive())
            setActive(true);
        return true;
    }
    if (isActive())
        setActive(false);
    return false;
}

bool SqlCipherResult::run()
{
    sqlite3_stmt* stmt = m_d->stmt;
    sqlite3* db = m_d->driver->connection();
    setAt(QSql::BeforeFirstRow);
    if (!stmt || !db) {
        setLastError(QSqlError(QCoreApplication::translate("SqlCipherDriver", "No statement is prepared."), QString(),
                               QSqlError::StatementError));
        return false;
    }
    // A statement that ran to its end or failed was reset then; every parameter is bound below.
    if (sqlite3_stmt_busy(stmt))
        sqlite3_reset(stmt);
    m_d->cache.clear();
    m_d->heldRow.clear();
    m_d->holding = false;
    m_d->updateStreaming();
    m_d->rowPending = false;
    m_d->done = false;
    m_d->affected = -1;
    m_d->hasLastId = false;

    const QVariantList& values = boundValues();
    const int expected = sqlite3_bind_parameter_count(stmt);
    if (expected != values.size()) {
        setLastError(QSqlError(QCoreApplication::translate("SqlCipherDriver", "Parameter count mismatch: the statement "
                                                                              "takes %1 values, %2 were bound.")
                                   .arg(expected)
                                   .arg(values.size()),
                               QString(), QSqlError::StatementError));
        return false;
    }
    m_d->heldBlobs.clear();
    for (int i = 0; i < values.size(); ++i) {
        const int rc = bindOne(stmt, i + 1, values.at(i));
        if (rc != SQLITE_OK) {
            setLastError(makeError(QCoreApplication::translate("SqlCipherDriver", "Unable to bind parameters."), db,
                                   QSqlError::StatementError, rc));
            return false;
        }
    }

    const int totalBefore = sqlite3_total_changes(db);
    const int rc = sqlite3_step(stmt);
    // A kept statement is prepared again by SQLite after a schema change; its columns may differ.
    if ((rc == SQLITE_ROW || rc == SQLITE_DONE) && sqlite3_column_count(stmt) != m_d->columns.count())
        m_d->readColumns();
    if (!m_d->undeclared.isEmpty() && (rc == SQLITE_ROW || rc == SQLITE_DONE))
        m_d->typeUndeclared(rc == SQLITE_ROW);
    if (rc == SQLITE_ROW) {
        m_d->rowPending = true;
    } else if (rc == SQLITE_DONE) {
        m_d->done = true;
        if (sqlite3_column_count(stmt) == 0) {
            // sqlite3_changes() keeps the count of the last INSERT/UPDATE/DELETE, so a statement that
            // changed nothing (DDL, a PRAGMA) would report the previous one's count: check first.
            m_d->affected = sqlite3_total_changes(db) != totalBefore ? sqlite3_changes(db) : 0;
            if (m_d->inserts && m_d->affected > 0) {
                m_d->lastId = sqlite3_last_insert_rowid(db);
                m_d->hasLastId = true;
            }
        }
        sqlite3_reset(stmt); // releases locks held by the statement
    } else {
        const QSqlError::ErrorType type = (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) ? QSqlError::TransactionError
                                                                                      : QSqlError::StatementError;
        setLastError(makeError(QCoreApplication::translate("SqlCipherDriver", "Unable to execute the statement."), db,
                               type, rc));
        sqlite3_reset(stmt);
        return false;
    }
    setSelect(sqlite3_column_count(stmt) > 0);
    return true;
}

bool SqlCipherResult::execBatch(bool)
{
    // One prepared statement, run once per row of the bound lists, inside one transaction (a
    // savepoint when the caller has one open): all rows are written or none.
    const QVariantList lists = boundValues();
    sqlite3* db = m_d->driver->connection();
    auto fail = [this](const QString& text) {
        setLastError(QSqlError(text, QString(), QSqlError::StatementError));
        return false;
    };
    if (!m_d->stmt || !db)
        return fail(QCoreApplication::translate("SqlCipherDriver", "No statement is prepared."));
    if (lists.isEmpty())
        return fail(QCoreApplication::translate("SqlCipherDriver", "No values are bound for the batch."));
    qsizetype rows = -1;
    for (const QVariant& list : lists) {
        if (list.typeId() != QMetaType::QVariantList)
            return fail(QCoreApplication::translate("SqlCipherDriver", "Each value bound for a batch must be a list."));
        const qsizetype n = static_cast<const QVariantList*>(list.constData())->size();
        if (rows >= 0 && n != rows)
            return fail(QCoreApplication::translate("SqlCipherDriver", "The lists bound for a batch differ in length."));
        rows = n;
    }
    if (lists.size() != sqlite3_bind_parameter_count(m_d->stmt))
        return fail(QCoreApplication::translate("SqlCipherDriver", "Parameter count mismatch: the statement takes %1 "
                                                                   "values, %2 were bound.")
                        .arg(sqlite3_bind_parameter_count(m_d->stmt))
                        .arg(lists.size()));

    const bool own = sqlite3_get_autocommit(db) != 0;
    const char* begin = own ? (m_d->driver->property("readOnly").toBool() ? "BEGIN;" : "BEGIN IMMEDIATE;")
                            : "SAVEPOINT qsqlcipher_batch;";
    int rc = sqlite3_exec(db, begin, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        setLastError(makeError(QCoreApplication::translate("SqlCipherDriver", "Unable to begin the transaction."), db,
                               QSqlError::TransactionError, rc));
        return false;
    }
    QVariantList& values = boundValues();
    int affected = 0;
    bool ok = true;
    for (qsizetype row = 0; row < rows && ok; ++row) {
        values.resize(lists.size());
        for (qsizetype column = 0; column < lists.size(); ++column)
            values[column] = static_cast<const QVariantList*>(lists.at(column).constData())->at(row);
        ok = exec();
        affected += std::max(m_d->affected, 0);
    }
    values = lists; // boundValues() shows the batch, as before
    if (ok) {
        rc = sqlite3_exec(db, own ? "COMMIT;" : "RELEASE qsqlcipher_batch;", nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) {
            setLastError(makeError(QCoreApplication::translate("SqlCipherDriver", "Unable to commit the transaction."), db,
                                   QSqlError::TransactionError, rc));
            ok = false;
        }
    }
    if (!ok) {
        const QSqlError error = lastError();
        sqlite3_exec(db, own ? "ROLLBACK;" : "ROLLBACK TO qsqlcipher_batch; RELEASE qsqlcipher_batch;", nullptr, nullptr,
                     nullptr);
        setLastError(error);
        setActive(false);
        return false;
    }
    m_d->affected = affected;
    return true;
}

bool SqlCipherResult::fetchNext()
{
    SqlCipherResultPrivate* d = m_d;
    if (Q_LIKELY(d->streaming && !d->rowPending && !d->done)) {
        // The scan's path: on a row of a forward-only query, step to the next.
        const int rc = sqlite3_step(d->stmt);
        if (Q_LIKELY(rc == SQLITE_ROW)) {
            ++d->at;
            QSqlResult::setAt(d->at);
            return true;
        }
        d->done = true;
        if (rc != SQLITE_DONE)
            setLastError(makeError(QCoreApplication::translate("SqlCipherDriver", "Unable to fetch the next row."),
                                   d->driver->connection(), QSqlError::StatementError, rc));
        sqlite3_reset(d->stmt);
        return false;
    }
    if (!m_d->forwardOnly)
        return fetch(m_d->at < 0 ? 0 : m_d->at + 1);
    if (m_d->holding) // last() went to the end already
        return false;
    if (m_d->rowPending) {
        m_d->rowPending = false;
        setAt(m_d->at < 0 ? 0 : m_d->at + 1);
        return true;
    }
    if (m_d->done || !m_d->stmt)
        return false;
    const int rc = sqlite3_step(m_d->stmt);
    if (rc == SQLITE_ROW) {
        setAt(m_d->at < 0 ? 0 : m_d->at + 1);
        return true;
    }
    m_d->done = true;
    if (rc != SQLITE_DONE)
        setLastError(makeError(QCoreApplication::translate("SqlCipherDriver", "Unable to fetch the next row."),
                               m_d->driver->connection(), QSqlError::StatementError, rc));
    sqlite3_reset(m_d->stmt);
    return false;
}

bool SqlCipherResult::fetch(int row)
{
    if (row < 0)
        return false;
    if (isForwardOnly()) {
        if (row < at())
            return false;
        while (at() < row)
            if (!fetchNext())
                return false;
        return true;
    }
    if (m_d->rowPending) {
        m_d->cache.append(m_d->readRow());
        m_d->rowPending = false;
    }
    while (m_d->cache.size() <= row && !m_d->done && m_d->stmt) {
        const int rc = sqlite3_step(m_d->stmt);
        if (rc == SQLITE_ROW) {
            m_d->cache.append(m_d->readRow());
        } else {
            m_d->done = true;
            if (rc != SQLITE_DONE)
                setLastError(makeError(QCoreApplication::translate("SqlCipherDriver", "Unable to fetch the row."),
                                       m_d->driver->connection(), QSqlError::StatementError, rc));
            sqlite3_reset(m_d->stmt);
        }
    }
    if (row >= m_d->cache.size())
        return false;
    setAt(row);
    return true;
}

bool SqlCipherResult::fetchFirst()
{
    if (isForwardOnly() && at() != QSql::BeforeFirstRow)
        return at() == 0;
    return fetch(0);
}

bool SqlCipherResult::fetchLast()
{
    if (isForwardOnly()) {
        // Steps to the end, keeping each row's values: the statement has no row once it ended.
        if (m_d->holding)
            return true;
        int row = at();
        QVariantList last;
        if (row >= 0 && !m_d->done && !m_d->rowPending)
            last = m_d->readRow();
        while (fetchNext()) {
            row = at();
            last = m_d->readRow();
        }
        if (row < 0 || lastError().isValid())
            return false;
        m_d->heldRow = std::move(last);
        m_d->holding = true;
        m_d->updateStreaming();
        setAt(row);
        return true;
    }
    fetch(std::numeric_limits<int>::max() - 1);
    if (m_d->cache.isEmpty())
        return false;
    setAt(int(m_d->cache.size()) - 1);
    return true;
}

QVariant SqlCipherResult::data(int column)
{
    QVariant v; // the only object returned: filled in place (NRVO)
    SqlCipherResultPrivate* d = m_d;
    if (Q_LIKELY(d->streaming && uint(column) < uint(d->nullTypes.size())))
        readColumnValue(d->stmt, column, d->nullTypes.at(column), v);
    else
        d->storedData(column, v);
    return v;
}

bool SqlCipherResult::isNull(int column)
{
    if (column < 0 || column >= m_d->nullTypes.size() || m_d->at < 0)
        return true;
    if (m_d->forwardOnly && !m_d->holding)
        return sqlite3_column_type(m_d->stmt, column) == SQLITE_NULL;
    return (m_d->forwardOnly ? m_d->heldRow.value(column) : m_d->cache.value(m_d->at).value(column)).isNull();
}

int SqlCipherResult::size()
{
    return -1;
}

int SqlCipherResult::numRowsAffected()
{
    return m_d->affected;
}

QSqlRecord SqlCipherResult::record() const
{
    return isActive() && isSelect() ? m_d->columns : QSqlRecord();
}

QVariant SqlCipherResult::lastInsertId() const
{
    return m_d->hasLastId ? QVariant(m_d->lastId) : QVariant();
}

void SqlCipherResult::detachFromResultSet()
{
    if (m_d->stmt)
        sqlite3_reset(m_d->stmt);
    m_d->rowPending = false;
    m_d->done = true;
}

void SqlCipherResult::setForwardOnly(bool forward)
{
    m_d->forwardOnly = forward;
    m_d->updateStreaming();
    QSqlResult::setForwardOnly(forward);
}

void SqlCipherResult::setAt(int index)
{
    m_d->at = index;
    m_d->updateStreaming();
    QSqlResult::setAt(index);
}

// ---------------------------------------------------------------------------------------------

SqlCipherDriver::SqlCipherDriver(QObject* parent)
    : QSqlDriver(parent)
    , m_statements(std::make_unique<StatementCache>())
{
}

SqlCipherDriver::~SqlCipherDriver()
{
    close();
}

QVariant SqlCipherDriver::storedValue(const QVariant& v)
{
    // SqlCipherResult::bindOne() binds by these rules (test_sql_cipher_driver checks the round trip).
    if (isNullValue(v))
        return QVariant();
    switch (v.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::Char:
    case QMetaType::UChar:
    case QMetaType::SChar:
        return QVariant(v.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float:
        return QVariant(v.toDouble());
    case QMetaType::QByteArray:
    case QMetaType::QString:
        return v;
    case QMetaType::QDateTime:
        return QVariant(v.toDateTime().toString(Qt::ISODateWithMs));
    case QMetaType::QDate:
        return QVariant(v.toDate().toString(Qt::ISODate));
    case QMetaType::QTime:
        return QVariant(v.toTime().toString(Qt::ISODateWithMs));
    default:
        return QVariant(v.toString());
    }
}

void SqlCipherDriver::registerDriver()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // No memory statistics: with them every allocation of SQLite takes one process-wide mutex,
        // which the UI and sync threads (and the hub's many connections) would contend for. Only
        // possible before SQLite is first used; otherwise it refuses and nothing changes.
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        QSqlDatabase::registerSqlDriver(QString::fromLatin1(driverName), new QSqlDriverCreator<SqlCipherDriver>);
    });
}

bool SqlCipherDriver::hasFeature(DriverFeature feature) const
{
    switch (feature) {
    case Transactions:
    case PreparedQueries:
    case PositionalPlaceholders:
    case BLOB:
    case Unicode:
    case LastInsertId:
    case SimpleLocking:
    case FinishQuery:
    case LowPrecisionNumbers:
    case EventNotifications:
        return true;
    case QuerySize:
    case NamedPlaceholders:
    case BatchOperations:
    case MultipleResultSets:
    case CancelQuery:
        return false;
    }
    return false;
}

bool SqlCipherDriver::execSimple(const char* sql, const QString& what)
{
    char* message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return true;
    setLastError(QSqlError(what, message ? QString::fromUtf8(message) : sqliteMessage(m_db),
                           QSqlError::ConnectionError, QString::number(rc)));
    sqlite3_free(message);
    return false;
}

bool SqlCipherDriver::open(const QString& path, const QString&, const QString& password, const QString&, int,
                           const QString& connOpts)
{
    if (isOpen())
        close();

    bool create = false;
    bool readOnly = false;
    int busyTimeout = 5000;
    int regexpCache = 0; // 0: no REGEXP function
    QByteArray synchronous = "FULL";
    for (const QString& raw : connOpts.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QString opt = raw.trimmed();
        if (opt == QLatin1String("QSQLCIPHER_CREATE"))
            create = true;
        else if (opt == QLatin1String("QSQLCIPHER_READONLY"))
            readOnly = true;
        else if (opt.startsWith(QLatin1String("QSQLCIPHER_BUSY_TIMEOUT=")))
            busyTimeout = opt.section(QLatin1Char('='), 1).toInt();
        else if (opt == QLatin1String("QSQLCIPHER_SYNCHRONOUS=NORMAL"))
            synchronous = "NORMAL";
        else if (opt == QLatin1String("QSQLCIPHER_ENABLE_REGEXP"))
            regexpCache = 25;
        else if (opt.startsWith(QLatin1String("QSQLCIPHER_ENABLE_REGEXP=")))
            regexpCache = std::max(1, opt.section(QLatin1Char('='), 1).toInt());
    }

    auto fail = [this](const QString& text, const QString& dbText, int code) {
        setLastError(QSqlError(text, dbText, QSqlError::ConnectionError, QString::number(code)));
        setOpenError(true);
        return false;
    };

    if (!isHexKey(password))
        return fail(tr("The database key must be 256 bits (64 hexadecimal digits)."), QString(), SQLITE_MISUSE);
    const QFileInfo info(path);
    const bool existed = info.exists();
    if (!existed && (!create || readOnly))
        return fail(tr("The database file %1 does not exist.").arg(path), QString(), SQLITE_CANTOPEN);
    if (existed && !info.isFile())
        return fail(tr("%1 is not a file.").arg(path), QString(), SQLITE_CANTOPEN);
    // SQLite takes an empty file for an empty database and would write a new one into it.
    if (existed && info.size() == 0 && !create)
        return fail(tr("The file %1 is empty: it is not an OneSeal database.").arg(path), QString(), SQLITE_NOTADB);

    const int flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0));
    int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    auto abandon = [&](const QString& text, int code) {
        const QString dbText = sqliteMessage(m_db);
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        if (!existed) // we made the file: leave nothing behind
            for (const char* suffix : {"", "-wal", "-shm", "-journal"})
                QFile::remove(path + QLatin1String(suffix));
        return fail(text, dbText, code);
    };
    if (rc != SQLITE_OK)
        return abandon(tr("Unable to open the database file %1.").arg(path), rc);

    sqlite3_busy_timeout(m_db, busyTimeout);
    QByteArray rawKey = "x'" + password.toLatin1() + "'";
    rc = sqlite3_key(m_db, rawKey.constData(), int(rawKey.size()));
    rawKey.fill('\0');
    if (rc != SQLITE_OK)
        return abandon(tr("Unable to set the database key."), rc);
    // Keeps the key as given (not only the key derived with this file's salt), so that ATTACH
    // without KEY opens another file made with the same key, as SQLCipher documents.
    sqlite3_exec(m_db, "PRAGMA cipher_store_pass = 1;", nullptr, nullptr, nullptr);
#if SQLITE_VERSION_NUMBER >= 3025000
    // SQLCipher 4: databases made under SQLCipher 3 use its settings.
    sqlite3_exec(m_db, "PRAGMA cipher_compatibility = 3;", nullptr, nullptr, nullptr);
#endif
    sqlite3_exec(m_db, "PRAGMA cipher_page_size = 4096;", nullptr, nullptr, nullptr);
    // Every OneSeal database has 4096-byte pages; as the default (process-wide in SQLCipher) it
    // also applies to a database ATTACHed with a KEY, which has no other way to say its page size.
    // Set after the key: SQLCipher takes its defaults anew when the first key of the process is set.
    sqlite3_exec(m_db, "PRAGMA cipher_default_page_size = 4096;", nullptr, nullptr, nullptr);
    rc = sqlite3_exec(m_db, "SELECT count(*) FROM sqlite_master;", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return abandon(tr("The key does not open this database, or the file is not an OneSeal database, "
                          "or it is damaged."),
                       rc);

    if (!readOnly) {
        if (!execSimple("PRAGMA journal_mode = WAL;", tr("Unable to switch the database to WAL mode.")))
            return abandon(lastError().text(), SQLITE_ERROR);
    }
    const QByteArray syncPragma = "PRAGMA synchronous = " + synchronous + ";";
    if (!execSimple(syncPragma.constData(), tr("Unable to set the durability level."))
        || !execSimple("PRAGMA foreign_keys = ON;", tr("Unable to enable foreign keys."))
        || !execSimple("PRAGMA recursive_triggers = ON;", tr("Unable to enable recursive triggers.")))
        return abandon(lastError().text(), SQLITE_ERROR);

    if (regexpCache > 0)
        sqlite3_create_function_v2(m_db, "regexp", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                   new QCache<QString, QRegularExpression>(regexpCache), &regexpFunction, nullptr,
                                   nullptr, &regexpCacheDestroy);

    setProperty("readOnly", readOnly);
    setOpen(true);
    setOpenError(false);
    return true;
}

void SqlCipherDriver::close()
{
    if (!m_db)
        return;
    {
        std::lock_guard lock(g_resultsMutex);
        for (SqlCipherResultPrivate* r : g_results.values(this))
            r->finalize();
    }
    m_statements->clear();
    m_subscriptions.clear();
    sqlite3_close_v2(m_db);
    m_db = nullptr;
    setOpen(false);
    setOpenError(false);
}

QSqlResult* SqlCipherDriver::createResult() const
{
    return new SqlCipherResult(this);
}

bool SqlCipherDriver::beginTransaction()
{
    if (!isOpen())
        return false;
    const char* sql = property("readOnly").toBool() ? "BEGIN;" : "BEGIN IMMEDIATE;";
    if (execSimple(sql, tr("Unable to begin the transaction.")))
        return true;
    setLastError(QSqlError(lastError().driverText(), lastError().databaseText(), QSqlError::TransactionError,
                           lastError().nativeErrorCode()));
    return false;
}

bool SqlCipherDriver::commitTransaction()
{
    if (!isOpen())
        return false;
    if (execSimple("COMMIT;", tr("Unable to commit the transaction.")))
        return true;
    setLastError(QSqlError(lastError().driverText(), lastError().databaseText(), QSqlError::TransactionError,
                           lastError().nativeErrorCode()));
    return false;
}

bool SqlCipherDriver::rollbackTransaction()
{
    if (!isOpen())
        return false;
    {
        // Pending reads would keep the transaction alive: reset them first.
        std::lock_guard lock(g_resultsMutex);
        for (SqlCipherResultPrivate* r : g_results.values(this))
            if (r->stmt)
                sqlite3_reset(r->stmt);
    }
    if (execSimple("ROLLBACK;", tr("Unable to roll back the transaction.")))
        return true;
    setLastError(QSqlError(lastError().driverText(), lastError().databaseText(), QSqlError::TransactionError,
                           lastError().nativeErrorCode()));
    return false;
}

QStringList SqlCipherDriver::tables(QSql::TableType type) const
{
    QStringList result;
    if (!m_db)
        return result;
    QByteArray sql;
    if (type & QSql::Tables)
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ";
    if (type & QSql::Views)
        sql += QByteArray(sql.isEmpty() ? "" : "UNION ALL ") + "SELECT name FROM sqlite_master WHERE type = 'view' ";
    if (!sql.isEmpty()) {
        sql += "ORDER BY name";
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.constData(), -1, &stmt, nullptr) == SQLITE_OK) {
            while (sqlite3_step(stmt) == SQLITE_ROW)
                result << QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
        }
        sqlite3_finalize(stmt);
    }
    if (type & QSql::SystemTables)
        result << QStringLiteral("sqlite_master");
    return result;
}

QSqlRecord SqlCipherDriver::tableInfo(const QString& tableName, bool onlyPrimaryKey) const
{
    QSqlRecord rec;
    if (!m_db)
        return rec;
    const QString table = stripDelimiters(tableName, TableName);
    // As QSQLITE: "schema.table" and "schema.[table.with.dots]" read the table of that schema.
    QString schema;
    QString name = table;
    const qsizetype dot = table.indexOf(QLatin1Char('.'));
    if (dot > -1) {
        if (!table.endsWith(QLatin1Char(']'))) {
            schema = table.left(dot);
            name = table.mid(dot + 1);
        } else {
            const qsizetype open = table.lastIndexOf(QLatin1Char('['));
            if (open > 0) {
                schema = table.left(open - 1);
                name = table.mid(open);
            }
        }
    }
    QByteArray sql = "PRAGMA ";
    if (!schema.isEmpty())
        sql += escapeIdentifier(schema, FieldName).toUtf8() + '.';
    sql += "table_info(" + escapeIdentifier(name, FieldName).toUtf8() + ")";
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.constData(), -1, &stmt, nullptr) != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return rec;
    }
    struct Column
    {
        QSqlField field;
        int pk;
    };
    QList<Column> columns;
    int pkCount = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        const QString name = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)));
        const QString declared = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 2)));
        const bool notNull = sqlite3_column_int(stmt, 3) != 0;
        const int pk = sqlite3_column_int(stmt, 5);
        QSqlField field(name, metaTypeForDeclaredType(declared), table);
        field.setRequiredStatus(notNull ? QSqlField::Required : QSqlField::Optional);
        if (sqlite3_column_type(stmt, 4) != SQLITE_NULL) {
            // As QSQLITE: a text default without its quotes ('abc' gives abc).
            QString value = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 4)));
            if (value.size() > 1 && value.startsWith(QLatin1Char('\'')) && value.endsWith(QLatin1Char('\'')))
                value = value.mid(1, value.size() - 2).replace(QLatin1String("''"), QLatin1String("'"));
            field.setDefaultValue(value);
        }
        if (pk > 0) {
            ++pkCount;
            if (declared.compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0)
                field.setAutoValue(true);
        }
        columns.append({field, pk});
    }
    sqlite3_finalize(stmt);
    if (onlyPrimaryKey) {
        columns.erase(std::remove_if(columns.begin(), columns.end(), [](const Column& c) { return c.pk == 0; }),
                      columns.end());
        std::sort(columns.begin(), columns.end(), [](const Column& a, const Column& b) { return a.pk < b.pk; });
    }
    for (Column& c : columns) {
        if (pkCount > 1)
            c.field.setAutoValue(false);
        rec.append(c.field);
    }
    return rec;
}

QSqlRecord SqlCipherDriver::record(const QString& tableName) const
{
    return tableInfo(tableName, false);
}

QSqlIndex SqlCipherDriver::primaryIndex(const QString& tableName) const
{
    const QString table = stripDelimiters(tableName, TableName);
    QSqlIndex index(table, table);
    const QSqlRecord keys = tableInfo(table, true);
    for (int i = 0; i < keys.count(); ++i)
        index.append(keys.field(i));
    return index;
}

QString SqlCipherDriver::escapeIdentifier(const QString& identifier, IdentifierType type) const
{
    if (identifier.isEmpty())
        return identifier;
    if (identifier.size() > 1 && identifier.startsWith(QLatin1Char('"')) && identifier.endsWith(QLatin1Char('"')))
        return identifier;
    // As QSQLITE: a name with [ and ] is quoted already (SQLite's other quoting), and a table name
    // "schema.table" names a table of that schema.
    if (identifier.contains(QLatin1Char('[')) && identifier.contains(QLatin1Char(']')))
        return identifier;
    QString escaped = identifier;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    if (type == TableName)
        escaped.replace(QLatin1Char('.'), QLatin1String("\".\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

bool SqlCipherDriver::subscribeToNotification(const QString& name)
{
    if (!m_db || m_subscriptions.contains(name))
        return false;
    if (m_subscriptions.isEmpty())
        sqlite3_update_hook(
            m_db,
            [](void* self, int, const char*, const char* table, sqlite3_int64 rowId) {
                // Called inside the statement's step: the signal follows from the event loop (as QSQLITE).
                auto* driver = static_cast<SqlCipherDriver*>(self);
                const QString name = QString::fromUtf8(table);
                QMetaObject::invokeMethod(
                    driver,
                    [driver, name, rowId] {
                        if (driver->m_subscriptions.contains(name))
                            emit driver->notification(name, QSqlDriver::UnknownSource, QVariant(qint64(rowId)));
                    },
                    Qt::QueuedConnection);
            },
            this);
    m_subscriptions.append(name);
    return true;
}

bool SqlCipherDriver::unsubscribeFromNotification(const QString& name)
{
    if (!m_db || !m_subscriptions.removeOne(name))
        return false;
    if (m_subscriptions.isEmpty())
        sqlite3_update_hook(m_db, nullptr, nullptr);
    return true;
}

QStringList SqlCipherDriver::subscribedToNotifications() const
{
    return m_subscriptions;
}

QVariant SqlCipherDriver::handle() const
{
    return QVariant::fromValue(static_cast<void*>(m_db));
}

} // namespace oneseal::db
