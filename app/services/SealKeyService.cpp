#include "SealKeyService.h"

#include "db/BackOfficeRepository.h"
#include "db/ReferenceRepository.h"
#include "db/UserDirectory.h"
#include "db/UserRepository.h"

#include <QCborMap>

namespace oneseal::services {

namespace {
bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}

QCborMap grantPayload(const QString& userId, const core::SealKey& seal, const core::DirectoryKey& recipient,
                      const QByteArray& wrapped)
{
    return QCborMap{{QStringLiteral("user_id"), userId},
                    {QStringLiteral("seal_key_id"), seal.keyId()},
                    {QStringLiteral("seal_public_key"), seal.rawPublicKey()},
                    {QStringLiteral("recipient_key_id"), recipient.keyId},
                    {QStringLiteral("wrapped"), wrapped}};
}

bool maySeal(core::Roles roles)
{
    return core::mayPerform(roles, core::Action::PrintCertificate) || core::mayPerform(roles, core::Action::ApplySeal)
        || core::mayPerform(roles, core::Action::ManageUsers);
}
} // namespace

bool SealKeyService::append(const QString& kind, const QCborMap& payload, QString* error)
{
    return m_session.events().append(QString(), kind, payload, m_session.user().id, error).has_value();
}

bool SealKeyService::grant(const QString& username, QString* error)
{
    if (!m_session.can(core::Action::ManageUsers))
        return fail(error, Session::refusal(core::Action::ManageUsers));
    const QSqlDatabase sql = m_session.database().sql();
    const auto target = db::UserRepository(sql).byUsername(username.trimmed());
    if (!target)
        return fail(error, tr("There is no user %1.").arg(username.trimmed().left(64)));
    if (!target->active)
        return fail(error, tr("The user %1 is disabled.").arg(target->username));
    if (!maySeal(target->roles))
        return fail(error, tr("The seal key is granted only to certificate operators, approvers and administrators; "
                              "%1 is none of them.")
                               .arg(target->username));
    db::UserDirectory directory(sql);
    const auto recipient = directory.keyOfUserAt(target->id, QDateTime());
    if (!recipient)
        return fail(error, tr("%1 has not logged in yet, so there is no signing key to seal the seal key to. Ask them "
                              "to log in once, then grant it again.")
                               .arg(target->username));
    const auto seal = m_session.heldSealKey(error);
    if (!seal)
        return false;
    if (const auto held = directory.sealGrantAt(target->id, seal->keyId(), QDateTime());
        held && held->recipientKeyId == recipient->keyId)
        return fail(error, tr("%1 already holds the seal key.").arg(target->username));
    const QByteArray wrapped = core::SealGrant::wrap(*seal, recipient->publicKey);
    if (wrapped.isEmpty())
        return fail(error, tr("The seal key could not be sealed to the signing key of %1.").arg(target->username));
    db::Transaction tx(sql);
    if (!tx.isActive())
        return fail(error, tx.errorText());
    return append(core::SealGrant::grantedKind(), grantPayload(target->id, *seal, *recipient, wrapped), error)
        && tx.commit(error);
}

bool SealKeyService::revoke(const QString& username, QString* error)
{
    if (!m_session.can(core::Action::ManageUsers))
        return fail(error, Session::refusal(core::Action::ManageUsers));
    const QSqlDatabase sql = m_session.database().sql();
    const auto target = db::UserRepository(sql).byUsername(username.trimmed());
    if (!target)
        return fail(error, tr("There is no user %1.").arg(username.trimmed().left(64)));
    const auto grants = db::UserDirectory(sql).sealGrantsOf(target->id, QDateTime());
    if (grants.isEmpty())
        return fail(error, tr("%1 holds no grant of the seal key.").arg(target->username));
    db::Transaction tx(sql);
    if (!tx.isActive())
        return fail(error, tx.errorText());
    for (const core::SealGrantRecord& g : grants)
        if (!append(core::SealGrant::revokedKind(),
                    QCborMap{{QStringLiteral("user_id"), target->id}, {QStringLiteral("seal_key_id"), g.sealKeyId}},
                    error))
            return false;
    return tx.commit(error);
}

