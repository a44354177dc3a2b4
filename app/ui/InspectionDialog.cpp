#include "InspectionDialog.h"

#include "ui_InspectionDialog.h"

#include "CaseSummary.h"
#include "MatterChoice.h"
#include "services/CaseReader.h"
#include "services/QueueService.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeDatabase>

namespace oneseal::ui {

InspectionDialog::InspectionDialog(services::Session& session, const QString& caseId, QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::InspectionDialog)
    , m_session(session)
    , m_service(session)
    , m_caseId(caseId)
{
    m_ui->setupUi(this);
    const QDate today = session.clock().now().toLocalTime().date();
    m_ui->visitDateEdit->setDate(today);
    m_ui->visitDateEdit->setMinimumDate(today);
    m_ui->rectificationDateEdit->setDate(today.addDays(10));
    m_ui->rectificationDateEdit->setMinimumDate(today.addDays(1));
    for (const core::User& u : m_service.inspectors()) {
        auto* item = new QListWidgetItem(u.displayName, m_ui->inspectorsList);
        item->setData(Qt::UserRole, u.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(u.id == session.user().id ? Qt::Checked : Qt::Unchecked);
    }
    // Other cases waiting for a visit may be combined into this one.
    QString error;
    const auto waiting = services::QueueService(session).queue(core::Role::Inspector, &error);
    for (const services::QueueItem& i : waiting.value_or(QList<services::QueueItem>())) {
        if (i.row.caseId == caseId
            || (i.row.status != core::CaseStatus::Reviewed && i.row.status != core::CaseStatus::InspectionFailed))
            continue;
        auto* item = new QListWidgetItem(QStringLiteral("%1 — %2 — %3").arg(i.row.caseNo, i.row.subjectName, i.row.applicantName),
                                         m_ui->combineList);
        item->setData(Qt::UserRole, i.row.caseId);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    connect(m_ui->scheduleButton, &QPushButton::clicked, this, &InspectionDialog::schedule);
    connect(m_ui->passButton, &QPushButton::clicked, this, [this] { record(true); });
    connect(m_ui->failButton, &QPushButton::clicked, this, [this] { record(false); });
    connect(m_ui->rectifyButton, &QPushButton::clicked, this, &InspectionDialog::rectify);
    connect(m_ui->closeRectificationButton, &QPushButton::clicked, this, &InspectionDialog::closeRectification);
    connect(m_ui->addEvidenceButton, &QPushButton::clicked, this, &InspectionDialog::chooseEvidence);
    connect(m_ui->matterCombo, &QComboBox::currentIndexChanged, this, &InspectionDialog::reload);
    reload();
}

InspectionDialog::~InspectionDialog() = default;

QString InspectionDialog::messageText() const
{
    return m_ui->messageLabel->isVisible() ? m_ui->messageLabel->text() : QString();
}

void InspectionDialog::showMessage(const QString& text, bool error)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error ? QStringLiteral("background: #fde7e9; color: #a4262c; padding: 6px;")
                                            : QStringLiteral("background: #dff6dd; color: #107c10; padding: 6px;"));
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void InspectionDialog::reload()
{
    const auto state = services::CaseReader(m_session).state(m_caseId);
    if (!state) {
        m_ui->caseView->setPlainText(tr("There is no such case."));
        return;
    }
    setWindowTitle(tr("Site inspection — %1").arg(state->caseNo));
    m_ui->caseView->setHtml(CaseSummary::html(*state, m_session.calendar()));
    // A bundle: each matter (or group the catalog combines) has its own visit; the first open one comes up.
    MatterChoice::fill(m_ui->matterCombo, m_ui->matterLabel, *state, [](const core::MatterResult& m) {
        return m.decision == core::Decision::None
            && (m.awaitsInspection() || m.inspection == QLatin1String("scheduled")
                || m.inspection == QLatin1String("rectification"));
    });
    m_ui->combineList->setEnabled(!state->decidedPerMatter()); // a bundle's visits are its own
    const QString matter = m_ui->matterCombo->currentData().toString();
    const services::CaseReader reader(m_session); // the hall's separation policy in force, as the service checks it
    auto allowed = [&](core::WorkStep step) { return reader.refusal(step, *state, matter).isEmpty(); };
    m_ui->scheduleGroup->setEnabled(allowed(core::WorkStep::ScheduleInspection));
    m_ui->passButton->setEnabled(allowed(core::WorkStep::RecordInspection));
    m_ui->failButton->setEnabled(allowed(core::WorkStep::RecordInspection));
    m_ui->rectifyButton->setEnabled(allowed(core::WorkStep::RequireRectification));
    m_ui->closeRectificationButton->setEnabled(allowed(core::WorkStep::CloseRectification));
    // Start where the next step is typed, not in the case summary (unless a matter is being chosen).
    if (m_ui->matterCombo->hasFocus())
        return;
    if (m_ui->scheduleGroup->isEnabled())
        m_ui->visitDateEdit->setFocus();
    else if (m_ui->passButton->isEnabled() || m_ui->closeRectificationButton->isEnabled())
        m_ui->notesEdit->setFocus();
}

void InspectionDialog::finish(const std::optional<core::CaseState>& state, const QString& error, const QString& success)
{
    if (!state) {
        showMessage(error, true);
        return;
    }
    m_ui->notesEdit->clear();
    m_ui->evidenceList->clear();
    m_evidence.clear();
    showMessage(success, false);
    reload();
}

void InspectionDialog::schedule()
{
    services::InspectionPlan plan;
    plan.caseIds << m_caseId;
    for (int i = 0; i < m_ui->combineList->count(); ++i)
        if (m_ui->combineList->item(i)->checkState() == Qt::Checked)
            plan.caseIds << m_ui->combineList->item(i)->data(Qt::UserRole).toString();
    for (int i = 0; i < m_ui->inspectorsList->count(); ++i)
        if (m_ui->inspectorsList->item(i)->checkState() == Qt::Checked)
            plan.inspectorIds << m_ui->inspectorsList->item(i)->data(Qt::UserRole).toString();
    plan.date = m_ui->visitDateEdit->date();
    const QString matter = m_ui->matterCombo->currentData().toString();
    if (!matter.isEmpty() && m_ui->matterCombo->isVisible()) {
        plan.caseIds = {m_caseId};
        plan.matterCodes = {matter};
    }
    QString error;
    const auto visit = m_service.schedule(plan, &error);
    if (!visit) {
        showMessage(error, true);
        return;
    }
    if (!plan.matterCodes.isEmpty()) {
        QStringList names;
        if (const auto state = services::CaseReader(m_session).state(m_caseId))
            if (const core::InspectionVisit* v = state->inspectionOf(matter))
                for (const QString& code : v->matterCodes)
                    if (const core::MatterResult* m = state->matterResult(code))
                        names << m->name;
        showMessage(tr("Visit scheduled for %1, covering %2.").arg(plan.date.toString(Qt::ISODate), names.join(tr(", "))),
                    false);
    } else {
        showMessage(tr("Visit scheduled for %1, covering %n case(s).", nullptr, int(plan.caseIds.size()))
                        .arg(plan.date.toString(Qt::ISODate)),
                    false);
    }
    reload();
}

bool InspectionDialog::addEvidenceFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        showMessage(tr("Unable to read %1: %2").arg(path, f.errorString()), true);
        return false;
    }
    services::EvidenceFile e;
    e.fileName = QFileInfo(path).fileName();
    e.mimeType = QMimeDatabase().mimeTypeForFile(path).name();
    e.data = f.readAll();
    if (QString v = services::CaseSteps::checkEvidence({e}, true); !v.isEmpty()) {
        showMessage(v, true);
        return false;
    }
    m_evidence << e;
    m_ui->evidenceList->addItem(QStringLiteral("%1 (%2)").arg(e.fileName, e.mimeType));
    return true;
}

