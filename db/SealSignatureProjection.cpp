#include "SealSignatureProjection.h"

#include "core/CaseState.h"
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
    // Texts as given (admission checked who); never NULL, bounded.
    auto text = [&p](const QString& key, int max) {
        const QString v = p.value(key).toString().left(max);
        return v.isNull() ? QStringLiteral("") : v;
    };
    q.addBindValue(text(core::payload::certificateNo, 64));
    q.addBindValue(text(core::payload::documentHash, 128));
    q.addBindValue(text(QStringLiteral("seal_key_id"), 64));
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
