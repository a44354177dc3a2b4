#pragma once

#include "Session.h"
#include "core/Counter.h"

#include <QCoreApplication>
#include <QDate>

#include <array>

namespace oneseal::services {

/** Waiting and service times and ratings of a set of served tickets. */
struct QueueFigures
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

/** One line of a breakdown: a day, a window (workstation) or a clerk. */
struct QueueGroup
{
    QString key;   ///< 2026-12-05, the workstation, the user id
    QString label; ///< what the report shows: the day, the workstation, the clerk's name
    QueueFigures figures;
};

/** The hall's queue over some days: how long applicants waited and were served, and how they rated. */
struct QueueReport : QueueFigures
{
    QDate from;
    QDate to;
    QList<QueueGroup> byDay;    ///< local days with served tickets, in order
    QList<QueueGroup> byWindow; ///< by workstation, by name
    QList<QueueGroup> byClerk;  ///< by the clerk who recorded the intake, by name

    /**
     * The report as CSV (RFC 4180, UTF-8 with a BOM for spreadsheet programs): one row for the whole
     * period, then one per day, window and clerk; times in minutes with one decimal.
     */
    QByteArray toCsv() const;
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
    /**
     * Writes the report of those days as CSV (QueueReport::toCsv) to @p path, replacing the file
     * whole or not at all. The same check as report(). Returns the tickets served in the period.
     */
    std::optional<int> exportReport(const QDate& from, const QDate& to, const QString& path, QString* error) const;

private:
    Session& m_session;
};

} // namespace oneseal::services
