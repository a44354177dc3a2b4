#pragma once

#include "print/DocumentOutput.h"

#include <memory>

namespace oneseal::print {

/** Sends each job straight to an installed printer, by its name, without a dialog. */
class PrinterOutput : public DocumentOutput
{
public:
    explicit PrinterOutput(QString printerName);

    bool print(const PrintJob& job, QString* error) override;
    QString printerName() const { return m_printerName; }

private:
    QString m_printerName;
};

/** The output for a printer chosen in the settings: "pdf:FOLDER" is a PdfFolderOutput, anything else a printer. */
std::unique_ptr<DocumentOutput> outputForPrinter(const QString& name);

} // namespace oneseal::print
