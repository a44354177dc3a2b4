#include "core/CertificatePayload.h"
#include "core/Identifiers.h"
#include "print/AlignmentPage.h"
#include "print/CertificateRenderer.h"
#include "print/CertificateScanner.h"
#include "print/QrCode.h"

#include <QFile>
#include <QFileInfo>
#include <QPainter>
#include <QPrinter>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;
using namespace oneseal::print;

class TestCertificateRenderer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pdfShowsTheFields_data();
    void pdfShowsTheFields();
    void imageQrVerifies_data();
    void imageQrVerifies();
    void pdfQrVerifies();
    void preprintedStockHasNoBackground_data();
    void preprintedStockHasNoBackground();
    void previewShowsThePaper();
    void calibrationMovesAField_data();
    void calibrationMovesAField();
    void longTextShrinksAndWraps();
    void validateNamesEveryProblem();
    void batchIsOnePdf();
    void printsThroughQPrinter();
    void alignmentCrossesAreWhereTheySay_data();
    void alignmentCrossesAreWhereTheySay();
    void alignmentCalibratesAPrinter();

private:
    CertificateDocument document(const QString& templateId, const QString& serial = QStringLiteral("000123")) const;

    core::SealKey m_key;
    QTemporaryDir m_dir;
};

namespace {

constexpr double kGoldenToleranceMm = 0.3;

QString creditCode(const QString& first17)
{
    return first17 + core::creditCodeCheckChar(first17);
}

/** A licence identifier that passes GB/T 36904 (built with the check functions of core). */
QString licenceIdentifier(const QString& serial)
{
    const QString type = creditCode(QStringLiteral("11100000000013338")) + QStringLiteral("011");
    const QString issuer = creditCode(QStringLiteral("11140800MB1960418"));
    const QString version = QStringLiteral("001");
    const QChar check = core::iso7064Mod37_36(type + issuer + serial + version);
    return QStringLiteral("1.2.156.3005.2.%1.%2.%3.%4.%5").arg(type, issuer, serial, version, check);
}

QString runTool(const QString& tool, const QStringList& arguments)
{
    const QString exe = QStandardPaths::findExecutable(tool);
    if (exe.isEmpty())
        return QStringLiteral("<%1 (poppler-utils) is not installed>").arg(tool);
    QProcess process;
    process.start(exe, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return QStringLiteral("<%1 failed: %2>").arg(tool, QString::fromUtf8(process.readAllStandardError()));
    return QString::fromUtf8(process.readAllStandardOutput());
}

QString squeeze(const QString& s)
{
    return QString(s).remove(QRegularExpression(QStringLiteral("\\s")));
}

/** Copies @p path into $ONESEAL_TEST_OUTPUT_DIR when it is set, to look at the output by eye. */
void keepOutput(const QString& path)
{
    const QString dir = qEnvironmentVariable("ONESEAL_TEST_OUTPUT_DIR");
    if (dir.isEmpty())
        return;
    const QString target = dir + QLatin1Char('/') + QFileInfo(path).fileName();
    QFile::remove(target);
    QFile::copy(path, target);
}

bool isInk(QRgb pixel)
{
    return qGray(pixel) < 200;
}

/** The bounding box of the ink in @p image, in millimetres. */
QRectF inkBoxMm(const QImage& image, double dpi)
{
    int left = image.width(), top = image.height(), right = -1, bottom = -1;
    for (int y = 0; y < image.height(); ++y) {
        const QRgb* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            if (!isInk(line[x]))
                continue;
            left = qMin(left, x);
            right = qMax(right, x);
            top = qMin(top, y);
            bottom = qMax(bottom, y);
        }
    }
    if (right < 0)
        return {};
    const double mmPerPx = 25.4 / dpi;
    return QRectF(QPointF(left * mmPerPx, top * mmPerPx), QPointF((right + 1) * mmPerPx, (bottom + 1) * mmPerPx));
}

/** Ink pixels in @p rectMm. */
int inkIn(const QImage& image, const QRectF& rectMm, double dpi)
{
    const double pxPerMm = dpi / 25.4;
    const QRect r = QRectF(rectMm.topLeft() * pxPerMm, rectMm.bottomRight() * pxPerMm).toAlignedRect() & image.rect();
    int count = 0;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            if (qGray(image.pixel(x, y)) < 235)
                ++count;
    return count;
}

/**
 * The centre of the cross near @p expectedMm: the mean row of the horizontal arm and the mean column of
 * the vertical arm, found as the rows and columns that are dark across most of a ±5 mm window.
 */
std::optional<QPointF> findCross(const QImage& image, const QPointF& expectedMm, double dpi)
{
    const double pxPerMm = dpi / 25.4;
    const QRect window = QRectF(QPointF(expectedMm.x() - 5, expectedMm.y() - 5) * pxPerMm,
                                QPointF(expectedMm.x() + 5, expectedMm.y() + 5) * pxPerMm)
                             .toAlignedRect()
        & image.rect();
    double rowSum = 0, rowWeight = 0, columnSum = 0, columnWeight = 0;
    for (int y = window.top(); y <= window.bottom(); ++y) {
        int dark = 0;
        for (int x = window.left(); x <= window.right(); ++x)
            dark += qGray(image.pixel(x, y)) < 128;
        if (dark > window.width() / 2) {
            rowSum += (y + 0.5) * dark;
            rowWeight += dark;
        }
    }
    for (int x = window.left(); x <= window.right(); ++x) {
        int dark = 0;
        for (int y = window.top(); y <= window.bottom(); ++y)
            dark += qGray(image.pixel(x, y)) < 128;
        if (dark > window.height() / 2) {
            columnSum += (x + 0.5) * dark;
            columnWeight += dark;
        }
    }
    if (rowWeight == 0 || columnWeight == 0)
        return std::nullopt;
    return QPointF(columnSum / columnWeight / pxPerMm, rowSum / rowWeight / pxPerMm);
}

QString describe(const QPointF& p)
{
    return QStringLiteral("(%1, %2)").arg(p.x(), 0, 'f', 3).arg(p.y(), 0, 'f', 3);
}

} // namespace

