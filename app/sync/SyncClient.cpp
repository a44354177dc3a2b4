#include "SyncClient.h"

#include "core/CborInteger.h"
#include "db/UserDirectory.h"

#include "ClientState.h"
#include "HubDataReceiver.h"
#include "protocol/Pki.h"
#include "protocol/Protocol.h"
#include "core/CaseNumber.h"
#include "core/Catalog.h"
#include "core/Crypto.h"
#include "db/BlobTransfer.h"
#include "db/ChainCheckpoints.h"
#include "db/CatalogRepository.h"
#include "db/IntakeRepository.h"
#include "db/ReferenceRepository.h"
#include "db/WorkstationProjections.h"
#include "db/hub/HubRecoveryRepository.h"

#include <QCborArray>
#include <QCborValue>
#include <QDebug>
#include <QSqlError>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QSysInfo>
#include <QUuid>
#include <QElapsedTimer>

#include <deque>
#include <limits>

namespace oneseal::sync {

namespace {
bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}

const QString kHost = QStringLiteral("hub_host");
const QString kPort = QStringLiteral("hub_port");
const QString kClientKey = QStringLiteral("client_key");
const QString kClientCert = QStringLiteral("client_cert");
const QString kCaCert = QStringLiteral("ca_cert");
const QString kHubPin = QStringLiteral("hub_pin");
const QString kHall = QStringLiteral("hall");
const QString kCursor = QStringLiteral("cursor");
const QString kLastSuccess = QStringLiteral("last_sync_at");
const QString kFilesSentUpTo = QStringLiteral("files_sent_rowid"); ///< attachment_blobs rowid the hub has all up to
const QString kHlcSeen = QStringLiteral("hlc_seen");
const QString kHubGeneration = QStringLiteral("hub_generation");
const QString kRecoveryBase = QStringLiteral("recovery_base");       ///< set until the renumbered cases are refolded
const QString kRestoredSeenAt = QStringLiteral("hub_restored_seen_at");
const QString kResent = QStringLiteral("hub_restored_resent");

/**
 * Marks a whole acknowledged batch as sent, a few statements instead of one per event: each UPDATE
 * copies the pages it changes into SQLCipher's encrypted statement journal once. An event that
 * was not changed (marked already, or unknown) is checked by EventStore::markSent().
 */
bool markBatchSent(db::EventStore& events, const QSqlDatabase& db, const QList<QPair<QUuid, qint64>>& acks,
                   QString* error)
{
    // Up to 256 events per UPDATE (3 values each, SQLite 3.15 takes at most 999), in a few fixed
    // sizes so that the statements stay prepared; one statement journals each page once.
    static constexpr int kSizes[] = {256, 64, 16, 4, 1};
    QSqlQuery q(db);
    int prepared = 0;
    qsizetype at = 0;
    while (at < acks.size()) {
        int n = 1;
        for (int size : kSizes)
            if (acks.size() - at >= size) {
                n = size;
                break;
            }
        if (n != prepared) {
            QString sql = QStringLiteral("UPDATE events SET server_seq = CASE uuid");
            for (int i = 0; i < n; ++i)
                sql += QStringLiteral(" WHEN ? THEN ?");
            sql += QStringLiteral(" END WHERE server_seq IS NULL AND uuid IN (?");
            for (int i = 1; i < n; ++i)
                sql += QStringLiteral(", ?");
            sql += QLatin1Char(')');
            if (!q.prepare(sql))
                return fail(error, q.lastError().text());
            prepared = n;
        }
        for (qsizetype i = at; i < at + n; ++i) {
            q.addBindValue(acks.at(i).first.toString(QUuid::WithoutBraces));
            q.addBindValue(acks.at(i).second);
        }
        for (qsizetype i = at; i < at + n; ++i)
            q.addBindValue(acks.at(i).first.toString(QUuid::WithoutBraces));
        if (!q.exec())
            return fail(error, SyncClient::tr("The event %1 could not be marked as sent: %2")
                                   .arg(acks.at(at).first.toString(QUuid::WithoutBraces), q.lastError().text()));
        // Fewer rows changed: some were marked already (or are unknown): each is checked as alone.
        if (q.numRowsAffected() != n)
            for (qsizetype i = at; i < at + n; ++i)
                if (!events.markSent(acks.at(i).first, acks.at(i).second, error))
                    return false;
        at += n;
    }
    return true;
}
} // namespace

SyncClient::SyncClient(db::Database& database, const core::Clock& clock)
    : m_database(database)
    , m_clock(clock)
{
    m_workstation = database.meta(QStringLiteral("workstation_id"));
    m_events = std::make_unique<db::EventStore>(database, m_workstation, clock);
    db::registerWorkstationProjections(*m_events);
}

