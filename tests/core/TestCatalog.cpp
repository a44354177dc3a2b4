#include "core/Catalog.h"
#include "core/CatalogNames.h"

#include "TestConfig.h"

#include <QElapsedTimer>
#include <QMap>
#include <QRegularExpression>
#include <QFile>
#include <QSet>
#include <QTest>

#include <algorithm>

using namespace oneseal::core;

class TestCatalog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void validFileLoads();
    void roundTrip();
    void demoCatalogLoads();
    void demoCatalogHasSeedTimeLimits_data();
    void demoCatalogHasSeedTimeLimits();
    void matterChecklistFollowsOrder();
    void bundleChecklistMergesSharedMaterials();
    void bundleChecklistTakesTheStricterRequirement();
    void bundleIncludesOtherBundles();
    void search_data();
    void search();
    void searchSeesChangesAndCopies();
    void refusals_data();
    void refusals();
    void validateHandBuiltCatalog();
    void combinedInspectionsAreValidated();
    void declaredFieldsAreValidated();
    void displayNames();

private:
    static QByteArray data(const QString& file);
    Catalog m_demo;
};

QByteArray TestCatalog::data(const QString& file)
{
    QFile f(QStringLiteral(ONESEAL_SOURCE_DIR "/tests/data/catalog/") + file);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(file));
    return f.readAll();
}

void TestCatalog::initTestCase()
{
    QString error;
    const auto demo = Catalog::builtInDemo(&error);
    QVERIFY2(demo.has_value(), qPrintable(error));
    m_demo = *demo;
}

