#include "DecisionDialog.h"

#include "ui_DecisionDialog.h"

#include "CaseSummary.h"
#include "print/IntakeNotices.h"
#include "services/CaseReader.h"

namespace oneseal::ui {

DecisionDialog::DecisionDialog(services::Session& session, const QString& caseId, QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::DecisionDialog)
    , m_session(session)
    , m_service(session)
    , m_caseId(caseId)
{
    m_ui->setupUi(this);
    connect(m_ui->approveButton, &QPushButton::clicked, this, [this] { decide(true); });
    connect(m_ui->refuseButton, &QPushButton::clicked, this, [this] { decide(false); });
    connect(m_ui->sealButton, &QPushButton::clicked, this, &DecisionDialog::applySeal);
    connect(m_ui->passwordEdit, &QLineEdit::returnPressed, this, &DecisionDialog::applySeal);
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
    m_ui->caseView->setHtml(CaseSummary::html(*state));
    const QString& user = m_session.user().id;
    const core::Roles roles = m_session.user().roles;
    auto allowed = [&](core::WorkStep step) { return core::Workflow::check(step, *state, user, roles).isEmpty(); };
    m_ui->approveButton->setEnabled(allowed(core::WorkStep::Approve));
    m_ui->refuseButton->setEnabled(allowed(core::WorkStep::Refuse));
    m_ui->sealGroup->setEnabled(allowed(core::WorkStep::ApplySeal));
    if (m_ui->sealGroup->isEnabled() && !m_ui->approveButton->isEnabled() && !m_ui->refuseButton->isEnabled())
        m_ui->passwordEdit->setFocus();
    else
        m_ui->reasonsEdit->setFocus();
}

void DecisionDialog::decide(bool approve)
{
    QString error;
    const QString text = m_ui->reasonsEdit->toPlainText();
    const auto state = approve ? m_service.approve(m_caseId, text, &error) : m_service.refuse(m_caseId, text, &error);
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

print::NoticeDocument DecisionDialog::decisionDocument(const core::CaseState& state, const QString& bureau)
{
    print::NoticeDocument doc;
    const bool approved = state.decision == core::Decision::Approved;
    doc.title = approved ? QStringLiteral("准予行政许可决定书") : QStringLiteral("不予行政许可决定书");
    doc.documentNumber = state.caseNo;
    doc.addressee = state.applicant.name;
    doc.paragraphs << (approved ? QStringLiteral("你（单位）申请的“%1”事项，经审查，符合法定条件、标准，根据《中华人民共和国"
                                                 "行政许可法》第三十八条第一款的规定，决定准予行政许可。")
                                      .arg(state.subjectName)
                                : QStringLiteral("你（单位）申请的“%1”事项，经审查，决定不予行政许可。理由如下：%2")
                                      .arg(state.subjectName, state.decisionReasons));
    if (!approved)
        doc.closingParagraphs << QStringLiteral("如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，"
                                                "或者六个月内依法向人民法院提起行政诉讼。");
    doc.fields << qMakePair(QStringLiteral("受理编号"), state.caseNo)
               << qMakePair(QStringLiteral("申请人"), state.applicant.name);
    doc.issuer = bureau;
    doc.withSeal = true;
    return doc;
}

void DecisionDialog::applySeal()
{
    const auto state = services::CaseReader(m_session).state(m_caseId);
    if (!state)
        return;
    const print::NoticeDocument doc = decisionDocument(*state, m_session.hallName());
    QString error;
    const auto sealed = m_service.applySeal(m_caseId, m_ui->passwordEdit->text(), print::IntakeNotices::contentHash(doc),
                                            doc.title, &error);
    m_ui->passwordEdit->clear();
    if (!sealed) {
        showMessage(error, true);
        m_ui->passwordEdit->setFocus();
        return;
    }
    showMessage(tr("The seal was applied to the %1 and entered in the seal register.").arg(doc.title), false);
    reload();
}

} // namespace oneseal::ui
