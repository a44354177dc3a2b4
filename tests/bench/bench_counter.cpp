// The counter's speed goals (issue 15), on a generated hall database (docs/PERFORMANCE.md, "The counter"):
//   ONESEAL_BENCH_DB=/path/hall.db [ONESEAL_BENCH_USER=clerk] QT_QPA_PLATFORM=offscreen build/tests/bench/bench_counter
// The workbench is driven by the keys test_counter_keys counts (tests/support/CounterKeys): F2, wykfd,
// Enter, the ID number typed, Enter, A, Ctrl+Return.
// EnterOnIdNumber: from Enter on a returning applicant's ID number (我要开饭店 chosen) to the filled
//   form with the checklist focused. AcceptToNoticeReady: from Ctrl+Return (after A) to the case
//   recorded, the notice rendered as PDF bytes (print::MemoryOutput) and its print recorded.
//   ColdStartToLogin: the client process started until its login window is on the screen
//   (`oneseal --check-start`). A benchmark stops with an error when the window does not do what the
//   keys should make it do.
#include "CounterKeys.h"

#include "print/MemoryOutput.h"
#include "services/AuthService.h"
#include "services/IntakeService.h"
#include "services/Session.h"
#include "ui/IntakeWorkbench.h"

#include <benchmark/benchmark.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <ctime>

using namespace oneseal;

namespace {
std::unique_ptr<services::Session> g_session;
QString g_db;
QStringList g_ids; ///< returning applicants' ID numbers, in random order

double percentile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t rank = size_t(std::ceil(q * double(v.size())));
    return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

void report(benchmark::State& state, const std::vector<double>& ms, const std::vector<double>& cpuMs = {})
{
    state.counters["p50_ms"] = percentile(ms, 0.50);
    state.counters["p95_ms"] = percentile(ms, 0.95);
    state.counters["max_ms"] = ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end());
    if (!cpuMs.empty()) {
        state.counters["cpu_p50_ms"] = percentile(cpuMs, 0.50);
        state.counters["cpu_p95_ms"] = percentile(cpuMs, 0.95);
    }
}

/** CPU time of this thread in milliseconds: what the work costs whatever else runs on the machine. */
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

/** The clerk's window as the counter has it: shown, active, printing to memory. */
void showWorkbench(ui::IntakeWorkbench& w, print::MemoryOutput& out)
{
    w.setDocumentOutput(&out);
    w.resize(1280, 800);
    w.show();
    w.activateWindow();
    QApplication::processEvents();
}

/**
 * Untimed: the next applicant (F12's clearing), then the keys of test_counter_keys up to the ID
 * number: F2, wykfd, Enter (我要开饭店 chosen), the returning applicant's ID number typed.
 */
bool untilIdNumber(ui::IntakeWorkbench& w, test::KeySession& keys, const QString& id, QString* error)
{
    w.startNewIntake();
    keys.reset();
    if (!test::intake::chooseMatter(keys, test::intake::restaurantSearch())
        || test::KeySession::focusName() != QLatin1String("idNumberEdit")) {
        *error = QStringLiteral("F2, wykfd, Enter did not choose the matter and move to the ID number (focus: %1).")
                     .arg(test::KeySession::focusName());
        return false;
    }
    keys.type(id);
    return true;
}

/** After Enter on the ID number: the returning applicant's details filled in and the checklist focused. */
bool filledAndFocused(ui::IntakeWorkbench& w, const QString& id, QString* error)
{
    const auto* name = w.findChild<QLineEdit*>(QStringLiteral("nameEdit"));
    if (test::KeySession::focusName() == QLatin1String("checklistView") && !name->text().isEmpty())
        return true;
    *error = QStringLiteral("Enter did not fill the form and focus the checklist (ID %1, focus: %2, name: \"%3\", %4).")
                 .arg(id, test::KeySession::focusName(), name->text(), w.messageText());
    return false;
}

void BM_EnterOnIdNumber(benchmark::State& state)
{
    ui::IntakeWorkbench w(*g_session);
    print::MemoryOutput out;
    showWorkbench(w, out);
    test::KeySession keys;
    std::vector<double> ms, cpuMs;
    qsizetype i = 0;
    QString error;
    for (auto _ : state) {
        state.PauseTiming();
        const QString id = g_ids.at(i++ % g_ids.size());
        if (!untilIdNumber(w, keys, id, &error)) {
            state.SkipWithError(qPrintable(error));
            return;
        }
        state.ResumeTiming();
        QElapsedTimer t;
        t.start();
        const double cpu = threadCpuMs();
        test::intake::findApplicant(keys); // timed: Enter and what it posts
        QApplication::processEvents();
        const qint64 ns = t.nsecsElapsed();
        cpuMs.push_back(threadCpuMs() - cpu);
        if (!filledAndFocused(w, id, &error)) {
            state.SkipWithError(qPrintable(error));
            return;
        }
        state.SetIterationTime(double(ns) / 1e9);
        ms.push_back(double(ns) / 1e6);
    }
    report(state, ms, cpuMs);
}

