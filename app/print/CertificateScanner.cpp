#include "print/CertificateScanner.h"

#include "print/QrCode.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>

#include <poppler-qt6.h>

namespace oneseal::print {

namespace {

    void addTexts(QStringList& found, const QList<QByteArray>& codes)
    {
        for (const QByteArray& code : codes) {
            const QString text = QString::fromUtf8(code);
            if (!found.contains(text))
                found.append(text);
        }
    }

    /** OneSeal payloads first, otherwise in the order found. */
    QStringList ordered(const QStringList& texts)
    {
        QStringList ours;
        QStringList others;
        for (const QString& text : texts)
            (text.startsWith(QLatin1String("OS")) ? ours : others).append(text);
        return ours + others;
    }

} // namespace

QStringList CertificateScanner::scanImage(const QImage& image)
{
    QStringList found;
    if (image.isNull())
        return found;
    addTexts(found, QrCode::decode(image));
    if (found.isEmpty() && image.width() > 400)
        addTexts(found, QrCode::decode(image.scaled(image.size() / 2, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    if (found.isEmpty() && image.width() < 3000)
        addTexts(found, QrCode::decode(image.scaled(image.size() * 2, Qt::KeepAspectRatio, Qt::FastTransformation)));
    return ordered(found);
}

QStringList CertificateScanner::scanPdf(const QByteArray& pdf, QString* error, int dpi)
{
    const std::unique_ptr<Poppler::Document> document = Poppler::Document::loadFromData(pdf);
    if (!document) {
        if (error)
            *error = tr("The file is not a PDF that can be read.");
        return {};
    }
    if (document->isLocked()) {
        if (error)
            *error = tr("The PDF is protected by a password.");
        return {};
    }
    document->setRenderHint(Poppler::Document::Antialiasing, true);
    document->setRenderHint(Poppler::Document::TextAntialiasing, true);
    QStringList found;
    const int pages = qMin(document->numPages(), kMaxPdfPages);
    for (int i = 0; i < pages; ++i) {
        const std::unique_ptr<Poppler::Page> page = document->page(i);
        if (!page)
            continue;
        for (const QString& text : scanImage(page->renderToImage(dpi, dpi)))
            if (!found.contains(text))
                found.append(text);
    }
    if (found.isEmpty() && error)
        *error = document->numPages() > kMaxPdfPages
            ? tr("No QR code was found on the first %1 pages of the PDF.").arg(kMaxPdfPages)
            : tr("No QR code was found in the PDF.");
    return ordered(found);
}

QStringList CertificateScanner::scanFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Unable to read %1: %2").arg(path, file.errorString());
        return {};
    }
    const QByteArray data = file.readAll();
    if (data.startsWith("%PDF-")) {
        QString inner;
        const QStringList found = scanPdf(data, &inner);
        if (found.isEmpty() && error)
            *error = tr("%1: %2").arg(QFileInfo(path).fileName(), inner);
        return found;
    }
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true); // photos taken sideways
    const QImage image = reader.read();
    if (image.isNull()) {
        if (error)
            *error = tr("%1 is neither a PDF nor an image that can be read (%2).")
                         .arg(QFileInfo(path).fileName(), reader.errorString());
        return {};
    }
    const QStringList found = scanImage(image);
    if (found.isEmpty() && error)
        *error = tr("No QR code was found in %1.").arg(QFileInfo(path).fileName());
    return found;
}

} // namespace oneseal::print
