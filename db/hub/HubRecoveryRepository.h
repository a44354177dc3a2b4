#pragma once

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace oneseal::db {

/** What a hub database holds, as a backup's manifest states it and its check compares. */
struct HubCounts
{
    qint64 events = 0;
    qint64 maxServerSeq = 0;
    qint64 workstations = 0;
    qint64 leases = 0;
    qint64 users = 0;
};

/** The hub's SQL for backups, restores and events relayed after a restore. */
class HubRecoveryRepository
{
public:
    explicit HubRecoveryRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    std::optional<HubCounts> counts(QString* error) const;
    /**
     * The hash of the last event of workstation the hub stores (its chain head in the events
     * themselves: also for the hub's own events and for workstations it has no enrollment of);
     * empty when it has none. nullopt with *error on a read error.
     */
    std::optional<QByteArray> chainHeadOf(const QString& workstation, QString* error) const;

private:
    QSqlDatabase m_db;
};

/**
 * A workstation's side of a hub restore: the server_seq numbers it holds above what the restored
 * hub has belong to the lost generation. They are cleared (so those events are pushed again and
 * numbered anew) inside the caller's transaction, through the sync_renumbering permit the
 * events_no_update trigger asks for (migration 0011).
 */
class ServerSeqRenumbering
{
public:
    /** Clears every server_seq above base; returns how many events will be pushed again. */
    static std::optional<qint64> clearAbove(const QSqlDatabase& db, qint64 base, QString* error);
    /** The cases that have events numbered above base (those renumbered after a restore). */
    static QStringList casesAbove(const QSqlDatabase& db, qint64 base);
};

} // namespace oneseal::db
