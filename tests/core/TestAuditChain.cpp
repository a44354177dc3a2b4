#include "core/AuditChain.h"
#include "core/Crypto.h"

#include <QCborArray>
#include <QCborMap>
#include <QTest>
#include <QTimeZone>

using namespace oneseal;
using Problem = core::AuditFinding::Problem;

namespace {

/** Events as the event store writes them: two workstations interleaved, each with its own chain. */
QList<core::Event> makeStore(int count)
{
    QList<core::Event> events;
    QHash<QString, QByteArray> last;
    for (int i = 1; i <= count; ++i) {
        core::Event e;
        e.id = QUuid::createUuid();
        e.caseId = QStringLiteral("case-%1").arg(i % 3);
        e.kind = QStringLiteral("review.passed");
        e.setPayload(QCborMap{{QStringLiteral("n"), i}});
        e.userId = QStringLiteral("u1");
        e.workstation = (i % 3 == 0) ? QStringLiteral("WS-B") : QStringLiteral("WS-A");
        e.hlc = quint64(i);
        e.prevHash = last.value(e.workstation);
        e.hash = e.computeHash();
        e.seq = i;
        last.insert(e.workstation, e.hash);
        events << e;
    }
    return events;
}

int indexOfSeq(const QList<core::Event>& events, qint64 seq)
{
    for (int i = 0; i < events.size(); ++i)
        if (events.at(i).seq == seq)
            return i;
    return -1;
}

core::Event forged(const core::Event& after, qint64 seq)
{
    core::Event x;
    x.id = QUuid::createUuid();
    x.caseId = after.caseId;
    x.kind = QStringLiteral("decision.approved");
    x.setPayload(QCborMap{{QStringLiteral("forged"), true}});
    x.userId = QStringLiteral("approver");
    x.workstation = after.workstation;
    x.hlc = after.hlc;
    x.prevHash = after.hash;
    x.hash = x.computeHash();
    x.seq = seq;
    return x;
}

} // namespace

class TestAuditChain : public QObject
{
    Q_OBJECT

private slots:
    void intactChainsPass();
    void changedFieldIsNamed_data();
    void changedFieldIsNamed();
    void rewrittenEventWithRecomputedHashIsNamed();
    void removedEventIsNamedWithTheGap();
    void removedFirstEvent();
    void insertedEventIsNamed();
    void forkAppendedAtTheEndIsNamed();
    void secondGenesisIsInserted();
    void eachWorkstationReportsItsFirstBadEvent();
    void canonicalBytesAreTheCborArray();
    void recordedTimeTextIsQtsIsoWithMilliseconds_data();
    void recordedTimeTextIsQtsIsoWithMilliseconds();
};

void TestAuditChain::intactChainsPass()
{
    const auto events = makeStore(30);
    const core::AuditReport r = core::AuditChain::verify(events);
    QVERIFY(r.intact());
    QCOMPARE(r.workstations, 2);
    QCOMPARE(r.events, qint64(30));
    QVERIFY(core::AuditChain::verify({}).intact());
}

