#include "QueueService.h"

#include "core/Catalog.h"

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
        item.warning = warningFor(row, day);
        items << item;
    }
    return items;
}

} // namespace oneseal::services
