#pragma once

#include "Session.h"

#include <QCoreApplication>

#include <optional>

namespace oneseal::services {

/** What a calendar import took in. */
struct CalendarImport
{
    int year = 0;
    int listedDays = 0; ///< holidays and make-up working days the file lists
    bool replaced = false; ///< the year had a calendar before (built in or imported)
};

/**
 * The hall's holiday calendar as reference data at this workstation (`oneseal-admin calendar-import`):
 * an administrator adds or replaces one year from a holiday-cn file. A hall with a hub imports at the
 * hub instead (`oneseal-admin hub calendar-import`), which hands the year to every workstation.
 */
class CalendarService
{
    Q_DECLARE_TR_FUNCTIONS(CalendarService)

public:
    explicit CalendarService(Session& session)
        : m_session(session)
    { }

    /**
     * Checks \a json completely (as the built-in years are checked) and stores the year; the session's
     * calendar takes it up at once. Refused for a user who may not manage reference data, and for a
     * bad file: nothing changes and \a error says why.
     */
    std::optional<CalendarImport> importYear(const QByteArray& json, QString* error);

private:
    Session& m_session;
};

} // namespace oneseal::services
