#pragma once

#include "Session.h"
#include "core/CaseState.h"
#include "core/Deadline.h"
#include "core/WorkCalendar.h"
#include "db/BackOfficeRepository.h"

#include <QCoreApplication>

namespace oneseal::services {

/** A case in a work queue, with its warning as of today. */
struct QueueItem
{
    db::QueueRow row;
    /** Red when the promised (or legal) date has passed, yellow when close; none while the clock stands still. */
    core::DeadlineWarning warning = core::DeadlineWarning::None;
    /** The promised and legal dates as shown, each certain or not under the session's calendar. */
    core::DeadlineResult promised;
    core::DeadlineResult legal;
    /**
     * In a bundle case: the open (undecided) matter whose own deadline is the most urgent, which the
     * warning and dates follow (e.g. the fire-safety check's 10 days, not the bundle's 20); empty
     * for single-matter cases and bundles whose matters are all decided.
     */
    QString dueMatterCode;
    QString dueMatterName;
};

/** The work queues of the back office: per role, the cases waiting for it, their deadlines and warnings. */
class QueueService
{
    Q_DECLARE_TR_FUNCTIONS(QueueService)

public:
    /** With the session's calendar (Session::calendar()). */
    explicit QueueService(Session& session);
    QueueService(Session& session, const core::WorkCalendar& calendar);

    /** The back-office roles whose queues the user may see: their own; supervisors and administrators all. */
    QList<core::Role> visibleRoles() const;
    /** The cases waiting for \a role, soonest due first; refused when the user may not see that queue. */
    std::optional<QList<QueueItem>> queue(core::Role role, QString* error) const;
    /**
     * A bundle case's most urgent open matter as of \a today: its code, and the item's dates and
     * warning set to that matter's own; false when every matter is decided.
     */
    bool followMostUrgentMatter(QueueItem& item, const core::CaseState& state, const QDate& today) const;
    /** The warning of one queue row as of \a today. */
    core::DeadlineWarning warningFor(const db::QueueRow& row, const QDate& today) const;
    QDate today() const;

    /** Whether a case's risk text is the high risk level (重), which warns earlier. */
    static bool isHighRisk(core::RiskLevel risk) { return risk == core::RiskLevel::High; }

private:
    Session& m_session;
    const core::WorkCalendar& m_calendar;
};

} // namespace oneseal::services
