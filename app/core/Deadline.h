#pragma once

#include "core/WorkCalendar.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

/**
 * Time limits in working days (行政许可法 art. 82: holidays excluded) and their warnings. Everything
 * here is a pure function of its arguments — no clock is read — so a case's deadline is a
 * deterministic fold of its events and is the same on every replica.
 *
 * Messages are in the translation context "Deadline".
 */
namespace oneseal::core {

/**
 * A stretch of time that does not count towards a case's limit (补正, 听证, 检验/检测/鉴定, 专家评审,
 * 整改: art. 45). The clock stops on \a from and resumes on \a until (the day the materials or the
 * result arrived): working days d with from <= d < until do not count, \a until itself counts again
 * when it is a working day. An invalid \a until means the clock is still stopped. A pause whose
 * \a from is invalid, or whose \a until is not after \a from, covers nothing.
 */
struct ClockPause
{
    QDate from;
    QDate until;
    QString reason;
};

/** A computed deadline. */
struct DeadlineResult
{
    /**
     * The last day on which the case is in time; invalid while an open pause stops the clock before
     * the limit is used up, or when the input was invalid (see note).
     */
    QDate due;
    /**
     * False when the count needed a day of a year whose holiday calendar is not loaded (the date
     * is then an estimate counting Monday to Friday, and missingYears names the years) or when the
     * input was invalid.
     */
    bool certain = true;
    /** Empty for a plain certain deadline; otherwise sentences for the user saying why not. */
    QString note;
    /**
     * Working days of the limit counted: the whole limit when due is known; the days counted
     * before the clock stopped when paused.
     */
    int workingDaysUsed = 0;
    /** Working days still to run when the clock resumes (0 unless paused). */
    int workingDaysLeft = 0;
    /** True when an open pause (until invalid) stopped the clock before the limit was used up. */
    bool paused = false;
    /** The years whose missing calendar made the date uncertain, ascending. */
    QList<int> missingYears;
};

/** Longest limit accepted, in working days (the longest statutory limit in the catalog is 100). */
inline constexpr int kMaxDeadlineWorkingDays = 1000;

/**
 * The due date of a limit of \a workingDays working days for a case accepted on \a accepted.
 * Counting starts the day after acceptance (art. 82; docs/ARCHITECTURE.md "Time"); a fractional limit (0.5, 1.5,
 * 2.5) is rounded up to whole working days; a limit of 0 (即办件) is due the day of acceptance.
 * Working days inside \a pauses are skipped, which pushes the date by the working days they cover.
 *
 * An open pause gives no due date (paused = true, workingDaysLeft says what remains): the date
 * depends on when the clock resumes, and guessing "today" would make the result depend on when it
 * is computed. To show "due if the materials arrived today", close the pause at today and call again.
 *
 * A day of a year without a loaded calendar is counted as working when it is Monday to Friday;
 * certain is then false and note names the years (WorkCalendar::missingCalendarNote()). A limit
 * that is negative, not a number or above kMaxDeadlineWorkingDays, or an invalid \a accepted, gives an
 * invalid due date, certain = false and a note saying what is wrong.
 */
DeadlineResult computeDeadline(
    const WorkCalendar& calendar, const QDate& accepted, double workingDays, const QList<ClockPause>& pauses = {});

/**
 * How a due date counted from \a accepted stands with \a calendar: due = \a due, certain unless a day
 * in (accepted, due] belongs to a year without a calendar (missingYears and note then say which).
 * For showing a stored date: a date that needs no missing year is certain whatever was missing
 * when it was computed.
 */
DeadlineResult dueDateCertainty(const WorkCalendar& calendar, const QDate& accepted, const QDate& due);

/** How urgent a case is. */
enum class DeadlineWarning {
    None,
    Yellow, ///< few working days remain
    Red, ///< the due date has passed
};

/** Yellow when at most this many working days remain after today (today being the due day counts as 0). */
inline constexpr int kYellowWorkingDays = 2;
/** The same for high-risk matters (risk level 重), which warn one working day earlier. */
inline constexpr int kYellowWorkingDaysHighRisk = 3;

/**
 * The warning for a case due on \a due, seen on \a today: Red when today is after due; Yellow when
 * the working days in (today, due] are at most kYellowWorkingDays (kYellowWorkingDaysHighRisk when
 * \a highRisk); None otherwise, and None when either date is invalid (no due date while paused).
 * Days of a year without a calendar count Monday to Friday, like the deadline estimate.
 */
DeadlineWarning deadlineWarning(const WorkCalendar& calendar, const QDate& today, const QDate& due, bool highRisk);

/**
 * The number of working days d with from < d <= to; when \a to is before \a from, minus the number
 * with to < d <= from. std::nullopt when a date is invalid or a day in between belongs to a year
 * without a calendar.
 */
std::optional<int> workingDaysBetween(const WorkCalendar& calendar, const QDate& from, const QDate& to);

} // namespace oneseal::core
