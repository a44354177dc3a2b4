#pragma once

#include <QHash>
#include <QSqlDatabase>

#include <optional>

namespace oneseal::db {

/** hub_secrets: the hub's certificate authority, TLS key and certificate, seal-signing key. */
class HubSecretRepository
{
public:
    explicit HubSecretRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    bool put(const QString& name, const QByteArray& value, QString* error);
    /** Every secret by name; nullopt with *error when they cannot be read. */
    std::optional<QHash<QString, QByteArray>> all(QString* error) const;

private:
    QSqlDatabase m_db;
};

} // namespace oneseal::db
