// Tests of opening, keying, encryption, migrations and plaintext export of a OneSeal database.

#include "TestSupport.h"

#include "core/Crypto.h"
#include "db/Database.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <sys/stat.h>

using oneseal::db::Database;
using oneseal::db::OpenOptions;
using oneseal::test::fileHash;

namespace {

const QString kApplicant = QStringLiteral("张三丰ZHANGSANFENG");
const QString kSqlcipher = QStringLiteral("/usr/bin/sqlcipher");

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

/** Runs the sqlcipher command-line tool on file with script on its standard input. */
CliResult runSqlcipher(const QString& file, const QString& script)
{
    QProcess p;
    p.start(kSqlcipher, { QStringLiteral("-batch"), file });
    CliResult r;
    if (!p.waitForStarted(10000))
        return r;
    p.write(script.toUtf8());
    p.closeWriteChannel();
    if (!p.waitForFinished(30000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString keyPragma(const QByteArray& key)
{
    return QStringLiteral("PRAGMA key = \"x'%1'\";\nPRAGMA cipher_page_size = 4096;\n")
        .arg(QString::fromLatin1(key.toHex()));
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

/** Every table, index and trigger with its SQL: the schema as a comparable list. */
QStringList schemaOf(const Database& db)
{
    QStringList schema;
    QSqlQuery q(db.sql());
    q.exec(QStringLiteral(
        "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name"));
    while (q.next())
        schema << q.value(0).toString();
    return schema;
}

QString pragma(const Database& db, const QString& name)
{
    QSqlQuery q(db.sql());
    if (q.exec(QStringLiteral("PRAGMA ") + name) && q.next())
        return q.value(0).toString();
    return QStringLiteral("<error: %1>").arg(q.lastError().text());
}

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void createsAndReopens();
    void pragmas();
    void wrongKeyIsRefusedAndFileUntouched();
    void unreadableFileIsRefusedAndUntouched_data();
    void unreadableFileIsRefusedAndUntouched();
    void missingFileWithoutCreate();
    void keyMustBe256Bits_data();
    void keyMustBe256Bits();
    void readOnly();
    void fileIsEncrypted();
    void sqlcipherToolReadsWithKey();
    void plaintextExport();
    void plaintextExportRefusesExistingTarget();
    void builtInMigrations();
    void migrationsInOrderAndIdempotent();
    void failingMigrationChangesNothing();
    void migrationsRefuseBadFolders_data();
    void migrationsRefuseBadFolders();
    void newerDatabaseIsRefused();
    void meta();

private:
    std::unique_ptr<Database> open(const QByteArray& key, const OpenOptions& options, QString* error = nullptr) const;
    /** A new database with the built-in schema and one applicant row; closed again. */
    void makeDatabase();
    QStringList filesInDir() const { return QDir(m_dir->path()).entryList(QDir::Files, QDir::Name); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QByteArray m_key;
};

std::unique_ptr<Database> TestDatabase::open(const QByteArray& key, const OpenOptions& options, QString* error) const
{
    QString e;
    auto db = Database::open(m_path, key, options, &e);
    if (error)
        *error = e;
    return db;
}

void TestDatabase::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("hall.db"));
    m_key = oneseal::core::crypto::randomBytes(32);
}

void TestDatabase::cleanup()
{
    m_dir.reset();
}

void TestDatabase::makeDatabase()
{
    QString error;
    auto db = open(m_key, { true }, &error);
    QVERIFY2(db, qPrintable(error));
    QVERIFY2(db->migrate(&error), qPrintable(error));
    QSqlQuery q(db->sql());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE applicant(id INTEGER PRIMARY KEY, name TEXT NOT NULL)")));
    q.prepare(QStringLiteral("INSERT INTO applicant(name) VALUES(?)"));
    q.addBindValue(kApplicant);
    QVERIFY(q.exec());
    q.addBindValue(QStringLiteral("李四"));
    QVERIFY(q.exec());
}

void TestDatabase::createsAndReopens()
{
    QVERIFY(!QFile::exists(m_path));
    makeDatabase();
    QVERIFY(QFile::exists(m_path));
    QCOMPARE(filesInDir(), QStringList { QStringLiteral("hall.db") }); // WAL checkpointed and removed on close
    QString error;
    auto db = open(m_key, {}, &error);
    QVERIFY2(db, qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(db->path(), QFileInfo(m_path).absoluteFilePath());
    QVERIFY(db->raw());
    QSqlQuery q(db->sql());
    QVERIFY(q.exec(QStringLiteral("SELECT name FROM applicant ORDER BY id")) && q.next());
    QCOMPARE(q.value(0).toString(), kApplicant);
    // Two Database objects on one file get distinct connections.
    auto other = open(m_key, {}, &error);
    QVERIFY(other);
    QVERIFY(other->connectionName() != db->connectionName());
}

void TestDatabase::pragmas()
{
    QString error;
    auto db = open(m_key, { true }, &error);
    QVERIFY2(db, qPrintable(error));
    QCOMPARE(pragma(*db, QStringLiteral("journal_mode")), QStringLiteral("wal"));
    QCOMPARE(pragma(*db, QStringLiteral("synchronous")), QStringLiteral("2")); // FULL
    QCOMPARE(pragma(*db, QStringLiteral("foreign_keys")), QStringLiteral("1"));
    QCOMPARE(pragma(*db, QStringLiteral("cipher_page_size")), QStringLiteral("4096"));
    QCOMPARE(pragma(*db, QStringLiteral("page_size")), QStringLiteral("4096"));
    { // Foreign keys are really enforced.
        QSqlQuery q(db->sql());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE p(id INTEGER PRIMARY KEY)")));
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE c(p INTEGER NOT NULL REFERENCES p(id))")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO c VALUES(1)")));
        QVERIFY(q.lastError().databaseText().contains(QLatin1String("FOREIGN KEY")));
    }
    db.reset();
    // And again on a reopened file.
    db = open(m_key, {}, &error);
    QVERIFY(db);
    QCOMPARE(pragma(*db, QStringLiteral("journal_mode")), QStringLiteral("wal"));
    QCOMPARE(pragma(*db, QStringLiteral("synchronous")), QStringLiteral("2"));
    QCOMPARE(pragma(*db, QStringLiteral("foreign_keys")), QStringLiteral("1"));
}

void TestDatabase::wrongKeyIsRefusedAndFileUntouched()
{
    makeDatabase();
    const QByteArray before = fileHash(m_path);
    QVERIFY(!before.isEmpty());
    const QStringList filesBefore = filesInDir();
    QByteArray wrong = m_key;
    wrong[31] = char(wrong[31] ^ 0x01); // one bit off
    for (const bool create : { false, true }) {
        QString error;
        auto db = open(wrong, { create }, &error);
        QVERIFY(!db);
        QVERIFY2(error.contains(QLatin1String("key does not open")), qPrintable(error));
        QCOMPARE(fileHash(m_path), before);
        QCOMPARE(filesInDir(), filesBefore);
    }
    // The right key still opens it and the data is intact.
    QString error;
    auto db = open(m_key, {}, &error);
    QVERIFY2(db, qPrintable(error));
    QSqlQuery q(db->sql());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM applicant")) && q.next());
    QCOMPARE(q.value(0).toInt(), 2);
}

void TestDatabase::unreadableFileIsRefusedAndUntouched_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("plain SQLite file") << "plain";
    QTest::newRow("random bytes") << "garbage";
    QTest::newRow("text file") << "text";
    QTest::newRow("truncated database") << "truncated";
    QTest::newRow("damaged first page") << "damaged";
    QTest::newRow("empty file") << "empty";
}

