#include "CaseLifeService.h"

#include "core/SealedDocument.h"

#include <QCborArray>

namespace oneseal::services {

namespace {
template <typename T>
std::optional<T> refuse(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return std::nullopt;
}
} // namespace

CaseLifeService::CaseLifeService(Session& session, const core::WorkCalendar& calendar)
    : m_steps(session, calendar)
{
}

bool CaseLifeService::maySeeOwedMaterials() const
{
    const Session& s = m_steps.session();
    return s.can(core::Action::AcceptCase) || s.can(core::Action::DecideCase) || s.can(core::Action::ReadAllCases);
}

std::optional<QList<OwedItem>> CaseLifeService::owedMaterials(const QString& applicantIdNumber, QString* error) const
{
    if (!maySeeOwedMaterials())
        return refuse<QList<OwedItem>>(error, tr("Only intake clerks, approvers and supervisors see the owed materials."));
    if (applicantIdNumber.size() > 40)
        return refuse<QList<OwedItem>>(error, tr("That is not an identity number."));
    const QDate day = today();
    QList<OwedItem> items;
    for (const db::OwedMaterialRow& row :
         db::CaseLifeRepository(m_steps.session().database().sql()).owedMaterials(applicantIdNumber.trimmed())) {
        OwedItem item;
        item.row = row;
        item.warning = core::deadlineWarning(m_steps.calendar(), day, row.dueDate, false);
        items << item;
    }
    return items;
}

bool CaseLifeService::maySeeVerifications() const
{
    const Session& s = m_steps.session();
    return s.can(core::Action::VerifyPledge) || s.can(core::Action::ReadAllCases);
}

std::optional<QList<VerificationItem>> CaseLifeService::verificationTasks(QString* error) const
{
    if (!maySeeVerifications())
        return refuse<QList<VerificationItem>>(error, tr("Only inspectors, regulators and supervisors see the checks of pledges."));
    const QDate day = today();
    QList<VerificationItem> items;
    for (const db::VerificationRow& row : db::CaseLifeRepository(m_steps.session().database().sql()).verificationTasks()) {
        VerificationItem item;
        item.row = row;
        item.warning = core::deadlineWarning(m_steps.calendar(), day, row.due, false);
        items << item;
    }
    return items;
}

std::optional<QList<VerificationItem>> CaseLifeService::falsePledges(QString* error) const
{
    const Session& s = m_steps.session();
    if (!s.can(core::Action::DecideCase) && !s.can(core::Action::ReadAllCases))
        return refuse<QList<VerificationItem>>(error, tr("Only approvers and supervisors see the pledges found false."));
    QList<VerificationItem> items;
    for (const db::VerificationRow& row : db::CaseLifeRepository(s.database().sql()).falsePledges()) {
        VerificationItem item;
        item.row = row;
        item.warning = core::DeadlineWarning::Red;
        items << item;
    }
    return items;
}

std::optional<core::CaseState> CaseLifeService::write(const QString& caseId, const QString& kind, const QCborMap& payload,
                                                      QString* error)
{
    if (!m_steps.inTransaction([&](QString* e) { return m_steps.append(caseId, kind, payload, e); }, error))
        return std::nullopt;
    return m_steps.load(caseId, error);
}

std::optional<core::CaseState> CaseLifeService::stopClock(const QString& caseId, core::ClockStop stop,
                                                          const QString& notes, QString* error)
{
    if (!m_steps.prepare(caseId, core::WorkStep::StopClock, error))
        return std::nullopt;
    if (QString v = core::Workflow::checkReasons(notes, true, tr("reasons for stopping the clock")); !v.isEmpty())
        return refuse<core::CaseState>(error, v);
    const core::ClockPause pause = core::Workflow::pauseFrom(today(), core::displayText(stop));
    const QCborMap p{{core::payload::clockStop, core::toStored(stop)},
                     {core::payload::notes, notes.trimmed()},
                     {core::payload::clockStops, pause.from.toString(Qt::ISODate)}};
    return write(caseId, core::eventkind::clockStopped, p, error);
}

std::optional<core::CaseState> CaseLifeService::resumeClock(const QString& caseId, const QString& notes, QString* error)
{
    auto state = m_steps.prepare(caseId, core::WorkStep::ResumeClock, error);
    if (!state)
        return std::nullopt;
    if (QString v = core::Workflow::checkReasons(notes, false, tr("notes")); !v.isEmpty())
        return refuse<core::CaseState>(error, v);
    const QDate day = today();
    if (!state->pauses.isEmpty())
        state->pauses.last().until = day;
    const core::CaseDeadlines due = core::Workflow::deadlines(*state, m_steps.calendar());
    QCborMap p{{core::payload::notes, notes.trimmed()}, {core::payload::date, day.toString(Qt::ISODate)}};
    if (due.promised.due.isValid())
        p.insert(core::payload::promisedDue, due.promised.due.toString(Qt::ISODate));
    if (due.legal.due.isValid())
        p.insert(core::payload::legalDue, due.legal.due.toString(Qt::ISODate));
    return write(caseId, core::eventkind::clockResumed, p, error);
}

std::optional<core::CaseState> CaseLifeService::extend(const QString& caseId, int days, const QString& reasons,
                                                       QString* error)
{
    auto state = m_steps.prepare(caseId, core::WorkStep::Extend, error);
    if (!state)
        return std::nullopt;
    const int left = core::Workflow::kMaxExtensionDays - state->extensionDays;
    if (days < 1 || days > left)
        return refuse<core::CaseState>(error, tr("An extension is 1 to %1 working days (at most %2 in all, "
                                                 "Administrative Licensing Law art. 42).")
                                                  .arg(left)
                                                  .arg(core::Workflow::kMaxExtensionDays));
    if (QString v = core::Workflow::checkReasons(reasons, true, tr("reasons for the extension")); !v.isEmpty())
        return refuse<core::CaseState>(error, v);
    state->extensionDays += days;
    const core::CaseDeadlines due = core::Workflow::deadlines(*state, m_steps.calendar());
    QCborMap p{{core::payload::days, days}, {core::payload::reasons, reasons.trimmed()}};
    if (due.promised.due.isValid())
        p.insert(core::payload::promisedDue, due.promised.due.toString(Qt::ISODate));
    if (due.legal.due.isValid())
        p.insert(core::payload::legalDue, due.legal.due.toString(Qt::ISODate));
    return write(caseId, core::eventkind::decisionExtended, p, error);
}

core::OwedLapse CaseLifeService::lapseRule(const core::CaseState& state) const
{
    const auto catalog = m_steps.session().catalogVersion(state.catalogVersion);
    const QStringList codes = state.matterCodes.isEmpty() ? QStringList{state.subjectCode} : state.matterCodes;
    bool any = false;
    for (const QString& code : codes) {
        const core::Matter* m = catalog ? catalog->matter(code) : nullptr;
        if (!m || m->onOwedLapse != core::OwedLapse::Terminate)
            return core::OwedLapse::Revoke;
        any = true;
    }
    return any ? core::OwedLapse::Terminate : core::OwedLapse::Revoke;
}

std::optional<core::WorkStep> CaseLifeService::lapseStep(const QString& caseId, QString* error) const
{
    const auto state = m_steps.load(caseId, error);
    if (!state)
        return std::nullopt;
    return core::Workflow::lapseStep(*state, lapseRule(*state));
}

std::optional<core::CaseState> CaseLifeService::terminate(const QString& caseId, const QString& reasons, QString* error)
{
    const auto state = m_steps.prepare(caseId, core::WorkStep::Terminate, error);
    if (!state)
        return std::nullopt;
    if (QString v = core::Workflow::checkLapse(core::WorkStep::Terminate, *state, today(), lapseRule(*state));
        !v.isEmpty())
        return refuse<core::CaseState>(error, v);
    if (QString v = core::Workflow::checkReasons(reasons, true, tr("reasons for terminating the case")); !v.isEmpty())
        return refuse<core::CaseState>(error, v);
    QCborArray overdue;
    for (const core::MaterialEntry& m : state->overdueMaterials(today()))
        overdue << m.code;
    const QCborMap p{{core::payload::reasons, reasons.trimmed()}, {core::payload::materials, overdue}};
    return write(caseId, core::eventkind::decisionTerminated, p, error);
}

std::optional<core::CaseState> CaseLifeService::revoke(const QString& caseId, const QString& reasons, QString* error)
{
    const auto state = m_steps.prepare(caseId, core::WorkStep::Revoke, error);
    if (!state)
        return std::nullopt;
    if (QString v = core::Workflow::checkLapse(core::WorkStep::Revoke, *state, today(), lapseRule(*state)); !v.isEmpty())
        return refuse<core::CaseState>(error, v);
    if (QString v = core::Workflow::checkReasons(reasons, true, tr("reasons for the revocation")); !v.isEmpty())
        return refuse<core::CaseState>(error, v);
    const QCborMap p{{core::payload::reasons, reasons.trimmed()}};
    return write(caseId, core::eventkind::decisionRevoked, p, error);
}

std::optional<core::CaseState> CaseLifeService::confirmPledge(const QString& caseId, const QString& notes, QString* error)
{
    if (!m_steps.prepare(caseId, core::WorkStep::VerifyPledge, error))
        return std::nullopt;
    if (QString v = core::Workflow::checkReasons(notes, false, tr("notes")); !v.isEmpty())
        return refuse<core::CaseState>(error, v);
    return write(caseId, core::eventkind::verificationConfirmed,
                 QCborMap{{core::payload::notes, notes.trimmed()}}, error);
}

std::optional<core::CaseState> CaseLifeService::orderRectification(const QString& caseId, const QDate& deadline,
                                                                   const QString& notes, QString* error)
{
    if (!m_steps.prepare(caseId, core::WorkStep::VerifyPledge, error))
        return std::nullopt;
    if (!deadline.isValid() || deadline <= today() || deadline > today().addYears(1))
        return refuse<core::CaseState>(error, tr("The rectification deadline must be after today and within a year."));
    if (QString v = core::Workflow::checkReasons(notes, true, tr("what to rectify")); !v.isEmpty())
        return refuse<core::CaseState>(error, v);
    const QCborMap p{{core::payload::deadline, deadline.toString(Qt::ISODate)}, {core::payload::notes, notes.trimmed()}};
    return write(caseId, core::eventkind::verificationRectification, p, error);
}

std::optional<core::CaseState> CaseLifeService::failPledge(const QString& caseId, const QString& reasons, QString* error)
{
    if (!m_steps.prepare(caseId, core::WorkStep::VerifyPledge, error))
        return std::nullopt;
    if (QString v = core::Workflow::checkReasons(reasons, true, tr("findings")); !v.isEmpty())
        return refuse<core::CaseState>(error, v);
    return write(caseId, core::eventkind::verificationFailed,
                 QCborMap{{core::payload::reasons, reasons.trimmed()}}, error);
}

bool CaseLifeService::canRecordNotice(QString* error) const
{
    const Session& s = m_steps.session();
    if (s.can(core::Action::StopClock) || s.can(core::Action::DecideCase))
        return true;
    if (error)
        *error = Session::refusal(core::Action::StopClock);
    return false;
}

bool CaseLifeService::recordNoticePrinted(const QString& caseId, const QString& title, const QByteArray& documentHash,
                                          QString* error, bool sealed)
{
    if (!canRecordNotice(error) || !m_steps.load(caseId, error))
        return false;
    QCborMap p{{QStringLiteral("notice"), title}, {QStringLiteral("sha256"), QString::fromLatin1(documentHash.toHex())}};
    if (sealed) // a notice that carries the seal has its row in the seal register
        p.insert(core::payload::sealedDocument, core::toStored(core::SealedDocument::Notice));
    return m_steps.inTransaction(
        [&](QString* e) { return m_steps.append(caseId, QStringLiteral("notice.printed"), p, e); }, error);
}

} // namespace oneseal::services
