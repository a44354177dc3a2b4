#include "HubStore.h"

#include "Pki.h"
#include "Protocol.h"
#include "core/CaseNumber.h"
#include "core/Role.h"
#include "core/User.h"
#include "db/UserRepository.h"

#include <QCborArray>
#include <QCborValue>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

namespace oneseal::sync {

namespace {
bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}

QString isoNow(const core::Clock& clock)
{
    return clock.now().toUTC().toString(Qt::ISODate);
}

bool exec(QSqlQuery& q, QString* error)
{
    if (q.exec())
        return true;
    return fail(error, q.lastError().text());
}

bool putSecret(const QSqlDatabase& db, const QString& name, const QByteArray& value, QString* error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO hub_secrets(name, value) VALUES(?, ?)"));
    q.addBindValue(name);
    q.addBindValue(value);
    return exec(q, error);
}

const QString kCaKey = QStringLiteral("ca_key");
const QString kCaCert = QStringLiteral("ca_cert");
const QString kTlsKey = QStringLiteral("tls_key");
const QString kTlsCert = QStringLiteral("tls_cert");
const QString kSealKey = QStringLiteral("seal_signing_key");
} // namespace

QString HubStore::databasePath(const QString& directory)
{
    return QDir(directory).filePath(QStringLiteral("hub.db"));
}

QString HubStore::keyPath(const QString& directory)
{
    return QDir(directory).filePath(QStringLiteral("hub.key"));
}

