#pragma once

#include "core/Role.h"

#include <QMainWindow>

#include <memory>

namespace Ui {
class MainWindow;
}

namespace oneseal::services {
class Session;
}

class QLabel;

namespace oneseal::ui {

class EventLogModel;

class CaseLookupWidget;
class CertificateWindowWidget;
class IdleLock;
class IntakeWorkbench;
class OwedLedgerWidget;
class PledgeCheckWidget;
class SealRegisterWidget;
class WorkQueueWidget;

/** The client's main window for one logged-in user. */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(std::unique_ptr<services::Session> session, QWidget* parent = nullptr);
    ~MainWindow() override;

    services::Session& session() const { return *m_session; }
    bool isLocked() const;
    IntakeWorkbench* intakeWorkbench() const { return m_intake; }
    CaseLookupWidget* caseLookup() const { return m_cases; }
    WorkQueueWidget* workQueue() const { return m_queue; }
    CertificateWindowWidget* certificateWindow() const { return m_certificates; }
    SealRegisterWidget* sealRegister() const { return m_sealRegister; }
    OwedLedgerWidget* owedLedger() const { return m_owedLedger; }

public slots:
    /** Hides the work and asks for the password again. */
    void lock();

signals:
    /** The user chose to log out from the lock screen. */
    void loggedOut();

private:
    void showSettings();
    void changePassword();
    void about();
    void exportBundle();
    void importBundle();
    void updateStatus();
    void addBackOfficeTabs();
    /** Opens a case from a work queue with the dialog of the queue's role. */
    void openCase(const QString& caseId, core::Role role);

    std::unique_ptr<Ui::MainWindow> m_ui;
    std::unique_ptr<services::Session> m_session;
    EventLogModel* m_eventLog;
    IdleLock* m_idleLock;
    IntakeWorkbench* m_intake = nullptr;
    CaseLookupWidget* m_cases = nullptr;
    WorkQueueWidget* m_queue = nullptr;
    CertificateWindowWidget* m_certificates = nullptr;
    SealRegisterWidget* m_sealRegister = nullptr;
    OwedLedgerWidget* m_owedLedger = nullptr;
    PledgeCheckWidget* m_pledgeChecks = nullptr;
    QLabel* m_userLabel = nullptr;
};

} // namespace oneseal::ui
