#pragma once

#include "SyncStatus.h"

#include <QDateTime>
#include <QObject>
#include <QThread>

namespace oneseal::services {
class Session;
}

namespace oneseal::sync {

class SyncEngine;

/** Runs a SyncEngine in its own thread for the desktop client; safe to use from the GUI thread. */
class BackgroundSync : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultIntervalMs = 5000;

    /** Starts syncing the database at databasePath (opened again with key in the worker thread). */
    BackgroundSync(const QString& databasePath, const QByteArray& key, int intervalMs = kDefaultIntervalMs,
                   QObject* parent = nullptr);
    /**
     * Syncs the session's database; after each round that succeeded, the session follows what the
     * hub sent (HubFollowUp: key slots), in this object's thread. The session must outlive this.
     */
    BackgroundSync(services::Session& session, int intervalMs = kDefaultIntervalMs, QObject* parent = nullptr);
    ~BackgroundSync() override;

    SyncStatus status() const { return m_status; }

public slots:
    void syncNow();

signals:
    void statusChanged(const oneseal::sync::SyncStatus& status);

private:
    /** After a round that succeeded: the session follows the hub's data (once per round). */
    void followHub(const SyncStatus& status);

    services::Session* m_session = nullptr;
    QDateTime m_followedAt; ///< lastSuccess of the round followed last
    QThread m_thread;
    SyncEngine* m_engine;
    SyncStatus m_status;
};

} // namespace oneseal::sync
