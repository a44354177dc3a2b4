#include "Frame.h"

#include <QCborStreamReader>
#include <QCborValue>
#include <QtEndian>

namespace oneseal::sync {

QByteArray Frame::encode(const QCborMap& message)
{
    const QByteArray body = message.toCborValue().toCbor();
    QByteArray out(4, '\0');
    qToBigEndian(quint32(body.size()), out.data());
    return out + body;
}

FrameReader::Status FrameReader::next(QCborMap* message, QString* error)
{
    auto failed = [&](const QString& text) {
        m_failed = true;
        m_error = text;
        m_buffer.clear();
        if (error)
            *error = text;
        return Status::Error;
    };
    if (m_failed) {
        if (error)
            *error = m_error;
        return Status::Error;
    }
    if (m_buffer.size() < 4)
        return Status::NeedMore;
    const quint32 length = qFromBigEndian<quint32>(m_buffer.constData());
    if (length == 0)
        return failed(tr("An empty frame was received."));
    if (qint64(length) > m_maxBytes)
        return failed(tr("A frame of %1 bytes was announced; at most %2 are accepted.").arg(length).arg(m_maxBytes));
    if (m_buffer.size() < qint64(length) + 4)
        return Status::NeedMore;
    const QByteArray body = m_buffer.mid(4, length);
    m_buffer.remove(0, qsizetype(length) + 4);
    QCborStreamReader reader(body);
    const QCborValue value = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError)
        return failed(tr("A frame is not valid CBOR: %1").arg(reader.lastError().toString()));
    if (reader.currentOffset() != body.size())
        return failed(tr("A frame has bytes after its CBOR value."));
    if (!value.isMap() || !value.toMap().value(QStringLiteral("t")).isString())
        return failed(tr("A frame is not a map with a type."));
    *message = value.toMap();
    return Status::Ready;
}

} // namespace oneseal::sync
