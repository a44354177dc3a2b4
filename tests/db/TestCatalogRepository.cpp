#include "db/CatalogRepository.h"
#include "db/Database.h"

#include "core/Crypto.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;

class TestCatalogRepository : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void importAndReadBack();
    void sameVersionIsRefused();
    void newVersionLeavesOldOneUnchanged();
    void invalidCatalogIsRefused();
    void failedImportLeavesNothing();
    void storedVersionsAreImmutable();

private:
    int count(const QString& table) const;
    QMap<QString, int> counts() const;
    core::Catalog demo() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<db::Database> m_db;
};

void TestCatalogRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QString error;
    db::OpenOptions options;
    options.create = true;
    m_db = db::Database::open(m_dir->filePath(QStringLiteral("catalog.db")), core::crypto::randomBytes(32), options,
                              &error);
    QVERIFY2(m_db, qPrintable(error));
    QVERIFY2(m_db->migrate(&error), qPrintable(error));
}

void TestCatalogRepository::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

int TestCatalogRepository::count(const QString& table) const
{
    QSqlQuery q(m_db->sql());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) || !q.next())
        return -1;
    return q.value(0).toInt();
}

QMap<QString, int> TestCatalogRepository::counts() const
{
    QMap<QString, int> map;
    for (const char* table : {"catalog_versions", "catalog_matters", "catalog_materials", "catalog_bundles",
                              "catalog_bundle_matters"})
        map.insert(QString::fromLatin1(table), count(QString::fromLatin1(table)));
    return map;
}

core::Catalog TestCatalogRepository::demo() const
{
    auto c = core::Catalog::builtInDemo();
    if (!c)
        qFatal("the built-in demo catalog does not load");
    return *c;
}

void TestCatalogRepository::importAndReadBack()
{
    db::CatalogRepository repo(m_db->sql());
    QVERIFY(!repo.current().has_value());
    QVERIFY(repo.versions().isEmpty());

    const core::Catalog v1 = demo();
    QString error;
    QVERIFY2(repo.import(v1, &error), qPrintable(error));
    QCOMPARE(repo.versions(), QList<int>{1});
    const auto current = repo.current(&error);
    QVERIFY2(current.has_value(), qPrintable(error));
    QVERIFY(*current == v1);
    QCOMPARE(repo.documentHash(1), QString::fromLatin1(core::crypto::sha256(v1.toJson()).toHex()));

    // The flattened tables hold every matter, material line and (expanded) bundle member.
    int materialLines = 0, members = 0;
    for (const core::Matter& m : v1.matters)
        materialLines += int(m.materials.size());
    for (const core::Bundle& b : v1.bundles)
        members += int(v1.bundleMatterCodes(b.code).size());
    QCOMPARE(count(QStringLiteral("catalog_matters")), int(v1.matters.size()));
    QCOMPARE(count(QStringLiteral("catalog_materials")), materialLines);
    QCOMPARE(count(QStringLiteral("catalog_bundles")), int(v1.bundles.size()));
    QCOMPARE(count(QStringLiteral("catalog_bundle_matters")), members);
    QSqlQuery q(m_db->sql());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM catalog_materials WHERE material_code = '140800-CL-0001'")));
    QVERIFY(q.next());
    QVERIFY(q.value(0).toInt() >= 10);
}

void TestCatalogRepository::sameVersionIsRefused()
{
    db::CatalogRepository repo(m_db->sql());
    const core::Catalog v1 = demo();
    QString error;
    QVERIFY2(repo.import(v1, &error), qPrintable(error));
    const auto before = counts();

    QVERIFY(!repo.import(v1, &error));
    QVERIFY2(error.contains(QStringLiteral("version 1 is already stored")), qPrintable(error));

    core::Catalog older = v1;
    older.version = 0;
    QVERIFY(!repo.import(older, &error));
    QCOMPARE(counts(), before);
}

