#pragma once

#include <QByteArray>
#include <QCborMap>
#include <QDateTime>
#include <QString>
#include <QUuid>

namespace oneseal::core {

/**
 * An immutable fact about a case (or about the hall when caseId is empty). The payload is kept as
 * the CBOR bytes it was first encoded to, so that every replica hashes exactly the same bytes.
 */
struct Event
{
    QUuid id;
    QString caseId;
    QString kind;
    QByteArray payloadCbor;
    QString userId;
    QString workstation;
    quint64 hlc = 0;
    QByteArray prevHash; ///< hash of the previous event written by the same workstation (empty for the first)
    QByteArray hash;     ///< SHA-256 over canonicalBytes()
    qint64 seq = 0;       ///< local order of insertion
    qint64 serverSeq = 0; ///< order assigned by the hub; 0 until acknowledged
    QDateTime recordedAt;

    QCborMap payload() const;
    void setPayload(const QCborMap& map);

    /**
     * recorded_at as stored and sent: ISO 8601 with milliseconds, as QDateTime::toString(
     * Qt::ISODateWithMs) writes it; a UTC time (every event's) without going through Qt's general
     * formatter, which sync would otherwise call for every event it stores or sends.
     */
    static QString timeText(const QDateTime& time);
    /** The inverse of timeText() (Qt::ISODateWithMs); invalid for text that is not such a time. */
    static QDateTime timeFromText(QStringView text);

    /** The bytes the hash chain covers: every field that makes the fact, in a fixed CBOR array. */
    QByteArray canonicalBytes() const;
    QByteArray computeHash() const;
    bool hashIsValid() const { return hash == computeHash(); }
};

} // namespace oneseal::core
