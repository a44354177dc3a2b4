#pragma once

#include "protocol/Frame.h"
#include "protocol/Protocol.h"
#include "core/ChainCheckpoint.h"
#include "core/Clock.h"
#include "db/Database.h"
#include "db/EventStore.h"

#include <QCborArray>
#include <QCborMap>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>

#include <functional>
#include <memory>
#include <optional>

class QSslSocket;

namespace oneseal::sync {

/** What one sync round did. */
struct SyncReport
{
    int pushed = 0;     ///< events the hub acknowledged in this round
    int pulled = 0;     ///< events received that were new here
    int acknowledgedByPull = 0;
    int referenceItems = 0;
    int catalogs = 0;
    int leases = 0;
    int filesSent = 0;     ///< attachment files the hub now has from here
    int filesReceived = 0; ///< attachment files that arrived here whole
    bool clockAhead = false; ///< the hub found this workstation's clock far ahead
    qint64 cursor = 0;
    qint64 unsent = 0;
    double hubWaitMs = 0; ///< time spent waiting for the hub's replies (network and hub, no local work)
    bool hubRestored = false; ///< this round met a restored hub (or one behind this workstation's cursor)
    qint64 resent = 0;        ///< then: events this workstation pushes to it again (its own and others')
    bool renewed = false;        ///< this round renewed the workstation's certificate
    QString renewalError;        ///< why a renewal that was due failed (the round itself succeeded)
};

/**
 * A workstation's side of the sync protocol over one TLS connection, blocking with time-outs: meant
 * for a worker thread (SyncEngine), the command line and test agents. It opens nothing itself: it
 * works on the database connection it is given, in that connection's thread.
 */
class SyncClient
{
    Q_DECLARE_TR_FUNCTIONS(SyncClient)

public:
    static constexpr int kPushBatch = 1000;
    static constexpr int kPushWindow = 3; ///< push batches sent before the first acknowledgement is read
    static constexpr int kPullBatch = 5000;
    static constexpr int kTimeoutMs = 15000;

    explicit SyncClient(db::Database& database, const core::Clock& clock = core::Clock::system());
    ~SyncClient();
    SyncClient(const SyncClient&) = delete;
    SyncClient& operator=(const SyncClient&) = delete;

    /**
     * Enrolls this workstation at the hub with a one-time code: makes a key pair, proves the code
     * (bound to the hub's TLS certificate), receives and checks the client certificate, and keeps
     * certificate, key, the hall's CA and the pinned hub key in the encrypted database.
     */
    bool enroll(const QString& host, quint16 port, const QString& code, QString* error);
    bool isEnrolled() const;
    QString workstation() const { return m_workstation; }
    /** A round renews the certificate when it ends within this many days (the hub allows the last 90). */
    static constexpr int kRenewBeforeDays = 60;
    /** When this workstation's certificate ends (invalid when not enrolled). */
    QDateTime certificateExpires() const;
    /**
     * Over the open, authenticated connection: a new key pair, a certificate for it from the hub,
     * both checked (name, key, issuer) and kept in place of the old ones.
     */
    bool renewCertificate(QString* error);

    /** One round: push every unsent event, pull everything after the cursor, reference data, number blocks. */
    std::optional<SyncReport> syncOnce(QString* error);
    /** Closes the connection (the next round reconnects). */
    void disconnectFromHub();
    bool isConnected() const;
    /** How long each wait for the hub may take (kTimeoutMs unless set; a login's round waits less). */
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    qint64 cursor() const;
    /**
     * End of the last successful round (UTC): this client's own, else the one stored, which is
     * written at most once a minute (a minute behind at most after a restart).
     */
    QDateTime lastSuccess() const;
    qint64 unsentCount() const { return m_events->unsentCount(); }
    /**
     * When this workstation last met a hub restored from a backup (UTC; invalid: never) and how
     * many events it then pushed again; the status bar shows both.
     */
    QDateTime hubRestoredSeenAt() const;
    /** When the oldest of this workstation's own unsent events was recorded (UTC; invalid: none). */
    QDateTime oldestUnsentAt() const;
    qint64 resentAfterRestore() const;

