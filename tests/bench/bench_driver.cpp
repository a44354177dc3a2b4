// The QSQLCIPHER driver against the raw SQLCipher C API, on the same work and the same file settings
// (raw 256-bit key, cipher_page_size 4096, WAL, synchronous FULL, foreign keys on):
//   Insert: 100,000 prepared inserts in one transaction (a fresh file each time; as a second
//           baseline, the raw inserts that also convert the QStrings to UTF-8);
//   Lookup: 100,000 point lookups through a unique index, each its own (autocommit) read;
//   Scan:   one forward-only pass over all 100,000 rows, every column read (and, as a second
//           baseline, the raw scan that also makes QStrings of the text columns).
// Both sides read every value into the types a caller uses (integers, doubles, text) and fold them
// into a checksum, so that neither can skip work. See docs/PERFORMANCE.md for the figures.

#include "db/Database.h"
#include "db/SqlCipherDriver.h"

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace {

constexpr int kRows = 100000;
constexpr int kLookups = 100000;

const char* const kSchema = "CREATE TABLE item(id INTEGER PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, "
                            "amount INTEGER NOT NULL, price REAL NOT NULL);"
                            "CREATE UNIQUE INDEX item_code ON item(code);";
const char* const kInsert = "INSERT INTO item(code, name, amount, price) VALUES(?, ?, ?, ?)";
const char* const kLookup = "SELECT id, name, amount, price FROM item WHERE code = ?";
const char* const kScan = "SELECT id, code, name, amount, price FROM item";

/** The data, prepared once in both representations so that neither side pays for making it. */
struct Data
{
    QByteArray key = QByteArray::fromHex("8f3e1b2a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7");
    std::vector<std::string> codes, names;
    std::vector<QString> qcodes, qnames;
    std::vector<int> lookups; ///< row indexes to look up, in random order
    QTemporaryDir dir;

    Data()
    {
        codes.reserve(kRows);
        for (int i = 0; i < kRows; ++i) {
            const QString code = QStringLiteral("2024-%1").arg(i * 7919 % 1000003, 8, 10, QLatin1Char('0'));
            const QString name = QStringLiteral("申请人%1号 营业执照变更登记").arg(i);
            qcodes.push_back(code);
            qnames.push_back(name);
            codes.push_back(code.toStdString());
            names.push_back(name.toStdString());
        }
        QRandomGenerator random(42);
        for (int i = 0; i < kLookups; ++i)
            lookups.push_back(int(random.bounded(kRows)));
    }
    QString path(const char* name) const { return dir.filePath(QString::fromLatin1(name)); }
};

Data& data()
{
    static Data d;
    return d;
}

void check(bool ok, const char* what)
{
    if (!ok) {
        std::fprintf(stderr, "bench_driver: %s failed\n", what);
        std::exit(1);
    }
}

void removeDb(const QString& path)
{
    for (const char* suffix : { "", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
}

// --- raw SQLCipher ----------------------------------------------------------------------------

/** Opens (creating) a file exactly as QSQLCIPHER does. */
sqlite3* rawOpen(const QString& path)
{
    sqlite3* db = nullptr;
    check(sqlite3_open_v2(QFile::encodeName(path).constData(), &db,
              SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr)
            == SQLITE_OK,
        "sqlite3_open_v2");
    sqlite3_busy_timeout(db, 5000);
    const QByteArray rawKey = "x'" + data().key.toHex() + "'";
    check(sqlite3_key(db, rawKey.constData(), int(rawKey.size())) == SQLITE_OK, "sqlite3_key");
    check(sqlite3_exec(db,
              "PRAGMA cipher_page_size = 4096; SELECT count(*) FROM sqlite_master; "
              "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
              nullptr, nullptr, nullptr)
            == SQLITE_OK,
        "raw pragmas");
    return db;
}

void rawInsertAll(sqlite3* db)
{
    const Data& d = data();
    sqlite3_stmt* stmt = nullptr;
    check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK, "raw begin");
    check(sqlite3_prepare_v2(db, kInsert, -1, &stmt, nullptr) == SQLITE_OK, "raw prepare insert");
    for (int i = 0; i < kRows; ++i) {
        sqlite3_reset(stmt);
        sqlite3_bind_text(stmt, 1, d.codes[i].data(), int(d.codes[i].size()), SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, d.names[i].data(), int(d.names[i].size()), SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 3, i);
        sqlite3_bind_double(stmt, 4, i * 0.5);
        check(sqlite3_step(stmt) == SQLITE_DONE, "raw insert");
    }
    sqlite3_finalize(stmt);
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK, "raw commit");
}

/**
 * The raw inserts again, but with the text taken from the QStrings and converted to UTF-8 for each
 * row (toUtf8()), as a Qt program using the C API must: the part of QSQLCIPHER's insert cost that
 * is that conversion, not the driver.
 */
void rawUtf8InsertAll(sqlite3* db)
{
    const Data& d = data();
    sqlite3_stmt* stmt = nullptr;
    check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK, "raw begin");
    check(sqlite3_prepare_v2(db, kInsert, -1, &stmt, nullptr) == SQLITE_OK, "raw prepare insert");
    for (int i = 0; i < kRows; ++i) {
        sqlite3_reset(stmt);
        const QByteArray code = d.qcodes[i].toUtf8();
        const QByteArray name = d.qnames[i].toUtf8();
        sqlite3_bind_text(stmt, 1, code.constData(), int(code.size()), SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, name.constData(), int(name.size()), SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 3, i);
        sqlite3_bind_double(stmt, 4, i * 0.5);
        check(sqlite3_step(stmt) == SQLITE_DONE, "raw insert");
    }
    sqlite3_finalize(stmt);
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK, "raw commit");
}

