#include "print/DocumentRenderer.h"
#include "print/QrCode.h"
#include "print/SealPainter.h"

#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPainter>
#include <QPrinter>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal::print;

namespace {

NoticeDocument acceptanceNotice()
{
    NoticeDocument doc;
    doc.title = QStringLiteral("受理通知书");
    doc.documentNumber = QStringLiteral("运审受〔2026〕第 000123 号");
    doc.addressee = QStringLiteral("山西晋南食品有限公司");
    doc.paragraphs
        = { QStringLiteral("你单位于2026年11月26日提交的食品经营许可（新办）申请，经审查，申请材料齐全、符合法定形式，"
                           "根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理。") };
    doc.fields = {
        { QStringLiteral("受理编号"), QStringLiteral("YS-2026-000123") },
        { QStringLiteral("事项名称"), QStringLiteral("食品经营许可（新办）") },
        { QStringLiteral("受理时间"), QStringLiteral("2026年11月26日 10:32") },
        { QStringLiteral("受理人"), QStringLiteral("李晓红") },
        { QStringLiteral("联系电话"), QStringLiteral("0359-2345678") },
        { QStringLiteral("承诺办结日期"), QStringLiteral("2026年12月10日") },
    };
    doc.listTitle = QStringLiteral("已收取的材料");
    doc.numberedItems = {
        { QStringLiteral("食品经营许可申请书"), QStringLiteral("原件 1 份") },
        { QStringLiteral("营业执照复印件"), QStringLiteral("加盖公章") },
    };
    doc.closingParagraphs
        = { QStringLiteral("如对本决定不服，可在收到本通知书之日起六十日内申请行政复议，或者六个月内提起行政诉讼。") };
    doc.issuer = QStringLiteral("运城市行政审批服务局");
    doc.date = QDate(2026, 11, 26);
    doc.withSeal = true;
    doc.sealBureau = QStringLiteral("运城市行政审批服务局");
    doc.qrPayload = QByteArray("YS-2026-000123");
    doc.signatureLines = { QStringLiteral("申请人（签字）："), QStringLiteral("受理人（签字）：") };
    return doc;
}

NoticeDocument longNotice(int items)
{
    NoticeDocument doc = acceptanceNotice();
    doc.title = QStringLiteral("一次性告知书");
    doc.listTitle = QStringLiteral("需补正的材料");
    doc.numberedItems.clear();
    for (int i = 1; i <= items; ++i)
        doc.numberedItems.append({ QStringLiteral("补正材料%1").arg(i), QStringLiteral("缺少签字页第%1处").arg(i) });
    return doc;
}

/** Runs a poppler tool and returns its standard output. */
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

/** The text of a PDF, without any white space (pdftotext may space CJK glyphs apart). */
QString pdfText(const QString& path, QString* layout = nullptr)
{
    const QString text = runTool(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), path, QStringLiteral("-") });
    if (layout)
        *layout = text;
    return QString(text).remove(QRegularExpression(QStringLiteral("\\s")));
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

bool isRed(QRgb pixel)
{
    return qRed(pixel) > 150 && qGreen(pixel) < 110 && qBlue(pixel) < 110;
}

/** The red pixels of @p image: count and bounding box. */
QPair<int, QRect> redPixels(const QImage& image)
{
    int count = 0;
    QRect box;
    for (int y = 0; y < image.height(); ++y) {
        const QRgb* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            if (isRed(line[x])) {
                ++count;
                box |= QRect(x, y, 1, 1);
            }
        }
    }
    return { count, box };
}

