#pragma once

#include <QCoreApplication>

#include "ChainCheckpoint.h"
#include "Event.h"
#include "Role.h"
#include "SealGrant.h"
#include "SealKey.h"
#include "Separation.h"

#include <QDateTime>
#include <limits>
#include <optional>

namespace oneseal::core {

/** One entry of the hall's user directory: a user's public signing key and when it may sign. */
struct DirectoryKey
{
    QString keyId;        ///< SealKey::keyIdOf(publicKey)
    QString userId;
    QByteArray publicKey; ///< raw Ed25519 public key
    QDateTime validFrom;
    QDateTime validUntil; ///< invalid: still valid
    bool validAt(const QDateTime& at) const
    {
        return at >= validFrom && (!validUntil.isValid() || at < validUntil);
    }
};

/** A user as the rules see them: roles, and since when they are disabled (invalid: enabled). */
struct DirectoryUser
{
    QString id;
    Roles roles;
    QDateTime disabledAt;
};

/**
 * What the rules read at a replica: the user directory and, for the separations, who accepted a
 * case. Implemented over the database by db::EventDirectory (workstations and the hub alike).
 */
class EventDirectory
{
public:
    virtual ~EventDirectory() = default;
    virtual std::optional<DirectoryKey> key(const QString& keyId) const = 0;
    /** The user's key valid at @p at, if any. */
    virtual std::optional<DirectoryKey> keyOfUserAt(const QString& userId, const QDateTime& at) const = 0;
    virtual std::optional<DirectoryUser> user(const QString& userId) const = 0;
    /**
     * The roles the user held at @p at (core::RoleChanges: the admitted user.roles_changed events);
     * the default, and a user whose roles never changed: their roles now.
     */
    virtual Roles rolesAt(const QString& userId, const QDateTime& at) const
    {
        Q_UNUSED(at);
        const auto u = user(userId);
        return u ? u->roles : Roles();
    }
    /** The user id of the admitted intake event of the case; empty when none. */
    virtual QString acceptorOf(const QString& caseId) const = 0;
    /** The user's grant of the seal key @p sealKeyId in force at @p at, if any (docs/SECURITY.md). */
    virtual std::optional<SealGrantRecord> sealGrantAt(const QString& userId, const QString& sealKeyId,
                                                       const QDateTime& at) const
    {
        Q_UNUSED(userId);
        Q_UNUSED(sealKeyId);
        Q_UNUSED(at);
        return std::nullopt;
    }
    /**
     * The user's auth key (core::PasswordAuth text) as the admitted events establish it: the one of
     * their user.created, then of each admitted user.password_changed whose proof verifies. A first
     * signing key must be proved by it; empty (the default, and a user made before it was recorded):
     * no proof is asked.
     */
    virtual QString authKeyOf(const QString& userId) const
    {
        Q_UNUSED(userId);
        return QString();
    }
    /**
     * Whether the hall requires every first signing key to be proved by the user's password, also for
     * users whose auth key the events do not name (an admitted hall.first_key_proof_required of the
     * hub). Default: no.
     */
    virtual bool firstKeyProofRequired() const { return false; }
    /**
     * Whether the hall's users are a hub's (an admitted event of the hub is known here): then a
     * password reset is the hub's alone. A hall without a hub has its administrator as the
     * directory's authority, whose signed user.password_reset counts. Default: a hub's hall.
     */
    virtual bool hubHall() const { return true; }
    /**
     * Who took which step of the case in its admitted events (core::Separation). The default knows
     * only the acceptor.
     */
    virtual CaseHands handsOf(const QString& caseId) const
    {
        CaseHands hands;
        hands.add(Hand::Accept, acceptorOf(caseId));
        return hands;
    }
    /**
     * The hall's relaxation of the separations in force for an event of hybrid logical clock \a hlc:
     * the admitted hall.separation_relaxed with the greatest clock not above it. The default: none.
     */
    virtual SeparationPolicy separationPolicyAt(quint64 hlc) const
    {
        Q_UNUSED(hlc);
        return {};
    }
    /**
     * The newest hub-signed checkpoint of the workstation's chain numbered before @p serverSeq
     * (core::ChainCheckpoint), if any: the event numbered serverSeq was written after it. Default: none.
     */
    virtual std::optional<ChainCheckpoint> checkpointBefore(const QString& workstation, qint64 serverSeq) const
    {
        Q_UNUSED(workstation);
        Q_UNUSED(serverSeq);
        return std::nullopt;
    }
};

/**
 * The one place that says whether an event from elsewhere counts, checked by the hub on every push
 * and by every workstation on every pull or bundle import (never trusting the sender's client): a
 * valid Ed25519 signature by a key of the hall's directory that belongs to the event's author and
 * was valid when the event was recorded; an author who existed, was enabled and holds a role that
 * may make this kind of event; and the separations (core::Separation: accept, review, inspect,
 * decide and seal, issue are different people on one case, except pairs the hall relaxed, and every
 * inspector a visit names is free of the other steps); a hall.separation_relaxed is an
 * administrator's, names valid pairs and gives reasons; a certificate signature (certificate.signed) only by a
 * holder of a grant of that seal key at the time. check() returns the reason of a refusal, empty when the
 * event is admitted.
 *
 * Events of the hub itself (workstation kHubWorkstation: users it created) are the authority's and
 * admitted. Unsigned events are "unsigned legacy" and admitted only up to the hall's legacy point
 * (an HLC, set by the migration that introduced signing).
 */
class EventAdmission
{
    Q_DECLARE_TR_FUNCTIONS(EventAdmission)

public:
    /**
     * signatureVerified: the caller already checked the signature against the directory's key of
     * event.keyId (db::UserDirectory::admit checks a batch's signatures on several cores first).
     */
    static QString check(const Event& event, const EventDirectory& directory, quint64 legacyHlc,
                         bool signatureVerified = false);

