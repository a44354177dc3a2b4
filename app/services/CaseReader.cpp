#include "CaseReader.h"
#include "core/Workflow.h"
#include "db/UserDirectory.h"

namespace oneseal::services {

std::optional<core::CaseState> CaseReader::state(const QString& caseId) const
{
    const auto events = m_session.events().caseEvents(caseId);
    if (events.isEmpty())
        return std::nullopt;
    return core::CaseState::fold(events);
}

std::optional<core::CaseState> CaseReader::stateByNumber(const QString& caseNo) const
{
    const auto summary = summaryByNumber(caseNo);
    if (!summary)
        return std::nullopt;
    return state(summary->caseId);
}

std::optional<db::CaseSummary> CaseReader::summaryByNumber(const QString& caseNo) const
{
    return db::IntakeRepository(m_session.database().sql()).caseByNumber(caseNo);
}

QList<db::CaseSummary> CaseReader::withShownDeadlines(QList<db::CaseSummary> cases) const
{
    const core::WorkCalendar& calendar = m_session.calendar();
    for (db::CaseSummary& c : cases) {
        // A date counted while a calendar year was missing is counted again (the year may be here now).
        const auto s = c.deadlineCertain ? std::nullopt : state(c.caseId);
        const core::DeadlineResult promised = s ? core::Workflow::shownDeadlines(*s, calendar).promised
                                                : core::dueDateCertainty(calendar, c.acceptedAt.toLocalTime().date(),
                                                                         c.promisedDue);
        c.promisedDue = promised.due;
        c.deadlineCertain = promised.certain;
        c.deadlineNote = promised.note;
    }
    return cases;
}

QList<db::CaseSummary> CaseReader::search(const QString& text) const
{
    return withShownDeadlines(db::IntakeRepository(m_session.database().sql()).searchCases(text));
}

QList<db::CaseSummary> CaseReader::takenToday() const
{
    return withShownDeadlines(
        db::IntakeRepository(m_session.database().sql()).casesTakenBy(m_session.user().id, today()));
}

QList<db::CertificateRow> CaseReader::certificates(const QString& caseId) const
{
    return db::BackOfficeRepository(m_session.database().sql()).certificatesOfCase(caseId);
}

std::optional<QByteArray> CaseReader::attachmentData(const QString& sha256) const
{
    return db::AttachmentStore(m_session.database().sql()).get(sha256);
}

std::shared_ptr<const core::Catalog> CaseReader::catalogOf(const core::CaseState& state) const
{
    return m_session.catalogVersion(state.catalogVersion);
}

QString CaseReader::refusal(core::WorkStep step, const core::CaseState& state, const QString& matterCode) const
{
    return core::Workflow::check(step, state, m_session.user().id, m_session.user().roles,
                                 db::UserDirectory::currentSeparationPolicy(m_session.database().sql()), matterCode);
}

QDate CaseReader::today() const
{
    return m_session.clock().today();
}

QList<RecentEvent> CaseReader::recentEvents(int limit) const
{
    return db::EventLogRepository(m_session.database().sql()).recent(limit);
}

} // namespace oneseal::services
