#include "EventReader.h"

#include "SelectIn.h"
#include "SqlCipherDriver.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include <algorithm>
#include <memory>

#include <sqlite3.h>

namespace oneseal::db {

namespace {
bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}
} // namespace

QString EventReader::columns()
{
    return QStringLiteral(
        "seq, uuid, case_id, kind, payload, user_id, workstation, hlc, prev_hash, hash, recorded_at, server_seq, "
        "signature, key_id, quarantine");
}

QString EventReader::foldOrder()
{
    // Acknowledged events by server_seq, then the rest by HLC (readCaseEvents() sorts the same way).
    return QStringLiteral(" ORDER BY (server_seq IS NULL), server_seq, hlc, workstation, seq");
}

quint64 EventReader::maxHlc(const QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT max(hlc) FROM events")) && q.next())
        return quint64(q.value(0).toLongLong());
    return 0;
}

QList<core::Event> EventReader::caseEvents(const QSqlDatabase& db, const QString& caseId)
{
    QList<core::Event> events;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + columns() + QStringLiteral(" FROM events WHERE case_id = ? AND quarantine IS NULL")
              + foldOrder());
    q.addBindValue(caseId);
    if (!q.exec())
        return events;
    while (q.next())
        events.append(fromQuery(q));
    return events;
}

core::Event EventReader::fromQuery(const QSqlQuery& q)
{
    core::Event e;
    e.seq = q.value(0).toLongLong();
    e.id = QUuid::fromString(q.value(1).toString());
    e.caseId = q.value(2).toString();
    e.kind = q.value(3).toString();
    e.payloadCbor = q.value(4).toByteArray();
    e.userId = q.value(5).toString();
    e.workstation = q.value(6).toString();
    e.hlc = quint64(q.value(7).toLongLong());
    e.prevHash = q.value(8).toByteArray();
    e.hash = q.value(9).toByteArray();
    e.recordedAt = core::Event::timeFromText(q.value(10).toString());
    e.serverSeq = q.value(11).toLongLong();
    e.signature = q.value(12).toByteArray();
    e.keyId = q.value(13).toString();
    e.quarantine = q.value(14).toString();
    return e;
}

bool EventReader::readCaseEvents(const QSqlDatabase& db, const QStringList& caseIds,
                                QHash<QString, QList<core::Event>>* events, QString* error)
{
    const auto* driver = qobject_cast<const SqlCipherDriver*>(db.driver());
    sqlite3* handle = driver ? driver->connection() : nullptr;
    if (!handle)
        return fail(error, QCoreApplication::translate("EventStore", "The database is not open."));
    auto text = [](sqlite3_stmt* stmt, int column) {
        return QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, column)),
                                 sqlite3_column_bytes(stmt, column));
    };
    auto bytes = [](sqlite3_stmt* stmt, int column) {
        const void* data = sqlite3_column_blob(stmt, column);
        return data ? QByteArray(static_cast<const char*>(data), sqlite3_column_bytes(stmt, column)) : QByteArray();
    };
    const bool read = forEachInChunk(caseIds.size(), [&](qsizetype at, qsizetype n, qsizetype size) {
        // No ORDER BY: SQLite would copy every row, payload and all, into a sorter. Sorted below.
        const QByteArray sql = (QStringLiteral("SELECT ") + columns() + QStringLiteral(" FROM events WHERE case_id IN (")
                                + sqlPlaceholders(size) + QStringLiteral(") AND quarantine IS NULL"))
                                   .toUtf8();
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(handle, sql.constData(), int(sql.size()), &stmt, nullptr) != SQLITE_OK) {
            sqlite3_finalize(stmt);
            return fail(error, QString::fromUtf8(sqlite3_errmsg(handle)));
        }
        const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> finalize(stmt, sqlite3_finalize);
        QList<QByteArray> ids;
        for (qsizetype i = 0; i < size; ++i) {
            ids << caseIds.at(at + std::min(i, n - 1)).toUtf8();
            if (sqlite3_bind_text(stmt, int(i + 1), ids.last().constData(), int(ids.last().size()), SQLITE_STATIC)
                != SQLITE_OK)
                return fail(error, QString::fromUtf8(sqlite3_errmsg(handle)));
        }
        QString caseId;
        QList<core::Event>* list = nullptr;
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            core::Event e;
            e.seq = sqlite3_column_int64(stmt, 0);
            e.id = QUuid::fromString(QLatin1StringView(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)),
                                                       sqlite3_column_bytes(stmt, 1)));
            const QLatin1StringView rowCase(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 2)),
                                            sqlite3_column_bytes(stmt, 2));
            if (!list || caseId != rowCase) { // rows mostly come case by case
                caseId = text(stmt, 2);
                list = &(*events)[caseId];
            }
            e.caseId = caseId;
            e.kind = text(stmt, 3);
            e.payloadCbor = bytes(stmt, 4);
            e.userId = text(stmt, 5);
            e.workstation = text(stmt, 6);
            e.hlc = quint64(sqlite3_column_int64(stmt, 7));
            e.prevHash = bytes(stmt, 8);
            e.hash = bytes(stmt, 9);
            e.recordedAt = core::Event::timeFromText(text(stmt, 10));
            e.serverSeq = sqlite3_column_int64(stmt, 11);
            list->append(std::move(e));
        }
        return rc == SQLITE_DONE || fail(error, QString::fromUtf8(sqlite3_errmsg(handle)));
    });
    if (!read)
        return false;
    // Fold order (foldOrder()): acknowledged events by server_seq, then the others by HLC.
    for (const QString& id : caseIds) {
        const auto it = events->find(id);
        if (it == events->end())
            continue;
        std::sort(it->begin(), it->end(), [](const core::Event& a, const core::Event& b) {
            if ((a.serverSeq <= 0) != (b.serverSeq <= 0))
                return a.serverSeq > 0;
            if (a.serverSeq != b.serverSeq)
                return a.serverSeq < b.serverSeq;
            if (a.hlc != b.hlc)
                return a.hlc < b.hlc;
            if (a.workstation != b.workstation) // as SQLite compares text: by UTF-8 bytes
                return a.workstation.toUtf8() < b.workstation.toUtf8();
            return a.seq < b.seq;
        });
    }
    return true;
}

} // namespace oneseal::db
