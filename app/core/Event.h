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
    /**
     * The author's Ed25519 signature over signingMessage() and the id of the key that made it
     * (core::EventAdmission). Not part of the hash: the hash chain is the workstation's, the signature
     * the author's. Empty for an "unsigned legacy" event written before signing existed.
     */
    QByteArray signature;
    QString keyId;
    /**
     * Local to a replica, never hashed nor sent: why this replica refused to fold the event (empty for
     * an admitted one). A refused event is kept in `events` and shown, never folded.
     */
    QString quarantine;

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
    /** What the author signs: a fixed label and the hash (which covers every field of the fact). */
    QByteArray signingMessage() const { return QByteArrayLiteral("oneseal-event-v1:") + hash; }
};

} // namespace oneseal::core