void checkAcceptanceText(const QString& text, const NoticeDocument& doc)
{
    QVERIFY2(text.contains(doc.title), qPrintable(text));
    QVERIFY(text.contains(squeeze(doc.documentNumber)));
    QVERIFY(text.contains(doc.addressee + QStringLiteral("：")));
    for (const auto& field : doc.fields) {
        QVERIFY2(text.contains(squeeze(field.first)), qPrintable(field.first));
        QVERIFY2(text.contains(squeeze(field.second)), qPrintable(field.second));
    }
    QVERIFY(text.contains(doc.listTitle));
    QVERIFY(text.contains(QStringLiteral("1.食品经营许可申请书—原件1份")));
    QVERIFY(text.contains(QStringLiteral("2.营业执照复印件—加盖公章")));
    QVERIFY(text.contains(QStringLiteral("申请人（签字）：")));
    QVERIFY(text.contains(QStringLiteral("受理人（签字）：")));
    QVERIFY(text.contains(doc.issuer));
    QVERIFY(text.contains(QStringLiteral("2026年11月26日")));
    QVERIFY(text.contains(QStringLiteral("六十日内申请行政复议")));
    QVERIFY(!text.contains(QStringLiteral("第1页"))); // one page: no page numbers
}

} // namespace

class TestDocumentRenderer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pdfHasTheText();
    void imageCarriesTheQrCode_data();
    void imageCarriesTheQrCode();
    void longListPaginates();
    void sealOnlyWhenAsked();
    void printerOutputMatchesPdf();
    void badInputIsRefused();
    void minimalDocument();
    void oversizedContentStaysOnThePage();

private:
    QTemporaryDir m_dir;
};

void TestDocumentRenderer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty(),
             "pdftotext (poppler-utils) is needed to read the PDFs back");
}

void TestDocumentRenderer::pdfHasTheText()
{
    const NoticeDocument doc = acceptanceNotice();
    const DocumentRenderer renderer;
    QCOMPARE(renderer.pageCount(doc), 1);
    const QString path = m_dir.filePath(QStringLiteral("acceptance.pdf"));
    QString error;
    QVERIFY2(renderer.toPdf(doc, path, &error), qPrintable(error));
    QString layout;
    const QString text = pdfText(path, &layout);
    checkAcceptanceText(text, doc);
    if (QTest::currentTestFailed())
        return;

    // The document number is on the right, the title centred, the label left of its value on one line.
    const QStringList lines = layout.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        if (line.contains(QStringLiteral("受理编号")))
            QVERIFY(line.indexOf(QStringLiteral("受理编号")) < line.indexOf(QStringLiteral("YS-2026-000123")));
        if (line.contains(QStringLiteral("运审受")))
            QVERIFY2(line.indexOf(QStringLiteral("运审受")) > 30, qPrintable(line));
    }

    const QString info = runTool(QStringLiteral("pdfinfo"), { path });
    QVERIFY2(info.contains(QRegularExpression(QStringLiteral("Title:\\s+受理通知书"))), qPrintable(info));
    QVERIFY2(info.contains(QRegularExpression(QStringLiteral("Page size:\\s+595(\\.\\d+)? x 84[12]"))),
             qPrintable(info));
    QVERIFY(info.contains(QRegularExpression(QStringLiteral("Pages:\\s+1\\n"))));
    const QString fonts = runTool(QStringLiteral("pdffonts"), { path });
    QVERIFY2(fonts.contains(QStringLiteral("WenQuanYi")) || fonts.contains(QStringLiteral("CJK")), qPrintable(fonts));

    keepOutput(path);
}

void TestDocumentRenderer::imageCarriesTheQrCode_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("case number") << QByteArray("YS-2026-000123");
    // The size of a signed certificate payload: number, matter, holder, dates, hash, key id, signature.
    QByteArray signedPayload = "OS1.YS-2026-000123.11140800MB1234567X.20261126.20311125.";
    for (int i = 0; i < 150; ++i)
        signedPayload.append(char('A' + (i * 7) % 26));
    QTest::newRow("signed payload") << signedPayload;
}