void TestAuditChain::changedFieldIsNamed_data()
{
    QTest::addColumn<QString>("field");
    for (const char* f : {"payload", "kind", "user", "case", "hlc", "prev", "hash", "uuid"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestAuditChain::changedFieldIsNamed()
{
    QFETCH(QString, field);
    auto events = makeStore(20);
    core::Event& e = events[indexOfSeq(events, 10)];
    if (field == QLatin1String("payload"))
        e.setPayload(QCborMap{{QStringLiteral("n"), 999}});
    else if (field == QLatin1String("kind"))
        e.kind = QStringLiteral("decision.approved");
    else if (field == QLatin1String("user"))
        e.userId = QStringLiteral("intruder");
    else if (field == QLatin1String("case"))
        e.caseId = QStringLiteral("other");
    else if (field == QLatin1String("hlc"))
        e.hlc += 1;
    else if (field == QLatin1String("prev"))
        e.prevHash[0] = char(e.prevHash.at(0) ^ 1);
    else if (field == QLatin1String("hash"))
        e.hash[0] = char(e.hash.at(0) ^ 1);
    else
        e.id = QUuid::createUuid();
    const core::AuditReport r = core::AuditChain::verify(events);
    QCOMPARE(r.findings.size(), 1);
    QCOMPARE(r.findings.first().problem, Problem::Changed);
    QCOMPARE(r.findings.first().seq, qint64(10));
    QCOMPARE(r.findings.first().workstation, QStringLiteral("WS-A"));
    QVERIFY(r.findings.first().description.contains(QLatin1String("seq 10")));
}

void TestAuditChain::rewrittenEventWithRecomputedHashIsNamed()
{
    auto events = makeStore(20);
    core::Event& e = events[indexOfSeq(events, 10)];
    e.setPayload(QCborMap{{QStringLiteral("n"), 999}});
    e.hash = e.computeHash(); // a careful tamperer; the next event of WS-A (seq 11) still names the old hash
    const core::AuditReport r = core::AuditChain::verify(events);
    QCOMPARE(r.findings.size(), 1);
    QCOMPARE(r.findings.first().problem, Problem::Changed);
    QCOMPARE(r.findings.first().seq, qint64(10));
}

void TestAuditChain::removedEventIsNamedWithTheGap()
{
    auto events = makeStore(20);
    events.removeAt(indexOfSeq(events, 8)); // WS-A: ... 7, [8], 10 ...
    const core::AuditReport r = core::AuditChain::verify(events);
    QCOMPARE(r.findings.size(), 1);
    const core::AuditFinding& f = r.findings.first();
    QCOMPARE(f.problem, Problem::Removed);
    QCOMPARE(f.seq, qint64(10));
    QCOMPARE(f.missingSeqs, QList<qint64>{8});
    QVERIFY(f.description.contains(QLatin1String("8")));

    // Two consecutive events of the same chain.
    events = makeStore(20);
    events.removeAt(indexOfSeq(events, 11));
    events.removeAt(indexOfSeq(events, 10));
    const core::AuditReport r2 = core::AuditChain::verify(events);
    QCOMPARE(r2.findings.size(), 1);
    QCOMPARE(r2.findings.first().problem, Problem::Removed);
    QCOMPARE(r2.findings.first().seq, qint64(13));
    QCOMPARE(r2.findings.first().missingSeqs, (QList<qint64>{10, 11}));
}

void TestAuditChain::removedFirstEvent()
{
    auto events = makeStore(10);
    events.removeAt(indexOfSeq(events, 1));
    const core::AuditReport r = core::AuditChain::verify(events);
    QCOMPARE(r.findings.size(), 1);
    QCOMPARE(r.findings.first().problem, Problem::Removed);
    QCOMPARE(r.findings.first().seq, qint64(2));
}

void TestAuditChain::insertedEventIsNamed()
{
    // The tamperer makes room after seq 7 (renumbering) and slips a well-hashed event in after it.
    auto events = makeStore(20);
    for (core::Event& e : events)
        if (e.seq > 7)
            ++e.seq;
    const core::Event x = forged(events.at(indexOfSeq(events, 7)), 8);
    events.insert(indexOfSeq(events, 7) + 1, x);
    const core::AuditReport r = core::AuditChain::verify(events);
    QCOMPARE(r.findings.size(), 1);
    QCOMPARE(r.findings.first().problem, Problem::Inserted);
    QCOMPARE(r.findings.first().seq, qint64(8));
    QCOMPARE(r.findings.first().eventId, x.id.toString(QUuid::WithoutBraces));
}

void TestAuditChain::forkAppendedAtTheEndIsNamed()
{
    auto events = makeStore(20);
    const core::Event x = forged(events.at(indexOfSeq(events, 5)), 21); // claims to follow seq 5
    events << x;
    const core::AuditReport r = core::AuditChain::verify(events);
    QCOMPARE(r.findings.size(), 1);
    QCOMPARE(r.findings.first().problem, Problem::Inserted);
    QCOMPARE(r.findings.first().seq, qint64(21));
}

void TestAuditChain::secondGenesisIsInserted()
{
    auto events = makeStore(12);
    core::Event x = forged(events.first(), 13);
    x.prevHash.clear();
    x.hash = x.computeHash();
    events << x;
    const core::AuditReport r = core::AuditChain::verify(events);
    QCOMPARE(r.findings.size(), 1);
    QCOMPARE(r.findings.first().problem, Problem::Inserted);
    QCOMPARE(r.findings.first().seq, qint64(13));
}

void TestAuditChain::eachWorkstationReportsItsFirstBadEvent()
{
    auto events = makeStore(30);
    events[indexOfSeq(events, 20)].userId = QStringLiteral("x"); // WS-A
    events[indexOfSeq(events, 25)].userId = QStringLiteral("x"); // WS-A, later: not reported
    events[indexOfSeq(events, 9)].kind = QStringLiteral("x");    // WS-B
    const core::AuditReport r = core::AuditChain::verify(events);
    QCOMPARE(r.findings.size(), 2);
    QCOMPARE(r.findings.at(0).seq, qint64(9));
    QCOMPARE(r.findings.at(0).workstation, QStringLiteral("WS-B"));
    QCOMPARE(r.findings.at(1).seq, qint64(20));
    QCOMPARE(core::AuditChain::problemName(Problem::Removed), QStringLiteral("removed"));
}

void TestAuditChain::canonicalBytesAreTheCborArray()
{
    // The hashed bytes never change: every stored and every travelling event's hash depends on them.
    // The reference is the array built with QCborArray, as events were first hashed.
    core::Event e;
    e.id = QUuid::fromString(QStringLiteral("0b6f2c1e-55a4-4e9b-9a57-3c2d1f0e9a11"));
    e.kind = QStringLiteral("intake.accepted");
    e.userId = QStringLiteral("u-clerk");
    e.workstation = QStringLiteral("WS-01");
    QList<core::Event> cases;
    cases << e; // no case, no payload, no previous hash, clock 0
    e.caseId = QStringLiteral("C-2026-000123 饭店"); // not ASCII
    e.setPayload({{QStringLiteral("text"), QString(300, QChar(u'证'))}, {QStringLiteral("n"), 70000}});
    e.hlc = (quint64(1764210000000) << 16) | 3; // beyond 32 bits
    e.prevHash = QByteArray(32, '\x7f');
    cases << e;
    e.hlc = 23;
    e.payloadCbor = QByteArray(70000, 'x'); // long byte string
    e.userId = QString();
    cases << e;
    for (const core::Event& c : cases) {
        QCborArray a;
        a << 1 << c.id.toString(QUuid::WithoutBraces) << c.caseId << c.kind << c.payloadCbor << c.userId
          << c.workstation << qint64(c.hlc) << c.prevHash;
        QCOMPARE(c.canonicalBytes().toHex(), a.toCborValue().toCbor().toHex());
    }
    QCOMPARE(core::crypto::sha256("abc").toHex(),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

void TestAuditChain::recordedTimeTextIsQtsIsoWithMilliseconds_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::newRow("utc") << QDateTime(QDate(2026, 11, 27), QTime(4, 55, 49, 123), Qt::UTC);
    QTest::newRow("utc midnight, 0 ms") << QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    QTest::newRow("utc leap day, 999 ms") << QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), Qt::UTC);
    QTest::newRow("utc year 1") << QDateTime(QDate(1, 1, 1), QTime(0, 0, 0, 7), Qt::UTC);
    QTest::newRow("+08:00") << QDateTime(QDate(2026, 11, 27), QTime(12, 0, 0, 5), QTimeZone(8 * 3600));
    QTest::newRow("local") << QDateTime(QDate(2026, 11, 27), QTime(12, 0, 0, 5), Qt::LocalTime);
    QTest::newRow("invalid") << QDateTime();
}

void TestAuditChain::recordedTimeTextIsQtsIsoWithMilliseconds()
{
    QFETCH(QDateTime, time);
    const QString text = core::Event::timeText(time);
    QCOMPARE(text, time.toString(Qt::ISODateWithMs));
    const QDateTime back = core::Event::timeFromText(text);
    const QDateTime qtBack = QDateTime::fromString(text, Qt::ISODateWithMs);
    QCOMPARE(back.isValid(), qtBack.isValid());
    QCOMPARE(back, qtBack);
    QCOMPARE(back.timeSpec(), qtBack.timeSpec());
    QCOMPARE(core::Event::timeText(back), core::Event::timeText(qtBack));
    // Shaped like a UTC time but not one: as Qt's parser says.
    for (const QString& odd : {QStringLiteral("2026-02-30T10:00:00.000Z"), QStringLiteral("2026-11-27T25:00:00.000Z"),
                               QStringLiteral("2026-11-27T10:00:00.000X"), QString()})
        QCOMPARE(core::Event::timeFromText(odd).isValid(), QDateTime::fromString(odd, Qt::ISODateWithMs).isValid());
}

QTEST_GUILESS_MAIN(TestAuditChain)
#include "TestAuditChain.moc"