SyncClient::~SyncClient()
{
    disconnectFromHub();
}

QByteArray SyncClient::state(const QString& name) const
{
    return ClientState(m_database.sql()).value(name);
}

bool SyncClient::setState(const QString& name, const QByteArray& value, QString* error)
{
    return ClientState(m_database.sql()).setValue(name, value, error);
}

bool SyncClient::isEnrolled() const
{
    return ClientState(m_database.sql()).enrolled();
}

qint64 SyncClient::cursor() const
{
    return state(kCursor).toLongLong();
}

QDateTime SyncClient::lastSuccess() const
{
    if (m_lastSuccess.isValid())
        return m_lastSuccess;
    return QDateTime::fromString(QString::fromLatin1(state(kLastSuccess)), Qt::ISODateWithMs);
}

bool SyncClient::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState && m_socket->isEncrypted();
}

void SyncClient::disconnectFromHub()
{
    if (m_socket) {
        m_socket->abort();
        m_socket.reset();
    }
}

std::optional<QCborMap> SyncClient::request(QCborMap frame, const QString& expected, QString* error)
{
    QElapsedTimer traceTimer;
    traceTimer.start();
    const qint64 number = send(std::move(frame), error);
    if (number <= 0)
        return std::nullopt;
    return awaitReply(number, expected, traceTimer, error);
}

qint64 SyncClient::send(QCborMap frame, QString* error)
{
    const qint64 number = ++m_number;
    frame.insert(msg::number, number);
    m_socket->write(Frame::encode(frame));
    // No event loop runs here: hand the encrypted bytes to the socket now, or they wait for one.
    m_socket->flush();
    while (m_socket->bytesToWrite() > 0) {
        if (!m_socket->waitForBytesWritten(m_timeoutMs)) {
            const QString why = m_socket->errorString();
            disconnectFromHub();
            fail(error, tr("The hub did not take the data: %1").arg(why));
            return 0;
        }
    }
    return number;
}

std::optional<QCborMap> SyncClient::awaitReply(qint64 number, const QString& expected, const QElapsedTimer& traceTimer,
                                               QString* error)
{
    static const bool trace = qEnvironmentVariableIsSet("ONESEAL_SYNC_TRACE");
    for (;;) {
        QCborMap reply;
        QString frameError;
        const auto status = m_reader.next(&reply, &frameError);
        if (status == FrameReader::Status::Error) {
            disconnectFromHub();
            fail(error, tr("The hub sent something unreadable: %1").arg(frameError));
            return std::nullopt;
        }
        if (status == FrameReader::Status::Ready) {
            const QString type = reply.value(msg::type).toString();
            if (type == msg::error) {
                disconnectFromHub();
                fail(error, tr("The hub refused: %1").arg(reply.value(msg::message).toString()));
                return std::nullopt;
            }
            if (type != expected || core::cborInteger(reply.value(msg::replyTo)) != number) {
                disconnectFromHub();
                fail(error, tr("The hub answered out of turn (%1 instead of %2).").arg(type.left(40), expected));
                return std::nullopt;
            }
            if (trace)
                qInfo("TRACE %s %lld ms", qPrintable(expected), traceTimer.elapsed());
            if (m_replyHook)
                m_replyHook(expected);
            return reply;
        }
        QElapsedTimer waited;
        waited.start();
        const bool ready = m_socket->bytesAvailable() > 0 || m_socket->waitForReadyRead(m_timeoutMs);
        m_waitedNs += waited.nsecsElapsed();
        if (!ready) {
            const QString why = m_socket->errorString();
            disconnectFromHub();
            fail(error, tr("The hub did not answer: %1").arg(why));
            return std::nullopt;
        }
        m_reader.append(m_socket->readAll());
    }
}

