#pragma once

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace oneseal::db {

/**
 * The hub's side of unfinished attachment uploads: whether a stored event refers to a file, who is
 * uploading it (hub_upload_owners), how many bytes a workstation has in unfinished uploads
 * (blob_parts), and removing uploads that stopped moving.
 */
class HubUploadRepository
{
public:
    explicit HubUploadRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    /** Whether an attachment.added event stored here names this SHA-256 (hex). */
    bool isReferenced(const QString& sha256) const;
    /** Bytes of unfinished uploads (blob_parts) this workstation started. */
    qint64 unfinishedBytes(const QString& workstation) const;
    /** Records that a piece of sha256 arrived from workstation at time now (the first uploader owns it). */
    bool touch(const QString& sha256, const QString& workstation, const QString& now, QString* error);
    /** The upload of sha256 is complete (or dropped): forget its owner. */
    bool forget(const QString& sha256, QString* error);
    /**
     * Removes the parts of every upload whose last piece arrived before cutoff, and parts nobody
     * owns (left from before owners were recorded). Returns the bytes removed, nullopt on error.
     */
    std::optional<qint64> removeStale(const QString& cutoff, QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace oneseal::db
