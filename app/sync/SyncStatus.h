#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace oneseal::sync {

/** What the status bar shows about sync. */
struct SyncStatus
{
    bool enrolled = false;   ///< this workstation has a hub to sync with
    bool online = false;     ///< the last round reached the hub
    bool syncing = false;    ///< a round is running
    qint64 unsent = 0;       ///< events not yet acknowledged by the hub
    QDateTime lastSuccess;   ///< end of the last successful round (UTC)
    QString lastError;       ///< why the last round failed (empty after a success)
    bool clockAhead = false; ///< the hub found this workstation's clock far ahead
    QDateTime oldestUnsent;  ///< when the oldest of this workstation's own unsent events was recorded (UTC)
    QDateTime hubRestoredAt; ///< when this workstation last met a hub restored from a backup (UTC)
    qint64 resentAfterRestore = 0; ///< events it then pushed to the hub again

    /** By default a warning once unsent events are an hour old while the hub cannot be reached. */
    static constexpr qint64 kUnsentWarningSecs = 3600;
    /**
     * Events recorded here and not at the hub are lost with this computer's disk unless they are
     * exported in a bundle: true when the oldest is older than maxAgeSecs and the last round did not
     * reach the hub (the status bar then offers a bundle export).
     */
    bool unsentTooOld(const QDateTime& now, qint64 maxAgeSecs = kUnsentWarningSecs) const
    {
        return enrolled && !online && unsent > 0 && oldestUnsent.isValid() && oldestUnsent.secsTo(now) > maxAgeSecs;
    }
    QDateTime certificateExpires; ///< end of this workstation's certificate (renewed by the rounds before)
};

} // namespace oneseal::sync

Q_DECLARE_METATYPE(oneseal::sync::SyncStatus)
