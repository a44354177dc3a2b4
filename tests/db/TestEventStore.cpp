// Tests of the append-only, hash-chained event store and its rebuildable projections.

#include "core/Clock.h"
#include "core/Crypto.h"
#include "core/HybridLogicalClock.h"
#include "db/Database.h"
#include "db/EventStore.h"
#include "db/Projection.h"
#include "db/WorkstationProjections.h"

#include <QCryptographicHash>
#include <QCborMap>
#include <QFile>
#include <QDir>
#include <QRandomGenerator>
#include <QSqlError>
#include <QHash>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using oneseal::core::Event;
using oneseal::core::FixedClock;
using oneseal::core::HybridLogicalClock;
using oneseal::db::Database;
using oneseal::db::Transaction;

namespace {

/** A workstation's event store: every projection registered, as the session opens it. */
class EventStore : public oneseal::db::EventStore
{
public:
    EventStore(Database& database, QString workstation,
               const oneseal::core::Clock& clock = oneseal::core::Clock::system())
        : oneseal::db::EventStore(database, std::move(workstation), clock)
    {
        oneseal::db::registerWorkstationProjections(*this);
    }
};

const QDateTime kStart(QDate(2024, 5, 6), QTime(9, 0), Qt::UTC);

/** SHA-256 over every row of a table, ordered by orderBy, each value tagged with its SQLite type. */
QByteArray tableHash(const QSqlDatabase& db, const QString& table, const QString& orderBy)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY %2").arg(table, orderBy)))
        return {};
    const int columns = q.record().count();
    int rows = 0;
    while (q.next()) {
        ++rows;
        for (int i = 0; i < columns; ++i) {
            const QVariant v = q.value(i);
            h.addData(v.isNull() ? QByteArrayView("N") : QByteArrayView(v.metaType().name()));
            h.addData(v.toString().toUtf8());
            h.addData(QByteArrayView("\x1f", 1));
        }
        h.addData(QByteArrayView("\x1e", 1));
    }
    h.addData(QByteArray::number(rows));
    return h.result();
}

int countOf(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
}

/** A projection that counts events per kind, and can be told to fail at the n-th event it sees. */
class KindCountProjection final : public oneseal::db::Projection
{
public:
    int failAt = -1;
    int seen = 0;
    QStringList tables() const override { return { QStringLiteral("kind_count") }; }
    bool apply(const QSqlDatabase& db, const Event& event, QString* error) override
    {
        if (++seen == failAt) {
            if (error)
                *error = QStringLiteral("the test projection failed on purpose");
            return false;
        }
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE kind_count SET n = n + 1 WHERE kind = ?"));
        q.addBindValue(event.kind);
        if (!q.exec())
            return false;
        if (q.numRowsAffected() == 0) {
            q.prepare(QStringLiteral("INSERT INTO kind_count(kind, n) VALUES(?, 1)"));
            q.addBindValue(event.kind);
            if (!q.exec()) {
                if (error)
                    *error = q.lastError().text();
                return false;
            }
        }
        return true;
    }
};

} // namespace

class TestEventStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void oldDatabaseUpgradesToSignedEvents();

    void appendWithinTransaction();
    void projectionsAreRegisteredByTheOpener();
    void appendOutsideTransactionIsRefused();
    void appendRefusesBadInput_data();
    void appendRefusesBadInput();
    void hashChainPerWorkstation();
    void chainContinuesAfterReopening();
    void updateIsRefused_data();
    void updateIsRefused();
    void serverSeqIsSetOnlyOnce();
    void deleteAndReplaceAreRefused();
    void rollbackLosesTheEvent();
    void rebuildGivesIdenticalProjections();
    void failedRebuildChangesNothing();
    void hlcNeverGoesBackwardsAfterReopening();
    void foldOrder();
    void malformedAttachmentDoesNotStopTheFold();
    void malformedCounterEventIsQuarantined();

private:
    void openDatabase();
    /** Appends one event in its own transaction; fails the test when it cannot. */
    Event appendOne(EventStore& store, const QString& caseId, const QString& kind, const QCborMap& payload = {},
        const QString& user = QStringLiteral("u-1"));

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QByteArray m_key;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<FixedClock> m_clock;
};

void TestEventStore::openDatabase()
{
    QString error;
    m_db = Database::open(m_path, m_key, { true }, &error);
    QVERIFY2(m_db, qPrintable(error));
    QVERIFY2(m_db->migrate(&error), qPrintable(error));
}

void TestEventStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("events.db"));
    m_key = oneseal::core::crypto::randomBytes(32);
    m_clock = std::make_unique<FixedClock>(kStart);
    openDatabase();
}

void TestEventStore::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

Event TestEventStore::appendOne(
    EventStore& store, const QString& caseId, const QString& kind, const QCborMap& payload, const QString& user)
{
    Transaction tx(m_db->sql());
    [&] { QVERIFY2(tx.isActive(), qPrintable(tx.errorText())); }();
    QString error;
    const auto e = store.append(caseId, kind, payload, user, &error);
    [&] { QVERIFY2(e.has_value(), qPrintable(error)); }();
    [&] { QVERIFY2(tx.commit(&error), qPrintable(error)); }();
    return e.value_or(Event());
}

