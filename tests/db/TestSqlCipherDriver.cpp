// Tests of the QSQLCIPHER Qt SQL driver: binding, types, transactions, errors, threads and models.

#include "core/Crypto.h"
#include "db/Database.h"
#include "db/SqlCipherDriver.h"

#include <QAbstractItemModelTester>
#include <QDate>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlQueryModel>
#include <QSqlRecord>
#include <QSqlTableModel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTime>
#include <QTimeZone>

#include <atomic>
#include <memory>

using oneseal::db::Database;
using oneseal::db::OpenOptions;

class TestSqlCipherDriver : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void driverIsRegistered();
    void positionalPlaceholders();
    void namedPlaceholders();
    void oneQueryNamedThenPositional();
    void typesRoundTrip_data();
    void typesRoundTrip();
    void nullOfEachType_data();
    void nullOfEachType();
    void nullQtValuesBindAsNull();
    void largeIntegers();
    void transactionRollbackUndoes();
    void secondWriterWaitsForBusyTimeout();
    void secondWriterGivesUpAfterBusyTimeout();
    void lastInsertId();
    void numRowsAffected();
    void tables();
    void recordAndPrimaryIndex();
    void escapeIdentifier();
    void forwardOnlyStreaming();
    void cachedScrolling();
    void errors_data();
    void errors();
    void multipleStatementsRunNothing();
    void trailingCommentIsAllowed();
    void emptyStatementAfterIsRefused();
    void positionalValuesVisibleToQt();
    void execBatchPositional();
    void execBatchAllOrNothing();
    void lastOnForwardOnly();
    void valuesReadAsQtMakesThem();
    void rebindingLeavesCopiesAlone();
    void activeAcrossExecs();
    void fieldTableAndDeclaredTypes();
    void expressionColumnTypes();
    void bracketQuotedIdentifiers();
    void numRowsAffectedOfChanges();
    void regexpOption();
    void attachEncryptedWithKey();
    void eventNotifications();
    void closingFinalizesStatements();
    void keptStatements();
    void fourThreadsWriteAndRead();
    void tableModel();
    void queryModel();

private:
    std::unique_ptr<Database> openDb(const OpenOptions& options = { true }) const;
    QSqlDatabase db() const { return m_db->sql(); }
    void exec(const QString& sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QByteArray m_key;
    std::unique_ptr<Database> m_db;
};

std::unique_ptr<Database> TestSqlCipherDriver::openDb(const OpenOptions& options) const
{
    QString error;
    auto database = Database::open(m_path, m_key, options, &error);
    if (!database)
        qWarning("open failed: %s", qPrintable(error));
    return database;
}

void TestSqlCipherDriver::exec(const QString& sql)
{
    QSqlQuery q(db());
    QVERIFY2(q.exec(sql), qPrintable(sql + QLatin1String(": ") + q.lastError().text()));
}

void TestSqlCipherDriver::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("driver.db"));
    m_key = oneseal::core::crypto::randomBytes(32);
    m_db = openDb();
    QVERIFY(m_db);
}

void TestSqlCipherDriver::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void TestSqlCipherDriver::driverIsRegistered()
{
    QVERIFY(QSqlDatabase::drivers().contains(QStringLiteral("QSQLCIPHER")));
    QCOMPARE(db().driverName(), QStringLiteral("QSQLCIPHER"));
    QVERIFY(qobject_cast<oneseal::db::SqlCipherDriver*>(db().driver()));
    QSqlDriver* d = db().driver();
    QVERIFY(d->hasFeature(QSqlDriver::PreparedQueries));
    QVERIFY(d->hasFeature(QSqlDriver::PositionalPlaceholders));
    QVERIFY(!d->hasFeature(QSqlDriver::NamedPlaceholders)); // Qt rewrites :name to ?
    QVERIFY(d->hasFeature(QSqlDriver::Transactions));
    QVERIFY(d->hasFeature(QSqlDriver::LastInsertId));
    QVERIFY(d->hasFeature(QSqlDriver::BLOB));
    QVERIFY(!d->hasFeature(QSqlDriver::QuerySize));
}

void TestSqlCipherDriver::positionalPlaceholders()
{
    exec(QStringLiteral("CREATE TABLE t(a INTEGER, b TEXT)"));
    QSqlQuery q(db());
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t(a, b) VALUES(?, ?)")));
    for (int i = 0; i < 5; ++i) { // one prepared statement executed several times
        q.addBindValue(i);
        q.addBindValue(QStringLiteral("row %1").arg(i));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }
    q.prepare(QStringLiteral("INSERT INTO t(a, b) VALUES(?, ?)"));
    q.bindValue(1, QStringLiteral("by index"));
    q.bindValue(0, 42);
    QVERIFY(q.exec());

    QSqlQuery s(db());
    QVERIFY(s.prepare(QStringLiteral("SELECT b FROM t WHERE a = ?")));
    s.addBindValue(3);
    QVERIFY(s.exec());
    QVERIFY(s.next());
    QCOMPARE(s.value(0).toString(), QStringLiteral("row 3"));
    QVERIFY(!s.next());
    s.bindValue(0, 42);
    QVERIFY(s.exec());
    QVERIFY(s.next());
    QCOMPARE(s.value(0).toString(), QStringLiteral("by index"));
}

void TestSqlCipherDriver::namedPlaceholders()
{
    exec(QStringLiteral("CREATE TABLE t(a INTEGER, b TEXT, c TEXT)"));
    QSqlQuery q(db());
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t(a, b, c) VALUES(:a, :name, :name)")));
    q.bindValue(QStringLiteral(":name"), QStringLiteral("张三"));
    q.bindValue(QStringLiteral(":a"), 7);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));

    QSqlQuery s(db());
    QVERIFY(s.prepare(QStringLiteral("SELECT a, b, c FROM t WHERE b = :who AND a > :min")));
    s.bindValue(QStringLiteral(":min"), 1);
    s.bindValue(QStringLiteral(":who"), QStringLiteral("张三"));
    QVERIFY2(s.exec(), qPrintable(s.lastError().text()));
    QVERIFY(s.next());
    QCOMPARE(s.value(0).toLongLong(), 7LL);
    QCOMPARE(s.value(1).toString(), QStringLiteral("张三"));
    QCOMPARE(s.value(2).toString(), QStringLiteral("张三"));
    QCOMPARE(s.boundValue(QStringLiteral(":who")).toString(), QStringLiteral("张三"));
}

void TestSqlCipherDriver::oneQueryNamedThenPositional()
{
    // Positional values are kept by the driver, named ones by QSqlResult: one query object going
    // from one kind to the other (and to none) must never see the other's values.
    exec(QStringLiteral("CREATE TABLE t(a INTEGER, b TEXT)"));
    QSqlQuery q(db());
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t(a, b) VALUES(:a, :b)")));
    q.bindValue(QStringLiteral(":a"), 1);
    q.bindValue(QStringLiteral(":b"), QStringLiteral("named"));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t(a, b) VALUES(?, ?)")));
    q.bindValue(1, QStringLiteral("second first"));
    q.bindValue(0, 2);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    q.addBindValue(3); // addBindValue starts again at the first after an exec
    QVERIFY2(q.exec(), qPrintable(q.lastError().text())); // b keeps the value bound before
    QVERIFY(q.prepare(QStringLiteral("SELECT count(*) FROM t")));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text())); // no stale values from either kind
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 3);
    QVERIFY(q.prepare(QStringLiteral("SELECT a FROM t WHERE b = ?")));
    q.addBindValue(QStringLiteral("second first"));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 2);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 3);
    // A colon in a literal takes Qt's named-placeholder path; the positional value still binds.
    QVERIFY(q.prepare(QStringLiteral("SELECT count(*) FROM t WHERE a > ? AND '10:30' <> ''")));
    q.addBindValue(1);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 2);
    QVERIFY(q.prepare(QStringLiteral("SELECT ?, ?")));
    q.addBindValue(1);
    QVERIFY(!q.exec()); // one of two values
    QVERIFY(q.lastError().text().contains(QStringLiteral("2")));
}

void TestSqlCipherDriver::typesRoundTrip_data()
{
    QTest::addColumn<QString>("declared");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QVariant>("expected"); // what value(0) gives back (type and value)

    const QString chinese = QStringLiteral("张三丰 申请 营业执照 😀🏛️ ZHANG");
    QByteArray blob("\x00\x01\x02\xff\x00nul\x00", 9);
    QTest::newRow("int") << "INTEGER" << QVariant(int(-123456)) << QVariant(qlonglong(-123456));
    QTest::newRow("qlonglong max") << "INTEGER" << QVariant(std::numeric_limits<qlonglong>::max())
                                   << QVariant(std::numeric_limits<qlonglong>::max());
    QTest::newRow("qlonglong min") << "INTEGER" << QVariant(std::numeric_limits<qlonglong>::min())
                                   << QVariant(std::numeric_limits<qlonglong>::min());
    QTest::newRow("2^53+1") << "INTEGER" << QVariant(qlonglong(9007199254740993LL))
                            << QVariant(qlonglong(9007199254740993LL));
    QTest::newRow("uint") << "INTEGER" << QVariant(uint(4000000000u)) << QVariant(qlonglong(4000000000LL));
    QTest::newRow("double") << "REAL" << QVariant(3.141592653589793) << QVariant(3.141592653589793);
    QTest::newRow("tiny double") << "REAL" << QVariant(1e-300) << QVariant(1e-300);
    QTest::newRow("negative double") << "DOUBLE" << QVariant(-2.5e17) << QVariant(-2.5e17);
    QTest::newRow("chinese and emoji") << "TEXT" << QVariant(chinese) << QVariant(chinese);
    QTest::newRow("empty string") << "TEXT" << QVariant(QStringLiteral("")) << QVariant(QStringLiteral(""));
    QTest::newRow("blob with NUL") << "BLOB" << QVariant(blob) << QVariant(blob);
    QTest::newRow("empty blob") << "BLOB" << QVariant(QByteArray("")) << QVariant(QByteArray(""));
    QTest::newRow("bool true") << "BOOLEAN" << QVariant(true) << QVariant(qlonglong(1));
    QTest::newRow("bool false") << "BOOLEAN" << QVariant(false) << QVariant(qlonglong(0));
    QTest::newRow("date") << "DATE" << QVariant(QDate(2024, 2, 29)) << QVariant(QStringLiteral("2024-02-29"));
    QTest::newRow("datetime utc") << "DATETIME"
                                  << QVariant(QDateTime(QDate(2024, 3, 1), QTime(8, 30, 15, 250), Qt::UTC))
                                  << QVariant(QStringLiteral("2024-03-01T08:30:15.250Z"));
    QTest::newRow("datetime +08:00") << "DATETIME"
                                     << QVariant(QDateTime(QDate(2024, 3, 1), QTime(16, 30), QTimeZone(8 * 3600)))
                                     << QVariant(QStringLiteral("2024-03-01T16:30:00.000+08:00"));
    QTest::newRow("time") << "TIME" << QVariant(QTime(23, 59, 58, 7)) << QVariant(QStringLiteral("23:59:58.007"));
}

