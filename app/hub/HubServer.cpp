#include "HubServer.h"

#include "HubConnection.h"
#include "HubStore.h"
#include "protocol/Pki.h"
#include "TlsServer.h"
#include "db/hub/HubUploadRepository.h"

#include <QDateTime>
#include <QTimer>

#include <QLoggingCategory>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

Q_LOGGING_CATEGORY(lcServer, "oneseal.hub")

namespace oneseal::sync {

HubServer::HubServer(HubStore& store, const HubLimits& limits, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_limits(limits)
    , m_server(new TlsServer(this))
    , m_cleaner(new QTimer(this))
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(QSslCertificate(store.tlsCertificate(), QSsl::Der));
    config.setPrivateKey(QSslKey(Pki::privateKeyPem(store.tlsKey()), QSsl::Ec, QSsl::Pem));
    config.setCaCertificates({QSslCertificate(store.caCertificate(), QSsl::Der)});
    // Ask for a certificate but let the connection through without one: such a connection may
    // only enroll. A certificate that is there is checked by the store (issuer, dates, revocation).
    config.setPeerVerifyMode(QSslSocket::QueryPeer);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    m_server->setSslConfiguration(config);
    m_server->setHandshakeTimeout(limits.handshakeTimeoutMs);
    m_server->setHandshakeLimits(limits.maxHandshakes, limits.maxHandshakesPerAddress);
    m_server->setMaxPendingConnections(limits.maxConnections);
    store.eventLog().setClockMarginMs(limits.clockMarginMs);
    store.eventLog().setBackdatingMarginMs(limits.backdatingMarginMs);
    connect(m_server, &TlsServer::encryptedConnection, this, &HubServer::accept);
    // Stale uploads are looked for every tenth of their age (at least every second, at most every 10 minutes).
    m_cleaner->setInterval(int(std::clamp<qint64>(limits.uploadMaxAgeSecs * 100, 1000, 600000)));
    connect(m_cleaner, &QTimer::timeout, this, &HubServer::removeStaleUploads);
    m_cleaner->start();
    removeStaleUploads();
    connect(m_server, &TlsServer::handshakeFailed, this, [](const QString& peer, const QString& reason) {
        qCWarning(lcServer).noquote() << "TLS handshake failed with" << peer << ":" << reason;
    });
}

HubServer::~HubServer()
{
    close();
}

bool HubServer::listen(const QHostAddress& address, quint16 port, QString* error)
{
    if (m_server->listen(address, port))
        return true;
    if (error)
        *error = m_server->errorString();
    return false;
}

quint16 HubServer::port() const
{
    return m_server->serverPort();
}

void HubServer::close()
{
    m_server->close();
    const auto connections = m_connections;
    m_connections.clear();
    for (HubConnection* c : connections)
        delete c;
}

void HubServer::removeStaleUploads()
{
    const QString cutoff =
        QDateTime::currentDateTimeUtc().addSecs(-m_limits.uploadMaxAgeSecs).toString(Qt::ISODateWithMs);
    QString error;
    const auto removed = db::HubUploadRepository(m_store.database().sql()).removeStale(cutoff, &error);
    if (!removed)
        qCWarning(lcServer).noquote() << "cannot remove stale uploads:" << error;
    else if (*removed > 0)
        qCInfo(lcServer).noquote() << "removed" << *removed << "bytes of unfinished uploads older than"
                                   << m_limits.uploadMaxAgeSecs << "s";
}

void HubServer::accept(QSslSocket* socket)
{
    const QString address = socket->peerAddress().toString();
    auto drop = [socket](const char* why) {
        qCWarning(lcServer).noquote() << why << "; closing a new one from" << socket->peerAddress().toString();
        socket->abort();
        socket->deleteLater();
    };
    if (m_connections.size() >= m_limits.maxConnections)
        return drop("too many connections");
    const bool anonymous = socket->peerCertificate().isNull();
    if (anonymous) {
        // Before a certificate: few such connections, each short-lived and with small frames.
        if (m_unauthenticatedTotal >= m_limits.maxUnauthenticated)
            return drop("too many connections without a certificate");
        if (m_unauthenticated.value(address) >= m_limits.maxUnauthenticatedPerAddress)
            return drop("too many connections without a certificate from one address");
        ++m_unauthenticatedTotal;
        ++m_unauthenticated[address];
    }
    auto* connection = new HubConnection(socket, m_store, m_limits, this);
    m_connections.insert(connection);
    connect(connection, &HubConnection::finished, this, [this, anonymous, address](HubConnection* c) {
        if (!m_connections.remove(c))
            return;
        if (anonymous) {
            --m_unauthenticatedTotal;
            if (--m_unauthenticated[address] <= 0)
                m_unauthenticated.remove(address);
        }
        c->deleteLater();
    });
}

} // namespace oneseal::sync