bool SyncClient::enroll(const QString& host, quint16 port, const QString& code, QString* error)
{
    if (m_workstation.isEmpty())
        return fail(error, tr("This database has no workstation name."));
    // Enrolling again (a hub rebuilt with a new certificate authority, docs/OPERATIONS.md): the
    // replica keeps its events, cursor, number blocks and the hub generation it knew, so its chain
    // continues and the rebuilt hub gets what it lacks; only the hall must stay the same.
    const bool again = isEnrolled();
    if (Protocol::normalizeCode(code).size() != 20)
        return fail(error, tr("An enrollment code has 20 letters and digits."));
    if (!again) {
        // Numbers are leased by the hub; a standalone hall's own blocks would collide with them.
        QSqlQuery q(m_database.sql());
        if (q.exec(QStringLiteral("SELECT count(*) FROM number_blocks")) && q.next() && q.value(0).toInt() > 0)
            return fail(error, tr("This database issues its own case numbers (it was created as a standalone hall). "
                                  "Create the workstation with \"oneseal-admin init --joins-hub\" to enroll it."));
    }
    disconnectFromHub();
    m_socket = std::make_unique<QSslSocket>();
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    // The hub's certificate cannot be checked yet: the proof of the code is bound to the certificate
    // we see, so a man in the middle makes the enrollment fail instead.
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    m_socket->setSslConfiguration(config);
    m_socket->connectToHostEncrypted(host, port);
    if (!m_socket->waitForEncrypted(m_timeoutMs)) {
        const QString why = m_socket->errorString();
        disconnectFromHub();
        return fail(error, tr("The hub at %1:%2 cannot be reached: %3").arg(host).arg(port).arg(why));
    }
    m_reader = FrameReader();
    m_number = 0;
    const QByteArray hubCert = m_socket->peerCertificate().toDer();
    QByteArray key = Pki::generateEcKey();
    const QByteArray publicKey = Pki::publicKey(key);
    const auto reply = request(QCborMap{{msg::type, msg::enroll},
                                        {msg::version, msg::kVersion},
                                        {msg::workstation, m_workstation},
                                        {msg::label, QSysInfo::machineHostName()},
                                        {msg::publicKey, publicKey},
                                        {msg::proof, Protocol::enrollProof(code, m_workstation, publicKey, hubCert)}},
                               msg::enrolled, error);
    disconnectFromHub();
    if (!reply)
        return false;
    const QByteArray cert = reply->value(msg::certificate).toByteArray();
    const QByteArray ca = reply->value(msg::ca).toByteArray();
    const QDateTime now = m_clock.now().toUTC();
    QString why;
    const auto info = Pki::inspect(cert);
    const auto hubInfo = Pki::inspect(hubCert);
    if (!core::crypto::constantTimeEquals(Protocol::hubProof(code, cert, ca), reply->value(msg::proof).toByteArray()))
        return fail(error, tr("The hub could not prove it knows the code; it is not the hall's hub."));
    if (!info || !hubInfo || info->publicKey != publicKey || info->commonName != m_workstation
        || !Pki::verifyIssuedBy(cert, ca, now, &why) || !Pki::verifyIssuedBy(hubCert, ca, now, &why))
        return fail(error, tr("The hub sent a certificate that does not fit: %1").arg(why));
    const QString hall = reply->value(msg::hall).toString();
    if (again && !state(kHall).isEmpty() && QString::fromUtf8(state(kHall)) != hall)
        return fail(error, tr("This workstation belongs to the hall \"%1\"; the hub at %2:%3 serves \"%4\". It was not "
                              "enrolled there.")
                               .arg(QString::fromUtf8(state(kHall)), host)
                               .arg(port)
                               .arg(hall));
    db::Transaction tx(m_database.sql());
    const bool ok = tx.isActive() && setState(kHost, host.toUtf8(), error)
        && setState(kPort, QByteArray::number(port), error) && setState(kClientKey, key, error)
        && setState(kClientCert, cert, error) && setState(kCaCert, ca, error)
        && setState(kHubPin, core::crypto::sha256(hubInfo->publicKey), error)
        && setState(QStringLiteral("hub_cert"), hubCert, error)
        && setState(kHall, hall.toUtf8(), error) && tx.commit(error);
    core::crypto::wipe(key);
    return ok;
}

