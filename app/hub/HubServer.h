#pragma once

#include "HubLimits.h"

#include <QCoreApplication>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>

class QSslSocket;
class QTimer;

namespace oneseal::sync {

class HubConnection;
class HubStore;

/**
 * The hub's TLS listener: every connection presents the workstation's client certificate (mutual
 * TLS) or may only enroll. One thread, one event loop, one database connection. Connections are
 * bounded by the hub's limits (HubLimits): overall, and those without a certificate overall and per
 * remote address.
 */
class HubServer : public QObject
{
    Q_OBJECT

public:
    explicit HubServer(HubStore& store, const HubLimits& limits = {}, QObject* parent = nullptr);
    ~HubServer() override;

    /** Listens on address:port (0: any free port); *error says why not. */
    bool listen(const QHostAddress& address, quint16 port, QString* error);
    quint16 port() const;
    /** Stops listening and closes every connection. */
    void close();
    int connectionCount() const { return int(m_connections.size()); }

private:
    void accept(QSslSocket* socket);
    /** Removes unfinished uploads older than HubLimits::uploadMaxAgeSecs (at start, then periodically). */
    void removeStaleUploads();

    HubStore& m_store;
    HubLimits m_limits;
    class TlsServer* m_server;
    QSet<HubConnection*> m_connections;
    /** Connections without a certificate, by remote address. */
    QHash<QString, int> m_unauthenticated;
    int m_unauthenticatedTotal = 0;
    QTimer* m_cleaner;
};

} // namespace oneseal::sync
