#include "TestSupport.h"

#include "core/Identifiers.h"
#include "db/IntakeRepository.h"
#include "db/SearchIndexProjection.h"
#include "loadgen/DataGenerator.h"
#include "services/IntakeService.h"

#include <QFile>
#include <QSqlQuery>
#include <QTest>

using namespace oneseal;

namespace {
const QString kOldApplicantSearch = QStringLiteral(
    "SELECT id, name FROM applicants WHERE (id_number >= ? AND id_number < ?) OR (phone >= ? AND phone < ?) "
    "OR name LIKE ? ESCAPE '\\' ORDER BY (id_number = ?) DESC, (name = ?) DESC, name LIMIT ?");
const QString kOldCaseSearch = QStringLiteral(
    "SELECT case_id, accepted_at FROM cases WHERE (case_no >= ? AND case_no < ?) OR applicant_id_number = ? "
    "OR applicant_name LIKE ? ESCAPE '\\' ORDER BY accepted_at DESC LIMIT ?");

QString likeLiteral(QString t)
{
    t.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    t.replace(QLatin1Char('%'), QLatin1String("\\%"));
    t.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + t + QLatin1Char('%');
}

/** The full-scan search the index replaces: (id, name) of every match, in its order. */
QList<std::pair<QString, QString>> scanApplicants(const QSqlDatabase& db, const QString& text, int limit)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    const QString upper = t.toUpper();
    QSqlQuery q(db);
    q.prepare(kOldApplicantSearch);
    for (const QVariant& v : QVariantList{upper, upper + QChar(0xFFFF), t, t + QChar(0xFFFF), likeLiteral(t), upper, t, limit})
        q.addBindValue(v);
    QList<std::pair<QString, QString>> rows;
    if (q.exec())
        while (q.next())
            rows.append({q.value(0).toString(), q.value(1).toString()});
    return rows;
}

/** (case id, accepted at) of every case the full scan finds, newest first. */
QList<std::pair<QString, QString>> scanCases(const QSqlDatabase& db, const QString& text, int limit)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    const QString upper = t.toUpper();
    QSqlQuery q(db);
    q.prepare(kOldCaseSearch);
    for (const QVariant& v : QVariantList{upper, upper + QChar(0xFFFF), upper, likeLiteral(t), limit})
        q.addBindValue(v);
    QList<std::pair<QString, QString>> rows;
    if (q.exec())
        while (q.next())
            rows.append({q.value(0).toString(), q.value(1).toString()});
    return rows;
}

QStringList dumpIndex(const QSqlDatabase& db)
{
    QSqlQuery q(db);
    QStringList rows;
    if (q.exec(QStringLiteral("SELECT gram, name, applicant_id FROM search_grams ORDER BY gram, name, applicant_id")))
        while (q.next())
            rows << q.value(0).toString() + QLatin1Char('|') + q.value(1).toString() + QLatin1Char('|')
                    + q.value(2).toString();
    return rows;
}

QString residentId(const QString& first17)
{
    return first17 + core::residentIdCheckChar(first17);
}
} // namespace

class TestSearchIndex : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void gramsOfNames_data();
    void gramsOfNames();
    void lookupGrams();
    void fragmentsFindWhatAFullScanFinds_data();
    void fragmentsFindWhatAFullScanFinds();
    void latinNamesQuotesAndWildcards_data();
    void latinNamesQuotesAndWildcards();
    void renamedApplicantKeepsOldCasesFindable();
    void idPhoneAndCaseNumberPrefixes();
    void rebuildGivesTheSameIndex();
    void migrationBackfillFindsTheSame();

private:
    void recordCase(const QString& name, const QString& idNumber);
    void compareWithScan(const QString& text);

    std::unique_ptr<test::TempHall> m_hall;
    std::unique_ptr<services::Session> m_admin;
    QStringList m_names; ///< every applicant name in the hall
};

