#include "BlobTransfer.h"

#include "Database.h"
#include "core/Crypto.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace oneseal::db {

namespace {
constexpr qint64 kMaxFileBytes = 64LL * 1024 * 1024; // larger than any attachment a service accepts

bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}
} // namespace

bool BlobTransfer::isSha256(const QString& text)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    return hex.match(text).hasMatch();
}

QStringList BlobTransfer::missing(const QStringList& sha256s) const
{
    QStringList result;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM attachment_blobs WHERE sha256 = ?"));
    for (const QString& sha : sha256s) {
        if (!isSha256(sha) || result.contains(sha))
            continue;
        q.addBindValue(sha);
        if (q.exec() && !q.next())
            result << sha;
        q.finish();
    }
    return result;
}

QStringList BlobTransfer::referencedButMissing(int limit) const
{
    QStringList result;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT DISTINCT a.sha256 FROM case_attachments a WHERE NOT EXISTS "
                             "(SELECT 1 FROM attachment_blobs b WHERE b.sha256 = a.sha256) ORDER BY a.sha256 LIMIT ?"));
    q.addBindValue(limit);
    if (q.exec())
        while (q.next())
            result << q.value(0).toString();
    return result;
}

QList<QPair<qint64, QString>> BlobTransfer::storedAfter(qint64 rowid, int limit) const
{
    QList<QPair<qint64, QString>> result;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT rowid, sha256 FROM attachment_blobs WHERE rowid > ? ORDER BY rowid LIMIT ?"));
    q.addBindValue(rowid);
    q.addBindValue(limit);
    if (q.exec())
        while (q.next())
            result.append({q.value(0).toLongLong(), q.value(1).toString()});
    return result;
}

std::optional<BlobChunk> BlobTransfer::chunk(const QString& sha256, qint64 offset, qint64 maxBytes) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // substr() on a BLOB counts bytes from 1: only the chunk leaves the database.
    q.prepare(QStringLiteral("SELECT mime, size, substr(data, ?, ?) FROM attachment_blobs WHERE sha256 = ?"));
    q.addBindValue(offset + 1);
    q.addBindValue(std::clamp<qint64>(maxBytes, 1, kChunkBytes * 4));
    q.addBindValue(sha256);
    if (offset < 0 || !q.exec() || !q.next())
        return std::nullopt;
    BlobChunk c{sha256, q.value(0).toString(), q.value(1).toLongLong(), offset, q.value(2).toByteArray()};
    if (offset > c.size)
        return std::nullopt;
    return c;
}

std::optional<BlobChunk> BlobTransfer::whole(const QString& sha256) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT mime, size, data FROM attachment_blobs WHERE sha256 = ?"));
    q.addBindValue(sha256);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return BlobChunk{sha256, q.value(0).toString(), q.value(1).toLongLong(), 0, q.value(2).toByteArray()};
}

bool BlobTransfer::putWhole(const BlobChunk& file, QString* error)
{
    if (!isSha256(file.sha256) || file.data.isEmpty() || file.data.size() > kMaxFileBytes || file.mime.isEmpty()
        || file.mime.size() > 100 || QString::fromLatin1(core::crypto::sha256(file.data).toHex()) != file.sha256)
        return fail(error, tr("An attached file in the bundle is damaged."));
    if (!missing({file.sha256}).contains(file.sha256))
        return true;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO attachment_blobs(sha256, mime, size, data) VALUES(?, ?, ?, ?)"));
    for (const QVariant& v : QVariantList{file.sha256, file.mime, qint64(file.data.size()), file.data})
        q.addBindValue(v);
    return q.exec() || fail(error, q.lastError().text());
}

qint64 BlobTransfer::received(const QString& sha256) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT size FROM attachment_blobs WHERE sha256 = ?"));
    q.addBindValue(sha256);
    if (q.exec() && q.next())
        return q.value(0).toLongLong();
    q.finish();
    q.prepare(QStringLiteral("SELECT coalesce(sum(length(data)), 0) FROM blob_parts WHERE sha256 = ?"));
    q.addBindValue(sha256);
    return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

bool BlobTransfer::put(const BlobChunk& chunk, bool* complete, QString* error)
{
    *complete = false;
    if (!isSha256(chunk.sha256) || chunk.size <= 0 || chunk.size > kMaxFileBytes || chunk.offset < 0
        || chunk.data.isEmpty() || chunk.data.size() > kChunkBytes * 4 || chunk.offset + chunk.data.size() > chunk.size
        || chunk.mime.isEmpty() || chunk.mime.size() > 100)
        return fail(error, tr("A piece of an attached file is malformed."));
    if (!missing({chunk.sha256}).contains(chunk.sha256)) {
        *complete = true; // here already: a repeated transfer changes nothing
        return true;
    }
    const qint64 have = received(chunk.sha256);
    if (chunk.offset != have)
        return fail(error, tr("A piece of file %1 arrived at byte %2; byte %3 was expected.")
                               .arg(chunk.sha256.left(12))
                               .arg(chunk.offset)
                               .arg(have));
    Transaction tx(m_db);
    if (!tx.isActive())
        return fail(error, tx.errorText());
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO blob_parts(sha256, mime, size, offset, data) VALUES(?, ?, ?, ?, ?)"));
    for (const QVariant& v : QVariantList{chunk.sha256, chunk.mime, chunk.size, chunk.offset, chunk.data})
        q.addBindValue(v);
    if (!q.exec())
        return fail(error, q.lastError().text());
    if (have + chunk.data.size() == chunk.size) {
        QByteArray whole;
        whole.reserve(chunk.size);
        q.prepare(QStringLiteral("SELECT data FROM blob_parts WHERE sha256 = ? ORDER BY offset"));
        q.addBindValue(chunk.sha256);
        if (!q.exec())
            return fail(error, q.lastError().text());
        while (q.next())
            whole += q.value(0).toByteArray();
        q.finish();
        q.prepare(QStringLiteral("DELETE FROM blob_parts WHERE sha256 = ?"));
        q.addBindValue(chunk.sha256);
        if (!q.exec())
            return fail(error, q.lastError().text());
        if (QString::fromLatin1(core::crypto::sha256(whole).toHex()) != chunk.sha256) {
            // Drop the parts: the file is fetched again from the start next time.
            if (!tx.commit(error))
                return false;
            return fail(error, tr("The attached file %1 arrived damaged; it will be fetched again.")
                                   .arg(chunk.sha256.left(12)));
        }
        q.prepare(QStringLiteral("INSERT INTO attachment_blobs(sha256, mime, size, data) VALUES(?, ?, ?, ?)"));
        for (const QVariant& v : QVariantList{chunk.sha256, chunk.mime, chunk.size, whole})
            q.addBindValue(v);
        if (!q.exec())
            return fail(error, q.lastError().text());
        *complete = true;
    }
    return tx.commit(error);
}

} // namespace oneseal::db
