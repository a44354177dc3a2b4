#include "SyncTestSupport.h"
#include "TestSupport.h"

#include "core/Conflict.h"
#include "core/Crypto.h"
#include "core/Identifiers.h"
#include "db/CatalogRepository.h"
#include "db/Database.h"
#include "db/EventStore.h"
#include "db/UserRepository.h"
#include "db/WorkstationProjections.h"
#include "services/IntakeService.h"
#include "protocol/Frame.h"
#include "hub/HubStore.h"
#include "protocol/Pki.h"
#include "protocol/Protocol.h"
#include "sync/HubFollowUp.h"

#include <QCborArray>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace oneseal;

namespace {
QByteArray lengthPrefixed(const QByteArray& body)
{
    QByteArray out(4, '\0');
    qToBigEndian(quint32(body.size()), out.data());
    return out + body;
}

core::Event makeEvent(const QString& workstation, const QString& kind, const QString& caseId, quint64 hlc)
{
    core::Event e;
    e.id = QUuid::createUuid();
    e.caseId = caseId;
    e.kind = kind;
    e.setPayload({});
    e.userId = QStringLiteral("u1");
    e.workstation = workstation;
    e.hlc = hlc;
    e.recordedAt = QDateTime::currentDateTimeUtc();
    e.hash = e.computeHash();
    return e;
}

std::unique_ptr<db::Database> freshDatabase(const QString& path)
{
    QString error;
    auto database = db::Database::open(path, core::crypto::randomBytes(32), {.create = true}, &error);
    if (!database || !database->migrate(&error)) {
        qWarning("%s", qPrintable(error));
        return nullptr;
    }
    database->setMeta(QStringLiteral("workstation_id"), QStringLiteral("REPLICA"), nullptr);
    return database;
}
} // namespace

class TestSyncUnits : public QObject
{
    Q_OBJECT

private slots:
    void framesRoundTrip();
    void badFramesAreRefused_data();
    void badFramesAreRefused();
    void eventsRoundTripAndBadEventsAreRefused();
    void certificatesAreIssuedAndChecked();
    void sealedDataOpensOnlyForItsRecipient();
    void enrollmentProofIsBoundToTheHubCertificate();
    void conflictRule_data();
    void conflictRule();
    void remoteEventsFoldTheSameInAnyOrder();
    void remoteBatchWithATamperedEventChangesNothing();
    void seqRangesMergeAndForget();
    void pullLeavesOutWhatTheWorkstationHolds();
    void hubChecksNewUsersAsAWorkstationDoes_data();
    void hubChecksNewUsersAsAWorkstationDoes();
    void followUpTakesUpANewCatalog();
};

void TestSyncUnits::framesRoundTrip()
{
    const QCborMap message{{QStringLiteral("t"), QStringLiteral("hello")}, {QStringLiteral("n"), 1}};
    sync::FrameReader reader;
    const QByteArray bytes = sync::Frame::encode(message) + sync::Frame::encode(message);
    // Byte by byte: a frame is only complete when its last byte arrived.
    QCborMap frame;
    int frames = 0;
    for (char c : bytes) {
        reader.append(QByteArray(1, c));
        QString error;
        while (reader.next(&frame, &error) == sync::FrameReader::Status::Ready) {
            QCOMPARE(frame, message);
            ++frames;
        }
    }
    QCOMPARE(frames, 2);
    QCOMPARE(reader.buffered(), 0);
}

void TestSyncUnits::badFramesAreRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty frame") << lengthPrefixed({});
    QTest::newRow("oversized announced length") << QByteArray::fromHex("7fffffff") + QByteArray(10, 'x');
    QTest::newRow("just over the limit") << [] {
        QByteArray b(4, '\0');
        qToBigEndian(quint32(sync::Frame::kMaxBytes + 1), b.data());
        return b;
    }();
    QTest::newRow("garbage") << lengthPrefixed(QByteArray::fromHex("ffffffffffff"));
    QTest::newRow("not a map") << lengthPrefixed(QCborValue(42).toCbor());
    QTest::newRow("map without type") << lengthPrefixed(QCborMap{{QStringLiteral("n"), 1}}.toCborValue().toCbor());
    QTest::newRow("type not text") << lengthPrefixed(QCborMap{{QStringLiteral("t"), 1}}.toCborValue().toCbor());
    QTest::newRow("trailing bytes") << lengthPrefixed(QCborMap{{QStringLiteral("t"), QStringLiteral("x")}}.toCborValue().toCbor() + "z");
    QTest::newRow("truncated cbor") << lengthPrefixed(QCborMap{{QStringLiteral("t"), QStringLiteral("hello")}}.toCborValue().toCbor().chopped(2));
}

