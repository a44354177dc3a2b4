#include "MainWindow.h"

#include "services/SealKeyService.h"

#include "ui_MainWindow.h"

#include "AppSettings.h"
#include "CalibrationDialog.h"
#include "CaseLookupWidget.h"
#include "CertificateWindowWidget.h"
#include "ConflictDialog.h"
#include "DecisionDialog.h"
#include "InspectionDialog.h"
#include "CounterBar.h"
#include "IntakeWorkbench.h"
#include "ReviewDialog.h"
#include "OwedLedgerWidget.h"
#include "PledgeCheckWidget.h"
#include "SealKeyDialog.h"
#include "SeparationDialog.h"
#include "QueueReportDialog.h"
#include "SealRegisterWidget.h"
#include "WorkQueueWidget.h"
#include "ChangePasswordDialog.h"
#include "IdleLock.h"
#include "LoginDialog.h"
#include "SettingsDialog.h"
#include "VerifyDialog.h"
#include "SyncStatusWidget.h"
#include "sync/BundleTransfer.h"
#include "EventLogModel.h"
#include "services/AuthService.h"
#include "services/CertificateService.h"

#include <QHeaderView>
#include <QLabel>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QShortcut>

namespace oneseal::ui {

MainWindow::MainWindow(std::unique_ptr<services::Session> session, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(new Ui::MainWindow)
    , m_session(std::move(session))
{
    m_ui->setupUi(this);
    const QString hall = m_session->hallName();
    setWindowTitle(hall.isEmpty() ? tr("OneSeal") : tr("OneSeal — %1").arg(hall));
    m_ui->welcomeLabel->setText(tr("Welcome, %1. You work here as: %2.")
                                    .arg(m_session->user().displayName,
                                         core::rolesDisplayText(m_session->user().roles)));

    m_eventLog = new EventLogModel(*m_session, 200, this);
    m_ui->recentEventsView->setModel(m_eventLog);
    m_ui->recentEventsView->horizontalHeader()->setStretchLastSection(true);
    m_ui->recentEventsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    connect(m_ui->lockAction, &QAction::triggered, this, &MainWindow::lock);
    connect(m_ui->logOutAction, &QAction::triggered, this, [this] {
        emit loggedOut();
        close();
    });
    connect(m_ui->changePasswordAction, &QAction::triggered, this, &MainWindow::changePassword);
    connect(m_ui->settingsAction, &QAction::triggered, this, &MainWindow::showSettings);
    // Shown to everyone (read-only unless an administrator: the service decides).
    connect(m_ui->deviceSettingsAction, &QAction::triggered, this, [this] {
        const auto saved = CounterBar::editDeviceSettings(*m_session, services::DeviceSettings::load(), this);
        if (saved && m_intake)
            m_intake->counterBar()->applySettings(*saved);
    });
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    m_ui->calibrationAction->setVisible(m_session->can(core::Action::CalibratePrinter));
    connect(m_ui->calibrationAction, &QAction::triggered, this, [this] {
        CalibrationDialog dialog(*m_session, this);
        dialog.exec();
    });
    // The seal key and the directory: administrators act, supervisors see (SealKeyService decides).
    m_ui->sealKeyAction->setVisible(m_session->can(core::Action::ManageUsers) || m_session->can(core::Action::ViewAudit));
    connect(m_ui->sealKeyAction, &QAction::triggered, this, [this] {
        SealKeyDialog dialog(*m_session, this);
        dialog.exec();
    });
    // The hall's separation of steps (relaxed pairs for a small hall): administrators (the service checks).
    if (m_session->can(core::Action::ManageUsers)) {
        auto* separations = new QAction(tr("Separatio&n of steps…"), this);
        separations->setObjectName(QStringLiteral("separationAction"));
        m_ui->fileMenu->insertAction(m_ui->quitAction, separations);
        connect(separations, &QAction::triggered, this, [this] {
            SeparationDialog dialog(*m_session, this);
            dialog.exec();
        });
    }
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::about);
    // Sync by file for a hall without network: supervisors and administrators (the service decides).
    m_ui->syncMenu->menuAction()->setVisible(m_session->can(core::Action::MoveBundles));
    // The supervisor's menu (reports): supervisors and administrators (CounterService::report decides).
    m_ui->reportsMenu->menuAction()->setVisible(m_session->can(core::Action::ReadAllCases));
    m_ui->queueReportAction->setEnabled(m_session->can(core::Action::ReadAllCases));
    connect(m_ui->queueReportAction, &QAction::triggered, this, [this] {
        if (isLocked())
            return;
        QueueReportDialog dialog(*m_session, this);
        dialog.exec();
    });
    connect(m_ui->exportBundleAction, &QAction::triggered, this, &MainWindow::exportBundle);
    connect(m_ui->importBundleAction, &QAction::triggered, this, &MainWindow::importBundle);
    connect(m_ui->verifyAction, &QAction::triggered, this, [this] {
        const QList<core::SealKey> keys = m_session->trustedSealKeys();
        VerifyDialog dialog(keys, this);
        // The case history here, and the hall's newest signed list of voided certificates received.
        const auto list = services::SealKeyService::receivedRevokedList(m_session->database().sql(), keys);
        dialog.setVoidedCheck([this, list](const QString& serial) {
            const auto v = services::SealKeyService::voidedStatus(m_session->database().sql(), serial, list);
            if (v.voided)
                return v.reason;
            return services::CertificateService(*m_session).standing(serial) == services::CertificateStanding::Voided
                ? tr("voided in the hall's register (or its approval revoked)")
                : QString();
        });
        dialog.exec();
    });

    if (m_session->can(core::Action::AcceptCase)) {
        m_intake = new IntakeWorkbench(*m_session, this);
        m_ui->workspaceTabs->insertTab(0, m_intake, tr("Intake"));
        m_ui->workspaceTabs->setCurrentIndex(0);
    }
    if (m_session->can(core::Action::AcceptCase) || m_session->can(core::Action::ReadAllCases)) {
        m_cases = new CaseLookupWidget(*m_session, this);
        m_ui->workspaceTabs->insertTab(m_intake ? 1 : 0, m_cases, tr("Cases"));
    }
    if (m_intake)
        connect(m_intake, &IntakeWorkbench::caseRecorded, this, [this] {
            if (m_cases)
                m_cases->showToday();
            m_eventLog->refresh();
        });

    addBackOfficeTabs();
    // The page that opens has the keyboard: the queue's table, the intake's search, ...; the
    // overview lists what happened up to now.
    connect(m_ui->workspaceTabs, &QTabWidget::currentChanged, this, [this] {
        if (m_ui->workspaceTabs->currentWidget() == m_ui->overviewTab)
            m_eventLog->refresh();
        if (QWidget* page = m_ui->workspaceTabs->currentWidget(); page && page->focusProxy())
            page->setFocus(Qt::TabFocusReason);
    });
    if (QWidget* page = m_ui->workspaceTabs->currentWidget(); page && page->focusProxy())
        page->setFocus(Qt::OtherFocusReason);
    m_ui->overviewTab->setFocusProxy(m_ui->recentEventsView);
    // The tabs are Ctrl+1 … Ctrl+9 (and Ctrl+Tab): Alt with a letter stays with the page's fields.
    for (int i = 0; i < m_ui->workspaceTabs->count() && i < 9; ++i) {
        auto* key = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)), this);
        connect(key, &QShortcut::activated, this, [this, i] {
            if (!isLocked())
                m_ui->workspaceTabs->setCurrentIndex(i);
        });
        m_ui->workspaceTabs->setTabToolTip(i, QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)).toString(QKeySequence::NativeText));
    }

    m_idleLock = new IdleLock(AppSettings::idleLockMinutes() * 60 * 1000, this);
    connect(m_idleLock, &IdleLock::idle, this, &MainWindow::lock);
    auto* syncStatus = new SyncStatusWidget(*m_session, this);
    statusBar()->addPermanentWidget(syncStatus);
    connect(syncStatus, &SyncStatusWidget::exportBundleRequested, this, &MainWindow::exportBundle);
    updateStatus();
}

