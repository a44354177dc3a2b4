// Intake at scale: lookups, opening the workbench, and recording a case with its notice, on a big
// hall database. Not part of ctest; docs/PERFORMANCE.md ("Intake at scale") has the figures.
//
//   ONESEAL_BENCH_DB=/path/hall.db [ONESEAL_BENCH_USER=clerk] build/tests/bench/bench_intake
//   ONESEAL_BENCH_CASES=100000 build/tests/bench/bench_intake   (generates /tmp/oneseal-bench-100000.db once)
//   ONESEAL_BENCH_VERIFY=20 ...   first compares 5 x 20 searches with the full scans they replace
//   ONESEAL_BENCH_SLOW_MS=50 ...  prints each lookup slower than 50 ms with its key
//
// Every lookup benchmark times single calls with manual timing, a different random key each call,
// and reports the 50th, 95th and 99th percentiles (p50_ms, p95_ms, p99_ms). The recording benchmark
// adds the cases it records to the database.

#include "core/Identifiers.h"
#include "db/IntakeRepository.h"
#include "print/DocumentRenderer.h"
#include "print/IntakeNotices.h"
#include "services/AuthService.h"
#include "loadgen/DataGenerator.h"
#include "services/HallService.h"
#include "services/IntakeService.h"
#include "ui/IntakeWorkbench.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QSqlRecord>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>

using namespace oneseal;

namespace {

std::unique_ptr<services::Session> g_session;

struct Keys
{
    QStringList idNumbers;
    QStringList caseNumbers;
    QStringList caseApplicantIds;
    QStringList fragments[4]; ///< by length 1..3
};
Keys g_keys;
/** ONESEAL_BENCH_SLOW_MS: print every lookup slower than this, with its key. */
const double g_slowMs = qEnvironmentVariableIntValue("ONESEAL_BENCH_SLOW_MS");

double percentile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t rank = size_t(std::ceil(q * double(v.size())));
    return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

void report(benchmark::State& state, const std::vector<double>& ms)
{
    state.counters["p50_ms"] = percentile(ms, 0.50);
    state.counters["p95_ms"] = percentile(ms, 0.95);
    state.counters["p99_ms"] = percentile(ms, 0.99);
    state.counters["max_ms"] = ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end());
}

/** CPU time of this thread in milliseconds: what a call costs whatever else runs on the machine. */
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

/** Times one call per iteration, each with the next key. */
void timeLookups(benchmark::State& state, const QStringList& keys, const std::function<qsizetype(const QString&)>& call)
{
    std::vector<double> ms, cpuMs;
    qsizetype i = 0, found = 0;
    for (auto _ : state) {
        const QString& key = keys.at(i++ % keys.size());
        QElapsedTimer t;
        t.start();
        const double cpu = threadCpuMs();
        found += call(key);
        cpuMs.push_back(threadCpuMs() - cpu);
        const qint64 ns = t.nsecsElapsed();
        state.SetIterationTime(double(ns) / 1e9);
        ms.push_back(double(ns) / 1e6);
        if (g_slowMs > 0 && ms.back() > g_slowMs)
            std::fprintf(stderr, "slow: %s %.1f ms\n", qPrintable(key), ms.back());
    }
    report(state, ms);
    state.counters["cpu_p50_ms"] = percentile(cpuMs, 0.50);
    state.counters["cpu_p95_ms"] = percentile(cpuMs, 0.95);
    state.counters["rows_per_call"] = double(found) / double(std::max<qsizetype>(1, i));
}

db::IntakeRepository repo()
{
    return db::IntakeRepository(g_session->database().sql());
}

void BM_ApplicantById(benchmark::State& state)
{
    timeLookups(state, g_keys.idNumbers, [](const QString& k) { return repo().searchApplicants(k).size(); });
}

void BM_ApplicantByNameFragment(benchmark::State& state)
{
    timeLookups(state, g_keys.fragments[state.range(0)],
                [](const QString& k) { return repo().searchApplicants(k).size(); });
}

void BM_CaseByNumber(benchmark::State& state)
{
    timeLookups(state, g_keys.caseNumbers, [](const QString& k) { return repo().caseByNumber(k) ? 1 : 0; });
}

void BM_CaseSearchByNumber(benchmark::State& state)
{
    timeLookups(state, g_keys.caseNumbers, [](const QString& k) { return repo().searchCases(k).size(); });
}

void BM_CaseByApplicantId(benchmark::State& state)
{
    timeLookups(state, g_keys.caseApplicantIds, [](const QString& k) { return repo().searchCases(k).size(); });
}

