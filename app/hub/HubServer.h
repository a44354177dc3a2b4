#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QObject>
#include <QSet>

class QSslSocket;

namespace oneseal::sync {

class HubConnection;
class HubStore;

/**
 * The hub's TLS listener: every connection presents the workstation's client certificate (mutual
 * TLS) or may only enroll. One thread, one event loop, one database connection.
 */
class HubServer : public QObject
{
    Q_OBJECT

public:
    /** Upper bound of simultaneous connections; more are closed at once (logged). */
    static constexpr int kMaxConnections = 512;

    explicit HubServer(HubStore& store, QObject* parent = nullptr);
    ~HubServer() override;

    /** Listens on address:port (0: any free port); *error says why not. */
    bool listen(const QHostAddress& address, quint16 port, QString* error);
    quint16 port() const;
    /** Stops listening and closes every connection. */
    void close();
    int connectionCount() const { return int(m_connections.size()); }

private:
    void accept(QSslSocket* socket);

    HubStore& m_store;
    class TlsServer* m_server;
    QSet<HubConnection*> m_connections;
};

} // namespace oneseal::sync