MainWindow::~MainWindow() = default;

bool MainWindow::isLocked() const
{
    return m_ui->lockStack->currentWidget() == m_ui->lockedPage;
}

void MainWindow::addBackOfficeTabs()
{
    // After the intake tabs, before the overview: the queue, the certificate window, the seal register.
    int at = m_ui->workspaceTabs->indexOf(m_ui->overviewTab);
    if (!services::QueueService(*m_session).visibleRoles().isEmpty()) {
        m_queue = new WorkQueueWidget(*m_session, this);
        m_ui->workspaceTabs->insertTab(at++, m_queue, tr("Work queue"));
        connect(m_queue, &WorkQueueWidget::openRequested, this, &MainWindow::openCase);
    }
    if (m_session->can(core::Action::PrintCertificate) || m_session->can(core::Action::IssueCertificate)) {
        m_certificates = new CertificateWindowWidget(*m_session, this);
        m_ui->workspaceTabs->insertTab(at++, m_certificates, tr("Certificate window"));
    }
    if (m_session->can(core::Action::ViewAudit) || m_session->can(core::Action::ApplySeal)) {
        m_sealRegister = new SealRegisterWidget(*m_session, this);
        m_ui->workspaceTabs->insertTab(at++, m_sealRegister, tr("Seal register"));
    }
    if (services::CaseLifeService(*m_session).maySeeOwedMaterials()) {
        m_owedLedger = new OwedLedgerWidget(*m_session, this);
        m_ui->workspaceTabs->insertTab(at++, m_owedLedger, tr("Owed materials"));
    }
    if (m_session->can(core::Action::VerifyPledge) || m_session->can(core::Action::DecideCase)
        || m_session->can(core::Action::ReadAllCases)) {
        m_pledgeChecks = new PledgeCheckWidget(*m_session, this);
        m_ui->workspaceTabs->insertTab(at++, m_pledgeChecks, tr("Pledge checks"));
    }
    if (!m_intake && m_queue)
        m_ui->workspaceTabs->setCurrentWidget(m_queue);
}