void TestCatalogRepository::newVersionLeavesOldOneUnchanged()
{
    db::CatalogRepository repo(m_db->sql());
    const core::Catalog v1 = demo();
    QString error;
    QVERIFY2(repo.import(v1, &error), qPrintable(error));

    core::Catalog v2 = v1;
    v2.version = 2;
    v2.effectiveFrom = v1.effectiveFrom.addMonths(6);
    v2.matters[0].promisedLimitDays = 4; // a promise tightened in the new version
    v2.matters.last().name = QStringLiteral("民办非企业单位（社会服务机构）成立登记");
    QVERIFY(v2.validate().isEmpty());

    // A version may not apply before the one it follows.
    core::Catalog early = v2;
    early.effectiveFrom = v1.effectiveFrom.addDays(-1);
    QVERIFY(!repo.import(early, &error));
    QVERIFY2(error.contains(QStringLiteral("before version 1")), qPrintable(error));

    QVERIFY2(repo.import(v2, &error), qPrintable(error));
    QCOMPARE(repo.versions(), (QList<int>{1, 2}));
    QCOMPARE(repo.current()->version, 2);
    QVERIFY(*repo.current() == v2);

    // A case accepted under version 1 keeps version 1's matter as it was.
    const auto old = repo.version(1);
    QVERIFY(old.has_value());
    QVERIFY(*old == v1);
    QCOMPARE(old->matters[0].promisedLimitDays, v1.matters[0].promisedLimitDays);
    QCOMPARE(old->matters.last().name, v1.matters.last().name);
    QVERIFY(!repo.version(3).has_value());

    QCOMPARE(repo.effectiveOn(v1.effectiveFrom)->version, 1);
    QCOMPARE(repo.effectiveOn(v2.effectiveFrom.addDays(-1))->version, 1);
    QCOMPARE(repo.effectiveOn(v2.effectiveFrom)->version, 2);
    QVERIFY(!repo.effectiveOn(v1.effectiveFrom.addDays(-1)).has_value());
}

void TestCatalogRepository::invalidCatalogIsRefused()
{
    db::CatalogRepository repo(m_db->sql());
    core::Catalog bad = demo();
    bad.matters[0].promisedLimitDays = bad.matters[0].legalLimitDays + 1;
    QString error;
    QVERIFY(!repo.import(bad, &error));
    QVERIFY2(error.contains(QStringLiteral("longer than its legal limit")), qPrintable(error));
    QVERIFY(repo.versions().isEmpty());
    QCOMPARE(count(QStringLiteral("catalog_matters")), 0);
}

void TestCatalogRepository::failedImportLeavesNothing()
{
    db::CatalogRepository repo(m_db->sql());
    const core::Catalog v1 = demo();
    QString error;
    QVERIFY2(repo.import(v1, &error), qPrintable(error));
    // Make the last step of the next import fail, after the version, matters and materials went in.
    QVERIFY2(m_db->execScript(QStringLiteral("CREATE TRIGGER fail_bundles BEFORE INSERT ON catalog_bundle_matters "
                                             "WHEN NEW.version = 2 BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;"),
                              &error),
             qPrintable(error));
    const auto before = counts();
    QVERIFY(before.value(QStringLiteral("catalog_versions")) == 1);

    core::Catalog v2 = v1;
    v2.version = 2;
    QVERIFY(!repo.import(v2, &error));
    QVERIFY2(error.contains(QStringLiteral("disk on fire")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("version 2 was not imported")), qPrintable(error));
    QCOMPARE(counts(), before);
    QCOMPARE(repo.versions(), QList<int>{1});
    QCOMPARE(repo.current()->version, 1);

    // Once the obstacle is gone the same import succeeds: nothing was left half-done.
    QVERIFY(m_db->execScript(QStringLiteral("DROP TRIGGER fail_bundles;"), &error));
    QVERIFY2(repo.import(v2, &error), qPrintable(error));
    QCOMPARE(repo.versions(), (QList<int>{1, 2}));
}

void TestCatalogRepository::storedVersionsAreImmutable()
{
    db::CatalogRepository repo(m_db->sql());
    QString error;
    QVERIFY2(repo.import(demo(), &error), qPrintable(error));
    QSqlQuery q(m_db->sql());
    QVERIFY(!q.exec(QStringLiteral("UPDATE catalog_versions SET hall = 'x'")));
    QVERIFY(!q.exec(QStringLiteral("DELETE FROM catalog_versions")));
    QCOMPARE(repo.current()->hall, QStringLiteral("运城市行政审批服务管理局"));
}

QTEST_GUILESS_MAIN(TestCatalogRepository)
#include "TestCatalogRepository.moc"