void TestCatalog::validFileLoads()
{
    QString error = QStringLiteral("stale");
    const auto c = Catalog::fromJson(data(QStringLiteral("valid.json")), &error);
    QVERIFY2(c.has_value(), qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(c->version, 3);
    QCOMPARE(c->effectiveFrom, QDate(2021, 1, 4));
    QCOMPARE(c->matters.size(), 3);
    const Matter& food = c->matters.at(0);
    QCOMPARE(food.name, QStringLiteral("食品经营许可"));
    QCOMPARE(food.zone, Zone::MarketAccess);
    QCOMPARE(food.promisedLimitDays, 7.0);
    QVERIFY(food.deferralAllowed);
    QCOMPARE(food.materials.size(), 3);
    QCOMPARE(food.materials.at(0).copies, 1);       // default
    QCOMPARE(food.materials.at(1).copies, 2);
    QCOMPARE(food.materials.at(2).order, 3);        // default: position
    QCOMPARE(food.materials.at(1).requirement, MaterialRequirement::Deferrable);
    QVERIFY(food.materials.at(1).core);
    QCOMPARE(c->matters.at(1).type, MatterType::Licensing); // national code "01"
    QVERIFY(c->matters.at(1).implementationCode.isEmpty());
    QCOMPARE(c->matters.at(2).type, MatterType::OtherPower);
    QVERIFY(c->matters.at(2).instant);
    QCOMPARE(c->bundles.at(1).includes, QStringList{QStringLiteral("T-TC-01")});
    QVERIFY(c->validate().isEmpty());
}

void TestCatalog::roundTrip()
{
    for (const QByteArray& json : {data(QStringLiteral("valid.json")), m_demo.toJson()}) {
        QString error;
        const auto first = Catalog::fromJson(json, &error);
        QVERIFY2(first.has_value(), qPrintable(error));
        const QByteArray written = first->toJson();
        const auto second = Catalog::fromJson(written, &error);
        QVERIFY2(second.has_value(), qPrintable(error));
        QVERIFY(*second == *first);
        QCOMPARE(second->toJson(), written);
    }
    // Half days survive.
    const auto c = Catalog::fromJson(m_demo.toJson(), nullptr);
    QVERIFY(c.has_value());
    QVERIFY(*c == m_demo);
}

void TestCatalog::demoCatalogLoads()
{
    QCOMPARE(m_demo.validate(), QString());
    QCOMPARE(m_demo.version, 1);
    QCOMPARE(m_demo.hall, QStringLiteral("运城市行政审批服务管理局"));
    QVERIFY(m_demo.effectiveFrom.isValid());
    QVERIFY(m_demo.matters.size() >= 30);
    QMap<Zone, int> zones;
    QMap<RiskLevel, int> risks;
    int instant = 0, deferral = 0, commitment = 0;
    static const QRegularExpression initials(QStringLiteral("^[a-z]{2,}$"));
    for (const Matter& m : m_demo.matters) {
        ++zones[m.zone];
        ++risks[m.risk];
        instant += m.instant ? 1 : 0;
        commitment += m.commitmentAllowed ? 1 : 0;
        if (m.deferralAllowed) {
            ++deferral;
            QVERIFY2(std::any_of(m.materials.begin(), m.materials.end(),
                                 [](const Material& x) { return x.requirement == MaterialRequirement::Deferrable; }),
                     qPrintable(m.name));
        }
        if (m.instant)
            QCOMPARE(m.promisedLimitDays, 0.0);
        QVERIFY2(std::any_of(m.keywords.begin(), m.keywords.end(),
                             [](const QString& k) { return initials.match(k).hasMatch(); }),
                 qPrintable(m.name + QStringLiteral(" has no pinyin initials")));
        QVERIFY2(!m.materials.isEmpty(), qPrintable(m.name));
    }
    QCOMPARE(zones.size(), 3);
    for (int n : zones)
        QVERIFY(n >= 8);
    QCOMPARE(risks.size(), 3);
    QVERIFY(instant >= 2);
    QVERIFY(deferral >= 3);
    QVERIFY(commitment >= 3);

    QVERIFY(m_demo.bundles.size() >= 6);
    QStringList names;
    for (const Bundle& b : m_demo.bundles)
        names << b.name;
    for (const char* name : {"我要开饭店", "我要开酒店、宾馆", "我要办网约出租车汽车经营许可证核发"})
        QVERIFY2(names.contains(QString::fromUtf8(name)), name);

    // Shared materials keep one code: the business licence is asked for by many matters.
    int withLicence = 0;
    for (const Matter& m : m_demo.matters)
        for (const Material& x : m.materials)
            if (x.name == QStringLiteral("营业执照")) {
                QCOMPARE(x.code, QStringLiteral("140800-CL-0001"));
                ++withLicence;
            }
    QVERIFY(withLicence >= 10);
}

void TestCatalog::demoCatalogHasSeedTimeLimits_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("legal");
    QTest::addColumn<double>("promised");
    QTest::addColumn<int>("materials"); // -1: the report gives no count
    QTest::newRow("project approval") << QStringLiteral("企业投资项目核准") << 20.0 << 5.0 << -1;
    QTest::newRow("project filing") << QStringLiteral("企业投资项目备案") << 2.5 << 1.0 << -1;
    QTest::newRow("general industrial") << QStringLiteral("一般工业项目工程建设项目审批（全流程）") << 38.0 << 20.0 << -1;
    QTest::newRow("government invested") << QStringLiteral("政府投资工程建设项目审批（全流程）") << 100.0 << 58.0 << -1;
    QTest::newRow("land-use planning") << QStringLiteral("建设用地规划许可证核发") << 20.0 << 3.0 << -1;
    QTest::newRow("construction planning") << QStringLiteral("建设工程规划许可证核发") << 20.0 << 5.0 << -1;
    QTest::newRow("fire design") << QStringLiteral("特殊建设工程消防设计审查") << 20.0 << 14.0 << -1;
    QTest::newRow("fire acceptance") << QStringLiteral("特殊建设工程消防验收") << 20.0 << 14.0 << -1;
    QTest::newRow("vocational school") << QStringLiteral("民办职业培训学校设立") << 50.0 << 20.0 << 15;
    QTest::newRow("work safety first") << QStringLiteral("建筑施工企业安全生产许可证核发（首次申请）") << 45.0 << 12.0 << 13;
    QTest::newRow("work safety renewal") << QStringLiteral("建筑施工企业安全生产许可证延期") << 45.0 << 3.0 << 3;
    QTest::newRow("company start-up") << QStringLiteral("公司设立登记") << 1.5 << 0.5 << 7;
    QTest::newRow("food production") << QStringLiteral("食品生产许可") << 20.0 << 10.0 << 8;
}

