#pragma once

#include "PrintPreviewOutput.h"
#include "services/CertificateService.h"

#include <QWidget>

#include <functional>
#include <memory>

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
 * others are printed. Certificates are built, signed, printed and recorded by documents::DocumentIssuer;
 * this window chooses the cases and the output. The printer calibration dialog opens from here, and so
 * do the certificate stock (ranges received, sheets ruined, mismatches shown) and the end-of-shift
 * handover (services::ShiftService, ShiftHandoverDialog).
 */
class CertificateWindowWidget : public QWidget
{
    Q_OBJECT

public:
    explicit CertificateWindowWidget(services::Session& session, QWidget* parent = nullptr);
    ~CertificateWindowWidget() override;

    /** Asks where to write a PDF (the suggested path is a proposal); empty when the user cancels. */
    using FileChooser = std::function<QString(const QString& suggestedPath)>;

    /**
     * Where a certificate printed or reprinted on its own, and a batch sent to "Print preview", go:
     * by default (nullptr) the window's printer chosen in the settings, or the print preview when
     * none is; or \a output (not owned). Ctrl+Shift+P prints one through the preview.
     */
    void setDocumentOutput(print::DocumentOutput* output) { m_output = output; }
    PrintPreviewOutput& previewOutput() { return m_preview; }
    /** Replaces the file dialog that asks where to write batch PDFs (tests). */
    void setPdfFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }
    QString messageText() const;

public slots:
    void showCase(const QString& caseId);
    /** Lists again the cases whose certificate is waiting to be printed. */
    void refreshReady();

private:
    void find();
    void reload();
    void print();
    void printTo(print::DocumentOutput& output);
    print::DocumentOutput& output();
    void reprint();
    void voidCertificate();
    /**
     * In a bundle case: asks which matter's certificate \a step acts on (a list of the matters whose
     * certificate allows it; arrows and Enter, Esc cancels). Sets *matterCode, empty for a case with
     * one certificate; false when cancelled or none fits.
     */
    bool chooseMatter(core::WorkStep step, QString* matterCode);
    void issue();
    void printSelected();
    void calibrate();
    /** The certificate stock line: what was received, printed, spoiled, voided, and every mismatch. */
    void refreshPaper();
    void receiveStock();
    void spoilSheet();
    void handover();
    void finish(const std::optional<core::CaseState>& state, const QString& error, const QString& success);
    void showMessage(const QString& text, bool error);

    std::unique_ptr<Ui::CertificateWindowWidget> m_ui;
    services::Session& m_session;
    services::CertificateService m_service;
    QString m_caseId;
    PrintPreviewOutput m_preview;
    std::unique_ptr<print::DocumentOutput> m_printer; ///< the settings' printer, if one is chosen
    print::DocumentOutput* m_output;
    FileChooser m_chooseFile;
};

} // namespace oneseal::ui