bool HubStore::initialize(const HubSetup& setup, QString* error)
{
    if (setup.directory.isEmpty())
        return fail(error, tr("Give the folder of the hub."));
    if (setup.hallName.trimmed().isEmpty())
        return fail(error, tr("Enter the name of the hall's bureau."));
    if (QString e = core::validateUsername(setup.adminUsername); !e.isEmpty())
        return fail(error, e);
    if (QString e = core::validateNewPassword(setup.adminPassword); !e.isEmpty())
        return fail(error, e);
    const QString dbPath = databasePath(setup.directory);
    const QString keyFile = keyPath(setup.directory);
    if (QFile::exists(dbPath) || QFile::exists(keyFile))
        return fail(error, tr("A hub already exists in %1; it was left as it is.").arg(setup.directory));
    if (!QDir().mkpath(setup.directory))
        return fail(error, tr("The folder %1 cannot be created.").arg(setup.directory));
    QFile::setPermissions(setup.directory, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    QByteArray key = core::crypto::randomBytes(32);
    auto cleanup = [&] {
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(dbPath + QLatin1String(suffix));
        QFile::remove(keyFile);
    };
    {
        // The key file is created readable by its owner (the service user) only, before the key is in it.
        QFile f(keyFile);
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly)
            || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            || f.write(key.toHex() + '\n') != 65) {
            f.remove();
            core::crypto::wipe(key);
            return fail(error, tr("The key file %1 cannot be written.").arg(keyFile));
        }
    }
    QString e;
    auto database = db::Database::open(dbPath, key, {.create = true}, &e);
    core::crypto::wipe(key);
    if (!database || !database->migrate(&e)) {
        database.reset();
        cleanup();
        return fail(error, e);
    }

    QStringList hosts = setup.hosts;
    for (const QString& h : {QStringLiteral("localhost"), QStringLiteral("127.0.0.1")})
        if (!hosts.contains(h))
            hosts << h;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray caKey = Pki::generateEcKey();
    const QByteArray caCert = Pki::createCaCertificate(caKey, setup.hallName.trimmed() + QStringLiteral(" OneSeal CA"),
                                                       20, &e);
    const QByteArray tlsKey = Pki::generateEcKey();
    const QByteArray tlsCert = caCert.isEmpty()
        ? QByteArray()
        : Pki::issueCertificate(caKey, caCert, Pki::publicKey(tlsKey), QStringLiteral("OneSeal hub"),
                                now.addSecs(-3600), now.addYears(10), true, hosts, &e);
    const QByteArray sealKey = Pki::generateEd25519Key();
    if (caKey.isEmpty() || caCert.isEmpty() || tlsKey.isEmpty() || tlsCert.isEmpty() || sealKey.isEmpty()) {
        database.reset();
        cleanup();
        return fail(error, e.isEmpty() ? tr("The hub's keys could not be created.") : e);
    }

    core::User admin;
    admin.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    admin.username = setup.adminUsername.trimmed();
    admin.displayName = setup.adminDisplayName.trimmed().isEmpty() ? admin.username : setup.adminDisplayName.trimmed();
    admin.roles = core::Role::Administrator;
    admin.passwordHash = core::crypto::hashPassword(setup.adminPassword, setup.kdf);

    bool ok = false;
    {
        const QSqlDatabase sql = database->sql();
        db::Transaction tx(sql);
        ok = tx.isActive() && putSecret(sql, kCaKey, caKey, &e) && putSecret(sql, kCaCert, caCert, &e)
            && putSecret(sql, kTlsKey, tlsKey, &e) && putSecret(sql, kTlsCert, tlsCert, &e)
            && putSecret(sql, kSealKey, sealKey, &e)
            && database->setMeta(QStringLiteral("workstation_id"), hubWorkstation(), &e)
            && database->setMeta(QStringLiteral("hall_name"), setup.hallName.trimmed(), &e)
            && database->setMeta(QStringLiteral("role"), QStringLiteral("hub"), &e)
            && database->setMeta(QStringLiteral("created_at"), now.toString(Qt::ISODate), &e)
            && db::UserRepository(sql).insert(admin, &e) && tx.commit(&e);
        if (!ok && e.isEmpty())
            e = tx.errorText();
    }
    database.reset();
    if (!ok) {
        cleanup();
        return fail(error, e);
    }
    auto hub = open(setup.directory, &e);
    if (!hub) {
        cleanup();
        return fail(error, e);
    }
    const QByteArray sealPublic = Pki::publicKey(sealKey);
    const QCborArray sealKeys{QCborMap{{QStringLiteral("key_id"), QString::fromLatin1(core::crypto::sha256(sealPublic).left(8).toHex())},
                                       {QStringLiteral("algorithm"), QStringLiteral("Ed25519")},
                                       {QStringLiteral("public_key"), sealPublic},
                                       {QStringLiteral("hall"), setup.hallName.trimmed()}}};
    {
        db::Transaction tx(hub->database().sql());
        const QCborMap payload{{QStringLiteral("user_id"), admin.id},
                               {QStringLiteral("username"), admin.username},
                               {QStringLiteral("display_name"), admin.displayName},
                               {QStringLiteral("roles"), core::roleKeys(admin.roles).join(QLatin1Char(','))}};
        ok = tx.isActive() && hub->appendHubEvent(QStringLiteral("user.created"), payload, admin.id, &e)
            && tx.commit(&e);
    }
    ok = ok && hub->publishReference(QStringLiteral("users"), hub->usersSnapshot(), &e)
        && hub->publishReference(QStringLiteral("seal_keys"), sealKeys.toCborValue().toCbor(), &e);
    if (!ok) {
        hub.reset();
        cleanup();
        return fail(error, e);
    }
    return true;
}

std::unique_ptr<HubStore> HubStore::open(const QString& directory, QString* error, const core::Clock& clock)
{
    QFile f(keyPath(directory));
    if (!f.open(QIODevice::ReadOnly)) {
        fail(error, tr("The hub's key file %1 cannot be read (run oneseal-admin hub init first, and run the hub "
                       "as the user that owns it).")
                        .arg(keyPath(directory)));
        return nullptr;
    }
    if (f.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther)) {
        fail(error, tr("The hub's key file %1 may be read by others; allow its owner only (chmod 600).")
                        .arg(keyPath(directory)));
        return nullptr;
    }
    QByteArray hex = f.readAll().trimmed();
    QByteArray key = QByteArray::fromHex(hex);
    core::crypto::wipe(hex);
    if (key.size() != 32) {
        fail(error, tr("The hub's key file %1 does not hold a 256-bit key.").arg(keyPath(directory)));
        return nullptr;
    }
    if (!QFile::exists(databasePath(directory))) {
        fail(error, tr("There is no hub database in %1.").arg(directory));
        return nullptr;
    }
    std::unique_ptr<HubStore> hub(new HubStore);
    hub->m_clock = &clock;
    QString e;
    hub->m_database = db::Database::open(databasePath(directory), key, {}, &e);
    core::crypto::wipe(key);
    if (!hub->m_database || !hub->m_database->migrate(&e) || !hub->loadSecrets(&e)) {
        fail(error, e);
        return nullptr;
    }
    hub->m_events = std::make_unique<db::EventStore>(*hub->m_database, hubWorkstation(), clock);
    // The hub stores and relays events; the projections live on the workstations, which fold them.
    hub->m_events->clearProjections();
    hub->m_hlc = core::HybridLogicalClock(clock);
    QSqlQuery q(hub->m_database->sql());
    if (q.exec(QStringLiteral("SELECT max(hlc) FROM events")) && q.next())
        hub->m_hlc.restore(quint64(q.value(0).toLongLong()));
    return hub;
}

