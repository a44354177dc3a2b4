#pragma once

#include <QDateTime>
#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace oneseal::devices {

/**
 * The folder a document camera's own program (高拍仪 software) saves its pictures into. A file is
 * reported by fileReady() once it is complete: its size and modification time unchanged over
 * settleMs (a camera program writes a picture in several pieces) and not empty; files already there
 * when watching starts are reported too. Only images and PDFs (by extension) are considered;
 * hidden and partial files (.part, .tmp, ~) are ignored. Bounded: at most kMaxTracked files at once,
 * each at most maxBytes (larger ones reported by rejected()).
 *
 * The caller takes a reported file (reads it, stores it) and removes it; a file left in place is not
 * reported again until it changes.
 */
class DropFolderWatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMaxTracked = 200;

    explicit DropFolderWatcher(QObject* parent = nullptr);

    /** Starts watching @p folder (created if missing). *error says why not. */
    bool watch(const QString& folder, QString* error);
    void stop();
    QString folder() const { return m_folder; }
    void setSettleMs(int ms) { m_settleMs = ms; }
    void setMaxBytes(qint64 bytes) { m_maxBytes = bytes; }

signals:
    void fileReady(const QString& path);
    void rejected(const QString& path, const QString& why);

private:
    struct Seen
    {
        qint64 size = -1;
        QDateTime modified;
        qint64 stableSince = 0;
        bool reported = false;
    };
    void scan();

    QFileSystemWatcher m_watcher;
    QTimer m_poll;
    QString m_folder;
    QHash<QString, Seen> m_seen;
    int m_settleMs = 400;
    qint64 m_maxBytes = 20 * 1024 * 1024;
};

} // namespace oneseal::devices