void TestDocumentRenderer::imageCarriesTheQrCode()
{
    QFETCH(QByteArray, payload);
    NoticeDocument doc = acceptanceNotice();
    doc.qrPayload = payload;
    const DocumentRenderer renderer;
    const QImage image = renderer.toImage(doc, 0, 150);
    QCOMPARE(image.size(), QSize(1240, 1754)); // A4 at 150 dpi
    QCOMPARE(QColor(image.pixel(5, 5)), QColor(Qt::white));
    const QList<QByteArray> found = QrCode::decode(image);
    QCOMPARE(found, QList<QByteArray> { payload });

    // The QR code is bottom left, inside the margins, 25 mm wide: no dark pixel in the left margin.
    const double pxPerMm = 150 / 25.4;
    int dark = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < int(19.5 * pxPerMm); ++x)
            dark += qGray(image.pixel(x, y)) < 128 ? 1 : 0;
    QCOMPARE(dark, 0);
}

void TestDocumentRenderer::longListPaginates()
{
    const NoticeDocument doc = longNotice(60);
    const DocumentRenderer renderer;
    const int pages = renderer.pageCount(doc);
    QVERIFY2(pages >= 2, qPrintable(QString::number(pages)));
    const QString path = m_dir.filePath(QStringLiteral("long.pdf"));
    QString error;
    QVERIFY2(renderer.toPdf(doc, path, &error), qPrintable(error));

    const QString info = runTool(QStringLiteral("pdfinfo"), { path });
    QVERIFY2(info.contains(QRegularExpression(QStringLiteral("Pages:\\s+%1\\n").arg(pages))), qPrintable(info));
    keepOutput(path);
    for (int page = 1; page <= pages; ++page) {
        const QString text
            = squeeze(runTool(QStringLiteral("pdftotext"),
                              { QStringLiteral("-layout"), QStringLiteral("-f"), QString::number(page),
                                QStringLiteral("-l"), QString::number(page), path, QStringLiteral("-") }));
        QVERIFY2(text.contains(QStringLiteral("第%1页共%2页").arg(page).arg(pages)), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("运审受〔2026〕第000123号"))); // repeated on every page
    }
    const QString all = pdfText(path);
    for (int i = 1; i <= 60; ++i)
        QVERIFY2(all.contains(QStringLiteral("%1.补正材料%1—缺少签字页第%1处").arg(i)), qPrintable(QString::number(i)));
    QCOMPARE(all.count(doc.issuer), 1);

    // The issuer, date and seal end the last page, not the first.
    const auto firstPage = redPixels(renderer.toImage(doc, 0, 60));
    const auto lastPage = redPixels(renderer.toImage(doc, pages - 1, 60));
    QCOMPARE(firstPage.first, 0);
    QVERIFY(lastPage.first > 500);
    QVERIFY(renderer.toImage(doc, pages, 60).isNull());

    // render() reports the page count and draws nothing for a page that does not exist.
    QImage blank(100, 100, QImage::Format_RGB32);
    blank.fill(Qt::white);
    QPainter p(&blank);
    QCOMPARE(renderer.render(p, QRectF(0, 0, 210, 297), doc, pages + 3), pages);
    p.end();
    QCOMPARE(redPixels(blank).first, 0);
    QCOMPARE(blank.pixel(50, 50), QColor(Qt::white).rgb());
}

