#pragma once

#include <QHash>
#include <QList>
#include <QSslConfiguration>
#include <QTcpServer>

class QSslSocket;

namespace oneseal::sync {

/**
 * A TCP listener that turns each connection into a server-side QSslSocket and hands it on once the
 * TLS handshake is done. Qt 6.4's QSslServer stops accepting connections for good once enough
 * handshakes have failed (tests/sync: TestSyncHub::refusedCertificatesAndFrames, 60 garbage
 * connections), so the hub does the handshake bookkeeping itself: a failed or slow handshake only
 * costs its own socket. Handshakes are bounded by a time-out, a cap per remote address (more from
 * that address are closed at once) and an overall cap; when every slot is taken, the oldest pending
 * handshake is dropped for the new one, so sockets that connect and stay silent cannot keep an
 * honest workstation out (TestSyncAbuse::silentSocketsDoNotLockOut).
 */
class TlsServer : public QTcpServer
{
    Q_OBJECT

public:
    explicit TlsServer(QObject* parent = nullptr);

    void setSslConfiguration(const QSslConfiguration& configuration) { m_configuration = configuration; }
    void setHandshakeTimeout(int ms) { m_handshakeTimeoutMs = ms; }
    void setHandshakeLimits(int overall, int perAddress)
    {
        m_maxHandshakes = std::max(1, overall);
        m_maxPerAddress = std::max(1, perAddress);
    }
    int handshakesInProgress() const { return int(m_pending.size()); }

signals:
    /** A connection whose TLS handshake succeeded; the receiver takes ownership. */
    void encryptedConnection(QSslSocket* socket);
    /** A connection that failed before or during the handshake (for the log). */
    void handshakeFailed(const QString& peer, const QString& reason);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    /** Ends a pending handshake: the socket leaves the books (and is closed when failed). */
    void finish(QSslSocket* socket, const QString& failure);

    QSslConfiguration m_configuration;
    int m_handshakeTimeoutMs = 5000;
    int m_maxHandshakes = 128;
    int m_maxPerAddress = 16;
    QList<QSslSocket*> m_pending; ///< oldest first
    QHash<QString, int> m_perAddress;
};

} // namespace oneseal::sync
