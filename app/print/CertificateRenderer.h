#pragma once

#include "print/Calibration.h"
#include "print/CertificateDocument.h"
#include "print/CertificateTemplate.h"

#include <QCoreApplication>
#include <QDate>
#include <QImage>
#include <QList>

class QPainter;
class QPrinter;

namespace oneseal::print {

/** What is printed of a certificate. */
enum class PrintMode {
    PlainPaper, ///< background, fields, seal and QR code on white paper
    PreprintedStock, ///< only fields, seal and QR code: the frame, title and labels are on the stock
    Preview ///< as on the stock: the paper's colour, the background and everything else (screens)
};

/**
 * Draws certificates from a CertificateTemplate: the same QPainter code for the printer (print and
 * print preview), PDF (export, batches, tests) and QImage (on-screen preview, tests), in
 * millimetres. A Calibration, when given, moves and scales everything that is drawn on the sheet.
 *
 * Text that does not fit its box shrinks down to the field's minimum size and then wraps (multiline
 * fields) or is cut at the box; validate() reports such a certificate, and toPdf() and print() refuse
 * it, so a legal document is never printed with text missing.
 */
class CertificateRenderer
{
    Q_DECLARE_TR_FUNCTIONS(CertificateRenderer)

public:
    explicit CertificateRenderer(CertificateTemplate certificateTemplate);

    const CertificateTemplate& certificateTemplate() const { return m_template; }

    /**
     * Whether @p doc can be printed on this template: required fields are filled, identifiers marked
     * with a format pass their check digits (GB/T 36904, GB 32100, GB 11643), every text fits its box
     * and the QR payload fits a QR code. False with @p error listing every problem, one a line.
     */
    bool validate(const CertificateDocument& doc, QString* error) const;

    /**
     * Draws @p doc on a painter whose units are millimetres with the origin at the sheet's top-left
     * corner. Draws even a document that validate() refuses (for previews).
     */
    void render(
        QPainter& painter, const CertificateDocument& doc, PrintMode mode, const Calibration& calibration = {}) const;

    /** The certificate on an image of the whole sheet at @p dpi (white, or the paper colour in Preview). */
    QImage toImage(
        const CertificateDocument& doc, PrintMode mode, int dpi = 150, const Calibration& calibration = {}) const;

    /**
     * A PDF with one page per document of @p batch, in memory. Empty with @p error set when a
     * document does not validate (its position in the batch is named) or the PDF cannot be made.
     */
    QByteArray toPdfBytes(
        const QList<CertificateDocument>& batch, PrintMode mode, const Calibration& calibration, QString* error) const;

    /** Writes toPdfBytes() to @p path atomically; false with @p error set when it cannot. */
    bool toPdf(const QList<CertificateDocument>& batch, const QString& path, PrintMode mode,
        const Calibration& calibration, QString* error) const;

    /**
     * Prints @p batch on @p printer, one sheet each, on the template's paper and orientation with the
     * paper's corner as origin (also for QPrintPreviewDialog's paintRequested and PDF printers).
     * Refuses the whole batch when one document does not validate.
     */
    bool print(QPrinter& printer, const QList<CertificateDocument>& batch, PrintMode mode,
        const Calibration& calibration, QString* error) const;

    /** "2026年11月26日", the way dates are written on certificates. */
    static QString documentDate(const QDate& date);

private:
    CertificateTemplate m_template;
};

} // namespace oneseal::print
