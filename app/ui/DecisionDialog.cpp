#include "DecisionDialog.h"

#include "ui_DecisionDialog.h"

#include "CaseSummary.h"
#include "documents/DocumentIssuer.h"
#include "services/CaseReader.h"

namespace oneseal::ui {

DecisionDialog::DecisionDialog(services::Session& session, const QString& caseId, QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::DecisionDialog)
    , m_session(session)
    , m_service(session)
    , m_caseId(caseId)
    , m_output(this)
{
    m_ui->setupUi(this);
    connect(m_ui->approveButton, &QPushButton::clicked, this, [this] { decide(true); });
    connect(m_ui->refuseButton, &QPushButton::clicked, this, [this] { decide(false); });
    connect(m_ui->sealButton, &QPushButton::clicked, this, &DecisionDialog::applySeal);
    connect(m_ui->passwordEdit, &QLineEdit::returnPressed, this, &DecisionDialog::applySeal);
    connect(m_ui->matterCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_reloading)
            reload();
    });
    reload();
}

DecisionDialog::~DecisionDialog() = default;

QString DecisionDialog::messageText() const
{
    return m_ui->messageLabel->isVisible() ? m_ui->messageLabel->text() : QString();
}

void DecisionDialog::showMessage(const QString& text, bool error)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error ? QStringLiteral("background: #fde7e9; color: #a4262c; padding: 6px;")
                                            : QStringLiteral("background: #dff6dd; color: #107c10; padding: 6px;"));
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void DecisionDialog::reload()
{
    const auto state = services::CaseReader(m_session).state(m_caseId);
    if (!state) {
        m_ui->caseView->setPlainText(tr("There is no such case."));
        return;
    }
    setWindowTitle(tr("Decision — %1").arg(state->caseNo));
    m_ui->caseView->setHtml(CaseSummary::html(*state, m_session.calendar()));
    // A bundle case: each matter is decided and sealed on its own; the first one still open is chosen.
    m_reloading = true;
    const QString chosen = m_ui->matterCombo->currentData().toString();
    m_ui->matterCombo->clear();
    int firstOpen = -1;
    int chosenOpen = -1;
    if (state->decidedPerMatter())
        for (const core::MatterResult& m : state->matterResults) {
            const QString name = m.name.isEmpty() ? m.code : m.name;
            QString text = name;
            if (m.decision != core::Decision::None)
                text = tr("%1 — %2").arg(name, core::displayText(m.decision));
            m_ui->matterCombo->addItem(text, m.code);
            if (m.decision == core::Decision::None || m.sealsSinceDecision == 0) { // still to decide or to seal
                if (firstOpen < 0)
                    firstOpen = m_ui->matterCombo->count() - 1;
                if (m.code == chosen)
                    chosenOpen = m_ui->matterCombo->count() - 1;
            }
        }
    m_ui->matterCombo->setCurrentIndex(chosenOpen >= 0 ? chosenOpen : std::max(0, firstOpen));
    m_ui->matterLabel->setVisible(state->decidedPerMatter());
    m_ui->matterCombo->setVisible(state->decidedPerMatter());
    m_reloading = false;
    const QString matter = m_ui->matterCombo->currentData().toString();
    auto allowed = [&](core::WorkStep step) {
        return services::CaseReader(m_session).refusal(step, *state, matter).isEmpty(); // the hall's policy in force
    };
    m_ui->approveButton->setEnabled(allowed(core::WorkStep::Approve));
    m_ui->refuseButton->setEnabled(allowed(core::WorkStep::Refuse));
    m_ui->sealGroup->setEnabled(allowed(core::WorkStep::ApplySeal));
    // Nothing to do here: say why (the role, the status, or a step of this case the user already took).
    if (!m_ui->approveButton->isEnabled() && !m_ui->refuseButton->isEnabled() && !m_ui->sealGroup->isEnabled()
        && m_ui->messageLabel->text().isEmpty())
        showMessage(services::CaseReader(m_session).refusal(core::WorkStep::Approve, *state, matter), true);
    if (m_ui->sealGroup->isEnabled() && !m_ui->approveButton->isEnabled() && !m_ui->refuseButton->isEnabled())
        m_ui->passwordEdit->setFocus();
    else
        m_ui->reasonsEdit->setFocus();
}

void DecisionDialog::decide(bool approve)
{
    QString error;
    const QString text = m_ui->reasonsEdit->toPlainText();
    const QString matter = m_ui->matterCombo->currentData().toString();
    const auto state = approve ? m_service.approve(m_caseId, text, &error, matter)
                               : m_service.refuse(m_caseId, text, &error, matter);
    if (!state) {
        showMessage(error, true);
        return;
    }
    m_ui->reasonsEdit->clear();
    showMessage(approve ? tr("Approved. Type your password to apply the seal.")
                        : tr("Refused. Type your password to apply the seal to the refusal."),
                false);
    reload();
}

void DecisionDialog::applySeal()
{
    const documents::IssuedDocument sealed
        = documents::DocumentIssuer(m_session, m_output)
              .sealDecision(m_caseId, m_ui->passwordEdit->text(), m_ui->matterCombo->currentData().toString());
    m_ui->passwordEdit->clear();
    if (!sealed.recorded()) {
        showMessage(sealed.error, true);
        m_ui->passwordEdit->setFocus();
        return;
    }
    showMessage(tr("The seal was applied to the %1 and entered in the seal register.").arg(sealed.title), false);
    reload();
}

} // namespace oneseal::ui
