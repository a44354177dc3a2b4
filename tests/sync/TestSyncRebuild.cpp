// A hub lost without a usable backup, rebuilt from one workstation's replica (oneseal-admin hub
// rebuild, docs/OPERATIONS.md "Rebuild"), against real processes: three workstations work, the hub
// is lost while the replica it is rebuilt from lacks events others had pushed, and all work goes on
// while it is down. After two sync rounds every workstation and the hub hold every event exactly
// once, in the same order, with the same projections, and no case number was issued twice; with
// the certificate authority kept (from an old backup) and with it lost (every workstation enrols
// again and its chain continues).
#include "SyncHarness.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;
using test::Agent;
using test::HubProcess;
using test::RunResult;
using test::lineFields;

namespace {
const QByteArray kPassword = "demo1234\n";

RunResult hubCommand(const QStringList& args, const QByteArray& input = {})
{
    return test::runProgram(test::adminBinary(), QStringList{QStringLiteral("hub")} + args, input);
}

QMap<QString, QString> hubFields(const QString& command, const HubProcess& hub)
{
    return lineFields(test::runProgram(test::agentBinary(), {command, QStringLiteral("--hub-dir"), hub.directory()}).out);
}
} // namespace

class TestSyncRebuild : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void rebuildKeepingTheCertificateAuthority();
    void rebuildWithANewCertificateAuthority();
    void rebuildRefusesWhatItCannotUse();

private:
    bool setUpHall(QString* error);
    QString work(int cases);
    /** The hall works, the hub is lost, the rebuild runs and the hall syncs twice; checks the end state. */
    void loseAndRebuild(bool keepKeys);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HubProcess> m_hub;
    QList<std::shared_ptr<Agent>> m_agents;
    int m_seed = 0;
};

void TestSyncRebuild::init()
{
    m_agents.clear();
    m_hub.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    m_seed = 0;
}

bool TestSyncRebuild::setUpHall(QString* error)
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

QString TestSyncRebuild::work(int cases)
{
    for (const auto& a : std::as_const(m_agents)) {
        const RunResult w = a->run(QStringLiteral("work"), {QStringLiteral("--cases"), QString::number(cases),
                                                            QStringLiteral("--seed"), QString::number(m_seed)});
        m_seed += cases;
        if (!w.ok())
            return w.out + w.err;
    }
    return QString();
}

