#include "CalendarRepository.h"

#include "core/Crypto.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace oneseal::db {

QList<CalendarYear> CalendarRepository::all(QString* error) const
{
    QList<CalendarYear> years;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT year, json, sha256, source, imported_at FROM calendar_years ORDER BY year"))) {
        if (error)
            *error = q.lastError().text();
        return years;
    }
    while (q.next())
        years << CalendarYear { q.value(0).toInt(), q.value(1).toByteArray(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toString() };
    return years;
}

QString CalendarRepository::fingerprint() const
{
    QSqlQuery q(m_db);
    QString text;
    if (q.exec(QStringLiteral("SELECT year, sha256 FROM calendar_years ORDER BY year")))
        while (q.next())
            text += q.value(0).toString() + QLatin1Char(':') + q.value(1).toString() + QLatin1Char(';');
    return text;
}

bool CalendarRepository::put(const CalendarYear& year, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO calendar_years(year, json, sha256, source, imported_at) "
                             "VALUES(?, ?, ?, ?, ?)"));
    for (const QVariant& v : QVariantList { year.year, year.json, year.sha256, year.source, year.importedAt })
        q.addBindValue(v);
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

core::WorkCalendar CalendarRepository::calendar() const
{
    core::WorkCalendar calendar = core::WorkCalendar::builtIn();
    for (const CalendarYear& y : all())
        calendar.loadYearJson(y.json, nullptr);
    return calendar;
}

std::optional<int> CalendarRepository::import(
    const QByteArray& json, const QString& source, const QDateTime& at, QString* error)
{
    const auto year = calendar().checkYearJson(json, error);
    if (!year)
        return std::nullopt;
    const CalendarYear row { *year, json, QString::fromLatin1(core::crypto::sha256(json).toHex()), source,
        at.toUTC().toString(Qt::ISODateWithMs) };
    if (!put(row, error))
        return std::nullopt;
    return year;
}

} // namespace oneseal::db
