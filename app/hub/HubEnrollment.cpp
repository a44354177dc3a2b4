#include "HubEnrollment.h"
#include "core/Failed.h"

#include "core/Crypto.h"
#include "db/Database.h"
#include "db/hub/HubWorkstationRepository.h"
#include "protocol/Pki.h"
#include "protocol/Protocol.h"

#include <QRegularExpression>

namespace oneseal::sync {

namespace {

using core::failed;

bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}

QString isoNow(const core::Clock& clock)
{
    return clock.now().toUTC().toString(Qt::ISODate);
}
} // namespace

HubEnrollment::HubEnrollment(db::Database& database, const HubIdentity& identity, const QString& hubWorkstation,
                             const core::Clock& clock)
    : m_database(database)
    , m_identity(identity)
    , m_hubWorkstation(hubWorkstation)
    , m_clock(clock)
{
}

std::optional<QString> HubEnrollment::createCode(const QString& workstation, const QString& createdBy, int validHours,
                                                 QString* error)
{
    if (validHours < 1 || validHours > 24 * 30)
        return failed<QString>(error, tr("A code is valid for 1 hour to 30 days."));
    if (!workstation.isEmpty() && (workstation.size() > 64 || workstation == m_hubWorkstation))
        return failed<QString>(error, tr("The workstation name %1 cannot be used.").arg(workstation));
    const QString code = Protocol::newCode();
    const QDateTime now = m_clock.now().toUTC();
    if (!db::HubWorkstationRepository(m_database.sql())
             .addCode(Protocol::normalizeCode(code), workstation, createdBy, now.toString(Qt::ISODate),
                      now.addSecs(qint64(validHours) * 3600).toString(Qt::ISODate), error))
        return std::nullopt;
    return code;
}

std::optional<QByteArray> HubEnrollment::enroll(const QString& workstation, const QString& label,
                                                const QByteArray& publicKey, const QByteArray& proof, QString* code,
                                                QString* error)
{
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (!namePattern.match(workstation).hasMatch() || workstation == m_hubWorkstation)
        return failed<QByteArray>(error, tr("The workstation name %1 cannot be used.").arg(workstation.left(64)));
    const QString now = isoNow(m_clock);
    const QSqlDatabase sql = m_database.sql();
    db::Transaction tx(sql);
    if (!tx.isActive())
        return failed<QByteArray>(error, tx.errorText());
    db::HubWorkstationRepository workstations(sql);
    const auto codes = workstations.unspentCodes(now, error);
    if (!codes)
        return std::nullopt;
    QString matched;
    QString boundTo;
    for (const db::HubEnrollmentCode& candidate : *codes) {
        if (core::crypto::constantTimeEquals(
                Protocol::enrollProof(candidate.code, workstation, publicKey, m_identity.tlsCertificate), proof)) {
            matched = candidate.code;
            boundTo = candidate.workstation;
        }
    }
    if (matched.isEmpty())
        return failed<QByteArray>(error, tr("No valid enrollment code matches (wrong, used or expired code, or the "
                                            "connection was intercepted)."));
    if (!boundTo.isEmpty() && boundTo != workstation)
        return failed<QByteArray>(error, tr("This code is for workstation %1, not %2.").arg(boundTo, workstation));
    QString why;
    const auto before = workstations.byId(workstation, &why);
    if (!why.isEmpty())
        return failed<QByteArray>(error, why);
    if (before && !before->revoked)
        return failed<QByteArray>(
            error, tr("Workstation %1 is enrolled already; revoke it first to enroll it again.").arg(workstation));
    const auto issued = issueClientCertificate(workstation, publicKey, error);
    if (!issued)
        return std::nullopt;
    const QByteArray cert = issued->der;
    if (!workstations.enroll(workstation, label, *issued, now, before.has_value(), error))
        return std::nullopt;
    if (!workstations.spendCode(matched, workstation, now, error) || !tx.commit(error)) {
        if (error && error->isEmpty())
            *error = tr("The code was spent at the same moment by another workstation.");
        return std::nullopt;
    }
    if (code)
        *code = matched;
    return cert;
}

std::optional<db::HubCertificate> HubEnrollment::issueClientCertificate(const QString& workstation,
                                                                       const QByteArray& publicKey, QString* error) const
{
    const QDateTime start = m_clock.now().toUTC();
    const QByteArray cert =
        Pki::issueCertificate(m_identity.caKey, m_identity.caCertificate, publicKey, workstation, start.addSecs(-300),
                              start.addDays(kClientCertificateDays), false, {}, error);
    const auto info = Pki::inspect(cert);
    if (cert.isEmpty() || !info)
        return std::nullopt;
    return db::HubCertificate{info->serial, QString::fromLatin1(core::crypto::sha256(cert).toHex()),
                              info->notAfter.toString(Qt::ISODate), cert};
}