void MainWindow::openCase(const QString& caseId, core::Role role)
{
    switch (role) {
    case core::Role::Reviewer: ReviewDialog(*m_session, caseId, this).exec(); break;
    case core::Role::Inspector: InspectionDialog(*m_session, caseId, this).exec(); break;
    case core::Role::Approver: DecisionDialog(*m_session, caseId, this).exec(); break;
    case core::Role::Supervisor: ConflictDialog(*m_session, caseId, this).exec(); break;
    case core::Role::CertificateOperator:
        if (m_certificates) {
            m_certificates->showCase(caseId);
            m_ui->workspaceTabs->setCurrentWidget(m_certificates);
        }
        break;
    default: break;
    }
    m_queue->refresh();
    if (m_sealRegister)
        m_sealRegister->refresh();
    m_eventLog->refresh();
}

void MainWindow::updateStatus()
{
    // A widget of its own, not a status message: menus' and actions' tips replace messages.
    if (!m_userLabel) {
        m_userLabel = new QLabel(this);
        m_userLabel->setObjectName(QStringLiteral("userLabel"));
        statusBar()->insertPermanentWidget(0, m_userLabel, 1);
    }
    m_userLabel->setText(tr("%1 (%2) · workstation %3")
                             .arg(m_session->user().displayName, m_session->user().username, m_session->workstation()));
}

void MainWindow::lock()
{
    if (isLocked())
        return;
    m_idleLock->setActive(false);
    if (m_intake)
        m_intake->counterBar()->workstationLocked(); // the applicant's screen shows nobody while locked
    m_ui->lockStack->setCurrentWidget(m_ui->lockedPage);
    m_ui->menuBar->setEnabled(false);
    services::Session* session = m_session.get();
    LoginDialog dialog(session->user().username,
                       [session](const QString& pw) { return services::AuthService::verifyPassword(*session, pw); },
                       this);
    if (dialog.exec() == QDialog::Accepted) {
        m_ui->lockStack->setCurrentWidget(m_ui->workspaceTabs);
        m_ui->menuBar->setEnabled(true);
        m_idleLock->setActive(true);
        return;
    }
    emit loggedOut();
    close();
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        m_idleLock->setIdleMilliseconds(AppSettings::idleLockMinutes() * 60 * 1000);
}

void MainWindow::changePassword()
{
    ChangePasswordDialog dialog(*m_session, this);
    if (dialog.exec() == QDialog::Accepted) {
        statusBar()->showMessage(tr("Your password was changed."), 5000);
        m_eventLog->refresh();
    }
}

void MainWindow::exportBundle()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export bundle for the hub"),
        QStringLiteral("%1-%2.osb").arg(m_session->workstation(), m_session->clock().today().toString(QStringLiteral("yyyyMMdd"))),
        tr("OneSeal bundles (*.osb)"));
    if (path.isEmpty())
        return;
    QString error;
    const auto count = sync::BundleTransfer(*m_session).exportForHub(path, &error);
    if (!count) {
        QMessageBox::warning(this, tr("Export bundle for the hub"), error);
        return;
    }
    QMessageBox::information(this, tr("Export bundle for the hub"),
                             tr("%n unsent event(s) written to %1. Take the file to the hub; the events count as "
                                "sent once the hub's bundle comes back.",
                                nullptr, *count)
                                 .arg(QDir::toNativeSeparators(path)));
}

void MainWindow::importBundle()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import bundle from the hub"), QString(), tr("OneSeal bundles (*.osb)"));
    if (path.isEmpty())
        return;
    QString error;
    const auto result = sync::BundleTransfer(*m_session).importFromHub(path, &error);
    if (!result) {
        QMessageBox::warning(this, tr("Import bundle from the hub"), error);
        return;
    }
    QMessageBox::information(this, tr("Import bundle from the hub"),
                             result->repeated ? tr("This bundle was imported before; nothing changed.")
                                              : tr("%1 new event(s) from the hub; %2 of this workstation's events "
                                                   "acknowledged.")
                                                    .arg(result->stored)
                                                    .arg(result->acknowledged));
    m_eventLog->refresh();
    if (m_queue)
        m_queue->refresh();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About OneSeal"),
                       tr("<b>OneSeal</b> %1<br>Window-staff client for one-seal government service halls.")
                           .arg(QStringLiteral(ONESEAL_VERSION)));
}

} // namespace oneseal::ui
