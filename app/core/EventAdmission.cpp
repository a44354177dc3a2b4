#include "EventAdmission.h"
#include "PaperStock.h"

#include "CaseState.h"
#include "Counter.h"
#include "Crypto.h"
#include "PasswordAuth.h"
#include "PasswordSlot.h"
#include "RoleChanges.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamReader>
#include <QCborValue>
#include <QDate>
#include <QRegularExpression>
#include <QHash>
#include <QMutex>

#include <memory>

#include <openssl/evp.h>

namespace oneseal::core {

namespace {

/**
 * Review and inspection events of a bundle name their matters: a review.* event one (payload
 * "matter"), an inspection.* event its visit's (payload "matters"). Absent means every matter (older
 * events); present, each must be a non-empty code of at most 100 characters, a visit at most 50.
 */
QString matterShapeProblem(const Event& e)
{
    const bool review = e.kind.startsWith(QLatin1String("review."));
    const bool inspection = e.kind.startsWith(QLatin1String("inspection."));
    if (!review && !inspection)
        return QString();
    const QCborMap p = e.payload();
    auto badCode = [](const QCborValue& v) {
        return !v.isString() || v.toString().isEmpty() || v.toString().size() > 100;
    };
    if (p.contains(payload::matter) && badCode(p.value(payload::matter)))
        return EventAdmission::tr("a review or inspection that names a malformed matter");
    if (inspection && p.contains(payload::inspectedMatters)) {
        const QCborValue v = p.value(payload::inspectedMatters);
        if (!v.isArray() || v.toArray().isEmpty() || v.toArray().size() > 50)
            return EventAdmission::tr("a site visit whose list of matters is malformed");
        for (const QCborValue& code : v.toArray())
            if (badCode(code))
                return EventAdmission::tr("a site visit whose list of matters is malformed");
    }
    if (review && p.contains(payload::inspectedMatters))
        return EventAdmission::tr("a review names one matter, not a list");
    return QString();
}
/**
 * Ed25519 keys as OpenSSL objects, made once per key and kept: making one from the raw form costs
 * as much as a signature (a scalar multiplication for a private key, a point decompression for a
 * public one), and sync signs or checks every event. Shared by every thread; OpenSSL allows
 * concurrent use of one EVP_PKEY for signing and verifying.
 */
class PkeyCache
{
public:
    std::shared_ptr<EVP_PKEY> get(const QByteArray& raw, bool isPrivate)
    {
        const QByteArray cacheKey = (isPrivate ? QByteArrayLiteral("s") : QByteArrayLiteral("p")) + raw;
        QMutexLocker lock(&m_mutex);
        if (const auto it = m_keys.constFind(cacheKey); it != m_keys.constEnd())
            return *it;
        const auto* bytes = reinterpret_cast<const unsigned char*>(raw.constData());
        EVP_PKEY* key = isPrivate ? EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes, size_t(raw.size()))
                                  : EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes, size_t(raw.size()));
        if (!key)
            return nullptr;
        if (m_keys.size() > 4096) // a hall has far fewer keys; bounded against a flood of unknown ones
            m_keys.clear();
        std::shared_ptr<EVP_PKEY> shared(key, &EVP_PKEY_free);
        m_keys.insert(cacheKey, shared);
        return shared;
    }

private:
    QMutex m_mutex;
    QHash<QByteArray, std::shared_ptr<EVP_PKEY>> m_keys;
};

PkeyCache& pkeys()
{
    static PkeyCache cache;
    return cache;
}

QByteArray signWith(const QByteArray& seed, const QByteArray& message)
{
    const auto key = pkeys().get(seed, true);
    const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    QByteArray signature(SealKey::kSignatureSize, Qt::Uninitialized);
    size_t len = size_t(signature.size());
    if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1
        || EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &len,
                          reinterpret_cast<const unsigned char*>(message.constData()), size_t(message.size()))
            != 1
        || len != size_t(SealKey::kSignatureSize))
        return QByteArray();
    return signature;
}

bool verifyWith(const QByteArray& publicKey, const QByteArray& message, const QByteArray& signature)
{
    if (publicKey.size() != SealKey::kRawKeySize || signature.size() != SealKey::kSignatureSize)
        return false;
    const auto key = pkeys().get(publicKey, false);
    const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    return key && ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1
        && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.constData()),
                            size_t(signature.size()), reinterpret_cast<const unsigned char*>(message.constData()),
                            size_t(message.size()))
        == 1;
}

