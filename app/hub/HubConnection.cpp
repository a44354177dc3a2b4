#include "HubConnection.h"
#include "core/CborInteger.h"

#include "db/UserDirectory.h"

#include "HubStore.h"
#include "protocol/Protocol.h"
#include "db/BlobTransfer.h"
#include "db/CatalogRepository.h"
#include "db/ReferenceRepository.h"
#include "db/hub/HubUploadRepository.h"

#include <QCborArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSslCertificate>

Q_LOGGING_CATEGORY(lcConnection, "oneseal.hub")

namespace oneseal::sync {

HubConnection::HubConnection(QSslSocket* socket, HubStore& store, const HubLimits& limits, QObject* parent)
    : QObject(parent)
    , m_socket(socket)
    , m_store(store)
    , m_limits(limits)
{
    socket->setParent(this);
    m_peer = socket->peerAddress().toString() + QLatin1Char(':') + QString::number(socket->peerPort());
    connect(socket, &QSslSocket::readyRead, this, &HubConnection::readFrames);
    connect(socket, &QSslSocket::disconnected, this, [this] {
        if (!m_closing) {
            if (m_socket)
                m_reader.append(m_socket->readAll());
            // A frame cut off by a vanished peer is dropped with the connection (and logged: an
            // operator sees clients that break off mid-transfer).
            if (m_reader.buffered() > 0)
                qCWarning(lcConnection).noquote()
                    << "closed" << (m_workstation.isEmpty() ? m_peer : m_workstation) << "from" << m_peer
                    << "inside a frame:" << m_reader.buffered() << "bytes of it dropped";
            m_closing = true;
            emit finished(this);
        }
    });
    m_idle.setSingleShot(true);
    m_idle.setInterval(m_limits.idleTimeoutMs);
    connect(&m_idle, &QTimer::timeout, this, [this] { refuse(msg::refused, tr("idle for too long")); });
    m_idle.start();

    const QSslCertificate cert = socket->peerCertificate();
    if (!cert.isNull()) {
        QString reason;
        const auto workstation = m_store.authenticate(cert.toDer(), &reason);
        if (!workstation) {
            qCWarning(lcConnection).noquote() << "refused" << m_peer << "certificate:" << reason;
            refuse(msg::refused, reason);
            return;
        }
        m_workstation = *workstation;
        m_certificate = cert.toDer();
        m_store.touch(m_workstation);
        qCInfo(lcConnection).noquote() << "connected" << m_workstation << "from" << m_peer;
    } else {
        qCInfo(lcConnection).noquote() << "connection without certificate from" << m_peer << "(enrollment only)";
        // Before authentication: small frames, little buffered, and a short life.
        m_reader = FrameReader(m_limits.preAuthFrameBytes);
        socket->setReadBufferSize(m_limits.preAuthFrameBytes * 2);
        m_deadline.setSingleShot(true);
        connect(&m_deadline, &QTimer::timeout, this, [this] {
            qCWarning(lcConnection).noquote() << "closed" << m_peer << ": no enrollment within"
                                              << m_limits.preAuthDeadlineMs << "ms";
            refuse(msg::refused, tr("Enroll promptly or connect with a certificate."));
        });
        m_deadline.start(m_limits.preAuthDeadlineMs);
    }
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HubConnection::readFrames, Qt::QueuedConnection);
}

HubConnection::~HubConnection() = default;

void HubConnection::refuse(const QString& reason, const QString& message)
{
    if (m_closing || !m_socket)
        return;
    m_closing = true;
    m_idle.stop();
    m_deadline.stop();
    // Nothing more is read: what the peer still sends must not pile up until the socket is gone.
    m_socket->setReadBufferSize(4096);
    if (m_socket->state() == QAbstractSocket::ConnectedState) {
        m_socket->write(Frame::encode(Protocol::errorFrame(reason, message)));
        m_socket->flush();
        m_socket->disconnectFromHost();
    }
    // Whatever is still unread is ignored; the connection is over.
    disconnect(m_socket, &QSslSocket::readyRead, this, &HubConnection::readFrames);
    QTimer::singleShot(2000, this, [this] {
        if (m_socket)
            m_socket->abort();
    });
    QMetaObject::invokeMethod(this, [this] { emit finished(this); }, Qt::QueuedConnection);
}

