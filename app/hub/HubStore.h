#pragma once

#include "HubEnrollment.h"
#include "HubEventLog.h"
#include "HubIdentity.h"
#include "HubLeases.h"
#include "HubReference.h"
#include "HubUsers.h"
#include "core/Clock.h"
#include "core/Crypto.h"
#include "db/Database.h"
#include "db/EventStore.h"

#include <QCoreApplication>
#include <QCborMap>
#include <QHash>
#include <QMap>

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
    /**
     * Admit unsigned events from workstations (a hall whose workstations run a client from before
     * event signing, and the older sync tests). Signed events are checked in any case. Off: every
     * event a workstation sends must be signed by its author (docs/SECURITY.md).
     */
    bool allowUnsignedEvents = false;
};

/**
 * The hub's central database and its jobs, one object per process used from one thread (the hub's
 * event loop). HubStore itself sets a hub up and opens it (database, key file, secrets); each job is
 * its own class with its SQL in db/ repositories: enrollment and certificates (HubEnrollment), the
 * event log and pulls (HubEventLog), number leases (HubLeases), reference data (HubReference) and
 * users (HubUsers). The functions below forward to them, for the connection and the command line.
 */
class HubStore
{
    Q_DECLARE_TR_FUNCTIONS(HubStore)

public:
    /** The workstation id of the hub's own events (users created at the hub). */
    static QString hubWorkstation() { return QStringLiteral("HUB"); }
    static QString databasePath(const QString& directory);
    static QString keyPath(const QString& directory);
    /** The 256-bit database key from the key file (checked: owner-only, 64 hex digits); empty with *error. */
    static QByteArray readKey(const QString& directory, QString* error);
    /** Meta keys of the hub's generation (docs/OPERATIONS.md): a restore or rebuild starts a new one. */
    static constexpr const char* kGenerationMeta = "hub_generation";
    static constexpr const char* kParentGenerationMeta = "hub_parent_generation";
    static constexpr const char* kRestoredThroughMeta = "hub_restored_through";
    static constexpr int kClientCertificateDays = HubEnrollment::kClientCertificateDays;
    static constexpr qint64 kClockAheadMs = HubEventLog::kClockAheadMs;
    static constexpr int kWireCache = HubEventLog::kWireCache;
    using PullReply = HubEventLog::PullReply;

    /**
     * Creates a hall's hub: the encrypted database and its key file, the certificate authority, the
     * hub's TLS certificate, the Ed25519 seal-signing key and the first administrator. Refuses to
     * touch an existing hub.
     */
    static bool initialize(const HubSetup& setup, QString* error);
    /** New keys of a hub by their names in hub_secrets: CA, TLS key and certificate (for hosts), seal-signing key. */
    static std::optional<QHash<QString, QByteArray>> createSecrets(const QString& hallName, const QStringList& hosts,
                                                                   QString* error);
    /** The names of the secrets every hub holds (hub_secrets). */
    static QStringList secretNames();
    /** The name of the seal-signing key among them. */
    static QString sealKeySecret() { return QStringLiteral("seal_signing_key"); }
    /** One entry of the reference data seal_keys: the public half of a seal-signing key. */
    static QCborMap sealKeyEntry(const QByteArray& sealKey, const QString& hallName);

    /** Opens the hub in directory with the key from its key file. */
    static std::unique_ptr<HubStore> open(const QString& directory, QString* error,
                                          const core::Clock& clock = core::Clock::system());
    ~HubStore();

    db::Database& database() const { return *m_database; }
    db::EventStore& events() const { return m_log->events(); }
    QString hallName() const { return m_identity.hallName; }
    QByteArray caCertificate() const { return m_identity.caCertificate; }
    QByteArray caKey() const { return m_identity.caKey; }
    QByteArray tlsCertificate() const { return m_identity.tlsCertificate; }
    QByteArray tlsKey() const { return m_identity.tlsKey; }
    /** The raw Ed25519 public key that signs the chain checkpoints (sent in every welcome). */
    QByteArray checkpointPublicKey() const { return m_checkpointPublicKey; }
    /** This hub's generation: made at init, new at every restore or rebuild (workstations compare it). */
    QString generation() const { return m_generation; }
    /** The generation this one was restored from (the backup's); empty for a hub never restored. */
    QString parentGeneration() const { return m_parentGeneration; }
    /**
     * The highest server_seq of the backup this hub was restored from (events numbered up to it are
     * the same on both generations); -1 for a hub never restored. A restored hub accepts events of
     * other workstations relayed by a workstation (the events only it still holds).
     */
    qint64 restoredThrough() const { return m_restoredThrough; }

