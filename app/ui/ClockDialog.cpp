#include "ClockDialog.h"

#include "ui_ClockDialog.h"

#include "documents/DocumentIssuer.h"
#include "services/CaseReader.h"

#include <QPushButton>
#include <QShortcut>

namespace oneseal::ui {

ClockDialog::ClockDialog(services::Session& session, const QString& caseId, QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::ClockDialog)
    , m_session(session)
    , m_service(session)
    , m_caseId(caseId)
    , m_preview(this)
    , m_output(&m_preview)
{
    m_ui->setupUi(this);
    for (core::ClockStop s : {core::ClockStop::Hearing, core::ClockStop::Testing, core::ClockStop::ExpertReview})
        m_ui->stopKindCombo->addItem(core::displayText(s), core::toStored(s));
    m_ui->stopGroup->setVisible(m_session.can(core::Action::StopClock));
    m_ui->extendGroup->setVisible(m_session.can(core::Action::DecideCase));
    m_ui->daysSpin->setMaximum(core::Workflow::kMaxExtensionDays);
    struct Key
    {
        QPushButton* button;
        Qt::Key key;
        void (ClockDialog::*slot)();
    };
    for (const Key& k : {Key{m_ui->stopButton, Qt::Key_S, &ClockDialog::stop}, Key{m_ui->resumeButton, Qt::Key_R, &ClockDialog::resume},
                         Key{m_ui->extendButton, Qt::Key_E, &ClockDialog::extend}}) {
        const auto slot = k.slot;
        QPushButton* button = k.button;
        button->setAutoDefault(false);
        connect(button, &QPushButton::clicked, this, [this, slot] { (this->*slot)(); });
        auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | k.key), this);
        connect(shortcut, &QShortcut::activated, this, [this, slot, button] {
            if (button->isVisible() && button->isEnabled())
                (this->*slot)();
        });
    }
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    reload();
}

ClockDialog::~ClockDialog() = default;

QString ClockDialog::messageText() const
{
    return m_ui->messageLabel->isVisible() ? m_ui->messageLabel->text() : QString();
}

QString ClockDialog::caseText() const
{
    return m_ui->caseLabel->text();
}

void ClockDialog::showMessage(const QString& text, bool error)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error ? QStringLiteral("background: #fde7e9; color: #a4262c; padding: 6px;")
                                            : QStringLiteral("background: #dff6dd; color: #107c10; padding: 6px;"));
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void ClockDialog::reload()
{
    const auto state = services::CaseReader(m_session).state(m_caseId);
    if (!state) {
        m_ui->caseLabel->setText(tr("There is no such case."));
        return;
    }
    QString clock = state->clockStop ? tr("The clock stands still for %1.").arg(core::displayText(*state->clockStop))
                                     : state->clockStopped() ? tr("The clock stands still.")
                                                             : tr("The clock runs.");
    if (state->extensionDays > 0)
        clock += QLatin1Char(' ') + tr("Extended by %n working day(s).", nullptr, state->extensionDays);
    m_ui->caseLabel->setText(tr("Case %1 — %2. Promised by %3, legal limit %4. %5")
                                 .arg(state->caseNo, state->subjectName,
                                      state->promisedDue.isValid() ? state->promisedDue.toString(Qt::ISODate) : tr("(stopped)"),
                                      state->legalDue.isValid() ? state->legalDue.toString(Qt::ISODate) : tr("(stopped)"), clock));
    m_ui->stopButton->setEnabled(services::CaseReader(m_session).refusal(core::WorkStep::StopClock, *state).isEmpty());
    m_ui->resumeButton->setEnabled(services::CaseReader(m_session).refusal(core::WorkStep::ResumeClock, *state).isEmpty());
    m_ui->extendButton->setEnabled(services::CaseReader(m_session).refusal(core::WorkStep::Extend, *state).isEmpty());
    m_ui->daysSpin->setMaximum(std::max(1, core::Workflow::kMaxExtensionDays - state->extensionDays));
}

void ClockDialog::stop()
{
    QString error;
    const auto stopped = core::clockStopFromStored(m_ui->stopKindCombo->currentData().toString());
    const auto state = stopped ? m_service.stopClock(m_caseId, *stopped, m_ui->stopNotesEdit->text(), &error) : std::nullopt;
    if (!state) {
        showMessage(error, true);
        return;
    }
    const documents::IssuedDocument notice = documents::DocumentIssuer(m_session, *m_output).printClockStopNotice(m_caseId);
    showMessage(notice.recorded() ? tr("The clock of case %1 stands still; the %2 is printed.").arg(state->caseNo, notice.title)
                                  : tr("The clock of case %1 stands still; the notice was not printed: %2")
                                        .arg(state->caseNo, notice.error),
                !notice.recorded());
    m_ui->stopNotesEdit->clear();
    reload();
}

void ClockDialog::resume()
{
    QString error;
    const auto state = m_service.resumeClock(m_caseId, QString(), &error);
    if (!state) {
        showMessage(error, true);
        return;
    }
    showMessage(tr("The clock of case %1 runs again; it is now promised by %2.")
                    .arg(state->caseNo, state->promisedDue.toString(Qt::ISODate)),
                false);
    reload();
}

void ClockDialog::extend()
{
    QString error;
    const auto state = m_service.extend(m_caseId, m_ui->daysSpin->value(), m_ui->extendReasonsEdit->text(), &error);
    if (!state) {
        showMessage(error, true);
        return;
    }
    const documents::IssuedDocument notice = documents::DocumentIssuer(m_session, *m_output).printExtensionNotice(m_caseId);
    showMessage(notice.recorded() ? tr("Case %1 is extended; it is now promised by %2. The %3 is printed.")
                                        .arg(state->caseNo, state->promisedDue.toString(Qt::ISODate), notice.title)
                                  : tr("Case %1 is extended; the notice was not printed: %2").arg(state->caseNo, notice.error),
                !notice.recorded());
    m_ui->extendReasonsEdit->clear();
    reload();
}

} // namespace oneseal::ui
