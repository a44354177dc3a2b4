// Issue 14 item 6 with a real hub: a holiday calendar year imported at the hub
// (`oneseal-admin hub calendar-import`) reaches a workstation over the network and another one by
// USB bundle; bad files are refused at the hub and at a workstation with a message, nothing changed.
#include "SyncHarness.h"
#include "SyncTestSupport.h"
#include "TestConfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;
using test::Agent;
using test::HubProcess;
using test::RunResult;

namespace {
const QString kFixture = QStringLiteral(ONESEAL_SOURCE_DIR "/tests/data/holidays/2027-fixture.json");
const QByteArray kPassword = "demo1234\n";

/** The calendar years a workstation database holds, as `oneseal-admin info` lists them. */
QString calendarYears(const QString& db)
{
    const RunResult r
        = test::runProgram(test::adminBinary(), { QStringLiteral("info"), QStringLiteral("--db"), db }, kPassword);
    for (const QString& line : r.out.split(QLatin1Char('\n')))
        if (line.startsWith(QLatin1String("Holiday calendar years: ")))
            return line.mid(24);
    return r.out + r.err;
}
} // namespace

class TestSyncCalendar : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void badFilesAreRefused();
    void aYearImportedAtTheHubTravelsByNetworkAndBundle();

private:
    Agent* addWorkstation(const QString& name, bool sync);

    QTemporaryDir m_dir;
    std::unique_ptr<HubProcess> m_hub;
    QList<std::shared_ptr<Agent>> m_agents;
};

void TestSyncCalendar::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_hub = std::make_unique<HubProcess>(m_dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(m_hub->init(&error), qPrintable(error));
    QVERIFY2(m_hub->start(&error), qPrintable(error));
}

void TestSyncCalendar::cleanupTestCase()
{
    if (m_hub && m_hub->isRunning())
        QVERIFY2(m_hub->terminate(), qPrintable(m_hub->log().right(2000)));
}

Agent* TestSyncCalendar::addWorkstation(const QString& name, bool sync)
{
    auto agent = std::make_shared<Agent>(m_dir.filePath(name + QStringLiteral(".db")), name);
    QString error;
    if (!agent->create(&error)) {
        qWarning("create %s: %s", qPrintable(name), qPrintable(error));
        return nullptr;
    }
    const QString code = m_hub->enrollmentCode(&error);
    const RunResult r = agent->run(
        QStringLiteral("enroll"), { QStringLiteral("--hub"), m_hub->address(), QStringLiteral("--code"), code });
    if (code.isEmpty() || !r.ok()) {
        qWarning("enroll %s: %s %s %s", qPrintable(name), qPrintable(error), qPrintable(r.out), qPrintable(r.err));
        return nullptr;
    }
    if (sync && !agent->run(QStringLiteral("sync")).ok())
        return nullptr;
    m_agents << agent;
    return agent.get();
}

void TestSyncCalendar::badFilesAreRefused()
{
    const QString placeholder = m_dir.filePath(QStringLiteral("2027-placeholder.json"));
    QFile f(placeholder);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"year\": 2027, \"papers\": [], \"days\": []}");
    f.close();
    const QString broken = m_dir.filePath(QStringLiteral("broken.json"));
    QFile b(broken);
    QVERIFY(b.open(QIODevice::WriteOnly));
    b.write("{\"year\": 2027, \"days\": [");
    b.close();

    RunResult r = m_hub->admin({ QStringLiteral("calendar-import"), placeholder });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("not published yet")), qPrintable(r.err));
    r = m_hub->admin({ QStringLiteral("calendar-import"), broken });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("not valid JSON")), qPrintable(r.err));

    // The same at a workstation of its own, and nothing stored there.
    Agent* ws = addWorkstation(QStringLiteral("WS-LOCAL"), false);
    QVERIFY(ws);
    r = test::runProgram(test::adminBinary(),
        { QStringLiteral("calendar-import"), QStringLiteral("--db"), ws->db(), placeholder }, kPassword);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("not published yet")), qPrintable(r.err));
    QVERIFY2(!calendarYears(ws->db()).contains(QLatin1String("2027")), qPrintable(calendarYears(ws->db())));
}

void TestSyncCalendar::aYearImportedAtTheHubTravelsByNetworkAndBundle()
{
    Agent* online = addWorkstation(QStringLiteral("WS-CITY"), true);
    Agent* offline = addWorkstation(QStringLiteral("WS-COUNTY"), true);
    QVERIFY(online && offline);
    QVERIFY(calendarYears(online->db()).endsWith(QLatin1String("2026")));

    const RunResult imported = m_hub->admin({ QStringLiteral("calendar-import"), kFixture });
    QVERIFY2(imported.ok(), qPrintable(imported.out + imported.err));
    QVERIFY2(imported.out.contains(QLatin1String("holiday calendar for 2027")), qPrintable(imported.out));

    // Over the network with the next round.
    const RunResult s = online->run(QStringLiteral("sync"));
    QVERIFY2(s.ok(), qPrintable(s.out + s.err));
    QVERIFY2(
        calendarYears(online->db()).endsWith(QLatin1String("2026, 2027")), qPrintable(calendarYears(online->db())));

    // By USB bundle, without network.
    QVERIFY(!calendarYears(offline->db()).contains(QLatin1String("2027")));
    const QString down = m_dir.filePath(QStringLiteral("down.osb"));
    RunResult r = test::runProgram(test::adminBinary(),
        { QStringLiteral("bundle"), QStringLiteral("export"), QStringLiteral("--hub-dir"), m_hub->directory(),
            QStringLiteral("--workstation"), offline->workstation(), QStringLiteral("--file"), down },
        kPassword);
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    r = test::runProgram(test::adminBinary(),
        { QStringLiteral("bundle"), QStringLiteral("import"), QStringLiteral("--db"), offline->db(),
            QStringLiteral("--file"), down },
        kPassword);
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY2(
        calendarYears(offline->db()).endsWith(QLatin1String("2026, 2027")), qPrintable(calendarYears(offline->db())));
}

QTEST_GUILESS_MAIN(TestSyncCalendar)
#include "TestSyncCalendar.moc"