bool HubStore::loadSecrets(QString* error)
{
    QSqlQuery q(m_database->sql());
    if (!q.exec(QStringLiteral("SELECT name, value FROM hub_secrets")))
        return fail(error, q.lastError().text());
    while (q.next()) {
        const QString name = q.value(0).toString();
        const QByteArray value = q.value(1).toByteArray();
        if (name == kCaKey)
            m_caKey = value;
        else if (name == kCaCert)
            m_caCert = value;
        else if (name == kTlsKey)
            m_tlsKey = value;
        else if (name == kTlsCert)
            m_tlsCert = value;
    }
    m_hallName = m_database->meta(QStringLiteral("hall_name"));
    if (m_caKey.isEmpty() || m_caCert.isEmpty() || m_tlsKey.isEmpty() || m_tlsCert.isEmpty()
        || m_database->meta(QStringLiteral("role")) != QLatin1String("hub"))
        return fail(error, tr("This database is not a hub's (no certificate authority in it)."));
    return true;
}

qint64 HubStore::nextServerSeq(QString* error) const
{
    QSqlQuery q(m_database->sql());
    if (!q.exec(QStringLiteral("SELECT server_seq FROM events WHERE server_seq IS NOT NULL "
                               "ORDER BY server_seq DESC LIMIT 1"))) {
        fail(error, q.lastError().text());
        return 0;
    }
    return (q.next() ? q.value(0).toLongLong() : 0) + 1;
}

bool HubStore::appendHubEvent(const QString& kind, const QCborMap& payload, const QString& userId, QString* error)
{
    const auto e = m_events->append(QString(), kind, payload, userId, error);
    if (!e)
        return false;
    const qint64 seq = nextServerSeq(error);
    return seq > 0 && m_events->markSent(e->id, seq, error);
}

std::optional<QString> HubStore::createEnrollmentCode(const QString& workstation, const QString& createdBy,
                                                      int validHours, QString* error)
{
    if (validHours < 1 || validHours > 24 * 30) {
        fail(error, tr("A code is valid for 1 hour to 30 days."));
        return std::nullopt;
    }
    if (!workstation.isEmpty() && (workstation.size() > 64 || workstation == hubWorkstation())) {
        fail(error, tr("The workstation name %1 cannot be used.").arg(workstation));
        return std::nullopt;
    }
    const QString code = Protocol::newCode();
    const QDateTime now = m_clock->now().toUTC();
    QSqlQuery q(m_database->sql());
    q.prepare(QStringLiteral("INSERT INTO sync_enrollment_codes(code, workstation_id, created_by, created_at, "
                             "expires_at) VALUES(?, ?, ?, ?, ?)"));
    q.addBindValue(Protocol::normalizeCode(code));
    q.addBindValue(workstation.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(workstation));
    q.addBindValue(createdBy);
    q.addBindValue(now.toString(Qt::ISODate));
    q.addBindValue(now.addSecs(qint64(validHours) * 3600).toString(Qt::ISODate));
    if (!exec(q, error))
        return std::nullopt;
    return code;
}

