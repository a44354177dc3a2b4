#include "core/WorkCalendar.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace oneseal::core {

namespace {

    // Years a holiday file may name: the data starts in 2007; the bound only rejects nonsense.
    constexpr int kFirstYear = 2000;
    constexpr int kLastYear = 2099;

    void setError(QString* error, const QString& text)
    {
        if (error)
            *error = text;
    }

} // namespace

const WorkCalendar& WorkCalendar::builtIn()
{
    static const WorkCalendar calendar = [] {
        WorkCalendar c;
        const QDir dir(QStringLiteral(":/oneseal/holidays"));
        const QStringList files = dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
        for (const QString& name : files) {
            QFile f(dir.filePath(name));
            if (!f.open(QIODevice::ReadOnly))
                continue;
            // A year the State Council has not published yet (an empty placeholder file) is
            // refused and stays without a calendar, which is what deadlines then report.
            QString ignored;
            c.loadYearJson(f.readAll(), &ignored);
        }
        return c;
    }();
    return calendar;
}

bool WorkCalendar::parseYear(const QByteArray& json, int* year, QHash<QDate, Day>* days, QString* error) const
{
    if (json.size() > kMaxYearFileBytes) {
        setError(error,
            tr("The holiday file is %1 bytes long; a year file has at most %2.").arg(json.size()).arg(kMaxYearFileBytes));
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        setError(error,
            tr("The holiday file is not valid JSON: %1 (at byte %2).")
                .arg(parseError.errorString())
                .arg(parseError.offset));
        return false;
    }
    if (!doc.isObject()) {
        setError(error, tr("The holiday file must be a JSON object with \"year\", \"papers\" and \"days\"."));
        return false;
    }
    const QJsonObject root = doc.object();

    const QJsonValue yearValue = root.value(QLatin1String("year"));
    const double y = yearValue.toDouble(-1);
    if (!yearValue.isDouble() || y != std::floor(y) || y < kFirstYear || y > kLastYear) {
        setError(error,
            tr("The holiday file must give its \"year\" as a number between %1 and %2.")
                .arg(kFirstYear)
                .arg(kLastYear));
        return false;
    }
    *year = int(y);

    const QJsonValue papers = root.value(QLatin1String("papers"));
    bool papersOk = papers.isArray();
    for (const QJsonValue& p : papers.toArray())
        papersOk = papersOk && p.isString();
    if (!papersOk) {
        setError(error,
            tr("The holiday file for %1 must list its State Council notices in \"papers\" (a list of "
               "addresses).")
                .arg(*year));
        return false;
    }

    const QJsonValue daysValue = root.value(QLatin1String("days"));
    if (!daysValue.isArray()) {
        setError(error, tr("The holiday file for %1 has no \"days\" list.").arg(*year));
        return false;
    }
    const QJsonArray list = daysValue.toArray();
    if (list.isEmpty()) {
        setError(error,
            tr("The holiday file for %1 lists no days: the arrangement for %1 is not published yet, so "
               "%1 has no working-day calendar.")
                .arg(*year));
        return false;
    }
    if (list.size() > 366 + 31) {
        setError(error, tr("The holiday file for %1 lists %2 days, more than a year has.").arg(*year).arg(list.size()));
        return false;
    }
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list.at(i).toObject();
        const QJsonValue name = o.value(QLatin1String("name"));
        const QJsonValue date = o.value(QLatin1String("date"));
        const QJsonValue off = o.value(QLatin1String("isOffDay"));
        if (!list.at(i).isObject() || !name.isString() || name.toString().trimmed().isEmpty() || !date.isString()
            || !off.isBool()) {
            setError(error,
                tr("Entry %1 of the holiday file for %2 needs a \"name\", a \"date\" and \"isOffDay\" "
                   "(true or false).")
                    .arg(i + 1)
                    .arg(*year));
            return false;
        }
        const QDate d = QDate::fromString(date.toString(), Qt::ISODate);
        if (!d.isValid() || date.toString().size() != 10) {
            setError(error,
                tr("Entry %1 of the holiday file for %2 has the date “%3”, which is not a real date "
                   "written YYYY-MM-DD.")
                    .arg(i + 1)
                    .arg(*year)
                    .arg(date.toString()));
            return false;
        }
        if (d.year() != *year && d.year() != *year - 1) {
            setError(error,
                tr("Entry %1 of the holiday file for %2 is dated %3, outside %2 and the end of %4.")
                    .arg(i + 1)
                    .arg(*year)
                    .arg(d.toString(Qt::ISODate))
                    .arg(*year - 1));
            return false;
        }
        if (days->contains(d)) {
            setError(error, tr("The holiday file for %1 lists %2 twice.").arg(*year).arg(d.toString(Qt::ISODate)));
            return false;
        }
        days->insert(d, Day { name.toString().trimmed(), off.toBool() });
    }
    return true;
}