void TestDocumentRenderer::sealOnlyWhenAsked()
{
    const DocumentRenderer renderer;
    NoticeDocument doc = acceptanceNotice();
    const double pxPerMm = 150 / 25.4;

    const auto withSeal = redPixels(renderer.toImage(doc, 0, 150));
    // A 42 mm ring 1.2 mm wide alone is π (21² − 19.8²) ≈ 154 mm².
    QVERIFY2(withSeal.first > 154 * pxPerMm * pxPerMm, qPrintable(QString::number(withSeal.first)));
    const QRect box = withSeal.second;
    QVERIFY2(qAbs(box.width() / pxPerMm - 42) < 1 && qAbs(box.height() / pxPerMm - 42) < 1,
             qPrintable(QStringLiteral("%1 x %2").arg(box.width()).arg(box.height())));
    // Over the issuer, bottom right: the seal lies in the right half, below the middle of the page.
    QVERIFY2(box.left() > 105 * pxPerMm, qPrintable(QString::number(box.left() / pxPerMm)));
    QVERIFY2(box.top() > 148 * pxPerMm, qPrintable(QString::number(box.top() / pxPerMm)));
    QVERIFY(box.right() < 200 * pxPerMm);

    // The issuer's text is under the seal: dark pixels inside the seal's box.
    const QImage image = renderer.toImage(doc, 0, 150);
    int dark = 0;
    for (int y = box.top(); y <= box.bottom(); ++y)
        for (int x = box.left(); x <= box.right(); ++x)
            dark += qGray(image.pixel(x, y)) < 60 ? 1 : 0;
    QVERIFY2(dark > 200, qPrintable(QString::number(dark)));

    doc.withSeal = false;
    QCOMPARE(redPixels(renderer.toImage(doc, 0, 150)).first, 0);

    // Without a seal bureau the seal carries the issuer's name; with neither it is still drawn.
    doc.withSeal = true;
    doc.sealBureau.clear();
    doc.issuer.clear();
    QVERIFY(redPixels(renderer.toImage(doc, 0, 60)).first > 100);
}

void TestDocumentRenderer::printerOutputMatchesPdf()
{
    const NoticeDocument doc = acceptanceNotice();
    const DocumentRenderer renderer;
    const QString path = m_dir.filePath(QStringLiteral("printed.pdf"));
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setPageSize(QPageSize(QPageSize::Letter)); // the renderer's A4 wins
    QString error;
    QVERIFY2(renderer.print(printer, doc, &error), qPrintable(error));
    checkAcceptanceText(pdfText(path), doc);
    const QString info = runTool(QStringLiteral("pdfinfo"), { path });
    QVERIFY2(info.contains(QRegularExpression(QStringLiteral("Page size:\\s+595(\\.\\d+)? x 84[12]"))),
             qPrintable(info));

    // A page range: page 2 only of a long notice.
    const NoticeDocument longDoc = longNotice(60);
    const QString rangePath = m_dir.filePath(QStringLiteral("range.pdf"));
    QPrinter rangePrinter(QPrinter::HighResolution);
    rangePrinter.setOutputFormat(QPrinter::PdfFormat);
    rangePrinter.setOutputFileName(rangePath);
    rangePrinter.setPrintRange(QPrinter::PageRange);
    rangePrinter.setFromTo(2, 2);
    QVERIFY2(renderer.print(rangePrinter, longDoc, &error), qPrintable(error));
    const QString rangeText = pdfText(rangePath);
    QVERIFY(rangeText.contains(QStringLiteral("第2页共%1页").arg(renderer.pageCount(longDoc))));
    QVERIFY(!rangeText.contains(QStringLiteral("第1页")));

    // An output file that cannot be written is reported.
    QPrinter badPrinter(QPrinter::HighResolution);
    badPrinter.setOutputFormat(QPrinter::PdfFormat);
    badPrinter.setOutputFileName(QStringLiteral("/nonexistent-dir/x/out.pdf"));
    error.clear();
    QVERIFY(!renderer.print(badPrinter, doc, &error));
    QVERIFY2(error.contains(QStringLiteral("/nonexistent-dir/x/out.pdf")), qPrintable(error));
}

