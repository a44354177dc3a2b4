#include "CertificateWindowWidget.h"

#include "ui_CertificateWindowWidget.h"

#include "CaseSummary.h"
#include "print/CaseCertificate.h"
#include "print/CertificateRenderer.h"
#include "db/UserRepository.h"
#include "services/IntakeService.h"

#include <QPrintPreviewDialog>
#include <QPrinter>

namespace oneseal::ui {

namespace {
/** The approver who decided the case, as printed on a licence decision. */
QString signerName(services::Session& session, const core::CaseState& state)
{
    const auto user = db::UserRepository(session.database().sql()).byId(state.decidedBy);
    return user ? user->displayName : session.hallName();
}
} // namespace

CertificateWindowWidget::CertificateWindowWidget(services::Session& session, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::CertificateWindowWidget)
    , m_session(session)
    , m_service(session)
{
    m_ui->setupUi(this);
    m_ui->collectorKindCombo->addItem(tr("Holder in person"), int(services::Collector::Kind::Holder));
    m_ui->collectorKindCombo->addItem(tr("Agent"), int(services::Collector::Kind::Agent));
    connect(m_ui->caseNoEdit, &QLineEdit::returnPressed, this, &CertificateWindowWidget::find);
    connect(m_ui->findButton, &QPushButton::clicked, this, &CertificateWindowWidget::find);
    connect(m_ui->printButton, &QPushButton::clicked, this, &CertificateWindowWidget::print);
    connect(m_ui->reprintButton, &QPushButton::clicked, this, &CertificateWindowWidget::reprint);
    connect(m_ui->voidButton, &QPushButton::clicked, this, &CertificateWindowWidget::voidCertificate);
    connect(m_ui->issueButton, &QPushButton::clicked, this, &CertificateWindowWidget::issue);
    connect(m_ui->collectorIdEdit, &QLineEdit::returnPressed, this, &CertificateWindowWidget::issue);
    // The certificate of the case's matter, on its template, with the QR payload signed by the hall's key.
    m_printer = [this](const core::CaseState& state, const QString& number) -> std::optional<QByteArray> {
        QString error;
        const auto key = m_session.sealKey(&error);
        services::IntakeService intake(m_session);
        const auto certificate = key ? print::CaseCertificate::build(state, intake.catalog(), number, m_session.hallName(),
                                                                    signerName(m_session, state),
                                                                    *key, m_session.clock().now().toLocalTime().date(), &error)
                                     : std::nullopt;
        if (!certificate) {
            showMessage(error, true);
            return std::nullopt;
        }
        print::CertificateRenderer renderer(certificate->certificateTemplate);
        if (!renderer.validate(certificate->document, &error)) {
            showMessage(error, true);
            return std::nullopt;
        }
        QPrinter printer(QPrinter::HighResolution);
        printer.setDocName(number);
        QPrintPreviewDialog preview(&printer, this);
        preview.setWindowTitle(tr("Print preview — certificate %1").arg(number));
        connect(&preview, &QPrintPreviewDialog::paintRequested, this, [&](QPrinter* p) {
            renderer.print(*p, {certificate->document}, print::PrintMode::PlainPaper, {}, nullptr);
        });
        if (preview.exec() != QDialog::Accepted)
            return std::nullopt;
        return certificate->contentHash;
    };
    reload();
}

CertificateWindowWidget::~CertificateWindowWidget() = default;

QString CertificateWindowWidget::messageText() const
{
    return m_ui->messageLabel->isVisible() ? m_ui->messageLabel->text() : QString();
}

void CertificateWindowWidget::showMessage(const QString& text, bool error)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error ? QStringLiteral("background: #fde7e9; color: #a4262c; padding: 6px;")
                                            : QStringLiteral("background: #dff6dd; color: #107c10; padding: 6px;"));
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void CertificateWindowWidget::showCase(const QString& caseId)
{
    m_caseId = caseId;
    showMessage(QString(), false);
    reload();
}

void CertificateWindowWidget::find()
{
    const auto state = services::IntakeService(m_session).caseByNumber(m_ui->caseNoEdit->text().trimmed().toUpper());
    if (!state) {
        showMessage(tr("No case has the number %1.").arg(m_ui->caseNoEdit->text().trimmed()), true);
        return;
    }
    showCase(state->caseId);
}

