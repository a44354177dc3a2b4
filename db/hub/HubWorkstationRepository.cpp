#include "HubWorkstationRepository.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace oneseal::db {

namespace {
bool run(QSqlQuery& q, QString* error)
{
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}
const QString kSelect = QStringLiteral(
    "SELECT workstation_id, cert_serial, cert_sha256, certificate, chain_head, bundle_cursor, revoked_at, "
    "revoke_reason, enrolled_at, last_seen_at, events_pushed FROM sync_workstations");

HubWorkstation fromRow(const QSqlQuery& q)
{
    HubWorkstation w;
    w.id = q.value(0).toString();
    w.certSerial = q.value(1).toString();
    w.certSha256 = q.value(2).toString();
    w.certificate = q.value(3).toByteArray();
    w.chainHead = q.value(4).toByteArray();
    w.bundleCursor = q.value(5).toLongLong();
    w.revoked = !q.value(6).isNull();
    w.revokedAt = q.value(6).toString();
    w.revokeReason = q.value(7).toString();
    w.enrolledAt = q.value(8).toString();
    w.lastSeenAt = q.value(9).toString();
    w.eventsPushed = q.value(10).toLongLong();
    return w;
}
} // namespace

bool HubWorkstationRepository::addCode(const QString& code, const QString& workstation, const QString& createdBy,
                                       const QString& createdAt, const QString& expiresAt, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO sync_enrollment_codes(code, workstation_id, created_by, created_at, "
                             "expires_at) VALUES(?, ?, ?, ?, ?)"));
    q.addBindValue(code);
    q.addBindValue(workstation.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(workstation));
    q.addBindValue(createdBy);
    q.addBindValue(createdAt);
    q.addBindValue(expiresAt);
    return run(q, error);
}

std::optional<QList<HubEnrollmentCode>> HubWorkstationRepository::unspentCodes(const QString& now,
                                                                               QString* error) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT code, workstation_id FROM sync_enrollment_codes WHERE used_at IS NULL AND "
                             "expires_at > ?"));
    q.addBindValue(now);
    if (!run(q, error))
        return std::nullopt;
    QList<HubEnrollmentCode> codes;
    while (q.next())
        codes.append({q.value(0).toString(), q.value(1).toString()});
    return codes;
}

bool HubWorkstationRepository::spendCode(const QString& code, const QString& workstation, const QString& at,
                                         QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE sync_enrollment_codes SET used_at = ?, used_by = ? WHERE code = ? AND used_at IS NULL"));
    q.addBindValue(at);
    q.addBindValue(workstation);
    q.addBindValue(code);
    return run(q, error) && q.numRowsAffected() == 1;
}

std::optional<HubWorkstation> HubWorkstationRepository::byId(const QString& workstation, QString* error) const
{
    QSqlQuery q(m_db);
    q.prepare(kSelect + QStringLiteral(" WHERE workstation_id = ?"));
    q.addBindValue(workstation);
    if (!run(q, error) || !q.next())
        return std::nullopt;
    return fromRow(q);
}

QList<HubWorkstation> HubWorkstationRepository::all() const
{
    QList<HubWorkstation> list;
    QSqlQuery q(m_db);
    if (q.exec(kSelect + QStringLiteral(" ORDER BY workstation_id")))
        while (q.next())
            list << fromRow(q);
    return list;
}

bool HubWorkstationRepository::enroll(const QString& workstation, const QString& label,
                                      const HubCertificate& certificate, const QString& at, bool known, QString* error)
{
    QSqlQuery q(m_db);
    if (known) {
        q.prepare(QStringLiteral("UPDATE sync_workstations SET label = ?, cert_serial = ?, cert_sha256 = ?, "
                                 "cert_expires = ?, certificate = ?, enrolled_at = ?, revoked_at = NULL, "
                                 "revoke_reason = NULL WHERE workstation_id = ?"));
    } else {
        q.prepare(QStringLiteral("INSERT INTO sync_workstations(label, cert_serial, cert_sha256, cert_expires, "
                                 "certificate, enrolled_at, workstation_id) VALUES(?, ?, ?, ?, ?, ?, ?)"));
    }
    q.addBindValue(label.left(200));
    q.addBindValue(certificate.serial);
    q.addBindValue(certificate.sha256);
    q.addBindValue(certificate.expires);
    q.addBindValue(certificate.der);
    q.addBindValue(at);
    q.addBindValue(workstation);
    return run(q, error);
}

bool HubWorkstationRepository::replaceCertificate(const QString& workstation, const HubCertificate& certificate,
                                                  QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE sync_workstations SET cert_serial = ?, cert_sha256 = ?, cert_expires = ?, "
                             "certificate = ? WHERE workstation_id = ? AND revoked_at IS NULL"));
    q.addBindValue(certificate.serial);
    q.addBindValue(certificate.sha256);
    q.addBindValue(certificate.expires);
    q.addBindValue(certificate.der);
    q.addBindValue(workstation);
    return run(q, error);
}

bool HubWorkstationRepository::revoke(const QString& workstation, const QString& certSerial, const QString& at,
                                      const QString& reason, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE sync_workstations SET revoked_at = ?, revoke_reason = ? WHERE workstation_id = ?"));
    q.addBindValue(at);
    q.addBindValue(reason);
    q.addBindValue(workstation);
    if (!run(q, error))
        return false;
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO sync_revocations(cert_serial, workstation_id, revoked_at, reason) "
                             "VALUES(?, ?, ?, ?)"));
    q.addBindValue(certSerial);
    q.addBindValue(workstation);
    q.addBindValue(at);
    q.addBindValue(reason);
    return run(q, error);
}

std::optional<QPair<QString, QString>> HubWorkstationRepository::revocation(const QString& certSerial) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT workstation_id, reason FROM sync_revocations WHERE cert_serial = ?"));
    q.addBindValue(certSerial);
    if (q.exec() && q.next())
        return QPair<QString, QString>{q.value(0).toString(), q.value(1).toString()};
    return std::nullopt;
}

void HubWorkstationRepository::touch(const QString& workstation, const QString& at)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE sync_workstations SET last_seen_at = ? WHERE workstation_id = ?"));
    q.addBindValue(at);
    q.addBindValue(workstation);
    q.exec();
}

bool HubWorkstationRepository::advanceChain(const QString& workstation, const QByteArray& head, qint64 events,
                                            const QString& at, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE sync_workstations SET chain_head = ?, events_pushed = events_pushed + ?, "
                             "last_seen_at = ? WHERE workstation_id = ?"));
    q.addBindValue(head);
    q.addBindValue(events);
    q.addBindValue(at);
    q.addBindValue(workstation);
    return run(q, error);
}

bool HubWorkstationRepository::raiseBundleCursor(const QString& workstation, qint64 cursor, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE sync_workstations SET bundle_cursor = max(bundle_cursor, ?) WHERE workstation_id = ?"));
    q.addBindValue(cursor);
    q.addBindValue(workstation);
    return run(q, error);
}

} // namespace oneseal::db