void TestSyncUnits::badFramesAreRefused()
{
    QFETCH(QByteArray, bytes);
    sync::FrameReader reader;
    reader.append(bytes);
    QCborMap frame;
    QString error;
    QCOMPARE(reader.next(&frame, &error), sync::FrameReader::Status::Error);
    QVERIFY(!error.isEmpty());
    // It stays in error: nothing after a bad frame is read on that connection.
    reader.append(sync::Frame::encode(QCborMap{{QStringLiteral("t"), QStringLiteral("hello")}}));
    QCOMPARE(reader.next(&frame, &error), sync::FrameReader::Status::Error);
}

void TestSyncUnits::eventsRoundTripAndBadEventsAreRefused()
{
    core::Event e = makeEvent(QStringLiteral("WS-A"), QStringLiteral("intake.accepted"), QStringLiteral("c1"), 123456789);
    e.serverSeq = 7;
    QString error;
    const auto back = sync::Protocol::decodeEvent(sync::Protocol::encodeEvent(e), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->id, e.id);
    QCOMPARE(back->hash, e.hash);
    QCOMPARE(back->hlc, e.hlc);
    QCOMPARE(back->serverSeq, 7);
    QVERIFY(back->hashIsValid());

    QCborArray shortArray = sync::Protocol::encodeEvent(e);
    shortArray.removeLast();
    QVERIFY(!sync::Protocol::decodeEvent(shortArray, &error));
    QCborArray badId = sync::Protocol::encodeEvent(e);
    badId[0] = QStringLiteral("not-a-uuid");
    QVERIFY(!sync::Protocol::decodeEvent(badId, &error));
    QCborArray badHash = sync::Protocol::encodeEvent(e);
    badHash[8] = QByteArray("short");
    QVERIFY(!sync::Protocol::decodeEvent(badHash, &error));
    QCborArray negative = sync::Protocol::encodeEvent(e);
    negative[6] = -1;
    QVERIFY(!sync::Protocol::decodeEvent(negative, &error));
    // A changed payload decodes, but no longer matches its hash.
    QCborArray changed = sync::Protocol::encodeEvent(e);
    changed[3] = QCborMap{{QStringLiteral("x"), 1}}.toCborValue().toCbor();
    const auto tampered = sync::Protocol::decodeEvent(changed, &error);
    QVERIFY(tampered);
    QVERIFY(!tampered->hashIsValid());
}