void TestSqlCipherDriver::typesRoundTrip()
{
    QFETCH(QString, declared);
    QFETCH(QVariant, value);
    QFETCH(QVariant, expected);
    exec(QStringLiteral("CREATE TABLE t(v %1)").arg(declared));
    QSqlQuery q(db());
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t(v) VALUES(?)")));
    q.addBindValue(value);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));

    for (const bool forwardOnly : { true, false }) {
        QSqlQuery s(db());
        s.setForwardOnly(forwardOnly);
        QVERIFY(s.exec(QStringLiteral("SELECT v, typeof(v) FROM t")));
        QVERIFY(s.next());
        const QVariant got = s.value(0);
        QVERIFY2(!got.isNull() && !s.isNull(0), qPrintable(s.value(1).toString()));
        QCOMPARE(got.typeId(), expected.typeId());
        QCOMPARE(got, expected);
        // storedValue() predicts what is read back (projections compare with it to skip writes).
        QCOMPARE(oneseal::db::SqlCipherDriver::storedValue(value), got);
        // Dates, times and booleans convert back to what was bound.
        switch (value.typeId()) {
        case QMetaType::QDate: QCOMPARE(got.toDate(), value.toDate()); break;
        case QMetaType::QDateTime:
            QCOMPARE(got.toDateTime(), value.toDateTime());
            QCOMPARE(got.toDateTime().offsetFromUtc(), value.toDateTime().offsetFromUtc());
            break;
        case QMetaType::QTime: QCOMPARE(got.toTime(), value.toTime()); break;
        case QMetaType::Bool: QCOMPARE(got.toBool(), value.toBool()); break;
        case QMetaType::QByteArray:
            QCOMPARE(s.value(1).toString(), QStringLiteral("blob"));
            QCOMPARE(got.toByteArray().size(), value.toByteArray().size());
            break;
        default: break;
        }
        QVERIFY(!s.next());
    }
}

void TestSqlCipherDriver::nullOfEachType_data()
{
    QTest::addColumn<QString>("declared");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<int>("nullType"); // the type of the null QVariant read back
    QTest::addColumn<int>("fieldType"); // the record's field type (INTEGER: Int as QSQLITE; values are qlonglong)
    QTest::newRow("int") << "INTEGER" << QVariant(QMetaType(QMetaType::Int)) << int(QMetaType::LongLong)
                         << int(QMetaType::Int);
    QTest::newRow("qlonglong") << "INTEGER" << QVariant(QMetaType(QMetaType::LongLong)) << int(QMetaType::LongLong)
                               << int(QMetaType::Int);
    QTest::newRow("bigint") << "BIGINT" << QVariant(QMetaType(QMetaType::LongLong)) << int(QMetaType::LongLong)
                            << int(QMetaType::LongLong);
    QTest::newRow("double") << "REAL" << QVariant(QMetaType(QMetaType::Double)) << int(QMetaType::Double)
                            << int(QMetaType::Double);
    QTest::newRow("string") << "TEXT" << QVariant(QMetaType(QMetaType::QString)) << int(QMetaType::QString)
                            << int(QMetaType::QString);
    QTest::newRow("blob") << "BLOB" << QVariant(QMetaType(QMetaType::QByteArray)) << int(QMetaType::QByteArray)
                          << int(QMetaType::QByteArray);
    QTest::newRow("bool") << "BOOLEAN" << QVariant(QMetaType(QMetaType::Bool)) << int(QMetaType::Bool)
                          << int(QMetaType::Bool);
    QTest::newRow("date") << "DATE" << QVariant(QMetaType(QMetaType::QDate)) << int(QMetaType::QDate)
                          << int(QMetaType::QDate);
    QTest::newRow("datetime") << "DATETIME" << QVariant(QMetaType(QMetaType::QDateTime)) << int(QMetaType::QDateTime)
                              << int(QMetaType::QDateTime);
    QTest::newRow("time as text") << "TEXT" << QVariant(QMetaType(QMetaType::QTime)) << int(QMetaType::QString)
                                  << int(QMetaType::QString);
    QTest::newRow("invalid variant") << "INTEGER" << QVariant() << int(QMetaType::LongLong) << int(QMetaType::Int);
}

void TestSqlCipherDriver::nullOfEachType()
{
    QFETCH(QString, declared);
    QFETCH(QVariant, value);
    QFETCH(int, nullType);
    QFETCH(int, fieldType);
    exec(QStringLiteral("CREATE TABLE t(v %1)").arg(declared));
    QSqlQuery q(db());
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t(v) VALUES(?)")));
    q.addBindValue(value);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    for (const bool forwardOnly : { true, false }) {
        QSqlQuery s(db());
        s.setForwardOnly(forwardOnly);
        QVERIFY(s.exec(QStringLiteral("SELECT v, v IS NULL FROM t")));
        QVERIFY(s.next());
        QCOMPARE(s.value(1).toInt(), 1);
        QVERIFY(s.isNull(0));
        QVERIFY(s.value(0).isNull());
        QCOMPARE(s.value(0).typeId(), nullType);
        QVERIFY(!oneseal::db::SqlCipherDriver::storedValue(value).isValid());
        QCOMPARE(s.record().field(0).metaType().id(), fieldType);
    }
}