void TestCatalog::demoCatalogHasSeedTimeLimits()
{
    QFETCH(QString, name);
    QFETCH(double, legal);
    QFETCH(double, promised);
    QFETCH(int, materials);
    const auto it = std::find_if(m_demo.matters.begin(), m_demo.matters.end(),
                                 [&](const Matter& m) { return m.name == name; });
    QVERIFY2(it != m_demo.matters.end(), qPrintable(name));
    QCOMPARE(it->legalLimitDays, legal);
    QCOMPARE(it->promisedLimitDays, promised);
    if (materials >= 0)
        QCOMPARE(int(it->materials.size()), materials);
}

void TestCatalog::matterChecklistFollowsOrder()
{
    const auto c = Catalog::fromJson(data(QStringLiteral("valid.json")), nullptr);
    QVERIFY(c.has_value());
    const auto items = c->checklistForMatter(QStringLiteral("T-XK-0002"));
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).material.code, QStringLiteral("T-CL-01")); // order 1 though listed second
    QCOMPARE(items.at(1).material.code, QStringLiteral("T-CL-02"));
    QCOMPARE(items.at(0).matterCodes, QStringList{QStringLiteral("T-XK-0002")});
    QVERIFY(c->checklistForMatter(QStringLiteral("nope")).isEmpty());
    QVERIFY(c->checklistForBundle(QStringLiteral("nope")).isEmpty());
}

void TestCatalog::bundleChecklistMergesSharedMaterials()
{
    const Bundle* restaurant = nullptr;
    for (const Bundle& b : m_demo.bundles)
        if (b.name == QStringLiteral("我要开饭店"))
            restaurant = &b;
    QVERIFY(restaurant);
    QVERIFY(restaurant->matterCodes.size() >= 3);
    const auto items = m_demo.checklistForBundle(restaurant->code);

    QSet<QString> distinct;
    int lines = 0;
    for (const QString& code : restaurant->matterCodes) {
        const Matter* m = m_demo.matter(code);
        QVERIFY(m);
        for (const Material& x : m->materials) {
            distinct.insert(x.code);
            ++lines;
        }
    }
    QVERIFY(lines > distinct.size()); // there is something to merge
    QCOMPARE(int(items.size()), int(distinct.size()));

    int licences = 0;
    for (qsizetype i = 0; i < items.size(); ++i) {
        QCOMPARE(items.at(i).material.order, int(i) + 1);
        if (items.at(i).material.code == QStringLiteral("140800-CL-0001")) {
            ++licences;
            QCOMPARE(items.at(i).material.name, QStringLiteral("营业执照"));
            QCOMPARE(items.at(i).matterCodes, restaurant->matterCodes); // every matter of the bundle needs it
        }
    }
    QCOMPARE(licences, 1);
}

void TestCatalog::bundleChecklistTakesTheStricterRequirement()
{
    const auto c = Catalog::fromJson(data(QStringLiteral("valid.json")), nullptr);
    QVERIFY(c.has_value());
    const auto items = c->checklistForBundle(QStringLiteral("T-TC-01"));
    QCOMPARE(items.size(), 3);
    // First appearance order: the food licence's list.
    QCOMPARE(items.at(0).material.code, QStringLiteral("T-CL-01"));
    QCOMPARE(items.at(1).material.code, QStringLiteral("T-CL-02"));
    QCOMPARE(items.at(2).material.code, QStringLiteral("T-XK-0001-M01"));
    const Material& licence = items.at(0).material;
    QCOMPARE(licence.form, MaterialForm::Original);                // copy + original -> original
    QCOMPARE(licence.requirement, MaterialRequirement::Required);  // required + optional -> required
    QCOMPARE(licence.source, MaterialSource::Applicant);           // shared data + applicant -> applicant
    const Material& health = items.at(1).material;
    QCOMPARE(health.requirement, MaterialRequirement::Required);   // deferrable + required -> required
    QCOMPARE(health.copies, 2);                                    // max copies
    QVERIFY(health.core);                                          // core if any is
    QCOMPARE(health.standard, QStringLiteral("在有效期内"));
    QCOMPARE(items.at(1).matterCodes, (QStringList{QStringLiteral("T-XK-0001"), QStringLiteral("T-XK-0002")}));
    QCOMPARE(items.at(2).matterCodes, QStringList{QStringLiteral("T-XK-0001")});

    // Deferrable wins over optional.
    Catalog hand = *c;
    hand.matters[1].deferralAllowed = true;
    hand.matters[1].materials[0].requirement = MaterialRequirement::Optional;
    QCOMPARE(hand.validate(), QString());
    QCOMPARE(hand.checklistForBundle(QStringLiteral("T-TC-01")).at(1).material.requirement,
             MaterialRequirement::Deferrable);

    // In the demo hotel bundle the business licence is an original (特种行业 checks it) and the
    // health certificates, deferrable for the food licence, are required by the hygiene licence.
    const Bundle* hotel = nullptr;
    for (const Bundle& b : m_demo.bundles)
        if (b.name == QStringLiteral("我要开酒店、宾馆"))
            hotel = &b;
    QVERIFY(hotel);
    bool sawLicence = false, sawHealth = false;
    for (const ChecklistItem& item : m_demo.checklistForBundle(hotel->code)) {
        if (item.material.code == QStringLiteral("140800-CL-0001")) {
            sawLicence = true;
            QCOMPARE(item.material.form, MaterialForm::Original);
        }
        if (item.material.code == QStringLiteral("140800-CL-0019")) {
            sawHealth = true;
            QCOMPARE(item.material.requirement, MaterialRequirement::Required);
            QCOMPARE(item.matterCodes.size(), 2);
        }
    }
    QVERIFY(sawLicence && sawHealth);
}

