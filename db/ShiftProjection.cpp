#include "ShiftProjection.h"

#include "core/CaseState.h"
#include "core/CborInteger.h"
#include "core/PaperStock.h"

#include <QSqlError>
#include <QSqlQuery>

namespace oneseal::db {

bool ShiftProjection::apply(const QSqlDatabase& db, const core::Event& event, QString* error)
{
    namespace k = core::eventkind;
    namespace p = core::payload;
    if (event.kind != k::paperReceived && event.kind != k::paperSpoiled && event.kind != k::shiftHandover)
        return true;
    const QCborMap pl = event.payload();
    const QString at = event.recordedAt.toUTC().toString(Qt::ISODateWithMs);
    QSqlQuery q(db);
    QVariantList values;
    if (event.kind == k::shiftHandover) {
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO shift_handovers(event_uuid, workstation, recorded_at, "
                                 "outgoing_user, incoming_user, report_hash, mismatches) VALUES(?, ?, ?, ?, ?, ?, ?)"));
        values = { event.id.toString(QUuid::WithoutBraces), event.workstation, at, event.userId,
            pl.value(p::incomingUser).toString(), pl.value(p::documentHash).toString(),
            core::cborInteger(pl.value(p::report).toMap().value(QStringLiteral("mismatches"))) };
    } else {
        const bool received = event.kind == k::paperReceived;
        const qint64 first = core::cborInteger(pl.value(received ? p::firstSheet : p::sheet));
        const qint64 last = received ? core::cborInteger(pl.value(p::lastSheet)) : first;
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO paper_stock(event_uuid, workstation, kind, first_sheet, "
                                 "last_sheet, reason, user_id, recorded_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
        values = { event.id.toString(QUuid::WithoutBraces), event.workstation,
            received ? QStringLiteral("received") : QStringLiteral("spoiled"), first, last,
            pl.value(p::reasons).toString(), event.userId, at };
    }
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

} // namespace oneseal::db
