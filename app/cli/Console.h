#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <memory>

namespace oneseal::services {
class Session;
}

namespace oneseal::cli {

/** Standard output and standard error of oneseal-admin. */
QTextStream& out();
QTextStream& err();

/** Prints "oneseal-admin: message" on standard error; returns the exit code 1. */
int fail(const QString& message);

/** Reads one line from standard input (a password); without echo when it is a terminal. */
QString readSecret(const QString& prompt);

/** Logs in at the hall database with the password read from standard input after prompt. */
std::unique_ptr<services::Session> logIn(const QString& databasePath, const QString& username, const QString& prompt,
                                         QString* error);

/**
 * Parses a command's arguments with --help added; false (after printing the error or the help)
 * when the command should not run.
 */
bool parseCommand(QCommandLineParser& parser, const QStringList& args, const QString& description);

/** --db: the workstation's hall database. */
QCommandLineOption dbOption();
/** --as: the administrator's user name (the password comes on standard input). */
QCommandLineOption asOption();

} // namespace oneseal::cli
