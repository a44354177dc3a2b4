#include "print/CertificateTemplate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal::print;

class TestCertificateTemplate : public QObject
{
    Q_OBJECT

private slots:
    void builtInTemplates();
    void builtInSheets_data();
    void builtInSheets();
    void everyFieldIsOnTheSheet();
    void forResult();
    void minimalTemplate();
    void refusesBadTemplates_data();
    void refusesBadTemplates();
    void loadNamesTheFile();
};

namespace {

QJsonObject minimal()
{
    return QJsonObject {
        { "format", 1 },
        { "id", "test-template" },
        { "name", "测试证" },
        { "page", QJsonObject { { "size", "A4" } } },
        { "fields",
          QJsonArray { QJsonObject {
              { "key", "holderName" }, { "x", 20 }, { "y", 30 }, { "width", 100 }, { "height", 10 } } } },
    };
}

QJsonObject with(QJsonObject o, const QString& key, const QJsonValue& value)
{
    o.insert(key, value);
    return o;
}

QJsonObject withField(const QString& key, const QJsonValue& value)
{
    QJsonObject o = minimal();
    QJsonArray fields = o.value("fields").toArray();
    QJsonObject field = fields.at(0).toObject();
    field.insert(key, value);
    fields[0] = field;
    o.insert("fields", fields);
    return o;
}

QJsonObject withBackground(const QJsonObject& shape)
{
    return with(minimal(), "background", QJsonArray { shape });
}

QByteArray json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson();
}

} // namespace

void TestCertificateTemplate::builtInTemplates()
{
    const QList<CertificateTemplate> templates = CertificateTemplate::builtIn();
    QStringList ids;
    for (const CertificateTemplate& t : templates)
        ids.append(t.id());
    QCOMPARE(ids, (QStringList { "administrative-licence", "food-business-licence", "licence-decision" }));
    for (const CertificateTemplate& t : templates) {
        QVERIFY2(t.hasSeal(), qPrintable(t.id()));
        QVERIFY2(t.hasQr(), qPrintable(t.id()));
        QVERIFY2(!t.background().isEmpty(), qPrintable(t.id()));
        QVERIFY2(t.field(QStringLiteral("serial")), qPrintable(t.id()));
        QVERIFY2(t.field(QStringLiteral("issueDate")), qPrintable(t.id()));
        QVERIFY(!t.name().isEmpty());
    }
    QVERIFY(CertificateTemplate::builtIn(QStringLiteral("food-business-licence")));
    QVERIFY(!CertificateTemplate::builtIn(QStringLiteral("no-such-template")));
}

void TestCertificateTemplate::builtInSheets_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QSizeF>("sheet");
    QTest::addColumn<QString>("paper");
    QTest::newRow("licence: A3 landscape") << "administrative-licence" << QSizeF(420, 297) << "A3";
    QTest::newRow("food licence: A4 landscape") << "food-business-licence" << QSizeF(297, 210) << "A4";
    QTest::newRow("decision: A4 portrait") << "licence-decision" << QSizeF(210, 297) << "A4";
}

void TestCertificateTemplate::builtInSheets()
{
    QFETCH(QString, id);
    QFETCH(QSizeF, sheet);
    QFETCH(QString, paper);
    const auto t = CertificateTemplate::builtIn(id);
    QVERIFY(t);
    QCOMPARE(t->sheetMm().toSize(), sheet.toSize());
    QCOMPARE(t->pageSize().key(), paper);
}

void TestCertificateTemplate::everyFieldIsOnTheSheet()
{
    for (const CertificateTemplate& t : CertificateTemplate::builtIn()) {
        const QRectF sheet(QPointF(0, 0), t.sheetMm());
        for (const auto& field : t.fields())
            QVERIFY2(sheet.contains(field.boxMm), qPrintable(t.id() + QLatin1Char(' ') + field.key));
        // The QR code keeps clear of the seal, so both stay readable.
        const double r = t.sealDiameterMm() / 2;
        const QRectF seal(t.sealCentreMm() - QPointF(r, r), QSizeF(2 * r, 2 * r));
        QVERIFY2(!seal.intersects(t.qrRectMm()), qPrintable(t.id()));
    }
}

void TestCertificateTemplate::forResult()
{
    const QList<CertificateTemplate> all = CertificateTemplate::builtIn();
    QCOMPARE(CertificateTemplate::forResult(all, "licence", "食品经营许可证")->id(), QStringLiteral("food-business-licence"));
    QCOMPARE(CertificateTemplate::forResult(all, "licence", "建筑工程施工许可证")->id(),
             QStringLiteral("administrative-licence"));
    QCOMPARE(CertificateTemplate::forResult(all, "approval", "企业投资项目核准批复")->id(), QStringLiteral("licence-decision"));
    QVERIFY(!CertificateTemplate::forResult(all, "unknown", "无此结果"));
}