void TestSearchIndex::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>();
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    m_admin = m_hall->login(QStringLiteral("admin"));
    QVERIFY(m_admin);
    loadgen::GeneratorOptions options;
    options.cases = 600;
    options.applicants = 250;
    options.years = 1;
    options.seed = 7;
    QString error;
    const auto report = loadgen::DataGenerator(*m_admin).generate(options, {}, &error);
    QVERIFY2(report, qPrintable(error));
    QCOMPARE(report->cases, 600);
    recordCase(QStringLiteral("O'Brien\"; DROP TABLE cases; --"), residentId(QStringLiteral("14080219881111005")));
    recordCase(QStringLiteral("Anne-Marie Smith"), residentId(QStringLiteral("14080219850505002")));
    recordCase(QStringLiteral("100% 纯净_水厂"), residentId(QStringLiteral("14080219700101003")));
    recordCase(QStringLiteral("哈哈哈"), residentId(QStringLiteral("14080219700101011")));
    QSqlQuery q(m_admin->database().sql());
    QVERIFY(q.exec(QStringLiteral("SELECT name FROM applicants")));
    while (q.next())
        m_names << q.value(0).toString();
    QCOMPARE(m_names.size(), 254);
}

/** A one-time notice for a named applicant, recorded by a clerk as at the window. */
void TestSearchIndex::recordCase(const QString& name, const QString& idNumber)
{
    auto clerk = m_hall->login(QStringLiteral("clerk"));
    QVERIFY(clerk);
    services::IntakeService service(*clerk);
    services::IntakeRequest r;
    r.subjectCode = service.catalog().matters.first().code;
    r.applicant.name = name;
    r.applicant.idNumber = idNumber;
    r.applicant.phone = QStringLiteral("13800138000");
    r.materials = service.checklistFor(*service.subject(r.subjectCode));
    for (auto& m : r.materials)
        m.state = core::MaterialState::Missing;
    r.outcome = core::IntakeOutcome::NotifyMissing;
    QString error;
    QVERIFY2(service.record(r, &error), qPrintable(error));
}

void TestSearchIndex::compareWithScan(const QString& text)
{
    const QSqlDatabase db = m_admin->database().sql();
    db::IntakeRepository repo(db);
    // Every match, then the first page: the same applicants, in the same order of names.
    for (int limit : {1000, 20}) {
        const auto expected = scanApplicants(db, text, limit);
        const auto found = repo.searchApplicants(text, limit);
        QCOMPARE(found.size(), expected.size());
        QStringList expectedNames, foundNames;
        for (int i = 0; i < found.size(); ++i) {
            expectedNames << expected.at(i).second;
            foundNames << found.at(i).name;
        }
        QCOMPARE(foundNames, expectedNames);
        if (limit == 1000) {
            QSet<QString> expectedIds, foundIds;
            for (int i = 0; i < found.size(); ++i) {
                expectedIds << expected.at(i).first;
                foundIds << found.at(i).id;
            }
            QCOMPARE(foundIds, expectedIds);
        }
    }
    for (int limit : {1000, 50}) {
        const auto expected = scanCases(db, text, limit);
        const auto found = repo.searchCases(text, limit);
        QCOMPARE(found.size(), expected.size());
        QStringList expectedTimes, foundTimes;
        for (int i = 0; i < found.size(); ++i) {
            expectedTimes << expected.at(i).second;
            foundTimes << found.at(i).acceptedAt.toString(Qt::ISODate);
        }
        QCOMPARE(foundTimes, expectedTimes);
        if (limit == 1000) {
            QSet<QString> expectedIds, foundIds;
            for (int i = 0; i < found.size(); ++i) {
                expectedIds << expected.at(i).first;
                foundIds << found.at(i).caseId;
            }
            QCOMPARE(foundIds, expectedIds);
        }
    }
}