void TestCatalog::bundleIncludesOtherBundles()
{
    const auto c = Catalog::fromJson(data(QStringLiteral("valid.json")), nullptr);
    QVERIFY(c.has_value());
    QCOMPARE(c->bundleMatterCodes(QStringLiteral("T-TC-02")),
             (QStringList{QStringLiteral("T-QT-0003"), QStringLiteral("T-XK-0001"), QStringLiteral("T-XK-0002")}));
    QCOMPARE(c->checklistForBundle(QStringLiteral("T-TC-02")).size(), 3);

    const Bundle* combined = nullptr;
    for (const Bundle& b : m_demo.bundles)
        if (!b.includes.isEmpty())
            combined = &b;
    QVERIFY(combined);
    QStringList expected = combined->matterCodes;
    for (const QString& included : combined->includes)
        for (const QString& code : m_demo.bundle(included)->matterCodes)
            if (!expected.contains(code))
                expected << code;
    QCOMPARE(m_demo.bundleMatterCodes(combined->code), expected);
}

void TestCatalog::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("firstName");
    QTest::addColumn<int>("firstKind");
    QTest::addColumn<int>("minimumHits");
    QTest::newRow("fragment 饭店") << QStringLiteral("饭店") << QStringLiteral("我要开饭店") << int(SearchHit::BundleHit) << 2;
    QTest::newRow("pinyin spjy") << QStringLiteral("spjy") << QStringLiteral("食品经营许可") << int(SearchHit::MatterHit) << 1;
    QTest::newRow("pinyin upper case") << QStringLiteral("  SPJY ") << QStringLiteral("食品经营许可") << int(SearchHit::MatterHit) << 1;
    QTest::newRow("exact code") << QStringLiteral("140800-XK-0020") << QStringLiteral("食品经营许可") << int(SearchHit::MatterHit) << 1;
    QTest::newRow("code lower case") << QStringLiteral("140800-xk-0021") << QStringLiteral("食品生产许可") << int(SearchHit::MatterHit) << 1;
    QTest::newRow("bundle code") << QStringLiteral("140800-TC-0003") << QStringLiteral("我要办网约出租车汽车经营许可证核发")
                                 << int(SearchHit::BundleHit) << 1;
    QTest::newRow("name prefix") << QStringLiteral("网络预约") << QStringLiteral("网络预约出租汽车经营许可") << int(SearchHit::MatterHit) << 3;
    QTest::newRow("two words") << QStringLiteral("网约车 驾驶员") << QStringLiteral("网络预约出租汽车驾驶员证核发")
                               << int(SearchHit::MatterHit) << 1;
    QTest::newRow("keyword fragment") << QStringLiteral("消防") << QStringLiteral("消防验收") << -1 << 3;
    QTest::newRow("nothing") << QStringLiteral("不存在的事项") << QString() << -1 << 0;
    QTest::newRow("empty") << QStringLiteral("   ") << QString() << -1 << 0;
}

