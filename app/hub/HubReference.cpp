#include "HubReference.h"

#include "core/Crypto.h"
#include "core/Role.h"
#include "db/CalendarRepository.h"
#include "db/Database.h"
#include "db/UserDirectory.h"
#include "db/UserRepository.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>

namespace oneseal::sync {

std::optional<qint64> HubReference::publish(const QString& kind, const QByteArray& payload, QString* error)
{
    const QString hash = QString::fromLatin1(core::crypto::sha256(payload).toHex());
    db::ReferenceRepository repository(m_database.sql());
    QString why;
    const auto latest = repository.latest(kind, &why);
    if (!why.isEmpty()) {
        if (error)
            *error = why;
        return std::nullopt;
    }
    if (latest && latest->sha256 == hash)
        return latest->version;
    const ReferenceItem item{kind, latest ? latest->version + 1 : 1, payload, hash,
                             m_clock.now().toUTC().toString(Qt::ISODate)};
    if (!repository.insert(item, false, error))
        return std::nullopt;
    return item.version;
}

QList<ReferenceItem> HubReference::newerThan(const QMap<QString, qint64>& have) const
{
    QList<ReferenceItem> items;
    for (const ReferenceItem& item : db::ReferenceRepository(m_database.sql()).latestOfEach())
        if (item.version > have.value(item.kind, 0))
            items << item;
    return items;
}

QByteArray HubReference::usersSnapshot() const
{
    QCborArray users;
    const db::UserRepository repository(m_database.sql());
    const db::UserDirectory directory(m_database.sql());
    for (const core::User& u : repository.all()) {
        QCborMap user{{QStringLiteral("id"), u.id},
                      {QStringLiteral("username"), u.username},
                      {QStringLiteral("display_name"), u.displayName},
                      {QStringLiteral("roles"), core::roleKeys(u.roles).join(QLatin1Char(','))},
                      {QStringLiteral("active"), u.active},
                      {QStringLiteral("must_change"), u.mustChange}};
        // No password hash travels (docs/SECURITY.md, "What travels"): a workstation seals its database
        // key to the user's slot key (public) so that they log in there offline. The auth key is public.
        if (!u.authKey.isEmpty())
            user.insert(QStringLiteral("auth_key"), u.authKey);
        if (!u.slotKey.isEmpty())
            user.insert(QStringLiteral("slot_key"), u.slotKey);
        // The user has a signing key in the hub's directory: a workstation where it has not arrived
        // makes no new "first" key for her (docs/SECURITY.md, "A second workstation before it has synced").
        if (directory.keyOfUserAt(u.id, QDateTime()))
            user.insert(QStringLiteral("has_key"), true);
        // Since when a user is disabled, as the hub decided it: every replica refuses their events
        // from that time on, whenever the snapshot reaches it.
        if (!u.active)
            user.insert(QStringLiteral("disabled_at"), repository.updatedAt(u.id).toUTC().toString(Qt::ISODateWithMs));
        users.append(user);
    }
    return users.toCborValue().toCbor();
}

bool HubReference::publishUsers(QString* error)
{
    return publish(QStringLiteral("users"), usersSnapshot(), error).has_value();
}

std::optional<int> HubReference::importCalendarYear(const QByteArray& json, QString* error)
{
    db::Transaction tx(m_database.sql());
    if (!tx.isActive()) {
        if (error)
            *error = tx.errorText();
        return std::nullopt;
    }
    db::CalendarRepository repository(m_database.sql());
    const auto year = repository.import(json, QStringLiteral("local"), m_clock.now(), error);
    if (!year)
        return std::nullopt;
    QCborArray years;
    for (const db::CalendarYear& y : repository.all())
        years.append(QCborMap{{QStringLiteral("year"), y.year}, {QStringLiteral("json"), y.json}});
    if (!publish(QStringLiteral("holidays"), years.toCborValue().toCbor(), error) || !tx.commit(error))
        return std::nullopt;
    return year;
}

} // namespace oneseal::sync