void TestCertificateRenderer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_key = core::SealKey::generate();
    QVERIFY(m_key.hasPrivateKey());
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty(),
             "pdftotext (poppler-utils) is needed to read the PDFs back");
    QCOMPARE(CertificateTemplate::builtIn().size(), 3);
}

CertificateDocument TestCertificateRenderer::document(const QString& templateId, const QString& serial) const
{
    CertificateDocument doc;
    QMap<QString, QString>& f = doc.fields;
    const QString bureau = QStringLiteral("运城市行政审批服务管理局");
    const QString holder = QStringLiteral("运城市晋南味道餐饮有限公司");
    const QString holderId = creditCode(QStringLiteral("91140802MA0K8Q2X3"));
    f.insert(QStringLiteral("issueDate"), CertificateRenderer::documentDate(QDate(2026, 11, 26)));
    if (templateId == QLatin1String("administrative-licence")) {
        f.insert(QStringLiteral("serial"), QStringLiteral("运审许证〔2026〕%1号").arg(serial));
        f.insert(QStringLiteral("licenceId"), licenceIdentifier(QStringLiteral("20261126") + serial));
        f.insert(QStringLiteral("holderName"), holder);
        f.insert(QStringLiteral("holderId"), holderId);
        f.insert(QStringLiteral("legalRepresentative"), QStringLiteral("王建国"));
        f.insert(QStringLiteral("address"), QStringLiteral("山西省运城市盐湖区河东东街 88 号"));
        f.insert(QStringLiteral("matterName"), QStringLiteral("公共场所卫生许可"));
        f.insert(QStringLiteral("scope"), QStringLiteral("餐饮服务场所（含宴会厅）卫生许可，营业面积 860 平方米，"
                                                         "从业人员 42 人，许可项目：餐厅、宴会厅、茶座。"));
        f.insert(QStringLiteral("validity"), QStringLiteral("2026年11月26日至2030年11月25日"));
        f.insert(QStringLiteral("issuer"), bureau);
    } else if (templateId == QLatin1String("food-business-licence")) {
        f.insert(QStringLiteral("serial"), QStringLiteral("JY11408020%1").arg(serial));
        f.insert(QStringLiteral("holderName"), holder);
        f.insert(QStringLiteral("holderId"), holderId);
        f.insert(QStringLiteral("legalRepresentative"), QStringLiteral("王建国"));
        f.insert(QStringLiteral("address"), QStringLiteral("山西省运城市盐湖区河东东街 88 号"));
        f.insert(QStringLiteral("premises"), QStringLiteral("山西省运城市盐湖区河东东街 88 号一至二层"));
        f.insert(QStringLiteral("businessType"), QStringLiteral("餐饮服务经营者（大型餐馆）"));
        f.insert(QStringLiteral("scope"), QStringLiteral("热食类食品制售；冷食类食品制售（含烧卤熟肉）；"
                                                         "自制饮品制售（不含自酿酒）；预包装食品（含冷藏冷冻食品）销售。"));
        f.insert(QStringLiteral("supervisoryBody"), QStringLiteral("运城市盐湖区市场监督管理局"));
        f.insert(QStringLiteral("supervisoryStaff"), QStringLiteral("刘洋、陈静"));
        f.insert(QStringLiteral("validUntil"), CertificateRenderer::documentDate(QDate(2031, 11, 25)));
        f.insert(QStringLiteral("issuer"), bureau);
        f.insert(QStringLiteral("signer"), QStringLiteral("杨审批"));
    } else {
        f.insert(QStringLiteral("serial"), QStringLiteral("运审批许〔2026〕%1号").arg(serial));
        f.insert(QStringLiteral("issuer"), bureau);
        f.insert(QStringLiteral("addressee"), holder + QStringLiteral("："));
        f.insert(QStringLiteral("body"),
                 QStringLiteral("你单位于2026年11月20日提出的户外广告设施设置许可申请，经审查，申请材料齐全、符合法定形式，"
                                "符合《中华人民共和国行政许可法》第三十八条第一款和《运城市户外广告设施设置管理办法》"
                                "的规定，决定准予行政许可。\n许可内容：在运城市盐湖区河东东街 88 号临街外墙设置单面招牌"
                                "一块，规格 12 米 × 1.5 米。\n有效期：2026年11月26日至2029年11月25日。\n"
                                "如不服本决定，可以在收到本决定书之日起六十日内向运城市人民政府申请行政复议，"
                                "或者在六个月内向运城市盐湖区人民法院提起行政诉讼。"));
        f.insert(QStringLiteral("signer"), bureau);
    }
    doc.sealBureau = bureau;

    core::CertificatePayload payload;
    payload.serial = f.value(QStringLiteral("serial"));
    payload.matterCode = QStringLiteral("11140800MB1960418H4000117003001");
    payload.holderName = holder;
    payload.holderId = holderId;
    payload.issued = QDate(2026, 11, 26);
    payload.validUntil = QDate(2031, 11, 25);
    payload.documentHash = core::CertificatePayload::hashDocument(core::CertificatePayload::contentBytes(templateId, f));
    QString error;
    doc.qrText = core::CertificatePayload::encode(payload, m_key, &error);
    if (doc.qrText.isEmpty())
        qWarning("%s", qPrintable(error));
    return doc;
}

