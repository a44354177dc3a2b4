#include "Event.h"

#include "Crypto.h"

#include <QCborArray>
#include <QCborValue>

namespace oneseal::core {

QCborMap Event::payload() const
{
    return QCborValue::fromCbor(payloadCbor).toMap();
}

void Event::setPayload(const QCborMap& map)
{
    payloadCbor = map.toCborValue().toCbor();
}

QByteArray Event::canonicalBytes() const
{
    QCborArray a;
    a << 1 // format version of the hashed record
      << id.toString(QUuid::WithoutBraces) << caseId << kind << payloadCbor << userId << workstation
      << qint64(hlc) << prevHash;
    return a.toCborValue().toCbor();
}

QByteArray Event::computeHash() const
{
    return crypto::sha256(canonicalBytes());
}

} // namespace oneseal::core