void TestSyncRebuild::loseAndRebuild(bool keepKeys)
{
    QString error;
    QVERIFY2(setUpHall(&error), qPrintable(error));
    // An old backup: its events are long out of date, but it holds the hub's keys.
    const QString oldBackup = m_dir->filePath(QStringLiteral("old.osbk"));
    QVERIFY(hubCommand({QStringLiteral("backup"), QStringLiteral("--dir"), m_hub->directory(), QStringLiteral("--out"), oldBackup}).ok());
    // WS-B attaches a scan: WS-A fetches it at its next sync, so the replica holds it.
    const RunResult scanned = m_agents.at(1)->run(QStringLiteral("work"), {QStringLiteral("--cases"), QStringLiteral("1"), QStringLiteral("--seed"),
                                                                          QStringLiteral("800"), QStringLiteral("--scan-bytes"), QStringLiteral("30000")});
    QVERIFY2(scanned.ok(), qPrintable(scanned.out + scanned.err));
    const QString scanSha = lineFields(scanned.out).value(QStringLiteral("files"));
    QCOMPARE(scanSha.size(), 64);
    for (int round = 0; round < 3; ++round) {
        QCOMPARE(work(10), QString());
        for (const auto& a : std::as_const(m_agents))
            QVERIFY(a->run(QStringLiteral("sync")).ok());
    }
    QCOMPARE(lineFields(m_agents.at(0)->run(QStringLiteral("file"), {QStringLiteral("--sha"), scanSha}).out).value(QStringLiteral("sha")), scanSha);
    // WS-A pulls, then WS-B and WS-C push more: the hub acknowledges events WS-A's replica lacks.
    QVERIFY(m_agents.at(0)->run(QStringLiteral("sync")).ok());
    QCOMPARE(m_agents.at(1)->run(QStringLiteral("work"), {QStringLiteral("--cases"), QStringLiteral("6"), QStringLiteral("--seed"), QStringLiteral("900")}).exitCode, 0);
    QCOMPARE(m_agents.at(2)->run(QStringLiteral("work"), {QStringLiteral("--cases"), QStringLiteral("6"), QStringLiteral("--seed"), QStringLiteral("950")}).exitCode, 0);
    QVERIFY(m_agents.at(1)->run(QStringLiteral("sync")).ok());
    QVERIFY(m_agents.at(2)->run(QStringLiteral("sync")).ok());
    const auto beforeLoss = hubFields(QStringLiteral("hash"), *m_hub);
    const qint64 acknowledged = beforeLoss.value(QStringLiteral("events")).toLongLong();
    const qint64 replicaHeld = lineFields(m_agents.at(0)->run(QStringLiteral("hash")).out).value(QStringLiteral("events")).toLongLong();
    qInfo("%lld events acknowledged when the hub is lost; WS-A's replica holds %lld", acknowledged, replicaHeld);
    QVERIFY(replicaHeld < acknowledged);

    // The hub is lost: its database (and, without the keys, its key file) is gone; nobody has a recent backup.
    QVERIFY(m_hub->terminate());
    const QString hubDir = m_hub->directory();
    for (const QString& f : QDir(hubDir).entryList(QDir::Files))
        if (f.startsWith(QLatin1String("hub.db")) || (!keepKeys && f == QLatin1String("hub.key")))
            QVERIFY(QFile::remove(QDir(hubDir).filePath(f)));
    QCOMPARE(work(2), QString()); // the hall goes on working meanwhile
    qint64 unsentBefore = 0;
    qint64 highestCaseBlock = 0;
    for (const auto& a : std::as_const(m_agents)) {
        unsentBefore += lineFields(a->run(QStringLiteral("hash")).out).value(QStringLiteral("unsent")).toLongLong();
        highestCaseBlock = std::max(highestCaseBlock,
                                    lineFields(a->run(QStringLiteral("numbers")).out).value(QStringLiteral("case_block_end")).toLongLong());
    }

    QStringList args{QStringLiteral("rebuild"), QStringLiteral("--from"), m_agents.at(0)->db(), QStringLiteral("--dir"),
                     hubDir, QStringLiteral("--as"), QStringLiteral("admin")};
    if (keepKeys)
        args << QStringLiteral("--keys-from") << oldBackup;
    const RunResult rebuilt = hubCommand(args, kPassword);
    QVERIFY2(rebuilt.ok(), qPrintable(rebuilt.out + rebuilt.err));
    qInfo("%s", qPrintable(rebuilt.out));
    QVERIFY(rebuilt.out.contains(keepKeys ? QStringLiteral("certificate authority was kept") : QStringLiteral("new certificate authority")));
    const auto afterRebuild = hubFields(QStringLiteral("hash"), *m_hub);
    // Every event of the replica, the ones it had not pushed yet included.
    QCOMPARE(afterRebuild.value(QStringLiteral("events")),
             lineFields(m_agents.at(0)->run(QStringLiteral("hash")).out).value(QStringLiteral("events")));
    QCOMPARE(afterRebuild.value(QStringLiteral("unsent")), QStringLiteral("0"));
    QVERIFY(rebuilt.out.contains(QStringLiteral(", 1 files;")));
    const auto file = lineFields(test::runProgram(test::agentBinary(), {QStringLiteral("file"), QStringLiteral("--hub-dir"), hubDir,
                                                                        QStringLiteral("--sha"), scanSha}).out);
    QCOMPARE(file.value(QStringLiteral("sha")), scanSha); // the attached file, from the replica
    QVERIFY2(m_hub->start(&error, m_hub->port()), qPrintable(error));

    if (!keepKeys) {
        // A new CA: the workstations' pinned hub key no longer fits; each enrols again with a new code.
        const RunResult refused = m_agents.at(1)->run(QStringLiteral("sync"));
        QVERIFY2(!refused.ok(), qPrintable(refused.out));
        for (const auto& a : std::as_const(m_agents)) {
            const QString code = m_hub->enrollmentCode(&error);
            QVERIFY2(!code.isEmpty(), qPrintable(error));
            const RunResult e = a->run(QStringLiteral("enroll"), {QStringLiteral("--hub"), m_hub->address(), QStringLiteral("--code"), code});
            QVERIFY2(e.ok(), qPrintable(e.out + e.err));
        }
    }

    int restoredSeen = 0;
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& a : std::as_const(m_agents)) {
            const RunResult r = a->run(QStringLiteral("sync"));
            QVERIFY2(r.ok(), qPrintable(r.out + r.err));
            restoredSeen += lineFields(r.out).value(QStringLiteral("restored")).toInt();
        }
    QCOMPARE(restoredSeen, 3);

    const auto expected = hubFields(QStringLiteral("hash"), *m_hub);
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
        QCOMPARE(got, first); // the same projections everywhere
        const auto numbers = lineFields(a->run(QStringLiteral("numbers")).out);
        QVERIFY(numbers.value(QStringLiteral("cases")).toLongLong() > 0);
        QCOMPARE(numbers.value(QStringLiteral("numbered")), numbers.value(QStringLiteral("cases")));
        QCOMPARE(numbers.value(QStringLiteral("distinct")), numbers.value(QStringLiteral("cases")));
    }
    QVERIFY(hubFields(QStringLiteral("leases"), *m_hub).value(QStringLiteral("next_case")).toLongLong() > highestCaseBlock);
    // Work after the rebuild: new numbers from the rebuilt hub's blocks, still each once.
    QCOMPARE(work(3), QString());
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& a : std::as_const(m_agents))
            QVERIFY(a->run(QStringLiteral("sync")).ok());
    const auto final = hubFields(QStringLiteral("hash"), *m_hub);
    for (const auto& a : std::as_const(m_agents)) {
        const auto got = lineFields(a->run(QStringLiteral("hash")).out);
        QCOMPARE(got.value(QStringLiteral("log")), final.value(QStringLiteral("log")));
        const auto numbers = lineFields(a->run(QStringLiteral("numbers")).out);
        QCOMPARE(numbers.value(QStringLiteral("distinct")), numbers.value(QStringLiteral("cases")));
    }
    QVERIFY(m_hub->log().contains(QStringLiteral("restored from")));
    QVERIFY(m_hub->terminate());
}

