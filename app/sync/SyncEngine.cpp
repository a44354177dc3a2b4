#include "SyncEngine.h"

#include "SyncClient.h"
#include "core/Crypto.h"
#include "db/Database.h"

namespace oneseal::sync {

SyncEngine::SyncEngine(QString databasePath, QByteArray key, int intervalMs, QObject* parent)
    : QObject(parent)
    , m_databasePath(std::move(databasePath))
    , m_key(std::move(key))
    , m_intervalMs(intervalMs)
{
    qRegisterMetaType<oneseal::sync::SyncStatus>();
}

SyncEngine::~SyncEngine()
{
    stop();
    core::crypto::wipe(m_key);
}

void SyncEngine::start()
{
    if (m_database)
        return;
    QString error;
    m_database = db::Database::open(m_databasePath, m_key, {}, &error);
    core::crypto::wipe(m_key);
    if (!m_database) {
        m_status.lastError = error;
        publish();
        return;
    }
    m_client = std::make_unique<SyncClient>(*m_database);
    m_timer = new QTimer(this);
    m_timer->setInterval(m_intervalMs);
    connect(m_timer, &QTimer::timeout, this, &SyncEngine::round);
    m_timer->start();
    round();
}

void SyncEngine::syncNow()
{
    round();
}

void SyncEngine::stop()
{
    if (m_timer)
        m_timer->stop();
    m_client.reset();
    m_database.reset();
}

void SyncEngine::publish()
{
    emit statusChanged(m_status);
}

void SyncEngine::round()
{
    if (!m_client || m_running)
        return;
    m_running = true;
    m_status.enrolled = m_client->isEnrolled();
    m_status.unsent = m_client->unsentCount();
    m_status.oldestUnsent = m_status.unsent > 0 ? m_client->oldestUnsentAt() : QDateTime();
    if (!m_status.enrolled) {
        m_status.online = false;
        m_running = false;
        publish();
        return;
    }
    m_status.syncing = true;
    publish();
    QString error;
    const auto report = m_client->syncOnce(&error);
    m_status.syncing = false;
    m_status.online = report.has_value();
    if (report) {
        m_status.lastError.clear();
        m_status.clockAhead = report->clockAhead;
        m_status.unsent = report->unsent;
    } else {
        m_status.lastError = error;
        m_status.unsent = m_client->unsentCount();
    }
    m_status.lastSuccess = m_client->lastSuccess();
    m_status.oldestUnsent = m_status.unsent > 0 ? m_client->oldestUnsentAt() : QDateTime();
    m_status.hubRestoredAt = m_client->hubRestoredSeenAt();
    m_status.resentAfterRestore = m_client->resentAfterRestore();
    m_status.certificateExpires = m_client->certificateExpires();
    m_running = false;
    publish();
}

} // namespace oneseal::sync