/** A file with all rows, made once (through the raw API; the file format is the same). */
QString populatedFile()
{
    static const QString path = [] {
        const QString p = data().path("populated.db");
        sqlite3* db = rawOpen(p);
        check(sqlite3_exec(db, kSchema, nullptr, nullptr, nullptr) == SQLITE_OK, "schema");
        rawInsertAll(db);
        sqlite3_close_v2(db);
        return p;
    }();
    return path;
}

void BM_Raw_Insert(benchmark::State& state)
{
    const QString path = data().path("raw-insert.db");
    for (auto _ : state) {
        removeDb(path);
        sqlite3* db = rawOpen(path);
        check(sqlite3_exec(db, kSchema, nullptr, nullptr, nullptr) == SQLITE_OK, "schema");
        const auto start = std::chrono::steady_clock::now();
        rawInsertAll(db);
        const auto stop = std::chrono::steady_clock::now();
        state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
        sqlite3_close_v2(db);
    }
    removeDb(path);
    state.SetItemsProcessed(state.iterations() * kRows);
}

void BM_RawUtf8_Insert(benchmark::State& state)
{
    const QString path = data().path("raw-utf8-insert.db");
    for (auto _ : state) {
        removeDb(path);
        sqlite3* db = rawOpen(path);
        check(sqlite3_exec(db, kSchema, nullptr, nullptr, nullptr) == SQLITE_OK, "schema");
        const auto start = std::chrono::steady_clock::now();
        rawUtf8InsertAll(db);
        const auto stop = std::chrono::steady_clock::now();
        state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
        sqlite3_close_v2(db);
    }
    removeDb(path);
    state.SetItemsProcessed(state.iterations() * kRows);
}

void BM_Raw_Lookup(benchmark::State& state)
{
    const Data& d = data();
    sqlite3* db = rawOpen(populatedFile());
    sqlite3_stmt* stmt = nullptr;
    check(sqlite3_prepare_v2(db, kLookup, -1, &stmt, nullptr) == SQLITE_OK, "raw prepare lookup");
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        qint64 sum = 0;
        for (int row : d.lookups) {
            sqlite3_reset(stmt);
            sqlite3_bind_text(stmt, 1, d.codes[row].data(), int(d.codes[row].size()), SQLITE_STATIC);
            check(sqlite3_step(stmt) == SQLITE_ROW, "raw lookup");
            sum += sqlite3_column_int64(stmt, 0);
            sum += sqlite3_column_bytes(stmt, 1);
            benchmark::DoNotOptimize(sqlite3_column_text(stmt, 1));
            sum += sqlite3_column_int64(stmt, 2);
            sum += qint64(sqlite3_column_double(stmt, 3));
        }
        sqlite3_reset(stmt);
        const auto stop = std::chrono::steady_clock::now();
        state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
        benchmark::DoNotOptimize(sum);
    }
    sqlite3_finalize(stmt);
    sqlite3_close_v2(db);
    state.SetItemsProcessed(state.iterations() * kLookups);
}

void BM_Raw_Scan(benchmark::State& state)
{
    sqlite3* db = rawOpen(populatedFile());
    sqlite3_stmt* stmt = nullptr;
    check(sqlite3_prepare_v2(db, kScan, -1, &stmt, nullptr) == SQLITE_OK, "raw prepare scan");
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        qint64 sum = 0;
        int rows = 0;
        sqlite3_reset(stmt);
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            sum += sqlite3_column_int64(stmt, 0);
            benchmark::DoNotOptimize(sqlite3_column_text(stmt, 1));
            sum += sqlite3_column_bytes(stmt, 1);
            benchmark::DoNotOptimize(sqlite3_column_text(stmt, 2));
            sum += sqlite3_column_bytes(stmt, 2);
            sum += sqlite3_column_int64(stmt, 3);
            sum += qint64(sqlite3_column_double(stmt, 4));
            ++rows;
        }
        const auto stop = std::chrono::steady_clock::now();
        check(rows == kRows, "raw scan row count");
        state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
        benchmark::DoNotOptimize(sum);
    }
    sqlite3_finalize(stmt);
    sqlite3_close_v2(db);
    state.SetItemsProcessed(state.iterations() * kRows);
}

/**
 * The raw scan again, but making QStrings of the text columns as any Qt program must to use them:
 * the part of QSQLCIPHER's cost that is the UTF-8 to UTF-16 conversion, not the driver.
 */