    db::EventStore& events() const { return *m_events; }

    /**
     * Called with each reply's type as it arrives, before the client acts on it: fault tests stop
     * a round there (after the hub stored a push, before it is marked sent; after a pull arrived,
     * before it is applied) and kill a process.
     */
    void setReplyHook(std::function<void(const QString& type)> hook) { m_replyHook = std::move(hook); }

    /** Values kept in sync_client_state. */
    QByteArray state(const QString& name) const;
    bool setState(const QString& name, const QByteArray& value, QString* error);

private:
    bool connectToHub(QString* error);
    std::optional<QCborMap> request(QCborMap frame, const QString& expected, QString* error);
    /** Sends one frame with the next number; returns the number, 0 when the connection failed. */
    qint64 send(QCborMap frame, QString* error);
    /** Reads the reply to frame number (which must be the next reply the hub sends). */
    std::optional<QCborMap> awaitReply(qint64 number, const QString& expected, const QElapsedTimer& traceTimer,
                                       QString* error);
    /**
     * After the welcome: a hub of another generation than the one this workstation knows, or whose
     * highest server_seq is below the cursor, lost events to a restore. The numbers held above
     * what both share are cleared (those events are pushed again, relayed when of other
     * workstations) and the cursor goes back to that point, in one transaction.
     */
    bool meetHub(const QCborMap& welcome, QString* error);
    /** Most checkpoints a reply may carry (the hub's HubEventLog::kMaxCheckpointsPerPull). */
    static constexpr int kMaxCheckpointsPerReply = 5000;
    /**
     * Checkpoints of a reply, each signed by the hub's key and numbered at most through (those of
     * (after, through] and the ones that govern the reply's first event of each chain). leaveOutHeld:
     * those held here already (same signature) are left out unchecked (a pull sends each chain's
     * governing one again and again).
     */
    std::optional<QList<core::ChainCheckpoint>> readCheckpoints(const QCborArray& list, qint64 after, qint64 through,
                                                                QString* error, bool leaveOutHeld = false);
    /** After a complete round following meetHub(): the renumbered cases are folded again once. */
    bool finishRecovery(QString* error);
    /** Highest number of each kind leased here (reported in hello, for a restored hub). */
    QCborMap heldNumbers() const;
    bool pushAll(SyncReport& report, QString* error);
    bool pullAll(SyncReport& report, QString* error);
    bool syncReference(SyncReport& report, QString* error);
    bool refillNumbers(SyncReport& report, QString* error);
    /** Attachment bytes both ways, in chunks (docs/SYNC.md, "Attachments"). */
    bool syncFiles(SyncReport& report, QString* error);

    db::Database& m_database;
    const core::Clock& m_clock;
    std::unique_ptr<db::EventStore> m_events;
    QString m_workstation;
    /** Numbers the hub gave this workstation's own events (acknowledged to its push): not pulled back. */
    SeqRanges m_held;
    SyncReport m_meeting; ///< what meetHub() found at this connection (hubRestored, resent)
    /** The hub's clock this workstation had stored when the round began (sent with its pulls: `seen`). */
    quint64 m_roundSeen = 0;
    /** The hub's clock stored again after a pull only when it moved on by this much (one write a minute). */
    static constexpr qint64 kHubClockStoredEveryMs = 60 * 1000;
    qint64 m_waitedNs = 0; ///< this round's time blocked on the socket for a reply
    QDateTime m_lastSuccess;       ///< end of this client's last successful round
    QDateTime m_lastSuccessStored; ///< the last one written to the database
    static constexpr int kLastSuccessStoredEverySecs = 60;
    std::function<void(const QString& type)> m_replyHook;
    std::unique_ptr<QSslSocket> m_socket;
    FrameReader m_reader;
    qint64 m_number = 0;
    int m_timeoutMs = kTimeoutMs;
};

} // namespace oneseal::sync