bool startsWith(const QString& kind, const char* prefix)
{
    return kind.startsWith(QLatin1String(prefix));
}

/** The key a user.key_registered event registers, or nullopt with *why when its payload is malformed. */
std::optional<DirectoryKey> registeredKey(const Event& e, QString* why)
{
    const QCborMap p = QCborValue::fromCbor(e.payloadCbor).toMap();
    DirectoryKey k;
    k.userId = p.value(QStringLiteral("user_id")).toString();
    k.publicKey = p.value(QStringLiteral("public_key")).toByteArray();
    k.keyId = p.value(QStringLiteral("key_id")).toString();
    k.validFrom = e.recordedAt;
    if (k.userId != e.userId || k.publicKey.size() != SealKey::kRawKeySize || k.keyId != SealKey::keyIdOf(k.publicKey)) {
        *why = EventAdmission::tr("a key registration that is not the author's own or whose key is malformed");
        return std::nullopt;
    }
    return k;
}
constexpr int kMaxDepth = 8;
constexpr qsizetype kMaxItems = 2000;   // entries of all maps and arrays of one payload together
constexpr qsizetype kMaxText = 16 * 1024; // characters of one text (or bytes of one byte string)

/** Bounds a decoded CBOR value: depth, total item count, length of every text. */
bool bounded(const QCborValue& v, int depth, qsizetype* items)
{
    if (depth > kMaxDepth)
        return false;
    if (v.isString())
        return v.toString().size() <= kMaxText;
    if (v.isByteArray())
        return v.toByteArray().size() <= kMaxText;
    if (v.isArray()) {
        const QCborArray a = v.toArray();
        *items += a.size();
        if (*items > kMaxItems)
            return false;
        for (const QCborValue& x : a)
            if (!bounded(x, depth + 1, items))
                return false;
    } else if (v.isMap()) {
        const QCborMap m = v.toMap();
        *items += m.size();
        if (*items > kMaxItems)
            return false;
        for (auto it = m.constBegin(); it != m.constEnd(); ++it)
            if (!it.key().isString() || !bounded(it.value(), depth + 1, items))
                return false;
    }
    return true;
}

bool isHex64(const QCborValue& v)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    return v.isString() && hex.match(v.toString()).hasMatch();
}

bool isIsoDate(const QCborValue& v)
{
    return v.isString() && QDate::fromString(v.toString(), Qt::ISODate).isValid();
}

bool isText(const QCborValue& v, qsizetype max, bool required)
{
    return v.isString() ? v.toString().size() <= max && (!required || !v.toString().trimmed().isEmpty()) : false;
}

/** Kinds that belong to a case (their event must name it). */
bool isCaseKind(const QString& kind)
{
    for (const char* prefix : {"intake.", "review.", "inspection.", "decision.", "seal.", "certificate.", "correction.",
                               "material.", "attachment.", "notice.", "conflict."})
        if (kind.startsWith(QLatin1String(prefix)))
            return true;
    return false;
}

/** Kinds written as a step of a case (services::CaseSteps), which always carry the day of the step. */
bool isDatedStep(const QString& kind)
{
    for (const char* prefix : {"review.", "inspection.", "decision.", "seal.", "certificate.", "correction."})
        if (kind.startsWith(QLatin1String(prefix)))
            return true;
    return false;

}

