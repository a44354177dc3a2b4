#pragma once

#include <QMainWindow>

#include <memory>

namespace Ui {
class MainWindow;
}

namespace oneseal::db {
class EventLogModel;
}
namespace oneseal::services {
class Session;
}

namespace oneseal::ui {

class CaseLookupWidget;
class IdleLock;
class IntakeWorkbench;

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
    void updateStatus();

    std::unique_ptr<Ui::MainWindow> m_ui;
    std::unique_ptr<services::Session> m_session;
    db::EventLogModel* m_eventLog;
    IdleLock* m_idleLock;
    IntakeWorkbench* m_intake = nullptr;
    CaseLookupWidget* m_cases = nullptr;
};

} // namespace oneseal::ui
