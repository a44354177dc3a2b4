#include "TlsServer.h"

#include <QPointer>
#include <QSslSocket>
#include <QTimer>

namespace oneseal::sync {

TlsServer::TlsServer(QObject* parent)
    : QTcpServer(parent)
{
}

void TlsServer::incomingConnection(qintptr descriptor)
{
    auto* socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    const QString peer = socket->peerAddress().toString() + QLatin1Char(':') + QString::number(socket->peerPort());
    if (m_handshakes >= kMaxHandshakes) {
        emit handshakeFailed(peer, tr("too many handshakes at once"));
        socket->abort();
        socket->deleteLater();
        return;
    }
    ++m_handshakes;
    socket->setSslConfiguration(m_configuration);
    auto* timer = new QTimer(socket);
    timer->setSingleShot(true);
    // Exactly one of: encrypted, failed, timed out. Afterwards the socket is the receiver's or gone.
    auto done = std::make_shared<bool>(false);
    auto fail = [this, socket, peer, done](const QString& reason) {
        if (*done)
            return;
        *done = true;
        --m_handshakes;
        emit handshakeFailed(peer, reason);
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    };
    connect(timer, &QTimer::timeout, this, [fail] { fail(tr("TLS handshake timed out")); });
    connect(socket, &QSslSocket::sslErrors, this, [socket](const QList<QSslError>&) {
        socket->ignoreSslErrors(); // client certificates are checked by the hub (HubStore::authenticate)
    });
    connect(socket, &QAbstractSocket::errorOccurred, this, [socket, fail](QAbstractSocket::SocketError) {
        fail(socket->errorString());
    });
    connect(socket, &QAbstractSocket::disconnected, this, [fail] { fail(tr("closed during the TLS handshake")); });
    connect(socket, &QSslSocket::encrypted, this, [this, socket, timer, done] {
        if (*done)
            return;
        *done = true;
        --m_handshakes;
        timer->stop();
        timer->deleteLater();
        socket->disconnect(this);
        socket->setParent(nullptr);
        emit encryptedConnection(socket);
    });
    timer->start(m_handshakeTimeoutMs);
    socket->startServerEncryption();
}

} // namespace oneseal::sync
