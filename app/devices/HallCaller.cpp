#include "HallCaller.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QUrl>

namespace oneseal::devices {

namespace {
bool isUrl(const QString& target)
{
    return target.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
        || target.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}
} // namespace

HallCaller::HallCaller(QObject* parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(3000);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        finish(false, tr("The calling system did not answer within %1 s.").arg(m_timer.interval() / 1000.0));
    });
}

HallCaller::~HallCaller()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(500);
    }
}

QStringList HallCaller::commandFor(const QString& target, const QString& window, const QString& ticket, QString* error)
{
    const QString t = target.trimmed();
    if (t.isEmpty() || t.size() > 2000) {
        if (error)
            *error = tr("No calling system is configured.");
        return {};
    }
    if (isUrl(t)) {
        QString url = t;
        url.replace(QStringLiteral("{window}"), QString::fromLatin1(QUrl::toPercentEncoding(window)));
        url.replace(QStringLiteral("{ticket}"), QString::fromLatin1(QUrl::toPercentEncoding(ticket)));
        if (!QUrl(url, QUrl::StrictMode).isValid()) {
            if (error)
                *error = tr("The calling system's address is not a valid URL.");
            return {};
        }
        return {url};
    }
    QStringList parts = QProcess::splitCommand(t);
    if (parts.isEmpty()) {
        if (error)
            *error = tr("The calling system's command is empty.");
        return {};
    }
    for (QString& p : parts) {
        p.replace(QStringLiteral("{window}"), window);
        p.replace(QStringLiteral("{ticket}"), ticket);
    }
    return parts;
}

bool HallCaller::callNext(const QString& window, const QString& lastTicket, QString* error)
{
    if (isBusy()) {
        if (error)
            *error = tr("The calling system is still being called; wait a moment.");
        return false;
    }
    const QStringList command = commandFor(m_target, window, lastTicket, error);
    if (command.isEmpty())
        return false;
    if (isUrl(command.first())) {
        if (!m_network)
            m_network = new QNetworkAccessManager(this);
        QNetworkRequest request{QUrl(command.first())};
        request.setTransferTimeout(m_timer.interval());
        m_reply = m_network->get(request);
        connect(m_reply, &QNetworkReply::finished, this, [this, reply = m_reply.data()] {
            if (reply != m_reply)
                return;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300)
                finish(true, QString());
            else
                finish(false, tr("The calling system answered: %1").arg(reply->errorString()));
        });
    } else {
        m_process = new QProcess(this);
        m_process->setProgram(command.first());
        m_process->setArguments(command.mid(1));
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
            if (e == QProcess::FailedToStart)
                finish(false, tr("The calling system's command could not start: %1").arg(m_process->errorString()));
        });
        connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
            if (status == QProcess::NormalExit && code == 0)
                finish(true, QString());
            else
                finish(false, tr("The calling system's command failed (exit code %1): %2")
                                  .arg(code)
                                  .arg(QString::fromLocal8Bit(m_process->readAll().left(300)).trimmed()));
        });
        m_process->start();
    }
    m_timer.start();
    return true;
}

void HallCaller::finish(bool ok, const QString& message)
{
    m_timer.stop();
    if (m_process) {
        QProcess* p = m_process;
        m_process = nullptr;
        p->disconnect(this);
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            connect(p, &QProcess::finished, p, &QObject::deleteLater);
        } else {
            p->deleteLater();
        }
    }
    if (m_reply) {
        QNetworkReply* r = m_reply;
        m_reply = nullptr;
        r->disconnect(this);
        r->abort();
        r->deleteLater();
    }
    emit done(ok, message);
}

} // namespace oneseal::devices