    /**
     * The payload's shape for its kind (empty when well formed): a CBOR map of bounded size, depth,
     * counts and text lengths; a case for every case step; the fields each kind's projection reads,
     * of the right type (a date, a SHA-256, a password hash of acceptable cost, ...). A well-signed
     * but malformed event is quarantined with this reason instead of reaching a projection.
     */
    static QString checkShape(const Event& event);
    /** Largest payload an event may carry, in bytes of CBOR. */
    static constexpr qsizetype kMaxPayloadBytes = 64 * 1024;

    /** Signs the event (its hash must be set) with the author's key. */
    static void sign(Event& event, const SealKey& key);
    /** Whether the event's signature is valid for this raw Ed25519 public key. */
    static bool verify(const Event& event, const QByteArray& publicKey);

    /** The permission the kind of event needs; nullopt for kinds any enabled user may write. */
    static std::optional<Action> actionForKind(const QString& kind);
    /** Whether the acceptor of a case may not write this kind on it (the four separations). */
    static bool separatedFromAcceptor(const QString& kind);
    /** Whether this kind is the acceptance of a case (its writer is the acceptor). */
    static bool isAcceptance(const QString& kind);

    /** A new signing key of a user (payload: user_id, key_id, public_key, wrapped). */
    static QString keyRegisteredKind() { return QStringLiteral("user.key_registered"); }
    /**
     * An administrator's password reset at the hub (payload: user_id, auth_key, slot_key, by): the
     * user's auth key moves on and her signing key ends at its time (docs/SECURITY.md, "Passwords
     * and accounts"). Only the hub makes it: from a workstation it is refused.
     */
    static QString passwordResetKind() { return QStringLiteral("user.password_reset"); }
    /** The hall's switch after which every first key needs its proof (hub only, like the reset). */
    static QString firstKeyProofRequiredKind() { return QStringLiteral("hall.first_key_proof_required"); }
    /** The workstation name of the hub's own events. */
    static QString hubWorkstation() { return QStringLiteral("HUB"); }
    /** The shape and grant rules of seal_key.* and certificate.signed events (after the role rule). */
    static QString checkSealEvent(const Event& event, const EventDirectory& directory);

    /** Legacy point that admits every unsigned event (a hall that has not switched signing on). */
    static constexpr quint64 kAllUnsigned = quint64(std::numeric_limits<qint64>::max());
};

} // namespace oneseal::core
