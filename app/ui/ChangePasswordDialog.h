#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class ChangePasswordDialog;
}

namespace oneseal::services {
class Session;
}

namespace oneseal::ui {

/** Changes the logged-in user's password (rewrapping that user's key slot). */
class ChangePasswordDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ChangePasswordDialog(services::Session& session, QWidget* parent = nullptr);
    ~ChangePasswordDialog() override;

    /**
     * The change a password set by an administrator forces at the user's first login: says why;
     * cancelling it logs the user out again (LoginDialog).
     */
    void setForced();

public slots:
    void accept() override;

private:
    std::unique_ptr<Ui::ChangePasswordDialog> m_ui;
    services::Session& m_session;
};

} // namespace oneseal::ui