void TestEventStore::appendWithinTransaction()
{
    EventStore store(*m_db, QStringLiteral("WS-01"), *m_clock);
    QCOMPARE(store.workstation(), QStringLiteral("WS-01"));
    QCOMPARE(store.count(), 0);
    const QCborMap payload { { QStringLiteral("applicant"), QStringLiteral("张三丰") },
        { QStringLiteral("items"), 3 } };
    Transaction tx(m_db->sql());
    QVERIFY(tx.isActive());
    QString error;
    const auto e = store.append(
        QStringLiteral("C-001"), QStringLiteral("intake.accepted"), payload, QStringLiteral("u-7"), &error);
    QVERIFY2(e.has_value(), qPrintable(error));
    QVERIFY(tx.commit(&error));

    QVERIFY(e->seq > 0);
    QVERIFY(!e->id.isNull());
    QVERIFY(e->prevHash.isEmpty()); // the first event of the workstation
    QCOMPARE(e->hash.size(), 32);
    QVERIFY(e->hashIsValid());
    QCOMPARE(e->recordedAt, kStart);
    QCOMPARE(HybridLogicalClock::millis(e->hlc), kStart.toMSecsSinceEpoch());
    QCOMPARE(store.count(), 1);

    const QList<Event> stored = store.caseEvents(QStringLiteral("C-001"));
    QCOMPARE(stored.size(), 1);
    const Event& s = stored.first();
    QCOMPARE(s.seq, e->seq);
    QCOMPARE(s.id, e->id);
    QCOMPARE(s.kind, QStringLiteral("intake.accepted"));
    QCOMPARE(s.payload(), payload);
    QCOMPARE(s.payloadCbor, e->payloadCbor);
    QCOMPARE(s.userId, QStringLiteral("u-7"));
    QCOMPARE(s.workstation, QStringLiteral("WS-01"));
    QCOMPARE(s.hlc, e->hlc);
    QCOMPARE(s.hash, e->hash);
    QCOMPARE(s.recordedAt, kStart);
    QCOMPARE(s.serverSeq, 0);
    QVERIFY(s.hashIsValid());
    QVERIFY(store.caseEvents(QStringLiteral("C-002")).isEmpty());

    // The projection was updated in the same transaction.
    QSqlQuery q(m_db->sql());
    QVERIFY(q.exec(QStringLiteral("SELECT status, event_count, first_hlc, last_hlc, last_kind, last_user_id "
                                  "FROM case_summary WHERE case_id = 'C-001'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("accepted"));
    QCOMPARE(q.value(1).toInt(), 1);
    QCOMPARE(quint64(q.value(2).toLongLong()), e->hlc);
    QCOMPARE(quint64(q.value(3).toLongLong()), e->hlc);
    QCOMPARE(q.value(4).toString(), QStringLiteral("intake.accepted"));
    QCOMPARE(q.value(5).toString(), QStringLiteral("u-7"));

    // A hall-wide event (no case) is stored but has no case summary.
    appendOne(store, QString(), QStringLiteral("user.created"));
    QCOMPARE(store.count(), 2);
    QCOMPARE(countOf(m_db->sql(), QStringLiteral("SELECT count(*) FROM case_summary")), 1);
    QCOMPARE(countOf(m_db->sql(), QStringLiteral("SELECT count(*) FROM events WHERE case_id IS NULL")), 1);
}

void TestEventStore::projectionsAreRegisteredByTheOpener()
{
    // A bare store (the hub's) keeps events and folds nothing.
    oneseal::db::EventStore bare(*m_db, QStringLiteral("HUB"), *m_clock);
    QCOMPARE(bare.projectionCount(), 0);
    QString error;
    {
        Transaction tx(m_db->sql());
        QVERIFY2(bare.append(QStringLiteral("C-1"), QStringLiteral("intake.accepted"), {}, QStringLiteral("u"), &error),
                 qPrintable(error));
        QVERIFY(tx.commit(&error));
    }
    QSqlQuery q(m_db->sql());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM case_summary")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    q.finish();
    // A workstation registers all of them; rebuilding folds the event the bare store kept.
    oneseal::db::EventStore workstation(*m_db, QStringLiteral("WS-1"), *m_clock);
    oneseal::db::registerWorkstationProjections(workstation);
    QCOMPARE(workstation.projectionCount(), 11); // with UserRolesProjection
    QVERIFY2(workstation.rebuildProjections(&error), qPrintable(error));
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM case_summary WHERE case_id = 'C-1'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

void TestEventStore::appendOutsideTransactionIsRefused()
{
    EventStore store(*m_db, QStringLiteral("WS-01"), *m_clock);
    QString error;
    QVERIFY(!m_db->inTransaction());
    QVERIFY(!store.append(QStringLiteral("C-1"), QStringLiteral("intake.accepted"), {}, QStringLiteral("u"), &error));
    QVERIFY2(error.contains(QLatin1String("transaction")), qPrintable(error));
    QCOMPARE(store.count(), 0);
    QCOMPARE(countOf(m_db->sql(), QStringLiteral("SELECT count(*) FROM case_summary")), 0);
}

void TestEventStore::appendRefusesBadInput_data()
{
    QTest::addColumn<QString>("workstation");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("user");
    QTest::newRow("no kind") << "WS"
                             << "  "
                             << "u";
    QTest::newRow("no user") << "WS"
                             << "intake.accepted"
                             << "";
    QTest::newRow("no workstation") << ""
                                    << "intake.accepted"
                                    << "u";
}

void TestEventStore::appendRefusesBadInput()
{
    QFETCH(QString, workstation);
    QFETCH(QString, kind);
    QFETCH(QString, user);
    EventStore store(*m_db, workstation, *m_clock);
    Transaction tx(m_db->sql());
    QString error;
    QVERIFY(!store.append(QStringLiteral("C-1"), kind, {}, user, &error));
    QVERIFY(!error.isEmpty());
    QString commitError;
    QVERIFY(tx.commit(&commitError));
    QCOMPARE(store.count(), 0);
}

void TestEventStore::hashChainPerWorkstation()
{
    EventStore a(*m_db, QStringLiteral("WS-A"), *m_clock);
    EventStore b(*m_db, QStringLiteral("WS-B"), *m_clock);
    QList<Event> appended;
    for (int i = 0; i < 40; ++i) {
        m_clock->advanceMs(i % 3 == 0 ? 0 : 7); // several events in the same millisecond too
        EventStore& store = (i % 3 == 1) ? b : a;
        appended << appendOne(store, QStringLiteral("C-%1").arg(i % 5), QStringLiteral("note.added"),
            QCborMap { { QStringLiteral("i"), i } });
    }
    QHash<QString, QByteArray> lastHash;
    QHash<QString, quint64> lastHlc;
    QHash<QString, int> perWorkstation;
    QSqlQuery q(m_db->sql());
    q.setForwardOnly(true);
    QVERIFY(q.exec(QStringLiteral("SELECT seq, uuid, case_id, kind, payload, user_id, workstation, hlc, prev_hash, "
                                  "hash, recorded_at, server_seq FROM events ORDER BY seq")));
    int n = 0;
    while (q.next()) {
        const Event e = EventStore::eventFromQuery(q);
        QVERIFY2(e.hashIsValid(), qPrintable(QString::number(e.seq)));
        QCOMPARE(e.hash, appended.at(n).hash);
        QCOMPARE(e.prevHash, lastHash.value(e.workstation)); // empty for each workstation's first event
        QVERIFY(e.hlc > lastHlc.value(e.workstation));
        lastHash[e.workstation] = e.hash;
        lastHlc[e.workstation] = e.hlc;
        ++perWorkstation[e.workstation];
        ++n;
    }
    QCOMPARE(n, 40);
    QCOMPARE(perWorkstation.value(QStringLiteral("WS-A")), 27);
    QCOMPARE(perWorkstation.value(QStringLiteral("WS-B")), 13);

    // Changing any hashed field breaks the hash.
    Event tampered = appended.at(5);
    tampered.payloadCbor = QCborValue(QCborMap { { QStringLiteral("i"), 999 } }).toCbor();
    QVERIFY(!tampered.hashIsValid());
    tampered = appended.at(5);
    tampered.prevHash = appended.at(1).hash;
    QVERIFY(!tampered.hashIsValid());
}

void TestEventStore::chainContinuesAfterReopening()
{
    Event last;
    {
        EventStore store(*m_db, QStringLiteral("WS-A"), *m_clock);
        appendOne(store, QStringLiteral("C-1"), QStringLiteral("intake.accepted"));
        last = appendOne(store, QStringLiteral("C-1"), QStringLiteral("review.passed"));
    }
    m_db.reset();
    openDatabase();
    EventStore store(*m_db, QStringLiteral("WS-A"), *m_clock);
    const Event next = appendOne(store, QStringLiteral("C-2"), QStringLiteral("intake.accepted"));
    QCOMPARE(next.prevHash, last.hash);
    QVERIFY(next.hashIsValid());
    QVERIFY(next.seq > last.seq);
}

void TestEventStore::updateIsRefused_data()
{
    QTest::addColumn<QString>("assignment");
    QTest::newRow("seq") << "seq = 1000";
    QTest::newRow("uuid") << "uuid = 'x'";
    QTest::newRow("case_id") << "case_id = 'C-other'";
    QTest::newRow("case_id to null") << "case_id = NULL";
    QTest::newRow("kind") << "kind = 'decision.approved'";
    QTest::newRow("payload") << "payload = x'00'";
    QTest::newRow("user_id") << "user_id = 'intruder'";
    QTest::newRow("workstation") << "workstation = 'WS-X'";
    QTest::newRow("hlc") << "hlc = hlc + 1";
    QTest::newRow("prev_hash") << "prev_hash = x'01'";
    QTest::newRow("prev_hash to null") << "prev_hash = NULL";
    QTest::newRow("hash") << "hash = x'02'";
    QTest::newRow("recorded_at") << "recorded_at = '2000-01-01T00:00:00Z'";
    QTest::newRow("several") << "kind = 'x', user_id = 'y'";
}

void TestEventStore::updateIsRefused()
{
    QFETCH(QString, assignment);
    EventStore store(*m_db, QStringLiteral("WS-A"), *m_clock);
    appendOne(store, QStringLiteral("C-1"), QStringLiteral("intake.accepted"));
    appendOne(store, QStringLiteral("C-1"), QStringLiteral("review.passed"));
    const QByteArray before = tableHash(m_db->sql(), QStringLiteral("events"), QStringLiteral("seq"));
    QSqlQuery q(m_db->sql());
    QVERIFY(!q.exec(QStringLiteral("UPDATE events SET %1 WHERE seq = 2").arg(assignment)));
    QVERIFY2(q.lastError().databaseText().contains(QLatin1String("append-only")), qPrintable(q.lastError().text()));
    QVERIFY(!q.exec(QStringLiteral("UPDATE OR REPLACE events SET %1").arg(assignment)));
    QVERIFY(!q.exec(QStringLiteral("UPDATE OR IGNORE events SET %1").arg(assignment)));
    QCOMPARE(tableHash(m_db->sql(), QStringLiteral("events"), QStringLiteral("seq")), before);
    QCOMPARE(store.count(), 2);
}

void TestEventStore::serverSeqIsSetOnlyOnce()
{
    EventStore store(*m_db, QStringLiteral("WS-A"), *m_clock);
    appendOne(store, QStringLiteral("C-1"), QStringLiteral("intake.accepted"));
    appendOne(store, QStringLiteral("C-1"), QStringLiteral("review.passed"));
    QSqlQuery q(m_db->sql());
    // The hub's acknowledgement: a first-time server_seq is allowed.
    QVERIFY2(
        q.exec(QStringLiteral("UPDATE events SET server_seq = 5 WHERE seq = 1")), qPrintable(q.lastError().text()));
    QCOMPARE(q.numRowsAffected(), 1);
    // Never changed or cleared afterwards.
    QVERIFY(!q.exec(QStringLiteral("UPDATE events SET server_seq = 6 WHERE seq = 1")));
    QVERIFY(q.lastError().databaseText().contains(QLatin1String("append-only")));
    QVERIFY(!q.exec(QStringLiteral("UPDATE events SET server_seq = NULL WHERE seq = 1")));
    // Never a number another event already has, even with OR REPLACE (which would delete that event).
    QVERIFY(!q.exec(QStringLiteral("UPDATE events SET server_seq = 5 WHERE seq = 2")));
    QVERIFY(!q.exec(QStringLiteral("UPDATE OR REPLACE events SET server_seq = 5 WHERE seq = 2")));
    QCOMPARE(store.count(), 2);
    QVERIFY(q.exec(QStringLiteral("SELECT seq, server_seq FROM events ORDER BY seq")));
    QVERIFY(q.next());
    QCOMPARE(q.value(1).toLongLong(), 5LL);
    QVERIFY(q.next());
    QVERIFY(q.value(1).isNull());
    QVERIFY(q.exec(QStringLiteral("UPDATE events SET server_seq = 6 WHERE seq = 2")));
    const QList<Event> all = store.allEvents();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).serverSeq, 5);
    QCOMPARE(all.at(1).serverSeq, 6);
    QVERIFY(all.at(0).hashIsValid() && all.at(1).hashIsValid()); // server_seq is not part of the hash
}

void TestEventStore::deleteAndReplaceAreRefused()
{
    EventStore store(*m_db, QStringLiteral("WS-A"), *m_clock);
    const Event first = appendOne(store, QStringLiteral("C-1"), QStringLiteral("intake.accepted"));
    appendOne(store, QStringLiteral("C-1"), QStringLiteral("review.passed"));
    QSqlQuery q(m_db->sql());
    QVERIFY(q.exec(QStringLiteral("PRAGMA recursive_triggers")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    q.finish();
    QVERIFY(q.exec(QStringLiteral("UPDATE events SET server_seq = 1 WHERE seq = 1")));
    const QByteArray before = tableHash(m_db->sql(), QStringLiteral("events"), QStringLiteral("seq"));
    const QStringList attempts {
        QStringLiteral("DELETE FROM events WHERE seq = 1"),
        QStringLiteral("DELETE FROM events"),
        // REPLACE deletes the clashing row; every connection runs with recursive_triggers on, so
        // that delete fires events_no_delete (migration 0010).
        QStringLiteral("INSERT OR REPLACE INTO events(seq, uuid, kind, payload, user_id, workstation, hlc, hash, "
                       "recorded_at) VALUES(1, 'new', 'k', x'00', 'u', 'WS-A', 1, x'00', 'now')"),
        QStringLiteral(
            "INSERT OR REPLACE INTO events(uuid, kind, payload, user_id, workstation, hlc, hash, recorded_at) "
            "VALUES('%1', 'k', x'00', 'u', 'WS-A', 1, x'00', 'now')")
            .arg(first.id.toString(QUuid::WithoutBraces)),
        QStringLiteral(
            "INSERT OR REPLACE INTO events(uuid, kind, payload, user_id, workstation, hlc, hash, recorded_at, "
            "server_seq) VALUES('other', 'k', x'00', 'u', 'WS-A', 1, x'00', 'now', 1)"),
        QStringLiteral("REPLACE INTO events(seq, uuid, kind, payload, user_id, workstation, hlc, hash, recorded_at) "
                       "VALUES(2, 'new2', 'k', x'00', 'u', 'WS-A', 1, x'00', 'now')"),
        QStringLiteral("DROP TABLE IF EXISTS nothing_here; DELETE FROM events"),
    };
    for (const QString& sql : attempts) {
        QVERIFY2(!q.exec(sql), qPrintable(sql));
        QCOMPARE(tableHash(m_db->sql(), QStringLiteral("events"), QStringLiteral("seq")), before);
    }
    QCOMPARE(store.count(), 2);
    // A plain insert of a new event is still possible (append-only, not read-only).
    appendOne(store, QStringLiteral("C-1"), QStringLiteral("inspection.passed"));
    QCOMPARE(store.count(), 3);
}

void TestEventStore::rollbackLosesTheEvent()
{
    EventStore store(*m_db, QStringLiteral("WS-A"), *m_clock);
    const Event kept = appendOne(store, QStringLiteral("C-1"), QStringLiteral("intake.accepted"));
    const QByteArray summary = tableHash(m_db->sql(), QStringLiteral("case_summary"), QStringLiteral("case_id"));
    {
        Transaction tx(m_db->sql());
        QVERIFY(tx.isActive());
        QString error;
        QVERIFY(store.append(QStringLiteral("C-1"), QStringLiteral("review.passed"), {}, QStringLiteral("u"), &error));
        QVERIFY(
            store.append(QStringLiteral("C-2"), QStringLiteral("intake.accepted"), {}, QStringLiteral("u"), &error));
        QCOMPARE(store.count(), 3); // visible inside the transaction
    } // not committed: rolled back
    QVERIFY(!m_db->inTransaction());
    QCOMPARE(store.count(), 1);
    QCOMPARE(tableHash(m_db->sql(), QStringLiteral("case_summary"), QStringLiteral("case_id")), summary);
    QVERIFY(store.caseEvents(QStringLiteral("C-2")).isEmpty());
    // The chain goes on from the last kept event, not from the lost ones.
    const Event next = appendOne(store, QStringLiteral("C-1"), QStringLiteral("review.passed"));
    QCOMPARE(next.prevHash, kept.hash);
    QVERIFY(next.hlc > kept.hlc);
}

void TestEventStore::rebuildGivesIdenticalProjections()
{
    EventStore a(*m_db, QStringLiteral("WS-A"), *m_clock);
    EventStore b(*m_db, QStringLiteral("WS-B"), *m_clock);
    auto kinds = std::make_shared<KindCountProjection>();
    QSqlQuery q(m_db->sql());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE kind_count(kind TEXT PRIMARY KEY, n INTEGER NOT NULL)")));
    a.addProjection(kinds);
    b.addProjection(kinds);

    const QStringList flow { QStringLiteral("intake.accepted"), QStringLiteral("intake.notified_missing"),
        QStringLiteral("intake.accepted"), QStringLiteral("review.correction_requested"),
        QStringLiteral("review.passed"), QStringLiteral("inspection.passed"), QStringLiteral("decision.approved"),
        QStringLiteral("certificate.issued") };
    QRandomGenerator random(20240506);
    QHash<QString, int> step;
    constexpr int kEvents = 400;
    constexpr int kCases = 36;
    int appended = 0;
    EventStore* previous = nullptr;
    while (appended < kEvents) {
        Transaction tx(m_db->sql());
        QVERIFY(tx.isActive());
        for (int k = 0; k < 20 && appended < kEvents; ++k, ++appended) {
            EventStore& store = random.bounded(4) == 0 ? b : a;
            // Often the same millisecond within one store; a switch of workstation moves the clock on,
            // so that the fold order (by HLC) is the order of appending, as it is at a real workstation.
            m_clock->advanceMs(&store != previous ? 1 : random.bounded(3));
            previous = &store;
            const QString caseId = QStringLiteral("2024-%1").arg(random.bounded(kCases), 4, 10, QLatin1Char('0'));
            const int s = step.value(caseId);
            QString kind = s < flow.size() ? flow.at(s) : QStringLiteral("note.added");
            if (random.bounded(5) == 0)
                kind = QStringLiteral("note.added"); // unknown kinds keep the status
            else
                step[caseId] = s + 1;
            const QString user = QStringLiteral("u-%1").arg(random.bounded(4));
            QString error;
            QVERIFY2(store.append(caseId, kind, QCborMap { { QStringLiteral("n"), appended } }, user, &error),
                qPrintable(error));
        }
        QString error;
        QVERIFY(tx.commit(&error));
    }
    QCOMPARE(a.count(), kEvents);
    const int cases = countOf(m_db->sql(), QStringLiteral("SELECT count(*) FROM case_summary"));
    QVERIFY2(cases >= 30, qPrintable(QString::number(cases)));
    QCOMPARE(countOf(m_db->sql(), QStringLiteral("SELECT sum(event_count) FROM case_summary")), kEvents);
    QVERIFY(countOf(m_db->sql(), QStringLiteral("SELECT count(DISTINCT status) FROM case_summary")) >= 3);

    const QByteArray before = tableHash(m_db->sql(), QStringLiteral("case_summary"), QStringLiteral("case_id"));
    QVERIFY(!before.isEmpty());
    QString error;
    QVERIFY2(b.rebuildProjections(&error), qPrintable(error)); // b has only the built-in projection
    QCOMPARE(tableHash(m_db->sql(), QStringLiteral("case_summary"), QStringLiteral("case_id")), before);

    // Damage the projection: a rebuild restores exactly the same rows.
    QVERIFY(q.exec(QStringLiteral("UPDATE case_summary SET status = 'bogus', event_count = 0 WHERE case_id IN "
                                  "(SELECT case_id FROM case_summary ORDER BY case_id LIMIT 5)")));
    QVERIFY(q.exec(QStringLiteral("DELETE FROM case_summary WHERE case_id = (SELECT max(case_id) FROM case_summary)")));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO case_summary VALUES('ghost', 'open', 1, 1, 1, 'k', 'u')")));
    QVERIFY(tableHash(m_db->sql(), QStringLiteral("case_summary"), QStringLiteral("case_id")) != before);
    const QByteArray kindsBefore = tableHash(m_db->sql(), QStringLiteral("kind_count"), QStringLiteral("kind"));
    QVERIFY(q.exec(QStringLiteral("DELETE FROM kind_count")));
    QVERIFY2(a.rebuildProjections(&error), qPrintable(error));
    QCOMPARE(tableHash(m_db->sql(), QStringLiteral("case_summary"), QStringLiteral("case_id")), before);
    QCOMPARE(tableHash(m_db->sql(), QStringLiteral("kind_count"), QStringLiteral("kind")), kindsBefore);
    QCOMPARE(a.count(), kEvents); // events untouched
    q.finish();
    q = QSqlQuery();

    // And after reopening the database, from a fresh store.
    m_db.reset();
    openDatabase();
    EventStore fresh(*m_db, QStringLiteral("WS-C"));
    QVERIFY2(fresh.rebuildProjections(&error), qPrintable(error));
    QCOMPARE(tableHash(m_db->sql(), QStringLiteral("case_summary"), QStringLiteral("case_id")), before);
}

void TestEventStore::failedRebuildChangesNothing()
{
    EventStore store(*m_db, QStringLiteral("WS-A"), *m_clock);
    auto kinds = std::make_shared<KindCountProjection>();
    QSqlQuery q(m_db->sql());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE kind_count(kind TEXT PRIMARY KEY, n INTEGER NOT NULL)")));
    store.addProjection(kinds);
    for (int i = 0; i < 30; ++i)
        appendOne(store, QStringLiteral("C-%1").arg(i % 7),
            i % 2 ? QStringLiteral("review.passed") : QStringLiteral("intake.accepted"));
    const QByteArray summary = tableHash(m_db->sql(), QStringLiteral("case_summary"), QStringLiteral("case_id"));
    const QByteArray kindCounts = tableHash(m_db->sql(), QStringLiteral("kind_count"), QStringLiteral("kind"));
    kinds->seen = 0;
    kinds->failAt = 20; // fails half-way through the rebuild
    QString error;
    QVERIFY(!store.rebuildProjections(&error));
    QVERIFY2(error.contains(QLatin1String("on purpose")), qPrintable(error));
    QVERIFY(!m_db->inTransaction());
    QCOMPARE(tableHash(m_db->sql(), QStringLiteral("case_summary"), QStringLiteral("case_id")), summary);
    QCOMPARE(tableHash(m_db->sql(), QStringLiteral("kind_count"), QStringLiteral("kind")), kindCounts);
    QCOMPARE(store.count(), 30);
}

void TestEventStore::hlcNeverGoesBackwardsAfterReopening()
{
    quint64 maxHlc = 0;
    {
        EventStore store(*m_db, QStringLiteral("WS-A"), *m_clock);
        for (int i = 0; i < 5; ++i) // all in the same millisecond: the counter moves on
            maxHlc = std::max(maxHlc, appendOne(store, QStringLiteral("C-1"), QStringLiteral("note.added")).hlc);
        QCOMPARE(HybridLogicalClock::counter(maxHlc), 4u);
    }
    m_db.reset();
    openDatabase();
    // The wall clock went back an hour (a wrong BIOS clock, a manual change).
    FixedClock earlier(kStart.addSecs(-3600));
    EventStore store(*m_db, QStringLiteral("WS-A"), earlier);
    quint64 previous = maxHlc;
    for (int i = 0; i < 3; ++i) {
        const Event e = appendOne(store, QStringLiteral("C-1"), QStringLiteral("note.added"));
        QVERIFY2(e.hlc > previous, qPrintable(QStringLiteral("%1 <= %2").arg(e.hlc).arg(previous)));
        previous = e.hlc;
    }
    // Another workstation's events count too (max over the whole table).
    m_db.reset();
    openDatabase();
    EventStore other(*m_db, QStringLiteral("WS-B"), earlier);
    const Event e = appendOne(other, QStringLiteral("C-9"), QStringLiteral("note.added"));
    QVERIFY(e.hlc > previous);
    // When the wall clock is ahead again, it is used.
    FixedClock later(kStart.addSecs(60));
    EventStore third(*m_db, QStringLiteral("WS-B"), later);
    const Event f = appendOne(third, QStringLiteral("C-9"), QStringLiteral("note.added"));
    QCOMPARE(HybridLogicalClock::millis(f.hlc), kStart.addSecs(60).toMSecsSinceEpoch());
    QCOMPARE(HybridLogicalClock::counter(f.hlc), 0u);
}

void TestEventStore::foldOrder()
{
    EventStore store(*m_db, QStringLiteral("WS-A"), *m_clock);
    const Event e1 = appendOne(store, QStringLiteral("C-1"), QStringLiteral("intake.accepted"));
    m_clock->advanceMs(5);
    const Event e2 = appendOne(store, QStringLiteral("C-1"), QStringLiteral("review.passed"));
    m_clock->advanceMs(5);
    const Event e3 = appendOne(store, QStringLiteral("C-1"), QStringLiteral("inspection.passed"));
    // Acknowledged events come first, in server order; then the rest by HLC.
    QSqlQuery q(m_db->sql());
    QVERIFY(q.exec(QStringLiteral("UPDATE events SET server_seq = 1 WHERE seq = %1").arg(e3.seq)));
    QVERIFY(q.exec(QStringLiteral("UPDATE events SET server_seq = 2 WHERE seq = %1").arg(e1.seq)));
    const QList<Event> all = store.caseEvents(QStringLiteral("C-1"));
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.at(0).seq, e3.seq);
    QCOMPARE(all.at(1).seq, e1.seq);
    QCOMPARE(all.at(2).seq, e2.seq);

    // readCaseEvents() (SQLite's API, several cases at once, sorted in memory) gives the same order.
    EventStore other(*m_db, QStringLiteral("WS-B"), *m_clock);
    const Event b1 = appendOne(other, QStringLiteral("C-2"), QStringLiteral("intake.accepted"));
    m_clock->advanceMs(5);
    appendOne(store, QStringLiteral("C-2"), QStringLiteral("review.passed"));
    appendOne(other, QStringLiteral("C-1"), QStringLiteral("note.added"));
    const Event b4 = appendOne(other, QStringLiteral("C-2"), QStringLiteral("note.added"));
    QVERIFY(q.exec(QStringLiteral("UPDATE events SET server_seq = 3 WHERE seq = %1").arg(b4.seq)));
    QVERIFY(q.exec(QStringLiteral("UPDATE events SET server_seq = 4 WHERE seq = %1").arg(b1.seq)));
    QHash<QString, QList<Event>> read;
    QString error;
    QVERIFY2(EventStore::readCaseEvents(m_db->sql(),
                                        {QStringLiteral("C-2"), QStringLiteral("C-none"), QStringLiteral("C-1")}, &read,
                                        &error),
             qPrintable(error));
    QCOMPARE(read.size(), 2);
    for (const QString& id : {QStringLiteral("C-1"), QStringLiteral("C-2")}) {
        const QList<Event> expected = store.caseEvents(id);
        QCOMPARE(read.value(id).size(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            const Event& got = read.value(id).at(i);
            QCOMPARE(got.seq, expected.at(i).seq);
            QCOMPARE(got.id, expected.at(i).id);
            QCOMPARE(got.hash, expected.at(i).hash);
            QCOMPARE(got.prevHash, expected.at(i).prevHash);
            QCOMPARE(got.recordedAt, expected.at(i).recordedAt);
            QCOMPARE(got.serverSeq, expected.at(i).serverSeq);
            QVERIFY(got.hashIsValid());
        }
    }
    QCOMPARE(read.value(QStringLiteral("C-2")).constFirst().seq, b4.seq);
}

void TestEventStore::oldDatabaseUpgradesToSignedEvents()
{
    // A database of before signing (migrations 0001 - 0010) with one event, upgraded: the event
    // stays, as unsigned legacy, its new columns are as append-only as the rest.
    QTemporaryDir old;
    QDir source(QStringLiteral(":/oneseal/migrations"));
    for (const QString& name : source.entryList(QDir::Files))
        if (name < QStringLiteral("0011"))
            QVERIFY(QFile::copy(source.filePath(name), old.filePath(name)));
    QString error;
    auto db = Database::open(m_dir->filePath(QStringLiteral("old.db")), m_key, {true}, &error);
    QVERIFY2(db && db->migrate(&error, old.path()), qPrintable(error));
    QCOMPARE(db->schemaVersion(), 10);
    oneseal::core::Event e;
    e.id = QUuid::createUuid();
    e.kind = QStringLiteral("note.added");
    e.setPayload(QCborMap{{QStringLiteral("text"), QStringLiteral("before signing")}});
    e.userId = QStringLiteral("u1");
    e.workstation = QStringLiteral("WS-OLD");
    e.hlc = 42;
    e.recordedAt = kStart;
    e.hash = e.computeHash();
    QSqlQuery q(db->sql());
    q.prepare(QStringLiteral("INSERT INTO events(uuid, kind, payload, user_id, workstation, hlc, hash, recorded_at) "
                             "VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant& v : QVariantList{e.id.toString(QUuid::WithoutBraces), e.kind, e.payloadCbor, e.userId, e.workstation,
                                          qint64(e.hlc), e.hash, oneseal::core::Event::timeText(e.recordedAt)})
        q.addBindValue(v);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    QVERIFY2(db->migrate(&error), qPrintable(error));
    QCOMPARE(db->schemaVersion(), Database::latestSchemaVersion());
    EventStore store(*db, QStringLiteral("WS-OLD"), *m_clock);
    const auto stored = store.event(e.id);
    QVERIFY(stored);
    QVERIFY(stored->hashIsValid());
    QVERIFY(stored->signature.isEmpty());
    QVERIFY(stored->quarantine.isEmpty());
    QVERIFY(!q.exec(QStringLiteral("UPDATE events SET signature = x'00'")));
    QVERIFY(!q.exec(QStringLiteral("UPDATE events SET quarantine = 'hidden'")));
    // No legacy point yet: an unsigned event from elsewhere is still admitted.
    oneseal::core::Event remote = e;
    remote.id = QUuid::createUuid();
    remote.workstation = QStringLiteral("WS-OTHER");
    remote.serverSeq = 7;
    remote.hash = remote.computeHash();
    Transaction tx(db->sql());
    const auto applied = store.applyRemote({remote}, &error);
    QVERIFY2(applied, qPrintable(error));
    QCOMPARE(applied->quarantined, 0);
    // With the legacy point at 0 (signing switched on), the same kind of event is quarantined.
    QVERIFY(db->setMeta(QStringLiteral("legacy_hlc"), QStringLiteral("0"), &error));
    remote.id = QUuid::createUuid();
    remote.serverSeq = 8;
    remote.hash = remote.computeHash();
    const auto refused = store.applyRemote({remote}, &error);
    QVERIFY2(refused, qPrintable(error));
    QCOMPARE(refused->quarantined, 1);
    QVERIFY(tx.commit(&error));
    QVERIFY(store.event(remote.id)->quarantine.contains(QStringLiteral("unsigned")));
}

/**
 * An attachment event from elsewhere that does not name its file (a forged or broken client) is
 * stored like any event but adds no attachment: before, its NULL file name failed the projection
 * and with it every pull of the batch, on every workstation.
 */
void TestEventStore::malformedAttachmentDoesNotStopTheFold()
{
    EventStore store(*m_db, QStringLiteral("WS-01"), *m_clock);
    oneseal::db::registerWorkstationProjections(store);
    auto remote = [&](const QCborMap& payload, qint64 serverSeq, const QByteArray& prev) {
        Event e;
        e.id = QUuid::createUuid();
        e.caseId = QStringLiteral("C-77");
        e.kind = QStringLiteral("attachment.added");
        e.setPayload(payload);
        e.userId = QStringLiteral("u-9");
        e.workstation = QStringLiteral("WS-OTHER");
        e.hlc = quint64(serverSeq) << 16;
        e.recordedAt = kStart;
        e.prevHash = prev;
        e.serverSeq = serverSeq;
        e.hash = e.computeHash();
        return e;
    };
    const QString sha = QString::fromLatin1(QByteArray(32, 'a').toHex());
    const Event broken = remote(QCborMap{{QStringLiteral("sha256"), sha}}, 1, QByteArray());
    const Event good = remote(QCborMap{{QStringLiteral("sha256"), QString::fromLatin1(QByteArray(32, 'b').toHex())},
                                       {QStringLiteral("material_code"), QStringLiteral("M1")},
                                       {QStringLiteral("file_name"), QStringLiteral("scan.png")},
                                       {QStringLiteral("mime"), QStringLiteral("image/png")},
                                       {QStringLiteral("size"), 10}},
                              2, broken.hash);
    QString error;
    Transaction tx(m_db->sql());
    QVERIFY2(store.applyRemote({broken, good}, &error), qPrintable(error));
    QVERIFY2(tx.commit(&error), qPrintable(error));
    QCOMPARE(store.count(), 2);
    QSqlQuery q(m_db->sql());
    QVERIFY(q.exec(QStringLiteral("SELECT file_name FROM case_attachments WHERE case_id = 'C-77'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("scan.png"));
    QVERIFY(!q.next());
}

/**
 * A rating outside the five levels from elsewhere is kept but quarantined (core::EventAdmission checks
 * the shape of counter.* events on every replica, signed or legacy) and never reaches counter_ratings;
 * a well-formed one after it is folded.
 */
void TestEventStore::malformedCounterEventIsQuarantined()
{
    EventStore store(*m_db, QStringLiteral("WS-01"), *m_clock);
    oneseal::db::registerWorkstationProjections(store);
    auto remote = [&](const QString& caseId, int level, qint64 serverSeq, const QByteArray& prev) {
        Event e;
        e.id = QUuid::createUuid();
        e.caseId = caseId;
        e.kind = QStringLiteral("counter.rated");
        e.setPayload(QCborMap{{QStringLiteral("level"), level}});
        e.userId = QStringLiteral("u-9");
        e.workstation = QStringLiteral("WS-OTHER");
        e.hlc = quint64(serverSeq) << 16;
        e.recordedAt = kStart;
        e.prevHash = prev;
        e.serverSeq = serverSeq;
        e.hash = e.computeHash();
        return e;
    };
    const Event bad = remote(QStringLiteral("C-1"), 9, 1, QByteArray());
    const Event good = remote(QStringLiteral("C-2"), 1, 2, bad.hash);
    QString error;
    Transaction tx(m_db->sql());
    const auto applied = store.applyRemote({bad, good}, &error);
    QVERIFY2(applied, qPrintable(error));
    QCOMPARE(applied->quarantined, 1);
    QVERIFY2(tx.commit(&error), qPrintable(error));
    QVERIFY(store.event(bad.id)->quarantine.contains(QStringLiteral("five levels")));
    QCOMPARE(countOf(m_db->sql(), QStringLiteral("SELECT count(*) FROM counter_ratings WHERE case_id = 'C-1'")), 0);
    QCOMPARE(countOf(m_db->sql(), QStringLiteral("SELECT level FROM counter_ratings WHERE case_id = 'C-2'")), 1);
}

QTEST_GUILESS_MAIN(TestEventStore)
#include "TestEventStore.moc"
