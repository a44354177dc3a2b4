#include "print/PrinterOutput.h"

#include "print/PdfFileOutput.h"

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

std::unique_ptr<DocumentOutput> outputForPrinter(const QString& name)
{
    if (name.startsWith(QLatin1String("pdf:")))
        return std::make_unique<PdfFolderOutput>(name.mid(4));
    return std::make_unique<PrinterOutput>(name);
}

} // namespace oneseal::print
