#pragma once

#include "Session.h"
#include "core/Counter.h"

#include <QCoreApplication>
#include <QDate>

#include <array>

namespace oneseal::services {

/** The hall's queue over some days: how long applicants waited and were served, and how they rated. */
struct QueueReport
{
    int served = 0;           ///< cases recorded with a queue ticket
    int withWaiting = 0;      ///< of these, whose ticket said when it was drawn (and was called)
    double meanWaitSeconds = 0;
    double p90WaitSeconds = 0;
    int withService = 0;      ///< of these, called with "next applicant" before being served
    double meanServiceSeconds = 0;
    double p90ServiceSeconds = 0;
    int rated = 0;
    std::array<int, 5> ratings{}; ///< [level - 1]: how many rated 1 (非常不满意) … 5 (非常满意)
};

/**
 * The counter's use cases beyond intake: the applicant's rating of the service (好差评) after the
 * outcome, and the hall's report of waiting and service times from the queue tickets kept on the
 * cases (IntakeRequest::ticket writes them with the intake).
 */
class CounterService
{
    Q_DECLARE_TR_FUNCTIONS(CounterService)

public:
    explicit CounterService(Session& session)
        : m_session(session)
    {
    }

    /**
     * Records the applicant's rating of the service on a case (counter.rated). The clerk's session
     * writes it (the applicant touches the screen that faces them). Refused when the user may not
     * accept cases, the case does not exist or was already rated.
     */
    bool rate(const QString& caseId, core::counter::Rating rating, QString* error);
    /** The rating of a case (nullopt when none). */
    std::optional<core::counter::Rating> ratingOf(const QString& caseId) const;

    /** The report of the days @p from to @p to (inclusive, local days). Supervisors and administrators. */
    std::optional<QueueReport> report(const QDate& from, const QDate& to, QString* error) const;

private:
    Session& m_session;
};

} // namespace oneseal::services
