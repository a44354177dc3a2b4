// Sync with a real hub process on loopback and workstations as separate processes (ws_agent).
#include "RawClient.h"
#include "SyncHarness.h"
#include "TestConfig.h"

#include "core/Clock.h"
#include "core/Crypto.h"
#include "db/Database.h"
#include "protocol/Frame.h"
#include "hub/HubStore.h"
#include "protocol/Pki.h"
#include "protocol/Protocol.h"
#include "sync/SyncClient.h"

#include <QCborArray>
#include <QFile>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;
using test::Agent;
using test::HubProcess;
using test::RunResult;

namespace {
using test::lineFields;

QString hubSummary(const HubProcess& hub)
{
    return test::runProgram(test::agentBinary(), {QStringLiteral("hash"), QStringLiteral("--hub-dir"), hub.directory()}).out;
}

using test::RawClient;

using test::workstationCredentials;
} // namespace

class TestSyncHub : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void twoWorkstationsWorkOfflineAndConverge();
    void threeWorkstationsOneClockADayAheadConverge();
    void contradictoryDecisionsAreAConflictEverywhereUntilResolved();
    void attachedFilesTravelInChunks();
    void enrollmentCodesAreOneTime();
    void refusedCertificatesAndFrames();
    void revokedWorkstationIsRefused();
    void bundlesMoveEventsWithoutNetwork();
    void lastSuccessIsStoredAtMostOnceAMinute();
    void hubDatabaseIsEncryptedAndStopsCleanly();

private:
    Agent* addWorkstation(const QString& name);
    void syncAll(const QList<Agent*>& agents);
    void expectConverged(const QList<Agent*>& agents);

    QTemporaryDir m_dir;
    std::unique_ptr<HubProcess> m_hub;
    QList<std::shared_ptr<Agent>> m_agents;
};

void TestSyncHub::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_hub = std::make_unique<HubProcess>(m_dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(m_hub->init(&error), qPrintable(error));
    QVERIFY2(m_hub->start(&error), qPrintable(error));
    QVERIFY(m_hub->port() > 0);
}

void TestSyncHub::cleanupTestCase()
{
    if (m_hub && m_hub->isRunning())
        QVERIFY2(m_hub->terminate(), qPrintable(m_hub->log().right(2000)));
}

Agent* TestSyncHub::addWorkstation(const QString& name)
{
    auto agent = std::make_shared<Agent>(m_dir.filePath(name + QStringLiteral(".db")), name);
    QString error;
    if (!agent->create(&error)) {
        qWarning("create %s: %s", qPrintable(name), qPrintable(error));
        return nullptr;
    }
    const QString code = m_hub->enrollmentCode(&error);
    if (code.isEmpty()) {
        qWarning("code: %s", qPrintable(error));
        return nullptr;
    }
    const RunResult r = agent->run(QStringLiteral("enroll"), {QStringLiteral("--hub"), m_hub->address(), QStringLiteral("--code"), code});
    if (!r.ok()) {
        qWarning("enroll %s: %s %s", qPrintable(name), qPrintable(r.out), qPrintable(r.err));
        return nullptr;
    }
    // The first round brings the catalog, the users and the number blocks.
    const RunResult s = agent->run(QStringLiteral("sync"));
    if (!s.ok() || lineFields(s.out).value(QStringLiteral("leases")) != QLatin1String("2")
        || lineFields(s.out).value(QStringLiteral("catalogs")).toInt() < 1) {
        qWarning("first sync of %s: %s %s", qPrintable(name), qPrintable(s.out), qPrintable(s.err));
        return nullptr;
    }
    m_agents << agent;
    return agent.get();
}

void TestSyncHub::syncAll(const QList<Agent*>& agents)
{
    // Two passes: after the first every event is at the hub, after the second everywhere.
    for (int pass = 0; pass < 2; ++pass)
        for (Agent* a : agents) {
            const RunResult r = a->run(QStringLiteral("sync"), {QStringLiteral("--rounds"), QStringLiteral("3")});
            QVERIFY2(r.ok(), qPrintable(a->workstation() + QLatin1Char(' ') + r.out + r.err));
        }
}