bool SyncClient::connectToHub(QString* error)
{
    if (isConnected())
        return true;
    if (!isEnrolled())
        return fail(error, tr("This workstation is not enrolled at a hub."));
    disconnectFromHub();
    const QString host = QString::fromUtf8(state(kHost));
    const quint16 port = quint16(state(kPort).toUInt());
    m_socket = std::make_unique<QSslSocket>();
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(QSslCertificate(state(kClientCert), QSsl::Der));
    QByteArray keyDer = state(kClientKey);
    config.setPrivateKey(QSslKey(Pki::privateKeyPem(keyDer), QSsl::Ec, QSsl::Pem));
    core::crypto::wipe(keyDer);
    // The hub is recognised by its pinned public key (checked below), stricter than a CA check.
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    m_socket->setSslConfiguration(config);
    m_socket->connectToHostEncrypted(host, port);
    if (!m_socket->waitForEncrypted(m_timeoutMs)) {
        const QString why = m_socket->errorString();
        disconnectFromHub();
        return fail(error, tr("The hub at %1:%2 cannot be reached: %3").arg(host).arg(port).arg(why));
    }
    const auto hubInfo = Pki::inspect(m_socket->peerCertificate().toDer());
    if (!hubInfo || core::crypto::sha256(hubInfo->publicKey) != state(kHubPin)) {
        disconnectFromHub();
        return fail(error, tr("The server at %1:%2 is not this hall's hub (its key differs from the enrolled one).")
                               .arg(host)
                               .arg(port));
    }
    m_reader = FrameReader();
    m_number = 0;
    const quint64 seen = m_database.meta(kHlcSeen).toULongLong();
    const auto welcome = request(QCborMap{{msg::type, msg::hello},
                                          {msg::version, msg::kVersion},
                                          {msg::workstation, m_workstation},
                                          {msg::hlc, qint64(seen)},
                                          {msg::held, heldNumbers()},
                                          {msg::checkpointVersion, 2}},
                                 msg::welcome, error);
    if (!welcome || !meetHub(*welcome, error)) {
        disconnectFromHub();
        return false;
    }
    const quint64 hubHlc = quint64(core::cborInteger(welcome->value(msg::hlc)));
    if (hubHlc > seen)
        m_database.setMeta(kHlcSeen, QString::number(hubHlc), nullptr);
    // What the hub holds of this workstation's chain: verify-audit checks that this replica still
    // has it (services::AuditService).
    if (const QByteArray head = welcome->value(msg::chainHead).toByteArray(); head.size() == 32)
        m_database.setMeta(db::EventStore::hubChainHeadKey(), QString::fromLatin1(head.toHex()), nullptr);
    // The key of the hub's chain checkpoints, from the pinned hub (docs/SECURITY.md, "Checkpoints").
    if (!db::ChainCheckpoints(m_database.sql()).addHubKey(welcome->value(msg::checkpointKey).toByteArray(), error))
        return false;
    // The hub's legacy point governs this replica's rules too (db::UserDirectory).
    if (welcome->contains(msg::legacyHlc)) {
        const QString legacy = QString::number(core::cborInteger(welcome->value(msg::legacyHlc)));
        if (m_database.meta(db::UserDirectory::legacyHlcKey()) != legacy
            && !m_database.setMeta(db::UserDirectory::legacyHlcKey(), legacy, error))
            return false;
    }
    return true;
}

QCborMap SyncClient::heldNumbers() const
{
    QCborMap held;
    QSqlQuery q(m_database.sql());
    if (q.exec(QStringLiteral("SELECT kind, max(block_end) FROM number_blocks GROUP BY kind")))
        while (q.next())
            held.insert(q.value(0).toString(), q.value(1).toLongLong());
    return held;
}

QDateTime SyncClient::hubRestoredSeenAt() const
{
    return QDateTime::fromString(QString::fromLatin1(state(kRestoredSeenAt)), Qt::ISODateWithMs);
}

QDateTime SyncClient::oldestUnsentAt() const
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("SELECT min(recorded_at) FROM events WHERE server_seq IS NULL AND workstation = ?"));
    q.addBindValue(m_workstation);
    if (!q.exec() || !q.next() || q.value(0).isNull())
        return {};
    QDateTime at = QDateTime::fromString(q.value(0).toString(), Qt::ISODateWithMs);
    if (!at.isValid())
        at = QDateTime::fromString(q.value(0).toString(), Qt::ISODate);
    return at.toUTC();
}

qint64 SyncClient::resentAfterRestore() const
{
    return state(kResent).toLongLong();
}

std::optional<QList<core::ChainCheckpoint>> SyncClient::readCheckpoints(const QCborArray& list, qint64 after,
                                                                         qint64 through, QString* error, bool leaveOutHeld)
{
    // Signed by the hub's current checkpoint key (the one its last welcome named), numbered within
    // what the reply covers; anything else is refused with the reply.
    const db::ChainCheckpoints held(m_database.sql());
    const QList<QByteArray> keys = held.hubKeys();
    QList<core::ChainCheckpoint> checkpoints;
    if (list.size() > 2 * kMaxCheckpointsPerReply) {
        disconnectFromHub();
        fail(error, tr("The hub sent %1 checkpoints in one reply, more than %2.").arg(list.size()).arg(2 * kMaxCheckpointsPerReply));
        return std::nullopt;
    }
    for (const QCborValue& v : list) {
        const auto cp = core::ChainCheckpoint::fromCbor(v.toMap());
        if (leaveOutHeld && cp && cp->serverSeq <= after && held.holds(*cp))
            continue;
        if (!cp || keys.isEmpty() || !cp->verify(keys.constLast()) || cp->serverSeq > through) {
            disconnectFromHub();
            fail(error, tr("The hub sent a chain checkpoint that is unreadable, out of place or not signed by its key."));
            return std::nullopt;
        }
        checkpoints << *cp;
    }
    return checkpoints;
}