void BM_CaseByNameFragment(benchmark::State& state)
{
    timeLookups(state, g_keys.fragments[state.range(0)], [](const QString& k) { return repo().searchCases(k).size(); });
}

/** From constructing the clerk's window to its first painted state. */
void BM_OpenIntakeWorkbench(benchmark::State& state)
{
    std::vector<double> ms, cpuMs;
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        const double cpu = threadCpuMs();
        {
            ui::IntakeWorkbench workbench(*g_session);
            workbench.resize(1280, 800);
            workbench.show();
            QApplication::processEvents();
            const qint64 ns = t.nsecsElapsed();
            state.SetIterationTime(double(ns) / 1e9);
            ms.push_back(double(ns) / 1e6);
            cpuMs.push_back(threadCpuMs() - cpu);
        }
        QApplication::processEvents();
    }
    report(state, ms);
    state.counters["cpu_p50_ms"] = percentile(cpuMs, 0.50);
    state.counters["cpu_p95_ms"] = percentile(cpuMs, 0.95);
    state.counters["first_ms"] = ms.empty() ? 0 : ms.front();
}

/** IntakeService::record of an accepted 我要开饭店 bundle, then its notice as PDF bytes. */
void BM_RecordRestaurantWithNotice(benchmark::State& state)
{
    services::IntakeService service(*g_session);
    QString code;
    for (const core::Bundle& b : service.catalog().bundles)
        if (b.name == QStringLiteral("我要开饭店"))
            code = b.code;
    const auto subject = service.subject(code);
    if (!subject) {
        state.SkipWithError("The catalog has no 我要开饭店 bundle.");
        return;
    }
    print::IntakeNotices::Hall hall{g_session->hallName(), QStringLiteral("0359-2026000"),
                                    QStringLiteral("运城市人民政府"), QStringLiteral("运城市盐湖区人民法院")};
    const print::DocumentRenderer renderer;
    std::vector<double> ms, cpuMs, recordMs, pdfMs;
    qint64 bytes = 0;
    // New applicants on every run: a second run on the same database and day with the same ones
    // would be refused as a repeat ("already accepted today").
    QRandomGenerator rng(QRandomGenerator::global()->generate());
    for (auto _ : state) {
        services::IntakeRequest r;
        r.subjectCode = code;
        const QString first17 = QStringLiteral("140802") + QDate(1960, 1, 1).addDays(rng.bounded(15000)).toString(QStringLiteral("yyyyMMdd"))
            + QString::number(rng.bounded(1000)).rightJustified(3, QLatin1Char('0'));
        r.applicant.idNumber = first17 + core::residentIdCheckChar(first17);
        r.applicant.name = QStringLiteral("柴") + QChar(0x4E00 + int(rng.bounded(0x5000))) + QStringLiteral("明");
        r.applicant.phone = QStringLiteral("139") + QString::number(rng.bounded(10000000, 99999999));
        r.applicant.address = QStringLiteral("山西省运城市盐湖区河东街1号");
        r.materials = service.checklistFor(*subject);
        for (auto& m : r.materials)
            if (m.state == core::MaterialState::Pending) {
                m.state = core::MaterialState::Received;
                m.count = 1;
            }
        QString error;
        QElapsedTimer t;
        t.start();
        const double cpu = threadCpuMs();
        const auto recordedCase = service.record(r, &error);
        const qint64 recorded = t.nsecsElapsed();
        if (!recordedCase) {
            state.SkipWithError(error.toStdString().c_str());
            return;
        }
        const QByteArray pdf = renderer.toPdfBytes(print::IntakeNotices::build(*recordedCase, hall));
        const qint64 ns = t.nsecsElapsed();
        cpuMs.push_back(threadCpuMs() - cpu);
        bytes += pdf.size();
        state.SetIterationTime(double(ns) / 1e9);
        ms.push_back(double(ns) / 1e6);
        recordMs.push_back(double(recorded) / 1e6);
        pdfMs.push_back(double(ns - recorded) / 1e6);
    }
    report(state, ms);
    state.counters["cpu_p50_ms"] = percentile(cpuMs, 0.50);
    state.counters["cpu_p95_ms"] = percentile(cpuMs, 0.95);
    state.counters["record_p50_ms"] = percentile(recordMs, 0.5);
    state.counters["record_p95_ms"] = percentile(recordMs, 0.95);
    state.counters["pdf_p50_ms"] = percentile(pdfMs, 0.5);
    state.counters["pdf_p95_ms"] = percentile(pdfMs, 0.95);
    state.counters["pdf_kB"] = ms.empty() ? 0 : double(bytes) / double(ms.size()) / 1024.0;
}