void TestDatabase::unreadableFileIsRefusedAndUntouched()
{
    QFETCH(QString, kind);
    if (kind == QLatin1String("plain")) {
        // A real, unencrypted SQLite database, made by the plaintext export.
        makeDatabase();
        const QString source = m_path;
        m_path = m_dir->filePath(QStringLiteral("plain.db"));
        {
            QString error;
            auto db = Database::open(source, m_key, {}, &error);
            QVERIFY2(db, qPrintable(error));
            QVERIFY2(db->exportPlaintext(m_path, &error), qPrintable(error));
        }
        QVERIFY(readAll(m_path).startsWith(QByteArray("SQLite format 3\0", 16)));
        QFile::remove(source);
    } else if (kind == QLatin1String("garbage")) {
        QVERIFY(writeFile(m_path, oneseal::core::crypto::randomBytes(3 * 4096)));
    } else if (kind == QLatin1String("text")) {
        QVERIFY(writeFile(m_path, QByteArray("这不是数据库 / this is not a database\n").repeated(200)));
    } else if (kind == QLatin1String("truncated")) {
        makeDatabase();
        const QByteArray bytes = readAll(m_path);
        QVERIFY(bytes.size() > 4096);
        QVERIFY(writeFile(m_path, bytes.left(100)));
    } else if (kind == QLatin1String("damaged")) {
        makeDatabase();
        QByteArray bytes = readAll(m_path);
        for (int i = 100; i < 200; ++i) // inside the first page: its HMAC no longer matches
            bytes[i] = char(bytes[i] ^ 0x5a);
        QVERIFY(writeFile(m_path, bytes));
    } else {
        QVERIFY(writeFile(m_path, QByteArray()));
    }
    const QByteArray before = fileHash(m_path);
    const qint64 sizeBefore = QFileInfo(m_path).size();
    const QStringList filesBefore = filesInDir();

    QString error;
    auto db = open(m_key, {}, &error);
    QVERIFY(!db);
    QVERIFY2(!error.isEmpty() && error.endsWith(QLatin1Char('.')), qPrintable(error));
    QCOMPARE(fileHash(m_path), before);
    QCOMPARE(QFileInfo(m_path).size(), sizeBefore);
    QCOMPARE(filesInDir(), filesBefore);
}

