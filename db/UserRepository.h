#pragma once

#include "core/User.h"

#include <QSqlDatabase>

#include <optional>

namespace oneseal::db {

/** The users table. */
class UserRepository
{
public:
    explicit UserRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    std::optional<core::User> byUsername(const QString& username) const;
    std::optional<core::User> byId(const QString& id) const;
    QList<core::User> all() const;

    bool insert(const core::User& user, QString* error);
    bool updatePasswordHash(const QString& userId, const QString& hash, QString* error);

private:
    std::optional<core::User> one(const QString& column, const QString& value) const;
    QSqlDatabase m_db;
};

} // namespace oneseal::db