void CertificateWindowWidget::reload()
{
    const auto state = m_caseId.isEmpty() ? std::nullopt : services::IntakeService(m_session).caseState(m_caseId);
    const QString& user = m_session.user().id;
    const core::Roles roles = m_session.user().roles;
    auto allowed = [&](core::WorkStep step) {
        return state && core::Workflow::check(step, *state, user, roles).isEmpty();
    };
    m_ui->caseView->setHtml(state ? CaseSummary::html(*state) : tr("Find a case by its number."));
    m_ui->printButton->setEnabled(allowed(core::WorkStep::NumberCertificate) || allowed(core::WorkStep::PrintCertificate));
    m_ui->reprintButton->setEnabled(allowed(core::WorkStep::ReprintCertificate));
    m_ui->voidButton->setEnabled(allowed(core::WorkStep::VoidCertificate));
    m_ui->issueGroup->setEnabled(state && state->activeCertificate() && state->activeCertificate()->printed
                                 && !state->completed);
}

void CertificateWindowWidget::finish(const std::optional<core::CaseState>& state, const QString& error,
                                     const QString& success)
{
    if (!state) {
        showMessage(error, true);
        return;
    }
    m_ui->reasonEdit->clear();
    showMessage(success, false);
    reload();
}

void CertificateWindowWidget::print()
{
    auto state = services::IntakeService(m_session).caseState(m_caseId);
    if (!state)
        return;
    QString error;
    QString number = state->activeCertificate() && !state->activeCertificate()->printed ? state->activeCertificate()->number
                                                                                       : QString();
    if (number.isEmpty()) {
        const auto taken = m_service.takeNumber(m_caseId, &error);
        if (!taken) {
            showMessage(error, true);
            return;
        }
        number = *taken;
        state = services::IntakeService(m_session).caseState(m_caseId);
    }
    const auto hash = m_printer ? m_printer(*state, number) : std::nullopt;
    if (!hash) {
        showMessage(tr("Certificate %1 was not printed; its number stays reserved for this case.").arg(number), true);
        reload();
        return;
    }
    const auto printed = m_service.recordPrinted(m_caseId, number, *hash, &error);
    finish(printed, error, tr("Certificate %1 printed.").arg(number));
}

void CertificateWindowWidget::reprint()
{
    const auto state = services::IntakeService(m_session).caseState(m_caseId);
    if (!state || !state->activeCertificate())
        return;
    QString error;
    if (QString v = core::Workflow::checkReasons(m_ui->reasonEdit->text(), true, tr("reason for the reprint")); !v.isEmpty()) {
        showMessage(v, true);
        m_ui->reasonEdit->setFocus();
        return;
    }
    const auto hash = m_printer ? m_printer(*state, state->activeCertificate()->number) : std::nullopt;
    if (!hash) {
        showMessage(tr("Nothing was printed."), true);
        return;
    }
    const auto done = m_service.recordReprint(m_caseId, m_ui->reasonEdit->text(), *hash, &error);
    finish(done, error, tr("Reprinted; the reprint is counted on the record."));
}

void CertificateWindowWidget::voidCertificate()
{
    QString error;
    const auto done = m_service.voidCertificate(m_caseId, m_ui->reasonEdit->text(), &error);
    if (!done)
        m_ui->reasonEdit->setFocus();
    finish(done, error, tr("The certificate is void; its number will not be used again."));
}

void CertificateWindowWidget::issue()
{
    services::Collector c;
    c.kind = services::Collector::Kind(m_ui->collectorKindCombo->currentData().toInt());
    c.name = m_ui->collectorNameEdit->text();
    c.idNumber = m_ui->collectorIdEdit->text();
    QString error;
    const auto done = m_service.issue(m_caseId, c, &error);
    if (done) {
        m_ui->collectorNameEdit->clear();
        m_ui->collectorIdEdit->clear();
    }
    finish(done, error,
           done ? (done->onTime ? tr("Handed over; case %1 is completed on time.").arg(done->caseNo)
                                : tr("Handed over; case %1 is completed, late.").arg(done->caseNo))
                : QString());
}

} // namespace oneseal::ui
