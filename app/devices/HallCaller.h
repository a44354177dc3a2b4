#pragma once

#include <QNetworkReply>
#include <QObject>
#include <QProcess>
#include <QPointer>
#include <QStringList>
#include <QTimer>

class QNetworkAccessManager;

namespace oneseal::devices {

/**
 * Tells the hall's calling system (叫号系统) that a window wants its next applicant. The target is
 * configured per workstation, either
 *   - a URL (http:// or https://), fetched with GET, or
 *   - a program and its arguments (split like a command line, run directly: never through a shell),
 * in which {window} is replaced by the window's name and {ticket} by the ticket just served (both
 * percent-encoded in a URL, plain arguments for a program). The call runs in the background and is
 * cut off after timeoutMs; done() says whether it worked and, when not, why. A call while one is
 * running is refused (the clerk sees why) rather than queued.
 */
class HallCaller : public QObject
{
    Q_OBJECT

public:
    explicit HallCaller(QObject* parent = nullptr);
    ~HallCaller() override;

    void setTarget(const QString& target) { m_target = target.trimmed(); }
    QString target() const { return m_target; }
    void setTimeoutMs(int ms) { m_timer.setInterval(ms); }
    bool isConfigured() const { return !m_target.isEmpty(); }
    bool isBusy() const { return m_process || m_reply; }

    /** Starts the call. False (and done() is not emitted) with *error when it cannot start. */
    bool callNext(const QString& window, const QString& lastTicket, QString* error);

    /** The program and arguments or the URL a target gives (empty with *error when malformed). */
    static QStringList commandFor(const QString& target, const QString& window, const QString& ticket, QString* error);

signals:
    void done(bool ok, const QString& message);

private:
    void finish(bool ok, const QString& message);

    QString m_target;
    QTimer m_timer;
    QNetworkAccessManager* m_network = nullptr;
    QPointer<QProcess> m_process;
    QPointer<QNetworkReply> m_reply;
};

} // namespace oneseal::devices
