#pragma once

#include "PrintPreviewOutput.h"
#include "services/IntakeService.h"

#include <QWidget>

#include <memory>

namespace Ui {
class IntakeWorkbench;
}

namespace oneseal::ui {

class ChecklistModel;

/**
 * The intake window (一窗受理): find the matter or bundle, find or enter the applicant once, check
 * every material, and decide — accept, defer, commitment, one-time notice, refuse or complete
 * instantly — printing the notice (documents::DocumentIssuer). Everything works from the keyboard:
 * F2 matter · F3 applicant · F4 checklist · R/M/D/N/S mark a material · A every material not yet
 * checked received · Ctrl+Return accept · Ctrl+D deferred · Ctrl+G commitment · Ctrl+N one-time
 * notice · Ctrl+R refuse · Ctrl+I instant. The notice goes to the window's printer (chosen once in
 * the settings) without a preview; with Shift added to the outcome's key, or with no printer chosen,
 * it opens in the print preview.
 */
class IntakeWorkbench : public QWidget
{
    Q_OBJECT

public:
    explicit IntakeWorkbench(services::Session& session, QWidget* parent = nullptr);
    ~IntakeWorkbench() override;

    /**
     * The window's printer: where notices go without a preview. By default (nullptr) the printer
     * chosen in the settings, or the print preview when none is; or \a output (not owned).
     */
    void setDocumentOutput(print::DocumentOutput* output);
    /** The print preview that Shift with an outcome's key opens. */
    PrintPreviewOutput& previewOutput() { return m_preview; }
    services::IntakeService& service() { return m_service; }
    ChecklistModel* checklist() const { return m_checklist; }
    /** The text of the message line (empty when there is none). */
    QString messageText() const;
    /** How the message line shows its text. */
    enum class MessageKind { Success, Warning, Error };
    MessageKind messageKind() const { return m_messageKind; }

public slots:
    /** Clears everything for the next applicant and puts the cursor on the matter search. */
    void startNewIntake();
    bool chooseSubject(const QString& code);
    /** Adds a scan file to the current checklist row. */
    bool attachFile(const QString& path);

signals:
    void caseRecorded(const QString& caseId, const QString& caseNo);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void searchSubjects(const QString& text);
    void chooseCurrentHit();
    void lookUpApplicant();
    void record(core::IntakeOutcome outcome, bool preview);
    void updateOutcomeButtons();
    void showMessage(const QString& text, MessageKind kind);
    void showFieldError(services::IntakeField field, const QString& text);
    void clearReturningApplicant();
    void attachScan();
    void viewScans();

    std::unique_ptr<Ui::IntakeWorkbench> m_ui;
    services::Session& m_session;
    services::IntakeService m_service;
    ChecklistModel* m_checklist;
    std::optional<services::IntakeSubject> m_subject;
    QString m_knownApplicantId;
    QList<services::PendingAttachment> m_attachments;
    PrintPreviewOutput m_preview;
    std::unique_ptr<print::DocumentOutput> m_printer; ///< the settings' printer, if one is chosen
    print::DocumentOutput* m_output;                  ///< set by setDocumentOutput(), or nullptr
    MessageKind m_messageKind = MessageKind::Success;
};

} // namespace oneseal::ui
