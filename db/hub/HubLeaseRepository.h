#pragma once

#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace oneseal::db {

/** A block of serial numbers the hub leased to a workstation (sync_number_leases). */
struct HubLease
{
    QString kind;
    qint64 start = 0;
    qint64 end = 0;
    QString workstation;
};

/** sync_number_leases: which blocks of case numbers and certificate serials went to whom. */
class HubLeaseRepository
{
public:
    explicit HubLeaseRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    /**
     * The lease given for requestId; nullopt when there is none (*error is then empty) or on a
     * read error (*error says why).
     */
    std::optional<HubLease> byRequest(const QString& requestId, QString* error) const;
    /** The first number after every block of kind leased so far; 0 with *error on a read error. */
    qint64 nextStart(const QString& kind, QString* error) const;
    bool insert(const HubLease& lease, const QString& requestId, const QString& leasedAt, QString* error);
    /** Every block a workstation holds, by kind and start. */
    QList<HubLease> ofWorkstation(const QString& workstation) const;

private:
    QSqlDatabase m_db;
};

} // namespace oneseal::db
