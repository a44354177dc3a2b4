#include "CalibrationDialog.h"

#include "ui_CalibrationDialog.h"

#include "print/AlignmentPage.h"
#include "print/CertificateTemplate.h"

#include <QDir>
#include <QFileDialog>
#include <QLocale>
#include <QPrinter>
#include <QPrinterInfo>
#include <QStandardPaths>

#include <cmath>

namespace oneseal::ui {

namespace {

    QString millimetres(double value)
    {
        return QString::number(value, 'f', 2);
    }

} // namespace

CalibrationDialog::CalibrationDialog(services::Session& session, QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::CalibrationDialog)
    , m_session(session)
    , m_service(session)
{
    m_ui->setupUi(this);
    m_rows = { { QStringLiteral("A"), m_ui->aXEdit, m_ui->aYEdit }, { QStringLiteral("B"), m_ui->bXEdit, m_ui->bYEdit },
        { QStringLiteral("C"), m_ui->cXEdit, m_ui->cYEdit }, { QStringLiteral("D"), m_ui->dXEdit, m_ui->dYEdit },
        { QStringLiteral("E"), m_ui->eXEdit, m_ui->eYEdit } };

    const QString defaultPrinter = QPrinterInfo::defaultPrinterName();
    for (const QString& name : QPrinterInfo::availablePrinterNames())
        m_ui->printerCombo->addItem(name, name);
    m_ui->printerCombo->addItem(tr("PDF file"), services::CalibrationService::pdfPrinterName());
    const int preferred = m_ui->printerCombo->findData(defaultPrinter);
    m_ui->printerCombo->setCurrentIndex(preferred >= 0 ? preferred : 0);
    for (const print::CertificateTemplate& t : print::CertificateTemplate::builtIn())
        m_ui->templateCombo->addItem(QStringLiteral("%1 (%2)").arg(t.name(), t.id()), t.id());

    m_chooseFile = [this](const QString& suggested) {
        return QFileDialog::getSaveFileName(this, tr("Save the alignment page"), suggested, tr("PDF files (*.pdf)"));
    };
    connect(m_ui->printerCombo, &QComboBox::currentIndexChanged, this, &CalibrationDialog::reloadSaved);
    connect(m_ui->templateCombo, &QComboBox::currentIndexChanged, this, &CalibrationDialog::reloadSaved);
    connect(m_ui->alignmentButton, &QPushButton::clicked, this, &CalibrationDialog::printAlignmentPage);
    connect(m_ui->calculateButton, &QPushButton::clicked, this, &CalibrationDialog::calculate);
    connect(m_ui->saveButton, &QPushButton::clicked, this, &CalibrationDialog::save);
    connect(m_ui->resetButton, &QPushButton::clicked, this, &CalibrationDialog::reset);
    for (const Row& row : std::as_const(m_rows)) {
        connect(row.x, &QLineEdit::textEdited, this, &CalibrationDialog::measurementsChanged);
        connect(row.y, &QLineEdit::textEdited, this, &CalibrationDialog::measurementsChanged);
    }
    if (!m_service.mayCalibrate())
        m_ui->savedTitleLabel->setToolTip(tr("Only a certificate operator or an administrator may save a correction."));
    reloadSaved();
    m_ui->printerCombo->setFocus();
}

CalibrationDialog::~CalibrationDialog() = default;

void CalibrationDialog::select(const QString& printerName, const QString& templateId)
{
    const int printer = m_ui->printerCombo->findData(printerName);
    if (printer >= 0)
        m_ui->printerCombo->setCurrentIndex(printer);
    const int tpl = m_ui->templateCombo->findData(templateId);
    if (tpl >= 0)
        m_ui->templateCombo->setCurrentIndex(tpl);
}

QString CalibrationDialog::printerName() const
{
    return m_ui->printerCombo->currentData().toString();
}

QString CalibrationDialog::templateId() const
{
    return m_ui->templateCombo->currentData().toString();
}

QString CalibrationDialog::messageText() const
{
    return m_ui->messageLabel->isVisible() ? m_ui->messageLabel->text() : QString();
}

void CalibrationDialog::showMessage(const QString& text, bool error)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error ? QStringLiteral("background: #fde7e9; color: #a4262c; padding: 6px;")
                                            : QStringLiteral("background: #dff6dd; color: #107c10; padding: 6px;"));
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