void HubConnection::readFrames()
{
    if (m_closing || !m_socket)
        return;
    m_reader.append(m_socket->readAll());
    for (;;) {
        QCborMap frame;
        QString error;
        const auto status = m_reader.next(&frame, &error);
        if (status == FrameReader::Status::NeedMore)
            break;
        if (status == FrameReader::Status::Error) {
            qCWarning(lcConnection).noquote() << "closed" << (m_workstation.isEmpty() ? m_peer : m_workstation)
                                              << "malformed frame:" << error;
            refuse(msg::malformed, error);
            return;
        }
        m_idle.start();
        QElapsedTimer t;
        t.start();
        handle(frame);
        static const bool trace = qEnvironmentVariableIsSet("ONESEAL_SYNC_TRACE");
        if (trace)
            qCInfo(lcConnection) << "TRACE handled" << frame.value(msg::type).toString() << t.elapsed() << "ms";
        if (m_closing)
            return;
    }
}

void HubConnection::reply(QCborMap frame, qint64 number)
{
    if (m_closing || !m_socket)
        return;
    frame.insert(msg::replyTo, number);
    m_socket->write(Frame::encode(frame));
}

void HubConnection::handle(const QCborMap& frame)
{
    const QString type = frame.value(msg::type).toString();
    const QCborValue n = frame.value(msg::number);
    const QString who = m_workstation.isEmpty() ? m_peer : m_workstation;
    if (!n.isInteger() || core::cborInteger(n) <= m_lastNumber) {
        qCWarning(lcConnection).noquote() << "closed" << who << "replayed or unnumbered frame" << type;
        refuse(msg::replayed, tr("Frames must be numbered in increasing order; this one was not (replayed?)."));
        return;
    }
    m_lastNumber = core::cborInteger(n);
    if (!m_workstation.isEmpty() && !stillAuthorized())
        return;
    if (m_workstation.isEmpty()) {
        if (type == msg::enroll)
            return onEnroll(frame, m_lastNumber);
        qCWarning(lcConnection).noquote() << "refused" << who << "frame" << type.left(40) << "without a certificate";
        refuse(msg::refused, tr("This hub accepts only enrolled workstations with their certificate."));
        return;
    }
    if (type == msg::hello)
        onHello(frame, m_lastNumber);
    else if (type == msg::push) {
        beginRoundIfNew();
        onPush(frame, m_lastNumber);
    }
    else if (type == msg::pull)
        onPull(frame, m_lastNumber);
    else if (type == msg::lease)
        onLease(frame, m_lastNumber);
    else if (type == msg::reference) {
        if (m_pullComplete) // not the users taken again in the middle of a pull (SyncClient::pullAll)
            beginRoundIfNew();
        onReference(frame, m_lastNumber);
    }
    else if (type == msg::renew)
        onRenew(frame, m_lastNumber);
    else if (type == msg::blobMissing || type == msg::blobPut || type == msg::blobGet)
        onBlob(type, frame, m_lastNumber);
    else {
        qCWarning(lcConnection).noquote() << "closed" << who << "unknown frame type" << type.left(40);
        refuse(msg::malformed, tr("Unknown frame type %1.").arg(type.left(40)));
    }
}

void HubConnection::beginRoundIfNew()
{
    // A round is push*, reference, pull+ (then leases and files): its first push or reference after
    // the welcome or a pull begins it. The workstation stored the clock last given before it pushed.
    if (!m_betweenRounds)
        return;
    m_betweenRounds = false;
    m_roundBound = m_given;
    m_roundCheckpointDue = true;
    m_roundStored = false;
}

