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
    QDateTime certificateExpires; ///< end of this workstation's certificate (renewed by the rounds before)
};

} // namespace oneseal::sync

Q_DECLARE_METATYPE(oneseal::sync::SyncStatus)