print::Calibration CalibrationDialog::savedCalibration() const
{
    print::Calibration c;
    if (const auto saved = m_service.find(printerName(), templateId())) {
        c.dxMm = saved->dxMm;
        c.dyMm = saved->dyMm;
        c.scale = saved->scale;
    }
    return c;
}

void CalibrationDialog::reloadSaved()
{
    const auto tpl = print::CertificateTemplate::builtIn(templateId());
    const QList<print::AlignmentPage::Cross> crosses
        = tpl ? print::AlignmentPage(*tpl).crosses() : QList<print::AlignmentPage::Cross>();
    for (int i = 0; i < m_rows.size(); ++i) {
        auto* label = findChild<QLabel*>(m_rows[i].name.toLower() + QStringLiteral("ExpectedLabel"));
        if (label)
            label->setText(i < crosses.size()
                    ? tr("%1 mm, %2 mm").arg(millimetres(crosses[i].mm.x()), millimetres(crosses[i].mm.y()))
                    : QString());
    }
    QString error;
    const auto saved = m_service.find(printerName(), templateId(), &error);
    if (!error.isEmpty())
        m_ui->savedLabel->setText(error);
    else if (!saved)
        m_ui->savedLabel->setText(tr("None: this printer prints the template exactly as it is laid out."));
    else
        m_ui->savedLabel->setText(tr("x offset %1 mm, y offset %2 mm, scale %3 (set by %4 on %5)")
                                      .arg(millimetres(saved->dxMm), millimetres(saved->dyMm))
                                      .arg(saved->scale, 0, 'f', 4)
                                      .arg(saved->updatedBy, saved->updatedAt.toLocalTime().toString(Qt::ISODate)));
    m_ui->resetButton->setEnabled(saved.has_value() && m_service.mayCalibrate());
    measurementsChanged();
}

void CalibrationDialog::measurementsChanged()
{
    m_pending.reset();
    m_ui->resultLabel->clear();
    m_ui->saveButton->setEnabled(false);
}

void CalibrationDialog::printAlignmentPage()
{
    const auto tpl = print::CertificateTemplate::builtIn(templateId());
    if (!tpl) {
        showMessage(tr("Choose a certificate template."), true);
        return;
    }
    const print::AlignmentPage page(*tpl);
    const print::Calibration current = savedCalibration();
    QString error;
    if (printerName() == services::CalibrationService::pdfPrinterName()) {
        QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        if (dir.isEmpty())
            dir = QDir::homePath();
        const QString path = m_chooseFile(QDir(dir).filePath(QStringLiteral("alignment-%1.pdf").arg(tpl->id())));
        if (path.isEmpty())
            return;
        if (!page.toPdf(path, current, &error)) {
            showMessage(error, true);
            return;
        }
        showMessage(tr("The alignment page is in %1. Print it at actual size, measure the crosses and type the "
                       "figures below.")
                        .arg(QDir::toNativeSeparators(path)),
            false);
        return;
    }
    QPrinter printer(QPrinter::HighResolution);
    printer.setPrinterName(printerName());
    if (!page.print(printer, current, &error)) {
        showMessage(error, true);
        return;
    }
    showMessage(
        tr("The alignment page went to %1. Measure the crosses and type the figures below.").arg(printerName()), false);
}

