#include "ChainCheckpoint.h"

#include "CborInteger.h"
#include "SealKey.h"

#include <QCborArray>

namespace oneseal::core {

namespace {
QString timeText(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}
} // namespace

QByteArray ChainCheckpoint::signedBytes() const
{
    if (hlc == 0)
        return QByteArrayLiteral("oneseal-checkpoint-v1:")
            + QCborArray{workstation, serverSeq, head, timeText(hubTime), marginMs}.toCborValue().toCbor();
    return QByteArrayLiteral("oneseal-checkpoint-v2:")
        + QCborArray{workstation, serverSeq, head, timeText(hubTime), marginMs, qint64(hlc)}.toCborValue().toCbor();
}

void ChainCheckpoint::sign(const SealKey& hubKey)
{
    signature = hubKey.sign(signedBytes());
}

bool ChainCheckpoint::verify(const QByteArray& rawHubPublicKey) const
{
    QString why;
    const auto key = SealKey::fromRawPublic(rawHubPublicKey, &why);
    return key && signature.size() == SealKey::kSignatureSize && key->verify(signedBytes(), signature);
}

QCborMap ChainCheckpoint::toCbor() const
{
    QCborMap map{{QStringLiteral("ws"), workstation},
                 {QStringLiteral("seq"), serverSeq},
                 {QStringLiteral("head"), head},
                 {QStringLiteral("at"), timeText(hubTime)},
                 {QStringLiteral("margin"), marginMs},
                 {QStringLiteral("sig"), signature}};
    if (hlc > 0)
        map.insert(QStringLiteral("hlc"), qint64(hlc));
    return map;
}

std::optional<ChainCheckpoint> ChainCheckpoint::fromCbor(const QCborMap& map)
{
    ChainCheckpoint c;
    c.workstation = map.value(QStringLiteral("ws")).toString();
    c.serverSeq = cborInteger(map.value(QStringLiteral("seq")));
    c.head = map.value(QStringLiteral("head")).toByteArray();
    c.hubTime = QDateTime::fromString(map.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
    c.marginMs = cborInteger(map.value(QStringLiteral("margin")), -1);
    c.signature = map.value(QStringLiteral("sig")).toByteArray();
    const qint64 hlc = map.contains(QStringLiteral("hlc")) ? cborInteger(map.value(QStringLiteral("hlc")), -1) : 0;
    c.hlc = hlc > 0 ? quint64(hlc) : 0;
    if (hlc < 0 || c.workstation.isEmpty() || c.workstation.size() > 64 || c.serverSeq <= 0 || c.head.size() != 32
        || !c.hubTime.isValid() || c.marginMs < 0 || c.marginMs > 366LL * 24 * 3600 * 1000
        || c.signature.size() != SealKey::kSignatureSize)
        return std::nullopt;
    c.hubTime = c.hubTime.toUTC();
    return c;
}

} // namespace oneseal::core