void TestSyncUnits::certificatesAreIssuedAndChecked()
{
    QString error;
    const QByteArray caKey = sync::Pki::generateEcKey();
    const QByteArray ca = sync::Pki::createCaCertificate(caKey, QStringLiteral("测试 CA"), 10, &error);
    QVERIFY2(!ca.isEmpty(), qPrintable(error));
    const QByteArray clientKey = sync::Pki::generateEcKey();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray cert = sync::Pki::issueCertificate(caKey, ca, sync::Pki::publicKey(clientKey), QStringLiteral("WS-01"),
                                                        now.addSecs(-60), now.addDays(30), false, {}, &error);
    QVERIFY2(!cert.isEmpty(), qPrintable(error));
    const auto info = sync::Pki::inspect(cert);
    QVERIFY(info);
    QCOMPARE(info->commonName, QStringLiteral("WS-01"));
    QCOMPARE(info->publicKey, sync::Pki::publicKey(clientKey));
    QVERIFY(!info->isCa);
    QVERIFY(sync::Pki::inspect(ca)->isCa);
    QVERIFY2(sync::Pki::verifyIssuedBy(cert, ca, now, &error), qPrintable(error));
    // Expired, not yet valid, and from another CA.
    QVERIFY(!sync::Pki::verifyIssuedBy(cert, ca, now.addDays(31), &error));
    QVERIFY(error.contains(QStringLiteral("expired")));
    QVERIFY(!sync::Pki::verifyIssuedBy(cert, ca, now.addDays(-1), &error));
    const QByteArray otherKey = sync::Pki::generateEcKey();
    const QByteArray other = sync::Pki::createCaCertificate(otherKey, QStringLiteral("Other CA"), 10, &error);
    QVERIFY(!sync::Pki::verifyIssuedBy(cert, other, now, &error));
    QVERIFY(error.contains(QStringLiteral("not issued by this hall")));
    QVERIFY(!sync::Pki::verifyIssuedBy(QByteArray("garbage"), ca, now, &error));
    // The key loads into Qt's TLS stack.
    QVERIFY(!sync::Pki::privateKeyPem(clientKey).isEmpty());
    QVERIFY(sync::Pki::privateKeyPem(clientKey).startsWith("-----BEGIN EC PRIVATE KEY-----"));
    // Ed25519 signatures (the seal key) and ECDSA (bundles).
    for (const QByteArray& key : {sync::Pki::generateEd25519Key(), clientKey}) {
        const QByteArray sig = sync::Pki::sign(key, "document");
        QVERIFY(!sig.isEmpty());
        QVERIFY(sync::Pki::verify(sync::Pki::publicKey(key), "document", sig));
        QVERIFY(!sync::Pki::verify(sync::Pki::publicKey(key), "documenT", sig));
    }
}

void TestSyncUnits::sealedDataOpensOnlyForItsRecipient()
{
    const QByteArray key = sync::Pki::generateEcKey();
    const QByteArray other = sync::Pki::generateEcKey();
    const QByteArray sealed = sync::Pki::sealFor(sync::Pki::publicKey(key), "events", "aad");
    QVERIFY(!sealed.isEmpty());
    QVERIFY(!sealed.contains("events"));
    QCOMPARE(sync::Pki::openSealed(key, sealed, "aad").value_or(QByteArray()), QByteArray("events"));
    QVERIFY(!sync::Pki::openSealed(other, sealed, "aad"));
    QVERIFY(!sync::Pki::openSealed(key, sealed, "other aad"));
    QByteArray flipped = sealed;
    flipped[flipped.size() - 20] = char(flipped.at(flipped.size() - 20) ^ 1);
    QVERIFY(!sync::Pki::openSealed(key, flipped, "aad"));
    QVERIFY(!sync::Pki::openSealed(key, QByteArray("\x00", 1), "aad"));
}

void TestSyncUnits::enrollmentProofIsBoundToTheHubCertificate()
{
    const QString code = sync::Protocol::newCode();
    QCOMPARE(sync::Protocol::normalizeCode(code).size(), 20);
    QCOMPARE(sync::Protocol::normalizeCode(code.toLower()), sync::Protocol::normalizeCode(code));
    const QByteArray proof = sync::Protocol::enrollProof(code, QStringLiteral("WS-1"), "pub", "hub cert");
    QCOMPARE(sync::Protocol::enrollProof(code.toLower(), QStringLiteral("WS-1"), "pub", "hub cert"), proof);
    QVERIFY(sync::Protocol::enrollProof(code, QStringLiteral("WS-1"), "pub", "mitm cert") != proof);
    QVERIFY(sync::Protocol::enrollProof(code, QStringLiteral("WS-2"), "pub", "hub cert") != proof);
    QVERIFY(sync::Protocol::enrollProof(sync::Protocol::newCode(), QStringLiteral("WS-1"), "pub", "hub cert") != proof);
}