void TestSyncHub::expectConverged(const QList<Agent*>& agents)
{
    const QString hub = hubSummary(*m_hub);
    QVERIFY2(hub.startsWith(QStringLiteral("ok ")), qPrintable(hub));
    const auto expected = lineFields(hub);
    QCOMPARE(expected.value(QStringLiteral("events")), expected.value(QStringLiteral("distinct")));
    QCOMPARE(expected.value(QStringLiteral("events")), expected.value(QStringLiteral("seqs")));
    QCOMPARE(expected.value(QStringLiteral("unsent")), QStringLiteral("0"));
    for (Agent* a : agents) {
        const RunResult r = a->run(QStringLiteral("hash"));
        QVERIFY2(r.ok(), qPrintable(r.out + r.err));
        auto got = lineFields(r.out);
        // Same events as the hub, each once, in the same order; the hub folds no projections, so
        // the workstations' projections are compared with each other.
        QCOMPARE(got.value(QStringLiteral("log")), expected.value(QStringLiteral("log")));
        for (const char* key : {"events", "distinct", "unsent", "seqs"})
            QCOMPARE(got.value(QLatin1String(key)), expected.value(QLatin1String(key)));
        if (agents.size() > 1 && a != agents.first())
            QCOMPARE(got, lineFields(agents.first()->run(QStringLiteral("hash")).out));
    }
}

void TestSyncHub::twoWorkstationsWorkOfflineAndConverge()
{
    Agent* a = addWorkstation(QStringLiteral("WS-A"));
    Agent* b = addWorkstation(QStringLiteral("WS-B"));
    QVERIFY(a && b);
    // The hub goes away; both keep working (two applicants come to both windows).
    QVERIFY2(m_hub->terminate(), qPrintable(m_hub->log().right(2000)));
    QVERIFY(a->run(QStringLiteral("work"), {QStringLiteral("--cases"), QStringLiteral("4"), QStringLiteral("--seed"), QStringLiteral("0")}).ok());
    QVERIFY(b->run(QStringLiteral("work"), {QStringLiteral("--cases"), QStringLiteral("4"), QStringLiteral("--seed"), QStringLiteral("2")}).ok());
    const RunResult offline = a->run(QStringLiteral("sync"));
    QCOMPARE(offline.exitCode, 3); // no hub: an error, nothing lost
    QVERIFY(lineFields(a->run(QStringLiteral("hash")).out).value(QStringLiteral("unsent")).toInt() >= 4);
    QString error;
    const quint16 port = m_hub->port();
    QVERIFY2(m_hub->start(&error, port), qPrintable(error));
    syncAll({a, b});
    expectConverged({a, b});
    const auto summary = lineFields(a->run(QStringLiteral("hash")).out);
    QCOMPARE(summary.value(QStringLiteral("conflicts")), QStringLiteral("0"));
    // Pushing again changes nothing: acknowledged, not applied twice.
    const RunResult again = a->run(QStringLiteral("sync"));
    QVERIFY(again.ok());
    QCOMPARE(lineFields(again.out).value(QStringLiteral("pushed")), QStringLiteral("0"));
    QCOMPARE(lineFields(again.out).value(QStringLiteral("pulled")), QStringLiteral("0"));
    expectConverged({a, b});
}

void TestSyncHub::threeWorkstationsOneClockADayAheadConverge()
{
    Agent* c = addWorkstation(QStringLiteral("WS-C"));
    QVERIFY(c);
    QList<Agent*> all;
    for (const auto& a : m_agents)
        all << a.get();
    const QString day = QString::number(24LL * 3600 * 1000);
    QVERIFY(all.at(0)->run(QStringLiteral("work"), {QStringLiteral("--cases"), QStringLiteral("3"), QStringLiteral("--seed"), QStringLiteral("20")}).ok());
    QVERIFY(all.at(1)->run(QStringLiteral("work"), {QStringLiteral("--cases"), QStringLiteral("3"), QStringLiteral("--seed"), QStringLiteral("30")}).ok());
    const RunResult w = c->run(QStringLiteral("work"), {QStringLiteral("--cases"), QStringLiteral("3"), QStringLiteral("--seed"), QStringLiteral("21"), QStringLiteral("--skew-ms"), day});
    QVERIFY2(w.ok(), qPrintable(w.out));
    const RunResult s = c->run(QStringLiteral("sync"), {QStringLiteral("--skew-ms"), day});
    QVERIFY2(s.ok(), qPrintable(s.out + s.err));
    QCOMPARE(lineFields(s.out).value(QStringLiteral("clock_ahead")), QStringLiteral("1"));
    QTRY_VERIFY(m_hub->log().contains(QStringLiteral("clock of WS-C is more than")));
    syncAll(all);
    expectConverged(all);
}

