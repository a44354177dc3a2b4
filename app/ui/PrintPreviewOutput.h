#pragma once

#include "print/DocumentOutput.h"

#include <QCoreApplication>

class QWidget;

namespace oneseal::ui {

/**
 * The client's default output for issued documents: the print preview, from which the clerk prints
 * (or saves a PDF). A job counts as output only when the preview was accepted and every page drew.
 */
class PrintPreviewOutput : public print::DocumentOutput
{
    Q_DECLARE_TR_FUNCTIONS(PrintPreviewOutput)

public:
    /** The preview opens as a modal child of \a parent (which must outlive this output). */
    explicit PrintPreviewOutput(QWidget* parent);

    bool print(const print::PrintJob& job, QString* error) override;

private:
    QWidget* m_parent;
};

} // namespace oneseal::ui