void TestSyncUnits::conflictRule_data()
{
    QTest::addColumn<QStringList>("events"); // "workstation:kind"
    QTest::addColumn<QStringList>("expected"); // open conflict keys
    QTest::newRow("one intake") << QStringList{"A:intake.accepted"} << QStringList{};
    QTest::newRow("decisions at one workstation") << QStringList{"A:intake.accepted", "A:decision.approved", "A:decision.refused"}
                                                  << QStringList{};
    QTest::newRow("two intakes apart") << QStringList{"A:intake.accepted", "B:intake.refused"} << QStringList{"intake"};
    QTest::newRow("same intake twice apart") << QStringList{"A:intake.accepted", "B:intake.accepted"} << QStringList{"intake"};
    QTest::newRow("approved and refused apart")
        << QStringList{"A:intake.accepted", "A:decision.approved", "B:decision.refused"} << QStringList{"decision"};
    QTest::newRow("approved twice apart") << QStringList{"A:intake.accepted", "A:decision.approved", "B:decision.approved"}
                                          << QStringList{};
    QTest::newRow("both") << QStringList{"A:intake.accepted", "B:intake.accepted", "A:decision.approved", "C:decision.refused"}
                          << QStringList{"decision", "intake"};
    QTest::newRow("other events do not conflict") << QStringList{"A:intake.accepted", "B:notice.printed", "C:review.passed"}
                                                  << QStringList{};
}

void TestSyncUnits::conflictRule()
{
    QFETCH(QStringList, events);
    QFETCH(QStringList, expected);
    QList<core::Event> list;
    quint64 hlc = 1000;
    for (const QString& spec : events)
        list << makeEvent(spec.section(QLatin1Char(':'), 0, 0), spec.section(QLatin1Char(':'), 1), QStringLiteral("c1"), ++hlc);
    QStringList open;
    const auto conflicts = core::findConflicts(list);
    for (const auto& c : conflicts)
        if (!c.resolved)
            open << c.key;
    QCOMPARE(open, expected);
    // Any order: the same result.
    QList<core::Event> reversed(list.crbegin(), list.crend());
    const auto again = core::findConflicts(reversed);
    QCOMPARE(again.size(), conflicts.size());
    for (int i = 0; i < again.size(); ++i)
        QCOMPARE(again.at(i).eventIds, conflicts.at(i).eventIds);

    // A resolution naming every contradicting event settles each; one naming fewer does not.
    for (const core::CaseConflict& c : conflicts) {
        core::Event partial = makeEvent(QStringLiteral("S"), core::conflict::resolvedKind, QStringLiteral("c1"), ++hlc);
        partial.setPayload({{core::conflict::payloadKey, c.key},
                            {core::conflict::payloadResolves, QCborArray{c.eventIds.first()}},
                            {core::conflict::payloadKept, c.eventIds.first()}});
        list << partial;
        QVERIFY(core::hasOpenConflict(core::findConflicts(list)));
        core::Event full = makeEvent(QStringLiteral("S"), core::conflict::resolvedKind, QStringLiteral("c1"), ++hlc);
        full.setPayload({{core::conflict::payloadKey, c.key},
                         {core::conflict::payloadResolves, QCborArray::fromStringList(c.eventIds)},
                         {core::conflict::payloadKept, c.eventIds.last()}});
        list << full;
    }
    QVERIFY(!core::hasOpenConflict(core::findConflicts(list)));
}

