#pragma once

#include <QCoreApplication>
#include <QString>

namespace oneseal::sync {

/**
 * The hub's limits against abuse (docs/SYNC.md, "Limits"): what a connection may do before it is
 * authenticated, how many connections there may be, and how far ahead an event's clock may be.
 * Defaults below; a hub reads its own from the section [limits] of DIR/hub.conf (optional), so an
 * operator can tune them without a rebuild.
 */
struct HubLimits
{
    Q_DECLARE_TR_FUNCTIONS(HubLimits)

public:
    /** Events whose clock is more than this far ahead of the hub's are refused. */
    qint64 clockMarginMs = 24LL * 3600 * 1000;
    /**
     * How far before a round checkpoint's time an event after it may claim to be recorded (docs/SECURITY.md,
     * "Checkpoints"): the most any workstation's clock may lag behind the hub's; in minutes in hub.conf.
     */
    qint64 backdatingMarginMs = 24LL * 3600 * 1000;
    /** A TLS handshake must finish within this. */
    int handshakeTimeoutMs = 5000;
    /** TLS handshakes at once, overall and from one remote address; when full the oldest is dropped. */
    int maxHandshakes = 128;
    int maxHandshakesPerAddress = 16;
    /** Largest frame a connection without a certificate may send (an enroll frame is well below). */
    qint64 preAuthFrameBytes = 4096;
    /** A connection without a certificate is closed after this long (it may only enroll, one frame). */
    int preAuthDeadlineMs = 10000;
    /** Connections without a certificate at once, overall and from one remote address. */
    int maxUnauthenticated = 64;
    int maxUnauthenticatedPerAddress = 8;
    /** Connections at once (authenticated or not). */
    int maxConnections = 512;
    /** An authenticated connection without any frame for this long is closed. */
    int idleTimeoutMs = 120000;
    /** Bytes of unfinished attachment uploads one workstation may have at the hub (a file is at most 64 MiB). */
    qint64 uploadQuotaBytes = 256LL * 1024 * 1024;
    /** A workstation's certificate is renewed (over its connection) only in its last this many days. */
    int renewWithinDays = 90;
    /** An unfinished upload whose last piece is older than this is removed. */
    qint64 uploadMaxAgeSecs = 7LL * 24 * 3600;

    /** The limits in file (section [limits]); defaults for what it does not set. False and *error on a bad value. */
    static bool load(const QString& file, HubLimits* limits, QString* error);
    static QString fileIn(const QString& directory);
};

} // namespace oneseal::sync
