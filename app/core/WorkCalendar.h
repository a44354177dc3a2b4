#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDate>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace oneseal::core {

/**
 * The national working-day calendar: Monday to Friday work, Saturday and Sunday rest, except the
 * dates the State Council's yearly holiday notice lists (holiday-cn JSON files, one per year): a
 * listed date with "isOffDay": true is a holiday, one with false a make-up working day (调休), which
 * may fall on a weekend or, exceptionally, be a weekday listed only to mark the end of a holiday.
 *
 * A year has a calendar only when its own file with at least one listed day is loaded. A file may list
 * the last days of the previous year (the 2019 file lists 2018-12-29..31): those days are kept under
 * their real date and apply as soon as that previous year has a calendar too; they do not give the
 * previous year a calendar by themselves. For a year without a calendar the class answers "unknown",
 * never a guess: the caller says so to the user (see computeDeadline()).
 */
class WorkCalendar
{
    Q_DECLARE_TR_FUNCTIONS(WorkCalendar)

public:
    /** The calendar shipped in the program: every year file under :/oneseal/holidays, read once. */
    static const WorkCalendar& builtIn();

    /**
     * Adds (or replaces) one year from a holiday-cn year file: {"year": N, "papers": [...],
     * "days": [{"name", "date": "YYYY-MM-DD", "isOffDay"}]}. The file is checked completely first;
     * on any problem, or when it lists no days (a year not yet published, such as the 2027
     * placeholder), nothing changes, false is returned and \a error says what is wrong.
     */
    bool loadYearJson(const QByteArray& json, QString* error);

    /** The largest year file accepted, in bytes (a published year file is about 4 KiB). */
    static constexpr qsizetype kMaxYearFileBytes = 256 * 1024;

    /**
     * The year a holiday-cn file is for, with the file checked as loadYearJson() checks it (on
     * top of this calendar); std::nullopt and \a error when it would be refused. Nothing changes.
     */
    std::optional<int> checkYearJson(const QByteArray& json, QString* error) const;

    /** Whether \a year has a calendar (its own file, with days, is loaded). */
    bool hasYear(int year) const { return m_files.contains(year); }
    /** The years that have a calendar, ascending. */
    QList<int> years() const { return m_files.keys(); }

    /**
     * The years without a calendar among the days d with from < d <= to (the days a count from
     * \a from to \a to needs), ascending; empty when every such day is known or a date is invalid.
     */
    QList<int> missingYears(const QDate& from, const QDate& to) const;

    /** Whether \a date is a working day; std::nullopt when its year has no calendar or the date is invalid. */
    std::optional<bool> isWorkingDay(const QDate& date) const;

    /**
     * The name of the holiday a listed date belongs to ("春节", "国庆节、中秋节"), also for the make-up
     * working days of that holiday; empty for an ordinary day.
     */
    QString dayName(const QDate& date) const;

    /** The sentence telling the user that the calendar for \a years is not loaded, so a date is uncertain. */
    static QString missingCalendarNote(const QList<int>& years);

private:
    struct Day
    {
        QString name;
        bool offDay = false;
    };

    bool parseYear(const QByteArray& json, int* year, QHash<QDate, Day>* days, QString* error) const;
    const Day* listed(const QDate& date) const;

    /** The days each loaded file lists, by the file's year. */
    QMap<int, QHash<QDate, Day>> m_files;
};

} // namespace oneseal::core
