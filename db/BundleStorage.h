#pragma once

#include "core/Event.h"

#include <QCborArray>
#include <QSqlDatabase>

namespace oneseal::db {

/**
 * What a sync bundle (docs/SYNC.md, "Bundles") keeps in a database, on either side: the attached
 * files its events refer to, and which bundles were imported already (sync_bundles), so that
 * importing one twice is recognised.
 */
class BundleStorage
{
public:
    explicit BundleStorage(QSqlDatabase db) : m_db(std::move(db)) {}

    /** The attached files the events refer to that are stored here, as a bundle carries them. */
    QCborArray filesOf(const QList<core::Event>& events) const;
    /** Stores a bundle's files (inside the caller's transaction); a damaged one refuses them all. */
    bool storeFiles(const QCborArray& files, QString* error);

    /** Whether the bundle with this id was imported here before. */
    bool imported(const QString& bundleId) const;
    /** Records an imported bundle (once). */
    bool recordImport(const QString& bundleId, const QString& direction, int events, QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace oneseal::db
