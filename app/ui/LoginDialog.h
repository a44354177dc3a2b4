#pragma once

#include "core/LoginThrottle.h"

#include <QDialog>

#include <functional>
#include <memory>

class QTimer;

namespace Ui {
class LoginDialog;
}

namespace oneseal::services {
class AuthService;
class Session;
} // namespace oneseal::services

namespace oneseal::ui {

/**
 * The login dialog, and the same dialog in "locked" mode: the user name is fixed and only the
 * password is asked. Wrong passwords are counted by the service, which makes the next try wait.
 */
class LoginDialog : public QDialog
{
    Q_OBJECT

public:
    /** Login mode: opens a new session through auth. */
    LoginDialog(services::AuthService& auth, const QString& hallName, QWidget* parent = nullptr);
    /** Lock mode: unlocks when check(password) is true. */
    LoginDialog(const QString& username, std::function<bool(const QString&)> check, QWidget* parent = nullptr);
    ~LoginDialog() override;

    /** The session opened by a successful login (login mode). */
    std::unique_ptr<services::Session> takeSession();

public slots:
    void accept() override;

private:
    void setup();
    void updateWaiting();
    void showMessage(const QString& text);

    std::unique_ptr<Ui::LoginDialog> m_ui;
    services::AuthService* m_auth = nullptr;
    std::function<bool(const QString&)> m_check;
    std::unique_ptr<services::Session> m_session;
    QTimer* m_waitTimer;
    core::LoginThrottle m_lockThrottle;
};

} // namespace oneseal::ui
