#pragma once

#include "PrintPreviewOutput.h"
#include "services/ReviewService.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ReviewDialog;
}

namespace oneseal::ui {

/**
 * Review of one case (审查): pass, return for correction (补正, prints the notice to the applicant
 * through documents::DocumentIssuer),
 * record that the corrected materials arrived, or propose refusal with reasons. The buttons that
 * the workflow would refuse are disabled; the service decides.
 */
class ReviewDialog : public QDialog
{
    Q_OBJECT

public:
    ReviewDialog(services::Session& session, const QString& caseId, QWidget* parent = nullptr);
    ~ReviewDialog() override;

    /** Where the correction notice goes: the print preview by default (nullptr), or \a output (not owned). */
    void setDocumentOutput(print::DocumentOutput* output) { m_output = output ? output : &m_preview; }
    QString messageText() const;

private:
    void reload();
    void pass();
    void requestCorrection();
    void receiveCorrection();
    void proposeRefusal();
    void done(const std::optional<core::CaseState>& state, const QString& error, const QString& success);
    void showMessage(const QString& text, bool error);

    std::unique_ptr<Ui::ReviewDialog> m_ui;
    services::Session& m_session;
    services::ReviewService m_service;
    QString m_caseId;
    PrintPreviewOutput m_preview;
    print::DocumentOutput* m_output;
};

} // namespace oneseal::ui
