#include "SealKeyService.h"

#include "AuthService.h"
#include "db/BackOfficeRepository.h"
#include "db/DirectoryListing.h"
#include "db/ReferenceRepository.h"
#include "db/UserDirectory.h"
#include "db/UserRepository.h"

#include <QCborArray>
#include <QCborMap>
#include <QCryptographicHash>

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
    if (directory.sealGrantsOf(m_session.user().id, QDateTime()).isEmpty())
        return fail(error, tr("You hold no grant of the hall's seal key, so you cannot seal it to %1. In a hall with "
                              "a hub, grant it at the hub (oneseal-admin hub seal-grant), or have the hub grant it "
                              "to you first.")
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

bool SealKeyService::grant(const QString& username, const QString& adminPassword, QString* error)
{
    if (!m_session.can(core::Action::ManageUsers))
        return fail(error, Session::refusal(core::Action::ManageUsers));
    if (username.trimmed().isEmpty())
        return fail(error, tr("Choose the user to grant the seal key to."));
    if (const int wait = AuthService::secondsToWait(m_session); wait > 0)
        return fail(error, AuthService::waitMessage(wait));
    if (adminPassword.isEmpty() || !AuthService::verifyPassword(m_session, adminPassword))
        return fail(error, tr("Your password is wrong; the seal key was not granted."));
    return grant(username, error);
}

bool SealKeyService::revoke(const QString& username, const QString& reason, QString* error)
{
    if (!m_session.can(core::Action::ManageUsers))
        return fail(error, Session::refusal(core::Action::ManageUsers));
    if (username.trimmed().isEmpty())
        return fail(error, tr("Choose the user whose grant of the seal key ends."));
    const QString why = reason.trimmed();
    if (why.isEmpty())
        return fail(error, tr("Give the reason why the grant ends; it is recorded with the revocation."));
    if (why.size() > kMaxReasonLength)
        return fail(error, tr("The reason is longer than %1 characters.").arg(kMaxReasonLength));
    for (const QChar c : why)
        if (c.category() == QChar::Other_Control)
            return fail(error, tr("The reason contains control characters."));
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
                    QCborMap{{QStringLiteral("user_id"), target->id},
                             {QStringLiteral("seal_key_id"), g.sealKeyId},
                             {QStringLiteral("reasons"), why}},
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
    if (db::UserDirectory(m_session.database().sql()).sealGrantsOf(m_session.user().id, QDateTime()).isEmpty()) {
        fail(error, tr("Only a holder of the hall's seal key can sign the list of voided certificates, and the seal "
                       "key has not been granted to you. In a hall with a hub, the hub publishes the list itself."));
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

QString SealKeyService::fingerprint(const QByteArray& rawPublicKey)
{
    const QString hex = QString::fromLatin1(QCryptographicHash::hash(rawPublicKey, QCryptographicHash::Sha256).toHex().toUpper());
    QStringList groups;
    for (qsizetype i = 0; i < hex.size(); i += 4)
        groups << hex.mid(i, 4);
    return groups.join(QLatin1Char(' '));
}

std::optional<QByteArray> SealKeyService::publicKeysPem(QString* error) const
{
    const QList<core::SealKey> keys = m_session.trustedSealKeys();
    if (keys.isEmpty()) {
        fail(error, tr("This hall has no seal key yet."));
        return std::nullopt;
    }
    QByteArray pem;
    for (const core::SealKey& k : keys)
        pem += k.publicPem();
    return pem;
}

std::optional<SealKeyOverview> SealKeyService::overview(QString* error) const
{
    if (!m_session.can(core::Action::ManageUsers) && !m_session.can(core::Action::ViewAudit)) {
        fail(error, Session::refusal(core::Action::ManageUsers));
        return std::nullopt;
    }
    const QSqlDatabase sql = m_session.database().sql();
    const db::DirectoryListing listing(sql);
    QString readError;
    const QList<db::ListedSealEvent> events = listing.sealEvents(&readError);
    const QList<db::ListedKey> keys = listing.keys(&readError);
    if (!readError.isEmpty()) {
        fail(error, tr("The directory could not be read: %1").arg(readError));
        return std::nullopt;
    }
    const QList<core::User> users = db::UserRepository(sql).all();
    QHash<QString, const core::User*> byId;
    for (const core::User& u : users)
        byId.insert(u.id, &u);
    auto nameOf = [&byId](const QString& id) {
        if (const core::User* u = byId.value(id))
            return u->username;
        return id; // HUB, or a user this workstation does not know
    };

    SealKeyOverview o;
    // The published keys: every key trusted here, with its first grant (or the hub's publication).
    QHash<QString, QDateTime> firstGrant;
    for (const db::ListedSealEvent& e : events)
        if (e.kind != core::SealGrant::revokedKind() && !firstGrant.contains(e.sealKeyId))
            firstGrant.insert(e.sealKeyId, e.at);
    QDateTime published;
    if (const auto item = db::ReferenceRepository(sql).latest(QStringLiteral("seal_keys"), nullptr))
        published = QDateTime::fromString(item->publishedAt, Qt::ISODateWithMs);
    for (const core::SealKey& k : m_session.trustedSealKeys()) {
        PublishedSealKey p;
        p.keyId = k.keyId();
        p.fingerprint = fingerprint(k.rawPublicKey());
        p.since = firstGrant.value(p.keyId, published);
        p.publicPem = k.publicPem();
        o.keys << p;
    }

    // Every grant from its seal_key.granted to its seal_key.revoked; a re-sealing keeps it.
    QHash<QString, qsizetype> open; // user id + key id -> index in o.grants
    for (const db::ListedSealEvent& e : events) {
        const QString slot = e.userId + QLatin1Char('/') + e.sealKeyId;
        if (e.kind == core::SealGrant::grantedKind()) {
            if (open.contains(slot))
                continue; // granted again to a new signing key: the same grant
            SealGrantEntry g;
            g.username = nameOf(e.userId);
            if (const core::User* u = byId.value(e.userId)) {
                g.displayName = u->displayName;
                g.roles = u->roles;
            }
            g.sealKeyId = e.sealKeyId;
            g.grantedAt = e.at;
            g.grantedBy = nameOf(e.authorId);
            open.insert(slot, o.grants.size());
            o.grants << g;
        } else if (e.kind == core::SealGrant::revokedKind()) {
            const auto it = open.constFind(slot);
            if (it == open.constEnd())
                continue;
            SealGrantEntry& g = o.grants[*it];
            g.revokedAt = e.at;
            g.revokedBy = nameOf(e.authorId);
            g.reason = e.reasons;
            open.erase(it);
        }
    }
    std::reverse(o.grants.begin(), o.grants.end());

    db::UserRepository repository(sql);
    const db::UserDirectory directory(sql);
    for (const core::User& u : users) {
        DirectoryEntry d;
        d.roleChanges = directory.roleChanges().of(u.id);
        d.username = u.username;
        d.displayName = u.displayName;
        d.roles = u.roles;
        d.enabled = u.active;
        if (!u.active)
            d.disabledAt = repository.updatedAt(u.id);
        d.mustChange = u.mustChange;
        for (auto it = open.cbegin(); it != open.cend(); ++it)
            if (it.key().startsWith(u.id + QLatin1Char('/')))
                d.holdsSeal = true;
        for (const db::ListedKey& k : keys)
            if (k.userId == u.id) {
                core::DirectoryKey key;
                key.keyId = k.keyId;
                key.userId = k.userId;
                key.validFrom = k.validFrom;
                key.validUntil = k.validUntil;
                d.keys << key;
            }
        o.users << d;
    }
    return o;
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