void TestSyncHub::contradictoryDecisionsAreAConflictEverywhereUntilResolved()
{
    QVERIFY(m_agents.size() >= 2);
    Agent* a = m_agents.at(0).get();
    Agent* b = m_agents.at(1).get();
    const RunResult work = a->run(QStringLiteral("work"), {QStringLiteral("--cases"), QStringLiteral("1"), QStringLiteral("--seed"), QStringLiteral("50")});
    QVERIFY(work.ok());
    const QString caseId = lineFields(work.out).value(QStringLiteral("cases"));
    QVERIFY(!caseId.isEmpty());
    syncAll({a, b});
    // Apart: one approves, the other refuses.
    const RunResult approved = a->run(QStringLiteral("decide"), {QStringLiteral("--case"), caseId, QStringLiteral("--kind"), QStringLiteral("decision.approved")});
    QVERIFY(approved.ok());
    const RunResult refused = b->run(QStringLiteral("decide"), {QStringLiteral("--case"), caseId, QStringLiteral("--kind"), QStringLiteral("decision.refused")});
    QVERIFY(refused.ok());
    QCOMPARE(lineFields(a->run(QStringLiteral("hash")).out).value(QStringLiteral("conflicts")), QStringLiteral("0"));
    QList<Agent*> all;
    for (const auto& x : m_agents)
        all << x.get();
    syncAll(all);
    expectConverged(all);
    const QStringList caseArg{QStringLiteral("--case"), caseId};
    for (Agent* x : all) {
        QCOMPARE(lineFields(x->run(QStringLiteral("hash")).out).value(QStringLiteral("conflicts")), QStringLiteral("1"));
        const RunResult open = x->run(QStringLiteral("conflicts"));
        QVERIFY2(open.out.contains(caseId + QStringLiteral("/decision/")), qPrintable(open.out));
        // The case is in conflict on every replica and waits for a supervisor.
        const auto status = lineFields(x->run(QStringLiteral("status"), caseArg).out);
        QCOMPARE(status.value(QStringLiteral("status")), QStringLiteral("conflict"));
        QCOMPARE(status.value(QStringLiteral("waiting")), QStringLiteral("supervisor"));
    }
    // A supervisor keeps the approval, which the hub received first: the refusal, later in the
    // fold, no longer counts; after sync the conflict is resolved everywhere.
    const QString keep = lineFields(approved.out).value(QStringLiteral("event"));
    const RunResult bad = a->run(QStringLiteral("resolve"), {QStringLiteral("--case"), caseId, QStringLiteral("--kind"), QStringLiteral("decision"), QStringLiteral("--keep"), caseId});
    QCOMPARE(bad.exitCode, 3);
    const RunResult resolved = a->run(QStringLiteral("resolve"), {QStringLiteral("--case"), caseId, QStringLiteral("--kind"), QStringLiteral("decision"), QStringLiteral("--keep"), keep});
    QVERIFY2(resolved.ok(), qPrintable(resolved.out));
    syncAll(all);
    expectConverged(all);
    for (Agent* x : all) {
        QCOMPARE(lineFields(x->run(QStringLiteral("hash")).out).value(QStringLiteral("conflicts")), QStringLiteral("0"));
        const auto status = lineFields(x->run(QStringLiteral("status"), caseArg).out);
        QVERIFY(status.value(QStringLiteral("status")) != QLatin1String("conflict"));
        QCOMPARE(status.value(QStringLiteral("decision")), QStringLiteral("approved"));
    }
}