void TestCertificateRenderer::pdfShowsTheFields_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("title");
    QTest::newRow("行政许可证") << "administrative-licence" << "行政许可证";
    QTest::newRow("食品经营许可证") << "food-business-licence" << "食品经营许可证";
    QTest::newRow("准予行政许可决定书") << "licence-decision" << "准予行政许可决定书";
}

void TestCertificateRenderer::pdfShowsTheFields()
{
    QFETCH(QString, id);
    QFETCH(QString, title);
    const CertificateRenderer renderer(*CertificateTemplate::builtIn(id));
    const CertificateDocument doc = document(id);
    QString error;
    QVERIFY2(renderer.validate(doc, &error), qPrintable(error));

    const QString plain = m_dir.filePath(id + QStringLiteral(".pdf"));
    QVERIFY2(renderer.toPdf({ doc }, plain, PrintMode::PlainPaper, {}, &error), qPrintable(error));
    keepOutput(plain);
    const QString text = squeeze(runTool(QStringLiteral("pdftotext"), { plain, QStringLiteral("-") }));
    for (auto it = doc.fields.cbegin(); it != doc.fields.cend(); ++it)
        QVERIFY2(text.contains(squeeze(it.value())), qPrintable(it.key() + QStringLiteral(": ") + it.value()));
    // Titles are letter-spaced: read in layout order, where a line's characters stay together.
    const QString layout = squeeze(runTool(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), plain, QStringLiteral("-") }));
    QVERIFY2(layout.contains(title), qPrintable(layout));

    // The sheet is the template's paper, the right way round.
    const QString info = runTool(QStringLiteral("pdfinfo"), { plain });
    const QSizeF sheet = renderer.certificateTemplate().sheetMm();
    const QRegularExpression size(QStringLiteral("Page size:\\s+([\\d.]+) x ([\\d.]+) pts"));
    const auto match = size.match(info);
    QVERIFY2(match.hasMatch(), qPrintable(info));
    QVERIFY(qAbs(match.captured(1).toDouble() - sheet.width() / 25.4 * 72) < 1.0);
    QVERIFY(qAbs(match.captured(2).toDouble() - sheet.height() / 25.4 * 72) < 1.0);

    // On pre-printed stock the fields are printed, the printed title is not.
    const QString stock = m_dir.filePath(id + QStringLiteral("-stock.pdf"));
    QVERIFY2(renderer.toPdf({ doc }, stock, PrintMode::PreprintedStock, {}, &error), qPrintable(error));
    const QString stockText = squeeze(runTool(QStringLiteral("pdftotext"), { stock, QStringLiteral("-") }));
    QVERIFY(stockText.contains(squeeze(doc.fields.value(QStringLiteral("serial")))));
    if (renderer.certificateTemplate().field(QStringLiteral("holderName")))
        QVERIFY(stockText.contains(doc.fields.value(QStringLiteral("holderName"))));
    QVERIFY2(!stockText.contains(title), qPrintable(stockText));
}