bool HubConnection::stillAuthorized()
{
    QString reason;
    const auto workstation = m_store.authenticate(m_certificate, &reason);
    if (workstation && *workstation == m_workstation)
        return true;
    qCWarning(lcConnection).noquote() << "closed" << m_workstation << "from" << m_peer << "certificate:" << reason;
    refuse(msg::refused, reason.isEmpty() ? tr("This workstation's certificate is no longer accepted.") : reason);
    return false;
}

bool HubConnection::acceptUpload(const db::BlobChunk& chunk, QString* error) const
{
    db::BlobTransfer blobs(m_store.database().sql());
    if (!db::BlobTransfer::isSha256(chunk.sha256) || blobs.missing({chunk.sha256}).isEmpty())
        return true; // malformed (BlobTransfer::put says so) or here already (nothing is stored)
    db::HubUploadRepository uploads(m_store.database().sql());
    if (!uploads.isReferenced(chunk.sha256)) {
        *error = tr("No event stored at the hub refers to file %1: push the event first.").arg(chunk.sha256.left(12));
        return false;
    }
    const bool completes = blobs.received(chunk.sha256) + chunk.data.size() >= chunk.size;
    if (!completes && uploads.unfinishedBytes(m_workstation) + chunk.data.size() > m_limits.uploadQuotaBytes) {
        *error = tr("This workstation has %1 MiB of unfinished file uploads at the hub, the most it may have; "
                    "finish them first.")
                     .arg(m_limits.uploadQuotaBytes / (1024 * 1024));
        return false;
    }
    return true;
}

void HubConnection::onEnroll(const QCborMap& frame, qint64 n)
{
    const QString workstation = frame.value(msg::workstation).toString();
    QString code;
    QString error;
    const auto cert = m_store.enroll(workstation, frame.value(msg::label).toString(),
                                     frame.value(msg::publicKey).toByteArray(), frame.value(msg::proof).toByteArray(),
                                     &code, &error);
    if (!cert) {
        qCWarning(lcConnection).noquote() << "refused enrollment of" << workstation.left(64) << "from" << m_peer << ":"
                                          << error;
        refuse(msg::refused, error);
        return;
    }
    qCInfo(lcConnection).noquote() << "enrolled" << workstation << "from" << m_peer;
    reply(QCborMap{{msg::type, msg::enrolled},
                   {msg::certificate, *cert},
                   {msg::ca, m_store.caCertificate()},
                   {msg::hall, m_store.hallName()},
                   {msg::proof, Protocol::hubProof(code, *cert, m_store.caCertificate())}},
          n);
    m_closing = true; // the workstation reconnects with its certificate
    m_socket->disconnectFromHost();
    QMetaObject::invokeMethod(this, [this] { emit finished(this); }, Qt::QueuedConnection);
}

void HubConnection::onHello(const QCborMap& frame, qint64 n)
{
    if (frame.value(msg::workstation).toString() != m_workstation) {
        refuse(msg::refused, tr("The workstation name does not match its certificate."));
        return;
    }
    const qint64 remote = core::cborInteger(frame.value(msg::hlc));
    const quint64 now = remote > 0 ? m_store.receiveClock(quint64(remote)) : m_store.clockNow();
    m_given = {m_store.eventLog().clock().now().toUTC(), now};
    m_betweenRounds = true;
    m_pullComplete = true;
    m_roundCheckpoints = core::cborInteger(frame.value(msg::checkpointVersion)) >= 2;
    QCborMap welcome{{msg::type, msg::welcome},
                     {msg::version, msg::kVersion},
                     {msg::hall, m_store.hallName()},
                     {msg::hlc, qint64(now)},
                     {msg::last, m_store.events().maxServerSeq()},
                     {msg::generation, m_store.generation()}};
    if (m_store.restoredThrough() >= 0) {
        welcome.insert(msg::parentGeneration, m_store.parentGeneration());
        welcome.insert(msg::restoredThrough, m_store.restoredThrough());
        // Numbers this workstation holds from blocks the backup does not know are never leased again.
        const QCborMap held = frame.value(msg::held).toMap();
        for (auto it = held.cbegin(); it != held.cend(); ++it) {
            QString why;
            if (!m_store.leases().reserveThrough(m_workstation, it.key().toString(), core::cborInteger(it.value()), &why))
                qCWarning(lcConnection).noquote() << "cannot record the numbers" << m_workstation << "holds:" << why;
        }
    }
    // The newest event the hub holds of this workstation's chain (docs/SECURITY.md, "Audit").
    if (const QByteArray head = m_store.events().lastHashOf(m_workstation); !head.isEmpty())
        welcome.insert(msg::chainHead, head);
    // The key of the checkpoints in push and pull replies (docs/SECURITY.md, "Checkpoints").
    welcome.insert(msg::checkpointKey, m_store.checkpointPublicKey());
    // The hall's legacy point: every workstation then refuses what the hub refuses (docs/SECURITY.md).
    const QString legacy = m_store.database().meta(db::UserDirectory::legacyHlcKey());
    if (!legacy.isEmpty())
        welcome.insert(msg::legacyHlc, qint64(legacy.toULongLong()));
    reply(welcome, n);
}

