#pragma once

#include "core/Event.h"

#include <QCoreApplication>

#include <QCborArray>
#include <QCborMap>

#include <optional>
#include <utility>

namespace oneseal::sync {

/** Frame types and keys of the sync protocol; docs/SYNC.md describes each frame. */
namespace msg {
constexpr int kVersion = 1;

// Frame types ("t").
inline const QString hello = QStringLiteral("hello");
inline const QString welcome = QStringLiteral("welcome");
/** welcome: the hall's legacy point, the HLC after which unsigned events are refused (docs/SECURITY.md). */
inline const QString legacyHlc = QStringLiteral("legacy_hlc");
/**
 * welcome: the hash of the newest event the hub holds from this workstation (absent: none), which
 * the workstation keeps so that verify-audit sees events cut off at the end of its chain.
 */
inline const QString chainHead = QStringLiteral("chain_head");
/** welcome: the hub's Ed25519 checkpoint key (raw public key, docs/SECURITY.md "Checkpoints"). */
inline const QString checkpointKey = QStringLiteral("checkpoint_key");
/** pushed: the hub-signed checkpoint of the pusher's chain (core::ChainCheckpoint::toCbor). */
inline const QString checkpoint = QStringLiteral("checkpoint");
/**
 * events: the checkpoints numbered in (after, through], and the one governing each chain's first event
 * in the reply when numbered earlier (a workstation stores them before the events).
 */
inline const QString checkpoints = QStringLiteral("checkpoints");
/** hello: 2 when the workstation reads round checkpoints (with hlc) and governing ones; older: absent. */
inline const QString checkpointVersion = QStringLiteral("cpv");
/** push: this batch ends the round's push (fewer than a batch were unsent); with `seen` (as in pull). */
inline const QString roundEnd = QStringLiteral("final");
/** pull: the hub's clock this workstation had stored before the round's push (the round's checkpoint). */
inline const QString seen = QStringLiteral("seen");
/** events: the version of the users (reference data) the hub holds now (a newer one is taken first). */
inline const QString usersVersion = QStringLiteral("users");
inline const QString enroll = QStringLiteral("enroll");
inline const QString enrolled = QStringLiteral("enrolled");
inline const QString push = QStringLiteral("push");
inline const QString pushed = QStringLiteral("pushed");
inline const QString pull = QStringLiteral("pull");
inline const QString events = QStringLiteral("events");
inline const QString lease = QStringLiteral("lease");
inline const QString leased = QStringLiteral("leased");
inline const QString reference = QStringLiteral("reference");
inline const QString referenceData = QStringLiteral("reference_data");
inline const QString error = QStringLiteral("error");
inline const QString blobMissing = QStringLiteral("blob_missing");  ///< which of these files does the hub lack?
inline const QString blobLacking = QStringLiteral("blob_lacking");  ///< reply: these
inline const QString blobPut = QStringLiteral("blob_put");          ///< a chunk of a file for the hub
inline const QString blobStored = QStringLiteral("blob_stored");    ///< reply: stored (complete: whole file here)
inline const QString blobGet = QStringLiteral("blob_get");          ///< a chunk of a file from the hub, please
inline const QString blob = QStringLiteral("blob");                 ///< reply: the chunk (absent: hub lacks it)
inline const QString renew = QStringLiteral("renew");               ///< a new certificate for this new key, please
inline const QString renewed = QStringLiteral("renewed");           ///< reply: the certificate (cert)

// Keys.
inline const QString type = QStringLiteral("t");
inline const QString number = QStringLiteral("n"); ///< client frame counter, strictly increasing per connection
inline const QString replyTo = QStringLiteral("re");
inline const QString version = QStringLiteral("v");
inline const QString workstation = QStringLiteral("ws");
inline const QString hlc = QStringLiteral("hlc");
inline const QString hall = QStringLiteral("hall");
inline const QString list = QStringLiteral("events");
inline const QString acks = QStringLiteral("acks");
inline const QString after = QStringLiteral("after");
inline const QString limit = QStringLiteral("limit");
inline const QString more = QStringLiteral("more");
inline const QString last = QStringLiteral("last");
inline const QString kind = QStringLiteral("kind");
inline const QString request = QStringLiteral("request");
inline const QString start = QStringLiteral("start");
inline const QString end = QStringLiteral("end");
inline const QString have = QStringLiteral("have");
inline const QString catalogs = QStringLiteral("catalogs");
inline const QString items = QStringLiteral("items");
inline const QString label = QStringLiteral("label");
inline const QString publicKey = QStringLiteral("pubkey");
inline const QString proof = QStringLiteral("proof");
inline const QString certificate = QStringLiteral("cert");
inline const QString ca = QStringLiteral("ca");
inline const QString reason = QStringLiteral("reason");
inline const QString message = QStringLiteral("message");
inline const QString clockAhead = QStringLiteral("clock_ahead");
inline const QString sha256 = QStringLiteral("sha256");
inline const QString mime = QStringLiteral("mime");
inline const QString size = QStringLiteral("size");
inline const QString offset = QStringLiteral("offset");
inline const QString data = QStringLiteral("data");
inline const QString complete = QStringLiteral("complete");
inline const QString absent = QStringLiteral("absent");
inline const QString skip = QStringLiteral("skip");       ///< pull: [[first, last], …] server_seq runs held already
inline const QString through = QStringLiteral("through"); ///< events: the cursor may move up to here
inline const QString generation = QStringLiteral("gen");          ///< welcome: the hub's generation (new at each restore)
inline const QString parentGeneration = QStringLiteral("parent"); ///< welcome: the generation it was restored from
inline const QString restoredThrough = QStringLiteral("base");    ///< welcome: highest server_seq of that backup
inline const QString relay = QStringLiteral("relay"); ///< push: holds events of other workstations (after a restore)
inline const QString held = QStringLiteral("held");   ///< hello: {kind: highest number leased here}

// Error reasons.
inline const QString refused = QStringLiteral("refused");
inline const QString malformed = QStringLiteral("malformed");
inline const QString replayed = QStringLiteral("replayed");
inline const QString invalidEvent = QStringLiteral("invalid_event");
inline const QString busy = QStringLiteral("busy");
} // namespace msg

/**
 * Runs of server_seq numbers, each [first, last], ascending and apart: the events a workstation
 * already holds with their number (those the hub acknowledged to its push), which its next pull need
 * not bring back.
 */
class SeqRanges
{
public:
    using Range = std::pair<qint64, qint64>;
    static constexpr int kMaxRanges = 64; ///< at most this many travel in a pull