void TestCertificateRenderer::imageQrVerifies_data()
{
    pdfShowsTheFields_data();
}

void TestCertificateRenderer::imageQrVerifies()
{
    QFETCH(QString, id);
    const CertificateRenderer renderer(*CertificateTemplate::builtIn(id));
    const CertificateDocument doc = document(id);
    const QImage image = renderer.toImage(doc, PrintMode::PlainPaper, 300);
    const QSizeF sheet = renderer.certificateTemplate().sheetMm();
    QCOMPARE(image.width(), qRound(sheet.width() / 25.4 * 300));
    const QString png = m_dir.filePath(id + QStringLiteral(".png"));
    QVERIFY(image.save(png));
    keepOutput(png);

    const QList<QByteArray> codes = QrCode::decode(image);
    QCOMPARE(codes.size(), 1);
    QCOMPARE(QString::fromLatin1(codes.first()), doc.qrText);
    const auto v = core::CertificatePayload::verify(QString::fromLatin1(codes.first()), { m_key }, QDate(2027, 3, 1));
    QVERIFY2(v.isValid(), qPrintable(v.reason));
    // The hash in the QR code is the hash of what is printed.
    QCOMPARE(v.decoded->payload.documentHash,
             core::CertificatePayload::hashDocument(core::CertificatePayload::contentBytes(id, doc.fields)));
    QCOMPARE(v.decoded->payload.serial, doc.fields.value(QStringLiteral("serial")));

    // The seal is there, red, where the template puts it.
    const double pxPerMm = 300 / 25.4;
    const QPointF centre = renderer.certificateTemplate().sealCentreMm();
    const double r = renderer.certificateTemplate().sealDiameterMm() / 2 - 0.3;
    const QRgb ring = image.pixel(qRound(centre.x() * pxPerMm), qRound((centre.y() - r) * pxPerMm));
    QVERIFY2(qRed(ring) > 150 && qGreen(ring) < 110, qPrintable(QString::number(ring, 16)));
}

void TestCertificateRenderer::pdfQrVerifies()
{
    const CertificateRenderer renderer(*CertificateTemplate::builtIn(QStringLiteral("food-business-licence")));
    const CertificateDocument doc = document(QStringLiteral("food-business-licence"));
    QString error;
    const QByteArray pdf = renderer.toPdfBytes({ doc }, PrintMode::PlainPaper, {}, &error);
    QVERIFY2(!pdf.isEmpty(), qPrintable(error));
    const QStringList found = CertificateScanner::scanPdf(pdf, &error);
    QCOMPARE(found, QStringList { doc.qrText });
    QVERIFY(core::CertificatePayload::verify(found.first(), { m_key }, QDate(2027, 3, 1)).isValid());
}