bool SyncClient::meetHub(const QCborMap& welcome, QString* error)
{
    const QString generation = welcome.value(msg::generation).toString();
    const QString known = QString::fromUtf8(state(kHubGeneration));
    const qint64 last = core::cborInteger(welcome.value(msg::last));
    const qint64 cursorHere = cursor();
    const bool otherGeneration = !generation.isEmpty() && !known.isEmpty() && generation != known;
    if (!otherGeneration && last >= cursorHere) {
        if (known.isEmpty() && !generation.isEmpty())
            return setState(kHubGeneration, generation.toUtf8(), error); // the first meeting
        return true;
    }
    // Numbers up to base mean the same events here and at the hub; above it they do not.
    qint64 base = 0; // a lineage not known: everything again (the hub acknowledges what it has)
    if (!otherGeneration)
        base = last; // the same hub, behind this workstation: it lost what came after last
    else if (welcome.value(msg::parentGeneration).toString() == known)
        base = std::min(core::cborInteger(welcome.value(msg::restoredThrough)), cursorHere);
    base = std::max<qint64>(0, base);
    db::Transaction tx(m_database.sql());
    if (!tx.isActive())
        return fail(error, tx.errorText());
    const auto cleared = db::ServerSeqRenumbering::clearAbove(m_database.sql(), base, error);
    const QString now = m_clock.now().toUTC().toString(Qt::ISODateWithMs);
    if (!cleared || !db::ChainCheckpoints(m_database.sql()).clearAbove(base, error)
        || !setState(kCursor, QByteArray::number(base), error)
        || !setState(kHubGeneration, generation.toUtf8(), error)
        || !setState(kRecoveryBase, QByteArray::number(base), error) || !setState(kRestoredSeenAt, now.toLatin1(), error)
        || !setState(kResent, QByteArray::number(*cleared), error) || !tx.commit(error))
        return false;
    m_held = {};
    m_meeting.hubRestored = true;
    m_meeting.resent = *cleared;
    return true;
}

bool SyncClient::finishRecovery(QString* error)
{
    const QByteArray base = state(kRecoveryBase);
    if (base.isEmpty())
        return true;
    // Every event numbered above base got its number from this generation of the hub: the cases
    // they belong to are folded once more in that order; cases below base were not touched.
    db::Transaction tx(m_database.sql());
    if (!tx.isActive())
        return fail(error, tx.errorText());
    const QStringList cases = db::ServerSeqRenumbering::casesAbove(m_database.sql(), base.toLongLong());
    return m_events->refoldCases(cases, error) && setState(kRecoveryBase, QByteArray(), error) && tx.commit(error);
}

QDateTime SyncClient::certificateExpires() const
{
    const auto info = Pki::inspect(state(kClientCert));
    return info ? info->notAfter.toUTC() : QDateTime();
}

bool SyncClient::renewCertificate(QString* error)
{
    if (!connectToHub(error))
        return false;
    QByteArray key = Pki::generateEcKey();
    const QByteArray publicKey = Pki::publicKey(key);
    const auto reply = request(QCborMap{{msg::type, msg::renew}, {msg::publicKey, publicKey}}, msg::renewed, error);
    if (!reply) {
        core::crypto::wipe(key);
        return false;
    }
    const QByteArray cert = reply->value(msg::certificate).toByteArray();
    const auto info = Pki::inspect(cert);
    QString why;
    if (!info || info->publicKey != publicKey || info->commonName != m_workstation
        || !Pki::verifyIssuedBy(cert, state(kCaCert), m_clock.now().toUTC(), &why)) {
        core::crypto::wipe(key);
        return fail(error, tr("The hub sent a renewed certificate that does not fit: %1").arg(why));
    }
    db::Transaction tx(m_database.sql());
    const bool ok = tx.isActive() && setState(kClientKey, key, error) && setState(kClientCert, cert, error)
        && tx.commit(error);
    core::crypto::wipe(key);
    return ok;
}

