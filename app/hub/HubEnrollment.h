#pragma once

#include "HubIdentity.h"
#include "db/hub/HubWorkstationRepository.h"
#include "core/Clock.h"

#include <QCoreApplication>

#include <optional>

namespace oneseal::db {
class Database;
}

namespace oneseal::sync {

/**
 * Which workstations the hub talks to: one-time enrollment codes, issuing a workstation's client
 * certificate from the hall's CA, revoking it, and authenticating a connection or a bundle by its
 * certificate. Its tables are HubWorkstationRepository's.
 */
class HubEnrollment
{
    Q_DECLARE_TR_FUNCTIONS(HubStore)

public:
    /** Lifetime of a workstation certificate. */
    static constexpr int kClientCertificateDays = 730;
    /** Meta key set by a rebuild that kept the CA: certificates the CA issued are taken as enrollments. */
    static constexpr const char* kAdoptMeta = "hub_adopt_certificates";
    /** By default a certificate is renewed only in its last this many days (the client asks from 60 days before). */
    static constexpr int kRenewWithinDays = 90;

    HubEnrollment(db::Database& database, const HubIdentity& identity, const QString& hubWorkstation,
                  const core::Clock& clock);

    /** A one-time enrollment code, valid for validHours; bound to one workstation id when given. */
    std::optional<QString> createCode(const QString& workstation, const QString& createdBy, int validHours,
                                      QString* error);
    /**
     * Enrolls a workstation that proved it holds an unspent code (Protocol::enrollProof over our
     * TLS certificate): issues its client certificate and spends the code.
     */
    /**
     * A new certificate for an authenticated workstation's new public key, issued like an
     * enrollment's (kClientCertificateDays), when its current certificate (currentDer) ends within
     * withinDays (kRenewWithinDays; the hub's setting renew_within_days); the current one is refused
     * from then on. Over the authenticated connection.
     */
    std::optional<QByteArray> renew(const QString& workstation, const QByteArray& currentDer,
                                    const QByteArray& publicKey, int withinDays, QString* error);
    std::optional<QByteArray> enroll(const QString& workstation, const QString& label, const QByteArray& publicKey,
                                     const QByteArray& proof, QString* code, QString* error);
    /** Refuses the workstation from now on (its certificate is revoked). */
    bool revoke(const QString& workstation, const QString& reason, QString* error);
    /** The workstation a client certificate belongs to, or nullopt with the reason it is refused. */
    std::optional<QString> authenticate(const QByteArray& certificateDer, QString* reason) const;
    /** Records that a workstation connected (last_seen_at). */
    void touch(const QString& workstation);

private:
    /** A client certificate for the workstation's public key from now on, with what the hub records of it. */
    std::optional<db::HubCertificate> issueClientCertificate(const QString& workstation, const QByteArray& publicKey,
                                                             QString* error) const;

    db::Database& m_database;
    const HubIdentity& m_identity;
    QString m_hubWorkstation;
    const core::Clock& m_clock;
};

} // namespace oneseal::sync
