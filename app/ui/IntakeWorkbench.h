#pragma once

#include "ApplicantScreen.h"
#include "PrintPreviewOutput.h"
#include "services/IntakeService.h"

#include <QComboBox>
#include <QHash>
#include <QWidget>

class QLineEdit;

#include <memory>

namespace Ui {
class IntakeWorkbench;
}

namespace oneseal::ui {

class ChecklistModel;
class CounterBar;
class OwedMaterialsModel;

/**
 * The intake window (一窗受理): find the matter or bundle, find or enter the applicant once, check
 * every material, and decide — accept, defer, commitment, one-time notice, refuse or complete
 * instantly — printing the notice (documents::DocumentIssuer). Everything works from the keyboard:
 * F2 matter · F3 applicant · F4 checklist · R/M/D/N/S mark a material · A every material not yet
 * checked received · Ctrl+Return accept · Ctrl+D deferred · Ctrl+G commitment · Ctrl+N one-time
 * notice · Ctrl+R refuse · Ctrl+I instant. The notice goes to the window's printer (chosen once in
 * the settings) without a preview; with Shift added to the outcome's key, or with no printer chosen,
 * it opens in the print preview.
 * A returning applicant found with F3 who still owes materials (容缺) gets the list of them: Enter
 * records the selected one's arrival (with the scan attached by Ctrl+O) and prints its receipt.
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
    /** The counter's devices above the form (ticket, ID card reader, camera, applicant's screen). */
    CounterBar* counterBar() const { return m_counter; }
    /** What the applicant's screen may show of the application being entered (name and ID masked). */
    ApplicantView applicantView() const;
    /** The name of the material selected in the checklist (empty when none). */
    QString currentMaterialName() const;
    /** How the message line shows its text. */
    enum class MessageKind { Success, Warning, Error };
    MessageKind messageKind() const { return m_messageKind; }

public slots:
    /** Clears everything for the next applicant and puts the cursor on the matter search. */
    void startNewIntake();
    bool chooseSubject(const QString& code);
    /** Adds a scan file to the current checklist row. */
    bool attachFile(const QString& path);
    /** Adds a scanned or captured page to the current checklist row (checked like a file). */
    bool addScan(const QString& fileName, const QString& mimeType, const QByteArray& data);
    /**
     * Fills the applicant from an ID card: the number checked and looked up as if typed, then the
     * card's name and address. Nothing is filled when the number is not valid (*error says why).
     * Without a name (a reader in keyboard mode gives only the number) the number is entered into
     * the ID field exactly as if typed there, messages and all.
     */
    bool fillFromIdCard(const QString& idNumber, const QString& name, const QString& address, QString* error);
    /**
     * The same with everything the card says (sex, ethnicity, birth date, issuing authority and
     * validity go into their fields, read-only while they are the card's). The whole card is checked
     * first (core::ApplicantRules); nothing is filled when it fails.
     */
    bool fillFromIdCard(const core::Applicant& card, QString* error);
    /** Adds a scan file to the owed material selected in the returning applicant's list. */
    bool attachOwedScan(const QString& path);
    /** Records the arrival of the selected owed material (with its scan) and prints its receipt. */
    bool recordArrival();
    OwedMaterialsModel* owedMaterials() const { return m_owed; }

signals:
    void caseRecorded(const QString& caseId, const QString& caseNo);
    /** What applicantView() returns may have changed. */
    void applicantViewChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void searchSubjects(const QString& text);
    void chooseCurrentHit();
    void lookUpApplicant();
    void record(core::IntakeOutcome outcome, bool preview);
    void updateOutcomeButtons();
    void showMessage(const QString& text, MessageKind kind);
    void showMessage(const QString& text, bool error) { showMessage(text, error ? MessageKind::Error : MessageKind::Success); }
    void showFieldError(services::IntakeField field, const QString& text);
    void clearReturningApplicant();
    /** The card's details: shown (read-only when \a fromCard), or cleared and editable. */
    void setCardDetails(const core::Applicant& details, bool fromCard);
    void clearCardDetails();
    /** Reads the typed or read card details into \a applicant; false (message at the field) when malformed. */
    bool takeCardDetails(core::Applicant& applicant);
    QList<QLineEdit*> cardEdits() const;
    void attachScan();
    void viewScans();
    /** Lists the owed materials of the applicant \a idNumber; shows the list only when there are some. */
    void showOwedMaterials(const QString& idNumber);
    std::optional<services::PendingAttachment> checkedScan(const QString& fileName, const QString& mimeType,
                                                           const QByteArray& data);
    bool addToChecklist(services::PendingAttachment scan, int row);
    std::optional<services::PendingAttachment> readScan(const QString& path);
    /**
     * One combo per declared field of the chosen subject's matters (Matter::declaredFields, e.g.
     * 主体业态), below the search, its first value preselected; none when no subject is chosen.
     */
    void showDeclaredFields();

    std::unique_ptr<Ui::IntakeWorkbench> m_ui;
    services::Session& m_session;
    services::IntakeService m_service;
    ChecklistModel* m_checklist;
    std::optional<services::IntakeSubject> m_subject;
    struct DeclaredRow
    {
        QString matter;
        QString key;
        QComboBox* combo;
    };
    QList<DeclaredRow> m_declaredRows;
    QString m_knownApplicantId;
    QList<services::PendingAttachment> m_attachments;
    OwedMaterialsModel* m_owed;
    QString m_owedApplicant;
    QHash<QString, services::PendingAttachment> m_owedScans; ///< by case id + material code
    PrintPreviewOutput m_preview;
    std::unique_ptr<print::DocumentOutput> m_printer; ///< the settings' printer, if one is chosen
    print::DocumentOutput* m_output;                  ///< set by setDocumentOutput(), or nullptr
    MessageKind m_messageKind = MessageKind::Success;
    CounterBar* m_counter = nullptr;
    bool m_cardRead = false; ///< the card details on screen came from the card's chip
};

} // namespace oneseal::ui