void TestCertificateRenderer::preprintedStockHasNoBackground_data()
{
    pdfShowsTheFields_data();
}

void TestCertificateRenderer::preprintedStockHasNoBackground()
{
    QFETCH(QString, id);
    const CertificateTemplate t = *CertificateTemplate::builtIn(id);
    const CertificateRenderer renderer(t);
    const CertificateDocument doc = document(id);
    const double dpi = 150;
    const QImage plain = renderer.toImage(doc, PrintMode::PlainPaper, int(dpi));
    const QImage stock = renderer.toImage(doc, PrintMode::PreprintedStock, int(dpi));

    // Every background shape that no field, seal or QR code overlaps: ink on plain paper, none on stock.
    int checked = 0;
    for (const CertificateTemplate::Shape& shape : t.background()) {
        QRectF area = shape.rectMm.normalized().adjusted(-0.2, -0.2, 0.2, 0.2);
        if (area.width() < 0.5 || area.height() < 0.5)
            area = area.adjusted(-0.3, -0.3, 0.3, 0.3); // a line
        bool overlapped = t.qrRectMm().intersects(area);
        const double r = t.sealDiameterMm() / 2;
        overlapped |= QRectF(t.sealCentreMm() - QPointF(r, r), QSizeF(2 * r, 2 * r)).intersects(area);
        for (const auto& field : t.fields())
            overlapped |= field.boxMm.intersects(area) && !doc.fields.value(field.key).isEmpty();
        if (overlapped || shape.kind == CertificateTemplate::Shape::Rect) // frames surround the fields
            continue;
        ++checked;
        QVERIFY2(inkIn(plain, area, dpi) > 0, qPrintable(QStringLiteral("shape at %1").arg(describe(area.topLeft()))));
        QCOMPARE(inkIn(stock, area, dpi), 0);
    }
    QVERIFY(checked >= 3);

    // The frame: a band along the first background rectangle's top edge.
    const CertificateTemplate::Shape frame = t.background().first();
    if (frame.kind == CertificateTemplate::Shape::Rect) {
        const QRectF band(frame.rectMm.left() + 25, frame.rectMm.top() - 1, frame.rectMm.width() - 50, 2);
        QVERIFY(inkIn(plain, band, dpi) > band.width() * dpi / 25.4);
        QCOMPARE(inkIn(stock, band, dpi), 0);
    }
    // Fields, seal and QR code are on both.
    QVERIFY(inkIn(stock, t.qrRectMm(), dpi) > 100);
    QVERIFY(inkIn(stock, t.field(QStringLiteral("serial"))->boxMm, dpi) > 20);
}

void TestCertificateRenderer::previewShowsThePaper()
{
    const CertificateTemplate t = *CertificateTemplate::builtIn(QStringLiteral("administrative-licence"));
    const CertificateRenderer renderer(t);
    QVERIFY(t.paperColor() != QColor(Qt::white));
    const CertificateDocument doc = document(t.id());
    const QImage preview = renderer.toImage(doc, PrintMode::Preview, 50);
    const QImage plain = renderer.toImage(doc, PrintMode::PlainPaper, 50);
    QCOMPARE(QColor(preview.pixel(3, 3)), t.paperColor());
    QCOMPARE(QColor(plain.pixel(3, 3)), QColor(Qt::white));
    // Otherwise the same drawing: the title is there in both.
    const QRectF title(120, 67, 180, 24);
    QVERIFY(inkIn(preview, title, 50) > 50);
    QVERIFY(inkIn(plain, title, 50) > 50);
}

void TestCertificateRenderer::calibrationMovesAField_data()
{
    QTest::addColumn<double>("dx");
    QTest::addColumn<double>("dy");
    QTest::addColumn<double>("scale");
    QTest::newRow("3.5 mm right, 2 mm up") << 3.5 << -2.0 << 1.0;
    QTest::newRow("1.2 mm left, 0.8 mm down") << -1.2 << 0.8 << 1.0;
    QTest::newRow("scale 0.98") << 0.0 << 0.0 << 0.98;
    QTest::newRow("scale 1.015 and offset") << 0.5 << 0.5 << 1.015;
}

