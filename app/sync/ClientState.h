#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

namespace oneseal::sync {

/**
 * A workstation's sync state (sync_client_state): its certificate and key, the hall's CA, the pinned
 * hub key, the pull cursor, pending lease requests. Read by the network client and the bundle
 * import alike.
 */
class ClientState
{
public:
    // Names of the values kept.
    static QString host() { return QStringLiteral("hub_host"); }
    static QString port() { return QStringLiteral("hub_port"); }
    static QString clientKey() { return QStringLiteral("client_key"); }
    static QString clientCertificate() { return QStringLiteral("client_cert"); }
    static QString caCertificate() { return QStringLiteral("ca_cert"); }
    static QString hubCertificate() { return QStringLiteral("hub_cert"); }
    static QString hubPin() { return QStringLiteral("hub_pin"); }
    static QString hall() { return QStringLiteral("hall"); }
    static QString cursor() { return QStringLiteral("cursor"); }

    explicit ClientState(QSqlDatabase db) : m_db(std::move(db)) {}

    QByteArray value(const QString& name) const;
    /** Sets a value; a null value removes it. */
    bool setValue(const QString& name, const QByteArray& value, QString* error);
    /** Whether this workstation holds a certificate of a hub it has pinned. */
    bool enrolled() const { return !value(clientCertificate()).isEmpty() && !value(hubPin()).isEmpty(); }

private:
    QSqlDatabase m_db;
};

} // namespace oneseal::sync
