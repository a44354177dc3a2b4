#pragma once

#include <QList>
#include <QMap>
#include <QSqlDatabase>

#include <optional>

namespace oneseal::db {

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
 * sync_reference: the versioned reference data snapshots. The hub publishes them; a workstation
 * keeps the ones it received.
 */
class ReferenceRepository
{
public:
    explicit ReferenceRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    /** The newest snapshot of kind; nullopt when there is none (*error empty) or on a read error. */
    std::optional<ReferenceItem> latest(const QString& kind, QString* error) const;
    /** The newest snapshot of every kind, by kind. */
    QList<ReferenceItem> latestOfEach() const;
    /** The newest version held of every kind. */
    QMap<QString, qint64> versions() const;
    /** Stores a snapshot; with ignoreKnown, a version already held is left as it is. */
    bool insert(const ReferenceItem& item, bool ignoreKnown, QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace oneseal::db