void TestSyncHub::attachedFilesTravelInChunks()
{
    QVERIFY(m_agents.size() >= 2);
    Agent* a = m_agents.at(0).get();
    Agent* b = m_agents.at(1).get();
    // A scan of 2.5 MB: three chunks of at most 1 MiB each way.
    const RunResult work = a->run(QStringLiteral("work"), {QStringLiteral("--cases"), QStringLiteral("1"), QStringLiteral("--seed"),
                                                          QStringLiteral("170"), QStringLiteral("--scan-bytes"), QStringLiteral("2500000")});
    QVERIFY2(work.ok(), qPrintable(work.out + work.err));
    const QString sha = lineFields(work.out).value(QStringLiteral("files"));
    QCOMPARE(sha.size(), 64);
    const QStringList shaArg{QStringLiteral("--sha"), sha};
    QCOMPARE(lineFields(b->run(QStringLiteral("file"), shaArg).out).value(QStringLiteral("absent")), QStringLiteral("1"));
    // b syncs first: the case arrives, its file is not at the hub yet; nothing fails.
    const RunResult early = b->run(QStringLiteral("sync"));
    QVERIFY2(early.ok(), qPrintable(early.out + early.err));
    syncAll({a, b});
    const auto atHub = lineFields(test::runProgram(test::agentBinary(), QStringList{QStringLiteral("file"), QStringLiteral("--hub-dir"), m_hub->directory()} + shaArg).out);
    QCOMPARE(atHub.value(QStringLiteral("size")), QStringLiteral("2500000"));
    QCOMPARE(atHub.value(QStringLiteral("sha")), sha);
    const auto atB = lineFields(b->run(QStringLiteral("file"), shaArg).out);
    QCOMPARE(atB.value(QStringLiteral("size")), QStringLiteral("2500000"));
    QCOMPARE(atB.value(QStringLiteral("sha")), sha);
    // Another round moves nothing again.
    const RunResult again = b->run(QStringLiteral("sync"));
    QVERIFY2(again.ok(), qPrintable(again.out));
    QCOMPARE(lineFields(again.out).value(QStringLiteral("files_received")), QStringLiteral("0"));
}

void TestSyncHub::enrollmentCodesAreOneTime()
{
    Agent x(m_dir.filePath(QStringLiteral("WS-X.db")), QStringLiteral("WS-X"));
    Agent y(m_dir.filePath(QStringLiteral("WS-Y.db")), QStringLiteral("WS-Y"));
    QString error;
    QVERIFY(x.create(&error) && y.create(&error));
    const RunResult wrong = x.run(QStringLiteral("enroll"), {QStringLiteral("--hub"), m_hub->address(), QStringLiteral("--code"), QStringLiteral("AAAA-BBBB-CCCC-DDDD-EEEE")});
    QCOMPARE(wrong.exitCode, 3);
    QTRY_VERIFY(m_hub->log().contains(QStringLiteral("refused enrollment of WS-X")));
    const QString bound = m_hub->enrollmentCode(&error, QStringLiteral("WS-Z"));
    const RunResult other = x.run(QStringLiteral("enroll"), {QStringLiteral("--hub"), m_hub->address(), QStringLiteral("--code"), bound});
    QCOMPARE(other.exitCode, 3);
    QVERIFY2(other.out.contains(QStringLiteral("WS-Z")), qPrintable(other.out));
    const QString code = m_hub->enrollmentCode(&error);
    QVERIFY(x.run(QStringLiteral("enroll"), {QStringLiteral("--hub"), m_hub->address(), QStringLiteral("--code"), code}).ok());
    const RunResult reused = y.run(QStringLiteral("enroll"), {QStringLiteral("--hub"), m_hub->address(), QStringLiteral("--code"), code});
    QCOMPARE(reused.exitCode, 3);
    // A name already enrolled cannot be taken by another machine, even with a fresh code.
    Agent clone(m_dir.filePath(QStringLiteral("WS-X-clone.db")), QStringLiteral("WS-X"));
    QVERIFY(clone.create(&error));
    const RunResult taken = clone.run(QStringLiteral("enroll"), {QStringLiteral("--hub"), m_hub->address(), QStringLiteral("--code"), m_hub->enrollmentCode(&error)});
    QCOMPARE(taken.exitCode, 3);
    QVERIFY(taken.out.contains(QStringLiteral("enrolled already")));
}