void TestSqlCipherDriver::nullQtValuesBindAsNull()
{
    // Qt 6: QVariant(QString()).isNull() is false, yet a null QString means SQL NULL (as in Qt's drivers).
    exec(QStringLiteral("CREATE TABLE t(k INTEGER, v)"));
    const QList<QVariant> nulls { QVariant(QString()), QVariant(QByteArray()), QVariant(QDateTime()), QVariant(QDate()),
        QVariant(QTime()) };
    QSqlQuery q(db());
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t(k, v) VALUES(?, ?)")));
    for (int i = 0; i < nulls.size(); ++i) {
        q.addBindValue(i);
        q.addBindValue(nulls.at(i));
        QVERIFY(q.exec());
    }
    q.addBindValue(99);
    q.addBindValue(QStringLiteral(""));
    QVERIFY(q.exec());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM t WHERE v IS NULL")) && q.next());
    QCOMPARE(q.value(0).toInt(), int(nulls.size()));
    QVERIFY(q.exec(QStringLiteral("SELECT typeof(v) FROM t WHERE k = 99")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("text")); // an empty string stays an empty string
}

void TestSqlCipherDriver::largeIntegers()
{
    exec(QStringLiteral("CREATE TABLE t(v INTEGER)"));
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO t(v) VALUES(?)"));
    const QList<qlonglong> values { 0, 1, -1, 2147483647LL, 2147483648LL, -2147483649LL, 1LL << 62,
        std::numeric_limits<qlonglong>::max(), std::numeric_limits<qlonglong>::min() };
    for (qlonglong v : values) {
        q.addBindValue(v);
        QVERIFY(q.exec());
    }
    QVERIFY(q.exec(QStringLiteral("SELECT sum(v = v), max(v), min(v) FROM t")) && q.next());
    QCOMPARE(q.value(0).toInt(), int(values.size()));
    QCOMPARE(q.value(1).toLongLong(), std::numeric_limits<qlonglong>::max());
    QCOMPARE(q.value(2).toLongLong(), std::numeric_limits<qlonglong>::min());
    QVERIFY(q.exec(QStringLiteral("SELECT v FROM t WHERE v = 4611686018427387904")) && q.next());
    QCOMPARE(q.value(0).toLongLong(), 1LL << 62);
}

void TestSqlCipherDriver::transactionRollbackUndoes()
{
    exec(QStringLiteral("CREATE TABLE t(v INTEGER)"));
    exec(QStringLiteral("INSERT INTO t VALUES(1)"));
    QSqlDatabase d = db();
    QVERIFY(d.transaction());
    QVERIFY(m_db->inTransaction());
    exec(QStringLiteral("INSERT INTO t VALUES(2)"));
    exec(QStringLiteral("UPDATE t SET v = 10 WHERE v = 1"));
    // A pending read must not keep the transaction from rolling back.
    QSqlQuery pending(d);
    QVERIFY(pending.exec(QStringLiteral("SELECT v FROM t")) && pending.next());
    QVERIFY2(d.rollback(), qPrintable(d.lastError().text()));
    QVERIFY(!m_db->inTransaction());
    QSqlQuery q(d);
    QVERIFY(q.exec(QStringLiteral("SELECT group_concat(v) FROM t")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("1"));

    QVERIFY(d.transaction());
    exec(QStringLiteral("INSERT INTO t VALUES(3)"));
    QVERIFY(d.commit());
    QVERIFY(q.exec(QStringLiteral("SELECT group_concat(v) FROM t")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("1,3"));

    { // db::Transaction rolls back unless committed
        oneseal::db::Transaction tx(d);
        QVERIFY(tx.isActive());
        exec(QStringLiteral("INSERT INTO t VALUES(4)"));
    }
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM t")) && q.next());
    QCOMPARE(q.value(0).toInt(), 2);
}

namespace {
/** Runs fn in a new QThread and waits for it. */
template <typename Fn> void runInThread(Fn fn)
{
    std::unique_ptr<QThread> t(QThread::create(std::move(fn)));
    t->start();
    QVERIFY(t->wait(60000));
}
} // namespace

void TestSqlCipherDriver::secondWriterWaitsForBusyTimeout()
{
    exec(QStringLiteral("CREATE TABLE t(v INTEGER)"));
    QSqlDatabase d = db();
    QVERIFY(d.transaction()); // BEGIN IMMEDIATE: the write lock is taken now
    exec(QStringLiteral("INSERT INTO t VALUES(1)"));

    std::atomic<bool> began { false };
    std::atomic<bool> committed { false };
    std::atomic<qint64> waitedMs { 0 };
    QString threadError;
    std::unique_ptr<QThread> writer(QThread::create([&] {
        QString error;
        OpenOptions options;
        options.busyTimeoutMs = 10000;
        auto second = Database::open(m_path, m_key, options, &error);
        if (!second) {
            threadError = error;
            return;
        }
        QElapsedTimer timer;
        timer.start();
        QSqlDatabase s = second->sql();
        began = s.transaction();
        waitedMs = timer.elapsed();
        if (!began) {
            threadError = s.lastError().text();
            return;
        }
        QSqlQuery q(s);
        committed = q.exec(QStringLiteral("INSERT INTO t VALUES(2)")) && s.commit();
    }));
    writer->start();
    QThread::msleep(400); // the second connection is now waiting on the busy timeout
    QVERIFY(!began.load());
    QVERIFY(d.commit());
    QVERIFY(writer->wait(30000));
    QVERIFY2(began, qPrintable(threadError));
    QVERIFY(committed);
    QVERIFY2(waitedMs >= 300, qPrintable(QString::number(waitedMs)));
    QSqlQuery q(d);
    QVERIFY(q.exec(QStringLiteral("SELECT group_concat(v) FROM (SELECT v FROM t ORDER BY v)")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("1,2"));
}

void TestSqlCipherDriver::secondWriterGivesUpAfterBusyTimeout()
{
    exec(QStringLiteral("CREATE TABLE t(v INTEGER)"));
    QSqlDatabase d = db();
    QVERIFY(d.transaction());
    OpenOptions options;
    options.busyTimeoutMs = 200;
    auto second = openDb(options); // same thread, another connection
    QVERIFY(second);
    QElapsedTimer timer;
    timer.start();
    QSqlDatabase s = second->sql();
    QVERIFY(!s.transaction());
    QVERIFY(timer.elapsed() >= 150);
    QCOMPARE(s.lastError().type(), QSqlError::TransactionError);
    QCOMPARE(s.lastError().nativeErrorCode(), QStringLiteral("5")); // SQLITE_BUSY
    QVERIFY(!s.lastError().driverText().isEmpty());
    QVERIFY(!second->inTransaction());
    // Readers are not blocked by the writer (WAL).
    QSqlQuery r(s);
    QVERIFY2(r.exec(QStringLiteral("SELECT count(*) FROM t")) && r.next(), qPrintable(r.lastError().text()));
    QVERIFY(d.commit());
    QVERIFY(s.transaction());
    QVERIFY(s.commit());
}

void TestSqlCipherDriver::lastInsertId()
{
    exec(QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)"));
    exec(QStringLiteral("CREATE TABLE u(id INTEGER PRIMARY KEY, v TEXT)"));
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("INSERT INTO t(v) VALUES('a')")));
    QCOMPARE(q.lastInsertId(), QVariant(qlonglong(1)));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO t(id, v) VALUES(41, 'b')")));
    QCOMPARE(q.lastInsertId().toLongLong(), 41LL);
    q.prepare(QStringLiteral("INSERT INTO t(v) VALUES(?)"));
    q.addBindValue(QStringLiteral("c"));
    QVERIFY(q.exec());
    QCOMPARE(q.lastInsertId().toLongLong(), 42LL);
    // Statements that insert nothing have no insert id (not the previous statement's one).
    QVERIFY(q.exec(QStringLiteral("UPDATE t SET v = 'x' WHERE id = 1")));
    QVERIFY(!q.lastInsertId().isValid());
    QVERIFY(q.exec(QStringLiteral("INSERT INTO u(v) SELECT v FROM t WHERE 0")));
    QVERIFY(!q.lastInsertId().isValid());
    QVERIFY(q.exec(QStringLiteral("SELECT * FROM t")));
    QVERIFY(!q.lastInsertId().isValid());
    QVERIFY(q.exec(QStringLiteral("  REPLACE INTO u(id, v) VALUES(7, 'r')")));
    QCOMPARE(q.lastInsertId().toLongLong(), 7LL);
}

void TestSqlCipherDriver::numRowsAffected()
{
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE t(v INTEGER)")));
    QCOMPARE(q.numRowsAffected(), 0);
    QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES(1), (2), (3), (4)")));
    QCOMPARE(q.numRowsAffected(), 4);
    QVERIFY(q.exec(QStringLiteral("CREATE INDEX t_v ON t(v)"))); // DDL: not the previous statement's 4
    QCOMPARE(q.numRowsAffected(), 0);
    QVERIFY(q.exec(QStringLiteral("UPDATE t SET v = v + 10 WHERE v > 1")));
    QCOMPARE(q.numRowsAffected(), 3);
    QVERIFY(q.exec(QStringLiteral("UPDATE t SET v = 0 WHERE v > 1000")));
    QCOMPARE(q.numRowsAffected(), 0);
    QVERIFY(q.exec(QStringLiteral("DELETE FROM t WHERE v >= 13")));
    QCOMPARE(q.numRowsAffected(), 2);
    QVERIFY(q.exec(QStringLiteral("SELECT * FROM t")));
    QCOMPARE(q.numRowsAffected(), -1);
    QCOMPARE(q.size(), -1); // no QuerySize feature
}

void TestSqlCipherDriver::tables()
{
    exec(QStringLiteral("CREATE TABLE zeta(a)"));
    exec(QStringLiteral("CREATE TABLE alpha(id INTEGER PRIMARY KEY AUTOINCREMENT)"));
    exec(QStringLiteral("CREATE VIEW beta AS SELECT a FROM zeta"));
    exec(QStringLiteral("INSERT INTO alpha DEFAULT VALUES")); // makes sqlite_sequence
    const QSqlDatabase d = db();
    QCOMPARE(d.tables(QSql::Tables), QStringList({ QStringLiteral("alpha"), QStringLiteral("zeta") }));
    QCOMPARE(d.tables(QSql::Views), QStringList({ QStringLiteral("beta") }));
    QCOMPARE(d.tables(QSql::AllTables),
        QStringList({ QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("zeta"),
            QStringLiteral("sqlite_master") }));
    QVERIFY(d.tables(QSql::SystemTables).contains(QStringLiteral("sqlite_master")));
}

void TestSqlCipherDriver::recordAndPrimaryIndex()
{
    exec(QStringLiteral("CREATE TABLE person(id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '无名', "
                        "born DATE, photo BLOB, score REAL, active BOOLEAN)"));
    exec(QStringLiteral("CREATE TABLE link(b TEXT, a INTEGER, note TEXT, PRIMARY KEY(a, b))"));
    const QSqlDatabase d = db();
    const QSqlRecord rec = d.record(QStringLiteral("person"));
    QCOMPARE(rec.count(), 6);
    QCOMPARE(rec.fieldName(0), QStringLiteral("id"));
    QCOMPARE(rec.field(0).metaType().id(), int(QMetaType::Int)); // as QSQLITE
    QVERIFY(rec.field(0).isAutoValue());
    QCOMPARE(rec.field(1).metaType().id(), int(QMetaType::QString));
    QCOMPARE(rec.field(1).requiredStatus(), QSqlField::Required);
    QCOMPARE(rec.field(1).defaultValue().toString(), QStringLiteral("无名")); // without quotes, as QSQLITE
    QCOMPARE(rec.field(1).tableName(), QStringLiteral("person"));
    QCOMPARE(rec.field(2).metaType().id(), int(QMetaType::QDate));
    QCOMPARE(rec.field(2).requiredStatus(), QSqlField::Optional);
    QCOMPARE(rec.field(3).metaType().id(), int(QMetaType::QByteArray));
    QCOMPARE(rec.field(4).metaType().id(), int(QMetaType::Double));
    QCOMPARE(rec.field(5).metaType().id(), int(QMetaType::Bool));
    QVERIFY(d.record(QStringLiteral("\"person\"")).count() == 6); // quoted names work too
    QVERIFY(d.record(QStringLiteral("missing")).isEmpty());

    const QSqlIndex pk = d.primaryIndex(QStringLiteral("person"));
    QCOMPARE(pk.count(), 1);
    QCOMPARE(pk.fieldName(0), QStringLiteral("id"));
    const QSqlIndex composite = d.primaryIndex(QStringLiteral("link"));
    QCOMPARE(composite.count(), 2);
    QCOMPARE(composite.fieldName(0), QStringLiteral("a")); // in key order, not column order
    QCOMPARE(composite.fieldName(1), QStringLiteral("b"));
    QVERIFY(!composite.field(0).isAutoValue());
    QVERIFY(d.primaryIndex(QStringLiteral("missing")).isEmpty());

    // A query's record carries the column names and declared types.
    QSqlQuery q(d);
    QVERIFY(q.exec(QStringLiteral("SELECT id, name AS who, born FROM person")));
    const QSqlRecord r = q.record();
    QCOMPARE(r.count(), 3);
    QCOMPARE(r.fieldName(1), QStringLiteral("who"));
    QCOMPARE(r.field(2).metaType().id(), int(QMetaType::QDate));
}

void TestSqlCipherDriver::escapeIdentifier()
{
    const QSqlDriver* d = db().driver();
    QCOMPARE(d->escapeIdentifier(QStringLiteral("plain"), QSqlDriver::TableName), QStringLiteral("\"plain\""));
    QCOMPARE(d->escapeIdentifier(QStringLiteral("we\"ird"), QSqlDriver::FieldName), QStringLiteral("\"we\"\"ird\""));
    QCOMPARE(d->escapeIdentifier(QStringLiteral("\"quoted\""), QSqlDriver::TableName), QStringLiteral("\"quoted\""));
    QVERIFY(d->isIdentifierEscaped(QStringLiteral("\"x\""), QSqlDriver::TableName));
    QCOMPARE(d->stripDelimiters(QStringLiteral("\"x\""), QSqlDriver::TableName), QStringLiteral("x"));

    // An identifier with a quote, a space and Chinese really works as a table and column name.
    const QString table = QStringLiteral("申请 \"表\"");
    const QString column = QStringLiteral("姓 名");
    const QString t = d->escapeIdentifier(table, QSqlDriver::TableName);
    const QString c = d->escapeIdentifier(column, QSqlDriver::FieldName);
    exec(QStringLiteral("CREATE TABLE %1(%2 TEXT)").arg(t, c));
    exec(QStringLiteral("INSERT INTO %1(%2) VALUES('x')").arg(t, c));
    QVERIFY(db().tables().contains(table));
    QCOMPARE(db().record(table).fieldName(0), column);
}

void TestSqlCipherDriver::forwardOnlyStreaming()
{
    exec(QStringLiteral("CREATE TABLE t(v INTEGER)"));
    QVERIFY(db().transaction());
    QSqlQuery ins(db());
    ins.prepare(QStringLiteral("INSERT INTO t(v) VALUES(?)"));
    for (int i = 0; i < 1000; ++i) {
        ins.addBindValue(i);
        QVERIFY(ins.exec());
    }
    QVERIFY(db().commit());

    QSqlQuery q(db());
    q.setForwardOnly(true);
    QVERIFY(q.exec(QStringLiteral("SELECT v FROM t ORDER BY v")));
    QVERIFY(q.isSelect());
    int expected = 0;
    while (q.next()) {
        QCOMPARE(q.at(), expected);
        QCOMPARE(q.value(0).toInt(), expected);
        ++expected;
    }
    QCOMPARE(expected, 1000);
    QVERIFY(!q.next());
    QVERIFY(!q.lastError().isValid());

    // Going back is refused on a forward-only query.
    QVERIFY(q.exec(QStringLiteral("SELECT v FROM t ORDER BY v")));
    QVERIFY(q.seek(10));
    QCOMPARE(q.value(0).toInt(), 10);
    QTest::ignoreMessage(QtWarningMsg, "QSqlQuery::seek: cannot seek backwards in a forward only query");
    QVERIFY(!q.seek(5));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 11);
    q.finish(); // releases the statement: a write on another connection is not blocked
    QVERIFY(!q.isActive());

    // An empty result.
    QVERIFY(q.exec(QStringLiteral("SELECT v FROM t WHERE v < 0")));
    QVERIFY(!q.next());
    QVERIFY(!q.first());
}

void TestSqlCipherDriver::cachedScrolling()
{
    exec(QStringLiteral("CREATE TABLE t(v INTEGER, s TEXT)"));
    QVERIFY(db().transaction());
    QSqlQuery ins(db());
    ins.prepare(QStringLiteral("INSERT INTO t(v, s) VALUES(?, ?)"));
    for (int i = 0; i < 200; ++i) {
        ins.addBindValue(i);
        ins.addBindValue(QStringLiteral("行%1").arg(i));
        QVERIFY(ins.exec());
    }
    QVERIFY(db().commit());

    QSqlQuery q(db());
    QVERIFY(!q.isForwardOnly());
    QVERIFY(q.exec(QStringLiteral("SELECT v, s FROM t ORDER BY v")));
    QVERIFY(q.seek(50));
    QCOMPARE(q.value(0).toInt(), 50);
    QCOMPARE(q.value(1).toString(), QStringLiteral("行50"));
    QVERIFY(q.previous());
    QCOMPARE(q.value(0).toInt(), 49);
    QVERIFY(q.last());
    QCOMPARE(q.at(), 199);
    QCOMPARE(q.value(0).toInt(), 199);
    QVERIFY(q.seek(-100, true));
    QCOMPARE(q.value(0).toInt(), 99);
    QVERIFY(q.first());
    QCOMPARE(q.value(0).toInt(), 0);
    QVERIFY(!q.previous());
    QCOMPARE(q.at(), int(QSql::BeforeFirstRow));
    QVERIFY(q.next());
    QCOMPARE(q.value(1).toString(), QStringLiteral("行0"));
    QVERIFY(!q.seek(200));
    QVERIFY(q.seek(150));
    QCOMPARE(q.value(0).toInt(), 150);
    int count = 0;
    QVERIFY(q.first());
    do {
        QCOMPARE(q.value(0).toInt(), count);
        ++count;
    } while (q.next());
    QCOMPARE(count, 200);

    // Re-executing the same prepared query starts again.
    QVERIFY(q.prepare(QStringLiteral("SELECT v FROM t WHERE v >= ? ORDER BY v")));
    q.addBindValue(190);
    QVERIFY(q.exec());
    QVERIFY(q.last());
    QCOMPARE(q.at(), 9);
    q.addBindValue(195);
    QVERIFY(q.exec());
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 195);
    QVERIFY(q.last());
    QCOMPARE(q.at(), 4);
}

