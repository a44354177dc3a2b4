#include "UserRepository.h"

#include "core/Clock.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace oneseal::db {

namespace {
const QString kSelect =
    QStringLiteral("SELECT id, username, display_name, password_hash, roles, active FROM users ");

core::User fromQuery(const QSqlQuery& q)
{
    core::User u;
    u.id = q.value(0).toString();
    u.username = q.value(1).toString();
    u.displayName = q.value(2).toString();
    u.passwordHash = q.value(3).toString();
    u.roles = core::rolesFromKeys(q.value(4).toString());
    u.active = q.value(5).toBool();
    return u;
}

QString now()
{
    return core::Clock::system().now().toUTC().toString(Qt::ISODateWithMs);
}
} // namespace

std::optional<core::User> UserRepository::one(const QString& column, const QString& value) const
{
    QSqlQuery q(m_db);
    q.prepare(kSelect + QStringLiteral("WHERE ") + column + QStringLiteral(" = ?"));
    q.addBindValue(value);
    if (q.exec() && q.next())
        return fromQuery(q);
    return std::nullopt;
}

std::optional<core::User> UserRepository::byUsername(const QString& username) const
{
    return one(QStringLiteral("username"), username.trimmed());
}

std::optional<core::User> UserRepository::byId(const QString& id) const
{
    return one(QStringLiteral("id"), id);
}

QList<core::User> UserRepository::all() const
{
    QList<core::User> users;
    QSqlQuery q(m_db);
    if (q.exec(kSelect + QStringLiteral("ORDER BY username")))
        while (q.next())
            users.append(fromQuery(q));
    return users;
}

bool UserRepository::insert(const core::User& user, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO users(id, username, display_name, password_hash, roles, active, "
                             "created_at, updated_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
    const QString t = now();
    for (const QVariant& v : QVariantList{user.id, user.username.trimmed(), user.displayName.trimmed(),
                                          user.passwordHash, core::roleKeys(user.roles).join(QLatin1Char(',')),
                                          user.active, t, t})
        q.addBindValue(v);
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

bool UserRepository::updatePasswordHash(const QString& userId, const QString& hash, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(hash);
    q.addBindValue(now());
    q.addBindValue(userId);
    if (q.exec() && q.numRowsAffected() == 1)
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

} // namespace oneseal::db
