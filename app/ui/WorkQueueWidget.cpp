#include "WorkQueueWidget.h"

#include "ui_WorkQueueWidget.h"

#include "ClockDialog.h"
#include "QueueModel.h"
#include "services/AuditService.h"

#include <QHeaderView>
#include <QShortcut>

namespace oneseal::ui {

WorkQueueWidget::WorkQueueWidget(services::Session& session, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::WorkQueueWidget)
    , m_session(session)
    , m_service(session)
    , m_model(new QueueModel(this))
{
    m_ui->setupUi(this);
    m_ui->queueView->setModel(m_model);
    setFocusProxy(m_ui->queueView); // the queue opens with the keyboard in the table: Enter opens a case
    m_ui->queueView->verticalHeader()->hide();
    m_ui->queueView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->queueView->horizontalHeader()->setStretchLastSection(true);
    for (core::Role r : m_service.visibleRoles())
        m_ui->roleCombo->addItem(core::roleDisplayName(r), int(r));
    connect(m_ui->roleCombo, &QComboBox::currentIndexChanged, this, &WorkQueueWidget::refresh);
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &WorkQueueWidget::refresh);
    connect(m_ui->openButton, &QPushButton::clicked, this, &WorkQueueWidget::openCurrent);
    connect(m_ui->queueView, &QAbstractItemView::activated, this, &WorkQueueWidget::openCurrent);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_ui->openButton->setEnabled(m_model->rowCount() > 0);
        m_ui->clockButton->setEnabled(m_model->rowCount() > 0);
    });
    // Stopping the clock (听证, 检验, 专家评审) and extending the limit: reviewers, inspectors, approvers.
    m_ui->clockButton->setVisible(m_session.can(core::Action::StopClock) || m_session.can(core::Action::DecideCase));
    connect(m_ui->clockButton, &QPushButton::clicked, this, &WorkQueueWidget::openClock);
    auto* clock = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_K), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(clock, &QShortcut::activated, m_ui->clockButton, [this] {
        if (m_ui->clockButton->isVisible())
            openClock();
    });
    refresh();
}

WorkQueueWidget::~WorkQueueWidget() = default;

core::Role WorkQueueWidget::currentRole() const
{
    return core::Role(m_ui->roleCombo->currentData().toInt());
}

void WorkQueueWidget::setRole(core::Role role)
{
    const int i = m_ui->roleCombo->findData(int(role));
    if (i >= 0)
        m_ui->roleCombo->setCurrentIndex(i);
}

void WorkQueueWidget::refresh()
{
    QString error;
    const auto items = m_ui->roleCombo->count() > 0 ? m_service.queue(currentRole(), &error) : std::nullopt;
    m_model->setItems(items.value_or(QList<services::QueueItem>()));
    int red = 0;
    for (int i = 0; i < m_model->rowCount(); ++i)
        red += m_model->itemAt(i).warning == core::DeadlineWarning::Red ? 1 : 0;
    m_ui->countLabel->setText(!items ? error
                                     : tr("%n case(s) waiting", nullptr, m_model->rowCount())
                                           + (red > 0 ? tr(", %n overdue", nullptr, red) : QString()));
    if (m_model->rowCount() > 0) {
        m_ui->queueView->selectRow(0);
        m_ui->queueView->setCurrentIndex(m_model->index(0, 0));
    }
    showRefusedEvents();
}

void WorkQueueWidget::showRefusedEvents()
{
    if (!m_session.can(core::Action::ViewAudit)) {
        m_ui->refusedLabel->hide();
        return;
    }
    const auto refused = services::AuditService(m_session).quarantinedEvents(nullptr);
    if (!refused || refused->isEmpty()) {
        m_ui->refusedLabel->hide();
        return;
    }
    QStringList lines{tr("%n event(s) refused by the hall's rules (kept, not counted):", nullptr, int(refused->size()))};
    for (qsizetype i = 0; i < refused->size() && i < 10; ++i) {
        const core::Event& e = refused->at(i);
        lines << tr("%1 from workstation %2, written as %3: %4").arg(e.kind, e.workstation, e.userId, e.quarantine);
    }
    if (refused->size() > 10)
        lines << tr("… and %n more (oneseal-admin verify-audit lists them all)", nullptr, int(refused->size() - 10));
    m_ui->refusedLabel->setText(lines.join(QLatin1Char('\n')));
    m_ui->refusedLabel->show();
}

void WorkQueueWidget::openClock()
{
    const int row = m_ui->queueView->currentIndex().row();
    if (row < 0 || row >= m_model->rowCount())
        return;
    ClockDialog dialog(m_session, m_model->itemAt(row).row.caseId, this);
    if (m_clockDialogHook)
        m_clockDialogHook(dialog);
    else
        dialog.exec();
    refresh();
}

void WorkQueueWidget::openCurrent()
{
    const int row = m_ui->queueView->currentIndex().row();
    if (row < 0 || row >= m_model->rowCount())
        return;
    emit openRequested(m_model->itemAt(row).row.caseId, currentRole());
}

} // namespace oneseal::ui
