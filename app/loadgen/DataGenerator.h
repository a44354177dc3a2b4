#pragma once

#include "services/Session.h"
#include "core/WorkCalendar.h"

#include <QCoreApplication>
#include <QDate>
#include <QMap>

#include <functional>
#include <optional>

namespace oneseal::loadgen {

/** How much synthetic intake data to make, and from which seed. */
struct GeneratorOptions
{
    qint64 cases = 1000000;
    qint64 applicants = 0; ///< 0: a third of the cases
    int years = 5;         ///< acceptance dates spread over this many years up to lastDay
    quint64 seed = 1;
    QDate lastDay;         ///< invalid: the day before today
    int casesPerTransaction = 2000;

    static constexpr qint64 kMaxCases = 20000000;
    static constexpr int kMaxYears = 20;
};

/** What a generation wrote. */
struct GeneratorReport
{
    qint64 cases = 0;
    qint64 applicantsRegistered = 0; ///< applicant.registered events
    qint64 applicantsUpdated = 0;    ///< applicant.updated events (a returning applicant's new phone)
    qint64 events = 0;
    QMap<QString, qint64> outcomes; ///< core::outcomeKey() -> cases
    QDate firstDay;
    QDate lastDay;
    double seconds = 0;
};

/**
 * Fills a hall database with realistic synthetic intake data, for load tests and demonstrations of
 * scale: applicants with valid resident ID numbers (GB 11643) and credit codes (GB 32100), Chinese
 * names, phones and addresses; cases on the working days of the last years, across the catalog's
 * matters and bundles, taken in by the hall's intake clerks, with a realistic mix of outcomes.
 *
 * Everything is written as the intake service writes it — the same payloads through the event store,
 * so events, hash chain and projections are real — but thousands of cases per transaction, and
 * without the checks and read-backs a clerk's single intake needs. The same seed gives the same
 * applicants, choices and dates. Administrators only.
 */
class DataGenerator
{
    Q_DECLARE_TR_FUNCTIONS(DataGenerator)

public:
    /** Called after each committed transaction with the cases written so far and the total. */
    using Progress = std::function<void(qint64 done, qint64 total)>;

    explicit DataGenerator(services::Session& session, const core::WorkCalendar& calendar = core::WorkCalendar::builtIn());

    /**
     * Checks the options and writes the data. Bad options or a user who is not an administrator
     * change nothing. A failure part-way keeps the transactions already committed (each is whole)
     * and *error says how many cases were written.
     */
    std::optional<GeneratorReport> generate(const GeneratorOptions& options, const Progress& progress,
                                            QString* error);

    /** Empty when the options can be used; otherwise a sentence saying what is wrong. */
    static QString checkOptions(const GeneratorOptions& options);

private:
    services::Session& m_session;
    const core::WorkCalendar& m_calendar;
};

} // namespace oneseal::loadgen
