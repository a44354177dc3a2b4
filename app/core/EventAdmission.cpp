#include "EventAdmission.h"

#include "CaseState.h"

#include <QCborMap>
#include <QCborValue>

namespace oneseal::core {

namespace {
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
} // namespace

std::optional<Action> EventAdmission::actionForKind(const QString& kind)
{
    if (startsWith(kind, "intake.") || startsWith(kind, "applicant."))
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
    if (startsWith(kind, "certificate."))
        return Action::PrintCertificate;
    if (startsWith(kind, "conflict."))
        return Action::ResolveConflict;
    if (kind == QLatin1String("user.created"))
        return Action::ManageUsers;
    return std::nullopt;
}

bool EventAdmission::separatedFromAcceptor(const QString& kind)
{
    return startsWith(kind, "review.") || startsWith(kind, "inspection.") || startsWith(kind, "decision.")
        || kind == eventkind::sealApplied || kind == eventkind::certificateIssued;
}

bool EventAdmission::isAcceptance(const QString& kind)
{
    return startsWith(kind, "intake.");
}

void EventAdmission::sign(Event& event, const SealKey& key)
{
    event.keyId = key.keyId();
    event.signature = key.sign(event.signingMessage());
}

QString EventAdmission::check(const Event& e, const EventDirectory& directory, quint64 legacyHlc)
{
    if (e.workstation == hubWorkstation())
        return QString(); // the hub's own events: the directory's authority
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
    const auto key = SealKey::fromRawPublic(signer->publicKey, &why);
    if (!key || !key->verify(e.signingMessage(), e.signature))
        return tr("the signature does not match the event");
    const auto author = directory.user(e.userId);
    if (!author)
        return tr("the author %1 is not a user of this hall").arg(e.userId);
    if (author->disabledAt.isValid() && e.recordedAt >= author->disabledAt)
        return tr("the author %1 was disabled").arg(e.userId);
    if (const auto action = actionForKind(e.kind); action && !mayPerform(author->roles, *action))
        return tr("the author %1 holds no role that may write %2").arg(e.userId, e.kind);
    if (!e.caseId.isEmpty() && separatedFromAcceptor(e.kind) && directory.acceptorOf(e.caseId) == e.userId)
        return tr("the author %1 accepted this case and may not write %2 on it (four separations)")
            .arg(e.userId, e.kind);
    return QString();
}

} // namespace oneseal::core
