#include "LoginDialog.h"

#include "ChangePasswordDialog.h"

#include "ui_LoginDialog.h"

#include "core/Clock.h"
#include "services/AuthService.h"

#include <QDateTime>
#include <QPushButton>
#include <QTimer>

namespace oneseal::ui {

LoginDialog::LoginDialog(services::AuthService& auth, const QString& hallName, QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::LoginDialog)
    , m_auth(&auth)
{
    setup();
    if (!hallName.isEmpty())
        m_ui->hallLabel->setText(hallName);
    m_ui->databaseLabel->setText(tr("Hall database: %1").arg(auth.databasePath()));
    m_ui->usernameEdit->setFocus();
}

LoginDialog::LoginDialog(const QString& username, std::function<bool(const QString&)> check, QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::LoginDialog)
    , m_check(std::move(check))
{
    setup();
    setWindowTitle(tr("OneSeal — Locked"));
    m_ui->hallLabel->setText(tr("Locked"));
    m_ui->promptLabel->setText(tr("The workstation was locked. Enter your password to go on."));
    m_ui->usernameEdit->setText(username);
    m_ui->usernameEdit->setReadOnly(true);
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Log &out"));
    m_ui->passwordEdit->setFocus();
}

LoginDialog::~LoginDialog() = default;

void LoginDialog::setup()
{
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Log in"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("&Quit"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &LoginDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &LoginDialog::reject);
    m_waitTimer = new QTimer(this);
    m_waitTimer->setInterval(1000);
    connect(m_waitTimer, &QTimer::timeout, this, &LoginDialog::updateWaiting);
}

std::unique_ptr<services::Session> LoginDialog::takeSession()
{
    return std::move(m_session);
}

void LoginDialog::showMessage(const QString& text)
{
    m_ui->messageLabel->setText(text);
}

void LoginDialog::updateWaiting()
{
    int wait = 0;
    if (m_auth)
        wait = m_auth->secondsToWait();
    else
        wait = m_lockThrottle.secondsToWait(core::Clock::system().now());
    auto* ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setEnabled(wait == 0);
    if (wait > 0) {
        showMessage(tr("Too many wrong passwords. Try again in %n second(s).", nullptr, wait));
    } else {
        m_waitTimer->stop();
        showMessage(QString());
    }
}

void LoginDialog::accept()
{
    const QString password = m_ui->passwordEdit->text();
    if (m_auth) {
        QString error;
        m_session = m_auth->login(m_ui->usernameEdit->text(), password, &error);
        if (m_session && m_session->user().mustChange) {
            // A password an administrator set: changed now, or no work (the signing key is made then).
            ChangePasswordDialog change(*m_session, this);
            change.setForced();
            if (change.exec() != QDialog::Accepted) {
                m_session.reset();
                error = tr("Your password must be changed before you can work.");
            }
        }
        if (!m_session) {
            showMessage(error);
            m_ui->passwordEdit->clear();
            m_ui->passwordEdit->setFocus();
            if (m_auth->secondsToWait() > 0) {
                updateWaiting();
                m_waitTimer->start();
            }
            return;
        }
    } else {
        const QDateTime now = core::Clock::system().now();
        if (m_lockThrottle.secondsToWait(now) > 0)
            return;
        if (!m_check(password)) {
            m_lockThrottle.recordFailure(now);
            m_ui->passwordEdit->clear();
            showMessage(tr("The password is wrong."));
            if (m_lockThrottle.secondsToWait(now) > 0) {
                updateWaiting();
                m_waitTimer->start();
            }
            return;
        }
        m_lockThrottle.recordSuccess();
    }
    m_ui->passwordEdit->clear();
    QDialog::accept();
}

} // namespace oneseal::ui
