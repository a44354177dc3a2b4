#include "CertificateWindowWidget.h"

#include <QDialog>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

#include "ui_CertificateWindowWidget.h"

#include "AppSettings.h"
#include "CalibrationDialog.h"
#include "CaseSummary.h"
#include "ShiftHandoverDialog.h"
#include "services/ShiftService.h"
#include "documents/DocumentIssuer.h"
#include "print/PdfFileOutput.h"
#include "print/PrinterOutput.h"
#include "services/CalibrationService.h"
#include "services/CaseReader.h"
#include "services/QueueService.h"

#include <QDir>
#include <QFileDialog>
#include <QPrinterInfo>
#include <QShortcut>
#include <QStandardPaths>

namespace oneseal::ui {

namespace {
/** Where the batch goes: kinds of the output combo's entries. */
enum class Output { Preview, Printer, Pdf };
constexpr int kOutputKindRole = Qt::UserRole;
constexpr int kOutputNameRole = Qt::UserRole + 1;
} // namespace

CertificateWindowWidget::CertificateWindowWidget(services::Session& session, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::CertificateWindowWidget)
    , m_session(session)
    , m_service(session)
    , m_preview(this)
    , m_output(nullptr)
{
    m_ui->setupUi(this);
    setFocusProxy(m_ui->caseNoEdit);
    if (const QString printer = AppSettings::windowPrinter(AppSettings::PrintWindow::Certificates); !printer.isEmpty()) {
        m_printer = std::make_unique<print::PrinterOutput>(printer);
        m_preview.setPrinterName(printer);
    }
    // Ctrl+Shift+P: take a number and print through the preview instead of the window's printer.
    auto* preview = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), this, nullptr, nullptr,
                                  Qt::WidgetWithChildrenShortcut);
    connect(preview, &QShortcut::activated, this, [this] {
        if (m_ui->printButton->isEnabled())
            printTo(m_preview);
    });
    m_ui->collectorKindCombo->addItem(tr("Holder in person"), int(services::Collector::Kind::Holder));
    m_ui->collectorKindCombo->addItem(tr("Agent"), int(services::Collector::Kind::Agent));
    connect(m_ui->caseNoEdit, &QLineEdit::returnPressed, this, &CertificateWindowWidget::find);
    connect(m_ui->findButton, &QPushButton::clicked, this, &CertificateWindowWidget::find);
    connect(m_ui->printButton, &QPushButton::clicked, this, &CertificateWindowWidget::print);
    connect(m_ui->reprintButton, &QPushButton::clicked, this, &CertificateWindowWidget::reprint);
    connect(m_ui->voidButton, &QPushButton::clicked, this, &CertificateWindowWidget::voidCertificate);
    connect(m_ui->issueButton, &QPushButton::clicked, this, &CertificateWindowWidget::issue);
    connect(m_ui->collectorIdEdit, &QLineEdit::returnPressed, this, &CertificateWindowWidget::issue);
    m_chooseFile = [this](const QString& suggested) {
        return QFileDialog::getSaveFileName(this, tr("Save the certificates as PDF"), suggested, tr("PDF files (*.pdf)"));
    };

    m_ui->outputCombo->addItem(tr("Print preview…"), int(Output::Preview));
    for (const QString& name : QPrinterInfo::availablePrinterNames()) {
        m_ui->outputCombo->addItem(name, int(Output::Printer));
        m_ui->outputCombo->setItemData(m_ui->outputCombo->count() - 1, name, kOutputNameRole);
    }
    m_ui->outputCombo->addItem(tr("PDF file…"), int(Output::Pdf));
    m_ui->outputCombo->setItemData(m_ui->outputCombo->count() - 1, services::CalibrationService::pdfPrinterName(),
                                   kOutputNameRole);
    m_ui->outputCombo->setItemData(0, tr("Shows the certificates first; print them from the preview."), Qt::ToolTipRole);
    connect(m_ui->printSelectedButton, &QPushButton::clicked, this, &CertificateWindowWidget::printSelected);
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &CertificateWindowWidget::refreshReady);
    connect(m_ui->calibrateButton, &QPushButton::clicked, this, &CertificateWindowWidget::calibrate);
    connect(m_ui->readyList, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { showCase(item->data(Qt::UserRole).toString()); });
    connect(m_ui->receiveStockButton, &QPushButton::clicked, this, &CertificateWindowWidget::receiveStock);
    connect(m_ui->spoilButton, &QPushButton::clicked, this, &CertificateWindowWidget::spoilSheet);
    connect(m_ui->handoverButton, &QPushButton::clicked, this, &CertificateWindowWidget::handover);
    const bool mayPrint = m_session.can(core::Action::PrintCertificate);
    for (QWidget* w : std::initializer_list<QWidget*>{m_ui->readyList, m_ui->outputCombo, m_ui->stockCheck,
                                                      m_ui->printSelectedButton, m_ui->refreshButton,
                                                      m_ui->firstSheetSpin, m_ui->lastSheetSpin, m_ui->receiveStockButton,
                                                      m_ui->spoiledSheetSpin, m_ui->spoilButton})
        w->setEnabled(mayPrint);
    m_ui->calibrateButton->setEnabled(m_session.can(core::Action::CalibratePrinter) || mayPrint);
    refreshReady();
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
    // The next key: Enter prints (or, once printed, the holder's name for the hand-over).
    if (m_ui->printButton->isEnabled()) {
        m_ui->printButton->setDefault(true);
        m_ui->printButton->setFocus(Qt::OtherFocusReason);
    } else if (m_ui->issueGroup->isEnabled()) {
        m_ui->collectorNameEdit->setFocus(Qt::OtherFocusReason);
    }
}

