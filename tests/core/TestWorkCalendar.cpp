#include "core/Deadline.h"
#include "core/WorkCalendar.h"

#include "TestConfig.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>

using namespace oneseal::core;

Q_DECLARE_METATYPE(QList<ClockPause>)
Q_DECLARE_METATYPE(DeadlineWarning)
Q_DECLARE_METATYPE(std::optional<bool>)
Q_DECLARE_METATYPE(std::optional<int>)

class TestWorkCalendar : public QObject
{
    Q_OBJECT

private slots:
    void builtInYears();
    void workingDays_data();
    void workingDays();
    void previousYearDaysApplyToTheirYear();
    void refusesGarbageAndChangesNothing_data();
    void refusesGarbageAndChangesNothing();
    void replacesAYear();
    void deadline_data();
    void deadline();
    void pauses_data();
    void pauses();
    void openPause();
    void uncertainNoteNamesTheYears();
    void invalidInput_data();
    void invalidInput();
    void warning_data();
    void warning();
    void workingDaysBetween_data();
    void workingDaysBetween();
    void builtInAgreesWithItsSourceFiles();
};

namespace {

QDate date(const char* iso)
{
    return QDate::fromString(QLatin1String(iso), Qt::ISODate);
}

/** Every answer of two calendars over 2018-2028, to prove a refused load changed nothing. */
void compareCalendars(const WorkCalendar& a, const WorkCalendar& b)
{
    QCOMPARE(a.years(), b.years());
    for (QDate d(2018, 1, 1); d <= QDate(2028, 12, 31); d = d.addDays(1)) {
        QCOMPARE(a.isWorkingDay(d), b.isWorkingDay(d));
        QCOMPARE(a.dayName(d), b.dayName(d));
    }
}

QByteArray yearFile(int year, const QJsonArray& days)
{
    QJsonObject o;
    o.insert(QStringLiteral("year"), year);
    o.insert(QStringLiteral("papers"), QJsonArray { QStringLiteral("http://www.gov.cn/example") });
    o.insert(QStringLiteral("days"), days);
    return QJsonDocument(o).toJson();
}

QJsonObject day(const char* name, const char* iso, bool off)
{
    return QJsonObject { { QStringLiteral("name"), QString::fromUtf8(name) },
        { QStringLiteral("date"), QLatin1String(iso) }, { QStringLiteral("isOffDay"), off } };
}

} // namespace

void TestWorkCalendar::builtInYears()
{
    const WorkCalendar& cal = WorkCalendar::builtIn();
    QCOMPARE(cal.years(), (QList<int> { 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026 }));
    QVERIFY(!cal.hasYear(2018)); // only its last days are listed, by the 2019 file
    QVERIFY(!cal.hasYear(2027)); // the shipped file is an empty placeholder: not published
    QVERIFY(!cal.hasYear(2028)); // no file at all
    QVERIFY(QFile::exists(QStringLiteral(":/oneseal/holidays/2027.json")));
    QVERIFY(QFile::exists(QStringLiteral(":/oneseal/holidays/LICENSE")));
    QVERIFY(&WorkCalendar::builtIn() == &cal);

    // The placeholder is refused with the reason.
    QFile placeholder(QStringLiteral(":/oneseal/holidays/2027.json"));
    QVERIFY(placeholder.open(QIODevice::ReadOnly));
    WorkCalendar copy = cal;
    QString error;
    QVERIFY(!copy.loadYearJson(placeholder.readAll(), &error));
    QVERIFY2(
        error.contains(QLatin1String("2027")) && error.contains(QLatin1String("not published")), qPrintable(error));
}

void TestWorkCalendar::workingDays_data()
{
    QTest::addColumn<QDate>("day");
    QTest::addColumn<std::optional<bool>>("working");
    QTest::addColumn<QString>("name");

    const std::optional<bool> yes = true;
    const std::optional<bool> no = false;
    const std::optional<bool> unknown;
    QTest::newRow("2020-01-19 Sunday make-up for spring festival")
        << date("2020-01-19") << yes << QStringLiteral("春节");
    QTest::newRow("2020-02-03 Monday listed as working") << date("2020-02-03") << yes << QStringLiteral("春节");
    QTest::newRow("2020-10-10 Saturday make-up") << date("2020-10-10") << yes << QStringLiteral("国庆节、中秋节");
    QTest::newRow("2025-10-11 Saturday make-up") << date("2025-10-11") << yes << QStringLiteral("国庆节、中秋节");
    QTest::newRow("2026-02-14 Saturday make-up") << date("2026-02-14") << yes << QStringLiteral("春节");
    QTest::newRow("2025-10-01 Wednesday national day") << date("2025-10-01") << no << QStringLiteral("国庆节、中秋节");
    QTest::newRow("2026-01-02 Friday new year") << date("2026-01-02") << no << QStringLiteral("元旦");
    QTest::newRow("2025-01-28 Tuesday spring festival eve") << date("2025-01-28") << no << QStringLiteral("春节");
    QTest::newRow("2025-03-04 ordinary Tuesday") << date("2025-03-04") << yes << QString();
    QTest::newRow("2025-03-08 ordinary Saturday") << date("2025-03-08") << no << QString();
    QTest::newRow("2022-12-31 Saturday listed by the 2023 file") << date("2022-12-31") << no << QStringLiteral("元旦");
    QTest::newRow("2018-12-31 listed by the 2019 file, 2018 unknown")
        << date("2018-12-31") << unknown << QStringLiteral("元旦");
    QTest::newRow("2027-01-01 not published") << date("2027-01-01") << unknown << QString();
    QTest::newRow("2028-06-01 no file") << date("2028-06-01") << unknown << QString();
    QTest::newRow("invalid date") << QDate() << unknown << QString();
}

