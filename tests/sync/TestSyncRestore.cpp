// Backup, restore and recovery against real processes: a hub backed up online while three
// workstations push, restored from that backup after more than 200 further acknowledged events,
// and the workstations bringing back everything it lost (docs/OPERATIONS.md). Damaged backups are
// refused by verify-backup and restore, and the running hub is left as it was.
#include "SyncHarness.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;
using test::Agent;
using test::HubProcess;
using test::RunResult;

namespace {
using test::lineFields;

RunResult hubCommand(const QStringList& args)
{
    return test::runProgram(test::adminBinary(), QStringList{QStringLiteral("hub")} + args);
}

QByteArray fileSha(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256) : QByteArray();
}

QMap<QString, QString> hubSummary(const HubProcess& hub)
{
    return lineFields(test::runProgram(test::agentBinary(), {QStringLiteral("hash"), QStringLiteral("--hub-dir"), hub.directory()}).out);
}
} // namespace

class TestSyncRestore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void restoreLosesNothing();
    void damagedBackupIsRefused();

private:
    /** A hub with three enrolled workstations that have synced once. */
    bool setUpHall(QString* error);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HubProcess> m_hub;
    QList<std::shared_ptr<Agent>> m_agents;
};

void TestSyncRestore::init()
{
    m_agents.clear();
    m_hub.reset();
    m_dir = std::make_unique<QTemporaryDir>();
}

bool TestSyncRestore::setUpHall(QString* error)
{
    m_hub = std::make_unique<HubProcess>(m_dir->filePath(QStringLiteral("hub")));
    if (!m_hub->init(error) || !m_hub->start(error))
        return false;
    for (const QString& name : {QStringLiteral("WS-A"), QStringLiteral("WS-B"), QStringLiteral("WS-C")}) {
        auto agent = std::make_shared<Agent>(m_dir->filePath(name + QStringLiteral(".db")), name);
        const QString code = m_hub->enrollmentCode(error);
        if (!agent->create(error) || code.isEmpty())
            return false;
        const RunResult e = agent->run(QStringLiteral("enroll"), {QStringLiteral("--hub"), m_hub->address(), QStringLiteral("--code"), code});
        const RunResult s = agent->run(QStringLiteral("sync"));
        if (!e.ok() || !s.ok()) {
            *error = e.out + e.err + s.out + s.err;
            return false;
        }
        m_agents << agent;
    }
    return true;
}