void InspectionDialog::chooseEvidence()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Evidence"), QString(), tr("Photos, videos and PDFs (*.jpg *.jpeg *.png *.mp4 *.mov *.pdf);;All files (*)"));
    for (const QString& f : files)
        addEvidenceFile(f);
}

void InspectionDialog::record(bool passed)
{
    QString error;
    const auto state = m_service.recordResult(m_caseId, passed, m_ui->notesEdit->toPlainText(), m_evidence, &error,
                                              m_ui->matterCombo->currentData().toString());
    finish(state, error, passed ? tr("Inspection passed; the case goes to the approver.")
                                : tr("Inspection failed; the approver decides."));
}

void InspectionDialog::rectify()
{
    QString error;
    const auto state = m_service.requireRectification(m_caseId, m_ui->rectificationDateEdit->date(),
                                                      m_ui->notesEdit->toPlainText(), m_evidence, &error,
                                                      m_ui->matterCombo->currentData().toString());
    finish(state, error, tr("Rectification required; the clock stands still until the evidence arrives."));
}

void InspectionDialog::closeRectification()
{
    QString error;
    const auto state = m_service.closeRectification(m_caseId, m_ui->notesEdit->toPlainText(), m_evidence, &error,
                                                    m_ui->matterCombo->currentData().toString());
    finish(state, error,
           state ? tr("Rectification closed from the evidence; due now on %1.").arg(state->promisedDue.toString(Qt::ISODate))
                 : QString());
}

} // namespace oneseal::ui
