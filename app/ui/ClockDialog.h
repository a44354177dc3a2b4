#pragma once

#include "PrintPreviewOutput.h"
#include "services/CaseLifeService.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ClockDialog;
}

namespace oneseal::ui {

/**
 * The clock of one case: stop it for a hearing, testing or expert review (art. 45) with its notice to
 * the applicant (Ctrl+S), start it again when that is over (Ctrl+R), and — approvers — extend the time
 * limit by up to 10 working days with reasons and the 延期通知书 (Ctrl+E, art. 42). The due dates
 * shown are the case's after each step; the service decides what is allowed.
 */
class ClockDialog : public QDialog
{
    Q_OBJECT

public:
    ClockDialog(services::Session& session, const QString& caseId, QWidget* parent = nullptr);
    ~ClockDialog() override;

    /** Where the notices go: the print preview by default (nullptr), or \a output (not owned). */
    void setDocumentOutput(print::DocumentOutput* output) { m_output = output ? output : &m_preview; }
    QString messageText() const;
    QString caseText() const;

private:
    void reload();
    void stop();
    void resume();
    void extend();
    void showMessage(const QString& text, bool error);

    std::unique_ptr<Ui::ClockDialog> m_ui;
    services::Session& m_session;
    services::CaseLifeService m_service;
    QString m_caseId;
    PrintPreviewOutput m_preview;
    print::DocumentOutput* m_output;
};

} // namespace oneseal::ui
