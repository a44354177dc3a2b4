#pragma once
// The reader's side of a pseudo-terminal pair, for tests of the ID card reader on a real serial port:
// answers each command frame the host writes with the next recorded line of a session in
// tests/data/idcard/ (made by make_frames.py). Header-only; used by test_id_card_reader and the
// counter's GUI test.
#include "TestConfig.h"

#include <QFile>
#include <QSocketNotifier>
#include <QTimer>

#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

namespace oneseal::test {

inline QString idCardSession(const QString& name)
{
    return QStringLiteral(ONESEAL_SOURCE_DIR "/tests/data/idcard/") + name;
}

/** The reader's side of a pseudo-terminal: answers each command with the next recorded line. */
class RecordedReader : public QObject
{
public:
    explicit RecordedReader(const QString& session)
    {
        QFile f(idCardSession(session));
        if (f.open(QIODevice::ReadOnly))
            for (const QByteArray& line : f.readAll().split('\n'))
                if (!line.trimmed().isEmpty())
                    m_lines << line.trimmed();
        char name[128] = {};
        int slave = -1;
        if (openpty(&m_master, &slave, name, nullptr, nullptr) != 0)
            return;
        // Raw mode on the slave (as a serial line); QSerialPort sets it again on open.
        termios t{};
        tcgetattr(slave, &t);
        cfmakeraw(&t);
        tcsetattr(slave, TCSANOW, &t);
        ::close(slave);
        m_slaveName = QString::fromLocal8Bit(name);
        fcntl(m_master, F_SETFL, fcntl(m_master, F_GETFL) | O_NONBLOCK);
        m_notifier = new QSocketNotifier(m_master, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, [this] { onCommand(); });
    }
    ~RecordedReader() override { hangUp(); }

    QString portName() const { return m_slaveName; }
    QList<QByteArray> commands; ///< what the host sent, frame by frame (hex)
    int answered() const { return m_next; }
    void hangUp()
    {
        if (m_notifier)
            m_notifier->setEnabled(false);
        if (m_master >= 0)
            ::close(m_master);
        m_master = -1;
    }

private:
    void onCommand()
    {
        char buf[512];
        const ssize_t n = ::read(m_master, buf, sizeof buf);
        if (n <= 0)
            return;
        m_pending.append(buf, int(n));
        // A command frame is 10 bytes (preamble, length 00 03, CMD, PARA, checksum).
        while (m_pending.size() >= 10) {
            commands << m_pending.left(10).toHex();
            m_pending.remove(0, 10);
            if (m_next >= m_lines.size())
                continue; // a silent reader
            QByteArray line = m_lines.at(m_next++);
            const bool cut = line.startsWith("CUT ");
            const QByteArray bytes = QByteArray::fromHex(cut ? line.mid(4) : line);
            // Sent in pieces, as a serial line delivers them.
            for (qsizetype at = 0; at < bytes.size(); at += 97)
                (void)!::write(m_master, bytes.constData() + at, size_t(std::min<qsizetype>(97, bytes.size() - at)));
            if (cut) {
                QTimer::singleShot(50, this, [this] { hangUp(); });
                return;
            }
        }
    }

    QList<QByteArray> m_lines;
    QByteArray m_pending;
    int m_next = 0;
    int m_master = -1;
    QString m_slaveName;
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace oneseal::test
