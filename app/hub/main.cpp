// oneseal-hub: the hall's headless sync server. It owns the central encrypted database, listens with
// mutual TLS, logs to standard output, and stops cleanly on SIGTERM or SIGINT.
#include "hub/HubBackup.h"
#include "hub/HubLimits.h"
#include "hub/HubReference.h"
#include "hub/HubServer.h"
#include "hub/HubStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QLockFile>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[0], &c, 1);
}

void logToStdout(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    const char* level = type == QtDebugMsg ? "DEBUG"
        : type == QtInfoMsg                ? "INFO"
        : type == QtWarningMsg             ? "WARN"
                                           : "ERROR";
    const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' ' + level + ' '
        + message.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}
} // namespace

namespace {
class OffsetClock : public oneseal::core::Clock
{
public:
    explicit OffsetClock(qint64 offsetMs) : m_offsetMs(offsetMs) {}
    QDateTime now() const override { return oneseal::core::Clock::system().now().addMSecs(m_offsetMs); }

private:
    qint64 m_offsetMs;
};
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("OneSeal"));
    QCoreApplication::setApplicationName(QStringLiteral("oneseal-hub"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ONESEAL_VERSION));
    qInstallMessageHandler(logToStdout);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("OneSeal hub: the hall's sync server."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Folder of the hub (hub.db, hub.key)."),
                      QStringLiteral("folder"), QStringLiteral("/var/lib/oneseal-hub")});
    parser.addOption({QStringLiteral("listen"), QStringLiteral("Address to listen on."), QStringLiteral("address"),
                      QStringLiteral("0.0.0.0")});
    parser.addOption({QStringLiteral("port"), QStringLiteral("TCP port (0: any free port, printed)."),
                      QStringLiteral("port"), QStringLiteral("7443")});
    parser.process(app);

    QString error;
    // Held while the hub runs: oneseal-admin hub restore refuses to replace the database under it.
    QLockFile lock(oneseal::sync::HubBackup::lockPath(parser.value(QStringLiteral("dir"))));
    lock.setStaleLockTime(0); // stale only when the process that holds it is gone
    if (!lock.tryLock(0)) {
        qCritical().noquote() << "cannot start: another hub or a restore holds" << lock.fileName();
        return 1;
    }
    // Test programs only (ONESEAL_TEST_WEAK_KDF is set by oneseal_add_test and nothing else): a hub
    // whose clock runs ahead, so that the sync tests can make checkpoints later than a key's start.
    static const OffsetClock clock(qEnvironmentVariableIsSet("ONESEAL_TEST_WEAK_KDF")
                                       ? qEnvironmentVariable("ONESEAL_TEST_HUB_CLOCK_OFFSET_MS").toLongLong()
                                       : 0);
    auto store = oneseal::sync::HubStore::open(parser.value(QStringLiteral("dir")), &error, clock);
    if (!store) {
        qCritical().noquote() << "cannot open the hub:" << error;
        return 1;
    }
    // The users as this hub derives them now (a hub upgraded publishes has_key once; unchanged: nothing).
    if (!store->reference().publishUsers(&error)) {
        qCritical().noquote() << "cannot publish the users:" << error;
        return 1;
    }
    if (store->restoredThrough() >= 0)
        qInfo().noquote() << "generation" << store->generation() << "restored from" << store->parentGeneration()
                          << "through server_seq" << store->restoredThrough();
    oneseal::sync::HubLimits limits;
    const QString limitsFile = oneseal::sync::HubLimits::fileIn(parser.value(QStringLiteral("dir")));
    if (!oneseal::sync::HubLimits::load(limitsFile, &limits, &error)) {
        qCritical().noquote() << "cannot read the hub's settings:" << error;
        return 2;
    }
    bool portOk = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&portOk);
    const QHostAddress address(parser.value(QStringLiteral("listen")));
    if (!portOk || port > 65535 || address.isNull()) {
        qCritical().noquote() << "invalid address or port";
        return 2;
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0) {
        qCritical() << "cannot set up signal handling";
        return 1;
    }
    QSocketNotifier notifier(g_signalPipe[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char c = 0;
        [[maybe_unused]] const ssize_t n = ::read(g_signalPipe[1], &c, 1);
        qInfo() << "stopping on signal";
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    oneseal::sync::HubServer server(*store, limits);
    if (!server.listen(address, quint16(port), &error)) {
        qCritical().noquote() << "cannot listen on" << address.toString() << port << ":" << error;
        return 1;
    }
    qInfo().noquote() << "hub of" << store->hallName() << "listening on"
                      << address.toString() + QLatin1Char(':') + QString::number(server.port());
    const int rc = QCoreApplication::exec();
    server.close();
    store.reset();
    qInfo() << "stopped";
    return rc;
}
