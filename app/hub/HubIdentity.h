#pragma once

#include <QByteArray>
#include <QString>

namespace oneseal::sync {

/** Who the hub is: its hall, certificate authority and TLS key, as stored in hub_secrets and meta. */
struct HubIdentity
{
    QString hallName;
    QByteArray caCertificate; ///< DER
    QByteArray caKey;         ///< DER
    QByteArray tlsCertificate;
    QByteArray tlsKey;
};

} // namespace oneseal::sync
