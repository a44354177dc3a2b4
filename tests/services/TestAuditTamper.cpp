#include "TestConfig.h"
#include "TestSupport.h"

#include "core/Identifiers.h"
#include "db/Database.h"
#include "db/EventStore.h"
#include "services/AuditService.h"
#include "services/HallService.h"
#include "services/IntakeService.h"
#include "services/ReviewService.h"

#include <QCborMap>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace oneseal;
using Problem = core::AuditFinding::Problem;

namespace {

/** Runs the built oneseal-admin with the password on standard input; returns exit code and output. */
QPair<int, QString> runAdmin(const QStringList& args)
{
    QProcess p;
    p.setProgram(QStringLiteral(ONESEAL_BINARY_DIR "/app/cli/oneseal-admin"));
    p.setArguments(args);
    p.start();
    if (!p.waitForStarted(10000))
        return {-1, QStringLiteral("did not start")};
    p.write(services::HallService::demoPassword().toUtf8() + "\n");
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        return {-2, QStringLiteral("did not finish")};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError())};
}

/** A hall with a few cases on its one workstation; returns the raw key and the seq numbers of its events. */
bool prepareHall(const test::TempHall& hall, QByteArray* key, QList<qint64>* seqs)
{
    auto clerk = hall.login(QStringLiteral("clerk"));
    if (!clerk)
        return false;
    services::IntakeService intake(*clerk);
    const core::Matter& matter = intake.catalog().matters.first();
    for (int i = 0; i < 3; ++i) {
        services::IntakeRequest r;
        r.subjectCode = matter.code;
        const QString first17 = QStringLiteral("1408021990010100%1").arg(i);
        r.applicant.idNumber = first17 + core::residentIdCheckChar(first17);
        r.applicant.name = QStringLiteral("申请人%1").arg(i);
        r.applicant.phone = QStringLiteral("13800138000");
        r.materials = intake.checklistFor(*intake.subject(matter.code));
        for (auto& m : r.materials)
            m.state = core::MaterialState::Missing;
        r.outcome = core::IntakeOutcome::NotifyMissing;
        QString error;
        if (!intake.record(r, &error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
    }
    *key = clerk->key();
    seqs->clear();
    QSqlQuery q(clerk->database().sql());
    q.exec(QStringLiteral("SELECT seq FROM events ORDER BY seq"));
    while (q.next())
        *seqs << q.value(0).toLongLong();
    return seqs->size() >= 6;
}

bool exec(db::Database& database, const QString& script)
{
    QString error;
    if (!database.execScript(script, &error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return true;
}

} // namespace

class TestAuditTamper : public QObject
{
    Q_OBJECT

private slots:
    void intactHallPasses();
    void tamperingIsCaught_data();
    void tamperingIsCaught();
    void onlyAuditorsVerify();
};

void TestAuditTamper::intactHallPasses()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    QByteArray key;
    QList<qint64> seqs;
    QVERIFY(prepareHall(hall, &key, &seqs));
    auto admin = hall.login(QStringLiteral("admin"));
    QString error;
    const auto report = services::AuditService(*admin).verifyChains(&error);
    QVERIFY2(report, qPrintable(error));
    QVERIFY(report->intact());
    QCOMPARE(report->events, qint64(seqs.size()));
    QCOMPARE(report->workstations, 1);
    admin.reset();
    const auto [code, output] = runAdmin({QStringLiteral("verify-audit"), QStringLiteral("--db"), hall.path(),
                                          QStringLiteral("--as"), QStringLiteral("admin")});
    QVERIFY2(code == 0, qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("intact")), qPrintable(output));
}

void TestAuditTamper::tamperingIsCaught_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("changed") << QStringLiteral("change");
    QTest::newRow("removed") << QStringLiteral("remove");
    QTest::newRow("inserted") << QStringLiteral("insert");
}