std::optional<QByteArray> HubStore::enroll(const QString& workstation, const QString& label,
                                           const QByteArray& publicKey, const QByteArray& proof, QString* code,
                                           QString* error)
{
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (!namePattern.match(workstation).hasMatch() || workstation == hubWorkstation()) {
        fail(error, tr("The workstation name %1 cannot be used.").arg(workstation.left(64)));
        return std::nullopt;
    }
    const QString now = isoNow(*m_clock);
    const QSqlDatabase sql = m_database->sql();
    db::Transaction tx(sql);
    if (!tx.isActive()) {
        fail(error, tx.errorText());
        return std::nullopt;
    }
    QSqlQuery q(sql);
    q.prepare(QStringLiteral("SELECT code, workstation_id FROM sync_enrollment_codes WHERE used_at IS NULL AND "
                             "expires_at > ?"));
    q.addBindValue(now);
    if (!exec(q, error))
        return std::nullopt;
    QString matched;
    QString boundTo;
    while (q.next()) {
        const QString candidate = q.value(0).toString();
        if (core::crypto::constantTimeEquals(Protocol::enrollProof(candidate, workstation, publicKey, m_tlsCert), proof)) {
            matched = candidate;
            boundTo = q.value(1).toString();
        }
    }
    q.finish();
    if (matched.isEmpty()) {
        fail(error, tr("No valid enrollment code matches (wrong, used or expired code, or the connection was "
                       "intercepted)."));
        return std::nullopt;
    }
    if (!boundTo.isEmpty() && boundTo != workstation) {
        fail(error, tr("This code is for workstation %1, not %2.").arg(boundTo, workstation));
        return std::nullopt;
    }
    q.prepare(QStringLiteral("SELECT revoked_at FROM sync_workstations WHERE workstation_id = ?"));
    q.addBindValue(workstation);
    if (!exec(q, error))
        return std::nullopt;
    const bool known = q.next();
    const bool active = known && q.value(0).isNull();
    q.finish();
    if (active) {
        fail(error, tr("Workstation %1 is enrolled already; revoke it first to enroll it again.").arg(workstation));
        return std::nullopt;
    }
    const QDateTime start = m_clock->now().toUTC();
    const QByteArray cert = Pki::issueCertificate(m_caKey, m_caCert, publicKey, workstation, start.addSecs(-300),
                                                  start.addDays(kClientCertificateDays), false, {}, error);
    const auto info = Pki::inspect(cert);
    if (cert.isEmpty() || !info)
        return std::nullopt;
    if (known) {
        q.prepare(QStringLiteral("UPDATE sync_workstations SET label = ?, cert_serial = ?, cert_sha256 = ?, "
                                 "cert_expires = ?, certificate = ?, enrolled_at = ?, revoked_at = NULL, "
                                 "revoke_reason = NULL WHERE workstation_id = ?"));
    } else {
        q.prepare(QStringLiteral("INSERT INTO sync_workstations(label, cert_serial, cert_sha256, cert_expires, "
                                 "certificate, enrolled_at, workstation_id) VALUES(?, ?, ?, ?, ?, ?, ?)"));
    }
    q.addBindValue(label.left(200));
    q.addBindValue(info->serial);
    q.addBindValue(QString::fromLatin1(core::crypto::sha256(cert).toHex()));
    q.addBindValue(info->notAfter.toString(Qt::ISODate));
    q.addBindValue(cert);
    q.addBindValue(now);
    q.addBindValue(workstation);
    if (!exec(q, error))
        return std::nullopt;
    q.prepare(QStringLiteral("UPDATE sync_enrollment_codes SET used_at = ?, used_by = ? WHERE code = ? AND used_at IS NULL"));
    q.addBindValue(now);
    q.addBindValue(workstation);
    q.addBindValue(matched);
    if (!exec(q, error) || q.numRowsAffected() != 1 || !tx.commit(error)) {
        if (error && error->isEmpty())
            *error = tr("The code was spent at the same moment by another workstation.");
        return std::nullopt;
    }
    if (code)
        *code = matched;
    return cert;
}