void CertificateWindowWidget::find()
{
    const auto state = services::CaseReader(m_session).stateByNumber(m_ui->caseNoEdit->text().trimmed().toUpper());
    if (!state) {
        showMessage(tr("No case has the number %1.").arg(m_ui->caseNoEdit->text().trimmed()), true);
        return;
    }
    showCase(state->caseId);
}

void CertificateWindowWidget::reload()
{
    const auto state = m_caseId.isEmpty() ? std::nullopt : services::CaseReader(m_session).state(m_caseId);
    auto allowed = [&](core::WorkStep step) {
        return state && services::CaseReader(m_session).refusal(step, *state).isEmpty(); // the hall's policy
    };
    m_ui->caseView->setHtml(state ? CaseSummary::html(*state, m_session.calendar()) : tr("Find a case by its number."));
    // A bundle case decided per matter: print while any approved matter's licence is not printed.
    bool matterToPrint = false;
    if (state)
        for (const QString& code : services::CertificateService::certificateMatters(*state))
            matterToPrint = matterToPrint
                || services::CaseReader(m_session).refusal(core::WorkStep::NumberCertificate, *state, code).isEmpty()
                || services::CaseReader(m_session).refusal(core::WorkStep::PrintCertificate, *state, code).isEmpty();
    const bool perMatter = state && !services::CertificateService::certificateMatters(*state).isEmpty();
    m_ui->printButton->setEnabled(perMatter ? matterToPrint
                                            : allowed(core::WorkStep::NumberCertificate)
                                                  || allowed(core::WorkStep::PrintCertificate));
    // Reprint and void act on one certificate: in a bundle, any matter's that allows it.
    auto anyMatter = [&](core::WorkStep step) {
        if (!perMatter)
            return allowed(step);
        for (const QString& code : services::CertificateService::certificateMatters(*state))
            if (services::CaseReader(m_session).refusal(step, *state, code).isEmpty())
                return true;
        return false;
    };
    m_ui->reprintButton->setEnabled(anyMatter(core::WorkStep::ReprintCertificate));
    m_ui->voidButton->setEnabled(anyMatter(core::WorkStep::VoidCertificate));
    m_ui->issueGroup->setEnabled(state && state->activeCertificate() && state->activeCertificate()->printed
                                 && !state->completed && (!perMatter || allowed(core::WorkStep::IssueCertificate)));
    refreshPaper();
}

