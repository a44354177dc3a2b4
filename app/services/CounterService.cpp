#include "CounterService.h"

#include "CaseReader.h"
#include "db/CounterProjection.h"
#include "db/Database.h"
#include "db/EventStore.h"

#include <algorithm>

namespace oneseal::services {

namespace {
/** Mean and 90th percentile (nearest rank) of the values. */
std::pair<double, double> meanAndP90(QList<double> values)
{
    if (values.isEmpty())
        return {0, 0};
    std::sort(values.begin(), values.end());
    double sum = 0;
    for (const double v : values)
        sum += v;
    const qsizetype rank = std::max<qsizetype>(1, qsizetype(std::ceil(0.9 * double(values.size()))));
    return {sum / double(values.size()), values.at(rank - 1)};
}
} // namespace

bool CounterService::rate(const QString& caseId, core::counter::Rating rating, QString* error)
{
    auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    if (!m_session.can(core::Action::AcceptCase))
        return fail(Session::refusal(core::Action::AcceptCase));
    if (!CaseReader(m_session).state(caseId))
        return fail(tr("There is no such case."));
    if (ratingOf(caseId))
        return fail(tr("This case was already rated."));
    db::Transaction tx(m_session.database().sql());
    const QCborMap p{{core::counter::levelKey, int(rating)}};
    QString e;
    if (!tx.isActive() || !m_session.events().append(caseId, core::counter::ratedKind, p, m_session.user().id, &e)
        || !tx.commit(&e))
        return fail(e.isEmpty() ? tx.errorText() : e);
    return true;
}

std::optional<core::counter::Rating> CounterService::ratingOf(const QString& caseId) const
{
    return core::counter::ratingFromLevel(db::CounterProjection::ratingOf(m_session.database().sql(), caseId));
}

std::optional<QueueReport> CounterService::report(const QDate& from, const QDate& to, QString* error) const
{
    if (!m_session.can(core::Action::ReadAllCases)) {
        if (error)
            *error = Session::refusal(core::Action::ReadAllCases);
        return std::nullopt;
    }
    if (!from.isValid() || !to.isValid() || to < from || from.daysTo(to) > 366) {
        if (error)
            *error = tr("Give a period of at most a year.");
        return std::nullopt;
    }
    QString e;
    const auto rows = db::CounterProjection::served(m_session.database().sql(), from.startOfDay(),
                                                    to.addDays(1).startOfDay(), &e);
    if (!e.isEmpty()) {
        if (error)
            *error = e;
        return std::nullopt;
    }
    QueueReport r;
    QList<double> waits;
    QList<double> services;
    for (const db::ServedTicket& t : rows) {
        ++r.served;
        if (t.issuedAt.isValid() && t.calledAt.isValid() && t.calledAt >= t.issuedAt)
            waits << double(t.issuedAt.msecsTo(t.calledAt)) / 1000.0;
        if (t.calledAt.isValid() && t.servedAt >= t.calledAt)
            services << double(t.calledAt.msecsTo(t.servedAt)) / 1000.0;
        if (t.rating >= 1 && t.rating <= 5) {
            ++r.rated;
            ++r.ratings[size_t(t.rating - 1)];
        }
    }
    r.withWaiting = int(waits.size());
    r.withService = int(services.size());
    std::tie(r.meanWaitSeconds, r.p90WaitSeconds) = meanAndP90(waits);
    std::tie(r.meanServiceSeconds, r.p90ServiceSeconds) = meanAndP90(services);
    return r;
}

} // namespace oneseal::services
