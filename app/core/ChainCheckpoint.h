#pragma once

#include <QByteArray>
#include <QCborMap>
#include <QDateTime>
#include <QString>

#include <optional>

namespace oneseal::core {

class SealKey;

/**
 * A hub-signed checkpoint of one workstation's hash chain (docs/SECURITY.md, "Checkpoints"): at an
 * acknowledged push the hub holds the chain up to the event numbered serverSeq, whose hash is head,
 * at the hub's time hubTime. Signed with the hub's Ed25519 checkpoint key over
 * "oneseal-checkpoint-v1:" || CBOR [workstation, serverSeq, head, hubTime (ISO, ms, UTC), marginMs].
 *
 * The rule (core::EventAdmission, on the hub and every replica): an event of the workstation numbered
 * after serverSeq was written after the checkpoint, so it may not claim a recorded time earlier than
 * hubTime - marginMs.
 *
 * A round checkpoint (signed at the first pull of a sync round, docs/SECURITY.md "Checkpoints") also
 * carries hlc: the hub's clock the workstation had stored before it pushed that round, so its events
 * numbered after serverSeq carry a greater one; and hubTime is then the time the hub gave it that
 * clock. Such a checkpoint (hlc > 0) is signed over "oneseal-checkpoint-v2:" || CBOR [workstation,
 * serverSeq, head, hubTime, marginMs, hlc].
 */
struct ChainCheckpoint
{
    QString workstation;
    qint64 serverSeq = 0;
    QByteArray head; ///< SHA-256 of the chain's event numbered serverSeq
    QDateTime hubTime;
    qint64 marginMs = 0;
    QByteArray signature; ///< Ed25519, 64 bytes
    quint64 hlc = 0; ///< events after it carry a greater clock (0: no such bound, a v1 checkpoint)

    /** The earliest recorded time an event after this checkpoint may claim. */
    QDateTime earliestAfter() const { return hubTime.addMSecs(-marginMs); }
    QByteArray signedBytes() const;
    void sign(const SealKey& hubKey);
    bool verify(const QByteArray& rawHubPublicKey) const;

    /** Wire form: a CBOR map {ws, seq, head, at, margin, sig} and, when set, hlc. */
    QCborMap toCbor() const;
    /** nullopt when a field is missing, of the wrong type or out of bounds (the signature is not checked). */
    static std::optional<ChainCheckpoint> fromCbor(const QCborMap& map);
};

} // namespace oneseal::core