void TestSyncUnits::remoteEventsFoldTheSameInAnyOrder()
{
    // Real events from the intake service: applicants (one registered twice), cases, checklists.
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto session = hall.login(QStringLiteral("clerk"));
    QVERIFY(session);
    services::IntakeService intake(*session);
    QVERIFY(intake.isReady());
    const core::Matter* matter = nullptr;
    for (const core::Matter& m : intake.catalog().matters)
        if (!m.instant && !matter)
            matter = &m;
    QVERIFY(matter);
    QString error;
    for (int i = 0; i < 6; ++i) {
        services::IntakeRequest r;
        r.subjectCode = matter->code;
        const QString first17 = QStringLiteral("14080219900101") + QString::number(100 + i % 4);
        r.applicant.idNumber = first17 + core::residentIdCheckChar(first17);
        r.applicant.name = QStringLiteral("申请人%1").arg(i);
        r.applicant.phone = QStringLiteral("0359-202%1").arg(i, 4, 10, QLatin1Char('0'));
        r.materials = intake.checklistFor(*intake.subject(matter->code));
        for (auto& m : r.materials) {
            m.state = i % 2 ? core::MaterialState::Received : core::MaterialState::Missing;
            m.count = i % 2;
        }
        r.outcome = i % 2 ? core::IntakeOutcome::Accept : core::IntakeOutcome::NotifyMissing;
        r.repeatConfirmed = true; // applicants come back on purpose (i % 4)
        QVERIFY2(intake.record(r, &error), qPrintable(error));
    }
    QList<core::Event> events = session->events().allEvents();
    QVERIFY(events.size() > 12);
    for (int i = 0; i < events.size(); ++i)
        events[i].serverSeq = i + 1;

    QTemporaryDir dir;
    QStringList hashes;
    for (int order = 0; order < 4; ++order) {
        auto replica = freshDatabase(dir.filePath(QStringLiteral("r%1.db").arg(order)));
        QVERIFY(replica);
        db::EventStore store(*replica, QStringLiteral("REPLICA"));
        db::registerWorkstationProjections(store);
        // The hall's directory (its users and their keys, which sign everything else: the demo hall
        // signs every event) comes first, in order, as every hub delivers it; the case events then
        // in any order.
        QList<core::Event> directory, arrival;
        for (const core::Event& e : events)
            (e.kind.startsWith(QLatin1String("user.")) || e.kind.startsWith(QLatin1String("key.")) ? directory : arrival)
                << e;
        QVERIFY(!directory.isEmpty() && arrival.size() > 12);
        if (order == 1)
            std::reverse(arrival.begin(), arrival.end());
        else if (order >= 2)
            std::shuffle(arrival.begin(), arrival.end(), *QRandomGenerator::global());
        // The hall's users, as a hub's reference data brings them to every workstation.
        for (const core::User& u : db::UserRepository(session->database().sql()).all())
            QVERIFY2(db::UserRepository(replica->sql()).insert(u, &error), qPrintable(error));
        for (const core::Event& e : directory) {
            db::Transaction tx(replica->sql());
            const auto result = store.applyRemote({e}, &error);
            QVERIFY2(result, qPrintable(error));
            QVERIFY2(result->quarantined == 0, qPrintable(result->quarantineReasons.join(QLatin1Char('\n'))));
            QVERIFY(tx.commit(&error));
        }
        const int batch = order == 0 ? int(arrival.size()) : 1 + order;
        for (int i = 0; i < arrival.size(); i += batch) {
            db::Transaction tx(replica->sql());
            const auto result = store.applyRemote(arrival.mid(i, batch), &error);
            QVERIFY2(result, qPrintable(error));
            QVERIFY2(result->quarantined == 0, qPrintable(result->quarantineReasons.join(QLatin1Char('\n'))));
            QVERIFY(tx.commit(&error));
        }
        // A repeated batch is recognised and changes nothing.
        {
            db::Transaction tx(replica->sql());
            const auto again = store.applyRemote(events, &error);
            QVERIFY2(again, qPrintable(error));
            QCOMPARE(again->inserted, 0);
            QCOMPARE(again->present, int(events.size()));
            QVERIFY(tx.commit(&error));
        }
        QCOMPARE(store.count(), qint64(events.size()));
        const QString hash = test::projectionHash(replica->sql());
        // Rebuilding from scratch gives the same projections.
        QVERIFY2(store.rebuildProjections(&error), qPrintable(error));
        QCOMPARE(test::projectionHash(replica->sql()), hash);
        hashes << hash;
    }
    for (const QString& h : hashes)
        QCOMPARE(h, hashes.first());
    // The origin, once its events carry the same order, folds the same.
    {
        db::Transaction tx(session->database().sql());
        for (const core::Event& e : events)
            QVERIFY2(session->events().markSent(e.id, e.serverSeq, &error), qPrintable(error));
        QVERIFY(tx.commit(&error));
    }
    QVERIFY(!session->events().markSent(events.first().id, 999, &error)); // a second, different number is refused
    QCOMPARE(test::projectionHash(session->database().sql()), hashes.first());
}