void TestAuditTamper::tamperingIsCaught()
{
    QFETCH(QString, how);
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    QByteArray key;
    QList<qint64> seqs;
    QVERIFY(prepareHall(hall, &key, &seqs));
    const qint64 target = seqs.at(seqs.size() / 2);
    QString insertedId;

    {
        // The tamperer holds the raw key and opens the encrypted file directly.
        QString error;
        auto database = db::Database::open(hall.path(), key, {}, &error);
        QVERIFY2(database, qPrintable(error));
        if (how == QLatin1String("change")) {
            QVERIFY(exec(*database, QStringLiteral("DROP TRIGGER events_no_update; "
                                                   "UPDATE events SET user_id = 'intruder' WHERE seq = %1;")
                                        .arg(target)));
        } else if (how == QLatin1String("remove")) {
            QVERIFY(exec(*database, QStringLiteral("DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = %1;")
                                        .arg(target)));
        } else {
            QSqlQuery q(database->sql());
            q.prepare(QStringLiteral("SELECT seq, uuid, case_id, kind, payload, user_id, workstation, hlc, prev_hash, "
                                     "hash, recorded_at, server_seq FROM events WHERE seq = ?"));
            q.addBindValue(target);
            QVERIFY(q.exec() && q.next());
            const core::Event after = db::EventStore::eventFromQuery(q);
            q.finish();
            core::Event x;
            x.id = QUuid::createUuid();
            x.caseId = after.caseId;
            x.kind = QStringLiteral("decision.approved");
            x.setPayload(QCborMap{{QStringLiteral("reasons"), QStringLiteral("forged")}});
            x.userId = after.userId;
            x.workstation = after.workstation;
            x.hlc = after.hlc + 1;
            x.prevHash = after.hash;
            x.hash = x.computeHash();
            insertedId = x.id.toString(QUuid::WithoutBraces);
            // Make room after the target and slip the forged event in with a valid hash.
            QVERIFY(exec(*database, QStringLiteral("DROP TRIGGER events_no_update; "
                                                   "UPDATE events SET seq = -seq WHERE seq > %1; "
                                                   "UPDATE events SET seq = 1 - seq WHERE seq < 0;")
                                        .arg(target)));
            q.prepare(QStringLiteral("INSERT INTO events(seq, uuid, case_id, kind, payload, user_id, workstation, hlc, "
                                     "prev_hash, hash, recorded_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            for (const QVariant& v : QVariantList{target + 1, insertedId, x.caseId, x.kind, x.payloadCbor, x.userId,
                                                  x.workstation, qint64(x.hlc), x.prevHash, x.hash,
                                                  after.recordedAt.toString(Qt::ISODateWithMs)})
                q.addBindValue(v);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
    }

    Problem expected = Problem::Changed;
    qint64 named = target;
    if (how == QLatin1String("remove")) {
        expected = Problem::Removed;
        named = seqs.at(seqs.size() / 2 + 1);
    } else if (how == QLatin1String("insert")) {
        expected = Problem::Inserted;
        named = target + 1;
    }

    {
        auto admin = hall.login(QStringLiteral("admin"));
        QVERIFY(admin);
        QString error;
        const auto report = services::AuditService(*admin).verifyChains(&error);
        QVERIFY2(report, qPrintable(error));
        QCOMPARE(report->findings.size(), 1);
        const core::AuditFinding& f = report->findings.first();
        QCOMPARE(f.problem, expected);
        QCOMPARE(f.seq, named);
        QCOMPARE(f.workstation, QStringLiteral("WS-DEMO-01"));
        if (how == QLatin1String("remove"))
            QCOMPARE(f.missingSeqs, QList<qint64>{target});
        if (how == QLatin1String("insert"))
            QCOMPARE(f.eventId, insertedId);
    }

    const auto [code, output] = runAdmin({QStringLiteral("verify-audit"), QStringLiteral("--db"), hall.path(),
                                          QStringLiteral("--as"), QStringLiteral("admin")});
    QVERIFY2(code == 3, qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("first bad event seq %1").arg(named)), qPrintable(output));
    QVERIFY2(output.contains(core::AuditChain::problemName(expected)), qPrintable(output));
}

void TestAuditTamper::onlyAuditorsVerify()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    for (const QString& user : {QStringLiteral("clerk"), QStringLiteral("reviewer"), QStringLiteral("approver")}) {
        auto s = hall.login(user);
        QString error;
        QVERIFY(!services::AuditService(*s).verifyChains(&error));
        QVERIFY(error.contains(QLatin1String("role does not allow")));
    }
    auto supervisor = hall.login(QStringLiteral("supervisor"));
    QString error;
    QVERIFY2(services::AuditService(*supervisor).verifyChains(&error), qPrintable(error));
    supervisor.reset();
    const auto [code, output] = runAdmin({QStringLiteral("verify-audit"), QStringLiteral("--db"), hall.path(),
                                          QStringLiteral("--as"), QStringLiteral("clerk")});
    QCOMPARE(code, 1);
    QVERIFY2(output.contains(QLatin1String("role does not allow")), qPrintable(output));
}

QTEST_GUILESS_MAIN(TestAuditTamper)
#include "TestAuditTamper.moc"
