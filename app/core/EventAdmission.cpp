#include "EventAdmission.h"

#include "CaseState.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QHash>
#include <QMutex>

#include <memory>

#include <openssl/evp.h>

namespace oneseal::core {

namespace {
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
    if (kind == QLatin1String("user.created") || kind == SeparationPolicy::eventKind())
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
        || kind == eventkind::sealApplied || kind == eventkind::certificateIssued;
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
    // signer->keyId == e.keyId here, and a key id names one public key: what the caller verified.
    if (!signatureVerified && !verifyWith(signer->publicKey, e.signingMessage(), e.signature))
        return tr("the signature does not match the event");
    const auto author = directory.user(e.userId);
    if (!author)
        return tr("the author %1 is not a user of this hall").arg(e.userId);
    if (author->disabledAt.isValid() && e.recordedAt >= author->disabledAt)
        return tr("the author %1 was disabled").arg(e.userId);
    if (const auto action = actionForKind(e.kind); action && !mayPerform(author->roles, *action))
        return tr("the author %1 holds no role that may write %2").arg(e.userId, e.kind);
    if (e.kind == SeparationPolicy::eventKind()) {
        if (!e.caseId.isEmpty())
            return tr("a relaxation of the separations belongs to the hall, not to a case");
        if (!SeparationPolicy::fromPayload(e.payload(), &why))
            return why;
        return QString();
    }
    if (e.kind == QLatin1String("decision.matter_approved") || e.kind == QLatin1String("decision.matter_refused")) {
        const QCborValue matter = e.payload().value(QStringLiteral("matter"));
        if (e.caseId.isEmpty() || !matter.isString() || matter.toString().isEmpty() || matter.toString().size() > 100)
            return tr("a decision on one matter that names no matter of a case");
    }
    const auto hand = handOfKind(e.kind);
    if (e.caseId.isEmpty() || !hand)
        return QString();
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
    return QString();
}

} // namespace oneseal::core
