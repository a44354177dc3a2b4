#include "PledgeCheckWidget.h"

#include "ui_PledgeCheckWidget.h"

#include "PrintPreviewOutput.h"
#include "QueueModel.h"
#include "documents/DocumentIssuer.h"
#include "services/AuthService.h"

#include <QHeaderView>
#include <QShortcut>

namespace oneseal::ui {

PledgeCheckWidget::PledgeCheckWidget(services::Session& session, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::PledgeCheckWidget)
    , m_session(session)
    , m_service(session)
{
    m_ui->setupUi(this);
    m_ui->tasksView->setColumnCount(5);
    m_ui->tasksView->setHorizontalHeaderLabels({tr("Case number"), tr("Matter"), tr("Holder"), tr("Check"), tr("Due by")});
    m_ui->tasksView->verticalHeader()->hide();
    m_ui->tasksView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->tasksView->horizontalHeader()->setStretchLastSection(true);
    const bool checks = m_session.can(core::Action::VerifyPledge);
    const bool decides = m_session.can(core::Action::DecideCase);
    m_ui->confirmButton->setVisible(checks);
    m_ui->rectifyButton->setVisible(checks);
    m_ui->failButton->setVisible(checks);
    m_ui->deadlineLabel->setVisible(checks);
    m_ui->deadlineEdit->setVisible(checks);
    m_ui->revokeButton->setVisible(decides);
    m_ui->passwordLabel->setVisible(decides);
    m_ui->passwordEdit->setVisible(decides);
    m_ui->deadlineEdit->setDate(m_service.today().addDays(30));
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &PledgeCheckWidget::refresh);
    struct Key
    {
        QPushButton* button;
        Qt::Key key;
        bool (PledgeCheckWidget::*slot)();
    };
    for (const Key& k : {Key{m_ui->confirmButton, Qt::Key_1, &PledgeCheckWidget::confirm},
                         Key{m_ui->rectifyButton, Qt::Key_2, &PledgeCheckWidget::orderRectification},
                         Key{m_ui->failButton, Qt::Key_3, &PledgeCheckWidget::markFalse},
                         Key{m_ui->revokeButton, Qt::Key_4, &PledgeCheckWidget::revoke}}) {
        const auto slot = k.slot;
        QPushButton* button = k.button;
        connect(button, &QPushButton::clicked, this, [this, slot] { (this->*slot)(); });
        auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | k.key), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, [this, slot, button] {
            if (button->isVisible())
                (this->*slot)();
        });
    }
    refresh();
}

PledgeCheckWidget::~PledgeCheckWidget() = default;

QString PledgeCheckWidget::messageText() const
{
    return m_ui->messageLabel->isVisible() ? m_ui->messageLabel->text() : QString();
}

QStringList PledgeCheckWidget::caseIds() const
{
    QStringList ids;
    for (const services::VerificationItem& i : m_items)
        ids << i.row.caseId;
    return ids;
}

void PledgeCheckWidget::setDocumentOutput(print::DocumentOutput* output)
{
    m_output = output;
}

void PledgeCheckWidget::showMessage(const QString& text, bool error)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error ? QStringLiteral("background: #fde7e9; color: #a4262c; padding: 6px;")
                                            : QStringLiteral("background: #dff6dd; color: #107c10; padding: 6px;"));
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void PledgeCheckWidget::refresh()
{
    m_items.clear();
    QString error;
    if (m_service.maySeeVerifications())
        m_items += m_service.verificationTasks(&error).value_or(QList<services::VerificationItem>());
    if (m_session.can(core::Action::DecideCase) || m_session.can(core::Action::ReadAllCases))
        m_items += m_service.falsePledges(&error).value_or(QList<services::VerificationItem>());
    m_ui->tasksView->setRowCount(int(m_items.size()));
    for (int row = 0; row < m_items.size(); ++row) {
        const services::VerificationItem& item = m_items.at(row);
        const QStringList cells{item.row.caseNo, item.row.subjectName, item.row.applicantName,
                                core::displayText(item.row.state),
                                item.row.due.isValid() ? item.row.due.toString(Qt::ISODate) : QString()};
        for (int column = 0; column < cells.size(); ++column) {
            auto* cell = new QTableWidgetItem(cells.at(column));
            if (const QColor c = QueueModel::warningColour(item.warning); c.isValid())
                cell->setBackground(c);
            m_ui->tasksView->setItem(row, column, cell);
        }
    }
    m_ui->countLabel->setText(tr("%n pledge(s) to check or revoke", nullptr, int(m_items.size())));
    if (!m_items.isEmpty())
        m_ui->tasksView->selectRow(0);
}

QString PledgeCheckWidget::selectedCase() const
{
    const int row = m_ui->tasksView->currentRow();
    return row >= 0 && row < m_items.size() ? m_items.at(row).row.caseId : QString();
}

bool PledgeCheckWidget::done(const std::optional<core::CaseState>& state, const QString& error, const QString& what)
{
    if (!state) {
        showMessage(error, true);
        return false;
    }
    m_ui->notesEdit->clear();
    showMessage(what.arg(state->caseNo), false);
    refresh();
    return true;
}

bool PledgeCheckWidget::confirm()
{
    QString error;
    return done(m_service.confirmPledge(selectedCase(), m_ui->notesEdit->text(), &error), error,
                tr("The pledge of case %1 is confirmed."));
}

bool PledgeCheckWidget::orderRectification()
{
    QString error;
    return done(m_service.orderRectification(selectedCase(), m_ui->deadlineEdit->date(), m_ui->notesEdit->text(), &error),
                error, tr("Case %1 must rectify by %2; it is checked again then.")
                           .arg(QStringLiteral("%1"), m_ui->deadlineEdit->date().toString(Qt::ISODate)));
}

bool PledgeCheckWidget::markFalse()
{
    QString error;
    return done(m_service.failPledge(selectedCase(), m_ui->notesEdit->text(), &error), error,
                tr("The pledge of case %1 is recorded as false; an approver revokes the approval."));
}

bool PledgeCheckWidget::revoke()
{
    const QString caseId = selectedCase();
    const QString password = m_ui->passwordEdit->text();
    m_ui->passwordEdit->clear();
    // The password first: an approval is never revoked without its sealed decision.
    if (!services::AuthService::verifyPassword(m_session, password)) {
        showMessage(tr("The password is wrong; nothing was changed."), true);
        return false;
    }
    QString error;
    const auto state = m_service.revoke(caseId, m_ui->notesEdit->text(), &error);
    if (!state) {
        showMessage(error, true);
        return false;
    }
    PrintPreviewOutput preview(this);
    const documents::IssuedDocument sealed
        = documents::DocumentIssuer(m_session, m_output ? *m_output : preview).sealDecision(caseId, password);
    m_ui->notesEdit->clear();
    if (sealed.recorded())
        showMessage(tr("The approval of case %1 is revoked; its certificate is void. The %2 is sealed.")
                        .arg(state->caseNo, sealed.title),
                    false);
    else
        showMessage(tr("The approval of case %1 is revoked, but the seal was not applied: %2").arg(state->caseNo, sealed.error),
                    true);
    refresh();
    return true;
}

} // namespace oneseal::ui
