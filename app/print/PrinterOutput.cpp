#include "print/PrinterOutput.h"

#include <QPrinter>

namespace oneseal::print {

PrinterOutput::PrinterOutput(QString printerName)
    : m_printerName(std::move(printerName))
{
}

bool PrinterOutput::print(const PrintJob& job, QString* error)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setPrinterName(m_printerName);
    printer.setDocName(job.title);
    return job.paint(printer, error);
}

} // namespace oneseal::print