std::optional<QList<QPair<QPointF, QPointF>>> CalibrationDialog::measurements(QString* error) const
{
    const auto tpl = print::CertificateTemplate::builtIn(templateId());
    if (!tpl) {
        *error = tr("Choose a certificate template.");
        return std::nullopt;
    }
    const QSizeF sheet = tpl->sheetMm();
    const QList<print::AlignmentPage::Cross> crosses = print::AlignmentPage(*tpl).crosses();
    QList<QPair<QPointF, QPointF>> pairs;
    for (int i = 0; i < m_rows.size() && i < crosses.size(); ++i) {
        const Row& row = m_rows[i];
        const QString xText = row.x->text().trimmed();
        const QString yText = row.y->text().trimmed();
        if (xText.isEmpty() && yText.isEmpty())
            continue;
        if (xText.isEmpty() || yText.isEmpty()) {
            *error = tr("Cross %1: type both figures, from the left and from the top, or neither.").arg(row.name);
            (xText.isEmpty() ? row.x : row.y)->setFocus();
            return std::nullopt;
        }
        double value[2] = { 0, 0 };
        const QString texts[2] = { xText, yText };
        const double limit[2] = { sheet.width(), sheet.height() };
        for (int k = 0; k < 2; ++k) {
            QString t = texts[k];
            t.replace(QChar(0xFF0C), QLatin1Char('.')).replace(QLatin1Char(','), QLatin1Char('.'));
            bool ok = false;
            value[k] = QLocale::c().toDouble(t, &ok);
            QLineEdit* edit = k == 0 ? row.x : row.y;
            if (!ok || !std::isfinite(value[k])) {
                *error = tr("Cross %1: \"%2\" is not a number of millimetres.").arg(row.name, texts[k].left(20));
                edit->setFocus();
                edit->selectAll();
                return std::nullopt;
            }
            if (value[k] < 0 || value[k] > limit[k]) {
                *error = tr("Cross %1: %2 mm is not on the %3 × %4 mm sheet; measure from the paper's left and top "
                            "edges.")
                             .arg(row.name, texts[k].left(20), millimetres(sheet.width()), millimetres(sheet.height()));
                edit->setFocus();
                edit->selectAll();
                return std::nullopt;
            }
        }
        pairs.append({ crosses[i].mm, QPointF(value[0], value[1]) });
    }
    if (pairs.isEmpty()) {
        *error = tr("Type where at least one cross landed on the printed alignment page.");
        m_rows.first().x->setFocus();
        return std::nullopt;
    }
    return pairs;
}

bool CalibrationDialog::calculate()
{
    measurementsChanged();
    QString error;
    const auto pairs = measurements(&error);
    const auto result = pairs ? print::Calibration::fromMeasurements(*pairs, savedCalibration(), &error) : std::nullopt;
    if (!result) {
        showMessage(error, true);
        return false;
    }
    m_pending = result;
    m_ui->resultLabel->setText(tr("Correction: x offset %1 mm, y offset %2 mm, scale %3")
                                   .arg(millimetres(result->dxMm), millimetres(result->dyMm))
                                   .arg(result->scale, 0, 'f', 4));
    m_ui->saveButton->setEnabled(m_service.mayCalibrate());
    showMessage(m_service.mayCalibrate() ? tr("Check the correction and save it.")
                                         : tr("Only a certificate operator or an administrator may save a correction."),
        !m_service.mayCalibrate());
    return true;
}

void CalibrationDialog::save()
{
    if (!m_pending && !calculate())
        return;
    const print::Calibration c = *m_pending;
    QString error;
    const auto saved = m_service.save(printerName(), templateId(), c.dxMm, c.dyMm, c.scale, &error);
    if (!saved) {
        showMessage(error, true);
        return;
    }
    for (const Row& row : std::as_const(m_rows)) {
        row.x->clear();
        row.y->clear();
    }
    reloadSaved();
    showMessage(tr("Saved: %1 now prints %2 moved by %3 mm, %4 mm at scale %5. Print the alignment page again to "
                   "check it.")
                    .arg(m_ui->printerCombo->currentText(), m_ui->templateCombo->currentText(),
                        millimetres(saved->dxMm), millimetres(saved->dyMm))
                    .arg(saved->scale, 0, 'f', 4),
        false);
}

void CalibrationDialog::reset()
{
    QString error;
    if (!m_service.reset(printerName(), templateId(), &error)) {
        showMessage(error, true);
        return;
    }
    reloadSaved();
    showMessage(tr("Reset: %1 prints %2 without correction.")
                    .arg(m_ui->printerCombo->currentText(), m_ui->templateCombo->currentText()),
        false);
}

} // namespace oneseal::ui
