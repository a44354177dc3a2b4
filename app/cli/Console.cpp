#include "Console.h"

#include "services/AuthService.h"
#include "services/HallService.h"

#include <QCoreApplication>

#include <termios.h>
#include <unistd.h>

namespace oneseal::cli {

namespace {
struct Console
{
    Q_DECLARE_TR_FUNCTIONS(OneSealAdmin)
};
} // namespace

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream& err()
{
    static QTextStream s(stderr);
    return s;
}

int fail(const QString& message)
{
    err() << Console::tr("oneseal-admin: %1").arg(message) << "\n" << Qt::flush;
    return 1;
}

QString readSecret(const QString& prompt)
{
    const bool tty = isatty(STDIN_FILENO);
    termios old{};
    if (tty) {
        err() << prompt << Qt::flush;
        tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    static QTextStream in(stdin);
    const QString line = in.readLine();
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        err() << "\n" << Qt::flush;
    }
    return line;
}

std::unique_ptr<services::Session> logIn(const QString& databasePath, const QString& username, const QString& prompt,
                                         QString* error)
{
    services::AuthService auth(databasePath);
    return auth.login(username, readSecret(prompt), error);
}

bool parseCommand(QCommandLineParser& parser, const QStringList& args, const QString& description)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    if (!parser.parse(args)) {
        fail(parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText() << Qt::flush;
        return false;
    }
    return true;
}

QCommandLineOption dbOption()
{
    return QCommandLineOption(QStringLiteral("db"), Console::tr("The hall database file."), Console::tr("path"),
                              services::HallService::defaultDatabasePath());
}

QCommandLineOption asOption()
{
    return QCommandLineOption(QStringLiteral("as"), Console::tr("The administrator's user name (password on standard input)."),
                              Console::tr("user"), QStringLiteral("admin"));
}

} // namespace oneseal::cli