void CertificateWindowWidget::refreshPaper()
{
    const services::ShiftService shift(m_session);
    const core::PaperAccount a = shift.paperAccount();
    QString text = tr("Received %1 · printed %2 · spoiled %3 · voided %4 · remaining %5 · next sheet %6")
                       .arg(a.received)
                       .arg(a.printed)
                       .arg(a.spoiled)
                       .arg(a.voided)
                       .arg(a.remaining())
                       .arg(a.nextSheet ? QString::number(*a.nextSheet) : tr("none"));
    for (const QString& m : a.mismatches)
        text += QStringLiteral("<br><span style='color:#a4262c'><b>%1</b> %2</span>")
                    .arg(tr("Mismatch:"), m.toHtmlEscaped());
    // Each colleague's stock is hers: her mismatches are shown under her name.
    for (const services::OperatorPaper& p : shift.paperAccounts(nullptr).value_or(QList<services::OperatorPaper>()))
        if (p.operatorId != m_session.user().id)
            for (const QString& m : p.account.mismatches)
                text += QStringLiteral("<br><span style='color:#a4262c'><b>%1</b> %2</span>")
                            .arg(tr("Mismatch in the stock of %1:").arg(p.operatorName).toHtmlEscaped(), m.toHtmlEscaped());
    m_ui->paperLabel->setText(text);
}

void CertificateWindowWidget::receiveStock()
{
    QString error;
    if (!services::ShiftService(m_session).receiveStock(m_ui->firstSheetSpin->value(), m_ui->lastSheetSpin->value(),
                                                        &error)) {
        showMessage(error, true);
        return;
    }
    showMessage(tr("Received sheets %1–%2.").arg(m_ui->firstSheetSpin->value()).arg(m_ui->lastSheetSpin->value()), false);
    refreshPaper();
}

void CertificateWindowWidget::spoilSheet()
{
    QString error;
    if (!services::ShiftService(m_session).spoilSheet(m_ui->spoiledSheetSpin->value(), m_ui->reasonEdit->text(), &error)) {
        showMessage(error, true);
        return;
    }
    showMessage(tr("Sheet %1 recorded as spoiled.").arg(m_ui->spoiledSheetSpin->value()), false);
    m_ui->reasonEdit->clear();
    refreshPaper();
}

