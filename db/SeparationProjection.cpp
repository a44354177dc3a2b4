#include "SeparationProjection.h"

#include <QSqlError>
#include <QSqlQuery>

namespace oneseal::db {

bool SeparationProjection::apply(const QSqlDatabase& db, const core::Event& event, QString* error)
{
    if (event.kind != core::SeparationPolicy::eventKind() || !event.caseId.isEmpty())
        return true;
    const QCborMap p = event.payload();
    const auto policy = core::SeparationPolicy::fromPayload(p, nullptr);
    if (!policy)
        return true;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT hlc FROM separation_policy WHERE id = 1"));
    if (q.exec() && q.next() && q.value(0).toULongLong() > event.hlc)
        return true; // a later relaxation holds already
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO separation_policy(id, pairs, reasons, set_by, set_at, hlc) "
                             "VALUES(1, ?, ?, ?, ?, ?)"));
    const QString pairs = policy->pairKeys().join(QLatin1Char(','));
    q.addBindValue(pairs.isNull() ? QStringLiteral("") : pairs); // NOT NULL: the strict rule is an empty list
    q.addBindValue(p.value(QStringLiteral("reasons")).toString());
    q.addBindValue(event.userId);
    q.addBindValue(core::Event::timeText(event.recordedAt));
    q.addBindValue(qint64(event.hlc));
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    return true;
}

std::optional<SeparationPolicyRow> SeparationProjection::current(const QSqlDatabase& db)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT pairs, reasons, set_by, set_at FROM separation_policy WHERE id = 1"));
    if (!q.exec() || !q.next())
        return std::nullopt;
    SeparationPolicyRow row;
    const QString pairs = q.value(0).toString();
    const auto policy = core::SeparationPolicy::fromPairKeys(
        pairs.isEmpty() ? QStringList() : pairs.split(QLatin1Char(',')), nullptr);
    if (!policy)
        return std::nullopt;
    row.policy = *policy;
    row.reasons = q.value(1).toString();
    row.setBy = q.value(2).toString();
    row.setAt = q.value(3).toString();
    return row;
}

} // namespace oneseal::db
