#pragma once

#include <QCoreApplication>

#include "Database.h"
#include "EventReader.h"
#include "Projection.h"
#include "core/Clock.h"
#include "core/SealKey.h"
#include "core/Event.h"
#include "core/HybridLogicalClock.h"

#include <QCborMap>
#include <QSet>
#include <QStringList>
#include <QUuid>

#include <memory>
#include <optional>
#include <vector>

namespace oneseal::db {

/** What applying a batch of events from elsewhere did. */
struct RemoteApplyResult
{
    int inserted = 0;     ///< events new to this database
    int quarantined = 0;  ///< of those, refused by the rules (core::EventAdmission): kept, not folded
    QStringList quarantineReasons; ///< "uuid (workstation): reason", one per quarantined event
    QSet<QUuid> quarantinedIds;
    int present = 0;      ///< events already here (a repeated pull or import)
    int acknowledged = 0; ///< own events whose server_seq came back with the pull
    QStringList affectedCases;
    qint64 maxServerSeq = 0;
};

/**
 * The only way events are written: append-only, hash-chained per workstation, stamped with the
 * hybrid logical clock, and folded into the projections in the same transaction.
 */
class EventStore
{
    Q_DECLARE_TR_FUNCTIONS(EventStore)

public:
    EventStore(Database& database, QString workstation, const core::Clock& clock = core::Clock::system());

    /**
     * Adds a projection, folded after those added before (a later one may read what an earlier one
     * wrote). A new store folds nothing: whoever opens it registers the projections it wants (a
     * workstation all of them, db::registerWorkstationProjections(); the hub none).
     */
    void addProjection(std::shared_ptr<Projection> projection);
    /** Folds nothing from now on (a benchmark that measures the sync protocol alone). */
    void clearProjections() { m_projections.clear(); }
    /**
     * The key that signs every event append() writes from now on (the logged-in user's, see
     * services::SigningKeys); a null key: events are written unsigned (a hall before signing, tools).
     */
    void setSigner(const core::SealKey& key) { m_signer = key; }
    const core::SealKey& signer() const { return m_signer; }

    /** How many projections this store folds events into. */
    int projectionCount() const { return int(m_projections.size()); }

    /**
     * Appends one event inside the caller's open transaction (see db::Transaction) and applies it to
     * every projection. On failure nothing is kept once the caller rolls back, and *error says why.
     */
    std::optional<core::Event> append(const QString& caseId, const QString& kind, const QCborMap& payload,
                                      const QString& userId, QString* error);

    /**
     * Stores events recorded elsewhere (pulled from the hub, imported from a bundle, or pushed to the
     * hub) with their original uuid, hash, HLC and workstation and their server_seq, inside the
     * caller's open transaction, then folds the projections of every affected case again. Every
     * hash is checked; an event already present is not stored twice (it only receives its server_seq
     * when it had none), and a present uuid with another hash refuses the whole batch. Every new
     * event is checked by the hall's rules (core::EventAdmission through db::UserDirectory): one that
     * fails is stored with its reason (column quarantine) and never folded. Merges the highest HLC
     * seen into this workstation's clock.
     */
    std::optional<RemoteApplyResult> applyRemote(const QList<core::Event>& events, QString* error);

    /**
     * As applyRemote(), for a caller that has already checked every event's hash and that none of
     * them is stored yet, nor twice in the list (the hub's push): each is stored without checking
     * again.
     */
    std::optional<RemoteApplyResult> applyRemoteChecked(const QList<core::Event>& events, QString* error);

    /**
     * Marks an event of this database as acknowledged by the hub with its server_seq (inside the
     * caller's transaction). Marking again with the same number is fine; another number is refused.
     */
    bool markSent(const QUuid& id, qint64 serverSeq, QString* error);

    /** Events not yet acknowledged by the hub, in the order to push them (fold order), at most limit. */
    QList<core::Event> unsentEvents(int limit) const;
    /** The unsent events that follow last in push order, at most limit (to send the next batch before
     *  the previous one is acknowledged). */
    QList<core::Event> unsentEventsAfter(const core::Event& last, int limit) const;
    qint64 unsentCount() const;
    /** Acknowledged events with server_seq above after, ascending, at most limit. */
    QList<core::Event> eventsAfter(qint64 serverSeq, int limit) const;
    /** Acknowledged events with server_seq above after and at most through, ascending, at most limit. */
    QList<core::Event> eventsBetween(qint64 after, qint64 through, int limit) const;
    qint64 maxServerSeq() const;
    /** The event with this uuid, if present. */
    std::optional<core::Event> event(const QUuid& id) const;

    /** What identifies a stored event's content: its hash, and its server_seq (0 while unsent). */
    struct Stored
    {
        QByteArray hash;
        qint64 serverSeq = 0;
    };
    /** The hash and server_seq of the event with this uuid, if present (cheaper than event()). */
    std::optional<Stored> stored(const QUuid& id) const;

    /** Events of one case, in fold order. */
    QList<core::Event> caseEvents(const QString& caseId) const;
    /** Every event, in fold order: acknowledged ones by server_seq, then the rest by HLC. */
    QList<core::Event> allEvents() const;
    /** The hash of the newest event of @p workstation's chain held here; empty when none. */
    QByteArray lastHashOf(const QString& workstation) const;
    /** Whether an event of @p workstation with this hash is held here. */
    bool hasEventOf(const QString& workstation, const QByteArray& hash) const;
    /**
     * Meta key: the hash (hex) of the newest event of this workstation's chain that the hub holds
     * (from the hub's welcome and each push's acknowledgement); verify-audit checks it is still here.
     */
    static QString hubChainHeadKey() { return QStringLiteral("hub_chain_head"); }
    qint64 count() const;

    /** Clears every projection table and folds all events again, in one transaction. */
    bool rebuildProjections(QString* error);
    /** Folds these cases again from all their events (after their events were renumbered by the hub). */
    bool refoldCases(const QStringList& caseIds, QString* error);

    QString workstation() const { return m_workstation; }
    Database& database() const { return *m_database; }

    /** The event in a query's current row (EventReader::fromQuery()). */
    static core::Event eventFromQuery(const class QSqlQuery& q) { return EventReader::fromQuery(q); }
    /** EventReader::readCaseEvents(). */
    static bool readCaseEvents(const QSqlDatabase& db, const QStringList& caseIds,
                               QHash<QString, QList<core::Event>>* events, QString* error)
    {
        return EventReader::readCaseEvents(db, caseIds, events, error);
    }

private:
    QList<core::Event> select(const QString& where, const QVariantList& values, const QString& order,
                              int limit = -1) const;
    std::optional<RemoteApplyResult> applyRemote(const QList<core::Event>& events, bool checked, QString* error);
    /** Stores new events and sets their seq. */
    bool insertEvents(QList<core::Event>& events, QString* error);
    void restoreClock();

    Database* m_database;
    QString m_workstation;
    const core::Clock* m_clock;
    core::HybridLogicalClock m_hlc;
    std::vector<std::shared_ptr<Projection>> m_projections;
    core::SealKey m_signer;
};

} // namespace oneseal::db
