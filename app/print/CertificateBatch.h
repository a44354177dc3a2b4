#pragma once

#include "print/Calibration.h"
#include "print/CertificateRenderer.h"

#include <QCoreApplication>
#include <QList>

#include <functional>

class QPrinter;

namespace oneseal::print {

/**
 * Several certificates printed as one job (batch printing at the certificate window): one sheet
 * each, each on its own template's paper, moved by the calibration of the printer and that template.
 * The same job goes to a real printer, a print preview or a PDF printer.
 */
class CertificateBatch
{
    Q_DECLARE_TR_FUNCTIONS(CertificateBatch)

public:
    struct Sheet
    {
        CertificateTemplate certificateTemplate;
        CertificateDocument document;
    };
    /** The calibration to print a template's sheets with, by template id (identity when none is stored). */
    using CalibrationFor = std::function<Calibration(const QString& templateId)>;

    void add(CertificateTemplate certificateTemplate, CertificateDocument document);
    const QList<Sheet>& sheets() const { return m_sheets; }
    bool isEmpty() const { return m_sheets.isEmpty(); }

    /**
     * Prints every sheet on @p printer in one job, in order, with the paper's corner as origin.
     * Refuses the whole job, printing nothing, when a sheet does not validate (its position is named)
     * or the batch is empty; false with @p error also when the printer fails part way.
     */
    bool print(QPrinter& printer, PrintMode mode, const CalibrationFor& calibrationFor, QString* error) const;

private:
    QList<Sheet> m_sheets;
};

} // namespace oneseal::print
