#include "BackgroundSync.h"

#include "HubFollowUp.h"
#include "SyncEngine.h"
#include "services/Session.h"

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
        followHub(status); // before the view shows the round
        emit statusChanged(status);
    });
    m_thread.start(QThread::LowPriority);
}

BackgroundSync::BackgroundSync(services::Session& session, int intervalMs, QObject* parent)
    : BackgroundSync(session.database().path(), session.key(), intervalMs, parent)
{
    // Statuses arrive queued, in this thread's event loop: none is handled before this is set.
    m_session = &session;
}

void BackgroundSync::followHub(const SyncStatus& status)
{
    if (!m_session || !status.lastSuccess.isValid() || status.lastSuccess == m_followedAt)
        return;
    m_followedAt = status.lastSuccess;
    QString error;
    if (!HubFollowUp::apply(*m_session, &error))
        qWarning("%s", qPrintable(error));
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
