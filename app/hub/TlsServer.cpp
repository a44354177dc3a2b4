#include "TlsServer.h"

#include <QSslSocket>
#include <QTimer>

namespace oneseal::sync {

namespace {
const char kPeerProperty[] = "oneseal_peer";
const char kAddressProperty[] = "oneseal_address";
} // namespace

TlsServer::TlsServer(QObject* parent)
    : QTcpServer(parent)
{
}

void TlsServer::finish(QSslSocket* socket, const QString& failure)
{
    if (!m_pending.removeOne(socket))
        return; // already finished
    const QString address = socket->property(kAddressProperty).toString();
    if (--m_perAddress[address] <= 0)
        m_perAddress.remove(address);
    socket->disconnect(this);
    if (failure.isNull())
        return;
    emit handshakeFailed(socket->property(kPeerProperty).toString(), failure);
    socket->abort();
    socket->deleteLater();
}

void TlsServer::incomingConnection(qintptr descriptor)
{
    auto* socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    const QString address = socket->peerAddress().toString();
    const QString peer = address + QLatin1Char(':') + QString::number(socket->peerPort());
    if (m_perAddress.value(address) >= m_maxPerAddress) {
        emit handshakeFailed(peer, tr("too many handshakes from this address at once"));
        socket->abort();
        socket->deleteLater();
        return;
    }
    if (m_pending.size() >= m_maxHandshakes)
        finish(m_pending.constFirst(), tr("dropped for a newer connection: too many handshakes at once"));
    socket->setProperty(kPeerProperty, peer);
    socket->setProperty(kAddressProperty, address);
    m_pending.append(socket);
    ++m_perAddress[address];
    socket->setSslConfiguration(m_configuration);
    auto* timer = new QTimer(socket);
    timer->setSingleShot(true);
    // Exactly one of: encrypted, failed, timed out, dropped. Afterwards the socket is the receiver's or gone.
    connect(timer, &QTimer::timeout, this, [this, socket] { finish(socket, tr("TLS handshake timed out")); });
    connect(socket, &QSslSocket::sslErrors, this, [socket](const QList<QSslError>&) {
        socket->ignoreSslErrors(); // client certificates are checked by the hub (HubStore::authenticate)
    });
    connect(socket, &QAbstractSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError) {
        finish(socket, socket->errorString());
    });
    connect(socket, &QAbstractSocket::disconnected, this,
            [this, socket] { finish(socket, tr("closed during the TLS handshake")); });
    connect(socket, &QSslSocket::encrypted, this, [this, socket, timer] {
        timer->stop();
        timer->deleteLater();
        finish(socket, QString());
        socket->setParent(nullptr);
        emit encryptedConnection(socket);
    });
    timer->start(m_handshakeTimeoutMs);
    socket->startServerEncryption();
}

} // namespace oneseal::sync
