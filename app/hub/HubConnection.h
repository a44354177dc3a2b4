#pragma once

#include "HubLimits.h"
#include "protocol/Frame.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QSslSocket>
#include <QTimer>

namespace oneseal::db {
struct BlobChunk;
}

namespace oneseal::sync {

class HubStore;

/**
 * One workstation's TLS connection to the hub: cuts the stream into frames, answers them from the
 * store, and closes itself (and nothing else) on a malformed, oversized, replayed or refused frame.
 */
class HubConnection : public QObject
{
    Q_OBJECT

public:
    /** Largest batch the hub answers a pull with. */
    static constexpr int kPullLimit = 5000;
    static constexpr qint64 kPullBytes = 8 * 1024 * 1024;

    HubConnection(QSslSocket* socket, HubStore& store, const HubLimits& limits, QObject* parent = nullptr);
    ~HubConnection() override;

    QString peer() const { return m_peer; }
    QString workstation() const { return m_workstation; }

signals:
    void finished(HubConnection* connection);

private:
    void readFrames();
    void handle(const QCborMap& frame);
    void reply(QCborMap frame, qint64 number);
    void refuse(const QString& reason, const QString& message);
    /**
     * Checks the connection's certificate again (revoked or superseded since the connection opened?);
     * refuses and closes the connection when it no longer holds. Done for every frame of an
     * authenticated connection, so a revocation takes effect within one round.
     */
    bool stillAuthorized();
    /**
     * Whether a file piece may be stored: only for a file a stored event refers to, and within the
     * workstation's quota of unfinished uploads (HubLimits::uploadQuotaBytes).
     */
    bool acceptUpload(const db::BlobChunk& chunk, QString* error) const;

    void onEnroll(const QCborMap& frame, qint64 n);
    void onHello(const QCborMap& frame, qint64 n);
    void onPush(const QCborMap& frame, qint64 n);
    void onPull(const QCborMap& frame, qint64 n);
    void onLease(const QCborMap& frame, qint64 n);
    void onReference(const QCborMap& frame, qint64 n);
    /** A renewed certificate for a new key; this connection goes on with it as its identity. */
    void onRenew(const QCborMap& frame, qint64 n);
    /** Attachment bytes: which files the hub lacks, a chunk for the hub, a chunk from the hub. */
    void onBlob(const QString& type, const QCborMap& frame, qint64 n);

    QPointer<QSslSocket> m_socket;
    HubStore& m_store;
    HubLimits m_limits;
    QByteArray m_certificate; ///< DER of the client certificate, empty without one
    QTimer m_deadline; ///< a connection without a certificate ends by then
    FrameReader m_reader;
    QTimer m_idle;
    QString m_peer;
    QString m_workstation; ///< empty until authenticated by certificate
    qint64 m_lastNumber = 0;
    bool m_closing = false;
    /**
     * The sync round (docs/SECURITY.md, "Checkpoints"): the hub's clock and time last given to the
     * workstation (welcome, events), those given before the round's first push or reference (the
     * workstation stored them before it pushed), and whether the round's first pull is still to come.
     */
    struct GivenClock
    {
        QDateTime at;
        quint64 hlc = 0;
    };
    GivenClock m_given;
    GivenClock m_roundBound;
    bool m_betweenRounds = true;
    bool m_roundCheckpointDue = false;
    bool m_roundStored = false; ///< a push of this round stored events
    bool m_roundCheckpoints = false; ///< the workstation reads round checkpoints (hello `cpv` 2)
    bool m_pullComplete = true; ///< the last events reply had no more after it
    void beginRoundIfNew();
};

} // namespace oneseal::sync