void TestSqlCipherDriver::errors_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QVariantList>("values");
    QTest::addColumn<QString>("nativeCode");
    QTest::addColumn<QString>("inText"); // a part of QSqlError::text()

    QTest::newRow("syntax error") << "SELEC v FROM t" << QVariantList {} << "1"
                                  << "syntax error";
    QTest::newRow("unknown table") << "SELECT * FROM nowhere" << QVariantList {} << "1"
                                   << "no such table";
    QTest::newRow("unique") << "INSERT INTO t(id, v) VALUES(?, ?)" << QVariantList { 1, QStringLiteral("dup") } << "19"
                            << "UNIQUE constraint failed";
    QTest::newRow("not null") << "INSERT INTO t(id, v) VALUES(?, ?)"
                              << QVariantList { 5, QVariant(QMetaType(QMetaType::QString)) } << "19"
                              << "NOT NULL constraint failed";
    QTest::newRow("check") << "INSERT INTO t(id, v, n) VALUES(6, 'x', -1)" << QVariantList {} << "19"
                           << "CHECK constraint failed";
    QTest::newRow("foreign key") << "INSERT INTO child(parent) VALUES(999)" << QVariantList {} << "19"
                                 << "FOREIGN KEY constraint failed";
    QTest::newRow("multiple statements") << "INSERT INTO t(id, v) VALUES(7, 'a'); INSERT INTO t(id, v) VALUES(8, 'b')"
                                         << QVariantList {} << "21"
                                         << "multiple statements";
    QTest::newRow("too few parameters") << "INSERT INTO t(id, v) VALUES(?, ?)" << QVariantList { 9 } << ""
                                        << "Parameter count mismatch";
    QTest::newRow("too many parameters") << "INSERT INTO t(id, v) VALUES(?, ?)" << QVariantList { 9, 9, 9 } << ""
                                         << "Parameter count mismatch";
    QTest::newRow("empty statement") << "  -- nothing\n"
                                     << QVariantList {} << ""
                                     << "empty";
}

void TestSqlCipherDriver::errors()
{
    QFETCH(QString, sql);
    QFETCH(QVariantList, values);
    QFETCH(QString, nativeCode);
    QFETCH(QString, inText);
    exec(QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT NOT NULL, n INTEGER CHECK(n >= 0))"));
    exec(QStringLiteral("CREATE TABLE parent(id INTEGER PRIMARY KEY)"));
    exec(QStringLiteral("CREATE TABLE child(parent INTEGER REFERENCES parent(id))"));
    exec(QStringLiteral("INSERT INTO t(id, v) VALUES(1, 'one')"));

    QSqlQuery q(db());
    bool ok = false;
    if (values.isEmpty()) {
        ok = q.exec(sql);
    } else {
        ok = q.prepare(sql);
        if (ok) {
            for (const QVariant& v : values)
                q.addBindValue(v);
            ok = q.exec();
        }
    }
    QVERIFY(!ok);
    const QSqlError e = q.lastError();
    QVERIFY(e.isValid());
    QCOMPARE(e.type(), QSqlError::StatementError);
    QVERIFY2(e.text().contains(inText, Qt::CaseInsensitive), qPrintable(e.text()));
    if (!nativeCode.isEmpty())
        QCOMPARE(e.nativeErrorCode(), nativeCode);
    QVERIFY(!q.isActive());
    // Nothing was changed, and the connection still works.
    QSqlQuery check(db());
    QVERIFY(check.exec(QStringLiteral("SELECT count(*), group_concat(v) FROM t")) && check.next());
    QCOMPARE(check.value(0).toInt(), 1);
    QCOMPARE(check.value(1).toString(), QStringLiteral("one"));
    QVERIFY(!m_db->inTransaction());
}

void TestSqlCipherDriver::multipleStatementsRunNothing()
{
    exec(QStringLiteral("CREATE TABLE t(v INTEGER)"));
    QSqlQuery q(db());
    QVERIFY(!q.exec(QStringLiteral("INSERT INTO t VALUES(1); DROP TABLE t;")));
    QVERIFY(!q.exec(QStringLiteral("INSERT INTO t VALUES(1); -- c\n  SELECT 1")));
    QVERIFY(db().tables().contains(QStringLiteral("t")));
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM t")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
}

void TestSqlCipherDriver::trailingCommentIsAllowed()
{
    exec(QStringLiteral("CREATE TABLE t(v INTEGER)"));
    QSqlQuery q(db());
    QVERIFY2(q.exec(QStringLiteral("INSERT INTO t VALUES(1); -- the first row\n")), qPrintable(q.lastError().text()));
    QVERIFY2(q.exec(QStringLiteral("INSERT INTO t VALUES(2) /* block */ ;  -- end")), qPrintable(q.lastError().text()));
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM t")) && q.next());
    QCOMPARE(q.value(0).toInt(), 2);
}

