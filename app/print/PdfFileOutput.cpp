#include "print/PdfFileOutput.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QPrinter>
#include <QRegularExpression>

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

PdfFolderOutput::PdfFolderOutput(QString folder)
    : m_folder(std::move(folder))
{
}

bool PdfFolderOutput::print(const PrintJob& job, QString* error)
{
    const QDir dir(m_folder);
    if (!dir.exists()) {
        if (error)
            *error = QCoreApplication::translate("PdfFolderOutput", "The PDF printer's folder %1 does not exist.")
                         .arg(QDir::toNativeSeparators(m_folder));
        return false;
    }
    // The title as a file name: no path separators or control characters, at most 60 characters.
    QString base = job.title;
    base.replace(QRegularExpression(QStringLiteral("[/\\\\:*?\"<>|\\x00-\\x1f]")), QStringLiteral("_"));
    base = base.left(60);
    if (base.isEmpty())
        base = QStringLiteral("document");
    base += QLatin1Char('-') + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString path = dir.filePath(base + QStringLiteral(".pdf"));
    for (int n = 2; QFile::exists(path) && n < 1000; ++n)
        path = dir.filePath(QStringLiteral("%1-%2.pdf").arg(base).arg(n));
    if (QFile::exists(path)) {
        if (error)
            *error = QCoreApplication::translate("PdfFolderOutput", "Too many documents of the same name in %1.")
                         .arg(QDir::toNativeSeparators(m_folder));
        return false;
    }
    PdfFileOutput file(path);
    if (!file.print(job, error))
        return false;
    m_lastFile = path;
    return true;
}

} // namespace oneseal::print
