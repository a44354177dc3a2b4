#include "SeparationDialog.h"

#include "ui_SeparationDialog.h"

#include <QHeaderView>
#include <QTableWidgetItem>

namespace oneseal::ui {

SeparationDialog::SeparationDialog(services::Session& session, QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::SeparationDialog)
    , m_service(session)
{
    m_ui->setupUi(this);
    m_ui->pairsView->setColumnCount(2);
    m_ui->pairsView->setHorizontalHeaderLabels({tr("Steps"), tr("In this hall")});
    m_ui->pairsView->horizontalHeader()->setStretchLastSection(true);
    m_ui->pairsView->verticalHeader()->hide();
    const QStringList pairs = services::SeparationService::allPairKeys();
    m_ui->pairsView->setRowCount(int(pairs.size()));
    for (int row = 0; row < pairs.size(); ++row) {
        const QStringList hands = pairs.at(row).split(QLatin1Char('+'));
        auto* steps = new QTableWidgetItem(tr("%1 / %2").arg(core::handDisplayName(*core::handFromKey(hands.at(0))),
                                                             core::handDisplayName(*core::handFromKey(hands.at(1)))));
        steps->setData(Qt::UserRole, pairs.at(row));
        m_ui->pairsView->setItem(row, 0, steps);
        m_ui->pairsView->setItem(row, 1, new QTableWidgetItem());
    }
    m_ui->pairsView->resizeColumnToContents(0);
    m_ui->pairsView->setCurrentCell(0, 0);
    connect(m_ui->relaxButton, &QPushButton::clicked, this, [this] { change(true); });
    connect(m_ui->restoreButton, &QPushButton::clicked, this, [this] { change(false); });
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_ui->pairsView, &QTableWidget::currentCellChanged, this, [this] { reload(); });
    reload();
    m_ui->pairsView->setFocus();
}

SeparationDialog::~SeparationDialog() = default;

QString SeparationDialog::messageText() const
{
    return m_ui->messageLabel->isVisible() ? m_ui->messageLabel->text() : QString();
}

void SeparationDialog::showMessage(const QString& text, bool error)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error ? QStringLiteral("background: #fde7e9; color: #a4262c; padding: 6px;")
                                            : QStringLiteral("background: #dff6dd; color: #107c10; padding: 6px;"));
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void SeparationDialog::reload()
{
    const auto current = m_service.current();
    const QStringList relaxed = current ? current->policy.pairKeys() : QStringList();
    for (int row = 0; row < m_ui->pairsView->rowCount(); ++row) {
        const bool isRelaxed = relaxed.contains(m_ui->pairsView->item(row, 0)->data(Qt::UserRole).toString());
        QTableWidgetItem* state = m_ui->pairsView->item(row, 1);
        state->setText(isRelaxed ? tr("relaxed: one person may take both") : tr("separate people"));
        state->setForeground(isRelaxed ? QColor(0xa4, 0x26, 0x2c) : palette().color(QPalette::Text));
    }
    m_ui->currentLabel->setText(current && !relaxed.isEmpty()
                                    ? tr("Relaxed by %1 at %2: %3").arg(current->setBy, current->setAt, current->reasons)
                                    : tr("Every step of a case is done by a different person."));
    const int row = m_ui->pairsView->currentRow();
    const bool isRelaxed
        = row >= 0 && relaxed.contains(m_ui->pairsView->item(row, 0)->data(Qt::UserRole).toString());
    m_ui->relaxButton->setEnabled(row >= 0 && !isRelaxed);
    m_ui->restoreButton->setEnabled(row >= 0 && isRelaxed);
}

void SeparationDialog::change(bool relax)
{
    const int row = m_ui->pairsView->currentRow();
    if (row < 0) {
        showMessage(tr("Choose a pair of steps first."), true);
        return;
    }
    const QString pair = m_ui->pairsView->item(row, 0)->data(Qt::UserRole).toString();
    const QString steps = m_ui->pairsView->item(row, 0)->text();
    QString error;
    const bool done = m_service.setPair(pair, relax, m_ui->reasonsEdit->text(), m_ui->passwordEdit->text(), &error);
    m_ui->passwordEdit->clear(); // typed again for every change
    if (!done) {
        showMessage(error, true);
        return;
    }
    m_ui->reasonsEdit->clear();
    showMessage(relax ? tr("Relaxed: one person may now take both the %1.").arg(steps)
                      : tr("Restored: the %1 are again done by different people.").arg(steps),
                false);
    reload();
    m_ui->pairsView->setFocus();
}

} // namespace oneseal::ui