void TestSqlCipherDriver::emptyStatementAfterIsRefused()
{
    exec(QStringLiteral("CREATE TABLE t(v INTEGER)"));
    QSqlQuery q(db());
    // A second ';' is an empty statement after the first: refused as QSQLITE does (QTBUG-21884),
    // by prepare() and exec() alike, and nothing runs.
    for (const QString& sql : { QStringLiteral("INSERT INTO t VALUES(3);;"), QStringLiteral("INSERT INTO t VALUES(3); ; "),
                                QStringLiteral("INSERT INTO t VALUES(3); /* c */ ;"),
                                QStringLiteral("CREATE TABLE u(v);\'\"\a") }) {
        QVERIFY2(!q.prepare(sql), qPrintable(sql));
        QVERIFY2(!q.exec(sql), qPrintable(sql));
    }
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM t")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    QVERIFY(!db().tables().contains(QStringLiteral("u")));
    QVERIFY(q.exec(QStringLiteral("SELECT 1;  \t\n\r")) && q.next()); // whitespace after ';' is fine
}

void TestSqlCipherDriver::positionalValuesVisibleToQt()
{
    exec(QStringLiteral("CREATE TABLE t(id INTEGER, name TEXT)"));
    QSqlQuery q(db());
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t(id, name) VALUES(?, ?)")));
    QVERIFY(q.boundValues().isEmpty());
    q.addBindValue(4);
    q.addBindValue(QStringLiteral("四"));
    QCOMPARE(q.boundValue(0).toInt(), 4);
    QCOMPARE(q.boundValue(1).toString(), QStringLiteral("四"));
    QCOMPARE(q.boundValues(), QVariantList({ 4, QStringLiteral("四") }));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    // Still there after exec(); the next addBindValue() starts again at 0 and replaces them.
    QCOMPARE(q.boundValues(), QVariantList({ 4, QStringLiteral("四") }));
    q.addBindValue(5);
    QCOMPARE(q.boundValues(), QVariantList({ 5, QStringLiteral("四") }));
    q.bindValue(1, QStringLiteral("五"));
    QCOMPARE(q.boundValue(1).toString(), QStringLiteral("五"));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    // A new statement starts without values.
    QVERIFY(q.prepare(QStringLiteral("SELECT name FROM t WHERE id = ?")));
    QVERIFY(q.boundValues().isEmpty());
    QCOMPARE(q.boundValue(0), QVariant());
    q.bindValue(0, 5);
    QCOMPARE(q.boundValues().size(), 1);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("五"));
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM t")) && q.next());
    QCOMPARE(q.value(0).toInt(), 2);
}

void TestSqlCipherDriver::execBatchPositional()
{
    exec(QStringLiteral("CREATE TABLE t(id INTEGER, name TEXT, photo BLOB)"));
    QSqlQuery q(db());
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t(id, name, photo) VALUES(?, ?, ?)")));
    q.addBindValue(QVariantList({ 1, 2, 3 }));
    q.addBindValue(QVariantList({ QStringLiteral("一"), QVariant(QMetaType(QMetaType::QString)), QStringLiteral("三") }));
    q.addBindValue(QVariantList({ QByteArray("\x00\x01", 2), QByteArray(), QByteArray("z") }));
    QVERIFY2(q.execBatch(), qPrintable(q.lastError().text()));
    QCOMPARE(q.numRowsAffected(), 3);
    QCOMPARE(q.boundValues().size(), 3); // the lists, as bound
    QVERIFY(q.exec(QStringLiteral("SELECT id, name, photo, name IS NULL, photo IS NULL FROM t ORDER BY id")));
    QVERIFY(q.next());
    QCOMPARE(q.value(1).toString(), QStringLiteral("一"));
    QCOMPARE(q.value(2).toByteArray(), QByteArray("\x00\x01", 2));
    QVERIFY(q.next());
    QCOMPARE(q.value(3).toInt(), 1); // a null QString is NULL
    QCOMPARE(q.value(4).toInt(), 1);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 3);
    QVERIFY(!q.next());

    // Named placeholders and ValuesAsRows-less use (the same path): values by name.
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t(id, name) VALUES(:id, :name)")));
    q.bindValue(QStringLiteral(":id"), QVariantList({ 10, 11 }));
    q.bindValue(QStringLiteral(":name"), QVariantList({ QStringLiteral("a"), QStringLiteral("b") }));
    QVERIFY2(q.execBatch(), qPrintable(q.lastError().text()));
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM t")) && q.next());
    QCOMPARE(q.value(0).toInt(), 5);
}

void TestSqlCipherDriver::execBatchAllOrNothing()
{
    exec(QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL)"));
    QSqlQuery q(db());
    auto count = [this] {
        QSqlQuery c(db());
        return c.exec(QStringLiteral("SELECT count(*) FROM t")) && c.next() ? c.value(0).toInt() : -1;
    };
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t(id, name) VALUES(?, ?)")));
    // Lists of different lengths, or a value that is no list: a clear error and nothing written.
    q.addBindValue(QVariantList({ 1, 2 }));
    q.addBindValue(QVariantList({ QStringLiteral("a") }));
    QVERIFY(!q.execBatch());
    QVERIFY(!q.lastError().text().isEmpty());
    q.bindValue(0, 1);
    q.bindValue(1, QVariantList({ QStringLiteral("a") }));
    QVERIFY(!q.execBatch());
    QVERIFY(!q.lastError().text().isEmpty());
    QCOMPARE(count(), 0);
    // The third row breaks NOT NULL: the first two are not kept either.
    q.bindValue(0, QVariantList({ 1, 2, 3 }));
    q.bindValue(1, QVariantList({ QStringLiteral("a"), QStringLiteral("b"), QVariant(QMetaType(QMetaType::QString)) }));
    QVERIFY(!q.execBatch());
    QVERIFY(q.lastError().isValid());
    QCOMPARE(count(), 0);
    // No transaction is left open: the caller can begin one (BEGIN would fail inside another).
    // Inside the caller's transaction a failing batch undoes only its rows; the caller decides.
    QVERIFY(db().transaction());
    exec(QStringLiteral("INSERT INTO t(id, name) VALUES(100, 'kept')"));
    QVERIFY(!q.execBatch());
    QCOMPARE(count(), 1);
    q.bindValue(0, QVariantList({ 1, 2 }));
    q.bindValue(1, QVariantList({ QStringLiteral("a"), QStringLiteral("b") }));
    QVERIFY2(q.execBatch(), qPrintable(q.lastError().text()));
    QCOMPARE(count(), 3);
    QVERIFY(db().rollback());
    QCOMPARE(count(), 0);
}

void TestSqlCipherDriver::lastOnForwardOnly()
{
    exec(QStringLiteral("CREATE TABLE t(id INTEGER, name TEXT)"));
    exec(QStringLiteral("INSERT INTO t VALUES(1, 'a'), (2, 'b'), (3, 'c'), (4, NULL)"));
    QSqlQuery q(db());
    q.setForwardOnly(true);
    QVERIFY(q.exec(QStringLiteral("SELECT id, name FROM t ORDER BY id")));
    QVERIFY(q.last());
    QCOMPARE(q.at(), 3);
    QCOMPARE(q.value(0).toInt(), 4);
    QVERIFY(q.isNull(1));
    QVERIFY(q.last()); // again: stays
    QCOMPARE(q.value(0).toInt(), 4);
    QVERIFY(!q.next());
    QCOMPARE(q.at(), int(QSql::AfterLastRow));

    // From a row in the middle, and on the last row itself.
    QVERIFY(q.exec(QStringLiteral("SELECT id, name FROM t ORDER BY id")));
    QVERIFY(q.next() && q.next());
    QVERIFY(q.last());
    QCOMPARE(q.at(), 3);
    QCOMPARE(q.value(0).toInt(), 4);
    QVERIFY(q.exec(QStringLiteral("SELECT id, name FROM t WHERE id = 2")));
    QVERIFY(q.next());
    QVERIFY(q.last());
    QCOMPARE(q.at(), 0);
    QCOMPARE(q.value(1).toString(), QStringLiteral("b"));

    // No rows: false. A prepared query executed again after last() starts afresh.
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM t WHERE id > 10")));
    QVERIFY(!q.last());
    QVERIFY(q.prepare(QStringLiteral("SELECT id, name FROM t WHERE id = ?")));
    q.addBindValue(1);
    QVERIFY(q.exec());
    QVERIFY(q.last());
    QVERIFY(q.exec());
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QCOMPARE(q.value(1).toString(), QStringLiteral("a"));
}

// data() fills the QVariant it returns in place (no QVariant(const T&) call): each value must be the
// QVariant Qt itself would make, own its data, and outlive the row it was read from.
void TestSqlCipherDriver::valuesReadAsQtMakesThem()
{
    exec(QStringLiteral("CREATE TABLE t(i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)"));
    exec(QStringLiteral("INSERT INTO t VALUES(7, 2.5, '申请人一', x'00ff10', NULL), (8, -1.0, 'b', x'', NULL)"));
    const QVariantList first{ QVariant(qlonglong(7)), QVariant(2.5), QVariant(QStringLiteral("申请人一")),
                              QVariant(QByteArray::fromHex("00ff10")) };
    for (const bool forwardOnly : { true, false }) {
        QSqlQuery q(db());
        q.setForwardOnly(forwardOnly);
        QVERIFY(q.exec(QStringLiteral("SELECT i, r, s, b, n FROM t ORDER BY i")));
        QVERIFY(q.next());
        QVariantList kept;
        for (int c = 0; c < first.size(); ++c) {
            const QVariant got = q.value(c);
            const QVariant& want = first.at(c);
            QCOMPARE(got.metaType(), want.metaType());
            QCOMPARE(got, want);
            QVERIFY(got.isValid() && !got.isNull());
            // The same representation as QVariant(const T&): same flags, same type interface.
            QCOMPARE(bool(got.data_ptr().is_null), bool(want.data_ptr().is_null));
            QCOMPARE(bool(got.data_ptr().is_shared), bool(want.data_ptr().is_shared));
            QCOMPARE(got.data_ptr().typeInterface(), want.data_ptr().typeInterface());
            kept.append(got);
        }
        QString text = q.value(2).toString();
        text[0] = QLatin1Char('X'); // detaches: the value read is its own
        QCOMPARE(q.value(2).toString(), QStringLiteral("申请人一"));
        QVERIFY(q.value(4).isNull());
        QCOMPARE(q.value(4).metaType(), QMetaType::fromType<QString>());
        QVERIFY(!q.value(5).isValid()); // no such column
        // Values read from the first row are untouched by the next row and by a new exec().
        QVERIFY(q.next());
        QCOMPARE(q.value(2).toString(), QStringLiteral("b"));
        QCOMPARE(q.value(3).metaType(), QMetaType::fromType<QByteArray>());
        QVERIFY(q.value(3).toByteArray().isEmpty()); // x'': empty (null, as with QSQLITE)
        QVERIFY(q.exec(QStringLiteral("SELECT i FROM t WHERE i > 100")));
        QVERIFY(!q.next());
        QCOMPARE(kept, first);
        QVERIFY(!q.value(0).isValid()); // not on a row
    }
}

