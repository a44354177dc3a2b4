#include "PrintPreviewOutput.h"

#include <QPrintPreviewDialog>
#include <QPrinter>

namespace oneseal::ui {

PrintPreviewOutput::PrintPreviewOutput(QWidget* parent)
    : m_parent(parent)
{
}

bool PrintPreviewOutput::print(const print::PrintJob& job, QString* error)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(job.title);
    QPrintPreviewDialog preview(&printer, m_parent);
    preview.setWindowTitle(tr("Print preview — %1").arg(job.title));
    bool painted = true;
    QString paintError;
    QObject::connect(&preview, &QPrintPreviewDialog::paintRequested, &preview,
                     [&](QPrinter* p) { painted = job.paint(*p, &paintError) && painted; });
    const bool accepted = preview.exec() == QDialog::Accepted;
    if (error && !accepted)
        *error = tr("The print preview was closed without printing.");
    else if (error && !painted)
        *error = paintError;
    return accepted && painted;
}

} // namespace oneseal::ui