void HubConnection::onPush(const QCborMap& frame, qint64 n)
{
    QString error;
    const auto events = Protocol::decodeEvents(frame.value(msg::list), &error);
    if (!events) {
        qCWarning(lcConnection).noquote() << "closed" << m_workstation << "malformed push:" << error;
        refuse(msg::malformed, error);
        return;
    }
    const bool relay = frame.value(msg::relay).toBool();
    if (relay && m_store.restoredThrough() < 0) {
        refuse(msg::refused, tr("Only a restored hub takes events of other workstations."));
        return;
    }
    // The last push of the round (the workstation read fewer than a batch): the round's checkpoint
    // is signed with it, in its transaction, rather than at the pull.
    const qint64 seen = core::cborInteger(frame.value(msg::seen));
    const bool endsRound = m_roundCheckpointDue && frame.value(msg::roundEnd).toBool() && seen > 0;
    const auto outcome = endsRound ? m_store.eventLog().pushEndingRound(
                                         m_workstation, *events,
                                         HubEventLog::RoundBound{m_roundBound.at, std::min(m_roundBound.hlc, quint64(seen))},
                                         &error, relay)
                                   : m_store.push(m_workstation, *events, &error, relay);
    if (!outcome) {
        qCWarning(lcConnection).noquote() << "refused push of" << events->size() << "events from" << m_workstation
                                          << ":" << error;
        refuse(msg::invalidEvent, error);
        return;
    }
    m_roundStored = m_roundStored || outcome->stored > 0;
    if (endsRound && outcome->checkpoint && outcome->checkpoint->hlc > 0)
        m_roundCheckpointDue = false; // signed already
    if (outcome->clockAhead)
        qCWarning(lcConnection).noquote() << "clock of" << m_workstation << "is more than"
                                          << HubStore::kClockAheadMs / 60000 << "minutes ahead of the hub's";
    QCborArray acks;
    for (const auto& [id, seq] : outcome->acks)
        acks.append(QCborArray{id.toString(QUuid::WithoutBraces), seq});
    for (const QString& reason : std::as_const(outcome->quarantineReasons))
        qCWarning(lcConnection).noquote() << "quarantined from" << m_workstation << ":" << reason;
    if (outcome->stored > 0 || outcome->duplicates > 0)
        qCInfo(lcConnection).noquote() << "push from" << m_workstation << ": stored" << outcome->stored << "duplicates"
                                       << outcome->duplicates;
    QCborMap pushed{{msg::type, msg::pushed},
                    {msg::acks, acks},
                    {msg::hlc, qint64(m_store.clockNow())},
                    {msg::clockAhead, outcome->clockAhead}};
    if (outcome->checkpoint && (m_roundCheckpoints || outcome->checkpoint->hlc == 0)) // an older client checks v1 only
        pushed.insert(msg::checkpoint, outcome->checkpoint->toCbor());
    reply(pushed, n);
}