// bindValue() assigns a value of the same type inside the bound QVariant: copies of the bound
// values taken before must keep theirs, and a change of type or a NULL must still bind right.
void TestSqlCipherDriver::rebindingLeavesCopiesAlone()
{
    exec(QStringLiteral("CREATE TABLE t(v)"));
    QSqlQuery q(db());
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t(v) VALUES(?)")));
    q.bindValue(0, QStringLiteral("一"));
    const QVariant one = q.boundValue(0);
    const QVariantList before = q.boundValues();
    QVERIFY(q.exec());
    q.bindValue(0, QStringLiteral("二"));
    QCOMPARE(one.toString(), QStringLiteral("一"));
    QCOMPARE(before, QVariantList{ QStringLiteral("一") });
    QCOMPARE(q.boundValue(0).toString(), QStringLiteral("二"));
    QVERIFY(q.exec());
    q.bindValue(0, 3);
    QVERIFY(q.exec());
    q.bindValue(0, 4);
    const QVariant four = q.boundValue(0);
    QVERIFY(q.exec());
    q.bindValue(0, 5);
    QCOMPARE(four.toInt(), 4);
    QVERIFY(q.exec());
    q.bindValue(0, 6.5);
    QVERIFY(q.exec());
    q.bindValue(0, 7.5);
    QVERIFY(q.exec());
    q.bindValue(0, QString()); // a null QString after a string: NULL
    QVERIFY(q.exec());
    q.bindValue(0, QStringLiteral("八"));
    QVERIFY(q.exec());
    q.bindValue(0, QString());
    QVERIFY(q.exec());
    q.bindValue(0, QVariant(QMetaType::fromType<QString>())); // a null QVariant of type QString: NULL
    QVERIFY(q.exec());
    q.bindValue(0, QByteArray("\x01\x02", 2));
    QVERIFY(q.exec());
    q.bindValue(0, QByteArray("\x03", 1));
    QVERIFY(q.exec());

    QSqlQuery s(db());
    QVERIFY(s.exec(QStringLiteral("SELECT quote(v) FROM t ORDER BY rowid")));
    QStringList got;
    while (s.next())
        got << s.value(0).toString();
    QCOMPARE(got, QStringList({ "'一'", "'二'", "3", "4", "5", "6.5", "7.5", "NULL", "'八'", "NULL", "NULL",
                                "X'0102'", "X'03'" }));
}

// exec() leaves the active flag alone while it stays true (a statement run again and again), so a
// failure must still clear it, and executedQuery() must follow a new statement.
void TestSqlCipherDriver::activeAcrossExecs()
{
    exec(QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, code TEXT UNIQUE)"));
    QSqlQuery q(db());
    const QString insert = QStringLiteral("INSERT INTO t(code) VALUES(?)");
    QVERIFY(q.prepare(insert));
    QVERIFY(!q.isActive());
    q.bindValue(0, QStringLiteral("a"));
    QVERIFY(q.exec());
    QVERIFY(q.isActive());
    QCOMPARE(q.executedQuery(), insert);
    q.bindValue(0, QStringLiteral("b"));
    QVERIFY(q.exec());
    QVERIFY(q.isActive());
    QCOMPARE(q.numRowsAffected(), 1);
    q.bindValue(0, QStringLiteral("a")); // breaks UNIQUE
    QVERIFY(!q.exec());
    QVERIFY(!q.isActive());
    QVERIFY(q.lastError().isValid());
    q.bindValue(0, QStringLiteral("c"));
    QVERIFY(q.exec());
    QVERIFY(q.isActive());
    QVERIFY(!q.lastError().isValid());
    q.bindValue(1, QStringLiteral("d")); // two values for one parameter
    QVERIFY(!q.exec());
    QVERIFY(!q.isActive());

    const QString select = QStringLiteral("SELECT code FROM t WHERE id = ?");
    QVERIFY(q.prepare(select));
    QVERIFY(!q.isActive());
    q.bindValue(0, 2);
    QVERIFY(q.exec());
    QVERIFY(q.isActive() && q.isSelect());
    QCOMPARE(q.executedQuery(), select);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("b"));
    q.bindValue(0, 3);
    QVERIFY(q.exec()); // again while active: starts before the first row
    QCOMPARE(q.at(), int(QSql::BeforeFirstRow));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("c"));
    QVERIFY(!q.next());
}

void TestSqlCipherDriver::fieldTableAndDeclaredTypes()
{
    exec(QStringLiteral("CREATE TABLE person(id integer primary key, name varchar, title int, big BIGINT, ok bool)"));
    const QSqlRecord table = db().record(QStringLiteral("person"));
    QCOMPARE(table.field(0).metaType().id(), int(QMetaType::Int));
    QCOMPARE(table.field(1).metaType().id(), int(QMetaType::QString));
    QCOMPARE(table.field(2).metaType().id(), int(QMetaType::Int));
    QCOMPARE(table.field(3).metaType().id(), int(QMetaType::LongLong));
    QCOMPARE(table.field(4).metaType().id(), int(QMetaType::Bool));
    QCOMPARE(db().primaryIndex(QStringLiteral("person")).field(0).metaType().id(), int(QMetaType::Int));

    // A query's fields: the table each column comes from, and the same types, also with no rows.
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("SELECT id, name AS who, title, big, ok, 1 + 1 AS two FROM person")));
    QSqlRecord r = q.record();
    QCOMPARE(r.field(0).tableName(), QStringLiteral("person"));
    QCOMPARE(r.field(1).tableName(), QStringLiteral("person"));
    QCOMPARE(r.field(1).name(), QStringLiteral("who"));
    QVERIFY(r.field(5).tableName().isEmpty()); // an expression has no table
    QCOMPARE(r.field(0).metaType().id(), int(QMetaType::Int));
    QCOMPARE(r.field(2).metaType().id(), int(QMetaType::Int));
    QCOMPARE(r.field(3).metaType().id(), int(QMetaType::LongLong));
    QCOMPARE(r.field(4).metaType().id(), int(QMetaType::Bool));
    // Values of integer columns stay qlonglong, as QSQLITE's.
    exec(QStringLiteral("INSERT INTO person VALUES(1, 'x', 7, 8, 1)"));
    QVERIFY(q.exec(QStringLiteral("SELECT id, title, ok FROM person")) && q.next());
    QCOMPARE(q.value(0).typeId(), int(QMetaType::LongLong));
    QCOMPARE(q.value(1).typeId(), int(QMetaType::LongLong));
    QCOMPARE(q.value(2).typeId(), int(QMetaType::LongLong));
    QCOMPARE(q.record().field(2).metaType().id(), int(QMetaType::Bool));
}

void TestSqlCipherDriver::expressionColumnTypes()
{
    exec(QStringLiteral("CREATE TABLE n(i INTEGER, r REAL, s TEXT)"));
    QSqlQuery q(db());
    // No rows: an aggregate's type is unknown (NULL), as QSQLITE.
    QVERIFY(q.exec(QStringLiteral("SELECT SUM(i), MAX(s) FROM n")));
    QCOMPARE(q.record().field(0).metaType().id(), int(QMetaType::UnknownType));
    exec(QStringLiteral("INSERT INTO n VALUES(1, 1.5, 'a'), (2, 2.5, 'b')"));
    for (const bool forwardOnly : { true, false }) {
        QSqlQuery e(db());
        e.setForwardOnly(forwardOnly);
        QVERIFY(e.exec(QStringLiteral("SELECT SUM(i), AVG(i), COUNT(i), MIN(i), MAX(s), SUM(r), x'00', NULL FROM n")));
        const QSqlRecord r = e.record();
        QCOMPARE(r.field(0).metaType().id(), int(QMetaType::Int));
        QCOMPARE(r.field(1).metaType().id(), int(QMetaType::Double));
        QCOMPARE(r.field(2).metaType().id(), int(QMetaType::Int));
        QCOMPARE(r.field(3).metaType().id(), int(QMetaType::Int));
        QCOMPARE(r.field(4).metaType().id(), int(QMetaType::QString));
        QCOMPARE(r.field(5).metaType().id(), int(QMetaType::Double));
        QCOMPARE(r.field(6).metaType().id(), int(QMetaType::QByteArray));
        QCOMPARE(r.field(7).metaType().id(), int(QMetaType::UnknownType));
        QVERIFY(e.next());
        QCOMPARE(e.value(0).toInt(), 3);
    }
    // The same kept statement typed again by each execution.
    QVERIFY(q.prepare(QStringLiteral("SELECT MAX(i) FROM n WHERE i > ?")));
    q.addBindValue(10);
    QVERIFY(q.exec());
    QCOMPARE(q.record().field(0).metaType().id(), int(QMetaType::UnknownType));
    q.addBindValue(0);
    QVERIFY(q.exec());
    QCOMPARE(q.record().field(0).metaType().id(), int(QMetaType::Int));
}

