#include "ClientState.h"

#include <QSqlError>
#include <QSqlQuery>

namespace oneseal::sync {

QByteArray ClientState::value(const QString& name) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT value FROM sync_client_state WHERE name = ?"));
    q.addBindValue(name);
    if (q.exec() && q.next())
        return q.value(0).toByteArray();
    return {};
}

bool ClientState::setValue(const QString& name, const QByteArray& value, QString* error)
{
    QSqlQuery q(m_db);
    if (value.isNull()) {
        q.prepare(QStringLiteral("DELETE FROM sync_client_state WHERE name = ?"));
        q.addBindValue(name);
    } else {
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO sync_client_state(name, value) VALUES(?, ?)"));
        q.addBindValue(name);
        q.addBindValue(value);
    }
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

} // namespace oneseal::sync