void TestWorkCalendar::workingDays()
{
    QFETCH(QDate, day);
    QFETCH(std::optional<bool>, working);
    QFETCH(QString, name);
    const WorkCalendar& cal = WorkCalendar::builtIn();
    QCOMPARE(cal.isWorkingDay(day), working);
    QCOMPARE(cal.dayName(day), name);
}

void TestWorkCalendar::previousYearDaysApplyToTheirYear()
{
    // A 2027 file that, like the real ones, also lists the end of the previous year.
    WorkCalendar cal = WorkCalendar::builtIn();
    QCOMPARE(cal.isWorkingDay(date("2026-12-31")), std::optional<bool>(true)); // a Thursday
    const QByteArray json = yearFile(2027,
        { day("元旦", "2026-12-31", true), day("元旦", "2027-01-01", true), day("元旦", "2027-01-02", true),
            day("元旦", "2027-01-03", true), day("元旦", "2027-01-09", false) });
    QString error = QStringLiteral("stale");
    QVERIFY2(cal.loadYearJson(json, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    QVERIFY(cal.hasYear(2027));
    QCOMPARE(cal.isWorkingDay(date("2026-12-31")), std::optional<bool>(false));
    QCOMPARE(cal.dayName(date("2026-12-31")), QStringLiteral("元旦"));
    QCOMPARE(cal.isWorkingDay(date("2027-01-09")), std::optional<bool>(true)); // a Saturday
    QCOMPARE(cal.isWorkingDay(date("2027-01-04")), std::optional<bool>(true));
    // The shared built-in calendar is untouched.
    QCOMPARE(WorkCalendar::builtIn().isWorkingDay(date("2026-12-31")), std::optional<bool>(true));
    QVERIFY(!WorkCalendar::builtIn().hasYear(2027));
}

void TestWorkCalendar::refusesGarbageAndChangesNothing_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("not JSON") << QByteArray("{ year: 2027") << QStringLiteral("not valid JSON");
    QTest::newRow("empty input") << QByteArray() << QStringLiteral("not valid JSON");
    QTest::newRow("a list") << QByteArray("[2027]") << QStringLiteral("JSON object");
    QTest::newRow("no year") << QByteArray(
        R"({"papers": [], "days": [{"name": "x", "date": "2027-01-01", "isOffDay": true}]})")
                             << QStringLiteral("\"year\"");
    QTest::newRow("year as text") << QByteArray(
        R"({"year": "2027", "papers": [], "days": [{"name": "x", "date": "2027-01-01", "isOffDay": true}]})")
                                  << QStringLiteral("\"year\"");
    QTest::newRow("fractional year") << QByteArray(
        R"({"year": 2027.5, "papers": [], "days": [{"name": "x", "date": "2027-01-01", "isOffDay": true}]})")
                                     << QStringLiteral("\"year\"");
    QTest::newRow("year 1066") << QByteArray(
        R"({"year": 1066, "papers": [], "days": [{"name": "x", "date": "1066-01-01", "isOffDay": true}]})")
                               << QStringLiteral("between 2000 and 2099");
    QTest::newRow("papers missing") << QByteArray(
        R"({"year": 2027, "days": [{"name": "x", "date": "2027-01-01", "isOffDay": true}]})")
                                    << QStringLiteral("\"papers\"");
    QTest::newRow("papers not text") << QByteArray(
        R"({"year": 2027, "papers": [1], "days": [{"name": "x", "date": "2027-01-01", "isOffDay": true}]})")
                                     << QStringLiteral("\"papers\"");
    QTest::newRow("days missing") << QByteArray(R"({"year": 2027, "papers": []})") << QStringLiteral("\"days\"");
    QTest::newRow("days not a list") << QByteArray(R"({"year": 2027, "papers": [], "days": {}})")
                                     << QStringLiteral("\"days\"");
    QTest::newRow("2027 placeholder without days")
        << QByteArray(R"({"year": 2027, "papers": [], "days": []})") << QStringLiteral("lists no days");
    QTest::newRow("day without isOffDay") << yearFile(2027,
        { QJsonObject { { QStringLiteral("name"), QStringLiteral("元旦") },
            { QStringLiteral("date"), QStringLiteral("2027-01-01") } } })
                                          << QStringLiteral("Entry 1");
    QTest::newRow("isOffDay as text") << QByteArray(
        R"({"year": 2027, "papers": [], "days": [{"name": "a", "date": "2027-01-01", "isOffDay": true},
                         {"name": "b", "date": "2027-01-02", "isOffDay": "true"}]})")
                                      << QStringLiteral("Entry 2");
    QTest::newRow("day not an object") << QByteArray(R"({"year": 2027, "papers": [], "days": ["2027-01-01"]})")
                                       << QStringLiteral("Entry 1");
    QTest::newRow("empty name") << yearFile(2027, { day(" ", "2027-01-01", true) }) << QStringLiteral("Entry 1");
    QTest::newRow("February 30") << yearFile(2027, { day("春节", "2027-02-30", true) }) << QStringLiteral("2027-02-30");
    QTest::newRow("date with time") << yearFile(2027, { day("春节", "2027-02-10T00:00:00", true) })
                                    << QStringLiteral("YYYY-MM-DD");
    QTest::newRow("date of another year")
        << yearFile(2027, { day("劳动节", "2025-05-01", true) }) << QStringLiteral("outside 2027");
    QTest::newRow("date of the next year")
        << yearFile(2027, { day("元旦", "2028-01-01", true) }) << QStringLiteral("outside 2027");
    QTest::newRow("date listed twice") << yearFile(
        2027, { day("元旦", "2027-01-01", true), day("元旦", "2027-01-01", true) })
                                       << QStringLiteral("twice");
    QTest::newRow("contradicts the 2026 file")
        << yearFile(2027, { day("国庆节", "2026-10-01", false) }) << QStringLiteral("2026-10-01");
    QTest::newRow("2026 replaced by a broken file")
        << yearFile(2026, { day("元旦", "2026-01-01", true), day("春节", "2026-13-01", true) })
        << QStringLiteral("2026-13-01");
    QTest::newRow("control: a 2025 file making Tue 2024-12-31 a working day agrees with the 2024 file")
        << yearFile(2025, { day("元旦", "2024-12-31", false), day("元旦", "2025-01-01", true) })
        << QString(); // the 2024 file does not list 2024-12-31, a Tuesday: no conflict, so it loads
}