void BM_AcceptToNoticeReady(benchmark::State& state)
{
    ui::IntakeWorkbench w(*g_session);
    print::MemoryOutput out;
    showWorkbench(w, out);
    test::KeySession keys;
    std::vector<double> ms, cpuMs;
    qsizetype i = g_ids.size() / 2;
    QString error;
    for (auto _ : state) {
        state.PauseTiming();
        const QString id = g_ids.at(i++ % g_ids.size());
        if (!untilIdNumber(w, keys, id, &error) || !test::intake::findApplicant(keys) || !filledAndFocused(w, id, &error)) {
            state.SkipWithError(qPrintable(error));
            return;
        }
        test::intake::markRemainingReceived(keys); // A
        const qsizetype before = out.jobs().size();
        state.ResumeTiming();
        QElapsedTimer t;
        t.start();
        const double cpu = threadCpuMs();
        test::intake::accept(keys); // timed: Ctrl+Return until recorded, drawn and its print recorded
        QApplication::processEvents();
        const qint64 ns = t.nsecsElapsed();
        cpuMs.push_back(threadCpuMs() - cpu);
        if (out.jobs().size() != before + 1 || w.messageKind() != ui::IntakeWorkbench::MessageKind::Success
            || keys.count() != 5) {
            state.SkipWithError(qPrintable(QStringLiteral("No notice after %1 keys (ID %2): %3")
                                               .arg(keys.count())
                                               .arg(id, w.messageText())));
            return;
        }
        state.SetIterationTime(double(ns) / 1e9);
        ms.push_back(double(ns) / 1e6);
    }
    report(state, ms, cpuMs);
}

void BM_ColdStartToLogin(benchmark::State& state)
{
    const QString client = QStringLiteral(ONESEAL_CLIENT);
    std::vector<double> ms;
    for (auto _ : state) {
        QProcess p;
        QElapsedTimer t;
        t.start();
        p.start(client, {QStringLiteral("--db"), g_db, QStringLiteral("--check-start")});
        if (!p.waitForFinished(30000) || p.exitCode() != 0) {
            state.SkipWithError("oneseal --check-start failed");
            return;
        }
        const qint64 ns = t.nsecsElapsed();
        state.SetIterationTime(double(ns) / 1e9);
        ms.push_back(double(ns) / 1e6);
    }
    report(state, ms);
}
} // namespace


int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    g_db = qEnvironmentVariable("ONESEAL_BENCH_DB");
    if (g_db.isEmpty()) {
        std::fprintf(stderr, "Set ONESEAL_BENCH_DB to a hall database (oneseal-admin generate).\n");
        return 2;
    }
    QString error;
    services::AuthService auth(g_db);
    g_session = auth.login(qEnvironmentVariable("ONESEAL_BENCH_USER", QStringLiteral("clerk")), QStringLiteral("demo1234"),
                           &error);
    if (!g_session) {
        std::fprintf(stderr, "login: %s\n", qPrintable(error));
        return 2;
    }
    QSqlQuery q(g_session->database().sql());
    // Applicants without a case today: accepting 我要开饭店 for one again would ask first.
    q.prepare(QStringLiteral("SELECT id_number FROM applicants WHERE kind = 'person' AND id_number NOT IN "
                             "(SELECT applicant_id_number FROM cases WHERE accepted_date = ?) ORDER BY random() LIMIT 600"));
    q.addBindValue(services::IntakeService(*g_session).today().toString(Qt::ISODate));
    q.exec();
    QStringList candidates;
    while (q.next())
        candidates << q.value(0).toString();
    // Nor one who owes a deferred material (容缺): Enter puts the cursor on what they owe instead of
    // the checklist (the owed-materials path of the README, not the five keys).
    QSqlQuery owes(g_session->database().sql());
    owes.prepare(QStringLiteral("SELECT 1 FROM cases c CROSS JOIN case_materials m ON m.case_id = c.case_id "
                                "WHERE c.applicant_id_number = ? AND c.outcome = 'accept-deferred' "
                                "AND m.state = 'deferred' LIMIT 1"));
    int owing = 0;
    for (const QString& id : std::as_const(candidates)) {
        owes.addBindValue(id);
        owes.exec();
        if (owes.next())
            ++owing;
        else if (g_ids.size() < 400)
            g_ids << id;
    }
    std::fprintf(stderr, "%d applicants drawn, %d of them owe a deferred material (left out), %d used.\n",
                 int(candidates.size()), owing, int(g_ids.size()));
    if (g_ids.size() < 300) {
        std::fprintf(stderr, "The database has too few applicants (%d).\n", int(g_ids.size()));
        return 2;
    }
    // ONESEAL_BENCH_ITERATIONS=N runs each benchmark N times instead (a profile under callgrind).
    const int n = qEnvironmentVariableIntValue("ONESEAL_BENCH_ITERATIONS");
    benchmark::RegisterBenchmark("BM_EnterOnIdNumber", BM_EnterOnIdNumber)
        ->UseManualTime()->Iterations(n > 0 ? n : 200)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_AcceptToNoticeReady", BM_AcceptToNoticeReady)
        ->UseManualTime()->Iterations(n > 0 ? n : 100)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_ColdStartToLogin", BM_ColdStartToLogin)
        ->UseManualTime()->Iterations(n > 0 ? n : 20)->Unit(benchmark::kMillisecond);
    benchmark::RunSpecifiedBenchmarks();
    g_session.reset();
    return 0;
}