/** Random rows of a table by rowid (no full scan), as text columns. */
QList<QStringList> sample(const QString& table, const QString& columns, int n, QRandomGenerator& rng)
{
    QSqlQuery q(g_session->database().sql());
    QList<QStringList> rows;
    if (!q.exec(QStringLiteral("SELECT min(rowid), max(rowid) FROM ") + table) || !q.next())
        return rows;
    const qint64 lo = q.value(0).toLongLong(), hi = q.value(1).toLongLong();
    q.finish();
    if (hi < lo)
        return rows;
    q.prepare(QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM ") + table
              + QStringLiteral(" WHERE rowid >= ? ORDER BY rowid LIMIT 1"));
    for (int i = 0; i < n; ++i) {
        q.bindValue(0, lo + qint64(rng.bounded(quint64(hi - lo + 1))));
        if (q.exec() && q.next()) {
            QStringList row;
            for (int c = 0; c < q.record().count(); ++c)
                row << q.value(c).toString();
            rows << row;
        }
        q.finish();
    }
    return rows;
}

bool prepareDatabase(QString* error)
{
    QString path = qEnvironmentVariable("ONESEAL_BENCH_DB");
    QString user = qEnvironmentVariable("ONESEAL_BENCH_USER", QStringLiteral("clerk"));
    if (path.isEmpty()) {
        const qint64 cases = qEnvironmentVariable("ONESEAL_BENCH_CASES", QStringLiteral("100000")).toLongLong();
        path = QStringLiteral("/tmp/oneseal-bench-%1.db").arg(cases);
        if (!QFile::exists(path)) {
            std::fprintf(stderr, "Generating %lld cases into %s (once)...\n", cases, qPrintable(path));
            if (!services::HallService::createDemoHall(path, error))
                return false;
            auto admin = services::AuthService(path).login(QStringLiteral("admin"),
                                                           services::HallService::demoPassword(), error);
            if (!admin)
                return false;
            loadgen::GeneratorOptions options;
            options.cases = cases;
            const auto done = loadgen::DataGenerator(*admin).generate(
                options,
                [](qint64 d, qint64 t) {
                    if (d == t || d % (std::max<qint64>(t / 10, 1)) < 2000)
                        std::fprintf(stderr, "  %lld/%lld\n", d, t);
                },
                error);
            if (!done)
                return false;
        }
    }
    g_session = services::AuthService(path).login(user, services::HallService::demoPassword(), error);
    if (!g_session)
        return false;
    qint64 bytes = 0;
    for (const char* suffix : {"", "-wal"})
        bytes += QFileInfo(path + QLatin1String(suffix)).size();
    QSqlQuery q(g_session->database().sql());
    qint64 cases = 0, applicants = 0;
    if (q.exec(QStringLiteral("SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM applicants)")) && q.next()) {
        cases = q.value(0).toLongLong();
        applicants = q.value(1).toLongLong();
    }
    std::fprintf(stderr, "Database %s: %lld cases, %lld applicants, %lld events, %.1f MB; user %s\n", qPrintable(path),
                 cases, applicants, g_session->events().count(), double(bytes) / 1e6, qPrintable(user));

    QRandomGenerator rng(1);
    for (const QStringList& row : sample(QStringLiteral("applicants"), QStringLiteral("id_number, name"), 2000, rng)) {
        g_keys.idNumbers << row.at(0);
        const QString name = row.at(1);
        for (int length = 1; length <= 3; ++length)
            if (name.size() >= length)
                g_keys.fragments[length] << name.mid(rng.bounded(int(name.size()) - length + 1), length);
    }
    for (const QStringList& row :
         sample(QStringLiteral("cases"), QStringLiteral("case_no, applicant_id_number"), 2000, rng)) {
        g_keys.caseNumbers << row.at(0);
        g_keys.caseApplicantIds << row.at(1);
    }
    if (g_keys.idNumbers.isEmpty() || g_keys.caseNumbers.isEmpty()) {
        *error = QStringLiteral("The database has no applicants or cases to look up.");
        return false;
    }
    return true;
}

/**
 * Compares the indexed searches with the full scans they replace (ONESEAL_BENCH_VERIFY=n keys of
 * each kind): the same applicants in the same order of names, the same cases newest first.
 * Returns the number of differences.
 */