void TestDatabase::missingFileWithoutCreate()
{
    QString error;
    auto db = open(m_key, {}, &error);
    QVERIFY(!db);
    QVERIFY2(error.contains(QLatin1String("does not exist")), qPrintable(error));
    QVERIFY(filesInDir().isEmpty());
    OpenOptions readOnlyCreate;
    readOnlyCreate.create = true;
    readOnlyCreate.readOnly = true; // read-only never creates
    QVERIFY(!open(m_key, readOnlyCreate, &error));
    QVERIFY(filesInDir().isEmpty());
    // A directory is not a database.
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("hall.db")));
    QVERIFY(!open(m_key, { true }, &error));
    QVERIFY2(!error.isEmpty(), qPrintable(error));
}

void TestDatabase::keyMustBe256Bits_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("empty") << 0;
    QTest::newRow("128 bits") << 16;
    QTest::newRow("31 bytes") << 31;
    QTest::newRow("33 bytes") << 33;
    QTest::newRow("64 bytes") << 64;
}

void TestDatabase::keyMustBe256Bits()
{
    QFETCH(int, size);
    QString error;
    auto db = open(oneseal::core::crypto::randomBytes(size), { true }, &error);
    QVERIFY(!db);
    QVERIFY2(error.contains(QLatin1String("256-bit")), qPrintable(error));
    QVERIFY(filesInDir().isEmpty());

    // The driver itself refuses a key that is not 64 hex digits.
    oneseal::db::Database::initialize();
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLCIPHER"), QStringLiteral("rawkey"));
        raw.setDatabaseName(m_path);
        raw.setConnectOptions(QStringLiteral("QSQLCIPHER_CREATE"));
        if (size != 64) // 64 times 'a' is a valid hexadecimal key
            QVERIFY(!raw.open(QString(), QString::fromLatin1(QByteArray(size, 'a'))));
        QVERIFY(!raw.open(QString(), QStringLiteral("a").repeated(63)));
        QVERIFY(!raw.open(QString(), QStringLiteral("a").repeated(65)));
        QVERIFY(!raw.open(QString(), QStringLiteral("z").repeated(64)));
        QVERIFY(raw.lastError().text().contains(QLatin1String("64 hexadecimal")));
        QVERIFY(raw.open(QString(), QStringLiteral("0f").repeated(32)));
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("rawkey"));
}