void HubConnection::onPull(const QCborMap& frame, qint64 n)
{
    // The round's checkpoint (docs/SECURITY.md, "Checkpoints"), at its first pull unless its last push
    // carried it: the push is done, so whatever this workstation's chain gets later was written after
    // the hub gave it its clock before the round, and carries a greater one (as far as it stored it:
    // `seen`). An older client reads no clock in a checkpoint: it gets one without (the time only).
    // A client of this version that leaves `seen` out is held to the clock given.
    if (m_roundCheckpointDue) {
        const qint64 seen = core::cborInteger(frame.value(msg::seen));
        const quint64 bound = !m_roundCheckpoints ? 0 : seen > 0 ? std::min(m_roundBound.hlc, quint64(seen)) : m_roundBound.hlc;
        QString error;
        if (!m_store.eventLog().signRound(m_workstation, m_roundBound.at, bound, m_roundStored, &error) && !error.isEmpty())
            qCWarning(lcConnection).noquote() << "no checkpoint of" << m_workstation << "this round:" << error;
    }
    m_roundCheckpointDue = false;
    m_betweenRounds = true;
    const qint64 after = core::cborInteger(frame.value(msg::after));
    const qint64 asked = core::cborInteger(frame.value(msg::limit), kPullLimit);
    const int limit = int(std::clamp<qint64>(asked, 1, kPullLimit));
    const HubStore::PullReply pulled =
        m_store.pull(std::max<qint64>(after, 0), limit, kPullBytes, SeqRanges::fromCbor(frame.value(msg::skip)));
    const quint64 now = m_store.clockNow();
    m_given = {m_store.eventLog().clock().now().toUTC(), now};
    m_pullComplete = !pulled.more;
    QCborArray checkpoints;
    for (const QCborValue& v : pulled.checkpoints) // an older client checks v1 ones within (after, through] only
        if (m_roundCheckpoints
            || (!v.toMap().contains(QStringLiteral("hlc")) && core::cborInteger(v.toMap().value(QStringLiteral("seq"))) > after))
            checkpoints.append(v);
    // The users version these events were admitted under: a workstation that took older users this
    // round takes them again before it admits the events (a disabling made since its reference).
    reply(QCborMap{{msg::type, msg::events},
                   {msg::list, pulled.events},
                   {msg::more, pulled.more},
                   {msg::through, pulled.through},
                   {msg::checkpoints, checkpoints},
                   {msg::hlc, qint64(now)},
                   {msg::usersVersion, db::ReferenceRepository(m_store.database().sql()).versions().value(QStringLiteral("users"))}},
          n);
}

void HubConnection::onLease(const QCborMap& frame, qint64 n)
{
    QString error;
    const auto lease = m_store.lease(m_workstation, frame.value(msg::kind).toString(),
                                     frame.value(msg::request).toString(), &error);
    if (!lease) {
        qCWarning(lcConnection).noquote() << "refused lease for" << m_workstation << ":" << error;
        reply(Protocol::errorFrame(msg::refused, error), n);
        return;
    }
    qCInfo(lcConnection).noquote() << "leased" << lease->kind << lease->start << "-" << lease->end << "to"
                                   << m_workstation;
    reply(QCborMap{{msg::type, msg::leased},
                   {msg::kind, lease->kind},
                   {msg::start, lease->start},
                   {msg::end, lease->end},
                   {msg::request, frame.value(msg::request).toString()}},
          n);
}

void HubConnection::onRenew(const QCborMap& frame, qint64 n)
{
    QString error;
    const auto cert = m_store.enrollment().renew(m_workstation, m_certificate, frame.value(msg::publicKey).toByteArray(),
                                                 m_limits.renewWithinDays, &error);
    if (!cert) {
        qCWarning(lcConnection).noquote() << "refused renewal for" << m_workstation << ":" << error;
        reply(Protocol::errorFrame(msg::refused, error), n);
        return;
    }
    m_certificate = *cert; // the previous certificate is refused from now on, this connection goes on
    qCInfo(lcConnection).noquote() << "renewed the certificate of" << m_workstation;
    reply(QCborMap{{msg::type, msg::renewed}, {msg::certificate, *cert}}, n);
}

