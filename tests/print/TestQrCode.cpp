#include "print/QrCode.h"

#include <QGuiApplication>
#include <QPainter>
#include <QTest>

using namespace oneseal::print;

class TestQrCode : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void finderPatterns();
    void rejectsEmptyAndTooLong();
    void paintScaledDecodes_data();
    void paintScaledDecodes();
    void decodeFindsNothing();
    void decodeFindsTwo();
};

void TestQrCode::roundTrip_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("ascii") << QByteArray("YS-2026-000123");
    QByteArray binary;
    for (int i = 0; i < 256; ++i)
        binary.append(char(255 - i)); // every byte value, NUL and 0xFF included
    QTest::newRow("binary") << binary;
    QTest::newRow("chinese utf-8") << QStringLiteral("运审受〔2026〕第 000123 号 申请人：张三").toUtf8();
    QTest::newRow("long") << QByteArray(1200, 'A') + QByteArray("end");
    QTest::newRow("maximum") << QByteArray(2331, '7');
}

void TestQrCode::roundTrip()
{
    QFETCH(QByteArray, payload);
    QString error;
    const auto code = QrCode::encode(payload, &error);
    QVERIFY2(code.has_value(), qPrintable(error));
    QVERIFY(code->size() >= 21);
    QCOMPARE((code->size() - 17) % 4, 0); // version v has 17 + 4v modules
    const QImage image = code->toImage(3);
    QCOMPARE(image.width(), (code->size() + 2 * QrCode::kQuietZone) * 3);
    QCOMPARE(image.height(), image.width());
    const QList<QByteArray> found = QrCode::decode(image);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first(), payload);
}

void TestQrCode::finderPatterns()
{
    const auto code = QrCode::encode("finder", nullptr);
    QVERIFY(code.has_value());
    const int n = code->size();
    QCOMPARE(n, 21); // 6 bytes at level M fit version 1
    // The three finder patterns: a dark 7x7 ring, a light ring, a dark 3x3 core; light separators.
    for (const QPoint corner : { QPoint(0, 0), QPoint(n - 7, 0), QPoint(0, n - 7) }) {
        for (int i = 0; i < 7; ++i) {
            QVERIFY(code->module(corner.x() + i, corner.y()));
            QVERIFY(code->module(corner.x(), corner.y() + i));
        }
        QVERIFY(!code->module(corner.x() + 1, corner.y() + 1));
        QVERIFY(code->module(corner.x() + 3, corner.y() + 3));
    }
    QVERIFY(!code->module(7, 0));
    QVERIFY(!code->module(-1, 0));
    QVERIFY(!code->module(0, n));
    QCOMPARE(code->toImage(0).width(), n + 2 * QrCode::kQuietZone); // at least one pixel per module
}

void TestQrCode::rejectsEmptyAndTooLong()
{
    QString error;
    QVERIFY(!QrCode::encode(QByteArray(2332, '7'), &error).has_value());
    QVERIFY(error.contains(QLatin1String("2332")));
    QVERIFY(error.contains(QLatin1String("too long")));

    error.clear();
    QVERIFY(!QrCode::encode(QByteArray(), &error).has_value());
    QVERIFY(!error.isEmpty());

    QVERIFY(!QrCode::encode(QByteArray(5000, 'x'), nullptr).has_value()); // no error text wanted: no crash
}

void TestQrCode::paintScaledDecodes_data()
{
    QTest::addColumn<double>("pixelsPerUnit");
    QTest::addColumn<QByteArray>("payload");
    // A 25 mm code on a page at 150 and 300 dpi, and at a scale that gives fractional modules.
    QTest::newRow("150 dpi") << 150 / 25.4 << QByteArray("https://example.gov.cn/v?c=YS-2026-000123&h=9f2c");
    QTest::newRow("300 dpi") << 300 / 25.4 << QStringLiteral("容缺受理 YS-2026-000124").toUtf8();
    QTest::newRow("fractional") << 7.3 << QByteArray(120, 'z');
}

void TestQrCode::paintScaledDecodes()
{
    QFETCH(double, pixelsPerUnit);
    QFETCH(QByteArray, payload);
    const auto code = QrCode::encode(payload, nullptr);
    QVERIFY(code.has_value());

    const int side = qCeil(40 * pixelsPerUnit);
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(QColor(230, 230, 230)); // grey paper: the quiet zone must be painted white
    QPainter p(&image);
    p.scale(pixelsPerUnit, pixelsPerUnit);
    const QRectF target(5.5, 7.25, 25, 30); // not square: the code is centred in it
    code->paint(p, target);
    p.end();

    // The painted square is 25 units, centred vertically in the 30-unit target, white around modules.
    const QPoint topLeftQuiet(qRound((5.5 + 0.3) * pixelsPerUnit), qRound((7.25 + 2.5 + 0.3) * pixelsPerUnit));
    QCOMPARE(QColor(image.pixel(topLeftQuiet)), QColor(Qt::white));
    const QPoint aboveCode(qRound((5.5 + 12.5) * pixelsPerUnit), qRound((7.25 + 1.0) * pixelsPerUnit));
    QCOMPARE(QColor(image.pixel(aboveCode)), QColor(230, 230, 230));

    const QList<QByteArray> found = QrCode::decode(image);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first(), payload);
}

void TestQrCode::decodeFindsNothing()
{
    QImage white(300, 300, QImage::Format_RGB32);
    white.fill(Qt::white);
    QVERIFY(QrCode::decode(white).isEmpty());
    QVERIFY(QrCode::decode(QImage()).isEmpty());
    QImage transparent(100, 100, QImage::Format_ARGB32);
    transparent.fill(Qt::transparent);
    QVERIFY(QrCode::decode(transparent).isEmpty());
}

void TestQrCode::decodeFindsTwo()
{
    const auto a = QrCode::encode("first code", nullptr);
    const auto b = QrCode::encode("second code", nullptr);
    QVERIFY(a && b);
    QImage image(600, 300, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    a->paint(p, QRectF(10, 10, 280, 280));
    b->paint(p, QRectF(310, 10, 280, 280));
    p.end();
    QList<QByteArray> found = QrCode::decode(image);
    std::sort(found.begin(), found.end());
    QCOMPARE(found, QList<QByteArray>({ "first code", "second code" }));
}

QTEST_MAIN(TestQrCode)
#include "TestQrCode.moc"