void TestCertificateRenderer::calibrationMovesAField()
{
    QFETCH(double, dx);
    QFETCH(double, dy);
    QFETCH(double, scale);
    const CertificateRenderer renderer(*CertificateTemplate::builtIn(QStringLiteral("food-business-licence")));
    CertificateDocument doc; // one field only, so its ink is all there is
    doc.fields.insert(QStringLiteral("serial"), QStringLiteral("JY11408020000123"));
    const double dpi = 300;
    const QRectF before = inkBoxMm(renderer.toImage(doc, PrintMode::PreprintedStock, int(dpi)), dpi);
    const Calibration calibration { dx, dy, scale };
    const QRectF after = inkBoxMm(renderer.toImage(doc, PrintMode::PreprintedStock, int(dpi), calibration), dpi);
    QVERIFY(!before.isEmpty() && !after.isEmpty());
    const QPointF expected = calibration.map(before.topLeft());
    const QString context = QStringLiteral("before %1, after %2, expected %3")
                                .arg(describe(before.topLeft()), describe(after.topLeft()), describe(expected));
    QVERIFY2(qAbs(after.left() - expected.x()) <= kGoldenToleranceMm, qPrintable(context));
    QVERIFY2(qAbs(after.top() - expected.y()) <= kGoldenToleranceMm, qPrintable(context));
    QVERIFY2(qAbs(after.width() - before.width() * scale) <= kGoldenToleranceMm, qPrintable(context));
    // The field's box in the template is where the text went without calibration (give or take the
    // side bearing of the first glyph, "J" reaches 0.4 mm left of its origin).
    const QRectF box = renderer.certificateTemplate().field(QStringLiteral("serial"))->boxMm;
    QVERIFY2(box.adjusted(-0.6, -0.3, 0.3, 0.3).contains(before), qPrintable(describe(before.topLeft())));
}

void TestCertificateRenderer::longTextShrinksAndWraps()
{
    const CertificateRenderer renderer(*CertificateTemplate::builtIn(QStringLiteral("food-business-licence")));
    const CertificateTemplate::Field* address = renderer.certificateTemplate().field(QStringLiteral("address"));
    QVERIFY(address);
    CertificateDocument doc;
    doc.fields.insert(QStringLiteral("address"), QStringLiteral("山西省运城市盐湖区河东街道办事处河东东街与机场路交叉口东南角"
                                                                "锦绣华庭小区 12 号楼 1 单元 101 室"));
    QString error;
    const double dpi = 300;
    const QRectF ink = inkBoxMm(renderer.toImage(doc, PrintMode::PreprintedStock, int(dpi)), dpi);
    QVERIFY2(address->boxMm.adjusted(-0.2, -0.2, 0.2, 0.2).contains(ink), qPrintable(describe(ink.bottomRight())));
    QVERIFY(ink.width() > address->boxMm.width() * 0.9); // shrunk to fit, not cut short

    // The scope wraps inside its box.
    const CertificateTemplate::Field* scope = renderer.certificateTemplate().field(QStringLiteral("scope"));
    doc.fields.clear();
    doc.fields.insert(QStringLiteral("scope"), QString(QStringLiteral("热食类食品制售；冷食类食品制售；")).repeated(6));
    const QRectF wrapped = inkBoxMm(renderer.toImage(doc, PrintMode::PreprintedStock, int(dpi)), dpi);
    QVERIFY(scope->boxMm.adjusted(-0.2, -0.2, 0.2, 0.2).contains(wrapped));
    QVERIFY(wrapped.height() > 15); // several lines
}

