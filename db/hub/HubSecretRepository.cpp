#include "HubSecretRepository.h"

#include <QSqlError>
#include <QSqlQuery>

namespace oneseal::db {

bool HubSecretRepository::put(const QString& name, const QByteArray& value, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO hub_secrets(name, value) VALUES(?, ?)"));
    q.addBindValue(name);
    q.addBindValue(value);
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

std::optional<QHash<QString, QByteArray>> HubSecretRepository::all(QString* error) const
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT name, value FROM hub_secrets"))) {
        if (error)
            *error = q.lastError().text();
        return std::nullopt;
    }
    QHash<QString, QByteArray> secrets;
    while (q.next())
        secrets.insert(q.value(0).toString(), q.value(1).toByteArray());
    return secrets;
}

} // namespace oneseal::db
