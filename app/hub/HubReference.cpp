#include "HubReference.h"

#include "core/Crypto.h"
#include "core/Role.h"
#include "db/Database.h"
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
    for (const core::User& u : db::UserRepository(m_database.sql()).all())
        users.append(QCborMap{{QStringLiteral("id"), u.id},
                              {QStringLiteral("username"), u.username},
                              {QStringLiteral("display_name"), u.displayName},
                              {QStringLiteral("password_hash"), u.passwordHash},
                              {QStringLiteral("roles"), core::roleKeys(u.roles).join(QLatin1Char(','))},
                              {QStringLiteral("active"), u.active}});
    return users.toCborValue().toCbor();
}

bool HubReference::publishUsers(QString* error)
{
    return publish(QStringLiteral("users"), usersSnapshot(), error).has_value();
}

} // namespace oneseal::sync
