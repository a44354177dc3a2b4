#pragma once

#include "print/DocumentOutput.h"

namespace oneseal::print {

/** Writes each job as one PDF to a file chosen beforehand (export, batch printing to PDF). */
class PdfFileOutput : public DocumentOutput
{
public:
    explicit PdfFileOutput(QString path);

    bool print(const PrintJob& job, QString* error) override;
    QString path() const { return m_path; }

private:
    QString m_path;
};

/**
 * A printer that is a folder: each job becomes a new PDF file there, named by its title and the
 * time (never over an existing file). A window printer named "pdf:FOLDER" in the settings is one
 * (a hall without a printer driver, archiving, the keyboard walk under Xvfb).
 */
class PdfFolderOutput : public DocumentOutput
{
public:
    explicit PdfFolderOutput(QString folder);

    bool print(const PrintJob& job, QString* error) override;
    QString folder() const { return m_folder; }
    /** The file the last successful job was written to. */
    QString lastFile() const { return m_lastFile; }

private:
    QString m_folder;
    QString m_lastFile;
};

} // namespace oneseal::print