void TestSqlCipherDriver::bracketQuotedIdentifiers()
{
    const QSqlDriver* d = db().driver();
    // As QSQLITE: [ ] is quoting already; a table name with a dot names schema.table.
    QCOMPARE(d->escapeIdentifier(QStringLiteral("[a.b]"), QSqlDriver::TableName), QStringLiteral("[a.b]"));
    QCOMPARE(d->escapeIdentifier(QStringLiteral("main.t"), QSqlDriver::TableName), QStringLiteral("\"main\".\"t\""));
    QCOMPARE(d->escapeIdentifier(QStringLiteral("person.name"), QSqlDriver::FieldName),
             QStringLiteral("\"person.name\""));

    exec(QStringLiteral("CREATE TABLE [table.dot] (id int primary key, \"person.firstname\" varchar(20))"));
    exec(QStringLiteral("INSERT INTO [table.dot] VALUES(1, 'Andy')"));
    const QSqlRecord rec = db().record(QStringLiteral("[table.dot]"));
    QCOMPARE(rec.count(), 2);
    QCOMPARE(rec.fieldName(1), QStringLiteral("person.firstname"));
    QCOMPARE(db().primaryIndex(QStringLiteral("[table.dot]")).count(), 1);
    QCOMPARE(db().record(QStringLiteral("main.[table.dot]")).count(), 2);
    exec(QStringLiteral("CREATE TABLE plain(id INTEGER PRIMARY KEY)"));
    QCOMPARE(db().record(QStringLiteral("main.plain")).count(), 1);
    QCOMPARE(db().primaryIndex(QStringLiteral("main.plain")).count(), 1);

    QSqlTableModel model(nullptr, db());
    model.setTable(QStringLiteral("[table.dot]"));
    QVERIFY2(model.select(), qPrintable(model.lastError().text()));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, 1)).toString(), QStringLiteral("Andy"));
}

void TestSqlCipherDriver::numRowsAffectedOfChanges()
{
    // The checks of Qt's tst_QSqlQuery::numRowsAffected, which it skips for a driver that says -1
    // after a SELECT (undefined there; this driver keeps -1).
    exec(QStringLiteral("CREATE TABLE t(id INTEGER, a TEXT, b TEXT)"));
    exec(QStringLiteral("INSERT INTO t VALUES(1, 'x', 'y'), (2, 'x', 'y'), (3, 'x', 'y')"));
    QSqlQuery q(db());
    QCOMPARE(q.numRowsAffected(), -1);
    QVERIFY(q.exec(QStringLiteral("UPDATE t SET id = 100 WHERE id = 1")));
    QCOMPARE(q.numRowsAffected(), 1);
    QCOMPARE(q.numRowsAffected(), 1);
    QVERIFY(q.exec(QStringLiteral("UPDATE t SET id = id + 100")));
    QCOMPARE(q.numRowsAffected(), 3);
    QVERIFY(q.prepare(QStringLiteral("UPDATE t SET id = id + :newid")));
    q.bindValue(QStringLiteral(":newid"), 100);
    QVERIFY(q.exec());
    QCOMPARE(q.numRowsAffected(), 3);
    QVERIFY(q.prepare(QStringLiteral("UPDATE t SET id = id + :newid WHERE NOT(1 = 1)")));
    q.bindValue(QStringLiteral(":newid"), 100);
    QVERIFY(q.exec());
    QCOMPARE(q.numRowsAffected(), 0);
    QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES (42000, 'homer', 'marge')")));
    QCOMPARE(q.numRowsAffected(), 1);
    QSqlQuery q2(db());
    QVERIFY(q2.exec(QStringLiteral("INSERT INTO t VALUES (42001, 'homer', 'marge')")));
    QCOMPARE(q2.numRowsAffected(), 1);
    QCOMPARE(q.numRowsAffected(), 1); // each query keeps its own count
    QVERIFY(q.exec(QStringLiteral("SELECT * FROM t")));
    QCOMPARE(q.numRowsAffected(), -1);
    // A trigger's changes are not counted (sqlite3_changes()), as QSQLITE.
    exec(QStringLiteral("CREATE TABLE log(id INTEGER)"));
    exec(QStringLiteral("CREATE TRIGGER t_log AFTER UPDATE ON t BEGIN INSERT INTO log VALUES(new.id); END"));
    QVERIFY(q.exec(QStringLiteral("UPDATE t SET a = 'z' WHERE id = 42000")));
    QCOMPARE(q.numRowsAffected(), 1);
}

void TestSqlCipherDriver::regexpOption()
{
    const QString keyHex = QString::fromLatin1(m_key.toHex());
    for (const QString& options : { QStringLiteral("QSQLCIPHER_ENABLE_REGEXP"), QStringLiteral("QSQLCIPHER_ENABLE_REGEXP=2"),
                                    QString() }) {
        {
            QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLCIPHER"), QStringLiteral("regexp"));
            other.setDatabaseName(m_path);
            other.setPassword(keyHex);
            other.setConnectOptions(options);
            QVERIFY2(other.open(), qPrintable(other.lastError().text()));
            QSqlQuery q(other);
            const bool enabled = !options.isEmpty();
            QCOMPARE(q.exec(QStringLiteral("SELECT 'abc' REGEXP 'b.$', 'abc' REGEXP '^b', 'x' REGEXP 'y', "
                                           "'申请' REGEXP '请', NULL REGEXP 'a'")),
                     enabled);
            if (enabled) {
                QVERIFY(q.next());
                QCOMPARE(q.value(0).toInt(), 1);
                QCOMPARE(q.value(1).toInt(), 0);
                QCOMPARE(q.value(2).toInt(), 0);
                QCOMPARE(q.value(3).toInt(), 1);
                QVERIFY(q.isNull(4));
                QVERIFY(!q.exec(QStringLiteral("SELECT 'a' REGEXP '('"))); // a bad pattern is an error
                QVERIFY(q.lastError().databaseText().contains(QStringLiteral("regular expression")));
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("regexp"));
    }
}

void TestSqlCipherDriver::attachEncryptedWithKey()
{
    // A second encrypted database with its own key, made by the driver (4096-byte pages).
    const QString otherPath = m_dir->filePath(QStringLiteral("other.db"));
    const QByteArray otherKey = oneseal::core::crypto::randomBytes(32);
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLCIPHER"), QStringLiteral("other"));
        other.setDatabaseName(otherPath);
        other.setPassword(QString::fromLatin1(otherKey.toHex()));
        other.setConnectOptions(QStringLiteral("QSQLCIPHER_CREATE"));
        QVERIFY2(other.open(), qPrintable(other.lastError().text()));
        QSqlQuery q(other);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE t(v TEXT)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES('secret')")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("other"));

    QSqlQuery q(db());
    // The wrong key is refused with SQLite's message; the right one (bound, x'…') attaches.
    QVERIFY(q.prepare(QStringLiteral("ATTACH DATABASE ? AS other KEY ?")));
    q.addBindValue(otherPath);
    q.addBindValue(QStringLiteral("x'%1'").arg(QString::fromLatin1(oneseal::core::crypto::randomBytes(32).toHex())));
    QVERIFY(!q.exec());
    QVERIFY(q.lastError().databaseText().contains(QStringLiteral("encrypted")));
    QVERIFY(q.prepare(QStringLiteral("ATTACH DATABASE ? AS other KEY ?")));
    q.addBindValue(otherPath);
    q.addBindValue(QStringLiteral("x'%1'").arg(QString::fromLatin1(otherKey.toHex())));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    QVERIFY(q.exec(QStringLiteral("SELECT v FROM other.t")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("secret"));
    QCOMPARE(db().record(QStringLiteral("other.t")).count(), 1);
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE copy AS SELECT v FROM other.t")));
    QVERIFY(q.exec(QStringLiteral("DETACH DATABASE other")));

    // Without KEY the main database's key is used (SQLCipher): a file made with that key attaches.
    const QString samePath = m_dir->filePath(QStringLiteral("same.db"));
    {
        auto same = Database::open(samePath, m_key, { true }, nullptr);
        QVERIFY(same);
        QSqlQuery s(same->sql());
        QVERIFY(s.exec(QStringLiteral("CREATE TABLE s(v INTEGER)")));
        QVERIFY(s.exec(QStringLiteral("INSERT INTO s VALUES(7)")));
    }
    QVERIFY(q.prepare(QStringLiteral("ATTACH DATABASE ? AS same")));
    q.addBindValue(samePath);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    QVERIFY(q.exec(QStringLiteral("SELECT v FROM same.s")) && q.next());
    QCOMPARE(q.value(0).toInt(), 7);
    QVERIFY(q.exec(QStringLiteral("DETACH DATABASE same")));
}

void TestSqlCipherDriver::eventNotifications()
{
    QSqlDriver* d = db().driver();
    QVERIFY(d->hasFeature(QSqlDriver::EventNotifications));
    exec(QStringLiteral("CREATE TABLE watched(id INTEGER, v REAL)"));
    exec(QStringLiteral("CREATE TABLE other(id INTEGER)"));
    QSignalSpy spy(d, &QSqlDriver::notification);
    QVERIFY(d->subscribeToNotification(QStringLiteral("watched")));
    QVERIFY(!d->subscribeToNotification(QStringLiteral("watched"))); // once
    QCOMPARE(d->subscribedToNotifications(), QStringList({ QStringLiteral("watched") }));
    exec(QStringLiteral("INSERT INTO other VALUES(1)"));
    exec(QStringLiteral("INSERT INTO watched VALUES(1, 2.3)"));
    QTRY_COMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("watched"));
    QCOMPARE(spy.at(0).at(2).toLongLong(), 1LL); // the rowid
    QVERIFY(d->unsubscribeFromNotification(QStringLiteral("watched")));
    QVERIFY(!d->unsubscribeFromNotification(QStringLiteral("watched")));
    exec(QStringLiteral("INSERT INTO watched VALUES(2, 2.3)"));
    QTest::qWait(50);
    QCOMPARE(spy.size(), 1);
}

void TestSqlCipherDriver::closingFinalizesStatements()
{
    exec(QStringLiteral("CREATE TABLE t(v INTEGER)"));
    exec(QStringLiteral("INSERT INTO t VALUES(1), (2)"));
    {
        QSqlDatabase d = db();
        QSqlQuery q(d);
        QVERIFY(q.exec(QStringLiteral("SELECT v FROM t")) && q.next());
        d.close(); // must not fail with SQLITE_BUSY because of the live statement
        QVERIFY(!d.isOpen());
        QVERIFY(!q.next()); // the statement is gone: no crash, no row
    }
    // The file can be opened again at once, and WAL was checkpointed into it on close.
    m_db.reset();
    QVERIFY(!QFile::exists(m_path + QStringLiteral("-wal")));
    m_db = openDb({});
    QVERIFY(m_db);
    QSqlQuery again(db());
    QVERIFY(again.exec(QStringLiteral("SELECT count(*) FROM t")) && again.next());
    QCOMPARE(again.value(0).toInt(), 2);
}

void TestSqlCipherDriver::keptStatements()
{
    exec(QStringLiteral("CREATE TABLE t(a INTEGER, b TEXT)"));
    exec(QStringLiteral("INSERT INTO t VALUES(1, 'x'), (2, 'y')"));
    const QString select = QStringLiteral("SELECT * FROM t WHERE a >= ? ORDER BY a");
    {
        // Two live queries of the same text do not share a statement.
        QSqlQuery first(db());
        QSqlQuery second(db());
        first.setForwardOnly(true);
        second.setForwardOnly(true);
        QVERIFY(first.prepare(select));
        first.addBindValue(1);
        QVERIFY(first.exec() && first.next());
        QVERIFY(second.prepare(select));
        second.addBindValue(2);
        QVERIFY(second.exec() && second.next());
        QCOMPARE(first.value(0).toInt(), 1);
        QCOMPARE(second.value(0).toInt(), 2);
        QVERIFY(first.next());
        QCOMPARE(first.value(0).toInt(), 2);
        QVERIFY(!second.next());
    }
    QSqlQuery again(db());
    again.setForwardOnly(true);
    // Taken from the kept statements: nothing bound by the last use remains.
    QVERIFY(again.prepare(select));
    QVERIFY(!again.exec());
    again.addBindValue(2);
    QVERIFY(again.exec() && again.next());
    QCOMPARE(again.record().count(), 2);
    QCOMPARE(again.value(1).toString(), QStringLiteral("y"));
    again.finish();
    // Another connection changes the schema: the kept statement reads the new column.
    {
        auto other = openDb({});
        QVERIFY(other);
        QSqlQuery q(other->sql());
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE t ADD COLUMN c TEXT DEFAULT 'z'")));
    }
    QVERIFY(again.prepare(select));
    again.addBindValue(1);
    QVERIFY2(again.exec(), qPrintable(again.lastError().text()));
    QVERIFY(again.next());
    QCOMPARE(again.record().count(), 3);
    QCOMPARE(again.value(2).toString(), QStringLiteral("z"));
    // A statement that changes the schema here empties the kept statements; queries still work.
    exec(QStringLiteral("CREATE INDEX t_b ON t(b)"));
    QVERIFY(again.prepare(select));
    again.addBindValue(2);
    QVERIFY(again.exec() && again.next());
    QCOMPARE(again.value(0).toInt(), 2);
}

void TestSqlCipherDriver::fourThreadsWriteAndRead()
{
    exec(QStringLiteral("CREATE TABLE t(thread INTEGER, i INTEGER, s TEXT, PRIMARY KEY(thread, i))"));
    constexpr int kThreads = 4;
    constexpr int kRows = 250;
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<QString> failures(kThreads);
    for (int n = 0; n < kThreads; ++n) {
        threads.emplace_back(QThread::create([this, n, &failures] {
            QString error;
            OpenOptions options;
            options.busyTimeoutMs = 30000;
            auto database = Database::open(m_path, m_key, options, &error);
            if (!database) {
                failures[n] = error;
                return;
            }
            QSqlDatabase sdb = database->sql();
            for (int batch = 0; batch < kRows / 10; ++batch) {
                oneseal::db::Transaction tx(sdb);
                if (!tx.isActive()) {
                    failures[n] = tx.errorText();
                    return;
                }
                QSqlQuery q(sdb);
                q.prepare(QStringLiteral("INSERT INTO t(thread, i, s) VALUES(?, ?, ?)"));
                for (int k = 0; k < 10; ++k) {
                    const int i = batch * 10 + k;
                    q.addBindValue(n);
                    q.addBindValue(i);
                    q.addBindValue(QStringLiteral("线程%1-%2").arg(n).arg(i));
                    if (!q.exec()) {
                        failures[n] = q.lastError().text();
                        return;
                    }
                }
                if (!tx.commit(&error)) {
                    failures[n] = error;
                    return;
                }
                // Read back what this thread wrote so far, while the others write.
                QSqlQuery r(sdb);
                r.setForwardOnly(true);
                r.prepare(QStringLiteral("SELECT count(*), max(i) FROM t WHERE thread = ?"));
                r.addBindValue(n);
                if (!r.exec() || !r.next() || r.value(0).toInt() != (batch + 1) * 10
                    || r.value(1).toInt() != batch * 10 + 9) {
                    failures[n] = QStringLiteral("read back %1 rows after batch %2").arg(r.value(0).toInt()).arg(batch);
                    return;
                }
            }
        }));
    }
    for (auto& t : threads)
        t->start();
    for (auto& t : threads)
        QVERIFY(t->wait(120000));
    for (int n = 0; n < kThreads; ++n)
        QVERIFY2(failures[n].isEmpty(), qPrintable(QStringLiteral("thread %1: %2").arg(n).arg(failures[n])));
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*), count(DISTINCT thread) FROM t")) && q.next());
    QCOMPARE(q.value(0).toInt(), kThreads * kRows);
    QCOMPARE(q.value(1).toInt(), kThreads);
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
}

