#include "UserDirectory.h"

#include "ChainCheckpoints.h"
#include "core/PasswordAuth.h"
#include "core/Role.h"

#include <QCborMap>
#include <QCborValue>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>
#include <limits>
#include <thread>
#include <vector>

namespace oneseal::db {

namespace {
core::DirectoryKey keyFromRow(const QSqlQuery& q)
{
    core::DirectoryKey k;
    k.keyId = q.value(0).toString();
    k.userId = q.value(1).toString();
    k.publicKey = q.value(2).toByteArray();
    k.validFrom = core::Event::timeFromText(q.value(3).toString());
    if (!q.value(4).isNull())
        k.validUntil = core::Event::timeFromText(q.value(4).toString());
    return k;
}
const char* const kKeyColumns = "SELECT key_id, user_id, public_key, valid_from, valid_until FROM user_keys ";
} // namespace

std::optional<core::DirectoryKey> UserDirectory::key(const QString& keyId) const
{
    const auto it = m_keys.constFind(keyId);
    if (it != m_keys.constEnd())
        return *it;
    QSqlQuery q(m_db);
    q.prepare(QLatin1String(kKeyColumns) + QStringLiteral("WHERE key_id = ?"));
    q.addBindValue(keyId);
    std::optional<core::DirectoryKey> found;
    if (q.exec() && q.next())
        found = keyFromRow(q);
    m_keys.insert(keyId, found);
    return found;
}

std::optional<core::DirectoryKey> UserDirectory::keyOfUserAt(const QString& userId, const QDateTime& at) const
{
    QSqlQuery q(m_db);
    q.prepare(QLatin1String(kKeyColumns) + QStringLiteral("WHERE user_id = ? ORDER BY valid_from DESC"));
    q.addBindValue(userId);
    if (!q.exec())
        return std::nullopt;
    while (q.next()) {
        const core::DirectoryKey k = keyFromRow(q);
        if (at.isValid() ? k.validAt(at) : !k.validUntil.isValid())
            return k;
    }
    return std::nullopt;
}

std::optional<core::DirectoryUser> UserDirectory::user(const QString& userId) const
{
    const auto it = m_users.constFind(userId);
    if (it != m_users.constEnd())
        return *it;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT roles, active, updated_at FROM users WHERE id = ?"));
    q.addBindValue(userId);
    std::optional<core::DirectoryUser> found;
    if (q.exec() && q.next()) {
        core::DirectoryUser u;
        u.id = userId;
        u.roles = core::rolesFromKeys(q.value(0).toString());
        if (q.value(1).toInt() == 0) {
            u.disabledAt = QDateTime::fromString(q.value(2).toString(), Qt::ISODateWithMs);
            if (!u.disabledAt.isValid())
                u.disabledAt = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
        }
        found = u;
    }
    m_users.insert(userId, found);
    return found;
}

const core::RoleChanges& UserDirectory::roleChanges() const
{
    if (m_roleChanges)
        return *m_roleChanges;
    m_roleChanges.emplace();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // The same WHERE as the partial index events_role_changes (migration 0120).
    if (q.exec(QStringLiteral("SELECT payload, recorded_at FROM events WHERE kind = 'user.roles_changed' "
                              "AND quarantine IS NULL ORDER BY recorded_at, seq")))
        while (q.next()) {
            core::Event e;
            e.kind = core::RoleChanges::eventKind();
            e.payloadCbor = q.value(0).toByteArray();
            e.recordedAt = core::Event::timeFromText(q.value(1).toString());
            if (const auto change = core::RoleChanges::fromEvent(e))
                m_roleChanges->add(*change);
        }
    return *m_roleChanges;
}

core::Roles UserDirectory::rolesAt(const QString& userId, const QDateTime& at) const
{
    const auto u = user(userId);
    return roleChanges().rolesAt(userId, at, u ? u->roles : core::Roles());
}

QString UserDirectory::acceptorOf(const QString& caseId) const
{
    const auto it = m_acceptors.constFind(caseId);
    if (it != m_acceptors.constEnd())
        return *it;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT user_id FROM events WHERE case_id = ? AND kind LIKE 'intake.%' "
                             "AND quarantine IS NULL ORDER BY seq LIMIT 1"));
    q.addBindValue(caseId);
    const QString acceptor = q.exec() && q.next() ? q.value(0).toString() : QString();
    m_acceptors.insert(caseId, acceptor);
    return acceptor;
}

