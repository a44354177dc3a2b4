// bench_sync: the sync figures of docs/PERFORMANCE.md ("Sync"), against a real oneseal-hub process on
// loopback. Not part of ctest (minutes of CPU); run: build/tests/sync/bench_sync [workstations] [rounds]
#include "SyncHarness.h"

#include "core/Crypto.h"
#include "db/Database.h"
#include "db/EventStore.h"
#include "services/AuthService.h"
#include "services/HallService.h"
#include "sync/HubStore.h"
#include "sync/SyncClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>

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

bool appendEvents(db::Database& database, int count, int cases, const QString& tag)
{
    db::EventStore store(database, database.meta(QStringLiteral("workstation_id")));
    db::Transaction tx(database.sql());
    QString error;
    for (int i = 0; i < count; ++i)
        if (!store.append(QStringLiteral("%1-case-%2").arg(tag).arg(i % cases), QStringLiteral("note.added"),
                          QCborMap{{QStringLiteral("text"), QStringLiteral("note %1").arg(i)}}, QStringLiteral("bench"),
                          &error))
            return false;
    return tx.commit(&error);
}

class Station : public QThread
{
public:
    Station(QString path, QByteArray key, int rounds) : m_path(std::move(path)), m_key(std::move(key)), m_rounds(rounds) {}
    QList<double> times; ///< ms per round
    QString error;

protected:
    void run() override
    {
        auto database = db::Database::open(m_path, m_key, {}, &error);
        if (!database)
            return;
        sync::SyncClient client(*database);
        if (!client.syncOnce(&error)) // catch up first (not timed): rounds below are the steady state
            return;
        for (int r = 0; r < m_rounds; ++r) {
            appendEvents(*database, 5, 5, QStringLiteral("r%1").arg(r));
            QElapsedTimer t;
            t.start();
            if (!client.syncOnce(&error))
                return;
            times << t.nsecsElapsed() / 1e6;
            QThread::msleep(50);
        }
    }

private:
    QString m_path;
    QByteArray m_key;
    int m_rounds;
};
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    const int stations = argc > 1 ? std::atoi(argv[1]) : 60;
    const int soakRounds = argc > 2 ? std::atoi(argv[2]) : 1000;
    QTemporaryDir dir;
    test::HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    if (!hub.init(&error) || !hub.start(&error))
        qFatal("hub: %s", qPrintable(error));
    auto codes = [&](int n) {
        auto store = sync::HubStore::open(hub.directory(), &error);
        QStringList list;
        for (int i = 0; i < n; ++i)
            list << *store->createEnrollmentCode(QString(), QStringLiteral("bench"), 24, &error);
        return list;
    };

    // 1. 10,000 events pushed by one workstation and pulled by another.
    {
        const QStringList c = codes(2);
        const QString pa = dir.filePath(QStringLiteral("A.db")), pb = dir.filePath(QStringLiteral("B.db"));
        const QByteArray ka = makeWorkstation(pa, QStringLiteral("BENCH-A"), c.at(0), hub.port());
        const QByteArray kb = makeWorkstation(pb, QStringLiteral("BENCH-B"), c.at(1), hub.port());
        auto a = db::Database::open(pa, ka, {}, &error);
        auto b = db::Database::open(pb, kb, {}, &error);
        sync::SyncClient ca(*a), cb(*b);
        ca.syncOnce(&error);
        cb.syncOnce(&error);
        appendEvents(*a, 10000, 1000, QStringLiteral("big"));
        QElapsedTimer t;
        t.start();
        const auto pushed = ca.syncOnce(&error);
        const double pushMs = t.nsecsElapsed() / 1e6;
        t.restart();
        const auto pulled = cb.syncOnce(&error);
        const double pullMs = t.nsecsElapsed() / 1e6;
        if (!pushed || !pulled)
            qFatal("sync: %s", qPrintable(error));
        if (qEnvironmentVariableIsSet("ONESEAL_SYNC_TRACE"))
            std::printf("%s\n", qPrintable(hub.log().right(6000)));
        std::printf("10000 events: push %d in %.0f ms, pull %d in %.0f ms, total %.0f ms\n", pushed->pushed, pushMs,
                    pulled->pulled, pullMs, pushMs + pullMs);
    }

    // 2. Many workstations syncing at once, on a hub of their own (not the 10,000 events above).
    hub.terminate();
    test::HubProcess hub2(dir.filePath(QStringLiteral("hub2")));
    if (!hub2.init(&error) || !hub2.start(&error))
        qFatal("hub: %s", qPrintable(error));
    auto codes2 = [&](int n) {
        auto store = sync::HubStore::open(hub2.directory(), &error);
        QStringList list;
        for (int i = 0; i < n; ++i)
            list << *store->createEnrollmentCode(QString(), QStringLiteral("bench"), 24, &error);
        return list;
    };
    {
        const QStringList c = codes2(stations);
        QList<Station*> threads;
        for (int i = 0; i < stations; ++i) {
            const QString path = dir.filePath(QStringLiteral("S%1.db").arg(i));
            threads << new Station(path, makeWorkstation(path, QStringLiteral("BENCH-S%1").arg(i), c.at(i), hub2.port()), 10);
        }
        const qint64 before = residentKiB(hub2.pid());
        QElapsedTimer t;
        t.start();
        for (Station* s : threads)
            s->start();
        QList<double> all;
        for (Station* s : threads) {
            s->wait();
            if (!s->error.isEmpty())
                std::printf("station error: %s\n", qPrintable(s->error));
            all << s->times;
        }
        std::sort(all.begin(), all.end());
        auto pct = [&](double p) { return all.isEmpty() ? 0.0 : all.at(std::min<qsizetype>(all.size() - 1, qsizetype(p * all.size()))); };
        std::printf("%d workstations x 10 rounds at once (%lld ms): round trip p50 %.0f ms, p99 %.0f ms, max %.0f ms "
                    "(%lld rounds); hub RSS %lld -> %lld KiB\n",
                    stations, t.elapsed(), pct(0.5), pct(0.99), all.isEmpty() ? 0.0 : all.last(), qint64(all.size()),
                    before, residentKiB(hub2.pid()));
        qDeleteAll(threads);
    }

    // 3. The hub's memory over a long run of small rounds.
    {
        const QStringList c = codes2(1);
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
            appendEvents(*database, 3, 3, QStringLiteral("soak%1").arg(r));
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