void BM_RawQString_Scan(benchmark::State& state)
{
    sqlite3* db = rawOpen(populatedFile());
    sqlite3_stmt* stmt = nullptr;
    check(sqlite3_prepare_v2(db, kScan, -1, &stmt, nullptr) == SQLITE_OK, "raw prepare scan");
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        qint64 sum = 0;
        int rows = 0;
        sqlite3_reset(stmt);
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            sum += sqlite3_column_int64(stmt, 0);
            const auto* code = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1));
            sum += QString::fromUtf8(code, sqlite3_column_bytes(stmt, 1)).size();
            const auto* name = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 2));
            sum += QString::fromUtf8(name, sqlite3_column_bytes(stmt, 2)).size();
            sum += sqlite3_column_int64(stmt, 3);
            sum += qint64(sqlite3_column_double(stmt, 4));
            ++rows;
        }
        const auto stop = std::chrono::steady_clock::now();
        check(rows == kRows, "raw scan row count");
        state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
        benchmark::DoNotOptimize(sum);
    }
    sqlite3_finalize(stmt);
    sqlite3_close_v2(db);
    state.SetItemsProcessed(state.iterations() * kRows);
}

// --- QSQLCIPHER -------------------------------------------------------------------------------

std::unique_ptr<oneseal::db::Database> qtOpen(const QString& path, bool create)
{
    QString error;
    oneseal::db::OpenOptions options;
    options.create = create;
    auto db = oneseal::db::Database::open(path, data().key, options, &error);
    if (!db)
        std::fprintf(stderr, "bench_driver: %s\n", qPrintable(error));
    check(db != nullptr, "QSQLCIPHER open");
    return db;
}

void BM_Qt_Insert(benchmark::State& state)
{
    const Data& d = data();
    const QString path = data().path("qt-insert.db");
    for (auto _ : state) {
        removeDb(path);
        auto db = qtOpen(path, true);
        QString error;
        check(db->execScript(QString::fromLatin1(kSchema), &error), "schema");
        {
            const auto start = std::chrono::steady_clock::now();
            QSqlDatabase sql = db->sql();
            check(sql.transaction(), "Qt begin");
            QSqlQuery q(sql);
            check(q.prepare(QString::fromLatin1(kInsert)), "Qt prepare insert");
            for (int i = 0; i < kRows; ++i) {
                q.bindValue(0, d.qcodes[i]);
                q.bindValue(1, d.qnames[i]);
                q.bindValue(2, i);
                q.bindValue(3, i * 0.5);
                check(q.exec(), "Qt insert");
            }
            check(sql.commit(), "Qt commit");
            const auto stop = std::chrono::steady_clock::now();
            state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
        }
    }
    removeDb(path);
    state.SetItemsProcessed(state.iterations() * kRows);
}

void BM_Qt_Lookup(benchmark::State& state)
{
    const Data& d = data();
    auto db = qtOpen(populatedFile(), false);
    {
        QSqlQuery q(db->sql());
        q.setForwardOnly(true);
        check(q.prepare(QString::fromLatin1(kLookup)), "Qt prepare lookup");
        for (auto _ : state) {
            const auto start = std::chrono::steady_clock::now();
            qint64 sum = 0;
            for (int row : d.lookups) {
                q.bindValue(0, d.qcodes[row]);
                check(q.exec() && q.next(), "Qt lookup");
                sum += q.value(0).toLongLong();
                sum += q.value(1).toString().size();
                sum += q.value(2).toLongLong();
                sum += qint64(q.value(3).toDouble());
            }
            q.finish();
            const auto stop = std::chrono::steady_clock::now();
            state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
            benchmark::DoNotOptimize(sum);
        }
    }
    state.SetItemsProcessed(state.iterations() * kLookups);
}

void BM_Qt_Scan(benchmark::State& state)
{
    auto db = qtOpen(populatedFile(), false);
    {
        QSqlQuery q(db->sql());
        q.setForwardOnly(true);
        check(q.prepare(QString::fromLatin1(kScan)), "Qt prepare scan");
        for (auto _ : state) {
            const auto start = std::chrono::steady_clock::now();
            qint64 sum = 0;
            int rows = 0;
            check(q.exec(), "Qt scan");
            while (q.next()) {
                sum += q.value(0).toLongLong();
                sum += q.value(1).toString().size();
                sum += q.value(2).toString().size();
                sum += q.value(3).toLongLong();
                sum += qint64(q.value(4).toDouble());
                ++rows;
            }
            const auto stop = std::chrono::steady_clock::now();
            check(rows == kRows, "Qt scan row count");
            state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
            benchmark::DoNotOptimize(sum);
        }
    }
    state.SetItemsProcessed(state.iterations() * kRows);
}

} // namespace

BENCHMARK(BM_Raw_Insert)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_RawUtf8_Insert)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_Qt_Insert)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_Raw_Lookup)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_Qt_Lookup)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_Raw_Scan)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK(BM_RawQString_Scan)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK(BM_Qt_Scan)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(10);

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    oneseal::db::Database::initialize();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    data();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
