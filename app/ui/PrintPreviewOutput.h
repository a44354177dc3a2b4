#pragma once

#include "print/DocumentOutput.h"

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace oneseal::ui {

/**
 * The client's print preview for issued documents, keyboard first: Enter or Ctrl+P prints to the
 * window's printer (the print dialog asks for one when none is chosen in the settings), Ctrl+Shift+P
 * chooses another printer or a PDF file, Ctrl++ / Ctrl+− zoom, Esc closes without printing. A job
 * counts as output only when it was printed and every page drew.
 */
class PrintPreviewOutput : public print::DocumentOutput
{
    Q_DECLARE_TR_FUNCTIONS(PrintPreviewOutput)

public:
    /** The preview opens as a modal child of \a parent (which must outlive this output). */
    explicit PrintPreviewOutput(QWidget* parent);

    /** The printer "Print" sends to without asking; empty: the print dialog asks. */
    void setPrinterName(const QString& name) { m_printerName = name; }
    QString printerName() const { return m_printerName; }
    /** "Print" writes this PDF file instead of using a printer (a PDF printer; tests and archiving). */
    void setPdfFile(const QString& path) { m_pdfFile = path; }

    bool print(const print::PrintJob& job, QString* error) override;

private:
    QWidget* m_parent;
    QString m_printerName;
    QString m_pdfFile;
};

} // namespace oneseal::ui
