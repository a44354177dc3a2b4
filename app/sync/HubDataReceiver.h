#pragma once

#include "core/Clock.h"

#include <QCborArray>
#include <QCborMap>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QSqlDatabase>

#include <optional>

namespace oneseal::sync {

/**
 * Stores at a workstation what the hub hands out besides events: reference data snapshots (users,
 * holiday calendar, templates, trusted seal keys), catalog versions and number blocks. One piece for
 * both ways they arrive: the network client (SyncClient) and a bundle file (Bundle).
 */
class HubDataReceiver
{
    Q_DECLARE_TR_FUNCTIONS(SyncClient)

public:
    explicit HubDataReceiver(QSqlDatabase db, const core::Clock& clock = core::Clock::system())
        : m_db(std::move(db))
        , m_clock(&clock)
    {
    }

    /**
     * Stores reference data snapshots (each in its own transaction) and the catalog versions not
     * here yet; counts what it took in *referenceItems and *catalogs when given.
     */
    bool applyReferenceData(const QCborArray& items, const QCborArray& catalogs, int* referenceItems,
                            int* catalogCount, QString* error);
    /** Kinds of number blocks running low, with the request id to ask the hub with (kept until stored). */
    std::optional<QList<QPair<QString, QString>>> leaseRequests(QString* error);
    /** Stores a number block leased by the hub (one already held is fine) and forgets its request. */
    bool storeLease(const QString& kind, qint64 start, qint64 end, QString* error);

    /** The most years a holiday calendar snapshot from the hub may hold. */
    static constexpr qsizetype kMaxCalendarYears = 100;

private:
    bool applyItem(const QCborMap& item, QString* error);
    bool applyCalendar(const QByteArray& payload, QString* error);

    QSqlDatabase m_db;
    const core::Clock* m_clock;
};

} // namespace oneseal::sync
