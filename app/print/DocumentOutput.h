#pragma once

#include <QString>

#include <functional>

class QPrinter;

namespace oneseal::print {

/** One print job as an output receives it: a name and the code that draws its pages. */
struct PrintJob
{
    /** The document's name: the printer's job name, the PDF's title, the preview's caption. */
    QString title;
    /**
     * Draws every page of the job on \a printer, which the output has set up (device, file); false
     * with *error when it cannot. A print preview may call it more than once.
     */
    std::function<bool(QPrinter& printer, QString* error)> paint;
};

/**
 * Where an issued document goes: an installed printer (PrinterOutput), a PDF file (PdfFileOutput),
 * the print preview of the client (ui::PrintPreviewOutput) or memory (MemoryOutput, for tests).
 * documents::DocumentIssuer renders every document through one of these and records the document
 * only when print() says it went out, so a window chooses where documents go and nothing else.
 */
class DocumentOutput
{
public:
    virtual ~DocumentOutput() = default;

    /**
     * Puts \a job on this output. True when it was printed or saved; false with *error when it
     * failed or the user cancelled (the error then says so).
     */
    virtual bool print(const PrintJob& job, QString* error) = 0;
};

} // namespace oneseal::print
