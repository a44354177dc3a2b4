#pragma once

#include "SyncStatus.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <memory>

namespace oneseal::db {
class Database;
}

namespace oneseal::sync {

class SyncClient;

/**
 * Background sync of one workstation: lives in a worker thread with its own connection to the
 * encrypted database, runs a round every few seconds and on demand, and reports its status. The
 * clerk's own writes never wait on the network: they go to the local database.
 */
class SyncEngine : public QObject
{
    Q_OBJECT

public:
    SyncEngine(QString databasePath, QByteArray key, int intervalMs, QObject* parent = nullptr);
    ~SyncEngine() override;

    SyncStatus status() const { return m_status; }

public slots:
    /** Opens the database in the current thread, starts the timer and runs a first round. */
    void start();
    /** Runs a round now (ignored while one runs; the timer keeps going). */
    void syncNow();
    void stop();

signals:
    void statusChanged(const oneseal::sync::SyncStatus& status);

private:
    void round();
    void publish();

    QString m_databasePath;
    QByteArray m_key;
    int m_intervalMs;
    std::unique_ptr<db::Database> m_database;
    std::unique_ptr<SyncClient> m_client;
    QTimer* m_timer = nullptr;
    SyncStatus m_status;
    bool m_running = false;
};

} // namespace oneseal::sync
