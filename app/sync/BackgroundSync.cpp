#include "BackgroundSync.h"

#include "SyncEngine.h"

namespace oneseal::sync {

BackgroundSync::BackgroundSync(const QString& databasePath, const QByteArray& key, int intervalMs, QObject* parent)
    : QObject(parent)
    , m_engine(new SyncEngine(databasePath, key, intervalMs))
{
    m_thread.setObjectName(QStringLiteral("sync"));
    m_engine->moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, m_engine, &SyncEngine::start);
    connect(&m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    connect(m_engine, &SyncEngine::statusChanged, this, [this](const SyncStatus& status) {
        m_status = status;
        emit statusChanged(status);
    });
    m_thread.start(QThread::LowPriority);
}

BackgroundSync::~BackgroundSync()
{
    QMetaObject::invokeMethod(m_engine, &SyncEngine::stop, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void BackgroundSync::syncNow()
{
    QMetaObject::invokeMethod(m_engine, &SyncEngine::syncNow, Qt::QueuedConnection);
}

} // namespace oneseal::sync
