#include "QueueService.h"

#include "CaseReader.h"
#include "core/Catalog.h"
#include "core/Workflow.h"

namespace oneseal::services {

namespace {
    const QList<core::Role>& backOfficeRoles()
    {
        // Supervisors: the cases in conflict between workstations (docs/SYNC.md).
        static const QList<core::Role> roles{core::Role::Reviewer, core::Role::Inspector, core::Role::Approver,
                                             core::Role::CertificateOperator, core::Role::Supervisor};
        return roles;
    }
} // namespace

QueueService::QueueService(Session& session)
    : QueueService(session, session.calendar())
{
}

QueueService::QueueService(Session& session, const core::WorkCalendar& calendar)
    : m_session(session)
    , m_calendar(calendar)
{
}

QDate QueueService::today() const
{
    return m_session.clock().now().toLocalTime().date();
}

QList<core::Role> QueueService::visibleRoles() const
{
    QList<core::Role> roles;
    const bool all = m_session.can(core::Action::ReadAllCases);
    for (core::Role r : backOfficeRoles())
        if (all || (m_session.user().active && m_session.user().roles.testFlag(r)))
            roles << r;
    return roles;
}

core::DeadlineWarning QueueService::warningFor(const db::QueueRow& row, const QDate& today) const
{
    if (row.clockStopped)
        return core::DeadlineWarning::None;
    if (row.legalDue.isValid() && today > row.legalDue)
        return core::DeadlineWarning::Red;
    return core::deadlineWarning(m_calendar, today, row.promisedDue, isHighRisk(row.risk));
}

std::optional<QList<QueueItem>> QueueService::queue(core::Role role, QString* error) const
{
    if (!visibleRoles().contains(role)) {
        if (error)
            *error = tr("You may see only the queues of your own roles.");
        return std::nullopt;
    }
    const QDate day = today();
    QList<QueueItem> items;
    for (const db::QueueRow& row : db::BackOfficeRepository(m_session.database().sql()).waitingFor(core::roleKey(role))) {
        QueueItem item;
        item.row = row;
        // A date counted while a calendar year was missing is counted again (the year may be here now).
        const auto state = row.deadlineCertain ? std::nullopt : CaseReader(m_session).state(row.caseId);
        if (state) {
            const core::CaseDeadlines shown = core::Workflow::shownDeadlines(*state, m_calendar);
            item.promised = shown.promised;
            item.legal = shown.legal;
            item.row.promisedDue = shown.promised.due;
            item.row.legalDue = shown.legal.due;
            item.row.deadlineCertain = shown.promised.certain && shown.legal.certain;
        } else {
            item.promised = core::dueDateCertainty(m_calendar, row.acceptedAt.toLocalTime().date(), row.promisedDue);
            item.legal = core::dueDateCertainty(m_calendar, row.acceptedAt.toLocalTime().date(), row.legalDue);
        }
        item.warning = warningFor(item.row, day);
        items << item;
    }
    return items;
}

} // namespace oneseal::services
