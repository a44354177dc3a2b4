#include "ShiftHandoverDialog.h"

#include "ui_ShiftHandoverDialog.h"

#include "documents/DocumentIssuer.h"

#include <QPushButton>

namespace oneseal::ui {

ShiftHandoverDialog::ShiftHandoverDialog(services::Session& session, print::DocumentOutput& output, QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::ShiftHandoverDialog)
    , m_session(session)
    , m_output(output)
{
    m_ui->setupUi(this);
    QPushButton* confirmButton = m_ui->buttonBox->addButton(tr("Print and &confirm"), QDialogButtonBox::AcceptRole);
    confirmButton->setObjectName(QStringLiteral("confirmButton"));
    confirmButton->setDefault(true);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ShiftHandoverDialog::confirm);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->outgoingPasswordEdit->setFocus();
}

ShiftHandoverDialog::~ShiftHandoverDialog() = default;

QString ShiftHandoverDialog::messageText() const
{
    return m_ui->messageLabel->text();
}

void ShiftHandoverDialog::confirm()
{
    std::optional<qint64> counted;
    const QString countedText = m_ui->countedEdit->text().trimmed();
    if (!countedText.isEmpty()) {
        bool ok = false;
        const qint64 n = countedText.toLongLong(&ok);
        if (!ok || n < 1) {
            m_ui->messageLabel->setText(tr("Write the top sheet's number in digits, or leave it empty."));
            m_ui->countedEdit->setFocus();
            return;
        }
        counted = n;
    }
    m_result = documents::DocumentIssuer(m_session, m_output)
                   .printHandover(m_ui->incomingUserEdit->text(), m_ui->outgoingPasswordEdit->text(),
                       m_ui->incomingPasswordEdit->text(), counted);
    m_ui->outgoingPasswordEdit->clear();
    m_ui->incomingPasswordEdit->clear();
    if (!m_result.output || !m_result.error.isEmpty()) {
        m_ui->messageLabel->setText(m_result.error);
        m_ui->outgoingPasswordEdit->setFocus();
        return;
    }
    accept();
}

} // namespace oneseal::ui
