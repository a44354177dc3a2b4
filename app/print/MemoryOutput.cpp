#include "print/MemoryOutput.h"

#include <QFile>
#include <QPrinter>
#include <QTemporaryDir>

namespace oneseal::print {

bool MemoryOutput::print(const PrintJob& job, QString* error)
{
    auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return false;
    };
    if (!m_refusal.isEmpty())
        return fail(m_refusal);
    QTemporaryDir dir;
    if (!dir.isValid())
        return fail(tr("Cannot make a temporary folder: %1").arg(dir.errorString()));
    const QString path = dir.filePath(QStringLiteral("job.pdf"));
    {
        QPrinter printer(QPrinter::HighResolution);
        printer.setOutputFormat(QPrinter::PdfFormat);
        printer.setOutputFileName(path);
        printer.setDocName(job.title);
        if (!job.paint(printer, error))
            return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read the printed document back: %1").arg(file.errorString()));
    m_jobs.append({job.title, file.readAll()});
    return true;
}

} // namespace oneseal::print
