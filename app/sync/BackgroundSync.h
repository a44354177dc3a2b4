#pragma once

#include "SyncStatus.h"

#include <QObject>
#include <QThread>

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
    ~BackgroundSync() override;

    SyncStatus status() const { return m_status; }

public slots:
    void syncNow();

signals:
    void statusChanged(const oneseal::sync::SyncStatus& status);

private:
    QThread m_thread;
    SyncEngine* m_engine;
    SyncStatus m_status;
};

} // namespace oneseal::sync