std::optional<SyncReport> SyncClient::syncOnce(QString* error)
{
    SyncReport report;
    m_held = {}; // only what this round's push was told
    m_waitedNs = 0;
    m_meeting = {};
    // Push before pull: what this workstation did reaches the hub first. The reference data (users:
    // enabled, disabled_at) before the pull, so that the rules admit the pulled events with the
    // directory the hub had when it refused or admitted them (docs/SECURITY.md).
    if (!connectToHub(error) || !pushAll(report, error) || !syncReference(report, error) || !pullAll(report, error)
        || !finishRecovery(error) || !refillNumbers(report, error) || !syncFiles(report, error))
        return std::nullopt;
    report.hubRestored = m_meeting.hubRestored;
    report.resent = m_meeting.resent;
    // Last, so that a refused renewal (it closes the connection) costs nothing of the round.
    const QDateTime expires = certificateExpires();
    if (expires.isValid() && m_clock.now().toUTC().addDays(kRenewBeforeDays) >= expires) {
        report.renewed = renewCertificate(&report.renewalError);
        if (!report.renewed)
            qWarning().noquote() << "the certificate could not be renewed:" << report.renewalError;
    }
    // Stored at most once a minute (the status bar shows minutes): each write is a commit, and so a
    // flush to disk, of its own, which an idle workstation would otherwise make every few seconds.
    m_lastSuccess = m_clock.now().toUTC();
    if (!m_lastSuccessStored.isValid() || m_lastSuccess < m_lastSuccessStored
        || m_lastSuccessStored.secsTo(m_lastSuccess) >= kLastSuccessStoredEverySecs) {
        if (!setState(kLastSuccess, m_lastSuccess.toString(Qt::ISODateWithMs).toLatin1(), error))
            return std::nullopt;
        m_lastSuccessStored = m_lastSuccess;
    }
    report.cursor = cursor();
    report.unsent = m_events->unsentCount();
    report.hubWaitMs = double(m_waitedNs) / 1e6;
    return report;
}

bool SyncClient::pushAll(SyncReport& report, QString* error)
{
    // Pipelined: up to kPushWindow batches are on their way before the first acknowledgement is
    // read, so the hub stores one batch while this side reads and sends the next. The hub handles
    // a connection's frames in order and refuses (and closes) at the first bad one; each batch is
    // marked sent only once its own acknowledgement is here.
    struct InFlight
    {
        qint64 number = 0;
        QList<core::Event> batch;
        QElapsedTimer sent;
    };
    std::deque<InFlight> inFlight;
    std::optional<core::Event> lastSent;
    // Whatever is written here from now on carries a clock after this one (EventStore::append), and
    // whatever was written before is pushed below: the hub's round checkpoint relies on both.
    m_roundSeen = m_database.meta(kHlcSeen).toULongLong();
    bool drained = false;
    for (;;) {
        while (!drained && inFlight.size() < size_t(kPushWindow)) {
            QList<core::Event> batch =
                lastSent ? m_events->unsentEventsAfter(*lastSent, kPushBatch) : m_events->unsentEvents(kPushBatch);
            if (batch.isEmpty()) {
                drained = true;
                break;
            }
            InFlight next;
            next.sent.start();
            QCborMap frame{{msg::type, msg::push}, {msg::list, Protocol::encodeEvents(batch)}};
            // After a restore this workstation also pushes events it pulled from others.
            if (std::any_of(batch.cbegin(), batch.cend(), [this](const core::Event& e) { return e.workstation != m_workstation; }))
                frame.insert(msg::relay, true);
            // Fewer than a batch unsent: everything written before this round's clock is in it, so
            // the hub signs the round's checkpoint with this push (docs/SECURITY.md, "Checkpoints").
            if (batch.size() < kPushBatch && m_roundSeen > 0) {
                frame.insert(msg::roundEnd, true);
                frame.insert(msg::seen, qint64(m_roundSeen));
            }
            next.number = send(std::move(frame), error);
            if (next.number <= 0)
                return false;
            lastSent = batch.constLast();
            next.batch = std::move(batch);
            inFlight.push_back(std::move(next));
        }
        if (inFlight.empty())
            return true;
        const InFlight& oldest = inFlight.front();
        const QList<core::Event>& batch = oldest.batch;
        const auto reply = awaitReply(oldest.number, msg::pushed, oldest.sent, error);
        if (!reply)
            return false;
        const QCborArray acks = reply->value(msg::acks).toArray();
        if (acks.size() != batch.size()) {
            disconnectFromHub();
            return fail(error, tr("The hub acknowledged %1 of %2 events.").arg(acks.size()).arg(batch.size()));
        }
        std::optional<core::ChainCheckpoint> checkpoint;
        if (reply->contains(msg::checkpoint)) {
            const auto read = readCheckpoints(QCborArray{reply->value(msg::checkpoint)}, 0,
                                              std::numeric_limits<qint64>::max(), error);
            if (!read)
                return false;
            // The newest of this workstation's own events in the batch (after a restore it relays others' too).
            QByteArray ownHead;
            for (const core::Event& e : batch)
                if (e.workstation == m_workstation)
                    ownHead = e.hash;
            if (read->constFirst().workstation != m_workstation || read->constFirst().head != ownHead) {
                disconnectFromHub();
                return fail(error, tr("The hub sent a checkpoint of another chain than the one pushed."));
            }
            checkpoint = read->constFirst();
        }
        QList<QPair<QUuid, qint64>> marks;
        marks.reserve(acks.size());
        for (const QCborValue& ack : acks) {
            const QCborArray a = ack.toArray();
            const QUuid id = QUuid::fromString(a.at(0).toString());
            if (id.isNull() || core::cborInteger(a.at(1)) <= 0) {
                disconnectFromHub();
                return fail(error, tr("The hub sent an unreadable acknowledgement."));
            }
            marks.append({id, core::cborInteger(a.at(1))});
        }
        // Marked sent only now, after the hub has stored them, in one transaction.
        db::Transaction tx(m_database.sql());
        if (!tx.isActive())
            return fail(error, tx.errorText());
        if (!markBatchSent(*m_events, m_database.sql(), marks, error)
            || (checkpoint && !db::ChainCheckpoints(m_database.sql()).store(*checkpoint, error))
            || (!inFlight.front().batch.isEmpty()
                && !m_database.setMeta(db::EventStore::hubChainHeadKey(), QString::fromLatin1(inFlight.front().batch.last().hash.toHex()),
                                       error))
            || !tx.commit(error))
            return false;
        for (const auto& mark : std::as_const(marks))
            m_held.add(mark.second);
        report.pushed += int(acks.size());
        report.clockAhead = report.clockAhead || reply->value(msg::clockAhead).toBool();
        inFlight.pop_front();
    }
}