void TestDatabase::readOnly()
{
    makeDatabase();
    const QByteArray before = fileHash(m_path);
    OpenOptions ro;
    ro.readOnly = true;
    QString error;
    auto db = open(m_key, ro, &error);
    QVERIFY2(db, qPrintable(error));
    {
        QSqlQuery q(db->sql());
        QVERIFY(q.exec(QStringLiteral("SELECT name FROM applicant WHERE id = 1")) && q.next());
        QCOMPARE(q.value(0).toString(), kApplicant);
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO applicant(name) VALUES('x')")));
        QVERIFY(q.lastError().databaseText().contains(QLatin1String("readonly")));
    }
    db.reset();
    QCOMPARE(fileHash(m_path), before);
}

void TestDatabase::fileIsEncrypted()
{
    QString error;
    auto db = open(m_key, { true }, &error);
    QVERIFY2(db, qPrintable(error));
    QVERIFY(db->migrate(&error));
    {
        QSqlQuery q(db->sql());
        QVERIFY(
            q.exec(QStringLiteral("CREATE TABLE applicant(id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT)")));
        q.prepare(QStringLiteral("INSERT INTO applicant(name, note) VALUES(?, ?)"));
        for (int i = 0; i < 50; ++i) {
            q.addBindValue(kApplicant);
            q.addBindValue(QStringLiteral("身份证 110101199003077777 第%1次").arg(i));
            QVERIFY(q.exec());
        }
    }
    const QByteArray needle = kApplicant.toUtf8();
    const QByteArray ascii = QByteArrayLiteral("ZHANGSANFENG");
    const QByteArray idNumber = QByteArrayLiteral("110101199003077777");
    // While open, the rows sit in the -wal file: it must be encrypted too.
    const QByteArray wal = readAll(m_path + QStringLiteral("-wal"));
    QVERIFY2(wal.size() > 4096, qPrintable(QString::number(wal.size())));
    QVERIFY(!wal.contains(needle));
    QVERIFY(!wal.contains(ascii));
    QVERIFY(!wal.contains(idNumber));
    QVERIFY(!wal.contains(QByteArrayLiteral("CREATE TABLE")));
    db.reset(); // checkpoint into the main file

    const QByteArray bytes = readAll(m_path);
    QVERIFY(bytes.size() >= 4096);
    QVERIFY(!bytes.startsWith(QByteArray("SQLite format 3\0", 16)));
    QVERIFY(!bytes.left(16).contains("SQLite"));
    QVERIFY(!bytes.contains(needle));
    QVERIFY(!bytes.contains(ascii));
    QVERIFY(!bytes.contains(idNumber));
    QVERIFY(!bytes.contains(QByteArrayLiteral("CREATE TABLE")));
    QVERIFY(!bytes.contains(QByteArrayLiteral("applicant")));
}

void TestDatabase::sqlcipherToolReadsWithKey()
{
    if (!QFile::exists(kSqlcipher))
        QSKIP("the sqlcipher command-line tool is not installed");
    makeDatabase();
    const CliResult ok = runSqlcipher(m_path,
        keyPragma(m_key)
            + QStringLiteral("SELECT id, name FROM applicant ORDER BY id;\n"
                             "PRAGMA user_version;\n"));
    QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
    const QString expected = QStringLiteral("1|%1\n2|李四\n%2\n").arg(kApplicant).arg(Database::latestSchemaVersion());
    QVERIFY2(ok.out.endsWith(expected), qPrintable(ok.out));

    // Without the key, or with another key, the tool reads nothing.
    const CliResult noKey = runSqlcipher(m_path, QStringLiteral("SELECT name FROM applicant;\n"));
    QVERIFY(!noKey.out.contains(kApplicant));
    QVERIFY2(noKey.err.contains(QLatin1String("not a database")), qPrintable(noKey.err));
    const CliResult wrongKey = runSqlcipher(
        m_path, keyPragma(oneseal::core::crypto::randomBytes(32)) + QStringLiteral("SELECT name FROM applicant;\n"));
    QVERIFY(!wrongKey.out.contains(kApplicant));
    QVERIFY2(wrongKey.err.contains(QLatin1String("not a database")), qPrintable(wrongKey.err));
}