std::optional<QByteArray> HubEnrollment::renew(const QString& workstation, const QByteArray& currentDer,
                                               const QByteArray& publicKey, int withinDays, QString* error)
{
    const auto current = Pki::inspect(currentDer);
    const QDateTime start = m_clock.now().toUTC();
    if (!current || current->commonName != workstation)
        return failed<QByteArray>(error, tr("The certificate to renew is not this workstation's."));
    if (current->notAfter > start.addDays(withinDays))
        return failed<QByteArray>(error, tr("The certificate of workstation %1 is valid until %2; it is renewed only "
                                            "in its last %3 days.")
                                             .arg(workstation, current->notAfter.toString(Qt::ISODate))
                                             .arg(withinDays));
    if (publicKey.isEmpty() || publicKey.size() > 1024 || publicKey == current->publicKey)
        return failed<QByteArray>(error, tr("A renewal needs a new public key."));
    const QSqlDatabase sql = m_database.sql();
    db::Transaction tx(sql);
    if (!tx.isActive())
        return failed<QByteArray>(error, tx.errorText());
    const auto issued = issueClientCertificate(workstation, publicKey, error);
    if (!issued)
        return std::nullopt;
    const QByteArray cert = issued->der;
    if (!db::HubWorkstationRepository(sql).replaceCertificate(workstation, *issued, error) || !tx.commit(error))
        return std::nullopt;
    return cert;
}

bool HubEnrollment::revoke(const QString& workstation, const QString& reason, QString* error)
{
    const QSqlDatabase sql = m_database.sql();
    db::Transaction tx(sql);
    if (!tx.isActive())
        return fail(error, tx.errorText());
    db::HubWorkstationRepository workstations(sql);
    QString why;
    const auto enrolled = workstations.byId(workstation, &why);
    if (!enrolled)
        return fail(error, why.isEmpty() ? tr("No workstation %1 is enrolled at this hub.").arg(workstation) : why);
    if (enrolled->revoked)
        return fail(error, tr("Workstation %1 is revoked already.").arg(workstation));
    const QString because = reason.trimmed().isEmpty() ? tr("revoked by the administrator") : reason.trimmed();
    return workstations.revoke(workstation, enrolled->certSerial, isoNow(m_clock), because, error) && tx.commit(error);
}

std::optional<QString> HubEnrollment::authenticate(const QByteArray& certificateDer, QString* reason) const
{
    if (!Pki::verifyIssuedBy(certificateDer, m_identity.caCertificate, m_clock.now().toUTC(), reason))
        return std::nullopt;
    const auto info = Pki::inspect(certificateDer);
    if (!info || info->isCa)
        return failed<QString>(reason, tr("The certificate is not a workstation's."));
    const db::HubWorkstationRepository workstations(m_database.sql());
    if (const auto revoked = workstations.revocation(info->serial))
        return failed<QString>(reason, tr("The certificate of workstation %1 was revoked: %2")
                                           .arg(revoked->first, revoked->second));
    auto enrolled = workstations.byId(info->commonName, nullptr);
    if (!enrolled && m_database.meta(QLatin1String(kAdoptMeta)) == QLatin1String("1")) {
        // A hub rebuilt with its certificate authority kept (docs/OPERATIONS.md, "Rebuild") has lost its
        // list of workstations, not the CA: a certificate the CA issued, within its dates and not revoked,
        // is taken as the workstation's enrollment the first time it is shown.
        QString why;
        const db::HubCertificate adopted{info->serial, QString::fromLatin1(core::crypto::sha256(certificateDer).toHex()),
                                         info->notAfter.toString(Qt::ISODate), certificateDer};
        if (info->commonName == m_hubWorkstation
            || !db::HubWorkstationRepository(m_database.sql())
                    .enroll(info->commonName, tr("adopted after a rebuild"), adopted, isoNow(m_clock), false, &why))
            return failed<QString>(reason, tr("Workstation %1 could not be taken over after the rebuild: %2")
                                               .arg(info->commonName, why));
        enrolled = workstations.byId(info->commonName, nullptr);
    }
    if (!enrolled)
        return failed<QString>(reason, tr("Workstation %1 is not enrolled at this hub.").arg(info->commonName));
    if (enrolled->revoked)
        return failed<QString>(reason,
                               tr("Workstation %1 was revoked: %2").arg(info->commonName, enrolled->revokeReason));
    if (enrolled->certSha256 != QString::fromLatin1(core::crypto::sha256(certificateDer).toHex()))
        return failed<QString>(reason, tr("The certificate of workstation %1 was replaced by a newer one.")
                                           .arg(info->commonName));
    return info->commonName;
}

void HubEnrollment::touch(const QString& workstation)
{
    db::HubWorkstationRepository(m_database.sql()).touch(workstation, isoNow(m_clock));
}

} // namespace oneseal::sync
