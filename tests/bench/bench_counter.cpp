// The counter's speed goals (issue 15), on a generated hall database:
//   ONESEAL_BENCH_DB=/path/hall.db [ONESEAL_BENCH_USER=clerk] QT_QPA_PLATFORM=offscreen build/tests/bench/bench_counter
// EnterOnIdNumber: from Enter on a returning applicant's ID number (我要开饭店 chosen) to the filled
//   form with the checklist focused. AcceptToNoticeReady: from Ctrl+Return (every material received)
//   to the notice recorded and rendered as PDF bytes (print::MemoryOutput). ColdStartToLogin: the
//   client process started until its login window is on the screen (`oneseal --check-start`).
#include "core/Identifiers.h"
#include "print/MemoryOutput.h"
#include "services/AuthService.h"
#include "services/IntakeService.h"
#include "services/Session.h"
#include "ui/ChecklistModel.h"
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

QString restaurantCode(services::IntakeService& service)
{
    for (const core::Bundle& b : service.catalog().bundles)
        if (b.name == QStringLiteral("我要开饭店"))
            return b.code;
    return QString();
}

/** The workbench with 我要开饭店 chosen and a returning applicant's ID typed, the cursor in it. */
void prepare(ui::IntakeWorkbench& w, const QString& code, const QString& id)
{
    w.startNewIntake();
    w.chooseSubject(code);
    auto* edit = w.findChild<QLineEdit*>(QStringLiteral("idNumberEdit"));
    edit->setText(id);
    edit->setFocus();
    QApplication::processEvents();
}

void BM_EnterOnIdNumber(benchmark::State& state)
{
    ui::IntakeWorkbench w(*g_session);
    print::MemoryOutput out;
    w.setDocumentOutput(&out);
    w.resize(1280, 800);
    w.show();
    w.activateWindow();
    QApplication::processEvents();
    const QString code = restaurantCode(w.service());
    auto* edit = w.findChild<QLineEdit*>(QStringLiteral("idNumberEdit"));
    std::vector<double> ms, cpuMs;
    qsizetype i = 0;
    for (auto _ : state) {
        state.PauseTiming();
        prepare(w, code, g_ids.at(i++ % g_ids.size()));
        state.ResumeTiming();
        QElapsedTimer t;
        t.start();
        const double cpu = threadCpuMs();
        QTest::keyClick(edit, Qt::Key_Return);
        QApplication::processEvents();
        const qint64 ns = t.nsecsElapsed();
        cpuMs.push_back(threadCpuMs() - cpu);
        if (QApplication::focusWidget() == nullptr || QApplication::focusWidget()->objectName() != QLatin1String("checklistView")) {
            state.SkipWithError("Enter did not fill the form and focus the checklist.");
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
    w.setDocumentOutput(&out);
    w.resize(1280, 800);
    w.show();
    w.activateWindow();
    QApplication::processEvents();
    const QString code = restaurantCode(w.service());
    auto* edit = w.findChild<QLineEdit*>(QStringLiteral("idNumberEdit"));
    std::vector<double> ms, cpuMs;
    qsizetype i = g_ids.size() / 2;
    for (auto _ : state) {
        state.PauseTiming();
        prepare(w, code, g_ids.at(i++ % g_ids.size()));
        QTest::keyClick(edit, Qt::Key_Return);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_A);
        const qsizetype before = out.jobs().size();
        state.ResumeTiming();
        QElapsedTimer t;
        t.start();
        const double cpu = threadCpuMs();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
        QApplication::processEvents();
        const qint64 ns = t.nsecsElapsed();
        cpuMs.push_back(threadCpuMs() - cpu);
        if (out.jobs().size() != before + 1 || w.messageKind() != ui::IntakeWorkbench::MessageKind::Success) {
            state.SkipWithError(qPrintable(QStringLiteral("No notice: ") + w.messageText()));
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

BENCHMARK(BM_EnterOnIdNumber)->UseManualTime()->Iterations(200)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AcceptToNoticeReady)->UseManualTime()->Iterations(100)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ColdStartToLogin)->UseManualTime()->Iterations(20)->Unit(benchmark::kMillisecond);

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
                             "(SELECT applicant_id_number FROM cases WHERE accepted_date = ?) ORDER BY random() LIMIT 400"));
    q.addBindValue(services::IntakeService(*g_session).today().toString(Qt::ISODate));
    q.exec();
    while (q.next())
        g_ids << q.value(0).toString();
    if (g_ids.size() < 300) {
        std::fprintf(stderr, "The database has too few applicants (%d).\n", int(g_ids.size()));
        return 2;
    }
    benchmark::RunSpecifiedBenchmarks();
    g_session.reset();
    return 0;
}
