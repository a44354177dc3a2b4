#include "HubRebuildRepository.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace oneseal::db {

namespace {
QStringList columns(const QSqlDatabase& db, const QString& table)
{
    QStringList names;
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table)))
        while (q.next())
            names << q.value(1).toString();
    return names;
}
} // namespace

QStringList HubRebuildRepository::copiedTables()
{
    // Users and the user directory, reference data (seal keys, calendars, templates, user snapshots)
    // and attached files. Catalogs are imported through CatalogRepository, events through the hub's log.
    return {QStringLiteral("users"), QStringLiteral("sync_reference"), QStringLiteral("attachment_blobs")};
}

std::optional<qint64> HubRebuildRepository::copyTable(const QSqlDatabase& source, const QSqlDatabase& target,
                                                      const QString& table, QString* error)
{
    const QStringList there = columns(target, table);
    QStringList shared;
    for (const QString& c : columns(source, table))
        if (there.contains(c))
            shared << c;
    if (shared.isEmpty()) {
        if (error)
            *error = QStringLiteral("table %1 is missing").arg(table);
        return std::nullopt;
    }
    const QString list = shared.join(QLatin1String(", "));
    QSqlQuery read(source);
    read.setForwardOnly(true);
    if (!read.exec(QStringLiteral("SELECT %1 FROM %2").arg(list, table))) {
        if (error)
            *error = read.lastError().text();
        return std::nullopt;
    }
    QStringList marks;
    for (qsizetype i = 0; i < shared.size(); ++i)
        marks << QStringLiteral("?");
    QSqlQuery write(target);
    if (!write.prepare(QStringLiteral("INSERT OR IGNORE INTO %1(%2) VALUES(%3)").arg(table, list, marks.join(QLatin1Char(','))))) {
        if (error)
            *error = write.lastError().text();
        return std::nullopt;
    }
    qint64 copied = 0;
    while (read.next()) {
        for (int i = 0; i < shared.size(); ++i)
            write.bindValue(i, read.value(i));
        if (!write.exec()) {
            if (error)
                *error = write.lastError().text();
            return std::nullopt;
        }
        copied += write.numRowsAffected() > 0 ? 1 : 0;
    }
    return copied;
}

QHash<QString, qint64> HubRebuildRepository::highestHeld(const QSqlDatabase& replica)
{
    QHash<QString, qint64> held;
    QSqlQuery q(replica);
    if (q.exec(QStringLiteral("SELECT kind, max(block_end) FROM number_blocks GROUP BY kind")))
        while (q.next())
            held.insert(q.value(0).toString(), q.value(1).toLongLong());
    return held;
}

QByteArray HubRebuildRepository::clientState(const QSqlDatabase& replica, const QString& name)
{
    QSqlQuery q(replica);
    q.prepare(QStringLiteral("SELECT value FROM sync_client_state WHERE name = ?"));
    q.addBindValue(name);
    return q.exec() && q.next() ? q.value(0).toByteArray() : QByteArray();
}

QStringList HubRebuildRepository::workstationsOfEvents(const QSqlDatabase& db)
{
    QStringList names;
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT DISTINCT workstation FROM events ORDER BY workstation")))
        while (q.next())
            names << q.value(0).toString();
    return names;
}

} // namespace oneseal::db