void TestSqlCipherDriver::tableModel()
{
    exec(QStringLiteral("CREATE TABLE applicant(id INTEGER PRIMARY KEY, name TEXT NOT NULL, age INTEGER)"));
    exec(QStringLiteral("INSERT INTO applicant(name, age) VALUES('张三', 30), ('李四', 41), ('王五', 25)"));

    QSqlTableModel model(nullptr, db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTable(QStringLiteral("applicant"));
    model.setEditStrategy(QSqlTableModel::OnManualSubmit);
    model.setSort(0, Qt::AscendingOrder);
    QVERIFY2(model.select(), qPrintable(model.lastError().text()));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("name"));
    QCOMPARE(model.data(model.index(1, 1)).toString(), QStringLiteral("李四"));
    QCOMPARE(model.primaryKey().fieldName(0), QStringLiteral("id"));

    // Edit a row.
    QVERIFY(model.setData(model.index(1, 2), 42));
    QVERIFY(model.setData(model.index(1, 1), QStringLiteral("李四四")));
    // Insert a row.
    const int row = model.rowCount();
    QVERIFY(model.insertRow(row));
    QVERIFY(model.setData(model.index(row, 1), QStringLiteral("赵六😀")));
    QVERIFY(model.setData(model.index(row, 2), 19));
    // Delete a row.
    QVERIFY(model.removeRow(2));
    QVERIFY2(model.submitAll(), qPrintable(model.lastError().text()));
    QCOMPARE(model.rowCount(), 3);

    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("SELECT group_concat(name || ':' || age, ',') FROM "
                                  "(SELECT name, age FROM applicant ORDER BY id)"))
        && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("张三:30,李四四:42,赵六😀:19"));
    // The inserted row has the id the database gave it.
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM applicant WHERE name = '赵六😀'")) && q.next());
    const qlonglong newId = q.value(0).toLongLong();
    QVERIFY(newId > 0);
    QVERIFY(model.select());
    QCOMPARE(model.data(model.index(2, 0)).toLongLong(), newId);
    QCOMPARE(model.data(model.index(2, 1)).toString(), QStringLiteral("赵六😀"));

    // A refused change (NOT NULL) fails clearly and leaves the table as it was.
    QVERIFY(model.setData(model.index(0, 1), QVariant(QMetaType(QMetaType::QString))));
    QVERIFY(!model.submitAll());
    QVERIFY(model.lastError().text().contains(QLatin1String("NOT NULL"), Qt::CaseInsensitive));
    model.revertAll();
    QVERIFY(q.exec(QStringLiteral("SELECT name FROM applicant WHERE id = 1")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("张三"));

    // Filter.
    model.setFilter(QStringLiteral("age > 20"));
    QVERIFY(model.select());
    QCOMPARE(model.rowCount(), 2);
}

void TestSqlCipherDriver::queryModel()
{
    exec(QStringLiteral("CREATE TABLE t(v INTEGER, s TEXT)"));
    QVERIFY(db().transaction());
    QSqlQuery ins(db());
    ins.prepare(QStringLiteral("INSERT INTO t(v, s) VALUES(?, ?)"));
    for (int i = 0; i < 700; ++i) { // more than QSqlQueryModel fetches at once (255)
        ins.addBindValue(i);
        ins.addBindValue(QStringLiteral("第%1行").arg(i));
        QVERIFY(ins.exec());
    }
    QVERIFY(db().commit());

    // The tester is attached after each setQuery(): Qt 6.4's QSqlQueryModel::setQuery() itself emits
    // rowsInserted inside its model reset, which the tester reports with any driver (QSQLITE too).
    QSqlQueryModel model;
    QSqlQuery q(db());
    QVERIFY(q.prepare(QStringLiteral("SELECT v, s FROM t WHERE v >= ? ORDER BY v")));
    q.addBindValue(100);
    QVERIFY(q.exec());
    model.setQuery(std::move(q));
    QVERIFY(!model.lastError().isValid());
    QCOMPARE(model.rowCount(), 256); // the first batch: rows 0..255 (seek(255) in the scrolling cache)
    QVERIFY(model.canFetchMore());
    auto tester
        = std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    while (model.canFetchMore())
        model.fetchMore();
    QCOMPARE(model.rowCount(), 600);
    QCOMPARE(model.data(model.index(0, 0)).toInt(), 100);
    QCOMPARE(model.data(model.index(599, 1)).toString(), QStringLiteral("第699行"));
    QCOMPARE(model.data(model.index(300, 1)).toString(), QStringLiteral("第400行"));
    QCOMPARE(model.record().fieldName(1), QStringLiteral("s"));

    tester.reset();
    model.setQuery(QStringLiteral("SELECT count(*) AS n FROM t"), db());
    tester = std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, 0)).toInt(), 700);
    tester.reset();
    model.setQuery(QStringLiteral("SELECT nonsense FROM t"), db());
    tester = std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.lastError().isValid());
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestSqlCipherDriver)
#include "TestSqlCipherDriver.moc"
