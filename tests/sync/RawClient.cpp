#include "RawClient.h"

#include "protocol/Pki.h"

#include <QDeadlineTimer>
#include <QSslConfiguration>
#include <QSslKey>

namespace oneseal::test {

bool RawClient::connect(quint16 port, const QByteArray& certDer, const QByteArray& keyDer)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (!certDer.isEmpty()) {
        config.setLocalCertificate(QSslCertificate(certDer, QSsl::Der));
        config.setPrivateKey(QSslKey(sync::Pki::privateKeyPem(keyDer), QSsl::Ec, QSsl::Pem));
    }
    socket.setSslConfiguration(config);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    return socket.waitForEncrypted(10000);
}

void RawClient::send(const QByteArray& bytes)
{
    socket.write(bytes);
    socket.flush();
}

QCborMap RawClient::request(const QCborMap& frame, int timeoutMs)
{
    send(sync::Frame::encode(frame));
    return receive(timeoutMs);
}

QCborMap RawClient::receive(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        QCborMap frame;
        QString error;
        if (reader.next(&frame, &error) == sync::FrameReader::Status::Ready)
            return frame;
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(200)
            && socket.state() != QAbstractSocket::ConnectedState)
            break;
        reader.append(socket.readAll());
    }
    reader.append(socket.readAll());
    QCborMap frame;
    QString error;
    if (reader.next(&frame, &error) == sync::FrameReader::Status::Ready)
        return frame;
    return {};
}

bool RawClient::closedByHub(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState)
        socket.waitForReadyRead(100);
    return socket.state() != QAbstractSocket::ConnectedState;
}

} // namespace oneseal::test