namespace {
core::SealGrantRecord sealRecord(const QByteArray& payloadCbor, const QString& author, const QDateTime& at)
{
    const QCborMap p = QCborValue::fromCbor(payloadCbor).toMap();
    core::SealGrantRecord r;
    r.userId = p.value(QStringLiteral("user_id")).toString();
    if (r.userId.isEmpty())
        r.userId = author; // certificate.signed names no user: its author
    r.sealKeyId = p.value(QStringLiteral("seal_key_id")).toString();
    r.sealPublic = p.value(QStringLiteral("seal_public_key")).toByteArray();
    r.recipientKeyId = p.value(QStringLiteral("recipient_key_id")).toString();
    r.wrapped = p.value(QStringLiteral("wrapped")).toByteArray();
    r.grantedAt = at;
    return r;
}
} // namespace

const QList<UserDirectory::SealEvent>& UserDirectory::sealEvents() const
{
    if (m_sealEvents)
        return *m_sealEvents;
    m_sealEvents.emplace();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // The same WHERE as the partial index events_seal_grants (migration 0020).
    if (q.exec(QStringLiteral("SELECT kind, payload, user_id, recorded_at FROM events WHERE kind IN "
                              "('seal_key.granted', 'seal_key.revoked', 'seal_key.rewrapped') AND quarantine IS NULL "
                              "ORDER BY recorded_at, seq"))) {
        while (q.next())
            m_sealEvents->append({q.value(0).toString(),
                                  sealRecord(q.value(1).toByteArray(), q.value(2).toString(),
                                             core::Event::timeFromText(q.value(3).toString()))});
    }
    return *m_sealEvents;
}

void UserDirectory::noteSealEvent(const core::Event& event)
{
    if (!event.kind.startsWith(QLatin1String("seal_key.")))
        return;
    auto& list = const_cast<QList<SealEvent>&>(sealEvents());
    SealEvent s{event.kind, sealRecord(event.payloadCbor, event.userId, event.recordedAt)};
    // In time order (a batch is in push order, which follows the clock closely but not exactly).
    qsizetype i = list.size();
    while (i > 0 && list.at(i - 1).record.grantedAt > s.record.grantedAt)
        --i;
    list.insert(i, s);
}

std::optional<core::SealGrantRecord> UserDirectory::sealGrantAt(const QString& userId, const QString& sealKeyId,
                                                                const QDateTime& at) const
{
    std::optional<core::SealGrantRecord> current;
    for (const SealEvent& s : sealEvents()) {
        if (at.isValid() && s.record.grantedAt > at)
            break;
        if (s.record.userId != userId || s.record.sealKeyId != sealKeyId)
            continue;
        if (s.kind == core::SealGrant::revokedKind()) {
            current.reset();
        } else if (s.kind == core::SealGrant::grantedKind() || current) {
            // a re-sealing keeps the grant's start; a fresh grant starts it
            const QDateTime since = current && s.kind == core::SealGrant::rewrappedKind() ? current->grantedAt
                                                                                        : s.record.grantedAt;
            current = s.record;
            current->grantedAt = since;
        }
    }
    return current;
}

QList<core::SealGrantRecord> UserDirectory::sealGrantsOf(const QString& userId, const QDateTime& at) const
{
    QStringList keys;
    for (const SealEvent& s : sealEvents())
        if (s.record.userId == userId && !keys.contains(s.record.sealKeyId))
            keys.prepend(s.record.sealKeyId); // the newest seal key first
    QList<core::SealGrantRecord> grants;
    for (const QString& k : keys)
        if (auto g = sealGrantAt(userId, k, at))
            grants << *g;
    std::stable_sort(grants.begin(), grants.end(),
                     [](const core::SealGrantRecord& a, const core::SealGrantRecord& b) { return a.grantedAt > b.grantedAt; });
    return grants;
}

QList<QByteArray> UserDirectory::grantedSealKeys() const
{
    QList<QByteArray> keys;
    for (const SealEvent& s : sealEvents())
        if (s.record.sealPublic.size() == core::SealKey::kRawKeySize && !keys.contains(s.record.sealPublic))
            keys << s.record.sealPublic;
    return keys;
}

core::CaseHands UserDirectory::handsOf(const QString& caseId) const
{
    const auto it = m_hands.constFind(caseId);
    if (it != m_hands.constEnd())
        return *it;
    core::CaseHands hands;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT kind, user_id, payload FROM events WHERE case_id = ? AND quarantine IS NULL "
                             "AND (kind LIKE 'intake.%' OR kind LIKE 'review.%' OR kind LIKE 'inspection.%' "
                             "OR kind LIKE 'decision.%' OR kind = 'seal.applied' OR kind LIKE 'certificate.%')"));
    q.addBindValue(caseId);
    if (q.exec())
        while (q.next()) {
            core::Event e;
            e.kind = q.value(0).toString();
            e.userId = q.value(1).toString();
            e.payloadCbor = q.value(2).toByteArray();
            hands.note(e);
        }
    m_hands.insert(caseId, hands);
    return hands;
}