    HubEnrollment& enrollment() const { return *m_enrollment; }
    HubEventLog& eventLog() const { return *m_log; }
    HubLeases& leases() const { return *m_leases; }
    HubReference& reference() const { return *m_reference; }
    HubUsers& users() const { return *m_users; }

    std::optional<QString> createEnrollmentCode(const QString& workstation, const QString& createdBy, int validHours,
                                                QString* error)
    {
        return m_enrollment->createCode(workstation, createdBy, validHours, error);
    }
    std::optional<QByteArray> enroll(const QString& workstation, const QString& label, const QByteArray& publicKey,
                                     const QByteArray& proof, QString* code, QString* error)
    {
        return m_enrollment->enroll(workstation, label, publicKey, proof, code, error);
    }
    bool revoke(const QString& workstation, const QString& reason, QString* error)
    {
        return m_enrollment->revoke(workstation, reason, error);
    }
    std::optional<QString> authenticate(const QByteArray& certificateDer, QString* reason) const
    {
        return m_enrollment->authenticate(certificateDer, reason);
    }
    void touch(const QString& workstation) { m_enrollment->touch(workstation); }

    std::optional<PushOutcome> push(const QString& workstation, const QList<core::Event>& events, QString* error,
                                    bool relay = false)
    {
        return m_log->push(workstation, events, error, relay);
    }
    PullReply pull(qint64 after, int limit, qint64 maxBytes, const SeqRanges& skip) const
    {
        return m_log->pull(after, limit, maxBytes, skip);
    }
    quint64 receiveClock(quint64 remote) { return m_log->receiveClock(remote); }
    quint64 clockNow() { return m_log->clockNow(); }

    std::optional<NumberLease> lease(const QString& workstation, const QString& kind, const QString& requestId,
                                     QString* error)
    {
        return m_leases->lease(workstation, kind, requestId, error);
    }

    std::optional<qint64> publishReference(const QString& kind, const QByteArray& payload, QString* error)
    {
        return m_reference->publish(kind, payload, error);
    }
    QList<ReferenceItem> referenceNewerThan(const QMap<QString, qint64>& have) const
    {
        return m_reference->newerThan(have);
    }
    QByteArray usersSnapshot() const { return m_reference->usersSnapshot(); }

    /** Adds a user at the hub (roles as keys separated by commas); see HubUsers::add(). */
    bool addUser(const QString& username, const QString& displayName, const QString& roleKeys,
                 const QString& password, QString* error, const core::crypto::ScryptParams& kdf = {})
    {
        return m_users->add(username, displayName, roleKeys, password, error, kdf);
    }

    /** Grants or revokes the hall's seal key (HubUsers::grantSeal(), revokeSeal()). */
    bool grantSeal(const QString& username, QString* error) { return m_users->grantSeal(username, error); }
    bool revokeSeal(const QString& username, QString* error) { return m_users->revokeSeal(username, error); }

private:
    HubStore() = default;
    bool loadSecrets(QString* error);
    bool loadGeneration(QString* error);

    std::unique_ptr<db::Database> m_database;
    HubIdentity m_identity;
    QByteArray m_checkpointPublicKey;
    bool loadCheckpointKey(QString* error);
    QString m_generation;
    QString m_parentGeneration;
    qint64 m_restoredThrough = -1;
    std::unique_ptr<HubEventLog> m_log;
    std::unique_ptr<HubEnrollment> m_enrollment;
    std::unique_ptr<HubLeases> m_leases;
    std::unique_ptr<HubReference> m_reference;
    std::unique_ptr<HubUsers> m_users;
};

} // namespace oneseal::sync