void TestSyncRebuild::rebuildKeepingTheCertificateAuthority()
{
    loseAndRebuild(true);
}

void TestSyncRebuild::rebuildWithANewCertificateAuthority()
{
    loseAndRebuild(false);
}

void TestSyncRebuild::rebuildRefusesWhatItCannotUse()
{
    QString error;
    QVERIFY2(setUpHall(&error), qPrintable(error));
    QCOMPARE(work(2), QString());
    QVERIFY(m_agents.at(0)->run(QStringLiteral("sync")).ok());
    const QString hubDir = m_hub->directory();
    const QStringList base{QStringLiteral("rebuild"), QStringLiteral("--from"), m_agents.at(0)->db(),
                           QStringLiteral("--dir"), hubDir, QStringLiteral("--as"), QStringLiteral("admin")};
    // Over a running hub, or over a hub database that is there: refused, nothing touched.
    const RunResult running = hubCommand(base, kPassword);
    QVERIFY2(!running.ok() && running.err.contains(QStringLiteral("stop it first")), qPrintable(running.err));
    QVERIFY(m_hub->terminate());
    const RunResult present = hubCommand(base, kPassword);
    QVERIFY2(!present.ok() && present.err.contains(QStringLiteral("never replaces")), qPrintable(present.err));
    // A wrong password of the replica.
    const QString other = m_dir->filePath(QStringLiteral("other"));
    const RunResult wrong = hubCommand({QStringLiteral("rebuild"), QStringLiteral("--from"), m_agents.at(0)->db(),
                                        QStringLiteral("--dir"), other, QStringLiteral("--as"), QStringLiteral("admin")},
                                       "wrong-password\n");
    QVERIFY(!wrong.ok());
    QVERIFY(!QFile::exists(other + QStringLiteral("/hub.db")));
    // Keys from a file that holds none: refused, and nothing is left in the new folder.
    QDir().mkpath(other);
    QVERIFY(QFile::copy(hubDir + QStringLiteral("/hub.key"), other + QStringLiteral("/hub.key")));
    QFile::setPermissions(other + QStringLiteral("/hub.key"), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QString junk = m_dir->filePath(QStringLiteral("junk.db"));
    QFile j(junk);
    QVERIFY(j.open(QIODevice::WriteOnly) && j.write(QByteArray(8192, 'x')) == 8192);
    j.close();
    const RunResult noKeys = hubCommand({QStringLiteral("rebuild"), QStringLiteral("--from"), m_agents.at(0)->db(),
                                         QStringLiteral("--dir"), other, QStringLiteral("--as"), QStringLiteral("admin"),
                                         QStringLiteral("--keys-from"), junk},
                                        kPassword);
    QVERIFY2(!noKeys.ok() && noKeys.err.contains(QStringLiteral("The rebuild is refused")), qPrintable(noKeys.err));
    QCOMPARE(QDir(other).entryList({QStringLiteral("hub.db*")}), QStringList());
    // A hub's own database is not a replica.
    const RunResult hubAsReplica = hubCommand({QStringLiteral("rebuild"), QStringLiteral("--from"), hubDir + QStringLiteral("/hub.db"),
                                               QStringLiteral("--dir"), other, QStringLiteral("--as"), QStringLiteral("admin")},
                                              kPassword);
    QVERIFY(!hubAsReplica.ok());
    QCOMPARE(QDir(other).entryList({QStringLiteral("hub.db*")}), QStringList());
}

QTEST_GUILESS_MAIN(TestSyncRebuild)
#include "TestSyncRebuild.moc"