/** Why the payload of a case-life event is malformed (empty when its shape is sound or not checked here). */
QString shapeProblem(const Event& e)
{
    const QCborMap p = QCborValue::fromCbor(e.payloadCbor).toMap();
    auto isDate = [&](const QString& key) { return QDate::fromString(p.value(key).toString(), Qt::ISODate).isValid(); };
    auto hasReasons = [&] { return !p.value(payload::reasons).toString().trimmed().isEmpty(); };
    if (e.kind == eventkind::clockStopped
        && (!clockStopFromStored(p.value(payload::clockStop).toString()) || !isDate(payload::clockStops)))
        return EventAdmission::tr("a clock stop without a known reason or a start day");
    if (e.kind == eventkind::clockResumed && !isDate(payload::date))
        return EventAdmission::tr("a clock restart without its day");
    if (e.kind == eventkind::decisionExtended) {
        const QCborValue days = p.value(payload::days);
        if (!days.isInteger() || days.toInteger() < 1 || days.toInteger() > 10 || !hasReasons())
            return EventAdmission::tr("an extension that is not 1 to 10 working days with reasons");
    }
    if ((e.kind == eventkind::decisionTerminated || e.kind == eventkind::decisionRevoked
         || e.kind == eventkind::verificationFailed)
        && !hasReasons())
        return EventAdmission::tr("a termination, revocation or failed check without reasons");
    if (e.kind == eventkind::verificationRectification && !isDate(payload::deadline))
        return EventAdmission::tr("a rectification order without its deadline");
    if (e.kind == eventkind::materialSupplied && p.value(payload::materialCode).toString().isEmpty())
        return EventAdmission::tr("a supplied material without its code");
    if (e.kind.startsWith(QLatin1String("intake.")) && p.contains(payload::declared)) {
        // Values declared at intake (Matter::declaredFields): bounded, each for a matter of the case.
        // Which values a matter allows is the catalog's, checked by IntakeService at the window.
        const QCborValue declared = p.value(payload::declared);
        QStringList matters;
        for (const QCborValue& m : p.value(payload::matters).toArray())
            matters << m.toString();
        if (!declared.isArray() || declared.toArray().size() > DeclaredField::kMaxPerCase)
            return EventAdmission::tr("declared values that are not a list of at most %1").arg(DeclaredField::kMaxPerCase);
        for (const QCborValue& v : declared.toArray()) {
            const QCborMap d = v.toMap();
            const QCborValue key = d.value(payload::declaredKey);
            const QCborValue value = d.value(payload::declaredValue);
            if (!v.isMap() || !matters.contains(d.value(payload::matter).toString()) || !key.isString()
                || key.toString().isEmpty() || key.toString().size() > DeclaredField::kMaxKeyLength
                || !value.isString() || value.toString().trimmed().isEmpty()
                || value.toString().size() > DeclaredField::kMaxValueLength)
                return EventAdmission::tr("a declared value that names no matter of the case, or is empty or longer "
                                          "than %1 characters")
                    .arg(DeclaredField::kMaxValueLength);
        }
    }
    return QString();
}
} // namespace

