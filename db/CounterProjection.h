#pragma once

#include "Projection.h"

#include <QDateTime>

namespace oneseal::db {

/** One served ticket as stored (times UTC; invalid when not known). */
struct ServedTicket
{
    QString caseId;
    QString ticket;
    QDateTime issuedAt;
    QDateTime calledAt;
    QDateTime servedAt;
    QString workstation;
    QString userId;
    int rating = 0; ///< 1–5, 0 when the applicant did not rate
};

/**
 * counter_tickets and counter_ratings: the queue ticket of each case and its rating, folded from
 * counter.ticket and counter.rated events (core/Counter.h). The first of each per case in fold order
 * counts (a case is served once and rated once); a later one is ignored.
 */
class CounterProjection final : public Projection
{
public:
    QStringList tables() const override
    {
        return {QStringLiteral("counter_tickets"), QStringLiteral("counter_ratings")};
    }
    bool apply(const QSqlDatabase& db, const core::Event& event, QString* error) override;

    /** The tickets served from @p from up to (not including) @p to, in order, with their ratings. */
    static QList<ServedTicket> served(const QSqlDatabase& db, const QDateTime& from, const QDateTime& to,
                                      QString* error);
    /** The rating of a case, 0 when none. */
    static int ratingOf(const QSqlDatabase& db, const QString& caseId);
};

} // namespace oneseal::db