bool HubStore::revoke(const QString& workstation, const QString& reason, QString* error)
{
    const QSqlDatabase sql = m_database->sql();
    db::Transaction tx(sql);
    QSqlQuery q(sql);
    q.prepare(QStringLiteral("SELECT cert_serial, revoked_at FROM sync_workstations WHERE workstation_id = ?"));
    q.addBindValue(workstation);
    if (!tx.isActive() || !exec(q, error))
        return false;
    if (!q.next())
        return fail(error, tr("No workstation %1 is enrolled at this hub.").arg(workstation));
    const QString serial = q.value(0).toString();
    if (!q.value(1).isNull())
        return fail(error, tr("Workstation %1 is revoked already.").arg(workstation));
    q.finish();
    const QString now = isoNow(*m_clock);
    const QString why = reason.trimmed().isEmpty() ? tr("revoked by the administrator") : reason.trimmed();
    q.prepare(QStringLiteral("UPDATE sync_workstations SET revoked_at = ?, revoke_reason = ? WHERE workstation_id = ?"));
    q.addBindValue(now);
    q.addBindValue(why);
    q.addBindValue(workstation);
    if (!exec(q, error))
        return false;
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO sync_revocations(cert_serial, workstation_id, revoked_at, reason) "
                             "VALUES(?, ?, ?, ?)"));
    q.addBindValue(serial);
    q.addBindValue(workstation);
    q.addBindValue(now);
    q.addBindValue(why);
    return exec(q, error) && tx.commit(error);
}

std::optional<QString> HubStore::authenticate(const QByteArray& certificateDer, QString* reason) const
{
    if (!Pki::verifyIssuedBy(certificateDer, m_caCert, m_clock->now().toUTC(), reason))
        return std::nullopt;
    const auto info = Pki::inspect(certificateDer);
    if (!info || info->isCa) {
        fail(reason, tr("The certificate is not a workstation's."));
        return std::nullopt;
    }
    QSqlQuery q(m_database->sql());
    q.prepare(QStringLiteral("SELECT workstation_id, reason FROM sync_revocations WHERE cert_serial = ?"));
    q.addBindValue(info->serial);
    if (q.exec() && q.next()) {
        fail(reason, tr("The certificate of workstation %1 was revoked: %2").arg(q.value(0).toString(), q.value(1).toString()));
        return std::nullopt;
    }
    q.prepare(QStringLiteral("SELECT cert_sha256, revoked_at, revoke_reason FROM sync_workstations WHERE workstation_id = ?"));
    q.addBindValue(info->commonName);
    if (!q.exec() || !q.next()) {
        fail(reason, tr("Workstation %1 is not enrolled at this hub.").arg(info->commonName));
        return std::nullopt;
    }
    if (!q.value(1).isNull()) {
        fail(reason, tr("Workstation %1 was revoked: %2").arg(info->commonName, q.value(2).toString()));
        return std::nullopt;
    }
    if (q.value(0).toString() != QString::fromLatin1(core::crypto::sha256(certificateDer).toHex())) {
        fail(reason, tr("The certificate of workstation %1 was replaced by a newer one.").arg(info->commonName));
        return std::nullopt;
    }
    return info->commonName;
}

void HubStore::touch(const QString& workstation)
{
    QSqlQuery q(m_database->sql());
    q.prepare(QStringLiteral("UPDATE sync_workstations SET last_seen_at = ? WHERE workstation_id = ?"));
    q.addBindValue(isoNow(*m_clock));
    q.addBindValue(workstation);
    q.exec();
}

