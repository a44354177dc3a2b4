#include "ReviewDialog.h"

#include "ui_ReviewDialog.h"

#include "CaseSummary.h"
#include "MatterChoice.h"
#include "documents/DocumentIssuer.h"
#include "services/CaseReader.h"

namespace oneseal::ui {

ReviewDialog::ReviewDialog(services::Session& session, const QString& caseId, QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::ReviewDialog)
    , m_session(session)
    , m_service(session)
    , m_caseId(caseId)
    , m_preview(this)
    , m_output(&m_preview)
{
    m_ui->setupUi(this);
    connect(m_ui->passButton, &QPushButton::clicked, this, &ReviewDialog::pass);
    connect(m_ui->correctionButton, &QPushButton::clicked, this, &ReviewDialog::requestCorrection);
    connect(m_ui->receivedButton, &QPushButton::clicked, this, &ReviewDialog::receiveCorrection);
    connect(m_ui->refuseButton, &QPushButton::clicked, this, &ReviewDialog::proposeRefusal);
    connect(m_ui->matterCombo, &QComboBox::currentIndexChanged, this, &ReviewDialog::reload);
    reload();
    m_ui->notesEdit->setFocus();
}

ReviewDialog::~ReviewDialog() = default;

QString ReviewDialog::messageText() const
{
    return m_ui->messageLabel->isVisible() ? m_ui->messageLabel->text() : QString();
}

void ReviewDialog::showMessage(const QString& text, bool error)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error ? QStringLiteral("background: #fde7e9; color: #a4262c; padding: 6px;")
                                            : QStringLiteral("background: #dff6dd; color: #107c10; padding: 6px;"));
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void ReviewDialog::reload()
{
    const auto state = services::CaseReader(m_session).state(m_caseId);
    if (!state) {
        m_ui->caseView->setPlainText(tr("There is no such case."));
        return;
    }
    setWindowTitle(tr("Review — %1").arg(state->caseNo));
    m_ui->caseView->setHtml(CaseSummary::html(*state, m_session.calendar()));
    // A bundle: each matter is reviewed on its own; the first not yet reviewed comes up.
    MatterChoice::fill(m_ui->matterCombo, m_ui->matterLabel, *state, [](const core::MatterResult& m) {
        return m.review == core::MatterResult::Review::None && m.decision == core::Decision::None;
    });
    const QString matter = m_ui->matterCombo->currentData().toString();
    const services::CaseReader reader(m_session); // the hall's separation policy in force, as the service checks it
    auto allowed = [&](core::WorkStep step) {
        const bool perMatter = step == core::WorkStep::ReviewPass || step == core::WorkStep::ProposeRefusal;
        return reader.refusal(step, *state, perMatter ? matter : QString()).isEmpty();
    };
    m_ui->passButton->setEnabled(allowed(core::WorkStep::ReviewPass));
    m_ui->correctionButton->setEnabled(allowed(core::WorkStep::RequestCorrection));
    m_ui->receivedButton->setEnabled(allowed(core::WorkStep::ReceiveCorrection));
    m_ui->refuseButton->setEnabled(allowed(core::WorkStep::ProposeRefusal));
    // Nothing to do here: say why (the role, the status, or a step of this case the user already took).
    if (!m_ui->passButton->isEnabled() && !m_ui->correctionButton->isEnabled() && !m_ui->receivedButton->isEnabled()
        && !m_ui->refuseButton->isEnabled()
        && m_ui->messageLabel->text().isEmpty())
        showMessage(reader.refusal(core::WorkStep::ReviewPass, *state), true);
}

void ReviewDialog::done(const std::optional<core::CaseState>& state, const QString& error, const QString& success)
{
    if (!state) {
        showMessage(error, true);
        return;
    }
    m_ui->notesEdit->clear();
    showMessage(success, false);
    reload();
}

void ReviewDialog::pass()
{
    QString error;
    const QString matter = m_ui->matterCombo->currentData().toString();
    const auto state = m_service.pass(m_caseId, m_ui->notesEdit->toPlainText(), &error, matter);
    if (state && state->decidedPerMatter()) {
        const core::MatterResult* m = state->matterResult(matter);
        done(state, error,
             m && m->inspectionRequired ? tr("Review of %1 passed; it goes to site inspection.").arg(m->name)
                                        : tr("Review of %1 passed; it goes to the approver.").arg(m ? m->name : matter));
        return;
    }
    done(state, error,
         state && state->inspectionRequired ? tr("Review passed; the case goes to site inspection.")
                                            : tr("Review passed; the case goes to the approver."));
}

void ReviewDialog::requestCorrection()
{
    QString error;
    const auto state = m_service.requestCorrection(m_caseId, m_ui->notesEdit->toPlainText(), &error);
    if (!state) {
        showMessage(error, true);
        return;
    }
    const documents::IssuedDocument notice = documents::DocumentIssuer(m_session, *m_output).printCorrectionNotice(m_caseId);
    done(state, error,
         notice.recorded() ? tr("Returned for correction; the clock stands still. The notice was printed.")
                 : tr("Returned for correction; the clock stands still. Print the notice from the case later."));
}

void ReviewDialog::receiveCorrection()
{
    QString error;
    const auto state = m_service.receiveCorrection(m_caseId, m_ui->notesEdit->toPlainText(), &error);
    done(state, error,
         state ? tr("The clock runs again; the case is now due on %1.").arg(state->promisedDue.toString(Qt::ISODate))
               : QString());
}

void ReviewDialog::proposeRefusal()
{
    QString error;
    const auto state = m_service.proposeRefusal(m_caseId, m_ui->notesEdit->toPlainText(), &error,
                                                m_ui->matterCombo->currentData().toString());
    done(state, error, tr("Refusal proposed; the approver decides."));
}

} // namespace oneseal::ui