void TestCertificateTemplate::minimalTemplate()
{
    QString error;
    const auto t = CertificateTemplate::fromJson(json(minimal()), &error);
    QVERIFY2(t, qPrintable(error));
    QCOMPARE(t->sheetMm().toSize(), QSize(210, 297));
    QVERIFY(!t->hasSeal());
    QVERIFY(!t->hasQr());
    QCOMPARE(t->fields().size(), 1);
    QCOMPARE(t->fields().first().boxMm, QRectF(20, 30, 100, 10));
    QCOMPARE(t->fields().first().font.sizePt, 12.0);
    QCOMPARE(t->paperColor(), QColor(Qt::white));

    const auto custom = CertificateTemplate::fromJson(
        json(with(minimal(), "page", QJsonObject { { "widthMm", 250 }, { "heightMm", 180 }, { "orientation", "landscape" } })),
        &error);
    QVERIFY2(custom, qPrintable(error));
    QCOMPARE(custom->sheetMm().toSize(), QSize(250, 180));
}

void TestCertificateTemplate::refusesBadTemplates_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("words");
    QTest::newRow("not JSON") << QByteArray("{ \"format\": 1,") << "not valid JSON";
    QTest::newRow("array") << QByteArray("[]") << "JSON object";
    QTest::newRow("format 2") << json(with(minimal(), "format", 2)) << "\"format\" is 2";
    QTest::newRow("no format") << json(QJsonObject { { "id", "x" } }) << "\"format\" is missing";
    QTest::newRow("bad id") << json(with(minimal(), "id", "Food Licence")) << "\"id\"";
    QTest::newRow("no name") << json(with(minimal(), "name", "")) << "\"name\" is empty";
    QTest::newRow("no page") << json(with(minimal(), "page", QJsonObject())) << "\"page\" is missing";
    QTest::newRow("letter paper") << json(with(minimal(), "page", QJsonObject { { "size", "Letter" } }))
                                  << "A3, A4, A5 or B5";
    QTest::newRow("sideways") << json(with(minimal(), "page", QJsonObject { { "size", "A4" }, { "orientation", "sideways" } }))
                              << "portrait or landscape";
    QTest::newRow("field off the sheet") << json(withField("width", 200)) << "fields[0] (\"holderName\"): the box 20, 30 – 220, 40";
    QTest::newRow("negative x") << json(withField("x", -1)) << "\"x\" is -1";
    QTest::newRow("x as text") << json(withField("x", "20")) << "\"x\" must be a number";
    QTest::newRow("bad key") << json(withField("key", "holder name")) << "\"key\"";
    QTest::newRow("bad colour") << json(withField("color", "red")) << "#rrggbb";
    QTest::newRow("bad align") << json(withField("align", "justify")) << "left, center or right";
    QTest::newRow("bad format") << json(withField("format", "isbn")) << "licenceIdentifier";
    QTest::newRow("font too big") << json(withField("font", QJsonObject { { "sizePt", 200 } })) << "fields[0] (\"holderName\").font";
    QTest::newRow("min above size") << json(withField("minSizePt", 20)) << "minSizePt";
    QTest::newRow("no fields") << json(with(minimal(), "fields", QJsonArray())) << "\"fields\"";
    QTest::newRow("unknown shape") << json(withBackground(QJsonObject { { "type", "hexagon" } })) << "background[0]: \"type\"";
    QTest::newRow("text without text") << json(withBackground(QJsonObject {
        { "type", "text" }, { "x", 1 }, { "y", 1 }, { "width", 10 }, { "height", 5 } }))
                                       << "\"text\" is missing";
    QTest::newRow("circle off the sheet") << json(withBackground(QJsonObject {
        { "type", "circle" }, { "cx", 5 }, { "cy", 50 }, { "r", 10 } }))
                                          << "background[0]";
    QTest::newRow("seal off the sheet") << json(with(minimal(), "seal", QJsonObject { { "cx", 200 }, { "cy", 100 } }))
                                        << "seal";
    QTest::newRow("QR too small") << json(with(minimal(), "qr", QJsonObject { { "x", 10 }, { "y", 10 }, { "size", 10 } }))
                                  << "between 18 and 120";
    QTest::newRow("QR as number") << json(with(minimal(), "qr", 25)) << "qr";
}

void TestCertificateTemplate::refusesBadTemplates()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, words);
    QString error;
    QVERIFY(!CertificateTemplate::fromJson(text, &error));
    QVERIFY2(error.contains(words), qPrintable(error));
}

void TestCertificateTemplate::loadNamesTheFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(json(withField("width", 500)));
    f.close();
    QString error;
    QVERIFY(!CertificateTemplate::load(path, &error));
    QVERIFY2(error.startsWith(QStringLiteral("broken.json: ")), qPrintable(error));
    QVERIFY(!CertificateTemplate::load(dir.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY2(error.contains(QStringLiteral("missing.json")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestCertificateTemplate)
#include "TestCertificateTemplate.moc"
