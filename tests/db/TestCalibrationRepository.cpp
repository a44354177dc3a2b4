#include "db/CalibrationRepository.h"
#include "db/Database.h"

#include "core/Crypto.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;

class TestCalibrationRepository : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void saveAndFind();
    void saveAgainReplaces();
    void perPrinterAndTemplate();
    void refusesBadValues_data();
    void refusesBadValues();
    void remove();
    void survivesReopening();

private:
    int rows() const;
    db::PrinterCalibration sample() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_key;
    std::unique_ptr<db::Database> m_db;
};

void TestCalibrationRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_key = core::crypto::randomBytes(32);
    QString error;
    db::OpenOptions options;
    options.create = true;
    m_db = db::Database::open(m_dir->filePath(QStringLiteral("hall.db")), m_key, options, &error);
    QVERIFY2(m_db, qPrintable(error));
    QVERIFY2(m_db->migrate(&error), qPrintable(error));
    QVERIFY(m_db->schemaVersion() >= 7);
}

void TestCalibrationRepository::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

int TestCalibrationRepository::rows() const
{
    QSqlQuery q(m_db->sql());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM printer_calibrations")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

db::PrinterCalibration TestCalibrationRepository::sample() const
{
    db::PrinterCalibration c;
    c.printerName = QStringLiteral("HP_LaserJet_M403 (出证窗口 2)");
    c.templateId = QStringLiteral("food-business-licence");
    c.dxMm = 1.25;
    c.dyMm = -0.75;
    c.scale = 0.995;
    c.updatedAt = QDateTime(QDate(2026, 11, 26), QTime(9, 30, 15, 250), Qt::UTC);
    c.updatedBy = QStringLiteral("certifier");
    return c;
}

void TestCalibrationRepository::saveAndFind()
{
    db::CalibrationRepository repo(m_db->sql());
    QString error;
    QVERIFY(!repo.find(sample().printerName, sample().templateId, &error));
    QVERIFY(error.isEmpty()); // none saved is not an error
    QVERIFY2(repo.save(sample(), &error), qPrintable(error));
    const auto found = repo.find(sample().printerName, sample().templateId, &error);
    QVERIFY2(found, qPrintable(error));
    QCOMPARE(*found, sample());
    QCOMPARE(rows(), 1);

    // Without a time the current time is stored.
    db::PrinterCalibration now = sample();
    now.templateId = QStringLiteral("licence-decision");
    now.updatedAt = QDateTime();
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    QVERIFY(repo.save(now, &error));
    const auto stored = repo.find(now.printerName, now.templateId);
    QVERIFY(stored);
    QVERIFY(stored->updatedAt >= before && stored->updatedAt <= QDateTime::currentDateTimeUtc().addSecs(1));
}

void TestCalibrationRepository::saveAgainReplaces()
{
    db::CalibrationRepository repo(m_db->sql());
    QString error;
    QVERIFY(repo.save(sample(), &error));
    db::PrinterCalibration again = sample();
    again.dxMm = -2.5;
    again.scale = 1.002;
    again.updatedBy = QStringLiteral("admin");
    QVERIFY2(repo.save(again, &error), qPrintable(error));
    QCOMPARE(rows(), 1);
    QCOMPARE(*repo.find(sample().printerName, sample().templateId), again);
}

void TestCalibrationRepository::perPrinterAndTemplate()
{
    db::CalibrationRepository repo(m_db->sql());
    QString error;
    db::PrinterCalibration a = sample();
    db::PrinterCalibration b = sample();
    b.templateId = QStringLiteral("administrative-licence");
    b.dxMm = 3;
    db::PrinterCalibration c = sample();
    c.printerName = QStringLiteral("Canon_LBP2900");
    c.dyMm = 4;
    QVERIFY(repo.save(a, &error) && repo.save(b, &error) && repo.save(c, &error));
    QCOMPARE(repo.find(a.printerName, a.templateId)->dxMm, 1.25);
    QCOMPARE(repo.find(b.printerName, b.templateId)->dxMm, 3.0);
    QCOMPARE(repo.find(c.printerName, c.templateId)->dyMm, 4.0);
    QVERIFY(!repo.find(c.printerName, b.templateId));
    const QList<db::PrinterCalibration> all = repo.all(&error);
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.first().printerName, QStringLiteral("Canon_LBP2900"));
}

void TestCalibrationRepository::refusesBadValues_data()
{
    QTest::addColumn<int>("change");
    QTest::addColumn<QString>("words");
    QTest::newRow("no printer") << 0 << QStringLiteral("printer");
    QTest::newRow("no template") << 1 << QStringLiteral("template");
    QTest::newRow("dx 25 mm") << 2 << QStringLiteral("20 mm");
    QTest::newRow("dy -21 mm") << 3 << QStringLiteral("20 mm");
    QTest::newRow("scale 1.2") << 4 << QStringLiteral("0.9 to 1.1");
    QTest::newRow("scale 0") << 5 << QStringLiteral("0.9 to 1.1");
    QTest::newRow("dx NaN") << 6 << QStringLiteral("mm");
}

void TestCalibrationRepository::refusesBadValues()
{
    QFETCH(int, change);
    QFETCH(QString, words);
    db::CalibrationRepository repo(m_db->sql());
    QString error;
    QVERIFY(repo.save(sample(), &error));
    db::PrinterCalibration bad = sample();
    switch (change) {
    case 0: bad.printerName = QStringLiteral("  "); break;
    case 1: bad.templateId.clear(); break;
    case 2: bad.dxMm = 25; break;
    case 3: bad.dyMm = -21; break;
    case 4: bad.scale = 1.2; break;
    case 5: bad.scale = 0; break;
    default: bad.dxMm = std::nan(""); break;
    }
    QVERIFY(!repo.save(bad, &error));
    QVERIFY2(error.contains(words), qPrintable(error));
    // Nothing changed.
    QCOMPARE(rows(), 1);
    QCOMPARE(*repo.find(sample().printerName, sample().templateId), sample());

    // The table's own checks hold even without the repository.
    QSqlQuery q(m_db->sql());
    QVERIFY(!q.exec(QStringLiteral("INSERT INTO printer_calibrations VALUES ('p', 't', 0, 0, 2.0, '', '')")));
}

void TestCalibrationRepository::remove()
{
    db::CalibrationRepository repo(m_db->sql());
    QString error;
    QVERIFY(repo.save(sample(), &error));
    QVERIFY(repo.remove(sample().printerName, sample().templateId, &error));
    QVERIFY(!repo.find(sample().printerName, sample().templateId));
    QVERIFY(repo.remove(sample().printerName, sample().templateId, &error)); // already gone: fine
    QCOMPARE(rows(), 0);
}

void TestCalibrationRepository::survivesReopening()
{
    {
        db::CalibrationRepository repo(m_db->sql());
        QString error;
        QVERIFY(repo.save(sample(), &error));
    }
    const QString path = m_db->path();
    m_db.reset();
    QString error;
    m_db = db::Database::open(path, m_key, {}, &error);
    QVERIFY2(m_db, qPrintable(error));
    QCOMPARE(*db::CalibrationRepository(m_db->sql()).find(sample().printerName, sample().templateId), sample());
}

QTEST_GUILESS_MAIN(TestCalibrationRepository)
#include "TestCalibrationRepository.moc"