void CertificateWindowWidget::handover()
{
    ShiftHandoverDialog dialog(m_session, *m_output, this);
    if (dialog.exec() == QDialog::Accepted)
        showMessage(tr("Shift handed over; the report was printed and recorded."), false);
    refreshPaper();
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

print::DocumentOutput& CertificateWindowWidget::output()
{
    if (m_output)
        return *m_output;
    return m_printer ? *m_printer : static_cast<print::DocumentOutput&>(m_preview);
}

void CertificateWindowWidget::print()
{
    printTo(output());
}

void CertificateWindowWidget::printTo(print::DocumentOutput& out)
{
    const documents::IssuedDocument printed = documents::DocumentIssuer(m_session, out).printCertificate(m_caseId);
    if (printed.recorded()) {
        finish(printed.state, QString(), tr("Certificate %1 printed.").arg(printed.title));
        if (m_ui->issueGroup->isEnabled())
            m_ui->collectorNameEdit->setFocus(Qt::OtherFocusReason); // next: hand it over
        return;
    } else if (printed.title.isEmpty()) {
        showMessage(printed.error, true); // no number was taken
    } else if (!printed.output) {
        showMessage(tr("Certificate %1 was not printed; its number stays reserved for this case.").arg(printed.title)
                        + QLatin1Char('\n') + printed.error,
                    true);
        reload();
    } else {
        finish(std::nullopt, printed.error, QString());
    }
}

bool CertificateWindowWidget::chooseMatter(core::WorkStep step, QString* matterCode)
{
    matterCode->clear();
    const auto state = m_caseId.isEmpty() ? std::nullopt : services::CaseReader(m_session).state(m_caseId);
    const QStringList matters = state ? services::CertificateService::certificateMatters(*state) : QStringList();
    if (matters.isEmpty())
        return true; // one certificate for the case
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("certificateMatterDialog"));
    dialog.setWindowTitle(step == core::WorkStep::ReprintCertificate ? tr("Reprint which certificate?")
                                                                     : tr("Void which certificate?"));
    auto* layout = new QVBoxLayout(&dialog);
    auto* label = new QLabel(tr("Case %1 has one certificate per matter. Choose one (arrows, Enter; Esc cancels):")
                                 .arg(state->caseNo),
                             &dialog);
    label->setWordWrap(true);
    auto* list = new QListWidget(&dialog);
    list->setObjectName(QStringLiteral("certificateMatterList"));
    for (const QString& code : matters) {
        if (!services::CaseReader(m_session).refusal(step, *state, code).isEmpty())
            continue;
        const core::MatterResult* m = state->matterResult(code);
        const core::CertificateRecord* cert = m->activeCertificate();
        auto* item = new QListWidgetItem(tr("%1 — certificate %2").arg(m->name.isEmpty() ? m->code : m->name,
                                                                       cert ? cert->number : QString()),
                                         list);
        item->setData(Qt::UserRole, code);
    }
    if (list->count() == 0) {
        showMessage(tr("No certificate of case %1 can be reprinted or voided now.").arg(state->caseNo), true);
        return false;
    }
    label->setBuddy(list);
    layout->addWidget(label);
    layout->addWidget(list);
    list->setCurrentRow(0);
    connect(list, &QListWidget::itemActivated, &dialog, &QDialog::accept);
    list->setFocus();
    if (dialog.exec() != QDialog::Accepted || !list->currentItem())
        return false;
    *matterCode = list->currentItem()->data(Qt::UserRole).toString();
    return true;
}

void CertificateWindowWidget::reprint()
{
    QString matter;
    if (!chooseMatter(core::WorkStep::ReprintCertificate, &matter))
        return;
    const documents::IssuedDocument printed = documents::DocumentIssuer(m_session, output())
                                                  .reprintCertificate(m_caseId, m_ui->reasonEdit->text(), matter);
    if (printed.recorded()) {
        finish(printed.state, QString(), tr("Reprinted; the reprint is counted on the record."));
    } else if (printed.built() && !printed.output) {
        showMessage(tr("Nothing was printed.") + QLatin1Char('\n') + printed.error, true);
    } else {
        showMessage(printed.error, true);
        if (!printed.built())
            m_ui->reasonEdit->setFocus();
    }
}

void CertificateWindowWidget::voidCertificate()
{
    QString matter;
    if (!chooseMatter(core::WorkStep::VoidCertificate, &matter))
        return;
    QString error;
    const auto done = m_service.voidCertificate(m_caseId, m_ui->reasonEdit->text(), &error, matter);
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
    if (done) { // the next holder: their case number typed over this one
        m_ui->caseNoEdit->setFocus(Qt::OtherFocusReason);
        m_ui->caseNoEdit->selectAll();
    }
}

void CertificateWindowWidget::refreshReady()
{
    QStringList selected;
    for (const QListWidgetItem* item : m_ui->readyList->selectedItems())
        selected << item->data(Qt::UserRole).toString();
    m_ui->readyList->clear();
    if (!m_session.can(core::Action::PrintCertificate))
        return;
    QString error;
    const auto waiting = services::QueueService(m_session).queue(core::Role::CertificateOperator, &error);
    for (const services::QueueItem& i : waiting.value_or(QList<services::QueueItem>())) {
        if (i.row.status != core::CaseStatus::Approved)
            continue; // printed, waiting to be handed over
        QString text = QStringLiteral("%1 — %2 — %3").arg(i.row.caseNo, i.row.subjectName, i.row.applicantName);
        if (i.row.owesCoreMaterial)
            text += tr(" (core material owed)");
        auto* item = new QListWidgetItem(text, m_ui->readyList);
        item->setData(Qt::UserRole, i.row.caseId);
        item->setSelected(selected.contains(i.row.caseId));
    }
    m_ui->printSelectedButton->setEnabled(m_ui->readyList->count() > 0);
}

