#pragma once

#include "Session.h"
#include "core/EventAdmission.h"
#include "core/RoleChanges.h"
#include "core/SealGrant.h"

#include <QCoreApplication>

#include <optional>

namespace oneseal::services {

/** Whether a certificate serial is known here as voided, and why. */
struct VoidedCertificate
{
    bool voided = false;
    QString reason;  ///< the void reason from the case history, or "listed in the hall's list of ..."
    QString caseNo;  ///< the case it belongs to, when this workstation holds it
};

/** One of the hall's published seal keys, as the seal key dialog lists it. */
struct PublishedSealKey
{
    QString keyId;       ///< the id every QR code names (hex)
    QString fingerprint; ///< SHA-256 of the raw public key, hex in groups of four
    QDateTime since;     ///< its first grant here, else when the hub published it; invalid: unknown
    QByteArray publicPem;
};

/** One grant of the seal key, from its seal_key.granted to its seal_key.revoked (if any). */
struct SealGrantEntry
{
    QString username;
    QString displayName;
    core::Roles roles;
    QString sealKeyId;
    QDateTime grantedAt;
    QString grantedBy; ///< user name of the administrator (or HUB)
    QDateTime revokedAt; ///< invalid: in force
    QString revokedBy;
    QString reason;
};

/** A user of the hall's directory: who may sign what, with which keys, since when. */
struct DirectoryEntry
{
    QString username;
    QString displayName;
    core::Roles roles;
    bool enabled = true;
    QDateTime disabledAt; ///< when disabled (from the hub's decision or this workstation's)
    bool mustChange = false;
    bool holdsSeal = false; ///< a grant of the seal key in force now
    QList<core::DirectoryKey> keys; ///< signing keys, oldest first, with their validity
    QList<core::RoleChange> roleChanges; ///< changes of their roles, oldest first (docs/SECURITY.md)
};

/** What the seal key dialog shows (SealKeyService::overview()). */
struct SealKeyOverview
{
    QList<PublishedSealKey> keys;
    QList<SealGrantEntry> grants; ///< newest first
    QList<DirectoryEntry> users;  ///< by user name
};

/**
 * The hall's seal key (docs/SECURITY.md, "The seal key"). An administrator grants it to named users
 * (certificate operators, approvers, administrators who grant it on): the key is sealed to the
 * grantee's own signing key (core::SealGrant) in a signed seal_key.granted event, which travels with
 * the other events to the hub, every workstation and USB bundles; seal_key.revoked ends a grant. A
 * holder opens it only through Session::sealKey(), which checks the role and needs the holder's open
 * signing key (their password). A user whose grant was sealed to an older signing key re-seals it at
 * the password change (rewrapForNewKey()).
 */
class SealKeyService
{
    Q_DECLARE_TR_FUNCTIONS(SealKeyService)

public:
    explicit SealKeyService(Session& session) : m_session(session) {}

    /**
     * Grants the seal key this administrator holds to @p username (who must have logged in once, so
     * that their signing key is in the directory). Administrators only.
     */
    bool grant(const QString& username, QString* error);
    /**
     * As grant(), after the administrator's password again (the shared throttle guards it): what the
     * seal key dialog calls.
     */
    bool grant(const QString& username, const QString& adminPassword, QString* error);
    /**
     * Ends @p username's grant of every seal key, with @p reason (required, at most 500 characters,
     * recorded in seal_key.revoked). Administrators only.
     */
    bool revoke(const QString& username, const QString& reason, QString* error);

    /**
     * The hall's published seal keys, every grant and the user directory (users, roles, signing keys
     * with their validity, disabled since): supervisors and administrators. nullopt with @p error
     * when refused or unreadable.
     */
    std::optional<SealKeyOverview> overview(QString* error) const;
    /** Every public seal key this hall trusts, PEM, one block each (as seal-key export writes). */
    std::optional<QByteArray> publicKeysPem(QString* error) const;
    /** SHA-256 of a raw public key, upper-case hex in groups of four. */
    static QString fingerprint(const QByteArray& rawPublicKey);
    static constexpr int kMaxReasonLength = 500;

    /**
     * A database from before grants: its plain meta seal_private_key is sealed to every enabled
     * certificate operator with a signing key and to this administrator, then removed. Runs at an
     * administrator's login; returns false only on a storage error (nothing changed then).
     */
    bool upgradeLegacyKey(QString* error);

    /**
     * Inside the caller's transaction, with the user's current key still the store's signer: the
     * grants the user holds re-sealed to @p newKey (seal_key.rewrapped), so a password change keeps
     * the seal.
     */
    /** Seals the grants that `holder` (default: the session's signer) opens to newKey, each a signed event. */
    static bool rewrapForNewKey(Session& session, const core::SealKey& newKey, QString* error,
                                const core::SealKey* holder = nullptr);

    /** The signed list of the serials voided on this replica, signed with the holder's seal key. */
    std::optional<QByteArray> revokedList(QString* error);

    /**
     * Whether @p serial is voided: from this workstation's case history (a voided certificate, or one
     * replaced by a later number), else from @p list (the hall's published list) when given.
     */
    static VoidedCertificate voidedStatus(const QSqlDatabase& db, const QString& serial,
                                          const std::optional<core::RevokedList>& list = std::nullopt);
    /** The newest signed list of voided serials received as reference data, checked; nullopt when none. */
    static std::optional<core::RevokedList> receivedRevokedList(const QSqlDatabase& db,
                                                               const QList<core::SealKey>& trusted);
    /** The reference data kind of the signed list of voided serials. */
    static QString revokedReferenceKind() { return QStringLiteral("revoked_serials"); }

private:
    bool append(const QString& kind, const QCborMap& payload, QString* error);

    Session& m_session;
};

} // namespace oneseal::services