void TestSyncUnits::remoteBatchWithATamperedEventChangesNothing()
{
    QTemporaryDir dir;
    auto replica = freshDatabase(dir.filePath(QStringLiteral("r.db")));
    QVERIFY(replica);
    db::EventStore store(*replica, QStringLiteral("REPLICA"));
    db::registerWorkstationProjections(store);
    core::Event good = makeEvent(QStringLiteral("A"), QStringLiteral("intake.accepted"), QStringLiteral("c1"), 5000);
    good.serverSeq = 1;
    core::Event bad = makeEvent(QStringLiteral("B"), QStringLiteral("intake.accepted"), QStringLiteral("c1"), 5001);
    bad.serverSeq = 2;
    bad.setPayload({{QStringLiteral("changed"), true}}); // hash no longer matches
    QString error;
    {
        db::Transaction tx(replica->sql());
        QVERIFY(!store.applyRemote({good, bad}, &error));
    }
    QVERIFY(error.contains(QStringLiteral("hash")));
    QCOMPARE(store.count(), 0);
    // The same uuid with other content is refused too.
    {
        db::Transaction tx(replica->sql());
        QVERIFY(store.applyRemote({good}, &error));
        QVERIFY(tx.commit(&error));
    }
    core::Event forged = good;
    forged.kind = QStringLiteral("decision.approved");
    forged.hash = forged.computeHash();
    {
        db::Transaction tx(replica->sql());
        QVERIFY(!store.applyRemote({forged}, &error));
    }
    QCOMPARE(store.caseEvents(QStringLiteral("c1")).first().kind, QStringLiteral("intake.accepted"));
}

void TestSyncUnits::seqRangesMergeAndForget()
{
    using Range = sync::SeqRanges::Range;
    sync::SeqRanges held;
    for (qint64 seq : {5, 7, 6, 1, 9, 10, 3})
        held.add(seq);
    QCOMPARE(held.ranges(), (QList<Range>{{1, 1}, {3, 3}, {5, 7}, {9, 10}}));
    held.add(2); // closes the gap between 1 and 3
    held.add(6); // held already
    QCOMPARE(held.ranges(), (QList<Range>{{1, 3}, {5, 7}, {9, 10}}));
    held.add(8);
    QCOMPARE(held.ranges(), (QList<Range>{{1, 3}, {5, 10}}));
    held.dropThrough(6);
    QCOMPARE(held.ranges(), (QList<Range>{{7, 10}}));
    QCOMPARE(sync::SeqRanges::fromCbor(held.toCbor()).ranges(), held.ranges());
    held.dropThrough(10);
    QVERIFY(held.isEmpty());

    // From a peer: malformed pairs are left out, the rest sorted and merged, at most kMaxRanges.
    const QCborArray wire{QCborArray{20, 25}, QCborArray{1, 4}, QCborArray{5, 6}, QCborArray{9, 3},
                          QCborArray{-2, 3},  QCborArray{7},    QCborValue(QStringLiteral("x")),
                          QCborArray{QStringLiteral("1"), 2}};
    QCOMPARE(sync::SeqRanges::fromCbor(wire).ranges(), (QList<Range>{{1, 6}, {20, 25}}));
    QCborArray many;
    for (int i = 0; i < 200; ++i)
        many.append(QCborArray{i * 10 + 1, i * 10 + 2});
    QCOMPARE(sync::SeqRanges::fromCbor(many).ranges().size(), sync::SeqRanges::kMaxRanges);
}

