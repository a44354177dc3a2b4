// bench_sync: the sync figures of docs/PERFORMANCE.md ("Sync"), against a real oneseal-hub process on
// loopback. Not part of ctest (minutes of CPU); run: build/tests/sync/bench_sync [workstations] [rounds]
#include "SyncHarness.h"

#include "core/Crypto.h"
#include "core/EventAdmission.h"
#include "core/PasswordAuth.h"
#include "db/Database.h"
#include "db/EventStore.h"
#include "services/AuthService.h"
#include "services/HallService.h"
#include "sync/BackgroundSync.h"
#include "hub/HubLimits.h"
#include "hub/HubStore.h"
#include "sync/SyncClient.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QSemaphore>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>

#include <ctime>
#include <unistd.h>

using namespace oneseal;

namespace {
qint64 residentKiB(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

/** CPU time (user + system) of a process so far, in ms; pid 0: this process. */
double cpuMs(qint64 pid)
{
    QFile f(pid ? QStringLiteral("/proc/%1/stat").arg(pid) : QStringLiteral("/proc/self/stat"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = f.readAll();
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    return (fields.at(11).toDouble() + fields.at(12).toDouble()) * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

/** CLOCK_MONOTONIC in seconds: marks for `perf record -k monotonic` + `perf report --time`. */
double monotonicSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

QByteArray loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
}

/** A workstation database enrolled at the hub; returns its key. */
QByteArray makeWorkstation(const QString& path, const QString& name, const QString& code, quint16 port)
{
    services::HallSetup setup;
    setup.databasePath = path;
    setup.hallName = QStringLiteral("Bench hall");
    setup.workstationId = name;
    setup.adminUsername = QStringLiteral("admin");
    setup.adminPassword = services::HallService::demoPassword();
    setup.kdf = core::crypto::ScryptParams{1u << 10, 8, 1};
    setup.ownsFirstNumberBlocks = false;
    QString error;
    if (!services::HallService::createHall(setup, &error))
        qFatal("create %s: %s", qPrintable(name), qPrintable(error));
    const auto key = services::AuthService::recoverKey(path, setup.adminUsername, setup.adminPassword, &error);
    auto database = db::Database::open(path, *key, {}, &error);
    sync::SyncClient client(*database);
    if (!client.enroll(QStringLiteral("127.0.0.1"), port, code, &error))
        qFatal("enroll %s: %s", qPrintable(name), qPrintable(error));
    return *key;
}

/** Appends count events on `cases` cases through store (one transaction), as a session does. */
bool appendEvents(db::EventStore& store, int count, int cases, const QString& tag,
                  const QString& userId = QStringLiteral("bench"))
{
    db::Transaction tx(store.database().sql());
    QString error;
    for (int i = 0; i < count; ++i)
        if (!store.append(QStringLiteral("%1-case-%2").arg(tag).arg(i % cases), QStringLiteral("note.added"),
                          QCborMap{{QStringLiteral("text"), QStringLiteral("note %1").arg(i)}}, userId,
                          &error))
            return false;
    return tx.commit(&error);
}

/**
 * Makes the events of store signed by a key of the hub user `username` (registered by its first
 * event, as a first login does); returns the user's id.
 */
QString signAs(db::EventStore& store, const QString& username, const QString& password)
{
    QSqlQuery q(store.database().sql());
    q.prepare(QStringLiteral("SELECT id, auth_key FROM users WHERE username = ?"));
    q.addBindValue(username);
    if (!q.exec() || !q.next())
        qFatal("no user %s", qPrintable(username));
    const QString id = q.value(0).toString();
    // A first key is admitted only with a proof by the user's auth key (docs/SECURITY.md): without
    // it every replica quarantines the key and the events it signs, and the benchmark would measure
    // refusals instead of admissions.
    const auto auth = core::PasswordAuth::open(password, q.value(1).toString());
    if (!auth)
        qFatal("no auth key of %s opens with the benchmark's password", qPrintable(username));
    const core::SealKey key = core::SealKey::generate();
    store.setSigner(key);
    db::Transaction tx(store.database().sql());
    QString error;
    if (!store.append(QString(), core::EventAdmission::keyRegisteredKind(),
                      QCborMap{{QStringLiteral("user_id"), id},
                               {QStringLiteral("key_id"), key.keyId()},
                               {QStringLiteral("public_key"), key.rawPublicKey()},
                               {QStringLiteral("auth_proof"), core::PasswordAuth::proveFirstKey(*auth, id, key.keyId())}},
                      id, &error)
        || !tx.commit(&error))
        qFatal("key: %s", qPrintable(error));
    return id;
}

/** Ed25519 signing and checking of one event's hash, in microseconds (median of 3 runs of 2,000). */
void measureSignatures()
{
    const core::SealKey key = core::SealKey::generate();
    core::Event e;
    e.hash = core::crypto::sha256("x");
    double sign = 1e9, verify = 1e9;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < 2000; ++i)
            core::EventAdmission::sign(e, key);
        sign = std::min(sign, t.nsecsElapsed() / 2000.0 / 1000.0);
        t.restart();
        for (int i = 0; i < 2000; ++i)
            if (!core::EventAdmission::verify(e, key.rawPublicKey()))
                qFatal("verify");
        verify = std::min(verify, t.nsecsElapsed() / 2000.0 / 1000.0);
    }
    std::printf("Ed25519 per event: sign %.1f us, check %.1f us\n", sign, verify);
}

/** What the simulated workstations of part 2 do each round. */
enum class Mode {
    OwnCases,     ///< 5 events on the station's own 5 cases, folded into every projection (a hall's day)
    SharedCases,  ///< 5 events on 5 cases every station writes to in that round, folded (first-pass benchmark)
    ProtocolOnly, ///< as OwnCases, but the stations fold nothing: the whole protocol and event storage only
};

const char* describe(Mode mode)
{
    switch (mode) {
    case Mode::OwnCases: return "each on its own cases, folding every projection";
    case Mode::SharedCases: return "all on the same 5 cases a round, folding every projection";
    case Mode::ProtocolOnly: return "protocol and event storage only, no folding";
    }
    return "";
}

/** When the workstations of part 2 start their rounds. */
enum class Start {
    Spread, ///< each its own moment within one interval: clerks log in at different times
    Herd,   ///< all in the same instant: the worst case, every round of every workstation at once
};

/**
 * The pause between rounds: the client's own (sync::BackgroundSync: a repeating timer), unless
 * ONESEAL_BENCH_INTERVAL_MS says otherwise (a short one turns part 2 into a saturation test).
 */
int roundIntervalMs()
{
    const int ms = qEnvironmentVariableIntValue("ONESEAL_BENCH_INTERVAL_MS");
    return ms > 0 ? ms : sync::BackgroundSync::kDefaultIntervalMs;
}

class Station : public QThread
{
public:
    /** The semaphores: each station releases caughtUp, then finished; it waits for go, then close. */
    struct Gates
    {
        QSemaphore caughtUp, go, finished, close;
    };
    Station(QString path, QByteArray key, int rounds, Mode mode, int offsetMs, Gates* gates)
        : m_path(std::move(path)), m_key(std::move(key)), m_rounds(rounds), m_mode(mode), m_offsetMs(offsetMs),
          m_gates(gates)
    {
    }
    QList<double> times; ///< ms per round
    QList<double> waits; ///< ms of each round spent waiting for the hub's replies
    QString error;

protected:
    void run() override
    {
        auto database = db::Database::open(m_path, m_key, {}, &error);
        if (!database)
            return;
        sync::SyncClient client(*database);
        // Closing a database checkpoints its WAL into the file: stations that finish first must not
        // do that beside the others' last timed rounds. They close when all have finished.
        struct CloseTogether
        {
            Gates* gates;
            ~CloseTogether()
            {
                gates->finished.release();
                gates->close.acquire();
            }
        } closeTogether{m_gates};
        if (m_mode == Mode::ProtocolOnly)
            client.events().clearProjections();
        // Catch up first (not timed: reference data, the catalog), then wait until every station has:
        // the timed rounds below are the steady state, all of them at once.
        const bool caughtUp = bool(client.syncOnce(&error));
        m_gates->caughtUp.release();
        m_gates->go.acquire();
        if (!caughtUp)
            return;
        // As the client's repeating timer: round r is due at offset + r intervals (at once when late).
        const int interval = roundIntervalMs();
        QElapsedTimer clock;
        clock.start();
        for (int r = 0; r < m_rounds; ++r) {
            const qint64 due = m_offsetMs + qint64(r) * interval;
            if (clock.elapsed() < due)
                QThread::msleep(quint64(due - clock.elapsed()));
            // Own cases: a clerk works on the cases at his window, so each pulled event is of another
            // case (about 295 cases a round). Shared: every station's events of round r go to the same
            // 5 cases, which gather 60 events each.
            appendEvents(client.events(), 5, 5,
                         m_mode == Mode::SharedCases ? QStringLiteral("r%1").arg(r) : client.workstation());
            QElapsedTimer t;
            t.start();
            const auto report = client.syncOnce(&error);
            if (!report)
                return;
            times << t.nsecsElapsed() / 1e6;
            waits << report->hubWaitMs;
        }
    }

private:
    QString m_path;
    QByteArray m_key;
    int m_rounds;
    Mode m_mode;
    int m_offsetMs;
    Gates* m_gates;
};

QStringList enrollmentCodes(const test::HubProcess& hub, int n)
{
    QString error;
    auto store = sync::HubStore::open(hub.directory(), &error);
    if (!store)
        qFatal("hub store: %s", qPrintable(error));
    QStringList list;
    for (int i = 0; i < n; ++i)
        list << *store->createEnrollmentCode(QString(), QStringLiteral("bench"), 24, &error);
    return list;
}

/**
 * `stations` workstations, threads of this process, each doing 10 rounds against the hub, one every
 * roundIntervalMs() as the client does (see Mode and Start). ProtocolOnly runs the whole protocol and
 * stores every event (hash checks, one transaction per batch) but folds nothing.
 */
void manyAtOnce(const test::HubProcess& hub, int stations, Mode mode, Start start, const QString& dir)
{
    const int interval = roundIntervalMs();
    const QStringList c = enrollmentCodes(hub, stations);
    Station::Gates gates;
    QList<Station*> threads;
    for (int i = 0; i < stations; ++i) {
        const QString name = QStringLiteral("BENCH-M%1-%2-S%3").arg(int(mode)).arg(int(start)).arg(i);
        const QString path = QStringLiteral("%1/%2.db").arg(dir, name);
        const int offset = start == Start::Spread ? int(qint64(interval) * i / stations) : 0;
        threads << new Station(path, makeWorkstation(path, name, c.at(i), hub.port()), 10, mode, offset, &gates);
    }
    for (Station* s : threads)
        s->start();
    gates.caughtUp.acquire(stations);
    const qint64 before = residentKiB(hub.pid());
    std::printf("load average before: %s\n", loadAverage().constData());
    const double cpu0 = cpuMs(0), hub0 = cpuMs(hub.pid());
    QElapsedTimer t;
    t.start();
    gates.go.release(stations);
    gates.finished.acquire(stations);
    const qint64 wallMs = t.elapsed();
    const double cpuStations = cpuMs(0) - cpu0, cpuHub = cpuMs(hub.pid()) - hub0;
    const QByteArray loadAfter = loadAverage();
    QList<double> all, waits;
    for (Station* s : threads) {
        if (!s->error.isEmpty())
            std::printf("station error: %s\n", qPrintable(s->error));
        all << s->times;
        waits << s->waits;
    }
    std::sort(all.begin(), all.end());
    std::sort(waits.begin(), waits.end());
    auto pct = [](const QList<double>& list, double p) {
        return list.isEmpty() ? 0.0 : list.at(std::min<qsizetype>(list.size() - 1, qsizetype(p * list.size())));
    };
    std::printf("%d workstations x 10 rounds every %d ms, %s, %s (%lld ms): round trip p50 %.0f ms, p99 %.0f ms, "
                "max %.0f ms (%lld rounds); hub RSS %lld -> %lld KiB\n",
                stations, interval, start == Start::Herd ? "all starting in the same instant" : "starts spread over one interval",
                describe(mode),
                wallMs, pct(all, 0.5), pct(all, 0.99), all.isEmpty() ? 0.0 : all.last(), qint64(all.size()),
                before, residentKiB(hub.pid()));
    std::printf("  of which waiting for the hub's replies: p50 %.0f ms, p99 %.0f ms, max %.0f ms\n",
                pct(waits, 0.5), pct(waits, 0.99), waits.isEmpty() ? 0.0 : waits.last());
    QStringList byRound; // the slowest station of each round r
    for (int r = 0; r < 10; ++r) {
        double slowest = 0;
        for (const Station* s : std::as_const(threads))
            if (r < s->times.size())
                slowest = std::max(slowest, s->times.at(r));
        byRound << QString::number(slowest, 'f', 0);
    }
    std::printf("  slowest round by round number: %s ms\n", qPrintable(byRound.join(QLatin1Char(' '))));
    std::printf("  CPU: workstations %.0f ms, hub %.0f ms; load average after: %s\n", cpuStations, cpuHub,
                loadAfter.constData());
    gates.close.release(stations);
    for (Station* s : std::as_const(threads))
        s->wait();
    qDeleteAll(threads);
}
} // namespace

/**
 * The benchmark's many workstations all connect from 127.0.0.1, where a hall's come from their own
 * addresses: the per-address limits (HubLimits, defaults 16 handshakes and 8 unauthenticated
 * connections) would drop most of them. The hub reads these from its hub.conf, as an operator's would.
 */
static void allowManyOnLoopback(const QString& hubDirectory)
{
    QDir().mkpath(hubDirectory);
    QFile conf(sync::HubLimits::fileIn(hubDirectory));
    if (!conf.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(conf.fileName()));
    conf.write("[limits]\nmax_handshakes_per_address=256\nmax_unauthenticated_per_address=128\n");
}

int main(int argc, char* argv[])
{
    // The benchmark's halls hash passwords cheaply (N = 2^10), which only test programs accept
    // (core::crypto::minimumScryptLog2N); set before any hash is read, inherited by the hub and agents.
    qputenv("ONESEAL_TEST_WEAK_KDF", "1");
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    const int stations = argc > 1 ? std::atoi(argv[1]) : 60;
    const int soakRounds = argc > 2 ? std::atoi(argv[2]) : 1000;
    QTemporaryDir dir;
    test::HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    if (!hub.init(&error))
        qFatal("hub: %s", qPrintable(error));
    // The events of part 1 are signed by a hall user, as a logged-in session writes them.
    if (const auto r = hub.admin({QStringLiteral("user-add"), QStringLiteral("--username"), QStringLiteral("bencher"),
                                  QStringLiteral("--name"), QStringLiteral("Bench"), QStringLiteral("--roles"),
                                  QStringLiteral("intake")},
                                 "Bench-pass-2026\n");
        !r.ok())
        qFatal("user-add: %s", qPrintable(r.err));
    if (!hub.start(&error))
        qFatal("hub: %s", qPrintable(error));
    measureSignatures();

    // 1. 10,000 events pushed by one workstation and pulled by another.
    {
        const QStringList c = enrollmentCodes(hub, 2);
        const QString pa = dir.filePath(QStringLiteral("A.db")), pb = dir.filePath(QStringLiteral("B.db"));
        const QByteArray ka = makeWorkstation(pa, QStringLiteral("BENCH-A"), c.at(0), hub.port());
        const QByteArray kb = makeWorkstation(pb, QStringLiteral("BENCH-B"), c.at(1), hub.port());
        auto a = db::Database::open(pa, ka, {}, &error);
        auto b = db::Database::open(pb, kb, {}, &error);
        sync::SyncClient ca(*a), cb(*b);
        ca.syncOnce(&error);
        cb.syncOnce(&error);
        // ONESEAL_BENCH_UNSIGNED=1: unsigned events, the cost without signatures on the same machine.
        const QString bencher = qEnvironmentVariableIsSet("ONESEAL_BENCH_UNSIGNED")
            ? QStringLiteral("bench")
            : signAs(ca.events(), QStringLiteral("bencher"), QStringLiteral("Bench-pass-2026"));
        appendEvents(ca.events(), 10000, 1000, QStringLiteral("big"), bencher);
        std::printf("load average before: %s\n", loadAverage().constData());
        const double cpu0 = cpuMs(0), hub0 = cpuMs(hub.pid());
        const double mark0 = monotonicSeconds();
        QElapsedTimer t;
        t.start();
        const auto pushed = ca.syncOnce(&error);
        const double pushMs = t.nsecsElapsed() / 1e6;
        const double cpu1 = cpuMs(0), hub1 = cpuMs(hub.pid());
        const double mark1 = monotonicSeconds();
        t.restart();
        const auto pulled = cb.syncOnce(&error);
        const double pullMs = t.nsecsElapsed() / 1e6;
        const double cpu2 = cpuMs(0), hub2cpu = cpuMs(hub.pid());
        const double mark2 = monotonicSeconds();
        if (!pushed || !pulled)
            qFatal("sync: %s", qPrintable(error));
        // Every event admitted (folded) at the pulling workstation, none refused: a refusal costs
        // less than a signature check and would flatter the figures.
        {
            QSqlQuery refused(b->sql());
            if (!refused.exec(QStringLiteral("SELECT count(*) FROM events WHERE quarantine IS NOT NULL")) || !refused.next())
                qFatal("cannot count refused events");
            if (refused.value(0).toInt() != 0)
                qFatal("%d events were refused at the pulling workstation", refused.value(0).toInt());
        }
        if (qEnvironmentVariableIsSet("ONESEAL_SYNC_TRACE"))
            std::printf("%s\n", qPrintable(hub.log().right(6000)));
        std::printf("10000 events: push %d in %.0f ms, pull %d in %.0f ms, total %.0f ms\n", pushed->pushed, pushMs,
                    pulled->pulled, pullMs, pushMs + pullMs);
        std::printf("  CPU: push workstation %.0f ms + hub %.0f ms; pull workstation %.0f ms + hub %.0f ms; "
                    "load average after: %s\n",
                    cpu1 - cpu0, hub1 - hub0, cpu2 - cpu1, hub2cpu - hub1, loadAverage().constData());
        std::printf("  monotonic clock: push %.6f-%.6f, pull %.6f-%.6f\n", mark0, mark1, mark1, mark2);
    }

    // 2. Many workstations syncing at once, on a hub of their own (not the 10,000 events above).
    hub.terminate();
    test::HubProcess hub2(dir.filePath(QStringLiteral("hub2")));
    allowManyOnLoopback(hub2.directory());
    if (!hub2.init(&error) || !hub2.start(&error))
        qFatal("hub: %s", qPrintable(error));
    // Each workload twice (starts spread, then all at once), each run on a hub of its own.
    // ONESEAL_BENCH_WORKLOAD=own|shared|protocol and ONESEAL_BENCH_START=spread|herd run fewer.
    const QByteArray onlyWorkload = qgetenv("ONESEAL_BENCH_WORKLOAD"), onlyStart = qgetenv("ONESEAL_BENCH_START");
    bool first = true;
    for (Mode mode : {Mode::OwnCases, Mode::SharedCases, Mode::ProtocolOnly}) {
        const char* workload = mode == Mode::OwnCases ? "own" : mode == Mode::SharedCases ? "shared" : "protocol";
        for (Start start : {Start::Spread, Start::Herd}) {
            if ((!onlyWorkload.isEmpty() && onlyWorkload != workload)
                || (!onlyStart.isEmpty() && onlyStart != (start == Start::Herd ? "herd" : "spread")))
                continue;
            if (first) {
                first = false;
                manyAtOnce(hub2, stations, mode, start, dir.path());
                continue;
            }
            test::HubProcess hubN(dir.filePath(QStringLiteral("hub-m%1-%2").arg(int(mode)).arg(int(start))));
            allowManyOnLoopback(hubN.directory());
            if (!hubN.init(&error) || !hubN.start(&error))
                qFatal("hub: %s", qPrintable(error));
            manyAtOnce(hubN, stations, mode, start, dir.path());
            hubN.terminate();
        }
    }

    // 3. The hub's memory over a long run of small rounds.
    {
        const QStringList c = enrollmentCodes(hub2, 1);
        const QString path = dir.filePath(QStringLiteral("SOAK.db"));
        QFile stat(QStringLiteral("/proc/%1/stat").arg(hub2.pid()));
        stat.open(QIODevice::ReadOnly);
        std::printf("hub state before the soak: %s\nhub log:\n%s\n", stat.readAll().constData(),
                    qPrintable(hub2.log().right(3000)));
        const QByteArray key = makeWorkstation(path, QStringLiteral("BENCH-SOAK"), c.at(0), hub2.port());
        auto database = db::Database::open(path, key, {}, &error);
        sync::SyncClient client(*database);
        QStringList samples;
        for (int r = 0; r < soakRounds; ++r) {
            appendEvents(client.events(), 3, 3, QStringLiteral("soak%1").arg(r));
            if (!client.syncOnce(&error)) {
                std::printf("soak round %d: %s\nhub log:\n%s\n", r, qPrintable(error), qPrintable(hub2.log().right(4000)));
                std::fflush(stdout);
                return 1;
            }
            if (r % 5 == 4)
                client.disconnectFromHub(); // new connections too, not only one kept open
            if (r % (soakRounds / 10 > 0 ? soakRounds / 10 : 1) == 0 || r == soakRounds - 1)
                samples << QString::number(residentKiB(hub2.pid()));
        }
        std::printf("%d rounds: hub RSS KiB %s\n", soakRounds, qPrintable(samples.join(QLatin1Char(' '))));
    }
    std::fflush(stdout);
    hub2.terminate();
    return 0;
}