std::optional<PushOutcome> HubStore::push(const QString& workstation, const QList<core::Event>& events, QString* error)
{
    const QSqlDatabase sql = m_database->sql();
    db::Transaction tx(sql);
    if (!tx.isActive()) {
        fail(error, tx.errorText());
        return std::nullopt;
    }
    QSqlQuery q(sql);
    q.prepare(QStringLiteral("SELECT chain_head FROM sync_workstations WHERE workstation_id = ?"));
    q.addBindValue(workstation);
    if (!exec(q, error))
        return std::nullopt;
    if (!q.next()) {
        fail(error, tr("Workstation %1 is not enrolled at this hub.").arg(workstation));
        return std::nullopt;
    }
    QByteArray head = q.value(0).toByteArray();
    q.finish();
    PushOutcome outcome;
    QList<core::Event> fresh;
    QSet<QUuid> seen;
    qint64 next = nextServerSeq(error);
    if (next <= 0)
        return std::nullopt;
    const qint64 nowMs = m_clock->nowMs();
    quint64 maxHlc = 0;
    for (core::Event e : events) {
        const QString uuid = e.id.toString(QUuid::WithoutBraces);
        if (e.workstation != workstation) {
            fail(error, tr("Workstation %1 pushed event %2 of workstation %3; only its own events are accepted.")
                            .arg(workstation, uuid, e.workstation));
            return std::nullopt;
        }
        if (!e.hashIsValid()) {
            fail(error, tr("Event %1 does not match its hash.").arg(uuid));
            return std::nullopt;
        }
        if (seen.contains(e.id))
            continue;
        seen.insert(e.id);
        if (const auto stored = m_events->stored(e.id)) {
            if (stored->hash != e.hash) {
                fail(error, tr("Event %1 was pushed again with other content.").arg(uuid));
                return std::nullopt;
            }
            outcome.acks.append({e.id, stored->serverSeq});
            ++outcome.duplicates;
            continue;
        }
        if (e.prevHash != head) {
            fail(error, tr("Event %1 does not follow the last event the hub has from workstation %2 (its hash chain "
                           "is broken or events are missing).")
                            .arg(uuid, workstation));
            return std::nullopt;
        }
        head = e.hash;
        e.serverSeq = next++;
        outcome.acks.append({e.id, e.serverSeq});
        if (core::HybridLogicalClock::millis(e.hlc) > nowMs + kClockAheadMs)
            outcome.clockAhead = true;
        maxHlc = std::max(maxHlc, e.hlc);
        fresh << e;
    }
    if (!fresh.isEmpty()) {
        // Each hash was checked above and none is stored yet: stored without looking again.
        if (!m_events->applyRemoteChecked(fresh, error) || !takePasswordChanges(fresh, error))
            return std::nullopt;
        q.prepare(QStringLiteral("UPDATE sync_workstations SET chain_head = ?, events_pushed = events_pushed + ?, "
                                 "last_seen_at = ? WHERE workstation_id = ?"));
        q.addBindValue(head);
        q.addBindValue(fresh.size());
        q.addBindValue(isoNow(*m_clock));
        q.addBindValue(workstation);
        if (!exec(q, error))
            return std::nullopt;
    }
    if (!tx.commit(error))
        return std::nullopt;
    outcome.stored = int(fresh.size());
    if (maxHlc)
        m_hlc.receive(maxHlc);
    return outcome;
}

HubStore::Wire HubStore::toWire(const core::Event& event)
{
    return Wire{Protocol::encodeEvent(event), event.serverSeq, event.payloadCbor.size() + 256};
}

QList<HubStore::Wire> HubStore::wireBetween(qint64 after, qint64 through, int limit) const
{
    QList<Wire> out;
    // Older than the cache: from the database.
    if (after < m_wireBase) {
        for (const core::Event& e : m_events->eventsBetween(after, std::min(through, m_wireBase), limit))
            out << toWire(e);
        if (out.size() >= limit)
            return out;
        after = m_wireBase;
    }
    for (auto it = m_wire.upper_bound(after); it != m_wire.end() && it->first <= through && out.size() < limit; ++it)
        out << it->second;
    return out;
}

HubStore::PullReply HubStore::pull(qint64 after, int limit, qint64 maxBytes, const SeqRanges& skip) const
{
    const qint64 newest = m_events->maxServerSeq();
    // Bring the cache up to the newest event (those pushed since, or appended by oneseal-admin).
    if (m_wireThrough < 0 || newest < m_wireThrough) { // first use, or the database is not what was cached
        m_wire.clear();
        m_wireBase = m_wireThrough = newest;
    }
    while (m_wireThrough < newest) {
        const QList<core::Event> fresh = m_events->eventsBetween(m_wireThrough, newest, 5000);
        if (fresh.isEmpty())
            break;
        for (const core::Event& e : fresh)
            m_wire.emplace(e.serverSeq, toWire(e));
        m_wireThrough = fresh.constLast().serverSeq;
    }
    while (m_wire.size() > size_t(kWireCache)) {
        m_wireBase = m_wire.begin()->first;
        m_wire.erase(m_wire.begin());
    }

    // The stretches between the skipped runs, in order, until limit + 1 events are read (one more
    // than asked tells whether there are others).
    QList<Wire> wire;
    qint64 from = after;
    qsizetype next = 0;
    while (wire.size() <= limit && from < newest) {
        while (next < skip.ranges().size() && skip.ranges().at(next).first <= from + 1) {
            from = std::max(from, skip.ranges().at(next).second);
            ++next;
        }
        if (from >= newest)
            break;
        const qint64 upTo = next < skip.ranges().size() ? skip.ranges().at(next).first - 1 : newest;
        wire += wireBetween(from, upTo, limit + 1 - int(wire.size()));
        if (wire.size() > limit)
            break;
        from = upTo;
    }
    PullReply reply;
    reply.more = wire.size() > limit;
    if (reply.more)
        wire.resize(limit);
    qint64 bytes = 0;
    for (int i = 0; i < wire.size(); ++i) {
        bytes += wire.at(i).bytes;
        if (bytes > maxBytes && i > 0) {
            wire.resize(i);
            reply.more = true;
            break;
        }
    }
    for (const Wire& w : std::as_const(wire))
        reply.events.append(w.value);
    // All of (after, newest] is covered unless the reply was cut: then up to its last event.
    reply.through = reply.more ? wire.constLast().serverSeq : std::max(after, newest);
    return reply;
}

