#pragma once

#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace oneseal::db {

/** A workstation enrolled at the hub (sync_workstations). */
struct HubWorkstation
{
    QString id;
    QString certSerial;
    QString certSha256;
    QByteArray certificate; ///< DER
    QByteArray chainHead;   ///< hash of the last event stored from it
    qint64 bundleCursor = 0;
    bool revoked = false;
    QString revokeReason;
    QString enrolledAt;
    QString lastSeenAt;
    QString revokedAt;
    qint64 eventsPushed = 0;
};

/** An enrollment code not spent yet (sync_enrollment_codes). */
struct HubEnrollmentCode
{
    QString code;
    QString workstation; ///< empty: any workstation may use it
};

/** The certificate the workstation received at enrollment. */
struct HubCertificate
{
    QString serial;
    QString sha256;
    QString expires;
    QByteArray der;
};

/**
 * The hub's workstations: enrollment codes, enrolled workstations with their certificates, hash
 * chain heads and bundle cursors, and revoked certificates (sync_enrollment_codes, sync_workstations,
 * sync_revocations). Times are ISO 8601 text in UTC.
 */
class HubWorkstationRepository
{
public:
    explicit HubWorkstationRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    bool addCode(const QString& code, const QString& workstation, const QString& createdBy, const QString& createdAt,
                 const QString& expiresAt, QString* error);
    /** Codes not spent and not expired at now; nullopt with *error on a read error. */
    std::optional<QList<HubEnrollmentCode>> unspentCodes(const QString& now, QString* error) const;
    /** Spends a code; false when it was spent already (*error empty) or on an error. */
    bool spendCode(const QString& code, const QString& workstation, const QString& at, QString* error);

    /** The workstation; nullopt when it is not enrolled (*error empty) or on a read error. */
    std::optional<HubWorkstation> byId(const QString& workstation, QString* error) const;
    /** Every workstation ever enrolled, by id. */
    QList<HubWorkstation> all() const;
    /** Records a (re-)enrollment with its new certificate; known: the workstation was enrolled before. */
    /** Gives an enrolled workstation its renewed certificate (the previous one is refused from then on). */
    bool replaceCertificate(const QString& workstation, const HubCertificate& certificate, QString* error);
    bool enroll(const QString& workstation, const QString& label, const HubCertificate& certificate,
                const QString& at, bool known, QString* error);
    /** Revokes the workstation and its certificate. */
    bool revoke(const QString& workstation, const QString& certSerial, const QString& at, const QString& reason,
                QString* error);
    /** The workstation and reason of a revoked certificate serial, if it is revoked. */
    std::optional<QPair<QString, QString>> revocation(const QString& certSerial) const;
    /** last_seen_at. */
    void touch(const QString& workstation, const QString& at);
    /** After a push: the new head of its hash chain and how many events came. */
    bool advanceChain(const QString& workstation, const QByteArray& head, qint64 events, const QString& at,
                      QString* error);
    /** After a bundle import: the cursor the workstation reported (never moves back). */
    bool raiseBundleCursor(const QString& workstation, qint64 cursor, QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace oneseal::db
