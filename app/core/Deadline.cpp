#include "core/Deadline.h"

#include <QCoreApplication>

#include <cmath>
#include <set>

namespace oneseal::core {

namespace {

    bool weekdayRule(const QDate& d)
    {
        return d.dayOfWeek() <= 5;
    }

    DeadlineResult invalidInput(const QString& note)
    {
        DeadlineResult r;
        r.certain = false;
        r.note = note;
        return r;
    }

    /** A pause as the half-open interval [from, until); until invalid = open. */
    struct Interval
    {
        QDate from;
        QDate until;
        QString reason;
    };

} // namespace

DeadlineResult computeDeadline(
    const WorkCalendar& calendar, const QDate& accepted, double workingDays, const QList<ClockPause>& pauses)
{
    if (!accepted.isValid())
        return invalidInput(
            QCoreApplication::translate("Deadline", "The deadline cannot be computed without the acceptance date."));
    if (!(workingDays >= 0.0 && workingDays <= kMaxDeadlineWorkingDays))
        return invalidInput(
            QCoreApplication::translate("Deadline", "The time limit must be between 0 and %1 working days.")
                .arg(kMaxDeadlineWorkingDays));

    const int need = int(std::ceil(workingDays));
    DeadlineResult r;
    if (need == 0) {
        r.due = accepted;
        return r;
    }

    QList<Interval> stops;
    for (const ClockPause& p : pauses) {
        if (!p.from.isValid() || (p.until.isValid() && p.until <= p.from))
            continue;
        stops.append({ p.from, p.until, p.reason });
    }

    std::set<int> missing;
    QDate d = accepted;
    int counted = 0;
    while (counted < need) {
        d = d.addDays(1);

        const Interval* open = nullptr;
        QDate resume;
        for (const Interval& s : stops) {
            if (d < s.from || (s.until.isValid() && d >= s.until))
                continue;
            if (!s.until.isValid()) {
                open = &s;
                break;
            }
            resume = std::max(resume.isValid() ? resume : s.until, s.until);
        }
        if (open) {
            r.paused = true;
            r.workingDaysUsed = counted;
            r.workingDaysLeft = need - counted;
            const QString stopped = open->reason.trimmed().isEmpty()
                ? QCoreApplication::translate("Deadline",
                    "The clock has stood still since %1 with %2 of %3 working days used; "
                    "the due date is set when it resumes.")
                      .arg(open->from.toString(Qt::ISODate))
                      .arg(counted)
                      .arg(need)
                : QCoreApplication::translate("Deadline",
                    "The clock has stood still since %1 (%2) with %3 of %4 working days "
                    "used; the due date is set when it resumes.")
                      .arg(open->from.toString(Qt::ISODate), open->reason.trimmed())
                      .arg(counted)
                      .arg(need);
            r.note = stopped;
            break;
        }
        if (resume.isValid()) {
            d = resume.addDays(-1); // the next turn looks at the day the clock resumes
            continue;
        }

        const std::optional<bool> working = calendar.isWorkingDay(d);
        if (!working)
            missing.insert(d.year());
        if (working.value_or(weekdayRule(d)))
            ++counted;
    }

    if (!r.paused) {
        r.due = d;
        r.workingDaysUsed = need;
    }
    if (!missing.empty()) {
        r.certain = false;
        r.missingYears = QList<int>(missing.begin(), missing.end());
        const QString uncertain = WorkCalendar::missingCalendarNote(r.missingYears);
        r.note = r.note.isEmpty() ? uncertain : uncertain + QLatin1Char(' ') + r.note;
    }
    return r;
}

DeadlineWarning deadlineWarning(const WorkCalendar& calendar, const QDate& today, const QDate& due, bool highRisk)
{
    if (!today.isValid() || !due.isValid())
        return DeadlineWarning::None;
    if (today > due)
        return DeadlineWarning::Red;
    const int threshold = highRisk ? kYellowWorkingDaysHighRisk : kYellowWorkingDays;
    int remaining = 0;
    for (QDate d = today.addDays(1); d <= due; d = d.addDays(1)) {
        if (calendar.isWorkingDay(d).value_or(weekdayRule(d)) && ++remaining > threshold)
            return DeadlineWarning::None;
    }
    return DeadlineWarning::Yellow;
}

DeadlineResult dueDateCertainty(const WorkCalendar& calendar, const QDate& accepted, const QDate& due)
{
    DeadlineResult r;
    r.due = due;
    r.missingYears = calendar.missingYears(accepted, due);
    if (!r.missingYears.isEmpty()) {
        r.certain = false;
        r.note = WorkCalendar::missingCalendarNote(r.missingYears);
    }
    return r;
}

std::optional<int> workingDaysBetween(const WorkCalendar& calendar, const QDate& from, const QDate& to)
{
    if (!from.isValid() || !to.isValid())
        return std::nullopt;
    const bool reversed = to < from;
    const QDate first = (reversed ? to : from).addDays(1);
    const QDate last = reversed ? from : to;
    // Every year touched must have a calendar; checking them first also bounds the loop below.
    for (int y = first.year(); y <= last.year() && first <= last; ++y) {
        if (!calendar.hasYear(y))
            return std::nullopt;
    }
    int count = 0;
    for (QDate d = first; d <= last; d = d.addDays(1)) {
        if (calendar.isWorkingDay(d).value_or(false))
            ++count;
    }
    return reversed ? -count : count;
}

} // namespace oneseal::core
