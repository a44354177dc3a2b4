#include "ShiftRepository.h"

#include "core/CaseState.h"

#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

namespace oneseal::db {

QList<core::PaperRange> ShiftRepository::ranges(const QString& operatorId) const
{
    QList<core::PaperRange> list;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT first_sheet, last_sheet FROM paper_stock WHERE user_id = ? AND kind = 'received' "
                             "ORDER BY first_sheet"));
    q.addBindValue(operatorId);
    if (q.exec())
        while (q.next())
            list << core::PaperRange { q.value(0).toLongLong(), q.value(1).toLongLong() };
    return list;
}

QList<core::PaperRange> ShiftRepository::allRanges() const
{
    QList<core::PaperRange> list;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT first_sheet, last_sheet FROM paper_stock WHERE kind = 'received' "
                              "ORDER BY first_sheet")))
        while (q.next())
            list << core::PaperRange { q.value(0).toLongLong(), q.value(1).toLongLong() };
    return list;
}

QStringList ShiftRepository::stockHolders() const
{
    QStringList ids;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT DISTINCT user_id FROM paper_stock ORDER BY user_id")))
        while (q.next())
            ids << q.value(0).toString();
    return ids;
}

QList<qint64> ShiftRepository::spoiledSheets(const QString& operatorId) const
{
    QList<qint64> list;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT first_sheet FROM paper_stock WHERE user_id = ? AND kind = 'spoiled' "
                             "ORDER BY first_sheet"));
    q.addBindValue(operatorId);
    if (q.exec())
        while (q.next())
            list << q.value(0).toLongLong();
    return list;
}

qint64 ShiftRepository::countEvents(const QString& workstation, const QStringList& kinds, qint64 afterSeq) const
{
    QSqlQuery q(m_db);
    QStringList marks;
    for (qsizetype i = 0; i < kinds.size(); ++i)
        marks << QStringLiteral("?");
    q.prepare(QStringLiteral("SELECT count(*) FROM events WHERE workstation = ? AND quarantine IS NULL AND seq > ? "
                             "AND kind IN (%1)")
                  .arg(marks.join(QLatin1Char(','))));
    q.addBindValue(workstation);
    q.addBindValue(afterSeq);
    for (const QString& k : kinds)
        q.addBindValue(k);
    return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

qint64 ShiftRepository::sheetsPrinted(const QString& operatorId) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM events WHERE user_id = ? AND quarantine IS NULL AND kind IN (?, ?)"));
    q.addBindValue(operatorId);
    q.addBindValue(core::eventkind::certificatePrinted);
    q.addBindValue(core::eventkind::certificateReprinted);
    return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

qint64 ShiftRepository::certificatesVoided(const QString& operatorId) const
{
    // A voided certificate's sheet is accounted to whoever printed it (the case's print by that operator).
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM events v WHERE v.kind = ? AND v.quarantine IS NULL AND EXISTS ("
                             "SELECT 1 FROM events p WHERE p.case_id = v.case_id AND p.kind = ? AND p.user_id = ? "
                             "AND p.quarantine IS NULL AND p.seq < v.seq)"));
    q.addBindValue(core::eventkind::certificateVoided);
    q.addBindValue(core::eventkind::certificatePrinted);
    q.addBindValue(operatorId);
    return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

ShiftFigures ShiftRepository::figures(const QString& workstation) const
{
    namespace k = core::eventkind;
    ShiftFigures f;
    qint64 since = 0;
    QSqlQuery last(m_db);
    last.prepare(
        QStringLiteral("SELECT e.seq, e.recorded_at FROM shift_handovers h JOIN events e ON e.uuid = h.event_uuid "
                       "WHERE h.workstation = ? ORDER BY e.seq DESC LIMIT 1"));
    last.addBindValue(workstation);
    if (last.exec() && last.next()) {
        since = last.value(0).toLongLong();
        f.since = QDateTime::fromString(last.value(1).toString(), Qt::ISODateWithMs);
    }
    f.casesAccepted = int(countEvents(workstation,
        { QStringLiteral("intake.accepted"), QStringLiteral("intake.accepted_deferred"),
            QStringLiteral("intake.accepted_commitment"), QStringLiteral("intake.completed_instantly") },
        since));
    f.certificatesIssued = int(countEvents(workstation, { k::certificateIssued }, since));
    f.certificatesPrinted = int(countEvents(workstation, { k::certificatePrinted }, since));
    f.certificatesReprinted = int(countEvents(workstation, { k::certificateReprinted }, since));
    f.certificatesVoided = int(countEvents(workstation, { k::certificateVoided }, since));
    f.sheetsSpoiled = int(countEvents(workstation, { k::paperSpoiled }, since));
    f.materialsCollected = int(countEvents(workstation, { k::materialSupplied }, since));
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT count(*) FROM cases WHERE status NOT IN ('completed', 'refused')")) && q.next())
        f.openCases = q.value(0).toInt();
    return f;
}

} // namespace oneseal::db