void TestSyncUnits::pullLeavesOutWhatTheWorkstationHolds()
{
    QTemporaryDir dir;
    sync::HubSetup setup;
    setup.directory = dir.filePath(QStringLiteral("hub"));
    setup.hallName = QStringLiteral("Test hall");
    setup.adminUsername = QStringLiteral("admin");
    setup.adminDisplayName = QStringLiteral("Admin");
    setup.adminPassword = QStringLiteral("demo1234");
    setup.hosts = {QStringLiteral("127.0.0.1")};
    setup.kdf = test::fastKdf();
    QString error;
    QVERIFY2(sync::HubStore::initialize(setup, &error), qPrintable(error));
    auto hub = sync::HubStore::open(setup.directory, &error);
    QVERIFY2(hub, qPrintable(error));
    QSqlQuery q(hub->database().sql());
    for (const char* ws : {"A", "B"}) {
        q.prepare(QStringLiteral("INSERT INTO sync_workstations(workstation_id, cert_serial, cert_sha256, cert_expires, "
                                 "certificate, enrolled_at) VALUES(?, ?, '', '2100-01-01', x'00', '2026-01-01')"));
        q.addBindValue(QString::fromLatin1(ws));
        q.addBindValue(QString::fromLatin1(ws));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }
    QHash<QString, QByteArray> heads;
    quint64 hlc = 1'000'000;
    auto push = [&](const QString& ws, int n) {
        QList<core::Event> list;
        for (int i = 0; i < n; ++i) {
            core::Event e = makeEvent(ws, QStringLiteral("note.added"), QStringLiteral("c1"), hlc++);
            e.prevHash = heads.value(ws);
            e.hash = e.computeHash();
            heads[ws] = e.hash;
            list << e;
        }
        QString pushError;
        const auto outcome = hub->push(ws, list, &pushError);
        if (!outcome)
            qWarning("push: %s", qPrintable(pushError));
        return outcome ? outcome->acks : QList<QPair<QUuid, qint64>>();
    };
    const qint64 base = hub->events().maxServerSeq();
    sync::SeqRanges held; // what workstation A was told for its pushes
    for (const auto& ack : push(QStringLiteral("A"), 3))
        held.add(ack.second);
    QCOMPARE(push(QStringLiteral("B"), 2).size(), 2);
    for (const auto& ack : push(QStringLiteral("A"), 3))
        held.add(ack.second);
    QCOMPARE(held.ranges(), (QList<sync::SeqRanges::Range>{{base + 1, base + 3}, {base + 6, base + 8}}));

    // The reply in wire form, read back as a workstation does.
    qint64 through = 0;
    bool more = true;
    auto pull = [&](qint64 after, int limit, const sync::SeqRanges& skip) {
        const sync::HubStore::PullReply reply = hub->pull(after, limit, 1 << 20, skip);
        more = reply.more;
        through = reply.through;
        QString decodeError;
        const auto events = sync::Protocol::decodeEvents(reply.events, &decodeError);
        if (!events)
            qWarning("decode: %s", qPrintable(decodeError));
        return events.value_or(QList<core::Event>{});
    };
    QList<core::Event> got = pull(base, 100, held);
    QCOMPARE(got.size(), 2); // only B's, and the cursor moves past A's own
    QCOMPARE(got.at(0).serverSeq, base + 4);
    QCOMPARE(got.at(1).workstation, QStringLiteral("B"));
    QVERIFY(got.at(1).hashIsValid());
    QVERIFY(!more);
    QCOMPARE(through, base + 8);

    // A cut reply reaches up to its last event only.
    got = pull(base, 1, held);
    QCOMPARE(got.size(), 1);
    QVERIFY(more);
    QCOMPARE(through, base + 4);
    got = pull(through, 1, held);
    QCOMPARE(got.size(), 1);
    QCOMPARE(got.first().serverSeq, base + 5);
    QVERIFY(!more);
    QCOMPARE(through, base + 8);

    // Without runs: everything; a run beyond the last event never moves the cursor past it.
    got = pull(base, 100, {});
    QCOMPARE(got.size(), 8);
    QCOMPARE(through, base + 8);
    got = pull(base, 100, sync::SeqRanges::fromCbor(QCborArray{QCborArray{base + 1, base + 1000}}));
    QVERIFY(got.isEmpty());
    QCOMPARE(through, base + 8);
    QCOMPARE(push(QStringLiteral("B"), 1).size(), 1);
    got = pull(through, 100, held);
    QCOMPARE(got.size(), 1); // the next event after the skipped run still comes
    QCOMPARE(through, base + 9);

    // Older events than the hub keeps in wire form come from the database, the same.
    auto reopened = sync::HubStore::open(setup.directory, &error);
    QVERIFY2(reopened, qPrintable(error));
    const sync::HubStore::PullReply fresh = reopened->pull(0, 1000, 1 << 20, {});
    const sync::HubStore::PullReply cached = hub->pull(0, 1000, 1 << 20, {});
    QCOMPARE(fresh.events, cached.events);
    QCOMPARE(fresh.events.size(), base + 9);
}

