#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QImage>
#include <QStringList>

namespace oneseal::print {

/**
 * Finds the QR codes on a certificate given as a picture (PNG, JPEG: a scan or a photo) or as a PDF
 * (pages rasterised with poppler), so `oneseal-admin verify` and the verify dialog can check a
 * certificate from its file. Decoding is zbar's (QrCode::decode).
 */
class CertificateScanner
{
    Q_DECLARE_TR_FUNCTIONS(CertificateScanner)

public:
    /** The most pages of a PDF that are looked at. */
    static constexpr int kMaxPdfPages = 20;

    /**
     * The texts of the QR codes in the image or PDF file @p path (told apart by content, not by name),
     * payloads beginning with "OS" first, without repeats. Empty with @p error set when the file cannot
     * be read or holds no QR code.
     */
    static QStringList scanFile(const QString& path, QString* error);

    /** The QR texts in @p image; when none is found at its size, at half and double size too. */
    static QStringList scanImage(const QImage& image);

    /** The QR texts on the first kMaxPdfPages pages of the PDF @p pdf rendered at @p dpi. */
    static QStringList scanPdf(const QByteArray& pdf, QString* error, int dpi = 300);
};

} // namespace oneseal::print
