#include "core/AuditChain.h"

#include <QCborMap>
#include <QTest>

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

QTEST_GUILESS_MAIN(TestAuditChain)
#include "TestAuditChain.moc"
