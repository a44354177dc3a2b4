#include "CalendarService.h"

#include "db/CalendarRepository.h"
#include "db/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace oneseal::services {

std::optional<CalendarImport> CalendarService::importYear(const QByteArray& json, QString* error)
{
    if (!m_session.can(core::Action::ManageCatalog)) {
        if (error)
            *error = Session::refusal(core::Action::ManageCatalog);
        return std::nullopt;
    }
    const core::WorkCalendar before = m_session.calendar();
    db::Transaction tx(m_session.database().sql());
    if (!tx.isActive()) {
        if (error)
            *error = tx.errorText();
        return std::nullopt;
    }
    const auto year = db::CalendarRepository(m_session.database().sql())
                          .import(json, QStringLiteral("local"), m_session.clock().now(), error);
    if (!year || !tx.commit(error))
        return std::nullopt;
    CalendarImport result;
    result.year = *year;
    result.replaced = before.hasYear(*year);
    result.listedDays = int(QJsonDocument::fromJson(json).object().value(QLatin1String("days")).toArray().size());
    m_session.reloadCalendarIfChanged();
    return result;
}

} // namespace oneseal::services