void TestSyncRestore::restoreLosesNothing()
{
    QString error;
    QVERIFY2(setUpHall(&error), qPrintable(error));
    int seed = 0;
    auto work = [&](int cases) {
        for (const auto& a : std::as_const(m_agents)) {
            const RunResult w = a->run(QStringLiteral("work"), {QStringLiteral("--cases"), QString::number(cases),
                                                                QStringLiteral("--seed"), QString::number(seed)});
            seed += cases;
            if (!w.ok())
                return w.out + w.err;
        }
        return QString();
    };
    QCOMPARE(work(15), QString());

    // The backup is taken while all three workstations push: once the hub has stored a first push.
    const qsizetype logBefore = m_hub->log().size();
    std::vector<std::unique_ptr<QProcess>> pushing;
    for (const auto& a : std::as_const(m_agents))
        pushing.push_back(a->start(QStringLiteral("sync")));
    QTRY_VERIFY_WITH_TIMEOUT(m_hub->log().mid(logBefore).contains(QStringLiteral("push from")), 30000);
    const QString backupFile = m_dir->filePath(QStringLiteral("hub-1.osbk"));
    const RunResult backup = hubCommand({QStringLiteral("backup"), QStringLiteral("--dir"), m_hub->directory(),
                                         QStringLiteral("--out"), backupFile});
    QVERIFY2(backup.ok(), qPrintable(backup.out + backup.err));
    int stillPushing = 0;
    for (const auto& p : pushing)
        stillPushing += p->state() == QProcess::Running ? 1 : 0;
    qInfo("%d of 3 workstations were still syncing when the backup was done", stillPushing);
    for (auto& p : pushing) {
        // A push that ended while the backup ran has already finished: waitForFinished() would say false.
        if (p->state() != QProcess::NotRunning)
            QVERIFY(p->waitForFinished(60000));
        QCOMPARE(p->exitStatus(), QProcess::NormalExit);
        QVERIFY2(p->exitCode() == 0, p->readAllStandardOutput().constData());
    }
    const RunResult verified = hubCommand({QStringLiteral("verify-backup"), QStringLiteral("--dir"), m_hub->directory(), backupFile});
    QVERIFY2(verified.ok(), qPrintable(verified.out + verified.err));
    QVERIFY(verified.out.contains(QStringLiteral("is whole")));
    static const QRegularExpression through(QStringLiteral("through server_seq (\\d+)"));
    const qint64 backupSeq = through.match(verified.out).captured(1).toLongLong();
    QVERIFY(backupSeq > 0);

    // More than 200 events acknowledged after the backup, and everybody holds all of them.
    while (hubSummary(*m_hub).value(QStringLiteral("seqs")).toLongLong() <= backupSeq + 200) {
        QCOMPARE(work(4), QString());
        for (const auto& a : std::as_const(m_agents))
            QVERIFY(a->run(QStringLiteral("sync")).ok());
    }
    for (const auto& a : std::as_const(m_agents))
        QVERIFY(a->run(QStringLiteral("sync")).ok());
    const auto beforeLoss = hubSummary(*m_hub);
    const qint64 acknowledged = beforeLoss.value(QStringLiteral("events")).toLongLong();
    qInfo("backup through server_seq %lld; %lld events acknowledged when the hub is lost", backupSeq, acknowledged);
    QVERIFY(acknowledged > backupSeq + 200);
    // Work the hub never saw (it is about to be lost).
    QVERIFY(m_hub->terminate());
    QCOMPARE(work(2), QString());
    qint64 unsentBefore = 0;
    qint64 highestCaseBlock = 0;
    for (const auto& a : std::as_const(m_agents)) {
        unsentBefore += lineFields(a->run(QStringLiteral("hash")).out).value(QStringLiteral("unsent")).toLongLong();
        highestCaseBlock = std::max(highestCaseBlock,
                                    lineFields(a->run(QStringLiteral("numbers")).out).value(QStringLiteral("case_block_end")).toLongLong());
    }
    QVERIFY(unsentBefore > 0);

    // Restored from the backup (the hub stopped), started again on the same port.
    const QString generationBefore = lineFields(test::runProgram(test::agentBinary(), {QStringLiteral("leases"), QStringLiteral("--hub-dir"),
                                                                                    m_hub->directory()}).out).value(QStringLiteral("generation"));
    const RunResult restored = hubCommand({QStringLiteral("restore"), QStringLiteral("--dir"), m_hub->directory(), backupFile});
    QVERIFY2(restored.ok(), qPrintable(restored.out + restored.err));
    QVERIFY(QDir(m_hub->directory()).entryList({QStringLiteral("hub.db.before-restore-*")}).size() == 1);
    const auto leases = lineFields(test::runProgram(test::agentBinary(), {QStringLiteral("leases"), QStringLiteral("--hub-dir"),
                                                                       m_hub->directory()}).out);
    QVERIFY(!leases.value(QStringLiteral("generation")).isEmpty());
    QVERIFY(leases.value(QStringLiteral("generation")) != generationBefore);
    QCOMPARE(hubSummary(*m_hub).value(QStringLiteral("seqs")).toLongLong(), backupSeq);
    QVERIFY2(m_hub->start(&error, m_hub->port()), qPrintable(error));

    // Two sync rounds of every workstation.
    int restoredSeen = 0;
    qint64 resent = 0;
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& a : std::as_const(m_agents)) {
            const RunResult r = a->run(QStringLiteral("sync"));
            QVERIFY2(r.ok(), qPrintable(r.out + r.err));
            const auto f = lineFields(r.out);
            restoredSeen += f.value(QStringLiteral("restored")).toInt();
            resent += f.value(QStringLiteral("resent")).toLongLong();
        }
    qInfo("after the restore: %d workstations saw it, %lld events pushed again", restoredSeen, resent);
    QCOMPARE(restoredSeen, 3); // each once
    QVERIFY(resent >= acknowledged - backupSeq);

    // Every event exactly once everywhere, the same order, the same projections.
    const auto expected = hubSummary(*m_hub);
    QCOMPARE(expected.value(QStringLiteral("events")).toLongLong(), acknowledged + unsentBefore);
    QCOMPARE(expected.value(QStringLiteral("events")), expected.value(QStringLiteral("distinct")));
    QCOMPARE(expected.value(QStringLiteral("events")), expected.value(QStringLiteral("seqs")));
    QCOMPARE(expected.value(QStringLiteral("unsent")), QStringLiteral("0"));
    QMap<QString, QString> first;
    for (const auto& a : std::as_const(m_agents)) {
        const auto got = lineFields(a->run(QStringLiteral("hash")).out);
        for (const char* key : {"events", "distinct", "unsent", "seqs", "log"})
            QCOMPARE(got.value(QLatin1String(key)), expected.value(QLatin1String(key)));
        if (first.isEmpty())
            first = got;
        QCOMPARE(got, first);
        // No case number twice, and the hub's next blocks lie past every block a workstation holds.
        const auto numbers = lineFields(a->run(QStringLiteral("numbers")).out);
        QVERIFY(numbers.value(QStringLiteral("cases")).toLongLong() > 0);
        QCOMPARE(numbers.value(QStringLiteral("numbered")), numbers.value(QStringLiteral("cases")));
        QCOMPARE(numbers.value(QStringLiteral("distinct")), numbers.value(QStringLiteral("cases")));
    }
    const auto after = lineFields(test::runProgram(test::agentBinary(), {QStringLiteral("leases"), QStringLiteral("--hub-dir"),
                                                                      m_hub->directory()}).out);
    QVERIFY(after.value(QStringLiteral("next_case")).toLongLong() > highestCaseBlock);
    QVERIFY(m_hub->log().contains(QStringLiteral("restored from")));
    QVERIFY(m_hub->terminate());
}