bool SyncClient::syncFiles(SyncReport& report, QString* error)
{
    db::BlobTransfer blobs(m_database.sql());
    // Up: the files stored here since the last round that the hub does not have yet.
    for (;;) {
        const qint64 upTo = state(kFilesSentUpTo).toLongLong();
        const auto stored = blobs.storedAfter(upTo, 100);
        if (stored.isEmpty())
            break;
        QStringList shas;
        for (const auto& [rowid, sha] : stored)
            shas << sha;
        const auto lacking = request(QCborMap{{msg::type, msg::blobMissing}, {msg::list, QCborArray::fromStringList(shas)}},
                                     msg::blobLacking, error);
        if (!lacking)
            return false;
        for (const QCborValue& v : lacking->value(msg::list).toArray()) {
            const QString sha = v.toString();
            for (qint64 offset = 0;;) {
                const auto chunk = blobs.chunk(sha, offset, db::BlobTransfer::kChunkBytes);
                if (!chunk || chunk->data.isEmpty())
                    break; // not here (the hub asked about a file we did not offer): nothing to send
                const auto ack = request(QCborMap{{msg::type, msg::blobPut},
                                                     {msg::sha256, sha},
                                                     {msg::mime, chunk->mime},
                                                     {msg::size, chunk->size},
                                                     {msg::offset, offset},
                                                     {msg::data, chunk->data}},
                                            msg::blobStored, error);
                if (!ack)
                    return false;
                offset += chunk->data.size();
                if (ack->value(msg::complete).toBool()) {
                    ++report.filesSent;
                    break;
                }
                if (offset >= chunk->size)
                    return fail(error, tr("The hub did not take the file %1 whole.").arg(sha.left(12)));
            }
        }
        if (!setState(kFilesSentUpTo, QByteArray::number(stored.constLast().first), error))
            return false;
    }
    // Down: files attached to cases here whose bytes have not arrived yet (resuming a cut transfer).
    for (const QString& sha : blobs.referencedButMissing(200)) {
        for (;;) {
            const qint64 offset = blobs.received(sha);
            const auto reply = request(QCborMap{{msg::type, msg::blobGet}, {msg::sha256, sha}, {msg::offset, offset}},
                                       msg::blob, error);
            if (!reply)
                return false;
            if (reply->value(msg::absent).toBool())
                break; // the hub does not have it yet: the workstation that took it has not synced since
            const db::BlobChunk chunk{sha, reply->value(msg::mime).toString(), core::cborInteger(reply->value(msg::size)),
                                      core::cborInteger(reply->value(msg::offset)), reply->value(msg::data).toByteArray()};
            bool complete = false;
            if (!blobs.put(chunk, &complete, error))
                return false;
            if (complete) {
                ++report.filesReceived;
                break;
            }
        }
    }
    return true;
}

