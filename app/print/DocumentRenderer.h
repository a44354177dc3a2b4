#pragma once

#include "print/NoticeDocument.h"

#include <QCoreApplication>
#include <QImage>
#include <QMarginsF>
#include <QPageSize>
#include <QRectF>

class QPainter;
class QPrinter;

namespace oneseal::print {

/**
 * Lays a NoticeDocument out on paper and draws it. There is one renderer for every device: it works
 * in millimetres, so the PDF, the printer and the on-screen image show exactly the same page. Long
 * content flows onto more pages, each numbered "第 1 页 共 2 页"; the issuer, date, seal and QR code
 * stay together at the end with at least one line of text before them.
 */
class DocumentRenderer
{
    Q_DECLARE_TR_FUNCTIONS(DocumentRenderer)

public:
    explicit DocumentRenderer(QPageSize page = QPageSize(QPageSize::A4), QMarginsF marginsMm = { 20, 20, 20, 20 });

    /**
     * Draws page @p page (from 0) of @p doc into @p pageRectMm, the whole sheet in the painter's
     * coordinates, whose units must be millimetres. Returns the number of pages the document takes on
     * such a sheet; draws nothing when @p page is out of range.
     */
    int render(QPainter& painter, const QRectF& pageRectMm, const NoticeDocument& doc, int page) const;

    /** The number of pages @p doc takes on this renderer's paper. */
    int pageCount(const NoticeDocument& doc) const;

    /**
     * Writes @p doc as a PDF (300 dpi, the title as metadata) to @p path, replacing it atomically.
     * Returns false with @p error set when the document cannot be laid out or the file not written.
     */
    bool toPdf(const NoticeDocument& doc, const QString& path, QString* error) const;

    /** The PDF that toPdf() would write, in memory; empty when it cannot be made. */
    QByteArray toPdfBytes(const NoticeDocument& doc) const;

    /** Page @p page (from 0) on a white image at @p dpi; a null image when the page does not exist. */
    QImage toImage(const NoticeDocument& doc, int page = 0, int dpi = 150) const;

    /**
     * Prints every page (or the printer's page range) of @p doc on @p printer, on this renderer's
     * paper size with the printer's full page as origin. Works for real printers, PDF output and
     * QPrintPreviewDialog's paintRequested. Returns false with @p error set when it cannot.
     */
    bool print(QPrinter& printer, const NoticeDocument& doc, QString* error) const;

    /**
     * Whether @p doc can be laid out; false with @p error set when, for instance, its QR payload is
     * too long for a QR code. render() and toImage() still draw such a document, with a note in
     * place of the QR code.
     */
    static bool validate(const NoticeDocument& doc, QString* error);

    /** The paper the notice is laid out on (print() sets the printer to it). */
    QPageSize pageSize() const { return m_page; }
    /** The blank border in millimetres; the page number sits in the middle of the bottom one. */
    QMarginsF margins() const { return m_margins; }

private:
    QRectF sheetMm() const;

    QPageSize m_page;
    QMarginsF m_margins;
};

} // namespace oneseal::print