void TestCatalog::search()
{
    QFETCH(QString, text);
    QFETCH(QString, firstName);
    QFETCH(int, firstKind);
    QFETCH(int, minimumHits);
    const auto hits = m_demo.search(text);
    QVERIFY2(hits.size() >= minimumHits, qPrintable(QString::number(hits.size())));
    if (minimumHits == 0) {
        QVERIFY(hits.isEmpty());
        return;
    }
    for (qsizetype i = 1; i < hits.size(); ++i)
        QVERIFY(hits.at(i - 1).score >= hits.at(i).score);
    if (firstKind >= 0) {
        QCOMPARE(hits.first().name, firstName);
        QCOMPARE(int(hits.first().kind), firstKind);
    } else {
        // Any hit must really contain the word somewhere searchable.
        for (const SearchHit& h : hits) {
            const Matter* m = m_demo.matter(h.code);
            const Bundle* b = m_demo.bundle(h.code);
            QVERIFY(m || b);
            const QString all = m ? m->name + m->keywords.join(QLatin1Char(' ')) : b->name + b->keywords.join(QLatin1Char(' '));
            QVERIFY2(all.contains(text), qPrintable(h.name));
        }
    }
}

void TestCatalog::searchSeesChangesAndCopies()
{
    Catalog c = m_demo;
    QCOMPARE(c.search(QStringLiteral("spjyxk")).first().code, QStringLiteral("140800-XK-0020"));
    QCOMPARE(c.search(QStringLiteral("饭店"), 1).size(), 1);
    QVERIFY(c.search(QStringLiteral("饭店"), 0).isEmpty());

    // Exact code beats everything.
    const auto byCode = c.search(QStringLiteral("140800-XK-0001"));
    QCOMPARE(byCode.first().code, QStringLiteral("140800-XK-0001"));
    QCOMPARE(byCode.first().score, 1000);

    // An edit after a search is seen by the next search (the index notices it is stale).
    Catalog edited = c;
    edited.matters[0].name = QStringLiteral("虚构的新事项名称");
    edited.matters[1].keywords << QStringLiteral("zzqq");
    QCOMPARE(edited.search(QStringLiteral("虚构的新")).first().code, edited.matters[0].code);
    QCOMPARE(edited.search(QStringLiteral("zzqq")).first().code, edited.matters[1].code);
    QVERIFY(c.search(QStringLiteral("虚构的新")).isEmpty());
    edited.matters.removeFirst();
    QVERIFY(edited.search(QStringLiteral("虚构的新")).isEmpty());
    edited.bundles.clear();
    QVERIFY(edited.search(QStringLiteral("我要开饭店")).isEmpty());

    // Fast enough for typing: many searches over the demo catalog.
    QElapsedTimer timer;
    timer.start();
    int found = 0;
    for (int i = 0; i < 1000; ++i)
        found += int(c.search(i % 2 ? QStringLiteral("xk") : QStringLiteral("许可")).size());
    QVERIFY(found > 0);
    qInfo("1000 searches over %d matters and %d bundles: %lld ms", int(c.matters.size()), int(c.bundles.size()),
          timer.elapsed());
}

void TestCatalog::refusals_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("fragment");
    QTest::addColumn<int>("line"); // 0: no line expected in the message
    QTest::newRow("cycle") << "cycle.json" << "cycle: T-TC-01 → T-TC-02 → T-TC-01" << 67;
    QTest::newRow("missing matter") << "missing-reference.json" << "refers to the matter T-QT-0099, which is not in the catalog" << 67;
    QTest::newRow("missing bundle") << "missing-include.json" << "includes the bundle T-TC-77, which is not in the catalog" << 67;
    QTest::newRow("duplicate code") << "duplicate-code.json" << "matter code T-XK-0001 is used twice" << 33;
    QTest::newRow("bad enum") << "bad-enum.json" << "unknown value \"downtown\"; expected one of: investment, marketAccess, socialLivelihood" << 37;
    QTest::newRow("bad material enum") << "bad-material-enum.json" << "unknown value \"photocopy\"" << 29;
    QTest::newRow("promised > legal") << "promised-over-legal.json" << "promises 30 working days, longer than its legal limit of 20" << 16;
    QTest::newRow("negative limit") << "negative-limit.json" << "cannot be negative" << 38;
    QTest::newRow("absurd limit") << "absurd-limit.json" << "5000 working days is not a plausible time limit" << 38;
    QTest::newRow("not JSON") << "not-json.json" << "not valid JSON" << 41;
    QTest::newRow("10,000-character name") << "long-name.json" << "is 10000 characters long; at most 500" << 34;
    QTest::newRow("control character") << "control-character.json" << "control character U+0007" << 51;
    QTest::newRow("empty file") << "empty.json" << "The catalog file is empty." << 0;
    QTest::newRow("missing field") << "missing-field.json" << "the required field \"body\" is missing" << 49;
    QTest::newRow("deferral not allowed") << "deferral-not-allowed.json" << "does not allow deferred materials" << 28;
    QTest::newRow("duplicate key") << "duplicate-key.json" << "given twice" << 59;
    QTest::newRow("unknown field") << "unknown-field.json" << "unknown field \"visits\"" << 60;
    QTest::newRow("not an object") << "not-object.json" << "must be a JSON object" << 1;
}