void TestWorkCalendar::refusesGarbageAndChangesNothing()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    if (mentions.isEmpty()) {
        // The control row: a consistent file loads, so the other rows fail for their own reason.
        WorkCalendar cal = WorkCalendar::builtIn();
        QString error;
        QVERIFY2(cal.loadYearJson(json, &error), qPrintable(error));
        return;
    }
    WorkCalendar cal = WorkCalendar::builtIn();
    QString error;
    QVERIFY(!cal.loadYearJson(json, &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
    compareCalendars(cal, WorkCalendar::builtIn());
    QVERIFY(!cal.loadYearJson(json, nullptr)); // no error pointer: still refused, no crash
}

void TestWorkCalendar::replacesAYear()
{
    // Loading a year again replaces it as a whole: a corrected notice wins over the old one.
    WorkCalendar cal = WorkCalendar::builtIn();
    QCOMPARE(cal.isWorkingDay(date("2025-10-08")), std::optional<bool>(false));
    QString error;
    QVERIFY2(cal.loadYearJson(yearFile(2025, { day("元旦", "2025-01-01", true) }), &error), qPrintable(error));
    QCOMPARE(cal.isWorkingDay(date("2025-10-08")), std::optional<bool>(true)); // a plain Wednesday now
    QCOMPARE(cal.isWorkingDay(date("2025-10-11")), std::optional<bool>(false)); // a plain Saturday now
    QCOMPARE(cal.isWorkingDay(date("2025-01-01")), std::optional<bool>(false));
    QCOMPARE(cal.years(), WorkCalendar::builtIn().years());
}

void TestWorkCalendar::deadline_data()
{
    QTest::addColumn<QDate>("accepted");
    QTest::addColumn<double>("limit");
    QTest::addColumn<QDate>("due");
    QTest::addColumn<QList<int>>("missingYears");

    const QList<int> none;
    // Expected dates counted by hand from the year files (resources/holidays); (n) = working day n.
    QTest::newRow("2025 spring festival: accepted Fri 01-24, 5 days: Sun 01-26 make-up (1), Mon 01-27 (2), "
                  "01-28..02-04 off, 02-05 (3) .. Fri 02-07 (5)")
        << date("2025-01-24") << 5.0 << date("2025-02-07") << none;
    QTest::newRow("2025 national day: accepted Fri 09-26, 3 days: Sat off, Sun 09-28 make-up (1), 09-29 (2), "
                  "09-30 (3)")
        << date("2025-09-26") << 3.0 << date("2025-09-30") << none;
    QTest::newRow("2025 national day: accepted Fri 09-26, 5 days: ..09-30 (3), 10-01..10-08 off, Thu 10-09 (4), "
                  "Fri 10-10 (5)")
        << date("2025-09-26") << 5.0 << date("2025-10-10") << none;
    QTest::newRow("2025 make-up Saturday: accepted Fri 09-26, 6 days: Sat 10-11 make-up is (6)")
        << date("2025-09-26") << 6.0 << date("2025-10-11") << none;
    QTest::newRow("2025 20 days over national day: accepted Mon 09-15: 09-16..09-26 (9), Sun 09-28 (10), "
                  "09-29..09-30 (12), 10-09..10-10 (14), Sat 10-11 (15), 10-13..10-17 (20)")
        << date("2025-09-15") << 20.0 << date("2025-10-17") << none;
    QTest::newRow("2020 spring festival: accepted Fri 01-17, 3 days: Sun 01-19 make-up (1), 01-20 (2), 01-21 (3)")
        << date("2020-01-17") << 3.0 << date("2020-01-21") << none;
    QTest::newRow("2020 extended spring festival: accepted Fri 01-17, 10 days: ..01-23 (5), 01-24..02-02 off, "
                  "Mon 02-03 (6) .. Fri 02-07 (10)")
        << date("2020-01-17") << 10.0 << date("2020-02-07") << none;
    QTest::newRow("2020 national day: accepted Wed 09-30, 1 day: 10-01..10-08 off, Fri 10-09 (1)")
        << date("2020-09-30") << 1.0 << date("2020-10-09") << none;
    QTest::newRow("2020 make-up Saturday: accepted Wed 09-30, 2 days: Fri 10-09 (1), Sat 10-10 make-up (2)")
        << date("2020-09-30") << 2.0 << date("2020-10-10") << none;
    QTest::newRow("2020 dragon boat: accepted Wed 06-24, 1 day: 06-25..06-27 off, Sun 06-28 make-up (1)")
        << date("2020-06-24") << 1.0 << date("2020-06-28") << none;
    QTest::newRow("2026 spring festival make-up Saturday: accepted Fri 02-13, 1 day: Sat 02-14 (1)")
        << date("2026-02-13") << 1.0 << date("2026-02-14") << none;
    QTest::newRow("2026 spring festival: accepted Fri 02-13, 2 days: Sat 02-14 (1), 02-15..02-23 off, Tue 02-24 (2)")
        << date("2026-02-13") << 2.0 << date("2026-02-24") << none;
    QTest::newRow("2026 national day: accepted Wed 09-30, 1 day: 10-01..10-07 off, Thu 10-08 (1)")
        << date("2026-09-30") << 1.0 << date("2026-10-08") << none;
    QTest::newRow("2026 national day make-up Saturday: accepted Wed 09-30, 3 days: 10-08 (1), 10-09 (2), "
                  "Sat 10-10 (3)")
        << date("2026-09-30") << 3.0 << date("2026-10-10") << none;
    QTest::newRow("2025 into 2026 new year: accepted Wed 12-31, 2 days: 01-01..01-03 off, Sun 01-04 make-up (1), "
                  "Mon 01-05 (2)")
        << date("2025-12-31") << 2.0 << date("2026-01-05") << none;
    QTest::newRow("2024 into 2025 spring festival: accepted Tue 12-31, 20 days: 01-01 off, ..01-24 (17), "
                  "Sun 01-26 (18), Mon 01-27 (19), 01-28..02-04 off, Wed 02-05 (20)")
        << date("2024-12-31") << 20.0 << date("2025-02-05") << none;
    QTest::newRow("accepted on Sun 2025-09-28, a make-up day: counting starts Mon 09-29 (1)")
        << date("2025-09-28") << 1.0 << date("2025-09-29") << none;
    QTest::newRow("0.5 day (company start-up) rounds up to 1: accepted Mon 2025-03-03 -> Tue 03-04")
        << date("2025-03-03") << 0.5 << date("2025-03-04") << none;
    QTest::newRow("1.5 days rounds up to 2: accepted Mon 2025-03-03 -> Wed 03-05")
        << date("2025-03-03") << 1.5 << date("2025-03-05") << none;
    QTest::newRow("2.5 days (project filing) rounds up to 3: accepted Fri 2025-09-26 -> Tue 09-30")
        << date("2025-09-26") << 2.5 << date("2025-09-30") << none;
    QTest::newRow("0 days (instant matter): due on acceptance, even on national day 2025-10-01")
        << date("2025-10-01") << 0.0 << date("2025-10-01") << none;
    QTest::newRow("0 days in unpublished 2027: no day is counted, so certain")
        << date("2027-03-01") << 0.0 << date("2027-03-01") << none;
    QTest::newRow("Wed 2026-12-30, 1 day: Thu 12-31 needs no 2027 calendar")
        << date("2026-12-30") << 1.0 << date("2026-12-31") << none;
    QTest::newRow("into unpublished 2027: accepted Fri 2026-12-25, 5 days: 12-28..12-31 (4), Fri 2027-01-01 "
                  "counted as a weekday (5)")
        << date("2026-12-25") << 5.0 << date("2027-01-01") << QList<int> { 2027 };
    QTest::newRow("inside 2027: accepted Mon 03-01, 3 days, weekdays only -> Thu 03-04")
        << date("2027-03-01") << 3.0 << date("2027-03-04") << QList<int> { 2027 };
    QTest::newRow("2027 into 2028: accepted Thu 2027-12-30, 3 days: Fri 12-31 (1), Mon 2028-01-03 (2), Tue (3)")
        << date("2027-12-30") << 3.0 << date("2028-01-04") << QList<int> { 2027, 2028 };
}

void TestWorkCalendar::deadline()
{
    QFETCH(QDate, accepted);
    QFETCH(double, limit);
    QFETCH(QDate, due);
    QFETCH(QList<int>, missingYears);

    const DeadlineResult r = computeDeadline(WorkCalendar::builtIn(), accepted, limit);
    QCOMPARE(r.due, due);
    QCOMPARE(r.certain, missingYears.isEmpty());
    QCOMPARE(r.missingYears, missingYears);
    QCOMPARE(r.note.isEmpty(), missingYears.isEmpty());
    QCOMPARE(r.workingDaysUsed, int(std::ceil(limit)));
    QCOMPARE(r.workingDaysLeft, 0);
    QVERIFY(!r.paused);
    if (!missingYears.isEmpty())
        return;
    // Cross-check with workingDaysBetween: the due day is the limit-th working day after acceptance.
    QCOMPARE(oneseal::core::workingDaysBetween(WorkCalendar::builtIn(), accepted, due),
        std::optional<int>(r.workingDaysUsed));
    if (limit > 0)
        QCOMPARE(WorkCalendar::builtIn().isWorkingDay(due), std::optional<bool>(true));
}

void TestWorkCalendar::pauses_data()
{
    QTest::addColumn<QDate>("accepted");
    QTest::addColumn<double>("limit");
    QTest::addColumn<QList<ClockPause>>("pauses");
    QTest::addColumn<QDate>("due");

    const QString bz = QStringLiteral("补正");
    QTest::newRow("补正 over 2026 spring festival: accepted Mon 02-09, 5 days, due Sat 02-14 without it; stopped "
                  "Wed 02-11, resumed Thu 02-26: covers 02-11..02-13, Sat 02-14, 02-24, 02-25 (6 working days); "
                  "02-10 (1), 02-26 (2), 02-27 (3), Sat 02-28 make-up (4), Mon 03-02 (5)")
        << date("2026-02-09") << 5.0 << QList<ClockPause> { { date("2026-02-11"), date("2026-02-26"), bz } }
        << date("2026-03-02");
    QTest::newRow("pause over 2025 national day covers only Tue 09-30: accepted Mon 09-15, 20 days, stopped "
                  "09-30, resumed 10-09: 10-17 pushed by one working day to Mon 10-20")
        << date("2025-09-15") << 20.0
        << QList<ClockPause> { { date("2025-09-30"), date("2025-10-09"), QStringLiteral("专家评审") } }
        << date("2025-10-20");
    QTest::newRow("pause from the first day, resumed on a holiday: accepted Thu 2025-09-25, 3 days, stopped "
                  "09-26, resumed Fri 10-03 (off): Thu 10-09 (1), 10-10 (2), Sat 10-11 make-up (3)")
        << date("2025-09-25") << 3.0 << QList<ClockPause> { { date("2025-09-26"), date("2025-10-03"), bz } }
        << date("2025-10-11");
    QTest::newRow("overlapping pauses: accepted Mon 2025-09-22, 10 days, [09-24, 10-01) and [09-29, 10-13): "
                  "09-23 (1), 10-13..10-17 (6), 10-20..10-23 (10)")
        << date("2025-09-22") << 10.0
        << QList<ClockPause> { { date("2025-09-24"), date("2025-10-01"), bz },
               { date("2025-09-29"), date("2025-10-13"), QStringLiteral("检测") } }
        << date("2025-10-23");
    QTest::newRow("pause ended on the acceptance day changes nothing: Mon 2025-03-03, 2 days -> Wed 03-05")
        << date("2025-03-03") << 2.0 << QList<ClockPause> { { date("2025-02-20"), date("2025-03-03"), bz } }
        << date("2025-03-05");
    QTest::newRow("pause resumed the day it stopped covers nothing: -> Wed 2025-03-05")
        << date("2025-03-03") << 2.0 << QList<ClockPause> { { date("2025-03-04"), date("2025-03-04"), bz } }
        << date("2025-03-05");
    QTest::newRow("pause ending before it starts covers nothing: -> Wed 2025-03-05")
        << date("2025-03-03") << 2.0 << QList<ClockPause> { { date("2025-03-04"), date("2025-03-01"), bz } }
        << date("2025-03-05");
    QTest::newRow("pause without a start is ignored: -> Wed 2025-03-05")
        << date("2025-03-03") << 2.0 << QList<ClockPause> { { QDate(), date("2025-03-10"), bz } } << date("2025-03-05");
    QTest::newRow("pause after the due date changes nothing: Mon 2025-03-03, 2 days, stopped 03-06 -> 03-05")
        << date("2025-03-03") << 2.0 << QList<ClockPause> { { date("2025-03-06"), date("2025-03-20"), bz } }
        << date("2025-03-05");
    QTest::newRow("open pause after the due date changes nothing: Tue 2025-06-03, 2 days -> Thu 06-05")
        << date("2025-06-03") << 2.0 << QList<ClockPause> { { date("2025-06-10"), QDate(), bz } } << date("2025-06-05");
    QTest::newRow("pause on a weekend only changes nothing: Fri 2025-03-07, 1 day, stopped Sat, resumed Mon "
                  "-> Mon 03-10")
        << date("2025-03-07") << 1.0 << QList<ClockPause> { { date("2025-03-08"), date("2025-03-10"), bz } }
        << date("2025-03-10");
}

void TestWorkCalendar::pauses()
{
    QFETCH(QDate, accepted);
    QFETCH(double, limit);
    QFETCH(QList<ClockPause>, pauses);
    QFETCH(QDate, due);

    const DeadlineResult r = computeDeadline(WorkCalendar::builtIn(), accepted, limit, pauses);
    QCOMPARE(r.due, due);
    QVERIFY(r.certain);
    QVERIFY(!r.paused);
    QVERIFY2(r.note.isEmpty(), qPrintable(r.note));
    QCOMPARE(r.workingDaysUsed, int(std::ceil(limit)));
}

void TestWorkCalendar::openPause()
{
    const WorkCalendar& cal = WorkCalendar::builtIn();
    // Accepted Tue 2025-06-03, 10 days; 补正 notice on Fri 06-06, materials not back yet:
    // 06-04 (1) and 06-05 (2) counted, 8 left, no due date.
    const ClockPause open { date("2025-06-06"), QDate(), QStringLiteral("补正") };
    DeadlineResult r = computeDeadline(cal, date("2025-06-03"), 10, { open });
    QVERIFY(r.paused);
    QVERIFY(!r.due.isValid());
    QVERIFY(r.certain);
    QCOMPARE(r.workingDaysUsed, 2);
    QCOMPARE(r.workingDaysLeft, 8);
    QVERIFY2(r.note.contains(QLatin1String("2025-06-06")) && r.note.contains(QStringLiteral("补正"))
            && r.note.contains(QLatin1String("2 of 10")),
        qPrintable(r.note));
    QCOMPARE(deadlineWarning(cal, date("2025-06-20"), r.due, true), DeadlineWarning::None);

    // The materials arrive on Mon 06-16: closing the pause gives the date, 8 more working days from
    // 06-16 itself: 06-16..06-20 (7), 06-23..06-25 (10).
    r = computeDeadline(cal, date("2025-06-03"), 10, { { open.from, date("2025-06-16"), open.reason } });
    QVERIFY(!r.paused);
    QCOMPARE(r.due, date("2025-06-25"));
    QCOMPARE(r.workingDaysUsed, 10);
    QCOMPARE(r.workingDaysLeft, 0);

    // Stopped on the first counted day: nothing used yet; no reason given is fine too.
    r = computeDeadline(cal, date("2025-06-03"), 2.5, { { date("2025-06-04"), QDate(), QString() } });
    QVERIFY(r.paused);
    QCOMPARE(r.workingDaysUsed, 0);
    QCOMPARE(r.workingDaysLeft, 3);
    QVERIFY2(r.note.contains(QLatin1String("0 of 3")), qPrintable(r.note));

    // Open pause in an unpublished year: both facts are reported.
    r = computeDeadline(cal, date("2027-03-01"), 5, { { date("2027-03-03"), QDate(), QStringLiteral("补正") } });
    QVERIFY(r.paused);
    QVERIFY(!r.certain);
    QCOMPARE(r.workingDaysUsed, 1);
    QCOMPARE(r.missingYears, QList<int> { 2027 });
    QVERIFY2(r.note.contains(QLatin1String("2027")) && r.note.contains(QStringLiteral("补正")), qPrintable(r.note));
}

void TestWorkCalendar::uncertainNoteNamesTheYears()
{
    const WorkCalendar& cal = WorkCalendar::builtIn();
    DeadlineResult r = computeDeadline(cal, date("2026-12-25"), 5);
    QVERIFY2(r.note.contains(QLatin1String("calendar for 2027 is not loaded")), qPrintable(r.note));
    QVERIFY2(r.note.contains(QLatin1String("uncertain")), qPrintable(r.note));
    r = computeDeadline(cal, date("2027-12-30"), 3);
    QVERIFY2(r.note.contains(QLatin1String("2027")) && r.note.contains(QLatin1String("2028")), qPrintable(r.note));
    // Loading a 2027 file makes the same deadline certain.
    WorkCalendar with2027 = cal;
    QVERIFY(with2027.loadYearJson(yearFile(2027, { day("元旦", "2027-01-01", true) }), nullptr));
    r = computeDeadline(with2027, date("2026-12-25"), 5);
    QVERIFY(r.certain);
    QVERIFY(r.note.isEmpty());
    QCOMPARE(r.due, date("2027-01-04")); // 12-28..12-31 (4), 01-01 off, Mon 01-04 (5)
}

void TestWorkCalendar::invalidInput_data()
{
    QTest::addColumn<QDate>("accepted");
    QTest::addColumn<double>("limit");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no acceptance date") << QDate() << 5.0 << QStringLiteral("acceptance date");
    QTest::newRow("negative limit") << date("2025-03-03") << -1.0 << QStringLiteral("between 0 and 1000");
    QTest::newRow("not a number") << date("2025-03-03") << std::numeric_limits<double>::quiet_NaN()
                                  << QStringLiteral("between 0 and 1000");
    QTest::newRow("infinite") << date("2025-03-03") << std::numeric_limits<double>::infinity()
                              << QStringLiteral("between 0 and 1000");
    QTest::newRow("above the ceiling") << date("2025-03-03") << 1000.5 << QStringLiteral("between 0 and 1000");
}

void TestWorkCalendar::invalidInput()
{
    QFETCH(QDate, accepted);
    QFETCH(double, limit);
    QFETCH(QString, mentions);
    const DeadlineResult r = computeDeadline(WorkCalendar::builtIn(), accepted, limit);
    QVERIFY(!r.due.isValid());
    QVERIFY(!r.certain);
    QVERIFY2(r.note.contains(mentions), qPrintable(r.note));
}

void TestWorkCalendar::warning_data()
{
    QTest::addColumn<QDate>("today");
    QTest::addColumn<QDate>("due");
    QTest::addColumn<DeadlineWarning>("normal");
    QTest::addColumn<DeadlineWarning>("highRisk");

    const auto none = DeadlineWarning::None;
    const auto yellow = DeadlineWarning::Yellow;
    const auto red = DeadlineWarning::Red;
    const QDate due = date("2025-10-10");
    QTest::newRow("due today: 0 left") << due << due << yellow << yellow;
    QTest::newRow("Thu 10-09: 1 left") << date("2025-10-09") << due << yellow << yellow;
    QTest::newRow("Tue 09-30: 10-09 and 10-10 left, holidays skipped") << date("2025-09-30") << due << yellow << yellow;
    QTest::newRow("national day 10-03: 2 left") << date("2025-10-03") << due << yellow << yellow;
    QTest::newRow("Mon 09-29: 3 left, only high risk warns") << date("2025-09-29") << due << none << yellow;
    QTest::newRow("Fri 09-26: 5 left (Sun 09-28 make-up counts)") << date("2025-09-26") << due << none << none;
    QTest::newRow("a day late") << date("2025-10-11") << due << red << red;
    QTest::newRow("a year late") << date("2026-10-10") << due << red << red;
    QTest::newRow("far ahead") << date("2025-01-02") << date("2026-12-31") << none << none;
    QTest::newRow("no due date (paused)") << date("2025-10-09") << QDate() << none << none;
    QTest::newRow("no today") << QDate() << due << none << none;
    QTest::newRow("due in 2027, weekdays: Fri 01-01, Mon 01-04, Tue 01-05 left")
        << date("2026-12-31") << date("2027-01-05") << none << yellow;
}

void TestWorkCalendar::warning()
{
    QFETCH(QDate, today);
    QFETCH(QDate, due);
    QFETCH(DeadlineWarning, normal);
    QFETCH(DeadlineWarning, highRisk);
    QCOMPARE(deadlineWarning(WorkCalendar::builtIn(), today, due, false), normal);
    QCOMPARE(deadlineWarning(WorkCalendar::builtIn(), today, due, true), highRisk);
}

void TestWorkCalendar::workingDaysBetween_data()
{
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<std::optional<int>>("count");

    QTest::newRow("(09-30, 10-10] 2025: 10-09, 10-10")
        << date("2025-09-30") << date("2025-10-10") << std::optional<int>(2);
    QTest::newRow("reversed") << date("2025-10-10") << date("2025-09-30") << std::optional<int>(-2);
    QTest::newRow("same day") << date("2025-10-10") << date("2025-10-10") << std::optional<int>(0);
    QTest::newRow("make-up Saturday 2025-10-11 counts")
        << date("2025-10-10") << date("2025-10-11") << std::optional<int>(1);
    QTest::newRow("weekday holiday 2025-10-01 does not")
        << date("2025-09-30") << date("2025-10-01") << std::optional<int>(0);
    // Published totals: 2024 has 251 working days, 2025 has 248.
    QTest::newRow("all of 2024: 251") << date("2023-12-31") << date("2024-12-31") << std::optional<int>(251);
    QTest::newRow("all of 2025: 248") << date("2024-12-31") << date("2025-12-31") << std::optional<int>(248);
    QTest::newRow("2018-12-31 is not needed") << date("2018-12-31") << date("2019-01-02") << std::optional<int>(1);
    QTest::newRow("into 2027") << date("2026-12-31") << date("2027-01-01") << std::optional<int>();
    QTest::newRow("back into 2018") << date("2019-01-02") << date("2018-12-30") << std::optional<int>();
    QTest::newRow("invalid date") << QDate() << date("2025-01-01") << std::optional<int>();
}

void TestWorkCalendar::workingDaysBetween()
{
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(std::optional<int>, count);
    QCOMPARE(oneseal::core::workingDaysBetween(WorkCalendar::builtIn(), from, to), count);
}

/** The embedded calendar is exactly the holiday-cn files kept in resources/holidays/, day by day. */
void TestWorkCalendar::builtInAgreesWithItsSourceFiles()
{
    const QDir sources(QStringLiteral(ONESEAL_SOURCE_DIR "/resources/holidays"));
    const QStringList files
        = sources.entryList({ QStringLiteral("[0-9][0-9][0-9][0-9].json") }, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 9, qPrintable(sources.absolutePath()));
    const WorkCalendar& cal = WorkCalendar::builtIn();
    int checkedDays = 0;
    for (const QString& name : files) {
        QFile original(sources.filePath(name));
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray bytes = original.readAll();
        QFile embedded(QStringLiteral(":/oneseal/holidays/") + name);
        QVERIFY2(embedded.open(QIODevice::ReadOnly), qPrintable(name));
        QCOMPARE(embedded.readAll(), bytes);

        const QJsonObject root = QJsonDocument::fromJson(bytes).object();
        const int year = root.value(QLatin1String("year")).toInt();
        QCOMPARE(QString::number(year) + QLatin1String(".json"), name);
        const QJsonArray days = root.value(QLatin1String("days")).toArray();
        QCOMPARE(cal.hasYear(year), !days.isEmpty());
        for (const QJsonValue& v : days) {
            const QJsonObject o = v.toObject();
            const QDate d = QDate::fromString(o.value(QLatin1String("date")).toString(), Qt::ISODate);
            QVERIFY(d.isValid());
            QCOMPARE(cal.dayName(d), o.value(QLatin1String("name")).toString());
            const std::optional<bool> expected = cal.hasYear(d.year())
                ? std::optional<bool>(!o.value(QLatin1String("isOffDay")).toBool())
                : std::nullopt;
            QCOMPARE(cal.isWorkingDay(d), expected);
            ++checkedDays;
        }
    }
    QVERIFY(checkedDays > 250);

    QFile licence(sources.filePath(QStringLiteral("LICENSE")));
    QFile embeddedLicence(QStringLiteral(":/oneseal/holidays/LICENSE"));
    QVERIFY(licence.open(QIODevice::ReadOnly));
    QVERIFY(embeddedLicence.open(QIODevice::ReadOnly));
    QCOMPARE(embeddedLicence.readAll(), licence.readAll());
    QVERIFY(embeddedLicence.seek(0));
    QVERIFY(embeddedLicence.readAll().contains("MIT License"));
}

QTEST_APPLESS_MAIN(TestWorkCalendar)
#include "TestWorkCalendar.moc"
