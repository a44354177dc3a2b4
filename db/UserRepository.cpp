#include "UserRepository.h"

#include "core/Clock.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace oneseal::db {

namespace {
const QString kSelect =
    QStringLiteral("SELECT id, username, display_name, password_hash, roles, active, coalesce(auth_key, ''), "
                   "must_change, coalesce(slot_key, '') FROM users ");

core::User fromQuery(const QSqlQuery& q)
{
    core::User u;
    u.id = q.value(0).toString();
    u.username = q.value(1).toString();
    u.displayName = q.value(2).toString();
    u.passwordHash = q.value(3).toString();
    u.roles = core::rolesFromKeys(q.value(4).toString());
    u.active = q.value(5).toBool();
    u.authKey = q.value(6).toString();
    u.mustChange = q.value(7).toBool();
    u.slotKey = q.value(8).toString();
    return u;
}

/** Runs a prepared UPDATE of one user's row: true when it changed exactly that row. */
bool updateOne(QSqlQuery& q, QString* error)
{
    if (q.exec() && q.numRowsAffected() == 1)
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
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
                             "created_at, updated_at, auth_key, must_change, slot_key) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QString t = now();
    for (const QVariant& v : QVariantList{user.id, user.username.trimmed(), user.displayName.trimmed(),
                                          user.passwordHash.isEmpty() ? QStringLiteral("") : user.passwordHash,
                                          core::roleKeys(user.roles).join(QLatin1Char(',')),
                                          user.active, t, t,
                                          user.authKey.isEmpty() ? QVariant() : QVariant(user.authKey), user.mustChange,
                                          user.slotKey.isEmpty() ? QVariant() : QVariant(user.slotKey)})
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
    return updateOne(q, error);
}

bool UserRepository::updatePassword(const QString& userId, const QString& hash, const QString& authKey,
                                    bool mustChange, QString* error, const QString& slotKey)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE users SET password_hash = ?, auth_key = ?, slot_key = ?, must_change = ?, "
                             "updated_at = ? WHERE id = ?"));
    q.addBindValue(hash.isEmpty() ? QStringLiteral("") : hash);
    q.addBindValue(authKey.isEmpty() ? QVariant() : QVariant(authKey));
    q.addBindValue(slotKey.isEmpty() ? QVariant() : QVariant(slotKey));
    q.addBindValue(mustChange);
    q.addBindValue(now());
    q.addBindValue(userId);
    return updateOne(q, error);
}

bool UserRepository::resetPassword(const QString& userId, const QString& hash, const QString& authKey,
                                   const QString& slotKey, bool mustChange, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE users SET password_hash = ?, auth_key = ?, slot_key = ?, must_change = ?, "
                             "updated_at = CASE WHEN active = 1 THEN ? ELSE updated_at END WHERE id = ?"));
    q.addBindValue(hash.isEmpty() ? QStringLiteral("") : hash);
    q.addBindValue(authKey);
    q.addBindValue(slotKey);
    q.addBindValue(mustChange);
    q.addBindValue(now());
    q.addBindValue(userId);
    return updateOne(q, error);
}

bool UserRepository::setActive(const QString& userId, bool active, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE users SET active = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(active);
    q.addBindValue(now());
    q.addBindValue(userId);
    return updateOne(q, error);
}

bool UserRepository::setRoles(const QString& userId, core::Roles roles, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE users SET roles = ? WHERE id = ?"));
    q.addBindValue(core::roleKeys(roles).join(QLatin1Char(',')));
    q.addBindValue(userId);
    return updateOne(q, error);
}

QDateTime UserRepository::updatedAt(const QString& userId) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT updated_at FROM users WHERE id = ?"));
    q.addBindValue(userId);
    if (q.exec() && q.next())
        return QDateTime::fromString(q.value(0).toString(), Qt::ISODateWithMs);
    return QDateTime();
}

} // namespace oneseal::db
