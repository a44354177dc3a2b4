#pragma once

#include "core/Clock.h"

#include <QCoreApplication>

#include <optional>

namespace oneseal::db {
class Database;
}

namespace oneseal::sync {

/** A block of serial numbers leased to a workstation. */
struct NumberLease
{
    QString kind;
    qint64 start = 0;
    qint64 end = 0;
};

/**
 * Number leases: blocks of case numbers and certificate serials handed to workstations, so that
 * they number offline and a number is never given twice (HubLeaseRepository).
 */
class HubLeases
{
    Q_DECLARE_TR_FUNCTIONS(HubStore)

public:
    HubLeases(db::Database& database, const core::Clock& clock) : m_database(database), m_clock(clock) {}

    /** Leases the next block of kind; a repeated requestId gets the same block again. */
    std::optional<NumberLease> lease(const QString& workstation, const QString& kind, const QString& requestId,
                                     QString* error);

    /**
     * After a restore: records that workstation holds numbers of kind up to through (a block leased
     * after the backup), so that no later block reaches into them. Nothing changes when the hub's
     * blocks already reach past through.
     */
    static constexpr qint64 kMaxReportedBlocks = 100; ///< a report further ahead than this is refused
    bool reserveThrough(const QString& workstation, const QString& kind, qint64 through, QString* error);

private:
    db::Database& m_database;
    const core::Clock& m_clock;
};

} // namespace oneseal::sync
