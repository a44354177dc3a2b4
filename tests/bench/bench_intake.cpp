// Intake at scale: lookups, opening the workbench, and recording a case with its notice, on a big
// hall database. Not part of ctest; docs/PERFORMANCE.md ("Intake at scale") has the figures.
//
//   ONESEAL_BENCH_DB=/path/hall.db [ONESEAL_BENCH_USER=clerk] build/tests/bench/bench_intake
//   ONESEAL_BENCH_CASES=100000 build/tests/bench/bench_intake   (generates /tmp/oneseal-bench-100000.db once)
//
// Every lookup benchmark times single calls with manual timing, a different random key each call,
// and reports the 50th, 95th and 99th percentiles (p50_ms, p95_ms, p99_ms). The recording benchmark
// adds the cases it records to the database.

#include "core/Identifiers.h"
#include "db/IntakeRepository.h"
#include "print/DocumentRenderer.h"
#include "print/IntakeNotices.h"
#include "services/AuthService.h"
#include "services/DataGenerator.h"
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

/** Times one call per iteration, each with the next key. */
void timeLookups(benchmark::State& state, const QStringList& keys, const std::function<qsizetype(const QString&)>& call)
{
    std::vector<double> ms;
    qsizetype i = 0, found = 0;
    for (auto _ : state) {
        const QString& key = keys.at(i++ % keys.size());
        QElapsedTimer t;
        t.start();
        found += call(key);
        const qint64 ns = t.nsecsElapsed();
        state.SetIterationTime(double(ns) / 1e9);
        ms.push_back(double(ns) / 1e6);
    }
    report(state, ms);
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
    std::vector<double> ms;
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        {
            ui::IntakeWorkbench workbench(*g_session);
            workbench.resize(1280, 800);
            workbench.show();
            QApplication::processEvents();
            const qint64 ns = t.nsecsElapsed();
            state.SetIterationTime(double(ns) / 1e9);
            ms.push_back(double(ns) / 1e6);
        }
        QApplication::processEvents();
    }
    report(state, ms);
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
    std::vector<double> ms, recordMs, pdfMs;
    qint64 bytes = 0;
    QRandomGenerator rng(20261126);
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
        const auto recordedCase = service.record(r, &error);
        const qint64 recorded = t.nsecsElapsed();
        if (!recordedCase) {
            state.SkipWithError(error.toStdString().c_str());
            return;
        }
        const QByteArray pdf = renderer.toPdfBytes(print::IntakeNotices::build(*recordedCase, hall));
        const qint64 ns = t.nsecsElapsed();
        bytes += pdf.size();
        state.SetIterationTime(double(ns) / 1e9);
        ms.push_back(double(ns) / 1e6);
        recordMs.push_back(double(recorded) / 1e6);
        pdfMs.push_back(double(ns - recorded) / 1e6);
    }
    report(state, ms);
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
            services::GeneratorOptions options;
            options.cases = cases;
            const auto done = services::DataGenerator(*admin).generate(
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

} // namespace

int main(int argc, char** argv)
{
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