    void add(qint64 seq);
    /** Forgets every number at or below seq (the cursor has passed them). */
    void dropThrough(qint64 seq);
    bool isEmpty() const { return m_ranges.isEmpty(); }
    const QList<Range>& ranges() const { return m_ranges; }

    /** The first kMaxRanges runs as CBOR. */
    QCborArray toCbor() const;
    /**
     * Runs read from a peer: pairs of positive first <= last, at most kMaxRanges; anything else is
     * left out (skipping less is always safe). Sorted and merged.
     */
    static SeqRanges fromCbor(const QCborValue& value);

private:
    QList<Range> m_ranges;
};

/** Encoding of events and the enrollment proofs. */
class Protocol
{
    Q_DECLARE_TR_FUNCTIONS(Protocol)

public:
    /** An event as a CBOR array of its fields (the hash covers all but recorded_at and server_seq). */
    static QCborArray encodeEvent(const core::Event& event);
    /** Decodes and checks the shape of one event; nullopt with *error when malformed. */
    static std::optional<core::Event> decodeEvent(const QCborValue& value, QString* error);
    static QCborArray encodeEvents(const QList<core::Event>& events);
    static std::optional<QList<core::Event>> decodeEvents(const QCborValue& value, QString* error);

    /**
     * The workstation's proof that it holds the one-time code, bound to its public key and to the
     * TLS certificate of the hub it actually talks to (a man in the middle sees another one).
     */
    static QByteArray enrollProof(const QString& code, const QString& workstation, const QByteArray& publicKey,
                                  const QByteArray& hubCertificateDer);
    /** The hub's answer proving it knows the code too, bound to what it hands out. */
    static QByteArray hubProof(const QString& code, const QByteArray& clientCertificateDer,
                               const QByteArray& caCertificateDer);
    /** The normal form of a code as typed (upper case, no spaces or dashes). */
    static QString normalizeCode(const QString& code);
    /** A new random code: 20 characters of base32 (100 bits), shown in groups of four. */
    static QString newCode();

    static QCborMap errorFrame(const QString& reason, const QString& message);
};

} // namespace oneseal::sync