void TestSearchIndex::gramsOfNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("grams");
    QTest::newRow("three characters") << QStringLiteral("王小明")
                                      << QStringList{"王", "小", "明", "王小", "小明"};
    QTest::newRow("one character") << QStringLiteral("王") << QStringList{"王"};
    QTest::newRow("repeats once") << QStringLiteral("哈哈哈") << QStringList{"哈", "哈哈"};
    QTest::newRow("ASCII folded") << QStringLiteral("AbC") << QStringList{"a", "b", "c", "ab", "bc"};
    QTest::newRow("quote kept") << QStringLiteral("O'B") << QStringList{"o", "'", "b", "o'", "'b"};
    QTest::newRow("non-BMP is one character") << QStringLiteral("𠮷野") << QStringList{"𠮷", "野", "𠮷野"};
    QTest::newRow("full-width letters not folded") << QStringLiteral("Ａ") << QStringList{"Ａ"};
}

void TestSearchIndex::gramsOfNames()
{
    QFETCH(QString, name);
    QFETCH(QStringList, grams);
    QCOMPARE(db::SearchIndexProjection::grams(name), grams);
}

void TestSearchIndex::lookupGrams()
{
    QCOMPARE(db::SearchIndexProjection::lookupGrams(QString()), QStringList());
    QCOMPARE(db::SearchIndexProjection::lookupGrams(QStringLiteral("Z")), QStringList{"z"});
    QCOMPARE(db::SearchIndexProjection::lookupGrams(QStringLiteral("王小明")), (QStringList{"王小", "小明"}));
    QCOMPARE(db::SearchIndexProjection::lookupGrams(QStringLiteral("哈哈哈")), QStringList{"哈哈"});
}

void TestSearchIndex::fragmentsFindWhatAFullScanFinds_data()
{
    QTest::addColumn<QString>("fragment");
    // Fragments of 1, 2 and 3 characters from the start, middle and end of generated names, and
    // fragments found nowhere.
    const QList<int> picks{0, 17, 41, 99, 133, 201, 249};
    for (int pick : picks) {
        const QString name = m_names.at(pick % m_names.size());
        for (int length = 1; length <= 3; ++length) {
            if (name.size() < length)
                continue;
            for (int at : {0, int(name.size()) - length, int(name.size() - length) / 2}) {
                const QString f = name.mid(at, length);
                QTest::addRow("%d chars \"%s\" of %s", length, qPrintable(f), qPrintable(name)) << f;
            }
        }
    }
    QTest::newRow("common surname") << QStringLiteral("王");
    QTest::newRow("company words") << QStringLiteral("有限公司");
    QTest::newRow("nowhere, 1") << QStringLiteral("龘");
    QTest::newRow("nowhere, 2") << QStringLiteral("龘龘");
    QTest::newRow("first bigram common, whole rare") << QStringLiteral("有限龘");
    QTest::newRow("spaces around") << QStringLiteral("  有限  ");
}

void TestSearchIndex::fragmentsFindWhatAFullScanFinds()
{
    QFETCH(QString, fragment);
    compareWithScan(fragment);
    if (fragment.trimmed() == QStringLiteral("王"))
        QVERIFY(!db::IntakeRepository(m_admin->database().sql()).searchApplicants(fragment).isEmpty());
}

void TestSearchIndex::latinNamesQuotesAndWildcards_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("applicants");
    QTest::newRow("quote") << QStringLiteral("O'Brien") << 1;
    QTest::newRow("lower case finds upper") << QStringLiteral("o'brien") << 1;
    QTest::newRow("double quote and SQL") << QStringLiteral("\"; DROP") << 1;
    QTest::newRow("hyphen and space") << QStringLiteral("e-Marie S") << 1;
    QTest::newRow("one Latin letter") << QStringLiteral("a") << 2;
    QTest::newRow("percent is literal") << QStringLiteral("%") << 1;
    QTest::newRow("underscore is literal") << QStringLiteral("_") << 1;
    QTest::newRow("percent in text") << QStringLiteral("0% 纯") << 1;
    QTest::newRow("backslash") << QStringLiteral("\\") << 0;
    QTest::newRow("wildcards only") << QStringLiteral("%_%") << 0;
}

