#pragma once

#include "core/WorkCalendar.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace oneseal::db {

/** A holiday-cn year file stored in calendar_years (migration 0050). */
struct CalendarYear
{
    int year = 0;
    QByteArray json;
    QString sha256;
    QString source; ///< "local" or "hub"
    QString importedAt;
};

/**
 * calendar_years: the holiday calendar years imported after the build, on top of the years built
 * into the program (core::WorkCalendar::builtIn(), the floor: a year is added or replaced, never
 * removed). The same at a workstation and at the hub.
 */
class CalendarRepository
{
public:
    explicit CalendarRepository(QSqlDatabase db)
        : m_db(std::move(db))
    { }

    /** Every stored year, ascending; empty on a read error (*error says it). */
    QList<CalendarYear> all(QString* error = nullptr) const;
    /** One text that changes whenever a stored year changes (cheap: hashes only). */
    QString fingerprint() const;
    /** Adds or replaces the year as it is (the caller checked it; import() checks). */
    bool put(const CalendarYear& year, QString* error);

    /** The built-in calendar with every stored year loaded on top (a row that no longer loads is left out). */
    core::WorkCalendar calendar() const;
    /**
     * Checks \a json as a holiday-cn year file on top of calendar() (core::WorkCalendar::loadYearJson:
     * the same checks as the built-in files) and stores it with \a source ("local" or "hub"). Returns
     * the year; on any problem nothing is stored and \a error says what is wrong.
     */
    std::optional<int> import(const QByteArray& json, const QString& source, const QDateTime& at, QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace oneseal::db