int verifyAgainstScan(int n)
{
    const QSqlDatabase db = g_session->database().sql();
    auto like = [](QString t) {
        t.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        t.replace(QLatin1Char('%'), QLatin1String("\\%"));
        t.replace(QLatin1Char('_'), QLatin1String("\\_"));
        return QLatin1Char('%') + t + QLatin1Char('%');
    };
    auto scan = [&](const QString& sql, const QVariantList& values) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(sql);
        for (const QVariant& v : values)
            q.addBindValue(v);
        QStringList rows;
        if (q.exec())
            while (q.next())
                rows << q.value(0).toString();
        return rows;
    };
    QStringList texts;
    for (int i = 0; i < n; ++i)
        texts << g_keys.idNumbers.value(i) << g_keys.caseNumbers.value(i) << g_keys.fragments[1].value(i)
              << g_keys.fragments[2].value(i) << g_keys.fragments[3].value(i);
    texts << QStringLiteral("SL2023") << QStringLiteral("有限公司") << QStringLiteral("龘");
    int differences = 0;
    for (const QString& t : texts) {
        if (t.isEmpty())
            continue;
        const QString upper = t.toUpper();
        QElapsedTimer clock;
        clock.start();
        const QStringList applicants = scan(
            QStringLiteral("SELECT name FROM applicants WHERE (id_number >= ? AND id_number < ?) OR (phone >= ? AND "
                           "phone < ?) OR name LIKE ? ESCAPE '\\' ORDER BY (id_number = ?) DESC, (name = ?) DESC, "
                           "name LIMIT 20"),
            {upper, upper + QChar(0xFFFF), t, t + QChar(0xFFFF), like(t), upper, t});
        const QStringList cases = scan(
            QStringLiteral("SELECT accepted_at FROM cases NOT INDEXED WHERE (case_no >= ? AND case_no < ?) OR "
                           "applicant_id_number = ? OR applicant_name LIKE ? ESCAPE '\\' ORDER BY accepted_at DESC "
                           "LIMIT 50"),
            {upper, upper + QChar(0xFFFF), upper, like(t)});
        const qint64 scanMs = clock.restart();
        QStringList foundApplicants, foundCases;
        for (const core::Applicant& a : repo().searchApplicants(t))
            foundApplicants << a.name;
        for (const db::CaseSummary& c : repo().searchCases(t))
            foundCases << c.acceptedAt.toString(Qt::ISODate);
        const qint64 indexMs = clock.elapsed();
        const bool same = foundApplicants == applicants && foundCases == cases;
        differences += same ? 0 : 1;
        std::fprintf(stderr, "verify %-20s %s  applicants %3lld cases %3lld  full scan %5lld ms, index %4lld ms\n",
                     qPrintable(t), same ? "same" : "DIFFERENT", qint64(applicants.size()), qint64(cases.size()), scanMs,
                     indexMs);
    }
    return differences;
}

} // namespace

int main(int argc, char** argv)
{
    // The offscreen platform warns on every window it sizes; that is not news here.
    static const QtMessageHandler previous = qInstallMessageHandler(nullptr);
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext& context, const QString& message) {
        if (!message.contains(QLatin1String("propagateSizeHints")))
            previous(type, context, message);
    });
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("OneSeal"));
    QApplication::setApplicationName(QStringLiteral("OneSealBench"));
    benchmark::Initialize(&argc, argv);
    QString error;
    if (!prepareDatabase(&error)) {
        std::fprintf(stderr, "bench_intake: %s\n", qPrintable(error));
        return 1;
    }
    if (const int n = qEnvironmentVariableIntValue("ONESEAL_BENCH_VERIFY"); n > 0) {
        const int differences = verifyAgainstScan(n);
        std::fprintf(stderr, "verify: %d difference(s)\n", differences);
        if (differences > 0)
            return 1;
    }
    constexpr int kLookups = 1000;
    auto lookup = [](benchmark::internal::Benchmark* b) {
        b->Iterations(kLookups)->UseManualTime()->Unit(benchmark::kMillisecond);
    };
    lookup(benchmark::RegisterBenchmark("ApplicantById", BM_ApplicantById));
    for (int length = 1; length <= 3; ++length)
        lookup(benchmark::RegisterBenchmark("ApplicantByNameFragment", BM_ApplicantByNameFragment)->Arg(length));
    lookup(benchmark::RegisterBenchmark("CaseByNumber", BM_CaseByNumber));
    lookup(benchmark::RegisterBenchmark("CaseSearchByNumber", BM_CaseSearchByNumber));
    lookup(benchmark::RegisterBenchmark("CaseByApplicantId", BM_CaseByApplicantId));
    for (int length = 1; length <= 3; ++length)
        lookup(benchmark::RegisterBenchmark("CaseByNameFragment", BM_CaseByNameFragment)->Arg(length));
    benchmark::RegisterBenchmark("OpenIntakeWorkbench", BM_OpenIntakeWorkbench)
        ->Iterations(30)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("RecordRestaurantWithNotice", BM_RecordRestaurantWithNotice)
        ->Iterations(100)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    g_session.reset();
    return 0;
}