void CertificateWindowWidget::calibrate()
{
    CalibrationDialog dialog(m_session, this);
    const Output kind = Output(m_ui->outputCombo->currentData(kOutputKindRole).toInt());
    if (kind != Output::Preview)
        dialog.select(m_ui->outputCombo->currentData(kOutputNameRole).toString(), QString());
    dialog.exec();
}

void CertificateWindowWidget::printSelected()
{
    QStringList caseIds;
    for (int row = 0; row < m_ui->readyList->count(); ++row)
        if (m_ui->readyList->item(row)->isSelected())
            caseIds << m_ui->readyList->item(row)->data(Qt::UserRole).toString();
    if (caseIds.isEmpty()) {
        showMessage(tr("Select the cases to print in the list of cases ready for a certificate."), true);
        m_ui->readyList->setFocus();
        return;
    }
    const Output kind = Output(m_ui->outputCombo->currentData(kOutputKindRole).toInt());
    QString pdfPath;
    if (kind == Output::Pdf) {
        QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        if (dir.isEmpty())
            dir = QDir::homePath();
        pdfPath = m_chooseFile(QDir(dir).filePath(
            QStringLiteral("certificates-%1.pdf").arg(m_session.clock().now().toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmm")))));
        if (pdfPath.isEmpty())
            return;
    }

    std::unique_ptr<print::DocumentOutput> chosen;
    if (kind == Output::Pdf)
        chosen = std::make_unique<print::PdfFileOutput>(pdfPath);
    else if (kind == Output::Printer)
        chosen = std::make_unique<print::PrinterOutput>(m_ui->outputCombo->currentData(kOutputNameRole).toString());
    const print::PrintMode mode = m_ui->stockCheck->isChecked() ? print::PrintMode::PreprintedStock
                                                                 : print::PrintMode::PlainPaper;
    const documents::CertificateBatchResult batch
        = documents::DocumentIssuer(m_session, chosen ? *chosen : m_output ? *m_output : m_preview).printCertificates(caseIds, mode);

    QStringList done;
    QStringList failures;
    QStringList reserved;
    for (const documents::IssuedDocument& item : batch.certificates) {
        if (!item.built())
            failures << QStringLiteral("%1: %2").arg(item.caseNo, item.error.split(QLatin1Char('\n')).join(QStringLiteral("; ")));
        else if (item.recorded())
            done << item.title;
        else if (item.output)
            failures << tr("%1: printed as %2, but not recorded: %3").arg(item.caseNo, item.title, item.error);
        else
            reserved << item.title;
    }
    if (!reserved.isEmpty())
        failures.prepend(tr("Nothing was printed (%1); the numbers %2 stay reserved for their cases.")
                             .arg(batch.jobError, reserved.join(QStringLiteral(", "))));

    QStringList lines;
    if (!done.isEmpty())
        lines << (kind == Output::Pdf ? tr("%n certificate(s) written to %1: %2.", nullptr, int(done.size()))
                                            .arg(QDir::toNativeSeparators(pdfPath), done.join(QStringLiteral(", ")))
                                      : tr("%n certificate(s) printed: %1.", nullptr, int(done.size()))
                                            .arg(done.join(QStringLiteral(", "))));
    if (!failures.isEmpty())
        lines << tr("Not printed:") << failures;
    showMessage(lines.join(QLatin1Char('\n')), !failures.isEmpty());
    refreshReady();
    reload();
}

} // namespace oneseal::ui