void TestDatabase::plaintextExport()
{
    makeDatabase();
    const QString target = m_dir->filePath(QStringLiteral("recovery.sqlite"));
    QString error;
    {
        auto db = open(m_key, {}, &error);
        QVERIFY2(db, qPrintable(error));
        const mode_t previousMask = ::umask(0);
        const bool exported = db->exportPlaintext(target, &error);
        ::umask(previousMask);
        QVERIFY2(exported, qPrintable(error));
        // The connection is usable afterwards, with nothing left attached.
        QSqlQuery q(db->sql());
        QVERIFY(q.exec(QStringLiteral("PRAGMA database_list")));
        int attached = 0;
        while (q.next())
            ++attached;
        QCOMPARE(attached, 1);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO applicant(name) VALUES('after')")));
    }
    // Unencrypted, so readable by its owner only, even with an umask that takes nothing away (issue 13).
    struct stat st = {};
    QCOMPARE(::stat(QFile::encodeName(target).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0600);
    const QByteArray bytes = readAll(target);
    QVERIFY(bytes.startsWith(QByteArray("SQLite format 3\0", 16)));
    QVERIFY(bytes.contains(kApplicant.toUtf8()));
    if (!QFile::exists(kSqlcipher))
        QSKIP("the sqlcipher command-line tool is not installed");
    const CliResult r = runSqlcipher(target,
        QStringLiteral("SELECT id, name FROM applicant ORDER BY id;\n"
                       "PRAGMA user_version;\n"
                       "SELECT count(*) FROM sqlite_master WHERE name = 'events';\n"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out, QStringLiteral("1|%1\n2|李四\n%2\n1\n").arg(kApplicant).arg(Database::latestSchemaVersion()));
}

void TestDatabase::plaintextExportRefusesExistingTarget()
{
    makeDatabase();
    const QString target = m_dir->filePath(QStringLiteral("existing.sqlite"));
    QVERIFY(writeFile(target, "keep me"));
    QString error;
    auto db = open(m_key, {}, &error);
    QVERIFY(db);
    QVERIFY(!db->exportPlaintext(target, &error));
    QVERIFY2(error.contains(QLatin1String("already exists")), qPrintable(error));
    QCOMPARE(readAll(target), QByteArray("keep me"));
    // A target in a folder that does not exist: clear error, nothing created.
    const QString nowhere = m_dir->filePath(QStringLiteral("no/such/dir/x.sqlite"));
    QVERIFY(!db->exportPlaintext(nowhere, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFile::exists(nowhere));
    QSqlQuery q(db->sql());
    QVERIFY(q.exec(QStringLiteral("PRAGMA database_list")));
    int attached = 0;
    while (q.next())
        ++attached;
    QCOMPARE(attached, 1);
}

void TestDatabase::builtInMigrations()
{
    QString error;
    auto db = open(m_key, { true }, &error);
    QVERIFY(db);
    QCOMPARE(db->schemaVersion(), 0);
    QVERIFY(Database::latestSchemaVersion() >= 1);
    QVERIFY2(db->migrate(&error), qPrintable(error));
    QCOMPARE(db->schemaVersion(), Database::latestSchemaVersion());
    const QStringList tables = db->sql().tables();
    for (const char* t : { "meta", "users", "events", "case_summary" })
        QVERIFY2(tables.contains(QLatin1String(t)), t);
    const QStringList schema = schemaOf(*db);
    QVERIFY2(db->migrate(&error), qPrintable(error)); // idempotent
    QCOMPARE(schemaOf(*db), schema);
    QCOMPARE(db->schemaVersion(), Database::latestSchemaVersion());
}

void TestDatabase::migrationsInOrderAndIdempotent()
{
    QTemporaryDir migrations;
    // 0002 needs 0001's table, 0010 needs 0002's column: they only work in number order.
    QVERIFY(writeFile(migrations.filePath(QStringLiteral("0010_add_index.sql")),
        "CREATE INDEX a_note ON a(note);\nINSERT INTO log VALUES('0010');\n"));
    QVERIFY(writeFile(migrations.filePath(QStringLiteral("0001_create_a.sql")),
        "CREATE TABLE a(id INTEGER PRIMARY KEY);\nCREATE TABLE log(step TEXT);\n"
        "INSERT INTO log VALUES('0001');\n"));
    QVERIFY(writeFile(migrations.filePath(QStringLiteral("0002_add_note.sql")),
        "-- a comment\nALTER TABLE a ADD COLUMN note TEXT;\nINSERT INTO log VALUES('0002');\n"));
    QVERIFY(writeFile(migrations.filePath(QStringLiteral("README.txt")), "not a migration"));
    QVERIFY(writeFile(migrations.filePath(QStringLiteral("0003_Bad-Name.sql")), "this is ignored;"));

    QString error;
    auto db = open(m_key, { true }, &error);
    QVERIFY(db);
    QVERIFY2(db->migrate(&error, migrations.path()), qPrintable(error));
    QCOMPARE(db->schemaVersion(), 10);
    const QStringList schema = schemaOf(*db);
    {
        QSqlQuery q(db->sql());
        QVERIFY(q.exec(QStringLiteral("SELECT group_concat(step) FROM log")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("0001,0002,0010"));

        // Re-running does nothing.
        QVERIFY2(db->migrate(&error, migrations.path()), qPrintable(error));
        QCOMPARE(db->schemaVersion(), 10);
        QCOMPARE(schemaOf(*db), schema);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM log")) && q.next());
        QCOMPARE(q.value(0).toInt(), 3);
    }

    // A new migration is applied on the next run, and only it.
    QVERIFY(writeFile(migrations.filePath(QStringLiteral("0011_more.sql")), "INSERT INTO log VALUES('0011');\n"));
    db.reset();
    db = open(m_key, {}, &error);
    QVERIFY(db);
    QCOMPARE(db->schemaVersion(), 10); // user_version is kept in the file
    QVERIFY2(db->migrate(&error, migrations.path()), qPrintable(error));
    QCOMPARE(db->schemaVersion(), 11);
    QSqlQuery q2(db->sql());
    QVERIFY(q2.exec(QStringLiteral("SELECT group_concat(step) FROM log")) && q2.next());
    QCOMPARE(q2.value(0).toString(), QStringLiteral("0001,0002,0010,0011"));
}

void TestDatabase::failingMigrationChangesNothing()
{
    QTemporaryDir migrations;
    QVERIFY(writeFile(migrations.filePath(QStringLiteral("0001_create_a.sql")),
        "CREATE TABLE a(id INTEGER PRIMARY KEY, v TEXT);\nINSERT INTO a(v) VALUES('one');\n"));
    QString error;
    auto db = open(m_key, { true }, &error);
    QVERIFY(db);
    QVERIFY2(db->migrate(&error, migrations.path()), qPrintable(error));
    QCOMPARE(db->schemaVersion(), 1);
    const QStringList schema = schemaOf(*db);
    const QStringList tables = db->sql().tables();

    // 0002 creates a table, changes a row, then fails halfway with a syntax error.
    QVERIFY(writeFile(migrations.filePath(QStringLiteral("0002_half_done.sql")),
        "CREATE TABLE b(id INTEGER PRIMARY KEY);\nUPDATE a SET v = 'changed';\n"
        "CREATE INDEX a_v ON a(v);\nTHIS IS NOT SQL;\nCREATE TABLE c(x);\n"));
    QVERIFY(writeFile(migrations.filePath(QStringLiteral("0003_later.sql")), "CREATE TABLE d(x);\n"));
    for (int attempt = 0; attempt < 2; ++attempt) { // failing twice changes nothing either
        error.clear();
        QVERIFY(!db->migrate(&error, migrations.path()));
        QVERIFY2(error.contains(QLatin1String("0002_half_done.sql")) && error.contains(QLatin1String("syntax error")),
            qPrintable(error));
        QCOMPARE(db->schemaVersion(), 1);
        QCOMPARE(db->sql().tables(), tables);
        QCOMPARE(schemaOf(*db), schema);
        QVERIFY(!db->inTransaction());
        QSqlQuery q(db->sql());
        QVERIFY(q.exec(QStringLiteral("SELECT v FROM a")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("one"));
    }
    // Also after reopening (nothing half-written reached the file).
    db.reset();
    db = open(m_key, {}, &error);
    QVERIFY(db);
    QCOMPARE(db->schemaVersion(), 1);
    QCOMPARE(schemaOf(*db), schema);

    // Once fixed, 0002 and 0003 apply.
    QFile::remove(migrations.filePath(QStringLiteral("0002_half_done.sql")));
    QVERIFY(
        writeFile(migrations.filePath(QStringLiteral("0002_fixed.sql")), "CREATE TABLE b(id INTEGER PRIMARY KEY);\n"));
    QVERIFY2(db->migrate(&error, migrations.path()), qPrintable(error));
    QCOMPARE(db->schemaVersion(), 3);
    QVERIFY(db->sql().tables().contains(QStringLiteral("d")));
}

void TestDatabase::migrationsRefuseBadFolders_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("inError");
    QTest::newRow("missing folder") << QStringList() << "does not exist";
    QTest::newRow("duplicate number") << QStringList { QStringLiteral("0001_a.sql"), QStringLiteral("0001_b.sql") }
                                      << "same number";
    QTest::newRow("number zero") << QStringList { QStringLiteral("0000_a.sql") } << "number 0";
}

void TestDatabase::migrationsRefuseBadFolders()
{
    QFETCH(QStringList, files);
    QFETCH(QString, inError);
    QTemporaryDir migrations;
    QString dir = migrations.filePath(QStringLiteral("nowhere"));
    if (!files.isEmpty()) {
        dir = migrations.path();
        for (const QString& f : files)
            QVERIFY(writeFile(migrations.filePath(f), "CREATE TABLE " + f.mid(5, 1).toLatin1() + "(x);\n"));
    }
    QString error;
    auto db = open(m_key, { true }, &error);
    QVERIFY(db);
    QVERIFY(!db->migrate(&error, dir));
    QVERIFY2(error.contains(inError), qPrintable(error));
    QCOMPARE(db->schemaVersion(), 0);
    QVERIFY(db->sql().tables().isEmpty());
}

void TestDatabase::newerDatabaseIsRefused()
{
    QString error;
    auto db = open(m_key, { true }, &error);
    QVERIFY(db);
    QVERIFY(db->execScript(QStringLiteral("PRAGMA user_version = 9999;"), &error));
    QVERIFY(!db->migrate(&error));
    QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
    QCOMPARE(db->schemaVersion(), 9999);
    QVERIFY(db->sql().tables().isEmpty());
}

void TestDatabase::meta()
{
    QString error;
    auto db = open(m_key, { true }, &error);
    QVERIFY(db);
    QVERIFY(db->migrate(&error));
    QCOMPARE(db->meta(QStringLiteral("hall_name")), QString());
    QVERIFY(db->setMeta(QStringLiteral("hall_name"), QStringLiteral("朝阳区政务服务中心"), &error));
    QCOMPARE(db->meta(QStringLiteral("hall_name")), QStringLiteral("朝阳区政务服务中心"));
    QVERIFY(db->setMeta(QStringLiteral("hall_name"), QStringLiteral("海淀"), &error));
    QCOMPARE(db->meta(QStringLiteral("hall_name")), QStringLiteral("海淀"));
    QVERIFY(!db->execScript(QStringLiteral("SELECT * FROM nowhere;"), &error));
    QVERIFY(error.contains(QLatin1String("no such table")));
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