bool SealKeyService::upgradeLegacyKey(QString* error)
{
    db::Database& database = m_session.database();
    const QString pem = database.meta(QStringLiteral("seal_private_key"));
    if (pem.isEmpty() || !m_session.can(core::Action::ManageUsers) || !m_session.events().signer().hasPrivateKey())
        return true;
    const auto seal = core::SealKey::fromPrivatePem(pem.toLatin1(), error);
    if (!seal)
        return false;
    const QSqlDatabase sql = database.sql();
    db::UserDirectory directory(sql);
    db::Transaction tx(sql);
    if (!tx.isActive())
        return fail(error, tx.errorText());
    for (const core::User& u : db::UserRepository(sql).all()) {
        const bool self = u.id == m_session.user().id;
        if (!u.active || !(self || u.roles.testFlag(core::Role::CertificateOperator)))
            continue;
        const auto recipient = directory.keyOfUserAt(u.id, QDateTime());
        if (!recipient)
            continue; // never logged in since signing: the administrator grants the key later
        const QByteArray wrapped = core::SealGrant::wrap(*seal, recipient->publicKey);
        if (wrapped.isEmpty()
            || !append(core::SealGrant::grantedKind(), grantPayload(u.id, *seal, *recipient, wrapped), error))
            return fail(error, error && !error->isEmpty() ? *error : tr("The seal key could not be sealed."));
    }
    // The public half stays: it is the hall's published key for verifying old certificates.
    if (!database.setMeta(QStringLiteral("seal_public_key"), QString::fromLatin1(seal->publicPem()), error)
        || !database.setMeta(QStringLiteral("seal_private_key"), QString(), error))
        return false;
    return tx.commit(error);
}

bool SealKeyService::rewrapForNewKey(Session& session, const core::SealKey& newKey, QString* error,
                                     const core::SealKey* holder)
{
    const core::SealKey& own = holder ? *holder : session.events().signer();
    if (!own.hasPrivateKey())
        return true;
    const QSqlDatabase sql = session.database().sql();
    const auto grants = db::UserDirectory(sql).sealGrantsOf(session.user().id, QDateTime());
    core::DirectoryKey recipient;
    recipient.keyId = newKey.keyId();
    recipient.publicKey = newKey.rawPublicKey();
    for (const core::SealGrantRecord& g : grants) {
        if (g.recipientKeyId != own.keyId())
            continue;
        const auto seal = core::SealGrant::unwrap(g.wrapped, own, g.sealPublic);
        const QByteArray wrapped = seal ? core::SealGrant::wrap(*seal, newKey.rawPublicKey()) : QByteArray();
        if (wrapped.isEmpty())
            continue; // a grant that does not open is left to the administrator
        if (!session.events().append(QString(), core::SealGrant::rewrappedKind(),
                                     grantPayload(session.user().id, *seal, recipient, wrapped), session.user().id,
                                     error))
            return false;
    }
    return true;
}

std::optional<QByteArray> SealKeyService::revokedList(QString* error)
{
    if (!m_session.can(core::Action::PrintCertificate) && !m_session.can(core::Action::ApplySeal)
        && !m_session.can(core::Action::ManageUsers)) {
        fail(error, Session::refusal(core::Action::PrintCertificate));
        return std::nullopt;
    }
    const auto seal = m_session.heldSealKey(error);
    if (!seal)
        return std::nullopt;
    core::RevokedList list;
    list.hall = m_session.hallName();
    list.issued = m_session.clock().now().toUTC();
    list.serials = db::BackOfficeRepository(m_session.database().sql()).voidedCertificateNumbers();
    const QByteArray text = list.sign(*seal);
    if (text.isEmpty()) {
        fail(error, tr("The list of voided certificates could not be signed."));
        return std::nullopt;
    }
    return text;
}

VoidedCertificate SealKeyService::voidedStatus(const QSqlDatabase& db, const QString& serial,
                                               const std::optional<core::RevokedList>& list)
{
    VoidedCertificate v;
    if (const auto row = db::BackOfficeRepository(db).certificateByNumber(serial)) {
        if (row->voided) {
            v.voided = true;
            v.reason = tr("The case history on this workstation records it as voided: %1").arg(row->voidReason);
            return v;
        }
    }
    if (list && list->contains(serial)) {
        v.voided = true;
        v.reason = tr("The hall's list of voided certificates of %1 names it.")
                       .arg(list->issued.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    }
    return v;
}

std::optional<core::RevokedList> SealKeyService::receivedRevokedList(const QSqlDatabase& db,
                                                                    const QList<core::SealKey>& trusted)
{
    const auto item = db::ReferenceRepository(db).latest(revokedReferenceKind(), nullptr);
    if (!item)
        return std::nullopt;
    return core::RevokedList::parse(item->payload, trusted, nullptr);
}

} // namespace oneseal::services