void TestCertificateRenderer::validateNamesEveryProblem()
{
    const QString id = QStringLiteral("administrative-licence");
    const CertificateRenderer renderer(*CertificateTemplate::builtIn(id));
    CertificateDocument doc = document(id);
    doc.fields.remove(QStringLiteral("holderName"));
    QString licence = doc.fields.value(QStringLiteral("licenceId"));
    licence[licence.size() - 1] = licence.endsWith(QLatin1Char('0')) ? QLatin1Char('1') : QLatin1Char('0');
    doc.fields.insert(QStringLiteral("licenceId"), licence);
    doc.fields.insert(QStringLiteral("holderId"), QStringLiteral("91140802MA0K8Q2X3Z"));
    doc.fields.insert(QStringLiteral("scope"), QString(QStringLiteral("许可范围很长。")).repeated(200));
    QString error;
    QVERIFY(!renderer.validate(doc, &error));
    const QStringList problems = error.split(QLatin1Char('\n'));
    QCOMPARE(problems.size(), 4);
    QVERIFY2(problems[0].contains(QStringLiteral("电子证照标识 (licenceId)")), qPrintable(error));
    QVERIFY2(problems[1].contains(QStringLiteral("持证主体 (holderName) is empty")), qPrintable(error));
    QVERIFY2(problems[2].contains(QStringLiteral("证件号码 (holderId)")), qPrintable(error));
    QVERIFY2(problems[3].contains(QStringLiteral("许可范围 (scope) is too long")), qPrintable(error));

    // A batch with one bad certificate is refused whole and names it; no file is written.
    const QString path = m_dir.filePath(QStringLiteral("refused.pdf"));
    QVERIFY(!renderer.toPdf({ document(id, QStringLiteral("000001")), doc }, path, PrintMode::PlainPaper, {}, &error));
    QVERIFY2(error.startsWith(QStringLiteral("Certificate 2 of 2")), qPrintable(error));
    QVERIFY(!QFile::exists(path));
    QVERIFY(!renderer.toPdf({}, path, PrintMode::PlainPaper, {}, &error));
    QVERIFY(!error.isEmpty());

    // A QR payload too long for any QR code.
    CertificateDocument huge = document(id);
    huge.qrText = QString(5000, QLatin1Char('A'));
    QVERIFY(!renderer.validate(huge, &error));
    QVERIFY2(error.contains(QStringLiteral("too long")), qPrintable(error));
}

void TestCertificateRenderer::batchIsOnePdf()
{
    const QString id = QStringLiteral("food-business-licence");
    const CertificateRenderer renderer(*CertificateTemplate::builtIn(id));
    QList<CertificateDocument> batch;
    for (int i = 1; i <= 5; ++i)
        batch.append(document(id, QStringLiteral("00000%1").arg(i)));
    const QString path = m_dir.filePath(QStringLiteral("batch.pdf"));
    QString error;
    QVERIFY2(renderer.toPdf(batch, path, PrintMode::PreprintedStock, {}, &error), qPrintable(error));
    QVERIFY(runTool(QStringLiteral("pdfinfo"), { path }).contains(QRegularExpression(QStringLiteral("Pages:\\s+5\\n"))));
    for (int page = 1; page <= 5; ++page) {
        const QString text = runTool(QStringLiteral("pdftotext"), { QStringLiteral("-f"), QString::number(page),
                                                                    QStringLiteral("-l"), QString::number(page), path,
                                                                    QStringLiteral("-") });
        QVERIFY2(squeeze(text).contains(QStringLiteral("JY1140802000000%1").arg(page)), qPrintable(text));
    }
}

void TestCertificateRenderer::printsThroughQPrinter()
{
    const QString id = QStringLiteral("licence-decision");
    const CertificateRenderer renderer(*CertificateTemplate::builtIn(id));
    const CertificateDocument doc = document(id);
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    const QString path = m_dir.filePath(QStringLiteral("printed.pdf"));
    printer.setOutputFileName(path);
    QString error;
    QVERIFY2(renderer.print(printer, { doc, doc }, PrintMode::PlainPaper, {}, &error), qPrintable(error));
    const QString text = squeeze(runTool(QStringLiteral("pdftotext"), { path, QStringLiteral("-") }));
    QVERIFY2(text.contains(squeeze(doc.fields.value(QStringLiteral("serial")))), qPrintable(text));
    QVERIFY(runTool(QStringLiteral("pdfinfo"), { path }).contains(QRegularExpression(QStringLiteral("Pages:\\s+2\\n"))));
}