void TestSyncUnits::hubChecksNewUsersAsAWorkstationDoes_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("roles");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty user name") << QString() << "名" << "password-1" << "intake" << "Enter a user name.";
    QTest::newRow("SQL quote") << "x'; DROP TABLE users; --" << "名" << "password-1" << "intake" << "2 to 32";
    QTest::newRow("10,000-character name") << "longname" << QString(10000, QLatin1Char('n')) << "password-1"
                                           << "intake" << "at most 64";
    QTest::newRow("control character") << "ctrl" << QStringLiteral("a\x01b") << "password-1" << "intake"
                                       << "control";
    QTest::newRow("short password") << "shorty" << "名" << "1234" << "intake" << "at least 8";
    QTest::newRow("no role") << "norole" << "名" << "password-1" << "" << "at least one role";
    QTest::newRow("unknown role") << "odd" << "名" << "password-1" << "wizard" << "Unknown roles: wizard";
    QTest::newRow("taken") << "ADMIN" << "名" << "password-1" << "intake" << "is taken";
}

void TestSyncUnits::hubChecksNewUsersAsAWorkstationDoes()
{
    // The hub creates users through db::UserCreation as AuthService does: the same refusals, and a
    // refused user changes nothing (no row, no event, no new users snapshot).
    QFETCH(QString, username);
    QFETCH(QString, name);
    QFETCH(QString, password);
    QFETCH(QString, roles);
    QFETCH(QString, message);
    QTemporaryDir dir;
    sync::HubSetup setup;
    setup.directory = dir.filePath(QStringLiteral("hub"));
    setup.hallName = QStringLiteral("Test hall");
    setup.adminUsername = QStringLiteral("admin");
    setup.adminPassword = QStringLiteral("demo1234");
    setup.kdf = test::fastKdf();
    QString error;
    QVERIFY2(sync::HubStore::initialize(setup, &error), qPrintable(error));
    auto hub = sync::HubStore::open(setup.directory, &error);
    QVERIFY2(hub, qPrintable(error));
    const qint64 events = hub->events().count();
    auto usersVersion = [&hub] {
        for (const sync::ReferenceItem& item : hub->referenceNewerThan({}))
            if (item.kind == QLatin1String("users"))
                return item.version;
        return qint64(0);
    };
    const qint64 published = usersVersion();
    QCOMPARE(published, 1);
    QVERIFY(!hub->addUser(username, name, roles, password, &error, test::fastKdf()));
    QVERIFY2(error.contains(message), qPrintable(error));
    QCOMPARE(hub->events().count(), events);
    QCOMPARE(db::UserRepository(hub->database().sql()).all().size(), 1);
    QCOMPARE(usersVersion(), published);
    // A good one is taken, with its event acknowledged at once (it has its server_seq).
    QVERIFY2(hub->addUser(QStringLiteral("clerk2"), QString(), QStringLiteral("intake"), QStringLiteral("password-1"),
                          &error, test::fastKdf()),
             qPrintable(error));
    QCOMPARE(hub->events().count(), events + 1);
    QCOMPARE(hub->events().unsentCount(), 0);
    QCOMPARE(usersVersion(), published + 1);
    QCOMPARE(db::UserRepository(hub->database().sql()).byUsername(QStringLiteral("clerk2"))->displayName,
             QStringLiteral("clerk2"));
}

/** After data from the hub, the session's one catalog is the newest stored version. */
void TestSyncUnits::followUpTakesUpANewCatalog()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto session = hall.login(QStringLiteral("clerk"));
    const auto before = session->catalog();
    QVERIFY(before);
    core::Catalog next = *before;
    next.version = before->version + 1;
    QString error;
    QVERIFY2(db::CatalogRepository(session->database().sql()).import(next, &error), qPrintable(error));
    QCOMPARE(session->catalog()->version, before->version);
    QVERIFY2(sync::HubFollowUp::apply(*session, &error), qPrintable(error));
    QCOMPARE(session->catalog()->version, next.version);
}

QTEST_GUILESS_MAIN(TestSyncUnits)
#include "TestSyncUnits.moc"
