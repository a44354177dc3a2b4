#pragma once

#include "print/Calibration.h"
#include "services/CertificateService.h"

#include <QWidget>

#include <functional>
#include <memory>

class QPrinter;

namespace Ui {
class CertificateWindowWidget;
}

namespace oneseal::ui {

/**
 * The certificate window (制证, 出证): find an approved case by number, take a certificate number and
 * print, reprint or void (with a reason), and hand it over to the holder or an agent identified by
 * ID number, which completes the case. Several cases ready for a certificate can be printed as one
 * job (print preview, an installed printer or a PDF file), each with its own serial, moved by the
 * saved calibration of the printer and template; a case that cannot be printed is reported and the
 * others are printed. The printer calibration dialog opens from here.
 */
class CertificateWindowWidget : public QWidget
{
    Q_OBJECT

public:
    /**
     * Renders and prints the certificate of \a state with \a number; returns the printed document's
     * SHA-256, or nullopt when nothing was printed. The default prints a plain certificate page.
     */
    using CertificatePrinter = std::function<std::optional<QByteArray>(const core::CaseState& state, const QString& number)>;

    explicit CertificateWindowWidget(services::Session& session, QWidget* parent = nullptr);
    ~CertificateWindowWidget() override;

    /** Asks where to write a PDF (the suggested path is a proposal); empty when the user cancels. */
    using FileChooser = std::function<QString(const QString& suggestedPath)>;

    void setCertificatePrinter(CertificatePrinter printer) { m_printer = std::move(printer); }
    /** Replaces the file dialog that asks where to write batch PDFs (tests). */
    void setPdfFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }
    QString messageText() const;

    /** The printer name calibrations of @p printer's output are stored under (CalibrationService). */
    static QString calibrationPrinterName(const QPrinter& printer);

public slots:
    void showCase(const QString& caseId);
    /** Lists again the cases whose certificate is waiting to be printed. */
    void refreshReady();

private:
    void find();
    void reload();
    void print();
    void reprint();
    void voidCertificate();
    void issue();
    void printSelected();
    void calibrate();
    /** The saved correction of @p printerName for @p templateId; none when nothing is saved. */
    print::Calibration calibrationFor(const QString& printerName, const QString& templateId) const;
    void finish(const std::optional<core::CaseState>& state, const QString& error, const QString& success);
    void showMessage(const QString& text, bool error);

    std::unique_ptr<Ui::CertificateWindowWidget> m_ui;
    services::Session& m_session;
    services::CertificateService m_service;
    QString m_caseId;
    CertificatePrinter m_printer;
    FileChooser m_chooseFile;
};

} // namespace oneseal::ui
