#include "SealRegisterWidget.h"

#include "ui_SealRegisterWidget.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QStandardItemModel>

namespace oneseal::ui {

SealRegisterWidget::SealRegisterWidget(services::Session& session, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::SealRegisterWidget)
    , m_service(session)
    , m_model(new QStandardItemModel(this))
{
    m_ui->setupUi(this);
    const QDate today = session.clock().now().toLocalTime().date();
    m_ui->fromDateEdit->setDate(QDate(today.year(), 1, 1));
    m_ui->toDateEdit->setDate(today);
    m_model->setHorizontalHeaderLabels({tr("Time"), tr("Case number"), tr("Kind"), tr("Document"), tr("Document SHA-256"),
                                        tr("User"), tr("Workstation")});
    m_ui->kindCombo->addItem(tr("All documents"), int(core::SealedDocument::None));
    for (core::SealedDocument kind : core::sealedDocumentKinds())
        m_ui->kindCombo->addItem(core::displayText(kind), int(kind));
    connect(m_ui->kindCombo, &QComboBox::currentIndexChanged, this, &SealRegisterWidget::refresh);
    m_ui->registerView->setModel(m_model);
    m_ui->registerView->verticalHeader()->hide();
    m_ui->registerView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &SealRegisterWidget::refresh);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &SealRegisterWidget::chooseExportFile);
    refresh();
}

SealRegisterWidget::~SealRegisterWidget() = default;

QString SealRegisterWidget::messageText() const
{
    return m_ui->messageLabel->isVisible() ? m_ui->messageLabel->text() : QString();
}

void SealRegisterWidget::showMessage(const QString& text, bool error)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error ? QStringLiteral("background: #fde7e9; color: #a4262c; padding: 6px;")
                                            : QStringLiteral("background: #dff6dd; color: #107c10; padding: 6px;"));
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void SealRegisterWidget::refresh()
{
    m_model->removeRows(0, m_model->rowCount());
    QString error;
    const auto rows = m_service.sealRegister(m_ui->fromDateEdit->date(), m_ui->toDateEdit->date(), &error, kind());
    if (!rows) {
        showMessage(error, true);
        return;
    }
    for (const db::SealRegisterRow& r : *rows) {
        QList<QStandardItem*> items;
        for (const QString& text : {r.appliedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), r.caseNo,
                                    core::displayText(r.documentKind), r.documentTitle, r.documentHash, r.userName, r.workstation})
            items << new QStandardItem(text);
        m_model->appendRow(items);
    }
    m_ui->countLabel->setText(tr("%n seal use(s)", nullptr, int(rows->size())));
}

core::SealedDocument SealRegisterWidget::kind() const
{
    return core::SealedDocument(m_ui->kindCombo->currentData().toInt());
}

bool SealRegisterWidget::exportTo(const QString& path)
{
    QString error;
    const auto written
        = m_service.exportSealRegister(path, m_ui->fromDateEdit->date(), m_ui->toDateEdit->date(), &error, kind());
    if (!written) {
        showMessage(error, true);
        return false;
    }
    showMessage(tr("Wrote %n seal use(s) to %1.", nullptr, *written).arg(path), false);
    return true;
}

void SealRegisterWidget::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the seal register"),
                                                      QStringLiteral("seal-register.csv"), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportTo(path);
}

} // namespace oneseal::ui