void HubConnection::onReference(const QCborMap& frame, qint64 n)
{
    QMap<QString, qint64> have;
    const QCborMap haveMap = frame.value(msg::have).toMap();
    for (auto it = haveMap.constBegin(); it != haveMap.constEnd(); ++it)
        have.insert(it.key().toString(), core::cborInteger(it.value()));
    QCborArray items;
    for (const ReferenceItem& item : m_store.referenceNewerThan(have))
        items.append(QCborMap{{QStringLiteral("kind"), item.kind},
                              {QStringLiteral("version"), item.version},
                              {QStringLiteral("payload"), item.payload},
                              {QStringLiteral("sha256"), item.sha256},
                              {QStringLiteral("published_at"), item.publishedAt}});
    QSet<qint64> known;
    for (const QCborValue& v : frame.value(msg::catalogs).toArray())
        known.insert(core::cborInteger(v));
    QCborArray catalogs;
    db::CatalogRepository repository(m_store.database().sql());
    for (int version : repository.versions()) {
        if (known.contains(version))
            continue;
        if (const auto catalog = repository.version(version))
            catalogs.append(QCborMap{{QStringLiteral("version"), version}, {QStringLiteral("json"), catalog->toJson()}});
        if (catalogs.size() >= 4)
            break; // the rest in the next round
    }
    reply(QCborMap{{msg::type, msg::referenceData}, {msg::items, items}, {msg::catalogs, catalogs}}, n);
}

void HubConnection::onBlob(const QString& type, const QCborMap& frame, qint64 n)
{
    db::BlobTransfer blobs(m_store.database().sql());
    if (type == msg::blobMissing) {
        QStringList asked;
        for (const QCborValue& v : frame.value(msg::list).toArray())
            if (asked.size() < 1000)
                asked << v.toString();
        reply(QCborMap{{msg::type, msg::blobLacking}, {msg::list, QCborArray::fromStringList(blobs.missing(asked))}}, n);
        return;
    }
    if (type == msg::blobPut) {
        const db::BlobChunk chunk{frame.value(msg::sha256).toString(), frame.value(msg::mime).toString(),
                                  core::cborInteger(frame.value(msg::size)), core::cborInteger(frame.value(msg::offset)),
                                  frame.value(msg::data).toByteArray()};
        bool complete = false;
        QString error;
        if (!acceptUpload(chunk, &error) || !blobs.put(chunk, &complete, &error)) {
            qCWarning(lcConnection).noquote() << "refused a file piece from" << m_workstation << ":" << error;
            reply(Protocol::errorFrame(msg::refused, error), n);
            return;
        }
        db::HubUploadRepository uploads(m_store.database().sql());
        if (complete)
            qCInfo(lcConnection).noquote() << "file" << chunk.sha256.left(12) << "of" << chunk.size << "bytes from"
                                           << m_workstation;
        if (!(complete ? uploads.forget(chunk.sha256, &error)
                       : uploads.touch(chunk.sha256, m_workstation,
                                       QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs), &error)))
            qCWarning(lcConnection).noquote() << "cannot record the upload of" << chunk.sha256.left(12) << ":" << error;
        reply(QCborMap{{msg::type, msg::blobStored}, {msg::complete, complete}}, n);
        return;
    }
    const QString sha = frame.value(msg::sha256).toString();
    const auto chunk = db::BlobTransfer::isSha256(sha)
        ? blobs.chunk(sha, core::cborInteger(frame.value(msg::offset)), db::BlobTransfer::kChunkBytes)
        : std::nullopt;
    if (!chunk) {
        reply(QCborMap{{msg::type, msg::blob}, {msg::sha256, sha}, {msg::absent, true}}, n);
        return;
    }
    reply(QCborMap{{msg::type, msg::blob},
                   {msg::sha256, chunk->sha256},
                   {msg::mime, chunk->mime},
                   {msg::size, chunk->size},
                   {msg::offset, chunk->offset},
                   {msg::data, chunk->data}},
          n);
}

} // namespace oneseal::sync
