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

} // namespace oneseal::print
