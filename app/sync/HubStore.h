#pragma once

#include "Protocol.h"
#include "core/Clock.h"
#include "core/Crypto.h"
#include "core/Event.h"
#include "core/HybridLogicalClock.h"
#include "db/Database.h"
#include "db/EventStore.h"

#include <QCborArray>
#include <QCborMap>
#include <QCoreApplication>
#include <QMap>

#include <map>
#include <memory>
#include <optional>

namespace oneseal::sync {

/** What `oneseal-admin hub init` needs. */
struct HubSetup
{
    QString directory; ///< holds hub.db and hub.key (readable by the service user only)
    QString hallName;
    QString adminUsername;
    QString adminDisplayName;
    QString adminPassword;
    QStringList hosts; ///< names and addresses workstations use to reach the hub (certificate SAN)
    core::crypto::ScryptParams kdf;
};

/** A block of serial numbers leased to a workstation. */
struct NumberLease
{
    QString kind;
    qint64 start = 0;
    qint64 end = 0;
};

/** The outcome of a push: every event's server_seq, new or already stored. */
struct PushOutcome
{
    QList<QPair<QUuid, qint64>> acks;
    int stored = 0;
    int duplicates = 0;
    bool clockAhead = false; ///< an event's clock is far ahead of the hub's
};

/** A reference data snapshot (users, holiday calendar, templates, trusted seal keys). */
struct ReferenceItem
{
    QString kind;
    qint64 version = 0;
    QByteArray payload; ///< CBOR
    QString sha256;
    QString publishedAt;
};

/**
 * The hub's central database and everything the hub decides: enrollment, authentication of
 * workstations, storing pushed events once with their server_seq, pulls, number leases and reference
 * data. One object per process, used from one thread (the hub's event loop).
 */
class HubStore
{
    Q_DECLARE_TR_FUNCTIONS(HubStore)

public:
    /** The workstation id of the hub's own events (users created at the hub). */
    static QString hubWorkstation() { return QStringLiteral("HUB"); }
    static QString databasePath(const QString& directory);
    static QString keyPath(const QString& directory);
    /** Lifetime of a workstation certificate. */
    static constexpr int kClientCertificateDays = 730;
    /** An event whose clock is this far ahead of the hub's is flagged. */
    static constexpr qint64 kClockAheadMs = 5 * 60 * 1000;

    /**
     * Creates a hall's hub: the encrypted database and its key file, the certificate authority, the
     * hub's TLS certificate, the Ed25519 seal-signing key and the first administrator. Refuses to
     * touch an existing hub.
     */
    static bool initialize(const HubSetup& setup, QString* error);

    /** Opens the hub in directory with the key from its key file. */
    static std::unique_ptr<HubStore> open(const QString& directory, QString* error,
                                          const core::Clock& clock = core::Clock::system());

    db::Database& database() const { return *m_database; }
    db::EventStore& events() const { return *m_events; }
    QString hallName() const { return m_hallName; }
    QByteArray caCertificate() const { return m_caCert; }
    QByteArray caKey() const { return m_caKey; }
    QByteArray tlsCertificate() const { return m_tlsCert; }
    QByteArray tlsKey() const { return m_tlsKey; }

    /** A one-time enrollment code, valid for validHours; bound to one workstation id when given. */
    std::optional<QString> createEnrollmentCode(const QString& workstation, const QString& createdBy, int validHours,
                                                QString* error);

    /**
     * Enrolls a workstation that proved it holds an unspent code (Protocol::enrollProof over our
     * TLS certificate): issues its client certificate and spends the code.
     */
    std::optional<QByteArray> enroll(const QString& workstation, const QString& label, const QByteArray& publicKey,
                                     const QByteArray& proof, QString* code, QString* error);

    /** Refuses the workstation from now on (its certificate is revoked). */
    bool revoke(const QString& workstation, const QString& reason, QString* error);

    /** The workstation a client certificate belongs to, or nullopt with the reason it is refused. */
    std::optional<QString> authenticate(const QByteArray& certificateDer, QString* reason) const;

    /**
     * Stores pushed events (all from workstation) once each, in one transaction: checks each hash
     * and the workstation's hash chain, gives new events the next server_seq.
     */
    std::optional<PushOutcome> push(const QString& workstation, const QList<core::Event>& events, QString* error);

    /** What a pull sends back. */
    struct PullReply
    {
        QCborArray events; ///< in wire form (Protocol::encodeEvent), ascending server_seq
        bool more = false; ///< there are others after these
        qint64 through = 0; ///< the workstation's cursor may move here (past skipped events, never past the last stored)
    };
    /**
     * Events after the cursor, at most limit and about maxBytes, leaving out those in skip (the
     * workstation holds them already). The newest kWireCache events are kept in wire form: every
     * workstation pulls the same new events, which are then read and encoded once, not once each.
     */
    PullReply pull(qint64 after, int limit, qint64 maxBytes, const SeqRanges& skip) const;
    static constexpr int kWireCache = 5000;

    /** Leases the next block of kind; a repeated requestId gets the same block again. */
    std::optional<NumberLease> lease(const QString& workstation, const QString& kind, const QString& requestId,
                                     QString* error);

    /** Publishes a new version of a reference kind unless the payload is the latest one already. */
    std::optional<qint64> publishReference(const QString& kind, const QByteArray& payload, QString* error);
    /** The latest snapshot of every kind newer than what the workstation has. */
    QList<ReferenceItem> referenceNewerThan(const QMap<QString, qint64>& have) const;
    /** The users snapshot (what workstations receive as reference kind "users"). */
    QByteArray usersSnapshot() const;

    /** Adds a user at the hub (a user.created event) and publishes the users snapshot again. */
    bool addUser(const QString& username, const QString& displayName, const QString& roleKeys,
                 const QString& password, QString* error, const core::crypto::ScryptParams& kdf = {});

    /** The hub's clock merged with a timestamp received from a workstation. */
    quint64 receiveClock(quint64 remote) { return m_hlc.receive(remote); }
    quint64 clockNow() { return m_hlc.now(); }

    /** Records that a workstation connected (last_seen_at). */
    void touch(const QString& workstation);

private:
    /** Takes the new password hashes of user.password_changed events into the users table. */
    bool takePasswordChanges(const QList<core::Event>& events, QString* error);
    HubStore() = default;
    bool loadSecrets(QString* error);
    QString secretText(const QString& name) const;
    /** Appends an event written at the hub itself and gives it its server_seq. */
    bool appendHubEvent(const QString& kind, const QCborMap& payload, const QString& userId, QString* error);
    qint64 nextServerSeq(QString* error) const;
    /** An event in wire form and about what it weighs in a reply. */
    struct Wire
    {
        QCborValue value;
        qint64 serverSeq = 0;
        qint64 bytes = 0;
    };
    static Wire toWire(const core::Event& event);
    /** Events in (after, through] in wire form, at most limit: from the cache where it reaches. */
    QList<Wire> wireBetween(qint64 after, qint64 through, int limit) const;

    /** The newest events in wire form by server_seq: every stored event in (m_wireBase, m_wireThrough]. */
    mutable std::map<qint64, Wire> m_wire;
    mutable qint64 m_wireBase = -1;
    mutable qint64 m_wireThrough = -1;

    std::unique_ptr<db::Database> m_database;
    std::unique_ptr<db::EventStore> m_events;
    const core::Clock* m_clock = nullptr;
    core::HybridLogicalClock m_hlc;
    QString m_hallName;
    QByteArray m_caCert;
    QByteArray m_caKey;
    QByteArray m_tlsCert;
    QByteArray m_tlsKey;
};

} // namespace oneseal::sync