namespace {
QList<QPair<quint64, core::SeparationPolicy>> readPolicies(const QSqlDatabase& db)
{
    QList<QPair<quint64, core::SeparationPolicy>> policies;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT hlc, payload FROM events WHERE kind = ? AND quarantine IS NULL ORDER BY hlc, uuid"));
    q.addBindValue(core::SeparationPolicy::eventKind());
    if (q.exec())
        while (q.next())
            if (const auto p = core::SeparationPolicy::fromPayload(
                    QCborValue::fromCbor(q.value(1).toByteArray()).toMap(), nullptr))
                policies.append({q.value(0).toULongLong(), *p});
    return policies;
}
} // namespace

core::SeparationPolicy UserDirectory::separationPolicyAt(quint64 hlc) const
{
    if (!m_policies)
        m_policies = readPolicies(m_db);
    core::SeparationPolicy policy;
    for (const auto& [at, p] : *m_policies)
        if (at <= hlc)
            policy = p;
    return policy;
}

std::optional<core::ChainCheckpoint> UserDirectory::checkpointBefore(const QString& workstation, qint64 serverSeq) const
{
    // A batch asks for many events of one workstation in ascending order: one answer holds until the
    // next checkpoint of that workstation.
    const auto it = m_checkpoints.constFind(workstation);
    if (it != m_checkpoints.constEnd() && serverSeq > it->from && serverSeq <= it->to)
        return it->checkpoint;
    const ChainCheckpoints checkpoints(m_db);
    CheckpointSpan span;
    span.checkpoint = checkpoints.before(workstation, serverSeq);
    span.from = span.checkpoint ? span.checkpoint->serverSeq : 0;
    const qint64 next = checkpoints.firstFrom(workstation, serverSeq);
    span.to = next > 0 ? next : std::numeric_limits<qint64>::max();
    m_checkpoints.insert(workstation, span);
    return span.checkpoint;
}

core::SeparationPolicy UserDirectory::currentSeparationPolicy(const QSqlDatabase& db)
{
    const auto policies = readPolicies(db);
    return policies.isEmpty() ? core::SeparationPolicy() : policies.last().second;
}

namespace {
/** One step of a user's auth key: their user.created names it, a change proved by it moves it on. */
void stepAuthKey(QString* authKey, const QString& userId, const QString& kind, const QCborMap& p)
{
    if (p.value(QStringLiteral("user_id")).toString() != userId)
        return;
    if (kind == QLatin1String("user.created"))
        *authKey = p.value(QStringLiteral("auth_key")).toString().left(512);
    else if (kind == QLatin1String("user.password_changed") && !authKey->isEmpty()
             && core::PasswordAuth::verifyChange(*authKey, p))
        *authKey = p.value(QStringLiteral("auth_key")).toString().left(512);
    else if (kind == core::EventAdmission::passwordResetKind()) // the hub's: the administrator set a new one
        *authKey = p.value(QStringLiteral("auth_key")).toString().left(512);
}
} // namespace

QString UserDirectory::authKeyOf(const QString& userId) const
{
    const auto it = m_authKeys.constFind(userId);
    if (it != m_authKeys.constEnd())
        return *it;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // Resets: the hub's, in the user's name; in a hall without a hub also its administrator's (in the
    // administrator's name: stepAuthKey reads the user from the payload).
    q.prepare(QStringLiteral("SELECT kind, payload FROM events WHERE quarantine IS NULL AND (kind = 'user.created' "
                             "OR (kind = 'user.password_changed' AND user_id = ?) "
                             "OR (kind = 'user.password_reset' AND ((workstation = ? AND user_id = ?) OR ?))) ORDER BY seq"));
    q.addBindValue(userId);
    q.addBindValue(core::EventAdmission::hubWorkstation()); // the hub's only (a workstation's is quarantined)
    q.addBindValue(userId);
    q.addBindValue(!hubHall());
    QString authKey;
    if (q.exec())
        while (q.next())
            stepAuthKey(&authKey, userId, q.value(0).toString(), QCborValue::fromCbor(q.value(1).toByteArray()).toMap());
    m_authKeys.insert(userId, authKey);
    return authKey;
}