void TestCatalog::refusals()
{
    QFETCH(QString, file);
    QFETCH(QString, fragment);
    QFETCH(int, line);
    QString error;
    const auto c = Catalog::fromJson(data(file), &error);
    QVERIFY(!c.has_value());
    QVERIFY2(error.contains(fragment), qPrintable(error));
    if (line > 0)
        QVERIFY2(error.contains(QStringLiteral("Line %1").arg(line)), qPrintable(error));
    QVERIFY(error.size() < 3000);
    // The error is also reported when the caller passes no error text.
    QVERIFY(!Catalog::fromJson(data(file), nullptr).has_value());
}

void TestCatalog::validateHandBuiltCatalog()
{
    Catalog c;
    QVERIFY(c.validate().contains(QStringLiteral("version")));
    c = *Catalog::fromJson(data(QStringLiteral("valid.json")), nullptr);
    QCOMPARE(c.validate(), QString());

    Catalog bad = c;
    bad.matters[2].name = QStringLiteral("tab\there");
    bad.matters[0].materials[0].copies = 0;
    bad.matters[1].type = static_cast<MatterType>(42);
    bad.matters[2].promisedLimitDays = 0.3;
    bad.bundles[0].matterCodes << QStringLiteral("T-XK-0001");
    const QString problems = bad.validate();
    QVERIFY2(problems.contains(QStringLiteral("matters[2].name: contains the control character U+0009")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("matters[0].materials[0].copies")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("matters[1].type: holds the unknown value 42")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("whole or half working days")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("lists the matter T-XK-0001 twice")), qPrintable(problems));
    QCOMPARE(problems.count(QLatin1Char('\n')), 4);

    Catalog instant = c;
    instant.matters[2].promisedLimitDays = 1;
    QVERIFY(instant.validate().contains(QStringLiteral("instant matter")));
    instant.matters[2].instant = false;
    QCOMPARE(instant.validate(), QString());
    instant.matters[2].promisedLimitDays = 0;
    QVERIFY(instant.validate().contains(QStringLiteral("promised matter")));

    Catalog renamed = c;
    renamed.matters[1].materials[0].name = QStringLiteral("体检报告");
    QVERIFY(renamed.validate().contains(QStringLiteral("one code must mean one material")));

    Catalog clash = c;
    clash.bundles[0].code = QStringLiteral("T-XK-0002");
    clash.bundles[1].includes = {QStringLiteral("T-XK-0002")};
    QVERIFY(clash.validate().contains(QStringLiteral("used by a matter and by a bundle")));

    // Many problems are summarised, not listed without end.
    Catalog many = c;
    for (int i = 0; i < 40; ++i) {
        Matter m = c.matters[2];
        m.code = QStringLiteral("X-%1").arg(i);
        m.name.clear();
        many.matters << m;
    }
    QVERIFY(many.validate().contains(QStringLiteral("20 more problem")));
}

