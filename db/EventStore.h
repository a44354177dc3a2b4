#pragma once

#include <QCoreApplication>

#include "Database.h"
#include "Projection.h"
#include "core/Clock.h"
#include "core/Event.h"
#include "core/HybridLogicalClock.h"

#include <QCborMap>

#include <memory>
#include <optional>
#include <vector>

namespace oneseal::db {

/**
 * The only way events are written: append-only, hash-chained per workstation, stamped with the
 * hybrid logical clock, and folded into the projections in the same transaction.
 */
class EventStore
{
    Q_DECLARE_TR_FUNCTIONS(EventStore)

public:
    EventStore(Database& database, QString workstation, const core::Clock& clock = core::Clock::system());

    /** Adds a projection; the case summary is always there. */
    void addProjection(std::shared_ptr<Projection> projection);

    /**
     * Appends one event inside the caller's open transaction (see db::Transaction) and applies it to
     * every projection. On failure nothing is kept once the caller rolls back, and *error says why.
     */
    std::optional<core::Event> append(const QString& caseId, const QString& kind, const QCborMap& payload,
                                      const QString& userId, QString* error);

    /** Events of one case, in fold order. */
    QList<core::Event> caseEvents(const QString& caseId) const;
    /** Every event, in fold order: acknowledged ones by server_seq, then the rest by HLC. */
    QList<core::Event> allEvents() const;
    qint64 count() const;

    /** Clears every projection table and folds all events again, in one transaction. */
    bool rebuildProjections(QString* error);

    QString workstation() const { return m_workstation; }
    Database& database() const { return *m_database; }

    static core::Event eventFromQuery(const class QSqlQuery& q);

private:
    QList<core::Event> select(const QString& where, const QVariantList& values) const;

    Database* m_database;
    QString m_workstation;
    const core::Clock* m_clock;
    core::HybridLogicalClock m_hlc;
    std::vector<std::shared_ptr<Projection>> m_projections;
};

} // namespace oneseal::db
