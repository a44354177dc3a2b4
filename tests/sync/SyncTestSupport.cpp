#include "SyncTestSupport.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>
#include <QVariant>

namespace oneseal::test {

/** Text of every row of the projection tables, sorted, hashed: equal on replicas that agree. */
QString projectionHash(const QSqlDatabase& db)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const char* table : {"case_summary", "cases", "case_materials", "case_attachments", "applicants", "case_conflicts"}) {
        QStringList rows;
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT * FROM %1").arg(QLatin1String(table))))
            return QStringLiteral("error");
        while (q.next()) {
            QStringList cells;
            for (int i = 0; i < q.record().count(); ++i) {
                const QVariant v = q.value(i);
                cells << (v.isNull() ? QStringLiteral("\u2205")
                                     : v.typeId() == QMetaType::QByteArray ? QString::fromLatin1(v.toByteArray().toHex())
                                                                            : v.toString());
            }
            rows << cells.join(QLatin1Char('\x1f'));
        }
        rows.sort();
        h.addData(QByteArray(table));
        h.addData(rows.join(QLatin1Char('\x1e')).toUtf8());
    }
    return QString::fromLatin1(h.result().toHex());
}

QString syncSummary(const QSqlDatabase& db)
{
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT count(*), count(DISTINCT uuid), sum(server_seq IS NULL), count(DISTINCT server_seq) FROM events"));
    q.next();
    const qint64 events = q.value(0).toLongLong();
    const qint64 distinct = q.value(1).toLongLong();
    const qint64 unsent = q.value(2).toLongLong();
    const qint64 seqs = q.value(3).toLongLong();
    QCryptographicHash h(QCryptographicHash::Sha256);
    q.exec(QStringLiteral("SELECT uuid, server_seq FROM events WHERE server_seq IS NOT NULL ORDER BY server_seq"));
    while (q.next())
        h.addData((q.value(0).toString() + QLatin1Char('@') + q.value(1).toString() + QLatin1Char(';')).toLatin1());
    q.exec(QStringLiteral("SELECT count(*) FROM case_conflicts WHERE resolved = 0"));
    q.next();
    const qint64 open = q.value(0).toLongLong();
    return QStringLiteral("events=%1 distinct=%2 unsent=%3 seqs=%4 conflicts=%5 log=%6 projections=%7")
        .arg(events)
        .arg(distinct)
        .arg(unsent)
        .arg(seqs)
        .arg(open)
        .arg(QString::fromLatin1(h.result().toHex()), projectionHash(db));
}


QString quarantineSummary(const QSqlDatabase& db)
{
    QSqlQuery q(db);
    QStringList lines;
    q.exec(QStringLiteral("SELECT kind, workstation, quarantine FROM events WHERE quarantine IS NOT NULL ORDER BY seq"));
    while (q.next())
        lines << q.value(0).toString() + QLatin1Char('/') + q.value(1).toString() + QStringLiteral(": ")
                + q.value(2).toString();
    return QStringLiteral("count=%1\n").arg(lines.size()) + lines.join(QLatin1Char('\n'));
}

} // namespace oneseal::test
