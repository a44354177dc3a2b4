#include "QueueService.h"

#include "CaseReader.h"
#include "core/Catalog.h"
#include "core/Workflow.h"

#include <algorithm>
#include <tuple>

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
        // A bundle: the row follows its most urgent open matter's own deadline.
        if (row.matterCount > 1 && !row.clockStopped)
            if (const auto bundle = state ? state : CaseReader(m_session).state(row.caseId))
                followMostUrgentMatter(item, *bundle, day);
        items << item;
    }
    std::stable_sort(items.begin(), items.end(), [](const QueueItem& a, const QueueItem& b) {
        if (a.row.clockStopped != b.row.clockStopped)
            return !a.row.clockStopped;
        if (a.row.promisedDue.isValid() != b.row.promisedDue.isValid())
            return a.row.promisedDue.isValid();
        return a.row.promisedDue < b.row.promisedDue;
    });
    return items;
}

bool QueueService::followMostUrgentMatter(QueueItem& item, const core::CaseState& state, const QDate& today) const
{
    bool found = false;
    QueueItem best;
    for (const core::MatterResult& m : state.matterResults) {
        if (m.decision != core::Decision::None)
            continue;
        const core::CaseDeadlines due = core::Workflow::matterDeadlines(state, m, m_calendar);
        QueueItem candidate = item;
        candidate.promised = due.promised;
        candidate.legal = due.legal;
        candidate.row.promisedDue = due.promised.due;
        candidate.row.legalDue = due.legal.due;
        candidate.row.deadlineCertain = due.promised.certain && due.legal.certain;
        candidate.warning = warningFor(candidate.row, today);
        candidate.dueMatterCode = m.code;
        candidate.dueMatterName = m.name.isEmpty() ? m.code : m.name;
        // Most urgent: the stronger warning, then the earlier promised date, then the earlier legal one.
        auto key = [](const QueueItem& i) {
            const QDate far(9999, 12, 31);
            return std::make_tuple(-int(i.warning), i.row.promisedDue.isValid() ? i.row.promisedDue : far,
                                   i.row.legalDue.isValid() ? i.row.legalDue : far);
        };
        if (!found || key(candidate) < key(best)) {
            best = candidate;
            found = true;
        }
    }
    if (found)
        item = best;
    return found;
}

} // namespace oneseal::services
