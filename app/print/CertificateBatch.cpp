#include "print/CertificateBatch.h"

#include <QPainter>
#include <QPrinter>

namespace oneseal::print {

void CertificateBatch::add(CertificateTemplate certificateTemplate, CertificateDocument document)
{
    m_sheets.append({ std::move(certificateTemplate), std::move(document) });
}

bool CertificateBatch::print(
    QPrinter& printer, PrintMode mode, const CalibrationFor& calibrationFor, QString* error) const
{
    auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return false;
    };
    if (m_sheets.isEmpty())
        return fail(tr("There is no certificate to print."));
    QList<CertificateRenderer> renderers;
    for (int i = 0; i < m_sheets.size(); ++i) {
        renderers.append(CertificateRenderer(m_sheets[i].certificateTemplate));
        QString problem;
        if (!renderers.last().validate(m_sheets[i].document, &problem))
            return fail(tr("Certificate %1 of the batch cannot be printed:\n%2").arg(i + 1).arg(problem));
    }

    auto layoutOf = [](const CertificateTemplate& t) {
        return QPageLayout(t.pageSize(), t.orientation(), QMarginsF(0, 0, 0, 0));
    };
    printer.setFullPage(true);
    printer.setPageLayout(layoutOf(m_sheets.first().certificateTemplate));
    printer.setDocName(tr("Certificates (%n)", nullptr, int(m_sheets.size())));
    QPainter painter;
    if (!painter.begin(&printer))
        return fail(printer.outputFileName().isEmpty() ? tr("The printer %1 is not ready.").arg(printer.printerName())
                                                       : tr("Cannot write to %1.").arg(printer.outputFileName()));
    for (int i = 0; i < m_sheets.size(); ++i) {
        const Sheet& sheet = m_sheets[i];
        if (i > 0) {
            // A sheet on other paper than the one before: the layout applies from the next page on.
            if (layoutOf(sheet.certificateTemplate) != layoutOf(m_sheets[i - 1].certificateTemplate))
                printer.setPageLayout(layoutOf(sheet.certificateTemplate));
            if (!printer.newPage()) {
                painter.end();
                return fail(tr("The printer stopped after certificate %1 of %2.").arg(i).arg(m_sheets.size()));
            }
        }
        const Calibration calibration
            = calibrationFor ? calibrationFor(sheet.certificateTemplate.id()) : Calibration {};
        painter.save();
        painter.scale(printer.logicalDpiX() / 25.4, printer.logicalDpiY() / 25.4);
        renderers[i].render(painter, sheet.document, mode, calibration);
        painter.restore();
    }
    if (!painter.end())
        return fail(tr("The printer did not accept the certificates."));
    return true;
}

} // namespace oneseal::print
