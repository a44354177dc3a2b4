#include "RawClient.h"

#include "db/Database.h"
#include "protocol/Pki.h"

#include <QFile>
#include <QSqlQuery>

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

QPair<QByteArray, QByteArray> workstationCredentials(const QString& dbPath)
{
    QFile f(dbPath + QStringLiteral(".key"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QString error;
    auto database = db::Database::open(dbPath, QByteArray::fromHex(f.readAll().trimmed()), {}, &error);
    QPair<QByteArray, QByteArray> out;
    if (!database)
        return out;
    QSqlQuery q(database->sql());
    q.exec(QStringLiteral("SELECT name, value FROM sync_client_state WHERE name IN ('client_cert', 'client_key')"));
    while (q.next())
        (q.value(0).toString() == QLatin1String("client_cert") ? out.first : out.second) = q.value(1).toByteArray();
    return out;
}

} // namespace oneseal::test