bool UserDirectory::hubHall() const
{
    if (!m_hubHall)
        m_hubHall = usersFromHub(m_db);
    return *m_hubHall;
}

bool UserDirectory::firstKeyProofRequired() const
{
    if (!m_proofRequired) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT 1 FROM events WHERE kind = ? AND workstation = ? AND quarantine IS NULL LIMIT 1"));
        q.addBindValue(core::EventAdmission::firstKeyProofRequiredKind());
        q.addBindValue(core::EventAdmission::hubWorkstation());
        m_proofRequired = q.exec() && q.next();
    }
    return *m_proofRequired;
}

void UserDirectory::noteAdmitted(const core::Event& event)
{
    if (event.workstation == core::EventAdmission::hubWorkstation())
        m_hubHall = true; // a batch's first events of the hub make the rest of it a hub hall's
    if (event.kind == core::RoleChanges::eventKind())
        if (const auto change = core::RoleChanges::fromEvent(event)) {
            roleChanges(); // what is stored, then this event of the batch
            m_roleChanges->add(*change);
        }
    if (event.kind == core::EventAdmission::firstKeyProofRequiredKind()
        && event.workstation == core::EventAdmission::hubWorkstation())
        m_proofRequired = true;
    if (event.kind == QLatin1String("user.created") || event.kind == QLatin1String("user.password_changed")
        || (event.kind == core::EventAdmission::passwordResetKind()
            && (event.workstation == core::EventAdmission::hubWorkstation() || !hubHall()))) {
        const QCborMap p = event.payload();
        const QString userId = p.value(QStringLiteral("user_id")).toString();
        QString authKey = authKeyOf(userId); // what is stored, then this event of the batch
        stepAuthKey(&authKey, userId, event.kind, p);
        m_authKeys.insert(userId, authKey);
    }
    if (!event.caseId.isEmpty() && core::EventAdmission::isAcceptance(event.kind)
        && m_acceptors.value(event.caseId).isEmpty())
        m_acceptors.insert(event.caseId, event.userId);
    if (!event.caseId.isEmpty() && core::handOfKind(event.kind)) {
        core::CaseHands hands = handsOf(event.caseId);
        hands.note(event);
        m_hands.insert(event.caseId, hands);
    }
    if (event.kind == core::SeparationPolicy::eventKind())
        if (const auto p = core::SeparationPolicy::fromPayload(event.payload(), nullptr)) {
            if (!m_policies)
                m_policies = readPolicies(m_db);
            m_policies->append({event.hlc, *p});
            std::stable_sort(m_policies->begin(), m_policies->end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
        }
}

QByteArray UserDirectory::wrappedKey(const QString& keyId) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT wrapped FROM user_keys WHERE key_id = ?"));
    q.addBindValue(keyId);
    return q.exec() && q.next() ? q.value(0).toByteArray() : QByteArray();
}

bool UserDirectory::registerKey(const core::Event& event, QString* error)
{
    const QCborMap p = QCborValue::fromCbor(event.payloadCbor).toMap();
    const QString keyId = p.value(QStringLiteral("key_id")).toString();
    const QString at = core::Event::timeText(event.recordedAt);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE user_keys SET valid_until = ? WHERE user_id = ? AND valid_until IS NULL"));
    q.addBindValue(at);
    q.addBindValue(event.userId);
    bool ok = q.exec();
    if (ok) {
        q.prepare(QStringLiteral("INSERT INTO user_keys(key_id, user_id, public_key, wrapped, valid_from) "
                                 "VALUES(?, ?, ?, ?, ?)"));
        q.addBindValue(keyId);
        q.addBindValue(event.userId);
        q.addBindValue(p.value(QStringLiteral("public_key")).toByteArray());
        q.addBindValue(p.value(QStringLiteral("wrapped")).toByteArray());
        q.addBindValue(at);
        ok = q.exec();
    }
    // A key registered (by its predecessor) with a time before a reset of the user ends at the reset
    // too: the reset ends every key of before, whenever its registration arrives.
    if (const QDateTime reset = resetAfter(event.userId, event.recordedAt); ok && reset.isValid()) {
        q.prepare(QStringLiteral("UPDATE user_keys SET valid_until = ? WHERE key_id = ?"));
        q.addBindValue(core::Event::timeText(reset));
        q.addBindValue(keyId);
        ok = q.exec();
    }
    if (!ok) {
        if (error)
            *error = tr("The signing key %1 could not be stored: %2").arg(keyId, q.lastError().text());
        return false;
    }
    m_keys.clear();
    return true;
}

