#include "ConflictDialog.h"

#include "ui_ConflictDialog.h"

#include "core/CaseState.h"
#include "services/CaseReader.h"

#include <QLocale>
#include <QPushButton>

namespace oneseal::ui {

ConflictDialog::ConflictDialog(services::Session& session, const QString& caseId, QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::ConflictDialog)
    , m_session(session)
    , m_service(session)
    , m_caseId(caseId)
{
    m_ui->setupUi(this);
    if (const auto state = services::CaseReader(session).state(caseId))
        setWindowTitle(tr("Resolve a conflict — case %1, %2").arg(state->caseNo, state->subjectName));
    m_ui->introLabel->setText(
        tr("Two workstations recorded contradictory steps for this case while they were apart. Every step "
           "stays in the record; choose the one that holds. Until then nobody can work on the case."));
    connect(m_ui->conflictCombo, &QComboBox::currentIndexChanged, this, &ConflictDialog::showConflict);
    connect(m_ui->resolveButton, &QPushButton::clicked, this, &ConflictDialog::resolve);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::reject);
    reload();
}

ConflictDialog::~ConflictDialog() = default;

QString ConflictDialog::messageText() const
{
    return m_ui->messageLabel->isHidden() ? QString() : m_ui->messageLabel->text();
}

void ConflictDialog::showMessage(const QString& text, bool error)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error ? QStringLiteral("background: #fde7e9; color: #a4262c; padding: 6px;")
                                            : QStringLiteral("background: #dff6dd; color: #107c10; padding: 6px;"));
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

QString ConflictDialog::describe(const core::Event& event) const
{
    namespace k = core::eventkind;
    QString what;
    if (event.kind == k::decisionApproved)
        what = tr("Approved");
    else if (event.kind == k::decisionRefused)
        what = tr("Refused");
    else if (event.kind.startsWith(QLatin1String("intake.")))
        what = tr("Intake outcome %1").arg(event.kind.mid(7));
    else
        what = event.kind;
    const QString reasons = event.payload().value(core::payload::reasons).toString();
    return tr("%1 — workstation %2, %3").arg(what, event.workstation, QLocale().toString(event.recordedAt.toLocalTime(), QLocale::ShortFormat))
        + (reasons.isEmpty() ? QString() : tr(" — reasons: %1").arg(reasons));
}

void ConflictDialog::reload()
{
    QString error;
    const auto conflicts = m_service.openConflictsOf(m_caseId, &error);
    m_conflicts = conflicts.value_or(QList<services::ConflictDetail>());
    const QSignalBlocker block(m_ui->conflictCombo);
    m_ui->conflictCombo->clear();
    for (const services::ConflictDetail& d : std::as_const(m_conflicts))
        m_ui->conflictCombo->addItem(d.conflict.key == core::conflict::decisionKey ? tr("Contradictory decisions")
                                                                                    : tr("Contradictory intake outcomes"));
    if (!conflicts)
        showMessage(error, true);
    const bool any = !m_conflicts.isEmpty();
    m_ui->conflictCombo->setEnabled(m_conflicts.size() > 1);
    m_ui->eventsList->setEnabled(any);
    m_ui->noteEdit->setEnabled(any);
    m_ui->resolveButton->setEnabled(any && m_session.can(core::Action::ResolveConflict));
    showConflict(any ? 0 : -1);
    if (any)
        m_ui->eventsList->setFocus();
}

void ConflictDialog::showConflict(int index)
{
    m_ui->eventsList->clear();
    if (index < 0 || index >= m_conflicts.size())
        return;
    const services::ConflictDetail& d = m_conflicts.at(index);
    for (int i = 0; i < d.events.size(); ++i) {
        auto* item = new QListWidgetItem(describe(d.events.at(i)) + tr(" — by %1").arg(d.userNames.value(i)),
                                         m_ui->eventsList);
        item->setData(Qt::UserRole, d.events.at(i).id.toString(QUuid::WithoutBraces));
    }
    m_ui->eventsList->setCurrentRow(-1);
}

void ConflictDialog::resolve()
{
    const int index = m_ui->conflictCombo->currentIndex();
    if (index < 0 || index >= m_conflicts.size())
        return;
    const QListWidgetItem* kept = m_ui->eventsList->currentItem();
    if (!kept) {
        showMessage(tr("Choose the step that holds."), true);
        m_ui->eventsList->setFocus();
        return;
    }
    QString error;
    if (!m_service.resolve(m_caseId, m_conflicts.at(index).conflict.key, kept->data(Qt::UserRole).toString(),
                           m_ui->noteEdit->toPlainText(), &error)) {
        showMessage(error, true);
        return;
    }
    m_ui->noteEdit->clear();
    reload();
    showMessage(m_conflicts.isEmpty() ? tr("The conflict is resolved; the case goes on.")
                                      : tr("Resolved; another conflict of this case remains."),
                false);
}

} // namespace oneseal::ui
