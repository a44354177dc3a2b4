#include "PrintPreviewOutput.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPrintDialog>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace oneseal::ui {

PrintPreviewOutput::PrintPreviewOutput(QWidget* parent)
    : m_parent(parent)
{
}

bool PrintPreviewOutput::print(const print::PrintJob& job, QString* error)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(job.title);
    if (!m_pdfFile.isEmpty()) {
        printer.setOutputFormat(QPrinter::PdfFormat);
        printer.setOutputFileName(m_pdfFile);
    } else if (!m_printerName.isEmpty()) {
        printer.setPrinterName(m_printerName);
    }
    bool painted = true;
    QString paintError;

    QDialog dialog(m_parent);
    dialog.setObjectName(QStringLiteral("printPreviewDialog"));
    dialog.setWindowTitle(tr("Print preview — %1").arg(job.title));
    auto* layout = new QVBoxLayout(&dialog);
    auto* preview = new QPrintPreviewWidget(&printer, &dialog);
    preview->setObjectName(QStringLiteral("printPreview"));
    preview->setFocusPolicy(Qt::NoFocus); // the keys below work wherever the focus is
    QObject::connect(preview, &QPrintPreviewWidget::paintRequested, &dialog,
                     [&](QPrinter* p) { painted = job.paint(*p, &paintError) && painted; });
    layout->addWidget(preview, 1);
    const QString target = !m_pdfFile.isEmpty() ? m_pdfFile
        : m_printerName.isEmpty()               ? tr("the printer you choose")
                                                : m_printerName;
    auto* hint = new QLabel(tr("Enter or Ctrl+P prints to %1 · Ctrl+Shift+P another printer or a PDF file · "
                               "Ctrl++ / Ctrl+− zoom · Esc closes without printing")
                                .arg(target),
                            &dialog);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    auto* buttons = new QDialogButtonBox(&dialog);
    QPushButton* printButton = buttons->addButton(tr("&Print"), QDialogButtonBox::AcceptRole);
    printButton->setObjectName(QStringLiteral("printButton"));
    QPushButton* chooseButton = buttons->addButton(tr("Print &to…"), QDialogButtonBox::ActionRole);
    chooseButton->setObjectName(QStringLiteral("choosePrinterButton"));
    buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    printButton->setDefault(true);
    printButton->setFocus(Qt::OtherFocusReason);

    bool printed = false;
    auto printNow = [&](bool choose) {
        if ((choose || (m_printerName.isEmpty() && m_pdfFile.isEmpty()))) {
            QPrintDialog ask(&printer, &dialog);
            if (ask.exec() != QDialog::Accepted)
                return;
        }
        painted = true;
        preview->print(); // paints every page on the printer through paintRequested
        printed = true;
        dialog.accept();
    };
    QObject::connect(printButton, &QPushButton::clicked, &dialog, [&] { printNow(false); });
    QObject::connect(chooseButton, &QPushButton::clicked, &dialog, [&] { printNow(true); });
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* ctrlP = new QShortcut(QKeySequence::Print, &dialog);
    QObject::connect(ctrlP, &QShortcut::activated, &dialog, [&] { printNow(false); });
    auto* ctrlShiftP = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), &dialog);
    QObject::connect(ctrlShiftP, &QShortcut::activated, &dialog, [&] { printNow(true); });
    for (const QKeySequence& in : {QKeySequence(QKeySequence::ZoomIn), QKeySequence(Qt::CTRL | Qt::Key_Equal)})
        QObject::connect(new QShortcut(in, &dialog), &QShortcut::activated, preview, [preview] { preview->zoomIn(); });
    QObject::connect(new QShortcut(QKeySequence::ZoomOut, &dialog), &QShortcut::activated, preview,
                     [preview] { preview->zoomOut(); });
    QObject::connect(new QShortcut(QKeySequence(Qt::Key_PageDown), &dialog), &QShortcut::activated, preview,
                     [preview] { preview->setCurrentPage(preview->currentPage() + 1); });
    QObject::connect(new QShortcut(QKeySequence(Qt::Key_PageUp), &dialog), &QShortcut::activated, preview,
                     [preview] { preview->setCurrentPage(preview->currentPage() - 1); });
    dialog.resize(900, 1000);
    dialog.exec();

    if (error && !printed)
        *error = tr("The print preview was closed without printing.");
    else if (error && !painted)
        *error = paintError;
    return printed && painted;
}

} // namespace oneseal::ui