bool UserDirectory::usersFromHub(const QSqlDatabase& db)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM events WHERE workstation = ? LIMIT 1"));
    q.addBindValue(core::EventAdmission::hubWorkstation());
    return q.exec() && q.next();
}

QDateTime UserDirectory::resetAfter(const QString& userId, const QDateTime& at) const
{
    QDateTime first;
    for (const QDateTime& t : m_batchResets.value(userId))
        if (t > at && (!first.isValid() || t < first))
            first = t;
    QSqlQuery q(m_db);
    // The hub's resets are in the user's name; a hall without a hub's in its administrator's.
    q.prepare(QStringLiteral("SELECT recorded_at, payload FROM events WHERE kind = ? AND quarantine IS NULL "
                             "AND ((workstation = ? AND user_id = ?) OR ?)"));
    q.addBindValue(core::EventAdmission::passwordResetKind());
    q.addBindValue(core::EventAdmission::hubWorkstation());
    q.addBindValue(userId);
    q.addBindValue(!hubHall());
    if (q.exec())
        while (q.next())
            if (const QDateTime t = core::Event::timeFromText(q.value(0).toString());
                t > at && (!first.isValid() || t < first)
                && QCborValue::fromCbor(q.value(1).toByteArray()).toMap().value(QStringLiteral("user_id")).toString()
                    == userId)
                first = t;
    return first;
}

bool UserDirectory::applyReset(const core::Event& event, QString* error)
{
    if (event.kind != core::EventAdmission::passwordResetKind()
        || (event.workstation != core::EventAdmission::hubWorkstation() && hubHall()))
        return true;
    const QString userId = event.payload().value(QStringLiteral("user_id")).toString();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE user_keys SET valid_until = ? WHERE user_id = ? "
                             "AND (valid_until IS NULL OR valid_until > ?)"));
    const QString at = core::Event::timeText(event.recordedAt);
    q.addBindValue(at);
    q.addBindValue(userId);
    q.addBindValue(at);
    if (!q.exec()) {
        if (error)
            *error = tr("The password reset of user %1 could not end their signing key: %2")
                         .arg(userId, q.lastError().text());
        return false;
    }
    m_batchResets[userId] << event.recordedAt;
    m_keys.clear();
    return true;
}

quint64 UserDirectory::legacyHlc(const QSqlDatabase& db)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(legacyHlcKey());
    if (q.exec() && q.next())
        return q.value(0).toULongLong();
    return core::EventAdmission::kAllUnsigned;
}

bool UserDirectory::admit(QList<core::Event>& events, QString* error)
{
    const quint64 legacy = legacyHlc(m_db);
    // The signatures first, on up to four cores: the slow part (tens of microseconds an event), and
    // independent of order for every key the directory holds already. The rules then run in order.
    const qsizetype n = events.size();
    std::vector<QByteArray> keys(static_cast<size_t>(n));
    std::vector<char> verified(static_cast<size_t>(n), 0);
    for (qsizetype i = 0; i < n; ++i)
        if (!events.at(i).signature.isEmpty())
            if (const auto k = key(events.at(i).keyId))
                keys[size_t(i)] = k->publicKey;
    auto verifyRange = [&](qsizetype from, qsizetype to) {
        for (qsizetype i = from; i < to; ++i)
            if (!keys[size_t(i)].isEmpty())
                verified[size_t(i)] = core::EventAdmission::verify(events.at(i), keys[size_t(i)]) ? 1 : 0;
    };
    const int threads = n < 64 ? 1 : int(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
    std::vector<std::thread> helpers;
    const qsizetype share = (n + threads - 1) / threads;
    for (int t = 1; t < threads; ++t)
        helpers.emplace_back(verifyRange, std::min(n, t * share), std::min(n, (t + 1) * share));
    verifyRange(0, std::min(n, share));
    for (std::thread& t : helpers)
        t.join();
    for (qsizetype i = 0; i < n; ++i) {
        core::Event& e = events[i];
        e.quarantine = core::EventAdmission::check(e, *this, legacy, verified[size_t(i)] != 0);
        if (!e.quarantine.isEmpty())
            continue;
        noteAdmitted(e);
        noteSealEvent(e);
        if (e.kind == core::EventAdmission::keyRegisteredKind() && !registerKey(e, error))
            return false;
        if (e.kind == core::EventAdmission::passwordResetKind() && !applyReset(e, error))
            return false;
    }
    return true;
}

} // namespace oneseal::db
