#pragma once

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QStringList>

#include <optional>

namespace oneseal::db {

/** A piece of an attached file on its way between a workstation and the hub. */
struct BlobChunk
{
    QString sha256; ///< hex, of the whole file
    QString mime;
    qint64 size = 0;   ///< of the whole file
    qint64 offset = 0; ///< where data starts
    QByteArray data;
};

/**
 * The storage side of moving attachment bytes (scans, evidence photos) in chunks: which files a
 * side lacks, reading a chunk of a stored file, and storing received chunks (blob_parts) until the
 * whole file is there and matches its SHA-256; only then does it enter attachment_blobs. Each
 * stored chunk is its own transaction, so a dropped connection resumes where it stopped.
 */
class BlobTransfer
{
    Q_DECLARE_TR_FUNCTIONS(BlobTransfer)

public:
    static constexpr qint64 kChunkBytes = 1024 * 1024;

    explicit BlobTransfer(QSqlDatabase db) : m_db(std::move(db)) {}

    /** Of the given hashes, those not in attachment_blobs (invalid hashes are left out). */
    QStringList missing(const QStringList& sha256s) const;
    /** Files attached to cases here (case_attachments) whose bytes are not here yet. */
    QStringList referencedButMissing(int limit) const;
    /** Stored files after a rowid, in rowid order: (rowid, sha256). */
    QList<QPair<qint64, QString>> storedAfter(qint64 rowid, int limit) const;
    /** Up to maxBytes of a stored file from offset; nullopt when the file is not here. */
    std::optional<BlobChunk> chunk(const QString& sha256, qint64 offset, qint64 maxBytes) const;
    /** How many bytes of a file have been received so far (0 when none, its size when it is complete). */
    qint64 received(const QString& sha256) const;
    /**
     * Stores a received chunk; when it completes the file and the bytes match the hash, the file
     * enters attachment_blobs and its parts are removed. *complete tells whether the file is whole.
     * A chunk that does not fit (wrong offset, size, too large, hash mismatch) is refused.
     */
    bool put(const BlobChunk& chunk, bool* complete, QString* error);

    /** A whole stored file (for bundles); nullopt when it is not here. */
    std::optional<BlobChunk> whole(const QString& sha256) const;
    /**
     * Stores a whole file that came in a bundle, if it is not here yet; refused (nothing stored)
     * when the bytes do not match the hash.
     */
    bool putWhole(const BlobChunk& file, QString* error);

    static bool isSha256(const QString& text);

private:
    QSqlDatabase m_db;
};

} // namespace oneseal::db