void TestSyncHub::refusedCertificatesAndFrames()
{
    QVERIFY(!m_agents.isEmpty());
    const QString db = m_agents.at(0)->db();
    const auto [cert, key] = workstationCredentials(db);
    QVERIFY(!cert.isEmpty() && !key.isEmpty());
    const quint16 port = m_hub->port();

    { // No certificate: only enrollment.
        RawClient c;
        QVERIFY(c.connect(port));
        c.send(sync::Frame::encode({{sync::msg::type, sync::msg::pull}, {sync::msg::number, 1}, {sync::msg::after, 0}}));
        QCOMPARE(c.receive().value(sync::msg::type).toString(), sync::msg::error);
        QVERIFY(c.closedByHub());
    }
    { // A certificate from another CA.
        QString error;
        const QByteArray otherCaKey = sync::Pki::generateEcKey();
        const QByteArray otherCa = sync::Pki::createCaCertificate(otherCaKey, QStringLiteral("Rogue"), 1, &error);
        const QByteArray rogueKey = sync::Pki::generateEcKey();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QByteArray rogue = sync::Pki::issueCertificate(otherCaKey, otherCa, sync::Pki::publicKey(rogueKey),
                                                             m_agents.at(0)->workstation(), now.addDays(-1), now.addDays(1),
                                                             false, {}, &error);
        RawClient c;
        if (c.connect(port, rogue, rogueKey)) {
            const QCborMap reply = c.receive();
            QVERIFY(reply.isEmpty() || reply.value(sync::msg::type).toString() == sync::msg::error);
            QVERIFY(c.closedByHub());
        }
        QTRY_VERIFY(m_hub->log().contains(QStringLiteral("not issued by this hall")));
    }
    { // Our CA, but expired.
        QString error;
        auto hub = sync::HubStore::open(m_hub->directory(), &error);
        QVERIFY2(hub, qPrintable(error));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QByteArray expired = sync::Pki::issueCertificate(hub->caKey(), hub->caCertificate(), sync::Pki::publicKey(key),
                                                               m_agents.at(0)->workstation(), now.addDays(-30),
                                                               now.addDays(-1), false, {}, &error);
        hub.reset();
        RawClient c;
        if (c.connect(port, expired, key))
            QVERIFY(c.closedByHub());
        QTRY_VERIFY(m_hub->log().contains(QStringLiteral("expired")));
    }
    { // A replayed frame closes the connection.
        RawClient c;
        QVERIFY(c.connect(port, cert, key));
        const QByteArray hello = sync::Frame::encode({{sync::msg::type, sync::msg::hello},
                                                      {sync::msg::number, 1},
                                                      {sync::msg::workstation, m_agents.at(0)->workstation()}});
        c.send(hello);
        QCOMPARE(c.receive().value(sync::msg::type).toString(), sync::msg::welcome);
        c.send(hello);
        const QCborMap reply = c.receive();
        QCOMPARE(reply.value(sync::msg::reason).toString(), sync::msg::replayed);
        QVERIFY(c.closedByHub());
    }
    { // A tampered event is refused and not stored.
        RawClient c;
        QVERIFY(c.connect(port, cert, key));
        core::Event e;
        e.id = QUuid::createUuid();
        e.caseId = QStringLiteral("forged-case");
        e.kind = QStringLiteral("decision.approved");
        e.setPayload({});
        e.userId = QStringLiteral("x");
        e.workstation = m_agents.at(0)->workstation();
        e.hlc = 1;
        e.recordedAt = QDateTime::currentDateTimeUtc();
        e.hash = e.computeHash();
        e.setPayload({{QStringLiteral("changed"), true}});
        c.send(sync::Frame::encode({{sync::msg::type, sync::msg::push},
                                    {sync::msg::number, 1},
                                    {sync::msg::list, QCborArray{sync::Protocol::encodeEvent(e)}}}));
        QCOMPARE(c.receive().value(sync::msg::reason).toString(), sync::msg::invalidEvent);
        QVERIFY(c.closedByHub());
        QVERIFY(!hubSummary(*m_hub).isEmpty());
        QString error;
        auto hub = sync::HubStore::open(m_hub->directory(), &error);
        QVERIFY(hub);
        QVERIFY(!hub->events().event(e.id));
    }
    { // Garbage, and an oversized frame, and a frame cut off mid-way: that connection only.
        RawClient garbage;
        QVERIFY(garbage.connect(port, cert, key));
        garbage.send(QByteArray::fromHex("00000010ffffffffffffffffffffffffffffffff"));
        QVERIFY(garbage.closedByHub());
        RawClient huge;
        QVERIFY(huge.connect(port, cert, key));
        huge.send(QByteArray::fromHex("7fffffff") + QByteArray(1000, 'x'));
        QVERIFY(huge.closedByHub());
        // A frame cut off mid-way: the hub answers nothing to the piece it has, and drops it with the
        // connection when the client is gone.
        RawClient cut;
        QVERIFY(cut.connect(port, cert, key));
        const QString cutPeer = QStringLiteral("127.0.0.1:%1").arg(cut.socket.localPort());
        cut.send(sync::Frame::encode({{sync::msg::type, sync::msg::hello}, {sync::msg::number, 1}}).left(7));
        QVERIFY(cut.receive(1500).isEmpty());
        QCOMPARE(cut.socket.state(), QAbstractSocket::ConnectedState); // waiting for the rest, not refusing at random
        cut.socket.abort();
        QTRY_VERIFY_WITH_TIMEOUT(m_hub->log().contains(QStringLiteral("from %1 inside a frame: 7 bytes of it dropped")
                                                           .arg(cutPeer)),
                                 10000);
        // Not even TLS: the handshake fails and the hub closes the connection.
        QTcpSocket tcp;
        tcp.connectToHost(QStringLiteral("127.0.0.1"), port);
        QVERIFY(tcp.waitForConnected(5000));
        const QString tcpPeer = QStringLiteral("127.0.0.1:%1").arg(tcp.localPort());
        tcp.write("GET / HTTP/1.0\r\n\r\n");
        QVERIFY(tcp.state() == QAbstractSocket::UnconnectedState || tcp.waitForDisconnected(15000));
        QTRY_VERIFY_WITH_TIMEOUT(m_hub->log().contains(QStringLiteral("TLS handshake failed with %1 :").arg(tcpPeer)),
                                 10000);
    }
    { // Many failed handshakes (port scanners, half-open clients) must not block the listener.
        std::vector<std::unique_ptr<QTcpSocket>> noise;
        for (int i = 0; i < 60; ++i) {
            auto s = std::make_unique<QTcpSocket>();
            s->connectToHost(QStringLiteral("127.0.0.1"), port);
            if (s->waitForConnected(5000)) {
                s->write(QByteArray(64, char(0x16 + i % 3)));
                s->flush();
            }
            noise.push_back(std::move(s));
        }
        for (auto& s : noise)
            s->abort();
    }
    QVERIFY(m_hub->isRunning());
    // The hub still serves everybody else.
    const RunResult r = m_agents.at(0)->run(QStringLiteral("sync"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
}

void TestSyncHub::revokedWorkstationIsRefused()
{
    Agent* r = addWorkstation(QStringLiteral("WS-R"));
    QVERIFY(r);
    const RunResult revoke = m_hub->admin({QStringLiteral("revoke"), QStringLiteral("--workstation"), QStringLiteral("WS-R"), QStringLiteral("--reason"), QStringLiteral("stolen")});
    QVERIFY2(revoke.ok(), qPrintable(revoke.err));
    const RunResult s = r->run(QStringLiteral("sync"));
    QCOMPARE(s.exitCode, 3);
    QTRY_VERIFY(m_hub->log().contains(QStringLiteral("was revoked: stolen")));
    m_agents.removeLast(); // no longer part of the hall
}

void TestSyncHub::bundlesMoveEventsWithoutNetwork()
{
    Agent* county = addWorkstation(QStringLiteral("WS-COUNTY"));
    QVERIFY(county);
    // The county's cases carry scans; the bundles carry the files both ways.
    const RunResult countyWork = county->run(QStringLiteral("work"), {QStringLiteral("--cases"), QStringLiteral("3"), QStringLiteral("--seed"), QStringLiteral("70"),
                                                                     QStringLiteral("--scan-bytes"), QStringLiteral("300000")});
    QVERIFY2(countyWork.ok(), qPrintable(countyWork.out + countyWork.err));
    const QStringList countyFiles = lineFields(countyWork.out).value(QStringLiteral("files")).split(QLatin1Char(','));
    QCOMPARE(countyFiles.size(), 3);
    const RunResult cityWork = m_agents.at(0)->run(QStringLiteral("work"), {QStringLiteral("--cases"), QStringLiteral("1"), QStringLiteral("--seed"), QStringLiteral("270"),
                                                                          QStringLiteral("--scan-bytes"), QStringLiteral("200000")});
    QVERIFY2(cityWork.ok(), qPrintable(cityWork.out + cityWork.err));
    const QString cityFile = lineFields(cityWork.out).value(QStringLiteral("files"));
    QVERIFY(m_agents.at(0)->run(QStringLiteral("sync")).ok());
    const auto fileAt = [](const QStringList& where, const QString& sha) {
        return lineFields(test::runProgram(test::agentBinary(), QStringList{QStringLiteral("file")} + where + QStringList{QStringLiteral("--sha"), sha}).out);
    };
    const QString up = m_dir.filePath(QStringLiteral("up.osb"));
    const QString down = m_dir.filePath(QStringLiteral("down.osb"));
    const QByteArray pw = "demo1234\n";
    RunResult r = test::runProgram(test::adminBinary(), {QStringLiteral("bundle"), QStringLiteral("export"), QStringLiteral("--db"), county->db(), QStringLiteral("--file"), up}, pw);
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    static const QRegularExpression wrote(QStringLiteral("Wrote (\\d+) unsent events"));
    const QString written = wrote.match(r.out).captured(1);
    QVERIFY2(written.toInt() >= 6, qPrintable(r.out)); // 3 cases: applicants and intakes
    // Tampered on the way: refused, nothing stored.
    QFile f(up);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray bytes = f.readAll();
    f.close();
    const QString tampered = m_dir.filePath(QStringLiteral("tampered.osb"));
    bytes[bytes.size() - 100] = char(bytes.at(bytes.size() - 100) ^ 0x40);
    QFile t(tampered);
    QVERIFY(t.open(QIODevice::WriteOnly));
    t.write(bytes);
    t.close();
    const QString before = hubSummary(*m_hub);
    r = test::runProgram(test::adminBinary(), {QStringLiteral("bundle"), QStringLiteral("import"), QStringLiteral("--hub-dir"), m_hub->directory(), QStringLiteral("--file"), tampered}, pw);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(hubSummary(*m_hub), before);
    // Imported twice: the second time stores nothing.
    for (const QString& expected : {QStringLiteral("Imported %1 events").arg(written), QStringLiteral("Imported 0 events")}) {
        r = test::runProgram(test::adminBinary(), {QStringLiteral("bundle"), QStringLiteral("import"), QStringLiteral("--hub-dir"), m_hub->directory(), QStringLiteral("--file"), up}, pw);
        QVERIFY2(r.ok(), qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(expected), qPrintable(r.out));
    }
    for (const QString& sha : countyFiles)
        QCOMPARE(fileAt({QStringLiteral("--hub-dir"), m_hub->directory()}, sha).value(QStringLiteral("sha")), sha);
    QCOMPARE(fileAt({QStringLiteral("--db"), county->db()}, cityFile).value(QStringLiteral("absent")), QStringLiteral("1"));
    r = test::runProgram(test::adminBinary(), {QStringLiteral("bundle"), QStringLiteral("export"), QStringLiteral("--hub-dir"), m_hub->directory(), QStringLiteral("--workstation"), county->workstation(), QStringLiteral("--file"), down}, pw);
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    // A bundle for another workstation is refused.
    r = test::runProgram(test::adminBinary(), {QStringLiteral("bundle"), QStringLiteral("import"), QStringLiteral("--db"), m_agents.at(0)->db(), QStringLiteral("--file"), down}, pw);
    QCOMPARE(r.exitCode, 1);
    for (int i = 0; i < 2; ++i) {
        r = test::runProgram(test::adminBinary(), {QStringLiteral("bundle"), QStringLiteral("import"), QStringLiteral("--db"), county->db(), QStringLiteral("--file"), down}, pw);
        QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    }
    const auto summary = lineFields(county->run(QStringLiteral("hash")).out);
    QCOMPARE(summary.value(QStringLiteral("unsent")), QStringLiteral("0"));
    const auto cityFileAtCounty = fileAt({QStringLiteral("--db"), county->db()}, cityFile);
    QCOMPARE(cityFileAtCounty.value(QStringLiteral("size")), QStringLiteral("200000"));
    QCOMPARE(cityFileAtCounty.value(QStringLiteral("sha")), cityFile);
    QList<Agent*> all;
    for (const auto& x : m_agents)
        all << x.get();
    syncAll(all);
    expectConverged(all);
}

void TestSyncHub::hubDatabaseIsEncryptedAndStopsCleanly()
{
    QFile f(sync::HubStore::databasePath(m_hub->directory()));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray head = f.read(4096);
    QVERIFY(!head.startsWith("SQLite format 3"));
    QVERIFY(!head.contains("CREATE TABLE"));
    QFile key(sync::HubStore::keyPath(m_hub->directory()));
    QCOMPARE(key.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
    QString error;
    QVERIFY(!db::Database::open(f.fileName(), core::crypto::randomBytes(32), {}, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY2(m_hub->terminate(), qPrintable(m_hub->log().right(2000)));
    QVERIFY(m_hub->log().contains(QStringLiteral("stopping on signal")));
    QVERIFY2(m_hub->start(&error, m_hub->port()), qPrintable(error));
}

void TestSyncHub::lastSuccessIsStoredAtMostOnceAMinute()
{
    // A round every few seconds: the time of the last success is the client's at once, but written
    // (a commit and a flush of its own) only when the stored one is a minute old.
    QVERIFY(!m_agents.isEmpty());
    const QString path = m_agents.at(0)->db();
    QFile f(path + QStringLiteral(".key"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QString error;
    auto database = db::Database::open(path, QByteArray::fromHex(f.readAll().trimmed()), {}, &error);
    QVERIFY2(database, qPrintable(error));
    auto stored = [&] {
        QSqlQuery q(database->sql());
        q.exec(QStringLiteral("SELECT value FROM sync_client_state WHERE name = 'last_sync_at'"));
        return q.next() ? QDateTime::fromString(q.value(0).toString(), Qt::ISODateWithMs) : QDateTime();
    };
    const QDateTime t0 = QDateTime::currentDateTimeUtc().addSecs(3600);
    core::FixedClock clock(t0);
    {
        sync::SyncClient client(*database, clock);
        QVERIFY2(client.syncOnce(&error), qPrintable(error));
        QCOMPARE(client.lastSuccess(), t0);
        QCOMPARE(stored(), t0);
        clock.advanceMs(5000);
        QVERIFY2(client.syncOnce(&error), qPrintable(error));
        QCOMPARE(client.lastSuccess(), t0.addMSecs(5000));
        QCOMPARE(stored(), t0); // not written again yet
        clock.advanceMs(55000);
        QVERIFY2(client.syncOnce(&error), qPrintable(error));
        QCOMPARE(stored(), t0.addSecs(60));
        clock.advanceMs(5000);
        QVERIFY2(client.syncOnce(&error), qPrintable(error));
    }
    // Another client (after a restart) starts from the stored time.
    sync::SyncClient again(*database, clock);
    QCOMPARE(again.lastSuccess(), t0.addSecs(60));
}

QTEST_GUILESS_MAIN(TestSyncHub)
#include "TestSyncHub.moc"
