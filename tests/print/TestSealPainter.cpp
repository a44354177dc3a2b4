#include "print/SealPainter.h"

#include <QGuiApplication>
#include <QPainter>
#include <QTest>
#include <QtMath>

using namespace oneseal::print;

namespace {

bool isRed(QRgb pixel)
{
    return qAlpha(pixel) > 128 && qRed(pixel) > 150 && qGreen(pixel) < 90 && qBlue(pixel) < 90;
}

/** The first and last red pixel along row @p y (or column when @p vertical). */
QPair<int, int> redExtent(const QImage& image, int line, bool vertical)
{
    const int length = vertical ? image.height() : image.width();
    int first = -1;
    int last = -1;
    for (int i = 0; i < length; ++i) {
        const QRgb pixel = vertical ? image.pixel(line, i) : image.pixel(i, line);
        if (isRed(pixel)) {
            if (first < 0)
                first = i;
            last = i;
        }
    }
    return { first, last };
}

int countRed(const QImage& image, const QRect& area)
{
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            count += isRed(image.pixel(x, y)) ? 1 : 0;
    return count;
}

const QString kBureau = QStringLiteral("运城市行政审批服务局");

} // namespace

class TestSealPainter : public QObject
{
    Q_OBJECT

private slots:
    void ringDiameter_data();
    void ringDiameter();
    void paintHonoursDiameter();
    void redPixels();
    void starIsCentredAndSymmetric();
    void nameOnUpperArcOnly();
    void emptyAndLongNames();
};

void TestSealPainter::ringDiameter_data()
{
    QTest::addColumn<int>("dpi");
    QTest::newRow("150 dpi") << 150;
    QTest::newRow("300 dpi") << 300;
    QTest::newRow("600 dpi") << 600;
}

void TestSealPainter::ringDiameter()
{
    QFETCH(int, dpi);
    const QImage image = SealPainter::toImage(kBureau, dpi);
    const double pxPerMm = dpi / 25.4;
    QCOMPARE(image.width(), qCeil((SealPainter::kDiameterMm + 2) * pxPerMm));
    QCOMPARE(image.dotsPerMeterX(), qRound(dpi / 0.0254));

    const auto across = redExtent(image, image.height() / 2, false);
    const auto down = redExtent(image, image.width() / 2, true);
    const double widthMm = (across.second - across.first + 1) / pxPerMm;
    const double heightMm = (down.second - down.first + 1) / pxPerMm;
    QVERIFY2(qAbs(widthMm - 42.0) <= 0.5, qPrintable(QString::number(widthMm)));
    QVERIFY2(qAbs(heightMm - 42.0) <= 0.5, qPrintable(QString::number(heightMm)));

    // The ring is 1.2 mm thick: along the middle row the first red run is that wide.
    int run = 0;
    for (int x = across.first; x < image.width() && isRed(image.pixel(x, image.height() / 2)); ++x)
        ++run;
    QVERIFY2(qAbs(run / pxPerMm - 1.2) <= 0.3, qPrintable(QString::number(run / pxPerMm)));
}

