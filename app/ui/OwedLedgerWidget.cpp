#include "OwedLedgerWidget.h"

#include "ui_OwedLedgerWidget.h"

#include "OwedMaterialsModel.h"
#include "PrintPreviewOutput.h"
#include "documents/DocumentIssuer.h"
#include "services/AuthService.h"
#include "services/CaseReader.h"

#include <QHeaderView>
#include <QShortcut>

namespace oneseal::ui {

OwedLedgerWidget::OwedLedgerWidget(services::Session& session, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::OwedLedgerWidget)
    , m_session(session)
    , m_service(session)
    , m_model(new OwedMaterialsModel(this))
{
    m_ui->setupUi(this);
    m_ui->ledgerView->setModel(m_model);
    m_ui->ledgerView->verticalHeader()->hide();
    m_ui->ledgerView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->ledgerView->horizontalHeader()->setStretchLastSection(true);
    m_ui->lapseGroup->setVisible(m_session.can(core::Action::DecideCase));
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &OwedLedgerWidget::refresh);
    connect(m_ui->lapseButton, &QPushButton::clicked, this, &OwedLedgerWidget::endSelectedCase);
    connect(m_ui->ledgerView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &OwedLedgerWidget::offerLapseStep);
    auto* lapse = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_T), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(lapse, &QShortcut::activated, this, [this] {
        if (m_ui->lapseGroup->isVisible())
            endSelectedCase();
    });
    refresh();
}

OwedLedgerWidget::~OwedLedgerWidget() = default;

QString OwedLedgerWidget::messageText() const
{
    return m_ui->messageLabel->isVisible() ? m_ui->messageLabel->text() : QString();
}

void OwedLedgerWidget::setDocumentOutput(print::DocumentOutput* output)
{
    m_output = output;
}

void OwedLedgerWidget::showMessage(const QString& text, bool error)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error ? QStringLiteral("background: #fde7e9; color: #a4262c; padding: 6px;")
                                            : QStringLiteral("background: #dff6dd; color: #107c10; padding: 6px;"));
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void OwedLedgerWidget::refresh()
{
    QString error;
    const auto items = m_service.owedMaterials(QString(), &error);
    m_model->setItems(items.value_or(QList<services::OwedItem>()));
    int red = 0;
    for (int i = 0; i < m_model->rowCount(); ++i)
        red += m_model->itemAt(i).warning == core::DeadlineWarning::Red ? 1 : 0;
    m_ui->countLabel->setText(!items ? error
                                     : tr("%n material(s) owed", nullptr, m_model->rowCount())
                                           + (red > 0 ? tr(", %n overdue", nullptr, red) : QString()));
    if (m_model->rowCount() > 0)
        m_ui->ledgerView->selectRow(0);
    offerLapseStep();
}

void OwedLedgerWidget::offerLapseStep()
{
    const int row = m_ui->ledgerView->currentIndex().row();
    const auto step = row >= 0 && row < m_model->rowCount()
        ? m_service.lapseStep(m_model->itemAt(row).row.caseId, nullptr)
        : std::nullopt;
    m_ui->lapseButton->setText(!step ? tr("Terminate or revoke and seal (Ctrl+T)")
                               : *step == core::WorkStep::Revoke ? tr("Revoke the approval and seal (Ctrl+T)")
                                                                 : tr("Terminate the case and seal (Ctrl+T)"));
}

bool OwedLedgerWidget::endSelectedCase()
{
    const int row = m_ui->ledgerView->currentIndex().row();
    if (row < 0 || row >= m_model->rowCount()) {
        showMessage(tr("Select the owed material whose case is to end."), true);
        return false;
    }
    const db::OwedMaterialRow owed = m_model->itemAt(row).row;
    const auto state = services::CaseReader(m_session).state(owed.caseId);
    if (!state) {
        showMessage(tr("Case %1 is no longer there.").arg(owed.caseNo), true);
        return false;
    }
    // The password first: a case is never ended without its sealed document. It is typed again each time.
    const QString password = m_ui->passwordEdit->text();
    m_ui->passwordEdit->clear();
    if (!services::AuthService::verifyPassword(m_session, password)) {
        showMessage(tr("The password is wrong; nothing was changed."), true);
        return false;
    }
    QString error;
    // The step the catalog says for the case's matters (Matter::onOwedLapse), as the button names it.
    const auto step = m_service.lapseStep(owed.caseId, &error);
    if (!step) {
        showMessage(error, true);
        return false;
    }
    const bool revoke = *step == core::WorkStep::Revoke;
    const QString reasons = m_ui->reasonsEdit->text();
    const auto ended = revoke ? m_service.revoke(owed.caseId, reasons, &error)
                              : m_service.terminate(owed.caseId, reasons, &error);
    if (!ended) {
        showMessage(error, true);
        return false;
    }
    PrintPreviewOutput preview(this);
    const documents::IssuedDocument sealed
        = documents::DocumentIssuer(m_session, m_output ? *m_output : preview).sealDecision(owed.caseId, password);
    m_ui->reasonsEdit->clear();
    if (sealed.recorded())
        showMessage(revoke ? tr("The approval of case %1 is revoked; its certificate is void. The %2 is sealed.")
                                   .arg(owed.caseNo, sealed.title)
                             : tr("Case %1 is terminated. The %2 is sealed.").arg(owed.caseNo, sealed.title),
                    false);
    else
        showMessage(tr("Case %1 is ended, but the seal was not applied: %2. Seal it from the decision window.")
                        .arg(owed.caseNo, sealed.error),
                    true);
    refresh();
    return true;
}

} // namespace oneseal::ui
