#include "ReviewService.h"
#include "core/SealedDocument.h"

namespace oneseal::services {

ReviewService::ReviewService(Session& session)
    : ReviewService(session, session.calendar())
{
}

ReviewService::ReviewService(Session& session, const core::WorkCalendar& calendar)
    : m_steps(session, calendar)
{
}

bool ReviewService::needsInspection(const core::CaseState& state, const QString& matterCode) const
{
    const auto catalog = m_steps.session().catalogVersion(state.catalogVersion);
    if (!catalog)
        return false;
    for (const QString& code : state.matterCodes)
        if (const core::Matter* m = catalog->matter(code);
            m && m->siteInspection && (matterCode.isEmpty() || code == matterCode))
            return true;
    return false;
}

std::optional<core::CaseState> ReviewService::pass(const QString& caseId, const QString& notes, QString* error,
                                                   const QString& matterCode)
{
    const auto state = m_steps.prepare(caseId, core::WorkStep::ReviewPass, error, matterCode);
    if (!state)
        return std::nullopt;
    const QString matter = state->decidedPerMatter() ? matterCode : QString();
    if (QString v = core::Workflow::checkReasons(notes, false, tr("review notes")); !v.isEmpty()) {
        if (error)
            *error = v;
        return std::nullopt;
    }
    QCborMap p{{core::payload::notes, notes.trimmed()},
               {core::payload::inspectionRequired, needsInspection(*state, matter)}};
    if (!matter.isEmpty())
        p.insert(core::payload::matter, matter);
    if (!m_steps.inTransaction([&](QString* e) { return m_steps.append(caseId, core::eventkind::reviewPassed, p, e); },
                               error))
        return std::nullopt;
    return m_steps.load(caseId, error);
}

std::optional<core::CaseState> ReviewService::requestCorrection(const QString& caseId, const QString& whatToCorrect,
                                                                QString* error)
{
    if (!m_steps.prepare(caseId, core::WorkStep::RequestCorrection, error))
        return std::nullopt;
    if (QString v = core::Workflow::checkReasons(whatToCorrect, true, tr("materials to correct")); !v.isEmpty()) {
        if (error)
            *error = v;
        return std::nullopt;
    }
    const QDate day = m_steps.today();
    const core::ClockPause pause = core::Workflow::pauseFrom(day, tr("correction"));
    const QCborMap p{{core::payload::notes, whatToCorrect.trimmed()},
                     {core::payload::clockStops, pause.from.toString(Qt::ISODate)}};
    if (!m_steps.inTransaction(
            [&](QString* e) { return m_steps.append(caseId, core::eventkind::correctionRequested, p, e); }, error))
        return std::nullopt;
    return m_steps.load(caseId, error);
}

std::optional<core::CaseState> ReviewService::receiveCorrection(const QString& caseId, const QString& notes,
                                                                QString* error)
{
    auto state = m_steps.prepare(caseId, core::WorkStep::ReceiveCorrection, error);
    if (!state)
        return std::nullopt;
    if (QString v = core::Workflow::checkReasons(notes, false, tr("notes")); !v.isEmpty()) {
        if (error)
            *error = v;
        return std::nullopt;
    }
    const QDate day = m_steps.today();
    if (!state->pauses.isEmpty())
        state->pauses.last().until = day;
    const core::CaseDeadlines due = core::Workflow::deadlines(*state, m_steps.calendar());
    QCborMap p{{core::payload::notes, notes.trimmed()}, {core::payload::date, day.toString(Qt::ISODate)}};
    if (due.promised.due.isValid())
        p.insert(core::payload::promisedDue, due.promised.due.toString(Qt::ISODate));
    if (due.legal.due.isValid())
        p.insert(core::payload::legalDue, due.legal.due.toString(Qt::ISODate));
    if (!m_steps.inTransaction(
            [&](QString* e) { return m_steps.append(caseId, core::eventkind::correctionReceived, p, e); }, error))
        return std::nullopt;
    return m_steps.load(caseId, error);
}

std::optional<core::CaseState> ReviewService::proposeRefusal(const QString& caseId, const QString& reasons,
                                                             QString* error, const QString& matterCode)
{
    const auto state = m_steps.prepare(caseId, core::WorkStep::ProposeRefusal, error, matterCode);
    if (!state)
        return std::nullopt;
    if (QString v = core::Workflow::checkReasons(reasons, true, tr("reasons for refusal")); !v.isEmpty()) {
        if (error)
            *error = v;
        return std::nullopt;
    }
    QCborMap p{{core::payload::reasons, reasons.trimmed()}};
    if (state->decidedPerMatter())
        p.insert(core::payload::matter, matterCode);
    if (!m_steps.inTransaction(
            [&](QString* e) { return m_steps.append(caseId, core::eventkind::refusalProposed, p, e); }, error))
        return std::nullopt;
    return m_steps.load(caseId, error);
}

bool ReviewService::canRecordNotice(QString* error) const
{
    if (m_steps.session().can(core::Action::ReviewCase))
        return true;
    if (error)
        *error = Session::refusal(core::Action::ReviewCase);
    return false;
}

bool ReviewService::recordNoticePrinted(const QString& caseId, const QString& title, const QByteArray& documentHash,
                                        QString* error, bool sealed)
{
    if (!canRecordNotice(error))
        return false;
    if (!m_steps.load(caseId, error))
        return false;
    QCborMap p{{QStringLiteral("notice"), title}, {QStringLiteral("sha256"), QString::fromLatin1(documentHash.toHex())}};
    if (sealed)
        p.insert(core::payload::sealedDocument, core::toStored(core::SealedDocument::Notice));
    return m_steps.inTransaction([&](QString* e) { return m_steps.append(caseId, QStringLiteral("notice.printed"), p, e); },
                                 error);
}

} // namespace oneseal::services
