#include "TestSupport.h"

#include "core/CaseState.h"
#include "core/Identifiers.h"
#include "loadgen/DataGenerator.h"
#include "services/IntakeService.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace oneseal;

namespace {
/** Every row of a projection table, as text, in a fixed order. */
QStringList dump(const QSqlDatabase& db, const QString& table, const QString& order)
{
    QSqlQuery q(db);
    QStringList rows;
    if (!q.exec(QStringLiteral("SELECT * FROM ") + table + QStringLiteral(" ORDER BY ") + order))
        return {QStringLiteral("error")};
    while (q.next()) {
        QStringList cells;
        for (int i = 0; i < q.record().count(); ++i)
            cells << q.value(i).toString();
        rows << cells.join(QLatin1Char('|'));
    }
    return rows;
}

qint64 count(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}
} // namespace

class TestDataGenerator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void onlyAdministratorsGenerate();
    void badOptionsChangeNothing_data();
    void badOptionsChangeNothing();
    void generatesRealisticValidCases();
    void sameSeedSameApplicants();

private:
    std::unique_ptr<test::TempHall> m_hall;
};

void TestDataGenerator::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>();
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
}

void TestDataGenerator::onlyAdministratorsGenerate()
{
    for (const QString& user : {QStringLiteral("clerk"), QStringLiteral("supervisor")}) {
        auto session = m_hall->login(user);
        const qint64 before = session->events().count();
        QString error;
        loadgen::GeneratorOptions options;
        options.cases = 10;
        QVERIFY(!loadgen::DataGenerator(*session).generate(options, {}, &error));
        QVERIFY2(error.contains(QLatin1String("role does not allow")), qPrintable(error));
        QCOMPARE(session->events().count(), before);
    }
}

void TestDataGenerator::badOptionsChangeNothing_data()
{
    QTest::addColumn<qint64>("cases");
    QTest::addColumn<qint64>("applicants");
    QTest::addColumn<int>("years");
    QTest::addColumn<QString>("message");
    QTest::newRow("no cases") << qint64(0) << qint64(0) << 5 << "number of cases";
    QTest::newRow("negative cases") << qint64(-5) << qint64(0) << 5 << "number of cases";
    QTest::newRow("too many cases") << qint64(1) << qint64(0) << 5 << "";
    QTest::newRow("more applicants than cases") << qint64(10) << qint64(11) << 5 << "number of applicants";
    QTest::newRow("negative applicants") << qint64(10) << qint64(-1) << 5 << "number of applicants";
    QTest::newRow("no years") << qint64(10) << qint64(0) << 0 << "number of years";
    QTest::newRow("a century") << qint64(10) << qint64(0) << 100 << "number of years";
}