void TestSyncRestore::damagedBackupIsRefused()
{
    QString error;
    QVERIFY2(setUpHall(&error), qPrintable(error));
    QVERIFY(m_agents.first()->run(QStringLiteral("work"), {QStringLiteral("--cases"), QStringLiteral("3")}).ok());
    QVERIFY(m_agents.first()->run(QStringLiteral("sync")).ok());
    const QString good = m_dir->filePath(QStringLiteral("good.osbk"));
    QVERIFY(hubCommand({QStringLiteral("backup"), QStringLiteral("--dir"), m_hub->directory(), QStringLiteral("--out"), good}).ok());
    // A backup never overwrites a file.
    const RunResult again = hubCommand({QStringLiteral("backup"), QStringLiteral("--dir"), m_hub->directory(), QStringLiteral("--out"), good});
    QVERIFY(!again.ok() && again.err.contains(QStringLiteral("exists already")));

    QFile f(good);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    f.close();
    struct Damage
    {
        const char* name;
        QByteArray bytes;
        const char* message;
    };
    QByteArray flipped = bytes;
    flipped[bytes.size() - 3000] = char(flipped.at(bytes.size() - 3000) ^ 0x40);
    QByteArray badManifest = bytes;
    badManifest.replace(QByteArray("\"events\":"), QByteArray("\"events\"!"));
    const Damage damages[] = {
        {"flipped", flipped, "damaged"},
        {"cut", bytes.left(bytes.size() - 4096), "cut off or damaged"},
        {"manifest", badManifest, "manifest"},
        {"foreign", QByteArray("SQLite format 3") + bytes.mid(30), "not a OneSeal hub backup"},
    };
    const auto hubBefore = hubSummary(*m_hub);
    for (const Damage& d : damages) {
        const QString path = m_dir->filePath(QLatin1String(d.name) + QStringLiteral(".osbk"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly) && out.write(d.bytes) == d.bytes.size());
        out.close();
        const RunResult v = hubCommand({QStringLiteral("verify-backup"), QStringLiteral("--dir"), m_hub->directory(), path});
        QVERIFY2(!v.ok() && v.err.contains(QLatin1String(d.message)), qPrintable(QLatin1String(d.name) + v.err));
        QVERIFY(v.err.contains(QStringLiteral("The backup is refused")));
        // Refused by restore too, also with the hub stopped (the check comes before anything changes).
        const RunResult r = hubCommand({QStringLiteral("restore"), QStringLiteral("--dir"), m_hub->directory(), path});
        QVERIFY2(!r.ok() && r.err.contains(QStringLiteral("The restore is refused")), qPrintable(r.err));
    }
    // A whole backup is not restored under a running hub either, however long it has been running.
    QFile lock(m_hub->directory() + QStringLiteral("/hub.lock"));
    QVERIFY(lock.open(QIODevice::ReadWrite));
    QVERIFY(lock.setFileTime(QDateTime::currentDateTime().addSecs(-3600), QFileDevice::FileModificationTime));
    lock.close();
    const RunResult running = hubCommand({QStringLiteral("restore"), QStringLiteral("--dir"), m_hub->directory(), good});
    QVERIFY2(!running.ok() && running.err.contains(QStringLiteral("is running")), qPrintable(running.err));
    QVERIFY(m_hub->isRunning());
    QCOMPARE(hubSummary(*m_hub), hubBefore);
    QVERIFY(m_agents.at(1)->run(QStringLiteral("sync")).ok()); // the hub goes on serving

    QVERIFY(m_hub->terminate());
    const QString hubDb = m_hub->directory() + QStringLiteral("/hub.db");
    const QByteArray stopped = fileSha(hubDb);
    for (const Damage& d : damages) {
        const RunResult r = hubCommand({QStringLiteral("restore"), QStringLiteral("--dir"), m_hub->directory(),
                                        m_dir->filePath(QLatin1String(d.name) + QStringLiteral(".osbk"))});
        QVERIFY2(!r.ok() && r.err.contains(QLatin1String(d.message)), qPrintable(r.err));
    }
    QCOMPARE(QDir(m_hub->directory()).entryList({QStringLiteral("hub.db*")}), QStringList{QStringLiteral("hub.db")});
    QCOMPARE(fileSha(hubDb), stopped); // not touched
    QVERIFY2(m_hub->start(&error, m_hub->port()), qPrintable(error));
    QCOMPARE(hubSummary(*m_hub).value(QStringLiteral("log")), hubBefore.value(QStringLiteral("log")));
    QVERIFY(m_hub->terminate());
}

QTEST_GUILESS_MAIN(TestSyncRestore)
#include "TestSyncRestore.moc"