void TestSealPainter::paintHonoursDiameter()
{
    const double pxPerMm = 300 / 25.4;
    QImage image(qCeil(60 * pxPerMm), qCeil(60 * pxPerMm), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    p.scale(pxPerMm, pxPerMm);
    SealPainter::paint(p, QPointF(25, 30), kBureau, QStringLiteral("行政审批专用章"), 45.0);
    p.end();
    const int row = qRound(30 * pxPerMm);
    const auto across = redExtent(image, row, false);
    QVERIFY(qAbs(across.first / pxPerMm - 2.5) <= 0.3); // left edge at 25 - 22.5 mm
    const double widthMm = (across.second - across.first + 1) / pxPerMm;
    QVERIFY2(qAbs(widthMm - 45.0) <= 0.5, qPrintable(QString::number(widthMm)));
}

void TestSealPainter::redPixels()
{
    const QImage image = SealPainter::toImage(kBureau, 300);
    const double pxPerMm = 300 / 25.4;
    const int red = countRed(image, image.rect());
    const double ringArea = M_PI * (21.0 * 21.0 - 19.8 * 19.8) * pxPerMm * pxPerMm;
    const double discArea = M_PI * 21.0 * 21.0 * pxPerMm * pxPerMm;
    QVERIFY2(red > ringArea * 1.5, qPrintable(QString::number(red))); // ring + star + text
    QVERIFY2(red < discArea * 0.5, qPrintable(QString::number(red)));
    // The colour is the seal's red, nothing else is drawn.
    QCOMPARE(SealPainter::colour(), QColor(0xd4, 0x00, 0x00));
    const QRgb centre = image.pixel(image.width() / 2, image.height() / 2);
    QCOMPARE(qRed(centre), 0xd4);
    QCOMPARE(qGreen(centre), 0);
    QCOMPARE(qAlpha(image.pixel(2, 2)), 0); // transparent outside
}

void TestSealPainter::starIsCentredAndSymmetric()
{
    const QImage image = SealPainter::toImage(kBureau, 300);
    const double pxPerMm = 300 / 25.4;
    const double cx = image.width() / 2.0;
    const double cy = image.height() / 2.0;

    // Only the star lies within 8 mm left/right of the centre and 8 mm above to 7 mm below it.
    const QRect star(qRound(cx - 8 * pxPerMm), qRound(cy - 8 * pxPerMm), qRound(16 * pxPerMm), qRound(15 * pxPerMm));
    int total = 0;
    int asymmetric = 0;
    double sumX = 0;
    double minY = image.height();
    for (int y = star.top(); y <= star.bottom(); ++y) {
        for (int x = star.left(); x <= star.right(); ++x) {
            if (!isRed(image.pixel(x, y)))
                continue;
            ++total;
            sumX += x + 0.5;
            minY = qMin<double>(minY, y);
            const int mirror = int(2 * cx - x - 1);
            if (!isRed(image.pixel(mirror, y)))
                ++asymmetric;
        }
    }
    // A regular five-pointed star of outer radius R = 7 mm and inner radius r = R sin 18° / sin 126°
    // covers 5 R r sin 36° ≈ 55.0 mm².
    const double r = 7.0 * qSin(qDegreesToRadians(18.0)) / qSin(qDegreesToRadians(126.0));
    const double areaMm2 = 5 * 7.0 * r * qSin(qDegreesToRadians(36.0));
    QVERIFY2(qAbs(total / (pxPerMm * pxPerMm) - areaMm2) < 0.08 * areaMm2,
             qPrintable(QString::number(total / (pxPerMm * pxPerMm))));
    QVERIFY2(asymmetric < total * 0.02, qPrintable(QStringLiteral("%1 of %2").arg(asymmetric).arg(total)));
    QVERIFY2(qAbs(sumX / total - cx) < 0.2 * pxPerMm, qPrintable(QString::number((sumX / total - cx) / pxPerMm)));
    QVERIFY2(qAbs((cy - minY) / pxPerMm - 7.0) < 0.3, qPrintable(QString::number((cy - minY) / pxPerMm)));

    // The whole seal is balanced left/right within 10 %.
    const int left = countRed(image, QRect(0, 0, image.width() / 2, image.height()));
    const int right = countRed(image, QRect(image.width() / 2, 0, image.width() - image.width() / 2, image.height()));
    QVERIFY2(qAbs(left - right) < 0.1 * qMax(left, right), qPrintable(QStringLiteral("%1 / %2").arg(left).arg(right)));
}

void TestSealPainter::nameOnUpperArcOnly()
{
    const QImage image = SealPainter::toImage(kBureau, 300);
    const double pxPerMm = 300 / 25.4;
    const double cx = image.width() / 2.0;
    const double cy = image.height() / 2.0;
    // The text band between 14.5 and 19.3 mm from the centre: inside the ring, outside the star.
    auto bandRed = [&](double fromDeg, double toDeg, double minRadius = 14.5) {
        int count = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const double dx = (x + 0.5 - cx) / pxPerMm;
                const double dy = (cy - y - 0.5) / pxPerMm;
                const double r = qSqrt(dx * dx + dy * dy);
                double angle = qRadiansToDegrees(qAtan2(dy, dx));
                if (angle < -90)
                    angle += 360;
                if (r < minRadius || r > 19.3 || angle < fromDeg || angle > toDeg)
                    continue;
                count += isRed(image.pixel(x, y)) ? 1 : 0;
            }
        }
        return count;
    };
    const int top = bandRed(60, 120);
    const int upperLeft = bandRed(180, 220);
    const int upperRight = bandRed(-40, 0);
    const int bottom = bandRed(250, 290, 16.5); // below the purpose text, where the arc is open
    QVERIFY2(top > 2 * pxPerMm * pxPerMm * 3, qPrintable(QString::number(top)));
    QVERIFY2(upperLeft > 0 && upperRight > 0, qPrintable(QStringLiteral("%1 %2").arg(upperLeft).arg(upperRight)));
    QCOMPARE(bottom, 0);
}

void TestSealPainter::emptyAndLongNames()
{
    const double pxPerMm = 150 / 25.4;
    for (const QString& name : { QString(), QStringLiteral("局"), QString(40, QChar(0x5BA1)) }) {
        const QImage image = SealPainter::toImage(name, 150);
        const auto across = redExtent(image, image.height() / 2, false);
        const double widthMm = (across.second - across.first + 1) / pxPerMm;
        QVERIFY2(qAbs(widthMm - 42.0) <= 0.5, qPrintable(name + QString::number(widthMm)));
    }
    // A nonsense diameter draws nothing rather than something wrong.
    QImage image(50, 50, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    SealPainter::paint(p, QPointF(25, 25), kBureau, QStringLiteral("行政审批专用章"), -3);
    p.end();
    QCOMPARE(countRed(image, image.rect()), 0);
}

QTEST_MAIN(TestSealPainter)
#include "TestSealPainter.moc"