std::optional<NumberLease> HubStore::lease(const QString& workstation, const QString& kind, const QString& requestId,
                                           QString* error)
{
    if (kind != core::numbering::caseKind && kind != core::numbering::certificateKind) {
        fail(error, tr("There are no number blocks of kind %1.").arg(kind.left(40)));
        return std::nullopt;
    }
    if (requestId.isEmpty() || requestId.size() > 64) {
        fail(error, tr("A lease request needs an id."));
        return std::nullopt;
    }
    const QSqlDatabase sql = m_database->sql();
    db::Transaction tx(sql);
    QSqlQuery q(sql);
    q.prepare(QStringLiteral("SELECT kind, block_start, block_end, workstation_id FROM sync_number_leases "
                             "WHERE request_id = ?"));
    q.addBindValue(requestId);
    if (!tx.isActive() || !exec(q, error))
        return std::nullopt;
    NumberLease lease;
    lease.kind = kind;
    if (q.next()) {
        if (q.value(0).toString() != kind || q.value(3).toString() != workstation) {
            fail(error, tr("The lease request %1 belongs to another workstation or kind.").arg(requestId));
            return std::nullopt;
        }
        lease.start = q.value(1).toLongLong();
        lease.end = q.value(2).toLongLong();
        return lease;
    }
    q.finish();
    q.prepare(QStringLiteral("SELECT coalesce(max(block_end), 0) + 1 FROM sync_number_leases WHERE kind = ?"));
    q.addBindValue(kind);
    if (!exec(q, error) || !q.next())
        return std::nullopt;
    lease.start = q.value(0).toLongLong();
    lease.end = lease.start + core::numbering::kBlockSize - 1;
    q.finish();
    q.prepare(QStringLiteral("INSERT INTO sync_number_leases(kind, block_start, block_end, workstation_id, request_id, "
                             "leased_at) VALUES(?, ?, ?, ?, ?, ?)"));
    for (const QVariant& v : QVariantList{kind, lease.start, lease.end, workstation, requestId, isoNow(*m_clock)})
        q.addBindValue(v);
    if (!exec(q, error) || !tx.commit(error))
        return std::nullopt;
    return lease;
}

std::optional<qint64> HubStore::publishReference(const QString& kind, const QByteArray& payload, QString* error)
{
    const QString hash = QString::fromLatin1(core::crypto::sha256(payload).toHex());
    QSqlQuery q(m_database->sql());
    q.prepare(QStringLiteral("SELECT version, sha256 FROM sync_reference WHERE kind = ? ORDER BY version DESC LIMIT 1"));
    q.addBindValue(kind);
    if (!exec(q, error))
        return std::nullopt;
    qint64 version = 1;
    if (q.next()) {
        if (q.value(1).toString() == hash)
            return q.value(0).toLongLong();
        version = q.value(0).toLongLong() + 1;
    }
    q.finish();
    q.prepare(QStringLiteral("INSERT INTO sync_reference(kind, version, payload, sha256, published_at) VALUES(?, ?, ?, ?, ?)"));
    for (const QVariant& v : QVariantList{kind, version, payload, hash, isoNow(*m_clock)})
        q.addBindValue(v);
    if (!exec(q, error))
        return std::nullopt;
    return version;
}

