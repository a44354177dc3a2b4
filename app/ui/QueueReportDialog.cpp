#include "QueueReportDialog.h"

#include "ui_QueueReportDialog.h"

#include "core/Counter.h"

#include <QFileDialog>
#include <QHeaderView>
#include <QShortcut>
#include <QStandardItemModel>

namespace oneseal::ui {

QueueReportDialog::QueueReportDialog(services::Session& session, QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::QueueReportDialog)
    , m_session(session)
    , m_model(new QStandardItemModel(this))
{
    m_ui->setupUi(this);
    const QDate today = m_session.clock().today();
    m_ui->fromDateEdit->setDate(today.addDays(1 - today.day())); // the month so far
    m_ui->toDateEdit->setDate(today);
    m_model->setHorizontalHeaderLabels(
        {tr("Group"), tr("Name"), tr("Served"), tr("Waited (known)"), tr("Wait mean (min)"), tr("Wait 90% (min)"),
         tr("Served (called)"), tr("Service mean (min)"), tr("Service 90% (min)"), tr("Rated"),
         core::counter::ratingText(core::counter::Rating(5)), core::counter::ratingText(core::counter::Rating(4)),
         core::counter::ratingText(core::counter::Rating(3)), core::counter::ratingText(core::counter::Rating(2)),
         core::counter::ratingText(core::counter::Rating(1))});
    m_ui->reportView->setModel(m_model);
    m_ui->reportView->verticalHeader()->hide();
    m_ui->reportView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->showButton->setDefault(true);
    m_ui->showButton->setAutoDefault(true);
    m_ui->exportButton->setAutoDefault(false);
    m_ui->closeButton->setAutoDefault(false);
    m_ui->exportButton->setToolTip(QKeySequence(Qt::CTRL | Qt::Key_E).toString(QKeySequence::NativeText));
    connect(m_ui->showButton, &QPushButton::clicked, this, &QueueReportDialog::refresh);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &QueueReportDialog::exportAsked);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::reject);
    auto* exportKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_E), this);
    connect(exportKey, &QShortcut::activated, this, &QueueReportDialog::exportAsked);
    refresh();
    m_ui->reportView->setFocus(Qt::OtherFocusReason);
}

QueueReportDialog::~QueueReportDialog() = default;

QString QueueReportDialog::messageText() const
{
    return m_ui->messageLabel->text();
}

QString QueueReportDialog::summaryText() const
{
    return m_ui->summaryLabel->text();
}

void QueueReportDialog::showMessage(const QString& text, bool error)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error ? QStringLiteral("color: #a4262c;") : QString());
}

bool QueueReportDialog::refresh()
{
    m_model->removeRows(0, m_model->rowCount());
    QString error;
    m_report = services::CounterService(m_session).report(m_ui->fromDateEdit->date(), m_ui->toDateEdit->date(), &error);
    m_ui->exportButton->setEnabled(m_report.has_value());
    if (!m_report) {
        m_ui->summaryLabel->clear();
        showMessage(error, true);
        return false;
    }
    showMessage(QString(), false);
    const services::QueueReport& r = *m_report;
    auto minutes = [](double seconds) { return QString::number(seconds / 60.0, 'f', 1); };
    m_ui->summaryLabel->setText(
        tr("%1 to %2: %3 ticket(s) served. Waiting (drawn to called): mean %4 min, 90% within %5 min. Service "
           "(called to recorded): mean %6 min, 90% within %7 min. %8 rating(s).")
            .arg(r.from.toString(Qt::ISODate), r.to.toString(Qt::ISODate))
            .arg(r.served)
            .arg(minutes(r.meanWaitSeconds), minutes(r.p90WaitSeconds), minutes(r.meanServiceSeconds),
                 minutes(r.p90ServiceSeconds))
            .arg(r.rated));
    auto add = [&](const QString& group, const QString& name, const services::QueueFigures& f) {
        QList<QStandardItem*> row{new QStandardItem(group), new QStandardItem(name)};
        auto number = [](const QString& text) {
            auto* item = new QStandardItem(text);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            return item;
        };
        row << number(QString::number(f.served)) << number(QString::number(f.withWaiting))
            << number(minutes(f.meanWaitSeconds)) << number(minutes(f.p90WaitSeconds))
            << number(QString::number(f.withService)) << number(minutes(f.meanServiceSeconds))
            << number(minutes(f.p90ServiceSeconds)) << number(QString::number(f.rated));
        for (int level = 5; level >= 1; --level)
            row << number(QString::number(f.ratings[size_t(level - 1)]));
        m_model->appendRow(row);
    };
    add(tr("Whole period"), QString(), r);
    for (const services::QueueGroup& g : r.byDay)
        add(tr("Day"), g.label, g.figures);
    for (const services::QueueGroup& g : r.byWindow)
        add(tr("Window"), g.label, g.figures);
    for (const services::QueueGroup& g : r.byClerk)
        add(tr("Clerk"), g.label, g.figures);
    if (m_model->rowCount() > 0)
        m_ui->reportView->setCurrentIndex(m_model->index(0, 0));
    return true;
}

bool QueueReportDialog::exportTo(const QString& path)
{
    QString error;
    const auto served = services::CounterService(m_session).exportReport(m_ui->fromDateEdit->date(),
                                                                         m_ui->toDateEdit->date(), path, &error);
    if (!served) {
        showMessage(error, true);
        return false;
    }
    showMessage(tr("Wrote the report of %n ticket(s) to %1.", nullptr, *served).arg(path), false);
    return true;
}

void QueueReportDialog::exportAsked()
{
    if (!m_report)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the queue report"),
        QStringLiteral("queue-%1-%2.csv").arg(m_report->from.toString(Qt::ISODate), m_report->to.toString(Qt::ISODate)),
        tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportTo(path);
}

} // namespace oneseal::ui