QString EventAdmission::checkShape(const Event& e)
{
    static const QRegularExpression kindPattern(QStringLiteral("^[a-z_]{1,32}\\.[a-z_]{1,48}$"));
    if (!kindPattern.match(e.kind).hasMatch())
        return tr("malformed: the kind of event is not one this program writes");
    if (e.payloadCbor.size() > kMaxPayloadBytes)
        return tr("malformed: the payload is larger than %1 bytes").arg(kMaxPayloadBytes);
    QCborParserError parseError;
    const QCborValue root = QCborValue::fromCbor(e.payloadCbor, &parseError);
    qsizetype items = 0;
    if (parseError.error != QCborError::NoError || !root.isMap() || !bounded(root, 0, &items))
        return tr("malformed: the payload is not a bounded map");
    const QCborMap p = root.toMap();
    auto missing = [&e](const QString& field) {
        return tr("malformed: %1 lacks a valid field %2").arg(e.kind, field);
    };
    if (isCaseKind(e.kind) && (e.caseId.trimmed().isEmpty() || e.caseId.size() > 64))
        return tr("malformed: %1 names no case").arg(e.kind);
    // Texts a projection shows: bounded where present.
    for (const QString& field : {payload::notes, payload::reasons, payload::userName, payload::documentTitle})
        if (p.contains(field) && !isText(p.value(field), 4000, false))
            return missing(field);
    if (isDatedStep(e.kind) && !isIsoDate(p.value(payload::date)))
        return missing(payload::date);
    if (isAcceptance(e.kind)) {
        if (!isText(p.value(payload::subjectCode), 64, true))
            return missing(payload::subjectCode);
        if (!p.value(payload::applicant).isMap())
            return missing(payload::applicant);
        // The ID card's details (optional; older events lack them): short texts where present.
        const QCborMap applicant = p.value(payload::applicant).toMap();
        for (const char* key : {"sex", "ethnicity", "birth_date", "id_authority", "id_valid_from", "id_valid_to"})
            if (applicant.contains(QLatin1String(key)) && !isText(applicant.value(QLatin1String(key)), 100, false))
                return missing(QLatin1String("applicant.") + QLatin1String(key));
        if (p.contains(payload::materials) && !p.value(payload::materials).isArray())
            return missing(payload::materials);
    } else if (e.kind == eventkind::sealApplied) {
        if (!isHex64(p.value(payload::documentHash)))
            return missing(payload::documentHash);
        if (!isText(p.value(payload::documentTitle), 100, true))
            return missing(payload::documentTitle);
    } else if (e.kind == eventkind::attachmentAdded) {
        if (!isHex64(p.value(QStringLiteral("sha256"))))
            return missing(QStringLiteral("sha256"));
        if (!isText(p.value(QStringLiteral("file_name")), 200, true))
            return missing(QStringLiteral("file_name"));
        if (!isText(p.value(QStringLiteral("mime")), 100, true))
            return missing(QStringLiteral("mime"));
    } else if (e.kind == QLatin1String("user.password_changed")) {
        if (!isText(p.value(QStringLiteral("user_id")), 64, true))
            return missing(QStringLiteral("user_id"));
        QByteArray salt, verifier;
        crypto::ScryptParams params;
        // An older client's change carries the new hash; a current one the new slot key (no hash travels).
        if (!p.contains(QStringLiteral("password_hash"))) {
            if (!p.value(QStringLiteral("slot_key")).isString()
                || !PasswordSlot::parse(p.value(QStringLiteral("slot_key")).toString()))
                return missing(QStringLiteral("slot_key"));
        } else if (!p.value(QStringLiteral("password_hash")).isString()
                   || !crypto::parsePasswordHash(p.value(QStringLiteral("password_hash")).toString(), &salt, &params,
                                                 &verifier))
            return missing(QStringLiteral("password_hash"));
    } else if (e.kind == passwordResetKind()) { // a hall without a hub's (the hub's own are not checked)
        if (!isText(p.value(QStringLiteral("user_id")), 64, true))
            return missing(QStringLiteral("user_id"));
        if (!p.value(QStringLiteral("auth_key")).isString()
            || PasswordAuth::publicKeyOf(p.value(QStringLiteral("auth_key")).toString()).isEmpty())
            return missing(QStringLiteral("auth_key"));
        if (!p.value(QStringLiteral("slot_key")).isString()
            || !PasswordSlot::parse(p.value(QStringLiteral("slot_key")).toString()))
            return missing(QStringLiteral("slot_key"));
    } else if (e.kind == keyRegisteredKind()) {
        if (p.contains(QStringLiteral("wrapped"))
            && (!p.value(QStringLiteral("wrapped")).isByteArray() || p.value(QStringLiteral("wrapped")).toByteArray().size() > 1024))
            return missing(QStringLiteral("wrapped"));
        if (p.contains(QStringLiteral("auth_proof"))
            && (!p.value(QStringLiteral("auth_proof")).isByteArray()
                || p.value(QStringLiteral("auth_proof")).toByteArray().size() != SealKey::kSignatureSize))
            return missing(QStringLiteral("auth_proof"));
    } else if (e.kind == QLatin1String("user.created")) {
        if (!isText(p.value(QStringLiteral("user_id")), 64, true))
            return missing(QStringLiteral("user_id"));
        if (!isText(p.value(QStringLiteral("username")), 32, true))
            return missing(QStringLiteral("username"));
    }
    return QString();
}

