#include "BundleStorage.h"
#include "core/Clock.h"

#include "BlobTransfer.h"
#include "core/CaseState.h"

#include <QCborMap>
#include <QDateTime>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace oneseal::db {

QCborArray BundleStorage::filesOf(const QList<core::Event>& events) const
{
    QCborArray files;
    QSet<QString> seen;
    const BlobTransfer blobs(m_db);
    for (const core::Event& e : events) {
        if (e.kind != core::eventkind::attachmentAdded)
            continue;
        const QString sha = e.payload().value(QStringLiteral("sha256")).toString();
        if (seen.contains(sha))
            continue;
        seen.insert(sha);
        if (const auto file = blobs.whole(sha))
            files.append(QCborMap{{QStringLiteral("sha256"), sha},
                                  {QStringLiteral("mime"), file->mime},
                                  {QStringLiteral("data"), file->data}});
    }
    return files;
}

bool BundleStorage::storeFiles(const QCborArray& files, QString* error)
{
    BlobTransfer blobs(m_db);
    for (const QCborValue& v : files) {
        const QCborMap f = v.toMap();
        const QByteArray data = f.value(QStringLiteral("data")).toByteArray();
        if (!blobs.putWhole({f.value(QStringLiteral("sha256")).toString(), f.value(QStringLiteral("mime")).toString(),
                             qint64(data.size()), 0, data},
                            error))
            return false;
    }
    return true;
}

bool BundleStorage::imported(const QString& bundleId) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM sync_bundles WHERE bundle_id = ?"));
    q.addBindValue(bundleId);
    return q.exec() && q.next() && q.value(0).toInt() > 0;
}

bool BundleStorage::recordImport(const QString& bundleId, const QString& direction, int events, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO sync_bundles(bundle_id, direction, imported_at, events) "
                             "VALUES(?, ?, ?, ?)"));
    q.addBindValue(bundleId);
    q.addBindValue(direction);
    q.addBindValue(core::Clock::system().now().toUTC().toString(Qt::ISODate));
    q.addBindValue(events);
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

} // namespace oneseal::db
