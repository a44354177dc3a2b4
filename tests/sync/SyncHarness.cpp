#include "SyncHarness.h"

#include <QProcessEnvironment>

#include "TestConfig.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QThread>

namespace oneseal::test {

QMap<QString, QString> lineFields(const QString& line)
{
    QMap<QString, QString> map;
    for (const QString& part : line.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        if (part.contains(QLatin1Char('=')))
            map.insert(part.section(QLatin1Char('='), 0, 0), part.section(QLatin1Char('='), 1));
    return map;
}

namespace {
const QByteArray kPassword = "demo1234\n";
}

QString hubBinary()
{
    return QStringLiteral(ONESEAL_BINARY_DIR "/app/hub/oneseal-hub");
}

QString adminBinary()
{
    return QStringLiteral(ONESEAL_BINARY_DIR "/app/cli/oneseal-admin");
}

QString agentBinary()
{
    return QStringLiteral(ONESEAL_BINARY_DIR "/tests/sync/ws_agent");
}

RunResult runProgram(const QString& program, const QStringList& args, const QByteArray& input, int timeoutMs)
{
    QProcess p;
    p.start(program, args);
    RunResult r;
    if (!p.waitForStarted(10000)) {
        r.err = p.errorString();
        return r;
    }
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    r.err = QString::fromUtf8(p.readAllStandardError()).trimmed();
    return r;
}

HubProcess::~HubProcess()
{
    if (isRunning())
        kill9();
}

bool HubProcess::init(QString* error, bool signedEventsOnly)
{
    QStringList args{QStringLiteral("hub"), QStringLiteral("init"), QStringLiteral("--dir"), m_dir,
                     QStringLiteral("--hall"), QStringLiteral("Test hall"), QStringLiteral("--test-fast-kdf")};
    // The older sync tests write events as users the hub does not know, without keys.
    if (!signedEventsOnly)
        args << QStringLiteral("--allow-unsigned-events");
    const RunResult r = runProgram(adminBinary(), args, kPassword + kPassword);
    if (!r.ok()) {
        *error = r.err + r.out;
        return false;
    }
    const RunResult c = admin({QStringLiteral("catalog-import"),
                               QStringLiteral(ONESEAL_SOURCE_DIR "/resources/catalog/demo-catalog.json")});
    if (!c.ok())
        *error = c.err + c.out;
    return c.ok();
}

RunResult HubProcess::admin(const QStringList& args, const QByteArray& extraInput)
{
    QStringList all{QStringLiteral("hub")};
    all << args.first() << QStringLiteral("--dir") << m_dir << QStringLiteral("--as") << QStringLiteral("admin")
        << args.mid(1);
    return runProgram(adminBinary(), all, kPassword + extraInput);
}

RunResult HubProcess::addUser(const QString& username, const QString& name, const QString& roles,
                              const QString& password)
{
    return admin({QStringLiteral("user-add"), QStringLiteral("--username"), username, QStringLiteral("--name"), name,
                  QStringLiteral("--roles"), roles},
                 (password + QLatin1Char('\n')).toUtf8());
}

bool HubProcess::addUsers(const QStringList& usernames, const QString& roles, const QString& password, QString* error)
{
    for (const QString& username : usernames) {
        const RunResult r = addUser(username, username, roles, password);
        if (!r.ok()) {
            if (error)
                *error = username + QStringLiteral(": ") + r.out + r.err;
            return false;
        }
    }
    return true;
}

bool HubProcess::start(QString* error, quint16 port)
{
    // The hub logs to a file, not a pipe: nobody has to read a pipe for the hub to go on (a full
    // pipe would block the hub's logging and with it the hub).
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(logPath(), QIODevice::Append);
    const qint64 offset = QFileInfo(logPath()).size();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (m_clockOffsetMs != 0)
        env.insert(QStringLiteral("ONESEAL_TEST_HUB_CLOCK_OFFSET_MS"), QString::number(m_clockOffsetMs));
    else
        env.remove(QStringLiteral("ONESEAL_TEST_HUB_CLOCK_OFFSET_MS"));
    m_process->setProcessEnvironment(env);
    m_process->start(hubBinary(), {QStringLiteral("--dir"), m_dir, QStringLiteral("--listen"), QStringLiteral("127.0.0.1"),
                                   QStringLiteral("--port"), QString::number(port)});
    static const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        const auto match = listening.match(log().mid(offset));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
        if (m_process->state() == QProcess::NotRunning)
            break;
        QThread::msleep(20);
    }
    *error = QStringLiteral("the hub did not start: ") + log().right(2000);
    return false;
}

bool HubProcess::terminate()
{
    if (!isRunning())
        return false;
    m_process->terminate();
    const bool finished = m_process->waitForFinished(20000);
    return finished && m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0
        && log().trimmed().endsWith(QStringLiteral("stopped"));
}

void HubProcess::kill9()
{
    if (!m_process)
        return;
    m_process->kill(); // SIGKILL
    m_process->waitForFinished(10000);
}

bool HubProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QString HubProcess::log()
{
    QFile f(logPath());
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QString HubProcess::logPath() const
{
    return m_dir + QStringLiteral(".log");
}

QString HubProcess::enrollmentCode(QString* error, const QString& workstation)
{
    QStringList args{QStringLiteral("enroll-code")};
    if (!workstation.isEmpty())
        args << QStringLiteral("--workstation") << workstation;
    const RunResult r = admin(args);
    if (!r.ok()) {
        *error = r.err + r.out;
        return {};
    }
    return r.out.trimmed();
}

RunResult Agent::run(const QString& command, const QStringList& args, int timeoutMs) const
{
    return runProgram(agentBinary(), QStringList{command, QStringLiteral("--db"), m_db} + args, {}, timeoutMs);
}

std::unique_ptr<QProcess> Agent::start(const QString& command, const QStringList& args) const
{
    auto p = std::make_unique<QProcess>();
    p->start(agentBinary(), QStringList{command, QStringLiteral("--db"), m_db} + args);
    p->waitForStarted(10000);
    return p;
}

bool Agent::create(QString* error) const
{
    const RunResult r = run(QStringLiteral("create"), {QStringLiteral("--workstation"), m_workstation});
    if (!r.ok())
        *error = r.out + r.err;
    return r.ok();
}

std::shared_ptr<Agent> enrolledAgent(HubProcess& hub, const QString& directory, const QString& name, QString* error)
{
    auto agent = std::make_shared<Agent>(QDir(directory).filePath(name + QStringLiteral(".db")), name);
    if (!agent->create(error))
        return nullptr;
    const QString code = hub.enrollmentCode(error);
    if (code.isEmpty())
        return nullptr;
    for (const QString& command : {QStringLiteral("enroll"), QStringLiteral("sync")}) {
        const RunResult r = agent->run(command, command == QLatin1String("enroll")
                                                    ? QStringList{QStringLiteral("--hub"), hub.address(), QStringLiteral("--code"), code}
                                                    : QStringList{});
        if (!r.ok()) {
            if (error)
                *error = name + QLatin1Char(' ') + command + QStringLiteral(": ") + r.out + r.err;
            return nullptr;
        }
    }
    return agent;
}

QList<std::shared_ptr<Agent>> enrolledAgents(HubProcess& hub, const QString& directory, const QStringList& names,
                                             QString* error)
{
    QList<std::shared_ptr<Agent>> agents;
    for (const QString& name : names) {
        auto agent = enrolledAgent(hub, directory, name, error);
        if (!agent)
            return {};
        agents << agent;
    }
    return agents;
}

} // namespace oneseal::test
