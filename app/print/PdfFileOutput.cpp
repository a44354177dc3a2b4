#include "print/PdfFileOutput.h"

#include <QPrinter>

namespace oneseal::print {

PdfFileOutput::PdfFileOutput(QString path)
    : m_path(std::move(path))
{
}

bool PdfFileOutput::print(const PrintJob& job, QString* error)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(m_path);
    printer.setDocName(job.title);
    return job.paint(printer, error);
}

} // namespace oneseal::print