bool SyncClient::pullAll(SyncReport& report, QString* error)
{
    quint64 hubHlc = 0;
    for (;;) {
        const qint64 after = cursor();
        // This workstation's own events that the hub just numbered are here already: the hub leaves
        // them out and says how far its reply reaches (`through`).
        m_held.dropThrough(after);
        QCborMap ask{{msg::type, msg::pull}, {msg::after, after}, {msg::limit, kPullBatch}};
        if (m_roundSeen > 0)
            ask.insert(msg::seen, qint64(m_roundSeen));
        if (!m_held.isEmpty())
            ask.insert(msg::skip, m_held.toCbor());
        const auto reply = request(ask, msg::events, error);
        if (!reply)
            return false;
        const auto events = Protocol::decodeEvents(reply->value(msg::list), error);
        if (!events) {
            disconnectFromHub();
            return false;
        }
        qint64 last = after;
        for (const core::Event& e : *events) {
            if (e.serverSeq <= last) {
                disconnectFromHub();
                return fail(error, tr("The hub sent events out of order."));
            }
            last = e.serverSeq;
        }
        const qint64 through = core::cborInteger(reply->value(msg::through), last); // a hub before `through`: the last event
        const bool more = reply->value(msg::more).toBool();
        if (through < last || (more && through <= after)) { // never back, and "more" must move on
            disconnectFromHub();
            return fail(error, tr("The hub sent events out of order."));
        }
        const auto checkpoints = readCheckpoints(reply->value(msg::checkpoints).toArray(), after, through, error, true);
        if (!checkpoints)
            return false;
        hubHlc = std::max(hubHlc, quint64(std::max<qint64>(0, core::cborInteger(reply->value(msg::hlc)))));
        // The hub admitted these events under its users now: a disabling made there after this
        // round's reference data is taken before they are checked here (docs/SECURITY.md).
        if (reply->contains(msg::usersVersion)
            && core::cborInteger(reply->value(msg::usersVersion))
                   > db::ReferenceRepository(m_database.sql()).versions().value(QStringLiteral("users"))
            && !syncReference(report, error))
            return false;
        if (through > after) {
            // The events and the cursor move together, or neither does. The checkpoints first: the
            // rules read them (an event numbered after a checkpoint may not be backdated before it).
            db::Transaction tx(m_database.sql());
            if (!tx.isActive())
                return fail(error, tx.errorText());
            db::ChainCheckpoints held(m_database.sql());
            for (const core::ChainCheckpoint& cp : *checkpoints)
                if (!held.store(cp, error))
                    return false;
            std::optional<db::RemoteApplyResult> result = db::RemoteApplyResult{};
            if (!events->isEmpty())
                result = m_events->applyRemote(*events, error);
            if (!result || (!checkpoints->isEmpty() && !held.keepNewest(error))
                || !setState(kCursor, QByteArray::number(through), error) || !tx.commit(error))
                return false;
            report.pulled += result->inserted;
            report.acknowledgedByPull += result->acknowledged;
        }
        if (!more)
            break;
    }
    // The hub's clock, stored for the next round (its checkpoint's bound), at most once a minute.
    const quint64 stored = m_database.meta(kHlcSeen).toULongLong();
    if (core::HybridLogicalClock::millis(hubHlc) - core::HybridLogicalClock::millis(stored) >= kHubClockStoredEveryMs
        && !m_database.setMeta(kHlcSeen, QString::number(hubHlc), error)) {
        disconnectFromHub(); // the next round meets the hub anew
        return false;
    }
    return true;
}

bool SyncClient::syncReference(SyncReport& report, QString* error)
{
    QCborMap have;
    const QMap<QString, qint64> versions = db::ReferenceRepository(m_database.sql()).versions();
    for (auto it = versions.cbegin(); it != versions.cend(); ++it)
        have.insert(it.key(), it.value());
    db::CatalogRepository catalogs(m_database.sql());
    QCborArray catalogVersions;
    for (int v : catalogs.versions())
        catalogVersions.append(v);
    const auto reply = request(QCborMap{{msg::type, msg::reference}, {msg::have, have}, {msg::catalogs, catalogVersions}},
                               msg::referenceData, error);
    if (!reply)
        return false;
    return HubDataReceiver(m_database.sql(), m_clock)
        .applyReferenceData(reply->value(msg::items).toArray(), reply->value(msg::catalogs).toArray(),
                            &report.referenceItems, &report.catalogs, error);
}

bool SyncClient::refillNumbers(SyncReport& report, QString* error)
{
    HubDataReceiver receiver(m_database.sql(), m_clock);
    const auto requests = receiver.leaseRequests(error);
    if (!requests)
        return false;
    for (const auto& [kind, requestId] : *requests) {
        const auto reply =
            request(QCborMap{{msg::type, msg::lease}, {msg::kind, kind}, {msg::request, requestId}}, msg::leased, error);
        if (!reply)
            return false;
        if (reply->value(msg::kind).toString() != kind
            || !receiver.storeLease(kind, core::cborInteger(reply->value(msg::start)), core::cborInteger(reply->value(msg::end)),
                                    error))
            return false;
        ++report.leases;
    }
    return true;
}

} // namespace oneseal::sync
