#include "SealSignatureProjection.h"

#include "core/SealGrant.h"

#include <QCborMap>
#include <QCborValue>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace oneseal::db {

bool SealSignatureProjection::apply(const QSqlDatabase& db, const core::Event& event, QString* error)
{
    if (event.kind != core::SealGrant::signedKind())
        return true;
    const QCborMap p = QCborValue::fromCbor(event.payloadCbor).toMap();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO seal_signatures(event_uuid, case_id, certificate_no, document_hash, "
                             "seal_key_id, user_id, workstation, signed_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(event.id.toString(QUuid::WithoutBraces));
    q.addBindValue(event.caseId.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(event.caseId));
    q.addBindValue(p.value(QStringLiteral("certificate_no")).toString().left(64));
    q.addBindValue(p.value(QStringLiteral("document_hash")).toString().left(128));
    q.addBindValue(p.value(QStringLiteral("seal_key_id")).toString().left(64));
    q.addBindValue(event.userId);
    q.addBindValue(event.workstation);
    q.addBindValue(core::Event::timeText(event.recordedAt));
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace oneseal::db
