#pragma once

#include <QCoreApplication>

#include "core/EventAdmission.h"
#include "core/RoleChanges.h"

#include <QHash>
#include <QSqlDatabase>

namespace oneseal::db {

/**
 * The hall's user directory as one replica holds it (tables users and user_keys), read by the event
 * rules (core::EventAdmission). Keys come only from admitted user.key_registered events
 * (registerKey()), the same way on the hub and on every workstation. Lookups are cached for the
 * life of the object (one batch of events): build a new one per batch.
 */
class UserDirectory : public core::EventDirectory
{
    Q_DECLARE_TR_FUNCTIONS(UserDirectory)

public:
    explicit UserDirectory(QSqlDatabase db) : m_db(std::move(db)) {}

    std::optional<core::DirectoryKey> key(const QString& keyId) const override;
    /** As EventDirectory; an invalid @p at: the user's current key (the latest, not ended), whatever the clock. */
    std::optional<core::DirectoryKey> keyOfUserAt(const QString& userId, const QDateTime& at) const override;
    std::optional<core::DirectoryUser> user(const QString& userId) const override;
    /** From the admitted user.roles_changed events (core::RoleChanges); an invalid @p at: now. */
    core::Roles rolesAt(const QString& userId, const QDateTime& at) const override;
    /** Every admitted change of roles known here (with the batch's), in time order. */
    const core::RoleChanges& roleChanges() const;
    QString acceptorOf(const QString& caseId) const override;
    std::optional<core::SealGrantRecord> sealGrantAt(const QString& userId, const QString& sealKeyId,
                                                     const QDateTime& at) const override;

    /**
     * The user's grants in force at @p at, newest first (one per seal key), from the admitted
     * seal_key.* events; an invalid @p at: after every event known here (what a holder opens now,
     * whatever this workstation's clock says).
     */
    QList<core::SealGrantRecord> sealGrantsOf(const QString& userId, const QDateTime& at) const;
    /** The raw public keys of every seal key the hall ever granted (the hall's own seal keys). */
    QList<QByteArray> grantedSealKeys() const;
    /** Remembers an admitted seal_key.* event (the batch may use the grant later). */
    void noteSealEvent(const core::Event& event);
    core::CaseHands handsOf(const QString& caseId) const override;
    QString authKeyOf(const QString& userId) const override;
    bool firstKeyProofRequired() const override;
    bool hubHall() const override;
    core::SeparationPolicy separationPolicyAt(quint64 hlc) const override;
    std::optional<core::ChainCheckpoint> checkpointBefore(const QString& workstation, qint64 serverSeq) const override;

    /**
     * The relaxation of the separations in force on this replica now (the latest admitted
     * hall.separation_relaxed by hybrid logical clock); services check steps with it.
     */
    static core::SeparationPolicy currentSeparationPolicy(const QSqlDatabase& db);

    /**
     * Takes the key of an admitted user.key_registered event into user_keys: valid from the event's
     * time, and the user's previous key valid until then. Inside the caller's transaction.
     */
    bool registerKey(const core::Event& event, QString* error);
    /**
     * Takes an admitted user.password_reset of the hub: every key of the user valid after its time
     * ends then (her events from before stay verifiable; her next key is a first key, proved by the
     * reset's auth key). Inside the caller's transaction.
     */
    bool applyReset(const core::Event& event, QString* error);
    /**
     * Remembers an admitted event: the acceptance and the hand of a case step (the batch may take
     * later steps of the case), a relaxation of the separations.
     */
    void noteAdmitted(const core::Event& event);

    /** The wrapped private key of a directory key (empty when none). */
    QByteArray wrappedKey(const QString& keyId) const;

    /** Whether the hall's users come from a hub: events of the hub (its user.created) are here. */
    static bool usersFromHub(const QSqlDatabase& db);
    /** The hall's legacy point (meta legacy_hlc): unsigned events above it are refused. */
    static quint64 legacyHlc(const QSqlDatabase& db);
    static QString legacyHlcKey() { return QStringLiteral("legacy_hlc"); }

    /**
     * Checks every event of a batch in order (a key registered early in the batch signs later ones),
     * setting Event::quarantine on those refused and registering the admitted keys.
     */
    bool admit(QList<core::Event>& events, QString* error);

private:
    QSqlDatabase m_db;
    mutable QHash<QString, std::optional<core::DirectoryKey>> m_keys;
    mutable QHash<QString, std::optional<core::DirectoryUser>> m_users;
    mutable QHash<QString, QString> m_acceptors;
    struct SealEvent
    {
        QString kind;
        core::SealGrantRecord record; ///< grantedAt: the event's time
    };
    const QList<SealEvent>& sealEvents() const;
    mutable std::optional<QList<SealEvent>> m_sealEvents; ///< loaded on first use, in time order
    mutable QHash<QString, core::CaseHands> m_hands;
    mutable std::optional<core::RoleChanges> m_roleChanges; ///< loaded on first use
    mutable QHash<QString, QString> m_authKeys; ///< authKeyOf(), with the batch's admitted events
    mutable std::optional<bool> m_hubHall; ///< hubHall(), read once
    mutable std::optional<bool> m_proofRequired; ///< firstKeyProofRequired(), with the batch's events
    /** When the user's first reset after @p at was (the hub's time), invalid when none. */
    QDateTime resetAfter(const QString& userId, const QDateTime& at) const;
    QHash<QString, QList<QDateTime>> m_batchResets; ///< resets admitted in this batch, not stored yet
    /** Admitted relaxations (hlc, policy), read on first use and kept in clock order. */
    mutable std::optional<QList<QPair<quint64, core::SeparationPolicy>>> m_policies;
    /** Per workstation: the checkpoint that holds for numbers in (from, to] (table chain_checkpoints). */
    struct CheckpointSpan
    {
        qint64 from = 0;
        qint64 to = 0;
        std::optional<core::ChainCheckpoint> checkpoint;
    };
    mutable QHash<QString, CheckpointSpan> m_checkpoints;
};

} // namespace oneseal::db