std::optional<Action> EventAdmission::actionForKind(const QString& kind)
{
    if (startsWith(kind, "intake.") || startsWith(kind, "applicant.") || startsWith(kind, "counter."))
        return Action::AcceptCase;
    if (startsWith(kind, "review."))
        return Action::ReviewCase;
    if (startsWith(kind, "inspection."))
        return Action::InspectSite;
    if (startsWith(kind, "decision."))
        return Action::DecideCase;
    if (kind == eventkind::sealApplied)
        return Action::ApplySeal;
    if (kind == eventkind::certificateIssued)
        return Action::IssueCertificate;
    if (startsWith(kind, "certificate.") || startsWith(kind, "paper."))
        return Action::PrintCertificate;
    if (startsWith(kind, "conflict."))
        return Action::ResolveConflict;
    if (startsWith(kind, "verification."))
        return Action::VerifyPledge;
    if (startsWith(kind, "clock."))
        return Action::StopClock;
    if (kind == eventkind::materialSupplied)
        return Action::AcceptCase;
    if (kind == QLatin1String("user.created") || kind == SealGrant::grantedKind() || kind == SealGrant::revokedKind()
        || kind == SeparationPolicy::eventKind() || kind == RoleChanges::eventKind() || kind == passwordResetKind())
        return Action::ManageUsers;
    return std::nullopt;
}

bool EventAdmission::verify(const Event& event, const QByteArray& publicKey)
{
    return verifyWith(publicKey, event.signingMessage(), event.signature);
}

bool EventAdmission::separatedFromAcceptor(const QString& kind)
{
    return startsWith(kind, "review.") || startsWith(kind, "inspection.") || startsWith(kind, "decision.")
        || startsWith(kind, "verification.") || startsWith(kind, "clock.") || kind == eventkind::sealApplied
        || kind == eventkind::certificateIssued;
}

bool EventAdmission::isAcceptance(const QString& kind)
{
    return startsWith(kind, "intake.");
}

void EventAdmission::sign(Event& event, const SealKey& key)
{
    event.keyId = key.keyId();
    event.signature = signWith(key.rawPrivateKey(), event.signingMessage());
}

