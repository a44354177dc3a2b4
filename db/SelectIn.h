#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <algorithm>

namespace oneseal::db {

/** "?, ?, …": n placeholders for an IN list or VALUES. */
inline QString sqlPlaceholders(qsizetype n)
{
    QString list;
    list.reserve(n * 3);
    for (qsizetype i = 0; i < n; ++i)
        list += i ? QStringLiteral(", ?") : QStringLiteral("?");
    return list;
}

/**
 * Splits `count` ids into chunks for `IN (…)` lists of a few fixed sizes, so that the statements
 * stay prepared: calls chunk(at, n, size) where ids [at, at + n) are this chunk's and `size` is the
 * number of placeholders (ids past the end repeat the chunk's last id). Stops at the first false.
 */
template<typename Chunk>
bool forEachInChunk(qsizetype count, Chunk chunk)
{
    static constexpr qsizetype kSizes[] = {1, 8, 64, 400};
    for (qsizetype at = 0; at < count;) {
        const qsizetype left = count - at;
        qsizetype size = kSizes[std::size(kSizes) - 1];
        for (qsizetype s : kSizes)
            if (s >= left) {
                size = s;
                break;
            }
        const qsizetype n = std::min(size, left);
        if (!chunk(at, n, size))
            return false;
        at += n;
    }
    return true;
}

/**
 * Runs `select` (which ends in "IN (") followed by `tail` for the ids, a chunk at a time (see
 * forEachInChunk); `row` gets each result row.
 */
template<typename Row>
bool selectIn(const QSqlDatabase& db, const QString& select, const QString& tail, const QStringList& ids, Row row,
              QString* error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    return forEachInChunk(ids.size(), [&](qsizetype at, qsizetype n, qsizetype size) {
        q.prepare(select + sqlPlaceholders(size) + QStringLiteral(") ") + tail);
        for (qsizetype i = 0; i < size; ++i)
            q.addBindValue(ids.at(at + std::min(i, n - 1)));
        if (!q.exec()) {
            if (error)
                *error = q.lastError().text();
            return false;
        }
        while (q.next())
            row(q);
        q.finish();
        return true;
    });
}

} // namespace oneseal::db