QList<ReferenceItem> HubStore::referenceNewerThan(const QMap<QString, qint64>& have) const
{
    QList<ReferenceItem> items;
    QSqlQuery q(m_database->sql());
    if (!q.exec(QStringLiteral("SELECT r.kind, r.version, r.payload, r.sha256, r.published_at FROM sync_reference r "
                               "WHERE r.version = (SELECT max(version) FROM sync_reference WHERE kind = r.kind) "
                               "ORDER BY r.kind")))
        return items;
    while (q.next()) {
        ReferenceItem item{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toByteArray(),
                           q.value(3).toString(), q.value(4).toString()};
        if (item.version > have.value(item.kind, 0))
            items << item;
    }
    return items;
}

bool HubStore::takePasswordChanges(const QList<core::Event>& events, QString* error)
{
    // A user who changed their password at a workstation: the hub takes the new hash (users are the
    // hub's reference data) and publishes the users again, so every workstation's key slot and the
    // seal's password check follow. Only the user's own change counts.
    bool changed = false;
    db::UserRepository users(m_database->sql());
    for (const core::Event& e : events) {
        if (e.kind != QLatin1String("user.password_changed"))
            continue;
        const QCborMap payload = QCborValue::fromCbor(e.payloadCbor).toMap();
        const QString userId = payload.value(QStringLiteral("user_id")).toString();
        const QString hash = payload.value(QStringLiteral("password_hash")).toString();
        QByteArray salt, verifier;
        core::crypto::ScryptParams params;
        if (userId.isEmpty() || userId != e.userId || !users.byId(userId)
            || !core::crypto::parsePasswordHash(hash, &salt, &params, &verifier))
            continue; // an older client's event, or not the user's own: the event stays, the users don't change
        if (!users.updatePasswordHash(userId, hash, error))
            return false;
        changed = true;
    }
    return !changed || publishReference(QStringLiteral("users"), usersSnapshot(), error).has_value();
}

QByteArray HubStore::usersSnapshot() const
{
    QCborArray users;
    for (const core::User& u : db::UserRepository(m_database->sql()).all())
        users.append(QCborMap{{QStringLiteral("id"), u.id},
                              {QStringLiteral("username"), u.username},
                              {QStringLiteral("display_name"), u.displayName},
                              {QStringLiteral("password_hash"), u.passwordHash},
                              {QStringLiteral("roles"), core::roleKeys(u.roles).join(QLatin1Char(','))},
                              {QStringLiteral("active"), u.active}});
    return users.toCborValue().toCbor();
}

bool HubStore::addUser(const QString& username, const QString& displayName, const QString& roleKeys,
                       const QString& password, QString* error, const core::crypto::ScryptParams& kdf)
{
    if (QString e = core::validateUsername(username); !e.isEmpty())
        return fail(error, e);
    if (QString e = core::validateNewPassword(password); !e.isEmpty())
        return fail(error, e);
    QStringList unknown;
    core::User user;
    user.roles = core::rolesFromKeys(roleKeys, &unknown);
    if (!unknown.isEmpty() || user.roles == core::Roles())
        return fail(error, tr("Unknown roles: %1").arg(unknown.join(QStringLiteral(", "))));
    user.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    user.username = username.trimmed();
    user.displayName = displayName.trimmed().isEmpty() ? user.username : displayName.trimmed();
    user.passwordHash = core::crypto::hashPassword(password, kdf);
    {
        db::Transaction tx(m_database->sql());
        const QCborMap payload{{QStringLiteral("user_id"), user.id},
                               {QStringLiteral("username"), user.username},
                               {QStringLiteral("display_name"), user.displayName},
                               {QStringLiteral("roles"), core::roleKeys(user.roles).join(QLatin1Char(','))}};
        if (!tx.isActive() || !db::UserRepository(m_database->sql()).insert(user, error)
            || !appendHubEvent(QStringLiteral("user.created"), payload, user.id, error) || !tx.commit(error))
            return false;
    }
    return publishReference(QStringLiteral("users"), usersSnapshot(), error).has_value();
}

} // namespace oneseal::sync