QString EventAdmission::check(const Event& e, const EventDirectory& directory, quint64 legacyHlc,
                              bool signatureVerified)
{
    if (e.workstation == hubWorkstation())
        return QString(); // the hub's own events: the directory's authority
    // Made only by the hub (a reset, the hall's switch): never by a workstation, however signed.
    // A hall without a hub: its administrator resets passwords (signed, role-checked below).
    if (e.kind == firstKeyProofRequiredKind() || (e.kind == passwordResetKind() && directory.hubHall()))
        return tr("%1 is made only at the hub, never by a workstation").arg(e.kind);
    if (startsWith(e.kind, "counter.")) { // the shape first: it does not depend on who signed
        const QString shape = e.caseId.isEmpty() ? tr("a counter event that names no case")
                                                 : counter::payloadProblem(e.kind, e.payload());
        if (!shape.isEmpty())
            return shape;
    }
    // Backdating: an event the hub numbered after a checkpoint of its workstation's chain was written
    // after the hub's time in it, give or take the clock margin (docs/SECURITY.md, "Checkpoints").
    const auto cp = e.serverSeq > 0 ? directory.checkpointBefore(e.workstation, e.serverSeq) : std::nullopt;
    if (cp && e.recordedAt < cp->earliestAfter())
        return tr("recorded at %1, before the hub's checkpoint of workstation %2 at %3 less the clock margin of "
                  "%4 hours (backdated)")
            .arg(e.recordedAt.toUTC().toString(Qt::ISODate), e.workstation, cp->hubTime.toUTC().toString(Qt::ISODate))
            .arg(cp->marginMs / 3600000.0);
    // A round's checkpoint also names the hub's clock the workstation held before it: exact.
    if (cp && cp->hlc > 0 && e.hlc <= cp->hlc)
        return tr("its clock %1 is not after the hub's clock %2 that workstation %3 held at the checkpoint of %4 "
                  "(backdated)")
            .arg(e.hlc)
            .arg(cp->hlc)
            .arg(e.workstation, cp->hubTime.toUTC().toString(Qt::ISODate));
    if (e.signature.isEmpty() && e.keyId.isEmpty()) {
        if (e.hlc <= legacyHlc)
            return QString();
        return tr("unsigned event after signing was switched on");
    }
    const bool registration = e.kind == keyRegisteredKind();
    std::optional<DirectoryKey> signer;
    QString why;
    if (registration) {
        const auto fresh = registeredKey(e, &why);
        if (!fresh)
            return why;
        if (directory.key(fresh->keyId))
            return tr("key %1 is already registered").arg(fresh->keyId);
        // A user's first key signs its own registration; a later one is signed by the key it replaces,
        // so nobody can give another user a key once that user has one.
        const auto current = directory.keyOfUserAt(e.userId, e.recordedAt);
        signer = current ? current : fresh;
        // A first key is also proved by the user's password: a signature by the auth key the
        // administrator's password made, or the user's own since (docs/SECURITY.md, "The first key").
        // The database key does not make it. A user whose auth key is not in the events (made before
        // this rule) keeps the old rule.
        if (!current) {
            const QString authKey = directory.authKeyOf(e.userId);
            // Once the hall requires it, a user without an auth key must be reset first.
            if (authKey.isEmpty() && directory.firstKeyProofRequired())
                return tr("a first signing key of a user without an auth key, after the hall required a proof by "
                          "the password for every first key (reset the user's password at the hub)");
            if (!authKey.isEmpty()
                && !PasswordAuth::verifyFirstKey(
                    authKey, e.userId, fresh->keyId,
                    QCborValue::fromCbor(e.payloadCbor).toMap().value(QStringLiteral("auth_proof")).toByteArray()))
                return tr("a first signing key without a valid proof by the user's password (auth key)");
        }
    } else {
        signer = directory.key(e.keyId);
        if (!signer)
            return tr("signed with key %1, which is not in the hall's directory").arg(e.keyId);
    }
    if (signer->keyId != e.keyId)
        return tr("the key registration is not signed by the user's current key %1").arg(signer->keyId);
    if (signer->userId != e.userId)
        return tr("signed with the key of another user (%1), not the author's").arg(signer->userId);
    if (!registration && !signer->validAt(e.recordedAt))
        return tr("signed with key %1 outside its validity").arg(e.keyId);
    // signer->keyId == e.keyId here, and a key id names one public key: what the caller verified.
    if (!signatureVerified && !verifyWith(signer->publicKey, e.signingMessage(), e.signature))
        return tr("the signature does not match the event");
    const auto author = directory.user(e.userId);
    if (!author)
        return tr("the author %1 is not a user of this hall").arg(e.userId);
    // Written after a round's checkpoint means written after its hub time, whatever it claims: a
    // disabling the hub made before that time holds for it (docs/SECURITY.md, "Disabled users").
    const QDateTime writtenBy = cp && cp->hlc > 0 ? std::max(e.recordedAt, cp->hubTime) : e.recordedAt;
    if (author->disabledAt.isValid() && writtenBy >= author->disabledAt)
        return tr("the author %1 was disabled").arg(e.userId);
    // The roles held when the event was recorded, not now (docs/SECURITY.md, "Changing roles").
    // After a round's checkpoint, at the same later time as a disabling: a role taken away before the
    // checkpoint's hub time cannot be claimed by dating the event back.
    if (const auto action = actionForKind(e.kind); action && !mayPerform(directory.rolesAt(e.userId, writtenBy), *action))
        return tr("the author %1 holds no role that may write %2").arg(e.userId, e.kind);
    if (e.kind == RoleChanges::eventKind()) {
        QString why;
        const auto change = RoleChanges::fromEvent(e, &why);
        if (!change)
            return why;
        if (!directory.user(change->userId))
            return tr("a change of roles of %1, who is not a user of this hall").arg(change->userId);
        if (change->userId == e.userId && !change->roles.testFlag(Role::Administrator))
            return tr("an administrator may not take the administrator's role from themselves");
    }
    if (const QString shape = PaperStock::shapeProblem(e.kind, QCborValue::fromCbor(e.payloadCbor).toMap(), e.userId);
        !shape.isEmpty())
        return shape;
    if (e.kind == eventkind::shiftHandover
        && !directory.user(QCborValue::fromCbor(e.payloadCbor).toMap().value(payload::incomingUser).toString()))
        return tr("the incoming user of a shift handover is not a user of this hall");
    if (e.kind == SeparationPolicy::eventKind()) {
        if (!e.caseId.isEmpty())
            return tr("a relaxation of the separations belongs to the hall, not to a case");
        if (QString why; !SeparationPolicy::fromPayload(e.payload(), &why))
            return why;
    }
    if (e.kind == QLatin1String("decision.matter_approved") || e.kind == QLatin1String("decision.matter_refused")) {
        const QCborValue matter = e.payload().value(QStringLiteral("matter"));
        if (e.caseId.isEmpty() || !matter.isString() || matter.toString().isEmpty() || matter.toString().size() > 100)
            return tr("a decision on one matter that names no matter of a case");
    }
    if (const QString why = matterShapeProblem(e); !why.isEmpty())
        return why;
    if (const auto hand = handOfKind(e.kind); !e.caseId.isEmpty() && hand) {
        const SeparationPolicy policy = directory.separationPolicyAt(e.hlc);
        if (separatedFromAcceptor(e.kind) && !policy.allows(Hand::Accept, *hand)
            && directory.acceptorOf(e.caseId) == e.userId)
            return tr("the author %1 accepted this case and may not write %2 on it (four separations)")
                .arg(e.userId, e.kind);
        const CaseHands hands = directory.handsOf(e.caseId);
        QString v = Separation::check(*hand, e.userId, hands, policy);
        if (v.isEmpty() && e.kind == QLatin1String("inspection.scheduled")) {
            QStringList inspectors;
            for (const QCborValue& i : e.payload().value(QStringLiteral("inspectors")).toArray())
                inspectors << i.toString();
            v = Separation::checkInspectors(inspectors, hands, policy);
        }
        if (!v.isEmpty())
            return tr("the author %1 may not write %2 on this case (separations): %3").arg(e.userId, e.kind, v);
    } else if (!e.caseId.isEmpty() && separatedFromAcceptor(e.kind) && directory.acceptorOf(e.caseId) == e.userId) {
        return tr("the author %1 accepted this case and may not write %2 on it (four separations)")
            .arg(e.userId, e.kind);
    }
    if (e.kind.startsWith(QLatin1String("seal_key.")) || e.kind == SealGrant::signedKind()) {
        const QString why = checkSealEvent(e, directory);
        if (!why.isEmpty())
            return why;
    }
    if (const QString shape = shapeProblem(e); !shape.isEmpty())
        return tr("malformed %1: %2").arg(e.kind, shape);
    // Last: a well-signed event by the right person may still be malformed (a modified client).
    return checkShape(e);
}

