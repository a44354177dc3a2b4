#pragma once

#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace oneseal::test {

/** Result of running a helper program to its end. */
struct RunResult
{
    int exitCode = -1;
    QString out; ///< standard output, trimmed
    QString err;
    bool ok() const { return exitCode == 0; }
};

/** Runs a program with arguments and optional standard input; waits up to timeoutMs. */
RunResult runProgram(const QString& program, const QStringList& args, const QByteArray& input = {},
                     int timeoutMs = 60000);

/** The key=value words of a helper's output line ("ok pushed=3 cursor=7" → {pushed: 3, cursor: 7}). */
QMap<QString, QString> lineFields(const QString& line);

QString hubBinary();
QString adminBinary();
QString agentBinary();

/**
 * A real oneseal-hub process on 127.0.0.1: created with oneseal-admin hub init, started with port 0
 * (the chosen port read from its standard output), restartable on the same port, killable.
 */
class HubProcess
{
public:
    explicit HubProcess(QString directory) : m_dir(std::move(directory)) {}
    ~HubProcess();

    /** hub init and the demo catalog; signedEventsOnly: the hall refuses unsigned events (a new hall). */
    bool init(QString* error, bool signedEventsOnly = false);
    bool start(QString* error, quint16 port = 0);
    /** The next start() runs the hub with its clock this far ahead (ONESEAL_TEST_HUB_CLOCK_OFFSET_MS). */
    void setClockOffsetMs(qint64 ms) { m_clockOffsetMs = ms; }
    /** SIGTERM and wait; true when it stopped cleanly (exit 0, "stopped" logged). */
    bool terminate();
    void kill9();
    bool isRunning() const;
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    quint16 port() const { return m_port; }
    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    QString directory() const { return m_dir; }
    /** Everything the hub logged so far (all runs), from its log file. */
    QString log();
    QString logPath() const;
    QString enrollmentCode(QString* error, const QString& workstation = QString());
    /** Runs oneseal-admin hub <args> --dir <dir> --as admin (password given). */
    RunResult admin(const QStringList& args, const QByteArray& extraInput = {});
    /** hub user-add: @p username named @p name with @p roles (role keys, comma separated) and @p password. */
    RunResult addUser(const QString& username, const QString& name, const QString& roles, const QString& password);
    /** addUser for each of @p usernames (named as their user names); false and *error at the first refusal. */
    bool addUsers(const QStringList& usernames, const QString& roles, const QString& password, QString* error);

private:
    QString m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    qint64 m_clockOffsetMs = 0;
};

/** A workstation as a ws_agent process per command. */
class Agent
{
public:
    Agent(QString dbPath, QString workstation) : m_db(std::move(dbPath)), m_workstation(std::move(workstation)) {}
    RunResult run(const QString& command, const QStringList& args = {}, int timeoutMs = 120000) const;
    bool create(QString* error) const;
    QString db() const { return m_db; }
    QString workstation() const { return m_workstation; }
    /** Starts a command without waiting (to kill it). */
    std::unique_ptr<QProcess> start(const QString& command, const QStringList& args = {}) const;

private:
    QString m_db;
    QString m_workstation;
};

/**
 * A workstation made in \a directory (NAME.db), enrolled at \a hub with a fresh code and synced once;
 * null and *error when any step fails.
 */
std::shared_ptr<Agent> enrolledAgent(HubProcess& hub, const QString& directory, const QString& name, QString* error);
/** enrolledAgent for each of \a names, in order; empty and *error when one fails. */
QList<std::shared_ptr<Agent>> enrolledAgents(HubProcess& hub, const QString& directory, const QStringList& names,
                                             QString* error);

} // namespace oneseal::test