void TestCatalog::displayNames()
{
    QCOMPARE(zoneName(Zone::MarketAccess), QStringLiteral("Market access zone"));
    QCOMPARE(zoneName(Zone::Investment), QStringLiteral("Investment project zone"));
    QCOMPARE(displayText(RiskLevel::High), QStringLiteral("High risk"));
    QCOMPARE(matterTypeName(MatterType::PublicService), QStringLiteral("Public service"));
    QCOMPARE(int(MatterType::OtherPower), 10);
    QCOMPARE(int(MatterType::Adjudication), 9);
    QCOMPARE(resultTypeName(QStringLiteral("filing")), QStringLiteral("Filing notice"));
    QVERIFY(resultTypeName(QStringLiteral("bogus")).isEmpty());
}

void TestCatalog::combinedInspectionsAreValidated()
{
    const QString restaurant = QStringLiteral("140800-TC-0001");
    const QString food = QStringLiteral("140800-XK-0020");
    const QString sewer = QStringLiteral("140800-XK-0015");
    const QString fire = QStringLiteral("140800-XK-0041");
    // The demo: 我要开饭店 inspects the food licence with the sewer permit; fire safety alone.
    QCOMPARE(m_demo.inspectionGroup(restaurant, sewer), (QStringList{food, sewer}));
    QCOMPARE(m_demo.inspectionGroup(restaurant, fire), QStringList{fire});
    // ... also through a bundle that includes it (我要开公司并开饭店).
    QCOMPARE(m_demo.inspectionGroup(QStringLiteral("140800-TC-0011"), food), (QStringList{food, sewer}));
    // It survives writing and reading back.
    QString error;
    const auto back = Catalog::fromJson(m_demo.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->bundle(restaurant)->combinedInspections, QList<QStringList>{(QStringList{food, sewer})});

    Catalog bad = m_demo;
    for (Bundle& x : bad.bundles) {
        if (x.code == restaurant)
            x.combinedInspections = {{food}, {sewer, QStringLiteral("140800-XK-0016")}, {fire, sewer}};
        if (x.code == QStringLiteral("140800-TC-0004"))
            x.combinedInspections = {{QStringLiteral("140800-XK-0016"), QStringLiteral("140800-QT-0018")}};
    }
    const QString problems = bad.validate();
    QVERIFY2(problems.contains(QStringLiteral("must name two or more matters")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("140800-XK-0016, which is not in the bundle")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("in more than one combined inspection")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("which needs no site inspection")), qPrintable(problems));

    // A malformed list in the file is refused with its path.
    QByteArray json = m_demo.toJson();
    json.replace("\"preconditions\"", "\"combinedInspections\": \"140800-XK-0020\", \"preconditions\"");
    QVERIFY(!Catalog::fromJson(json, &error));
    QVERIFY2(error.contains(QStringLiteral("combinedInspections")), qPrintable(error));
}

void TestCatalog::declaredFieldsAreValidated()
{
    const QString food = QStringLiteral("140800-XK-0020");
    // The demo: the food-business licence's 主体业态 is declared at intake, from three values.
    const DeclaredField* type = m_demo.matter(food)->declaredField(QStringLiteral("businessType"));
    QVERIFY(type);
    QCOMPARE(type->label, QStringLiteral("主体业态"));
    QCOMPARE(type->values, (QStringList{QStringLiteral("餐饮服务经营者"), QStringLiteral("食品销售经营者"),
                                        QStringLiteral("单位食堂")}));
    QString error;
    const auto back = Catalog::fromJson(m_demo.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->matter(food)->declaredFields, m_demo.matter(food)->declaredFields);

    Catalog bad = m_demo;
    for (Matter& m : bad.matters)
        if (m.code == food)
            m.declaredFields = {{QStringLiteral("1st"), QStringLiteral("x"), {QStringLiteral("a")}},
                                {QStringLiteral("ok"), QStringLiteral("y"), {}},
                                {QStringLiteral("ok"), QStringLiteral("z"), {QString(101, QLatin1Char('v'))}},
                                {QStringLiteral("twin"), QStringLiteral("w"), {QStringLiteral("a"), QStringLiteral("a")}}};
    const QString problems = bad.validate();
    QVERIFY2(problems.contains(QStringLiteral("starting with a letter")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("at least one allowed value")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("declared twice")), qPrintable(problems));
    QVERIFY2(problems.count(QStringLiteral("each allowed value must be given once")) == 2, qPrintable(problems));
}

QTEST_GUILESS_MAIN(TestCatalog)
#include "TestCatalog.moc"
