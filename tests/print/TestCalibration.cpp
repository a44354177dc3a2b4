#include "print/Calibration.h"

#include <QTest>

using namespace oneseal::print;

class TestCalibration : public QObject
{
    Q_OBJECT

private slots:
    void transformScalesThenMoves();
    void offsetFromOneCross();
    void scaleFromTwoCrosses_data();
    void scaleFromTwoCrosses();
    void refinesACurrentCalibration();
    void refusesBadMeasurements_data();
    void refusesBadMeasurements();
};

using Pairs = QList<QPair<QPointF, QPointF>>;

namespace {

/** Where a printer with this error puts point @p p. */
QPointF printed(const Calibration& printerError, const QPointF& p)
{
    return printerError.map(p);
}

} // namespace

void TestCalibration::transformScalesThenMoves()
{
    const Calibration c { 2.0, -1.0, 1.01 };
    QCOMPARE(c.map(QPointF(0, 0)), QPointF(2.0, -1.0));
    QCOMPARE(c.map(QPointF(100, 200)), QPointF(103.0, 201.0));
    QVERIFY(Calibration().isIdentity());
    QVERIFY(!c.isIdentity());
    QString error;
    QVERIFY(c.isPlausible(&error));
}

void TestCalibration::offsetFromOneCross()
{
    QString error;
    const auto c = Calibration::fromMeasurements({ { QPointF(20, 20), QPointF(21.5, 19.25) } }, {}, &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->dxMm, -1.5);
    QCOMPARE(c->dyMm, 0.75);
    QCOMPARE(c->scale, 1.0);
}

void TestCalibration::scaleFromTwoCrosses_data()
{
    QTest::addColumn<double>("dx");
    QTest::addColumn<double>("dy");
    QTest::addColumn<double>("scale");
    QTest::newRow("offset only") << 1.0 << 2.0 << 1.0;
    QTest::newRow("small") << 0.0 << 0.0 << 0.985;
    QTest::newRow("large and moved") << -3.2 << 1.1 << 1.02;
}

void TestCalibration::scaleFromTwoCrosses()
{
    QFETCH(double, dx);
    QFETCH(double, dy);
    QFETCH(double, scale);
    const Calibration printer { dx, dy, scale };
    const QList<QPointF> crosses = { QPointF(20, 20), QPointF(277, 190), QPointF(148.5, 105) };
    QList<QPair<QPointF, QPointF>> pairs;
    for (const QPointF& p : crosses)
        pairs.append({ p, printed(printer, p) });
    QString error;
    const auto c = Calibration::fromMeasurements(pairs, {}, &error);
    QVERIFY2(c, qPrintable(error));
    // Corrected, then misprinted: every point lands where it should (to rounding).
    for (const QPointF& p : crosses) {
        const QPointF landed = printed(printer, c->map(p));
        QVERIFY2(QLineF(landed, p).length() < 0.01, qPrintable(QString::number(QLineF(landed, p).length())));
    }
}

void TestCalibration::refinesACurrentCalibration()
{
    const Calibration printer { 1.0, -0.5, 0.99 };
    const Calibration current { -0.8, 0.4, 1.0 }; // an earlier, rough correction
    QList<QPair<QPointF, QPointF>> pairs;
    for (const QPointF& p : { QPointF(20, 20), QPointF(190, 277) })
        pairs.append({ p, printed(printer, current.map(p)) });
    QString error;
    const auto c = Calibration::fromMeasurements(pairs, current, &error);
    QVERIFY2(c, qPrintable(error));
    for (const QPointF& p : { QPointF(20, 20), QPointF(105, 148.5), QPointF(190, 277) })
        QVERIFY(QLineF(printed(printer, c->map(p)), p).length() < 0.01);
}

void TestCalibration::refusesBadMeasurements_data()
{
    QTest::addColumn<Pairs>("pairs");
    QTest::addColumn<QString>("words");
    QTest::newRow("none") << Pairs() << "at least one";
    QTest::newRow("too close") << Pairs { { QPointF(20, 20), QPointF(21, 21) }, { QPointF(30, 30), QPointF(31, 31) } }
                               << "too close";
    QTest::newRow("offset 30 mm") << Pairs { { QPointF(20, 20), QPointF(50, 20) } } << "more than 20 mm";
    QTest::newRow("scale 0.8") << Pairs { { QPointF(20, 20), QPointF(16, 16) }, { QPointF(190, 277), QPointF(152, 221.6) } }
                               << "scale";
    QTest::newRow("mirrored") << Pairs { { QPointF(20, 20), QPointF(190, 277) }, { QPointF(190, 277), QPointF(20, 20) } }
                              << "contradict";
}

void TestCalibration::refusesBadMeasurements()
{
    QFETCH(Pairs, pairs);
    QFETCH(QString, words);
    QString error;
    QVERIFY(!Calibration::fromMeasurements(pairs, {}, &error));
    QVERIFY2(error.contains(words), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestCalibration)
#include "TestCalibration.moc"
