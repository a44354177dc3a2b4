#include "ChangePasswordDialog.h"

#include "ui_ChangePasswordDialog.h"

#include "services/AuthService.h"

namespace oneseal::ui {

ChangePasswordDialog::ChangePasswordDialog(services::Session& session, QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::ChangePasswordDialog)
    , m_session(session)
{
    m_ui->setupUi(this);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ChangePasswordDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ChangePasswordDialog::reject);
}

ChangePasswordDialog::~ChangePasswordDialog() = default;

void ChangePasswordDialog::setForced()
{
    m_ui->messageLabel->setText(tr("Your password was set by an administrator. Choose your own before you start work; "
                                   "your signing key is made with it."));
    m_ui->currentEdit->setFocus();
}

void ChangePasswordDialog::accept()
{
    if (m_ui->newEdit->text() != m_ui->repeatEdit->text()) {
        m_ui->messageLabel->setText(tr("The two new passwords differ."));
        m_ui->repeatEdit->clear();
        m_ui->repeatEdit->setFocus();
        return;
    }
    QString error;
    if (!services::AuthService::changePassword(m_session, m_ui->currentEdit->text(), m_ui->newEdit->text(), &error)) {
        m_ui->messageLabel->setText(error);
        return;
    }
    QDialog::accept();
}

} // namespace oneseal::ui