void TestSearchIndex::latinNamesQuotesAndWildcards()
{
    QFETCH(QString, text);
    QFETCH(int, applicants);
    compareWithScan(text);
    QCOMPARE(db::IntakeRepository(m_admin->database().sql()).searchApplicants(text, 1000).size(), applicants);
}

void TestSearchIndex::renamedApplicantKeepsOldCasesFindable()
{
    const QString id = residentId(QStringLiteral("14080219700101011"));
    const QSqlDatabase db = m_admin->database().sql();
    db::IntakeRepository repo(db);
    auto applicant = repo.applicantByIdNumber(id);
    QVERIFY(applicant);
    applicant->name = QStringLiteral("嘻嘻");
    {
        db::Transaction tx(db);
        QString error;
        QVERIFY(m_admin->events().append(QString(), QStringLiteral("applicant.updated"), applicant->toCbor(),
                                         m_admin->user().id, &error));
        QVERIFY2(tx.commit(&error), qPrintable(error));
    }
    // The applicant is found by the new name only; the case keeps the name it was taken in under.
    QCOMPARE(repo.searchApplicants(QStringLiteral("哈哈")).size(), 0);
    QCOMPARE(repo.searchApplicants(QStringLiteral("嘻")).size(), 1);
    QCOMPARE(repo.searchCases(QStringLiteral("哈哈")).size(), 1);
    QCOMPARE(repo.searchCases(QStringLiteral("嘻")).size(), 0);
    compareWithScan(QStringLiteral("哈哈"));
    compareWithScan(QStringLiteral("嘻"));
}

void TestSearchIndex::idPhoneAndCaseNumberPrefixes()
{
    const QSqlDatabase db = m_admin->database().sql();
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("SELECT a.id_number, a.phone, c.case_no FROM cases c JOIN applicants a ON a.id = "
                                  "c.applicant_id ORDER BY c.case_no LIMIT 1 OFFSET 123")));
    QVERIFY(q.next());
    const QString idNumber = q.value(0).toString();
    const QString phone = q.value(1).toString();
    const QString caseNo = q.value(2).toString();
    for (const QString& text : {idNumber, idNumber.left(10), idNumber.toLower(), phone, phone.left(7), caseNo,
                                caseNo.left(10), caseNo.toLower(), QStringLiteral("SL")})
        compareWithScan(text);
    db::IntakeRepository repo(db);
    QCOMPARE(repo.searchApplicants(idNumber).first().idNumber, idNumber);
    QCOMPARE(repo.caseByNumber(caseNo)->caseNo, caseNo);
    QVERIFY(!repo.searchCases(idNumber).isEmpty());
}

void TestSearchIndex::rebuildGivesTheSameIndex()
{
    const QSqlDatabase db = m_admin->database().sql();
    const QStringList before = dumpIndex(db);
    QVERIFY(before.size() > 1000);
    QString error;
    QVERIFY2(m_admin->events().rebuildProjections(&error), qPrintable(error));
    QCOMPARE(dumpIndex(db), before);
}

void TestSearchIndex::migrationBackfillFindsTheSame()
{
    // A database migrated to the index while it already held applicants gets it from the migration.
    QFile f(QStringLiteral(":/oneseal/migrations/0004_create_search_index.sql"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString script = QString::fromUtf8(f.readAll());
    const qsizetype at = script.indexOf(QLatin1String("WITH RECURSIVE"));
    QVERIFY(at > 0);
    const QSqlDatabase db = m_admin->database().sql();
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("DELETE FROM search_grams")));
    QString error;
    QVERIFY2(m_admin->database().execScript(script.mid(at), &error), qPrintable(error));
    QVERIFY(dumpIndex(db).size() > 1000);
    for (const QString& text : {QStringLiteral("王"), QStringLiteral("有限"), QStringLiteral("o'brien"),
                                QStringLiteral("%"), QStringLiteral("哈哈"), QStringLiteral("嘻"), m_names.at(5)})
        compareWithScan(text);
    QVERIFY2(m_admin->events().rebuildProjections(&error), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSearchIndex)
#include "TestSearchIndex.moc"
