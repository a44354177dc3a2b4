#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

class QSslSocket;

namespace oneseal::sync {

/**
 * A TCP listener that turns each connection into a server-side QSslSocket and hands it on once the
 * TLS handshake is done. Qt 6.4's QSslServer stops accepting connections for good once enough
 * handshakes have failed (tests/sync: TestSyncHub::refusedCertificatesAndFrames, 60 garbage
 * connections), so the hub does the handshake bookkeeping itself: a failed or slow handshake only
 * costs its own socket.
 */
class TlsServer : public QTcpServer
{
    Q_OBJECT

public:
    static constexpr int kMaxHandshakes = 256;

    explicit TlsServer(QObject* parent = nullptr);

    void setSslConfiguration(const QSslConfiguration& configuration) { m_configuration = configuration; }
    void setHandshakeTimeout(int ms) { m_handshakeTimeoutMs = ms; }
    int handshakesInProgress() const { return m_handshakes; }

signals:
    /** A connection whose TLS handshake succeeded; the receiver takes ownership. */
    void encryptedConnection(QSslSocket* socket);
    /** A connection that failed before or during the handshake (for the log). */
    void handshakeFailed(const QString& peer, const QString& reason);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    QSslConfiguration m_configuration;
    int m_handshakeTimeoutMs = 10000;
    int m_handshakes = 0;
};

} // namespace oneseal::sync