void TestDataGenerator::badOptionsChangeNothing()
{
    QFETCH(qint64, cases);
    QFETCH(qint64, applicants);
    QFETCH(int, years);
    QFETCH(QString, message);
    loadgen::GeneratorOptions options;
    options.cases = message.isEmpty() ? loadgen::GeneratorOptions::kMaxCases + 1 : cases;
    options.applicants = applicants;
    options.years = years;
    if (message.isEmpty())
        message = QStringLiteral("number of cases");
    auto session = m_hall->login(QStringLiteral("admin"));
    const qint64 before = session->events().count();
    QString error;
    QVERIFY(!loadgen::DataGenerator(*session).generate(options, {}, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QCOMPARE(session->events().count(), before);
}

void TestDataGenerator::generatesRealisticValidCases()
{
    auto session = m_hall->login(QStringLiteral("admin"));
    const QSqlDatabase db = session->database().sql();
    loadgen::GeneratorOptions options;
    options.cases = 900;
    options.applicants = 300;
    options.years = 2;
    options.seed = 42;
    options.lastDay = QDate(2026, 6, 30);
    options.casesPerTransaction = 250;
    QList<qint64> progress;
    QString error;
    const auto report = loadgen::DataGenerator(*session).generate(
        options, [&](qint64 done, qint64 total) { progress << done << total; }, &error);
    QVERIFY2(report, qPrintable(error));

    // Four transactions, each reported once.
    QCOMPARE(progress, (QList<qint64>{250, 900, 500, 900, 750, 900, 900, 900}));
    QCOMPARE(report->cases, 900);
    QCOMPARE(report->applicantsRegistered, 300);
    QCOMPARE(report->firstDay, QDate(2024, 7, 1));
    QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM cases")), 900);
    QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM applicants")), 300);
    QCOMPARE(count(db, QStringLiteral("SELECT count(DISTINCT case_no) FROM cases")), 900);
    QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM events WHERE case_id IS NOT NULL")), 900);
    QCOMPARE(session->events().count(), count(db, QStringLiteral("SELECT count(*) FROM events")));
    // The demo hall's own set-up: its users, their signing keys and the seal key's grants.
    QCOMPARE(report->events, count(db, QStringLiteral("SELECT count(*) FROM events WHERE kind NOT IN ('user.created', "
                                                      "'user.key_registered', 'seal_key.granted')")));

    // Valid identifiers, both kinds of applicant, plausible names and phones.
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("SELECT kind, name, id_number, phone, address FROM applicants")));
    int persons = 0, organisations = 0;
    while (q.next()) {
        const bool person = q.value(0).toString() == QLatin1String("person");
        const QString id = q.value(2).toString();
        QVERIFY2(person ? core::checkResidentId(id).valid : core::checkCreditCode(id).valid, qPrintable(id));
        QVERIFY(core::checkResidentId(id).valid != core::checkCreditCode(id).valid);
        const QString name = q.value(1).toString();
        QVERIFY2(person ? (name.size() >= 2 && name.size() <= 4) : name.size() >= 6, qPrintable(name));
        QVERIFY(core::ApplicantRules::checkPhone(q.value(3).toString(), true).isEmpty());
        QVERIFY(q.value(4).toString().startsWith(QStringLiteral("山西省运城市")));
        person ? ++persons : ++organisations;
    }
    QVERIFY2(persons > 180 && organisations > 30, qPrintable(QStringLiteral("%1/%2").arg(persons).arg(organisations)));

    // Acceptance on working days of the period, in opening hours, by the hall's two clerks.
    QVERIFY(q.exec(QStringLiteral("SELECT accepted_at, clerk_name, accepted_by, subject_code, bundle FROM cases")));
    QSet<QString> clerks, subjects;
    int bundles = 0;
    while (q.next()) {
        const QDateTime at = QDateTime::fromString(q.value(0).toString(), Qt::ISODate);
        QVERIFY(at.date() >= report->firstDay && at.date() <= options.lastDay);
        QVERIFY2(core::WorkCalendar::builtIn().isWorkingDay(at.date()).value_or(false), qPrintable(at.toString()));
        QVERIFY(at.time() >= QTime(9, 0) && at.time() < QTime(17, 30));
        QVERIFY(!(at.time() >= QTime(12, 0) && at.time() < QTime(13, 30)));
        clerks << q.value(1).toString();
        subjects << q.value(3).toString();
        bundles += q.value(4).toInt();
    }
    QCOMPARE(clerks, (QSet<QString>{QStringLiteral("李受理"), QStringLiteral("赵窗口")}));
    QVERIFY2(subjects.size() >= 30, qPrintable(QString::number(subjects.size())));
    QVERIFY(bundles > 20);

    // Mostly accepted, with every other outcome present.
    const auto& o = report->outcomes;
    QVERIFY2(o.value(QStringLiteral("accept")) > 500, qPrintable(QString::number(o.value(QStringLiteral("accept")))));
    for (const char* key : {"accept-deferred", "accept-commitment", "notify-missing", "refuse", "complete-instantly"})
        QVERIFY2(o.value(QLatin1String(key)) > 0, key);
    qint64 sum = 0;
    for (qint64 n : o)
        sum += n;
    QCOMPARE(sum, 900);

    // The payloads are the intake service's: the fold reads them back completely.
    services::IntakeService intake(*session);
    QVERIFY(q.exec(QStringLiteral("SELECT case_id FROM cases WHERE outcome = 'accept-deferred' LIMIT 1")));
    QVERIFY(q.next());
    const auto deferred = intake.caseState(q.value(0).toString());
    QVERIFY(deferred);
    QVERIFY(deferred->promisedDue.isValid() && deferred->legalDue >= deferred->promisedDue);
    QVERIFY(std::any_of(deferred->materials.begin(), deferred->materials.end(), [&](const core::MaterialEntry& m) {
        return m.state == core::MaterialState::Deferred && m.dueDate >= deferred->acceptedDate
            && m.dueDate <= deferred->promisedDue;
    }));
    QCOMPARE(deferred->catalogVersion, intake.catalog().version);
    QVERIFY(!deferred->applicant.id.isEmpty());

    // The hash chain links every event to the one before it.
    const auto all = session->events().allEvents();
    QByteArray previous;
    for (const core::Event& e : all) {
        QVERIFY(e.hashIsValid());
        QCOMPARE(e.prevHash, previous);
        previous = e.hash;
    }

    // The projections are the fold of the events.
    const QStringList cases = dump(db, QStringLiteral("cases"), QStringLiteral("case_id"));
    const QStringList materials = dump(db, QStringLiteral("case_materials"), QStringLiteral("case_id, material_code"));
    const QStringList applicants = dump(db, QStringLiteral("applicants"), QStringLiteral("id"));
    QVERIFY2(session->events().rebuildProjections(&error), qPrintable(error));
    QCOMPARE(dump(db, QStringLiteral("cases"), QStringLiteral("case_id")), cases);
    QCOMPARE(dump(db, QStringLiteral("case_materials"), QStringLiteral("case_id, material_code")), materials);
    QCOMPARE(dump(db, QStringLiteral("applicants"), QStringLiteral("id")), applicants);
}

void TestDataGenerator::sameSeedSameApplicants()
{
    test::TempHall a, b;
    QVERIFY(a.isValid() && b.isValid());
    QStringList people[2];
    int i = 0;
    for (test::TempHall* hall : {&a, &b}) {
        auto session = hall->login(QStringLiteral("admin"));
        loadgen::GeneratorOptions options;
        options.cases = 60;
        options.seed = 99;
        options.lastDay = QDate(2025, 12, 31);
        QString error;
        QVERIFY2(loadgen::DataGenerator(*session).generate(options, {}, &error), qPrintable(error));
        people[i++] = dump(session->database().sql(), QStringLiteral("(SELECT name, id_number, phone FROM applicants)"),
                           QStringLiteral("id_number"));
    }
    QCOMPARE(people[0].size(), 20);
    QCOMPARE(people[0], people[1]);
}

QTEST_GUILESS_MAIN(TestDataGenerator)
#include "TestDataGenerator.moc"