QString EventAdmission::checkSealEvent(const Event& e, const EventDirectory& directory)
{
    const QCborMap p = QCborValue::fromCbor(e.payloadCbor).toMap();
    const QString userId = p.value(QStringLiteral("user_id")).toString();
    const QString sealKeyId = p.value(QStringLiteral("seal_key_id")).toString();
    if (e.kind == SealGrant::signedKind()) {
        if (!directory.sealGrantAt(e.userId, sealKeyId, e.recordedAt))
            return tr("%1 signed a certificate without a grant of the hall's seal key %2").arg(e.userId, sealKeyId);
        return QString();
    }
    if (e.kind == SealGrant::revokedKind())
        return userId.isEmpty() || sealKeyId.isEmpty() ? tr("a malformed seal key revocation") : QString();
    if (!SealGrant::isGrantKind(e.kind))
        return tr("an unknown kind of seal key event %1").arg(e.kind);
    const QByteArray sealPublic = p.value(QStringLiteral("seal_public_key")).toByteArray();
    if (userId.isEmpty() || sealPublic.size() != SealKey::kRawKeySize || sealKeyId != SealKey::keyIdOf(sealPublic)
        || p.value(QStringLiteral("wrapped")).toByteArray().isEmpty()
        || p.value(QStringLiteral("recipient_key_id")).toString().isEmpty())
        return tr("a malformed seal key grant");
    if (e.kind == SealGrant::rewrappedKind()) {
        // The holder re-seals the key to their own new signing key; nobody else, and only while granted.
        if (userId != e.userId || !directory.sealGrantAt(e.userId, sealKeyId, e.recordedAt))
            return tr("%1 re-sealed a seal key they hold no grant of").arg(e.userId);
        return QString();
    }
    const auto grantee = directory.user(userId);
    const Roles roles = grantee ? directory.rolesAt(userId, e.recordedAt) : Roles();
    if (!grantee || !(mayPerform(roles, Action::PrintCertificate) || mayPerform(roles, Action::ApplySeal)
                      || mayPerform(roles, Action::ManageUsers)))
        return tr("the seal key granted to %1, who is neither a certificate operator, an approver nor an administrator")
            .arg(userId);
    return QString();
}

} // namespace oneseal::core
