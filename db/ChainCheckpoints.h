#pragma once

#include "core/ChainCheckpoint.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace oneseal::db {

/**
 * The hub-signed checkpoints of the workstations' chains this replica holds (table
 * chain_checkpoints, docs/SECURITY.md "Checkpoints"): every one at the hub, those received at a
 * workstation. Signatures are checked before anything is stored (the hub signs what it stores).
 */
class ChainCheckpoints
{
    Q_DECLARE_TR_FUNCTIONS(ChainCheckpoints)

public:
    explicit ChainCheckpoints(QSqlDatabase db) : m_db(std::move(db)) {}

    /**
     * Stores a checkpoint: one per workstation and number; a later one of the same number (a later
     * round that found the chain where it was) replaces it, an earlier one changes nothing. renewed:
     * signed after its event was stored (the hub's round checkpoint at a pull).
     */
    bool store(const core::ChainCheckpoint& checkpoint, QString* error, bool renewed = false);
    /** The newest checkpoint of the workstation numbered below serverSeq. */
    std::optional<core::ChainCheckpoint> before(const QString& workstation, qint64 serverSeq) const;
    /**
     * The newest checkpoint of the workstation numbered below serverSeq when it was renewed (signed
     * again after its event was stored): a workstation that pulled that event may lack this signature.
     */
    std::optional<core::ChainCheckpoint> renewedBefore(const QString& workstation, qint64 serverSeq) const;
    /** Whether this very checkpoint (workstation, number and signature) is held here. */
    bool holds(const core::ChainCheckpoint& checkpoint) const;
    /** The newest checkpoint of the workstation. */
    std::optional<core::ChainCheckpoint> newestOf(const QString& workstation) const;
    /** The lowest number of a checkpoint of the workstation at or above serverSeq (0: none). */
    qint64 firstFrom(const QString& workstation, qint64 serverSeq) const;
    /** Checkpoints numbered in (after, through], ascending, at most limit (what a pull brings). */
    QList<core::ChainCheckpoint> between(qint64 after, qint64 through, int limit) const;
    /** The newest checkpoint of each workstation. */
    QList<core::ChainCheckpoint> newest() const;
    /** Keeps only the newest checkpoint of each workstation (a workstation needs no other). */
    bool keepNewest(QString* error);
    /** Forgets those numbered above serverSeq (a hub restored from a backup numbers anew). */
    bool clearAbove(qint64 serverSeq, QString* error);

    /**
     * The hub's checkpoint keys this workstation met (raw Ed25519 public keys, the newest last),
     * received in the welcome of its pinned hub (sync_client_state hub_checkpoint_keys).
     */
    QList<QByteArray> hubKeys() const;
    /** Adds the key the hub's welcome names, when new. */
    bool addHubKey(const QByteArray& rawPublicKey, QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace oneseal::db
