#include "CounterService.h"

#include "CaseReader.h"
#include "db/CounterProjection.h"
#include "db/Database.h"
#include "db/EventStore.h"
#include "db/UserRepository.h"

#include <QHash>
#include <QSaveFile>
#include <QMap>

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

QueueFigures figuresOf(const QList<db::ServedTicket>& rows)
{
    QueueFigures r;
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
    r.from = from;
    r.to = to;
    static_cast<QueueFigures&>(r) = figuresOf(rows);
    QMap<QString, QList<db::ServedTicket>> days;
    QMap<QString, QList<db::ServedTicket>> windows;
    QMap<QString, QList<db::ServedTicket>> clerks;
    for (const db::ServedTicket& t : rows) {
        days[t.servedAt.toLocalTime().date().toString(Qt::ISODate)] << t;
        windows[t.workstation] << t;
        clerks[t.userId] << t;
    }
    for (auto it = days.cbegin(); it != days.cend(); ++it)
        r.byDay.append({it.key(), it.key(), figuresOf(it.value())});
    for (auto it = windows.cbegin(); it != windows.cend(); ++it)
        r.byWindow.append({it.key(), it.key(), figuresOf(it.value())});
    const db::UserRepository users(m_session.database().sql());
    for (auto it = clerks.cbegin(); it != clerks.cend(); ++it) {
        const auto user = users.byId(it.key());
        r.byClerk.append({it.key(), user ? QStringLiteral("%1 (%2)").arg(user->displayName, user->username) : it.key(),
                          figuresOf(it.value())});
    }
    std::stable_sort(r.byClerk.begin(), r.byClerk.end(),
                     [](const QueueGroup& a, const QueueGroup& b) { return a.label < b.label; });
    return r;
}

std::optional<int> CounterService::exportReport(const QDate& from, const QDate& to, const QString& path,
                                               QString* error) const
{
    const auto r = report(from, to, error);
    if (!r)
        return std::nullopt;
    QSaveFile f(path);
    const QByteArray csv = r->toCsv();
    if (!f.open(QIODevice::WriteOnly) || f.write(csv) != csv.size() || !f.commit()) {
        if (error)
            *error = tr("Unable to write %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    return r->served;
}

QByteArray QueueReport::toCsv() const
{
    auto field = [](const QString& text) {
        QString t = text;
        // A cell that a spreadsheet would run as a formula is quoted with a leading apostrophe.
        if (!t.isEmpty() && QStringLiteral("=+-@").contains(t.at(0)))
            t.prepend(QLatin1Char('\''));
        if (t.contains(QLatin1Char(',')) || t.contains(QLatin1Char('"')) || t.contains(QLatin1Char('\n'))
            || t.contains(QLatin1Char('\r')))
            t = QLatin1Char('"') + t.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
        return t;
    };
    auto minutes = [](double seconds) { return QString::number(seconds / 60.0, 'f', 1); };
    QStringList lines;
    lines << QStringLiteral("group,name,served,with_waiting,mean_wait_min,p90_wait_min,with_service,mean_service_min,"
                            "p90_service_min,rated,very_satisfied,satisfied,fair,dissatisfied,very_dissatisfied");
    auto row = [&](const QString& group, const QString& name, const QueueFigures& f) {
        QStringList cells{field(group), field(name), QString::number(f.served), QString::number(f.withWaiting),
                          minutes(f.meanWaitSeconds), minutes(f.p90WaitSeconds), QString::number(f.withService),
                          minutes(f.meanServiceSeconds), minutes(f.p90ServiceSeconds), QString::number(f.rated)};
        for (int level = 5; level >= 1; --level)
            cells << QString::number(f.ratings[size_t(level - 1)]);
        lines << cells.join(QLatin1Char(','));
    };
    row(QStringLiteral("period"), from.toString(Qt::ISODate) + QStringLiteral("/") + to.toString(Qt::ISODate), *this);
    for (const QueueGroup& g : byDay)
        row(QStringLiteral("day"), g.label, g.figures);
    for (const QueueGroup& g : byWindow)
        row(QStringLiteral("window"), g.label, g.figures);
    for (const QueueGroup& g : byClerk)
        row(QStringLiteral("clerk"), g.label, g.figures);
    return QByteArray("\xEF\xBB\xBF") + lines.join(QStringLiteral("\r\n")).toUtf8() + "\r\n";
}

} // namespace oneseal::services
