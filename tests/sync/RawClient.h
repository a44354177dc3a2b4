#pragma once

#include "protocol/Frame.h"

#include <QByteArray>
#include <QCborMap>
#include <QPair>
#include <QSslSocket>

namespace oneseal::test {

/**
 * A TLS connection to the hub made by a test itself (with a workstation's certificate or none), to
 * send what a real client never would and to see how the hub answers.
 */
class RawClient
{
public:
    /** Connects and finishes the TLS handshake; false when the hub refused it within 10 s. */
    bool connect(quint16 port, const QByteArray& certDer = {}, const QByteArray& keyDer = {});
    /** Sends raw bytes (a frame, part of one, or garbage). */
    void send(const QByteArray& bytes);
    /** Sends one frame and waits for the reply: an empty map when the hub closed the connection first. */
    QCborMap request(const QCborMap& frame, int timeoutMs = 10000);
    /** The next frame, or an empty map when the hub closed the connection first. */
    QCborMap receive(int timeoutMs = 10000);
    /** Whether the hub closed the connection within the time. */
    bool closedByHub(int timeoutMs = 10000);

    QSslSocket socket;
    sync::FrameReader reader;
};

/** The client certificate and key (DER) an enrolled workstation keeps in its database (key file beside it). */
QPair<QByteArray, QByteArray> workstationCredentials(const QString& dbPath);

} // namespace oneseal::test