void TestCertificateRenderer::alignmentCrossesAreWhereTheySay_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<double>("dx");
    QTest::addColumn<double>("dy");
    QTest::addColumn<double>("scale");
    for (const CertificateTemplate& t : CertificateTemplate::builtIn()) {
        QTest::newRow(qPrintable(t.id())) << t.id() << 0.0 << 0.0 << 1.0;
        QTest::newRow(qPrintable(t.id() + QStringLiteral(" calibrated"))) << t.id() << 2.0 << -1.5 << 0.99;
    }
}

void TestCertificateRenderer::alignmentCrossesAreWhereTheySay()
{
    QFETCH(QString, id);
    QFETCH(double, dx);
    QFETCH(double, dy);
    QFETCH(double, scale);
    const AlignmentPage page(*CertificateTemplate::builtIn(id));
    const Calibration calibration { dx, dy, scale };
    const double dpi = 300;
    const QImage image = page.toImage(int(dpi), calibration);
    if (calibration.isIdentity()) {
        const QString png = m_dir.filePath(QStringLiteral("alignment-%1.png").arg(id));
        QVERIFY(image.save(png));
        keepOutput(png);
    }
    const QList<AlignmentPage::Cross> crosses = page.crosses();
    QCOMPARE(crosses.size(), 5);
    QCOMPARE(crosses.first().mm, QPointF(20, 20));
    for (const AlignmentPage::Cross& cross : crosses) {
        const QPointF expected = calibration.map(cross.mm);
        const auto found = findCross(image, expected, dpi);
        QVERIFY2(found, qPrintable(cross.name));
        const QString context = QStringLiteral("cross %1: expected %2, found %3")
                                    .arg(cross.name, describe(expected), describe(*found));
        QVERIFY2(QLineF(*found, expected).length() <= kGoldenToleranceMm, qPrintable(context));
    }
}

void TestCertificateRenderer::alignmentCalibratesAPrinter()
{
    // A printer that prints 1.6 mm too far right, 0.9 mm too high and 0.7 % small.
    const Calibration printerError { 1.6, -0.9, 0.993 };
    auto printedWith = [&](const Calibration& correction) {
        // What lands on paper: the printer's error applied after our correction.
        return Calibration { printerError.scale * correction.dxMm + printerError.dxMm,
                             printerError.scale * correction.dyMm + printerError.dyMm,
                             printerError.scale * correction.scale };
    };
    const AlignmentPage page(*CertificateTemplate::builtIn(QStringLiteral("food-business-licence")));
    const double dpi = 300;

    // 1. Print the page uncorrected and measure the crosses A and D.
    QImage paper = page.toImage(int(dpi), printedWith({}));
    QList<QPair<QPointF, QPointF>> measured;
    for (const AlignmentPage::Cross& cross : page.crosses()) {
        if (cross.name != QLatin1String("A") && cross.name != QLatin1String("D"))
            continue;
        const auto found = findCross(paper, cross.mm, dpi);
        QVERIFY(found);
        measured.append({ cross.mm, *found });
    }
    QString error;
    const auto correction = Calibration::fromMeasurements(measured, {}, &error);
    QVERIFY2(correction, qPrintable(error));

    // 2. Print again with the correction: every cross is where it should be.
    paper = page.toImage(int(dpi), printedWith(*correction));
    for (const AlignmentPage::Cross& cross : page.crosses()) {
        const auto found = findCross(paper, cross.mm, dpi);
        QVERIFY(found);
        QVERIFY2(QLineF(*found, cross.mm).length() <= kGoldenToleranceMm,
                 qPrintable(QStringLiteral("cross %1 at %2").arg(cross.name, describe(*found))));
    }

    // 3. Measuring that second page refines the correction instead of starting again.
    measured.clear();
    for (const AlignmentPage::Cross& cross : page.crosses())
        measured.append({ cross.mm, *findCross(paper, cross.mm, dpi) });
    const auto refined = Calibration::fromMeasurements(measured, *correction, &error);
    QVERIFY2(refined, qPrintable(error));
    QVERIFY(qAbs(refined->dxMm - correction->dxMm) < 0.1);
    QVERIFY(qAbs(refined->scale - correction->scale) < 0.001);
}

QTEST_MAIN(TestCertificateRenderer)
#include "TestCertificateRenderer.moc"
