// Faults: kill -9 of the hub and of workstations at random points of push and pull, many rounds;
// afterwards nothing is lost, nothing is duplicated and every replica has the same projections.
// The first four kills are placed where a round is most fragile (a workstation stopped by
// ws_agent --stall-at): after the hub stored a push but before the workstation marked it sent, and
// after a pull arrived but before it was applied, once killing the workstation and once the hub.
// ONESEAL_SYNC_ROUNDS sets the number of rounds (20 in CI; scripts/soak-sync.sh runs 1,000).
#include "SyncHarness.h"
#include "protocol/Protocol.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <iterator>

using namespace oneseal;
using test::Agent;
using test::HubProcess;
using test::RunResult;

namespace {
using test::lineFields;

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
} // namespace

class TestSyncFaults : public QObject
{
    Q_OBJECT

private slots:
    void killNineAtRandomPointsLosesNothing();
};

void TestSyncFaults::killNineAtRandomPointsLosesNothing()
{
    const int rounds = qEnvironmentVariableIsSet("ONESEAL_SYNC_ROUNDS") ? qEnvironmentVariableIntValue("ONESEAL_SYNC_ROUNDS") : 20;
    const quint32 seed = qEnvironmentVariableIsSet("ONESEAL_SYNC_SEED") ? quint32(qEnvironmentVariableIntValue("ONESEAL_SYNC_SEED"))
                                                                      : QRandomGenerator::global()->generate();
    qInfo("rounds %d, seed %u (set ONESEAL_SYNC_SEED to replay)", rounds, seed);
    QRandomGenerator rng(seed);
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error), qPrintable(error));
    QVERIFY2(hub.start(&error), qPrintable(error));
    const quint16 port = hub.port();
    QList<std::shared_ptr<Agent>> agents;
    for (const QString& name : {QStringLiteral("WS-1"), QStringLiteral("WS-2")}) {
        auto agent = std::make_shared<Agent>(dir.filePath(name + QStringLiteral(".db")), name);
        QVERIFY2(agent->create(&error), qPrintable(error));
        const QString code = hub.enrollmentCode(&error);
        QVERIFY2(!code.isEmpty(), qPrintable(error));
        QVERIFY(agent->run(QStringLiteral("enroll"), {QStringLiteral("--hub"), hub.address(), QStringLiteral("--code"), code}).ok());
        QVERIFY(agent->run(QStringLiteral("sync")).ok());
        agents << agent;
    }
    int kills[2] = {0, 0};
    int interrupted[2] = {0, 0};
    int killsAt[2][2] = {{0, 0}, {0, 0}}; // [during push, during pull][workstation, hub]
    /** The placed kills of the first rounds: victim (0, 1: a workstation; 2: the hub) and where. */
    const struct
    {
        int victim;
        QString stallAt;
    } placed[] = {{0, sync::msg::pushed}, {1, sync::msg::events}, {2, sync::msg::pushed}, {2, sync::msg::events}};
    const int placedRounds = int(std::size(placed));
    QList<qint64> hubMemory;
    QElapsedTimer timer;
    timer.start();
    qint64 syncMs = 150; // how long an undisturbed sync takes here: kills land inside that window
    for (int round = 0; round < rounds; ++round) {
        for (int i = 0; i < agents.size(); ++i) {
            const RunResult w = agents.at(i)->run(QStringLiteral("work"),
                                                  {QStringLiteral("--cases"), QString::number(1 + rng.bounded(3)),
                                                   QStringLiteral("--seed"), QString::number(round * 10 + i * 5)});
            QVERIFY2(w.ok(), qPrintable(w.out + w.err));
        }
        const bool isPlaced = round < placedRounds;
        // 0, 1: a workstation; 2: the hub; 3: nobody
        const int victim = isPlaced ? placed[round].victim : int(rng.bounded(4));
        const int stalling = isPlaced ? (victim < 2 ? victim : 0) : -1; // the workstation stopped mid-round
        std::vector<std::unique_ptr<QProcess>> running;
        QElapsedTimer syncTimer;
        syncTimer.start();
        for (int i = 0; i < agents.size(); ++i)
            running.push_back(agents.at(i)->start(QStringLiteral("sync"), i == stalling
                                                      ? QStringList{QStringLiteral("--stall-at"), placed[round].stallAt}
                                                      : QStringList{}));
        if (isPlaced) {
            QProcess& stalled = *running.at(stalling);
            const QByteArray expected = QStringLiteral("stalled at %1").arg(placed[round].stallAt).toUtf8();
            QByteArray out;
            QDeadlineTimer deadline(60000);
            while (!out.contains(expected) && !deadline.hasExpired() && stalled.state() == QProcess::Running) {
                stalled.waitForReadyRead(200);
                out += stalled.readAllStandardOutput();
            }
            QVERIFY2(out.contains(expected), qPrintable(QString::fromUtf8(out + stalled.readAllStandardError())));
            const int phase = placed[round].stallAt == sync::msg::pushed ? 0 : 1;
            if (victim < 2) {
                stalled.kill();
                ++kills[0];
                ++killsAt[phase][0];
            } else {
                hub.kill9();
                ++kills[1];
                ++killsAt[phase][1];
                stalled.write("go\n"); // goes on against a hub that is gone
                stalled.closeWriteChannel();
            }
        } else {
            QThread::msleep(rng.bounded(quint32(std::max<qint64>(syncMs, 20))));
            if (victim < 2) {
                running.at(victim)->kill();
                ++kills[0];
            } else if (victim == 2) {
                hub.kill9();
                ++kills[1];
            }
        }
        for (auto& p : running) {
            p->waitForFinished(60000);
            if (p->exitStatus() == QProcess::CrashExit)
                ++interrupted[0]; // killed before it finished its round
            else if (p->exitCode() != 0)
                ++interrupted[1]; // its hub was killed under it
        }
        if (isPlaced) {
            // The stopped workstation never finished its round: killed, or its hub was.
            const QProcess& stalled = *running.at(stalling);
            if (victim < 2)
                QCOMPARE(stalled.exitStatus(), QProcess::CrashExit);
            else if (placed[round].stallAt == sync::msg::pushed)
                QVERIFY(stalled.exitStatus() == QProcess::NormalExit && stalled.exitCode() != 0);
            else // stopped at the last pull reply: the rest of the round (reference data came before the
                 // pull) may need the hub no more, and the round may end well
                QCOMPARE(stalled.exitStatus(), QProcess::NormalExit);
        }
        if (victim == 3)
            syncMs = (syncMs + syncTimer.elapsed()) / 2;
        if (victim == 2) {
            QVERIFY2(hub.start(&error, port), qPrintable(error));
        }
        if (round % 10 == 9 && hub.isRunning())
            hubMemory << residentKiB(hub.pid());
    }
    qInfo("%d rounds in %lld ms: %d workstation kills (%d before their round ended), %d hub kills (%d syncs cut off)", rounds,
          timer.elapsed(), kills[0], interrupted[0], kills[1], interrupted[1]);
    qInfo("placed kills: workstation during push %d, during pull %d; hub during push %d, during pull %d",
          killsAt[0][0], killsAt[1][0], killsAt[0][1], killsAt[1][1]);
    if (rounds >= placedRounds) {
        // Kills landed inside a push and inside a pull, of a workstation and of the hub.
        QVERIFY(killsAt[0][0] > 0 && killsAt[1][0] > 0);
        QVERIFY(killsAt[0][1] > 0 && killsAt[1][1] > 0);
        QVERIFY(interrupted[0] >= 2 && interrupted[1] >= 2);
    }
    QStringList memory;
    for (qint64 kib : hubMemory)
        memory << QString::number(kib);
    qInfo("hub resident memory every 10 rounds (KiB, restarts reset it): %s", qPrintable(memory.join(QLatin1Char(' '))));
    // Everybody syncs until quiet; then every replica must agree with the hub.
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& a : agents) {
            const RunResult r = a->run(QStringLiteral("sync"), {QStringLiteral("--rounds"), QStringLiteral("3")});
            QVERIFY2(r.ok(), qPrintable(r.out + r.err));
        }
    const RunResult h = test::runProgram(test::agentBinary(), {QStringLiteral("hash"), QStringLiteral("--hub-dir"), hub.directory()});
    QVERIFY2(h.ok(), qPrintable(h.out + h.err));
    const auto expected = lineFields(h.out);
    QCOMPARE(expected.value(QStringLiteral("events")), expected.value(QStringLiteral("distinct")));
    QCOMPARE(expected.value(QStringLiteral("events")), expected.value(QStringLiteral("seqs")));
    QCOMPARE(expected.value(QStringLiteral("unsent")), QStringLiteral("0"));
    QMap<QString, QString> first;
    for (const auto& a : agents) {
        const auto got = lineFields(a->run(QStringLiteral("hash")).out);
        for (const char* key : {"events", "distinct", "unsent", "seqs", "log"})
            QCOMPARE(got.value(QLatin1String(key)), expected.value(QLatin1String(key)));
        if (first.isEmpty())
            first = got;
        QCOMPARE(got, first); // the same projections on every workstation
    }
    QVERIFY(hub.terminate());
}

QTEST_GUILESS_MAIN(TestSyncFaults)
#include "TestSyncFaults.moc"