bool WorkCalendar::loadYearJson(const QByteArray& json, QString* error)
{
    int year = 0;
    QHash<QDate, Day> days;
    if (!parseYear(json, &year, &days, error))
        return false;

    // A date may also be listed by the neighbouring year's file (the tail of a year is announced
    // with the next one); the two must agree.
    for (auto it = days.cbegin(); it != days.cend(); ++it) {
        const int other = it.key().year() == year ? year + 1 : year - 1;
        const auto file = m_files.constFind(other);
        if (file == m_files.cend())
            continue;
        const auto there = file->constFind(it.key());
        if (there != file->cend() && there->offDay != it->offDay) {
            setError(error,
                tr("The holiday file for %1 makes %2 a %3, but the loaded file for %4 makes it a %5.")
                    .arg(year)
                    .arg(it.key().toString(Qt::ISODate))
                    .arg(it->offDay ? tr("day off") : tr("working day"))
                    .arg(other)
                    .arg(there->offDay ? tr("day off") : tr("working day")));
            return false;
        }
    }
    m_files.insert(year, days);
    if (error)
        error->clear();
    return true;
}

std::optional<int> WorkCalendar::checkYearJson(const QByteArray& json, QString* error) const
{
    WorkCalendar copy = *this;
    int year = 0;
    QHash<QDate, Day> days;
    if (!parseYear(json, &year, &days, error) || !copy.loadYearJson(json, error))
        return std::nullopt;
    return year;
}

QList<int> WorkCalendar::missingYears(const QDate& from, const QDate& to) const
{
    QList<int> years;
    if (!from.isValid() || !to.isValid() || to <= from)
        return years;
    for (int y = from.addDays(1).year(); y <= to.year(); ++y)
        if (!hasYear(y))
            years << y;
    return years;
}

const WorkCalendar::Day* WorkCalendar::listed(const QDate& date) const
{
    // The file of the date's own year first, then the next year's file, which may list its tail.
    for (int fileYear : { date.year(), date.year() + 1 }) {
        const auto file = m_files.constFind(fileYear);
        if (file == m_files.cend())
            continue;
        const auto day = file->constFind(date);
        if (day != file->cend())
            return &*day;
    }
    return nullptr;
}

std::optional<bool> WorkCalendar::isWorkingDay(const QDate& date) const
{
    if (!date.isValid() || !hasYear(date.year()))
        return std::nullopt;
    if (const Day* day = listed(date))
        return !day->offDay;
    return date.dayOfWeek() <= 5;
}

QString WorkCalendar::dayName(const QDate& date) const
{
    if (!date.isValid())
        return {};
    const Day* day = listed(date);
    return day ? day->name : QString();
}

QString WorkCalendar::missingCalendarNote(const QList<int>& years)
{
    QStringList names;
    for (int y : years)
        names.append(QString::number(y));
    const QString list = QLocale().createSeparatedList(names);
    if (names.size() == 1)
        return tr("The holiday calendar for %1 is not loaded, so this date is uncertain: it counts Monday to "
                  "Friday as working days.")
            .arg(list);
    return tr("The holiday calendars for %1 are not loaded, so this date is uncertain: it counts Monday to Friday "
              "as working days.")
        .arg(list);
}

} // namespace oneseal::core
