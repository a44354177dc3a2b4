#include "print/DocumentOutput.h"
#include "print/MemoryOutput.h"
#include "print/PdfFileOutput.h"
#include "print/PrinterOutput.h"

#include <QDir>

#include <QFile>
#include <QGuiApplication>
#include <QPainter>
#include <QPrinter>
#include <QTemporaryDir>
#include <QTest>

#include <poppler-qt6.h>

#include <memory>

using namespace oneseal;

namespace {

/** A job of \a pages pages, each saying "page N of <title>". */
print::PrintJob job(const QString& title, int pages)
{
    print::PrintJob j;
    j.title = title;
    j.paint = [title, pages](QPrinter& printer, QString* error) {
        QPainter painter;
        if (!painter.begin(&printer)) {
            if (error)
                *error = QStringLiteral("cannot paint");
            return false;
        }
        for (int i = 1; i <= pages; ++i) {
            if (i > 1)
                printer.newPage();
            painter.drawText(QPointF(200, 400), QStringLiteral("page %1 of %2").arg(i).arg(title));
        }
        return painter.end();
    };
    return j;
}

QString pageText(const QByteArray& pdf, int page)
{
    const std::unique_ptr<Poppler::Document> doc = Poppler::Document::loadFromData(pdf);
    return doc && page < doc->numPages() ? doc->page(page)->text(QRectF()).simplified() : QString();
}

} // namespace

/** The outputs issued documents go to, other than the preview: a PDF file and memory. */
class TestDocumentOutputs : public QObject
{
    Q_OBJECT

private slots:
    void pdfFileHoldsEveryPage();
    void pdfFolderPrinterWritesEachJobToANewFile();
    void memoryKeepsEachJob();
    void memoryRefusalKeepsNothing();
    void aFailingPaintIsReported();
};

void TestDocumentOutputs::pdfFileHoldsEveryPage()
{
    QTemporaryDir dir;
    print::PdfFileOutput output(dir.filePath(QStringLiteral("out.pdf")));
    QString error;
    QVERIFY2(output.print(job(QStringLiteral("notice"), 2), &error), qPrintable(error));
    QFile f(output.path());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray pdf = f.readAll();
    const std::unique_ptr<Poppler::Document> doc = Poppler::Document::loadFromData(pdf);
    QVERIFY(doc);
    QCOMPARE(doc->numPages(), 2);
    QCOMPARE(doc->info(QStringLiteral("Title")), QStringLiteral("notice"));
    QCOMPARE(pageText(pdf, 1), QStringLiteral("page 2 of notice"));
}

void TestDocumentOutputs::pdfFolderPrinterWritesEachJobToANewFile()
{
    QTemporaryDir dir;
    // A window printer "pdf:FOLDER": each job a new file, named by its title, none overwritten.
    const std::unique_ptr<print::DocumentOutput> output = print::outputForPrinter(QStringLiteral("pdf:") + dir.path());
    auto* folder = dynamic_cast<print::PdfFolderOutput*>(output.get());
    QVERIFY(folder);
    QString error;
    QVERIFY2(output->print(job(QStringLiteral("受理通知书/1"), 1), &error), qPrintable(error));
    const QString first = folder->lastFile();
    QVERIFY2(output->print(job(QStringLiteral("受理通知书/1"), 2), &error), qPrintable(error));
    QVERIFY(folder->lastFile() != first);
    const QStringList files = QDir(dir.path()).entryList(QDir::Files);
    QCOMPARE(files.size(), 2);
    QVERIFY2(files.first().startsWith(QStringLiteral("受理通知书_1-")), qPrintable(files.first()));
    QFile f(folder->lastFile());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(pageText(f.readAll(), 1), QStringLiteral("page 2 of 受理通知书/1"));
    // A folder that is not there: refused with its name, nothing written.
    print::PdfFolderOutput missing(dir.filePath(QStringLiteral("no-such-folder")));
    QVERIFY(!missing.print(job(QStringLiteral("x"), 1), &error));
    QVERIFY(error.contains(QStringLiteral("no-such-folder")));
    // Any other name is a printer.
    QVERIFY(dynamic_cast<print::PrinterOutput*>(print::outputForPrinter(QStringLiteral("HP_LaserJet")).get()));
}

void TestDocumentOutputs::memoryKeepsEachJob()
{
    print::MemoryOutput output;
    QString error;
    QVERIFY2(output.print(job(QStringLiteral("first"), 1), &error), qPrintable(error));
    QVERIFY2(output.print(job(QStringLiteral("second"), 1), &error), qPrintable(error));
    QCOMPARE(output.jobs().size(), 2);
    QCOMPARE(output.jobs().at(0).title, QStringLiteral("first"));
    QVERIFY(output.jobs().at(0).pdf.startsWith("%PDF"));
    QCOMPARE(pageText(output.jobs().at(1).pdf, 0), QStringLiteral("page 1 of second"));
}

void TestDocumentOutputs::memoryRefusalKeepsNothing()
{
    print::MemoryOutput output;
    output.setRefusal(QStringLiteral("The print preview was closed without printing."));
    QString error;
    QVERIFY(!output.print(job(QStringLiteral("first"), 1), &error));
    QCOMPARE(error, QStringLiteral("The print preview was closed without printing."));
    QVERIFY(output.jobs().isEmpty());
}

void TestDocumentOutputs::aFailingPaintIsReported()
{
    print::MemoryOutput output;
    print::PrintJob broken;
    broken.title = QStringLiteral("broken");
    broken.paint = [](QPrinter&, QString* error) {
        *error = QStringLiteral("the QR payload is too long");
        return false;
    };
    QString error;
    QVERIFY(!output.print(broken, &error));
    QCOMPARE(error, QStringLiteral("the QR payload is too long"));
    QVERIFY(output.jobs().isEmpty());
}

QTEST_MAIN(TestDocumentOutputs)
#include "TestDocumentOutputs.moc"
