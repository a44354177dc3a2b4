#include "SettingsDialog.h"

#include "ui_SettingsDialog.h"

#include "AppSettings.h"

#include <QPrinterInfo>

namespace oneseal::ui {

SettingsDialog::SettingsDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::SettingsDialog)
{
    m_ui->setupUi(this);
    m_ui->languageCombo->addItem(tr("System language"), QStringLiteral("system"));
    m_ui->languageCombo->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_ui->languageCombo->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_ui->languageCombo->setCurrentIndex(std::max(0, m_ui->languageCombo->findData(AppSettings::language())));
    m_ui->idleMinutesSpin->setValue(AppSettings::idleLockMinutes());
    m_ui->unsentMinutesSpin->setRange(AppSettings::kUnsentWarningMinMinutes, AppSettings::kUnsentWarningMaxMinutes);
    m_ui->unsentMinutesSpin->setValue(AppSettings::unsentWarningMinutes());
    const QStringList printers = QPrinterInfo::availablePrinterNames();
    for (auto [combo, window] : {std::pair{m_ui->intakePrinterCombo, AppSettings::PrintWindow::Intake},
                                 std::pair{m_ui->certificatePrinterCombo, AppSettings::PrintWindow::Certificates}}) {
        combo->addItem(tr("None: open the print preview"), QString());
        for (const QString& name : printers)
            combo->addItem(name, name);
        const QString chosen = AppSettings::windowPrinter(window);
        if (!chosen.isEmpty() && combo->findData(chosen) < 0)
            combo->addItem(tr("%1 (not installed)").arg(chosen), chosen);
        combo->setCurrentIndex(std::max(0, combo->findData(chosen)));
    }
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::accept()
{
    AppSettings::setLanguage(m_ui->languageCombo->currentData().toString());
    AppSettings::setIdleLockMinutes(m_ui->idleMinutesSpin->value());
    AppSettings::setUnsentWarningMinutes(m_ui->unsentMinutesSpin->value());
    AppSettings::setWindowPrinter(AppSettings::PrintWindow::Intake, m_ui->intakePrinterCombo->currentData().toString());
    AppSettings::setWindowPrinter(AppSettings::PrintWindow::Certificates,
                                  m_ui->certificatePrinterCombo->currentData().toString());
    QDialog::accept();
}

} // namespace oneseal::ui