void TestDocumentRenderer::badInputIsRefused()
{
    const DocumentRenderer renderer;
    NoticeDocument doc = acceptanceNotice();
    doc.qrPayload = QByteArray(4000, 'q');
    const QString path = m_dir.filePath(QStringLiteral("refused.pdf"));
    QString error;
    QVERIFY(!renderer.toPdf(doc, path, &error));
    QVERIFY2(error.contains(QStringLiteral("too long")), qPrintable(error));
    QVERIFY(!QFile::exists(path));
    QVERIFY(!DocumentRenderer::validate(doc, nullptr));
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    QVERIFY(!renderer.print(printer, doc, &error));
    QVERIFY(!QFile::exists(path));
    // The on-screen preview still shows the notice, with the reason in place of the QR code.
    const QImage preview = renderer.toImage(doc, 0, 100);
    QVERIFY(!preview.isNull());
    QVERIFY(QrCode::decode(preview).isEmpty());

    doc = acceptanceNotice();
    error.clear();
    QVERIFY(!renderer.toPdf(doc, QStringLiteral("/nonexistent-dir/x/notice.pdf"), &error));
    QVERIFY2(error.contains(QStringLiteral("/nonexistent-dir/x/notice.pdf")), qPrintable(error));

    // An existing file is replaced whole.
    QFile existing(path);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("old content");
    existing.close();
    QVERIFY2(renderer.toPdf(doc, path, &error), qPrintable(error));
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY(written.readAll().startsWith("%PDF-"));
}

void TestDocumentRenderer::minimalDocument()
{
    const DocumentRenderer renderer;
    NoticeDocument empty;
    QCOMPARE(renderer.pageCount(empty), 1);
    const QImage image = renderer.toImage(empty, 0, 50);
    QVERIFY(!image.isNull());
    int dark = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            dark += image.pixel(x, y) != QColor(Qt::white).rgb() ? 1 : 0;
    QCOMPARE(dark, 0);
    QVERIFY(renderer.toPdfBytes(empty).startsWith("%PDF-"));

    // A different paper and margins: A5 at 150 dpi is 874 x 1240 pixels.
    const DocumentRenderer a5(QPageSize(QPageSize::A5), QMarginsF(15, 15, 15, 15));
    QCOMPARE(a5.toImage(acceptanceNotice(), 0, 150).size(), QSize(874, 1240));
    QVERIFY(a5.pageCount(acceptanceNotice()) >= 1);
    QVERIFY(a5.pageCount(longNotice(60)) > renderer.pageCount(longNotice(60)));
}

void TestDocumentRenderer::oversizedContentStaysOnThePage()
{
    NoticeDocument doc = acceptanceNotice();
    doc.title = QString(300, QChar(0x544A)) + QStringLiteral("标题完");
    doc.fields.append({QStringLiteral("备注"), QString(3000, QChar(0x6750)) + QStringLiteral("备注完")});
    doc.numberedItems.append({QString(2500, QChar(0x6599)) + QStringLiteral("条目完"), QStringLiteral("原因")});
    const DocumentRenderer renderer;
    const int pages = renderer.pageCount(doc);
    QVERIFY2(pages >= 4, qPrintable(QString::number(pages)));
    const double pxPerMm = 100 / 25.4;
    for (int page = 0; page < pages; ++page) {
        const QImage image = renderer.toImage(doc, page, 100);
        int dark = 0; // between the bottom margin's edge and the page number
        for (int y = qCeil(277.5 * pxPerMm); y < qFloor(282.5 * pxPerMm); ++y)
            for (int x = 0; x < image.width(); ++x)
                dark += qGray(image.pixel(x, y)) < 200 ? 1 : 0;
        QVERIFY2(dark == 0, qPrintable(QStringLiteral("page %1: %2").arg(page + 1).arg(dark)));
    }
    const QString path = m_dir.filePath(QStringLiteral("oversized.pdf"));
    QString error;
    QVERIFY2(renderer.toPdf(doc, path, &error), qPrintable(error));
    const QString text = pdfText(path);
    for (const QString& end : {QStringLiteral("标题完"), QStringLiteral("备注完"), QStringLiteral("条目完—原因"),
                               QStringLiteral("第%1页共%1页").arg(pages)})
        QVERIFY2(text.contains(end), qPrintable(end));
}

QTEST_MAIN(TestDocumentRenderer)
#include "TestDocumentRenderer.moc"
