#include "DropFolderWatcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

namespace oneseal::devices {

namespace {
qint64 nowMs()
{
    static QElapsedTimer clock;
    if (!clock.isValid())
        clock.start();
    return clock.elapsed();
}

bool wanted(const QFileInfo& f)
{
    static const QStringList kinds{QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("png"),
                                   QStringLiteral("bmp"), QStringLiteral("tif"),  QStringLiteral("tiff"),
                                   QStringLiteral("pdf")};
    const QString name = f.fileName();
    return f.isFile() && !name.startsWith(QLatin1Char('.')) && !name.endsWith(QLatin1Char('~'))
        && kinds.contains(f.suffix().toLower());
}
} // namespace

DropFolderWatcher::DropFolderWatcher(QObject* parent)
    : QObject(parent)
{
    // The watcher says that something changed; the poll sees a file settle (no event comes then).
    m_poll.setInterval(150);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { scan(); });
    connect(&m_poll, &QTimer::timeout, this, &DropFolderWatcher::scan);
}

bool DropFolderWatcher::watch(const QString& folder, QString* error)
{
    stop();
    if (folder.isEmpty() || !QDir().mkpath(folder) || !m_watcher.addPath(folder)) {
        if (error)
            *error = QCoreApplication::translate("DropFolderWatcher", "Unable to watch the folder %1.").arg(folder);
        return false;
    }
    m_folder = QDir(folder).absolutePath();
    m_poll.start();
    scan();
    return true;
}

void DropFolderWatcher::stop()
{
    if (!m_folder.isEmpty())
        m_watcher.removePath(m_folder);
    m_folder.clear();
    m_seen.clear();
    m_poll.stop();
}

void DropFolderWatcher::scan()
{
    if (m_folder.isEmpty())
        return;
    const QFileInfoList files = QDir(m_folder).entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Time | QDir::Reversed);
    QHash<QString, Seen> next;
    const qint64 now = nowMs();
    for (const QFileInfo& f : files) {
        if (!wanted(f) || next.size() >= kMaxTracked)
            continue;
        const QString path = f.absoluteFilePath();
        Seen s = m_seen.value(path);
        if (s.size != f.size() || s.modified != f.lastModified()) {
            s = Seen{f.size(), f.lastModified(), now, false};
        } else if (!s.reported && s.size > 0 && now - s.stableSince >= m_settleMs) {
            s.reported = true;
            next.insert(path, s);
            if (s.size > m_maxBytes)
                emit rejected(path, QCoreApplication::translate("DropFolderWatcher", "larger than %1 MB")
                                        .arg(m_maxBytes / (1024 * 1024)));
            else
                emit fileReady(path);
            continue;
        }
        next.insert(path, s);
    }
    m_seen = next;
}

} // namespace oneseal::devices
