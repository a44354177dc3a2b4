#include "AdminCommands.h"

#include "SyncCommands.h"

#include "db/Database.h"
#include "services/AuthService.h"
#include "services/CatalogService.h"
#include "services/HallService.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace oneseal::cli {

namespace {

struct Admin
{
    Q_DECLARE_TR_FUNCTIONS(OneSealAdmin)
};

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


/** Reads one line from standard input; without echo when it is a terminal. */
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

int fail(const QString& message)
{
    err() << Admin::tr("oneseal-admin: %1").arg(message) << "\n" << Qt::flush;
    return 1;
}

struct Command
{
    const char* name;
    const char* summary;
    int (*run)(const QStringList& args);
};

QCommandLineOption dbOption()
{
    return QCommandLineOption(QStringLiteral("db"), Admin::tr("The hall database file."), Admin::tr("path"),
                              services::HallService::defaultDatabasePath());
}

QCommandLineOption asOption()
{
    return QCommandLineOption(QStringLiteral("as"), Admin::tr("The administrator's user name (password on standard input)."),
                              Admin::tr("user"), QStringLiteral("admin"));
}

bool parse(QCommandLineParser& parser, const QStringList& args, const QString& description)
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

int cmdInit(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const QCommandLineOption hall(QStringLiteral("hall"), Admin::tr("The bureau's name (on the seal)."), Admin::tr("name"));
    const QCommandLineOption admin(QStringLiteral("admin"), Admin::tr("The first administrator's user name."), Admin::tr("user"),
                                   QStringLiteral("admin"));
    const QCommandLineOption name(QStringLiteral("name"), Admin::tr("The administrator's full name."), Admin::tr("name"));
    const QCommandLineOption ws(QStringLiteral("workstation"), Admin::tr("This workstation's id."), Admin::tr("id"));
    const QCommandLineOption joinsHub(QStringLiteral("joins-hub"),
                                      Admin::tr("The workstation will sync with a hub (which leases its numbers)."));
    p.addOptions({db, hall, admin, name, ws, joinsHub});
    if (!parse(p, args, Admin::tr("Creates a hall database, its key ring and its first administrator.\n"
                           "The password is read twice from standard input.")))
        return 2;
    services::HallSetup setup;
    setup.databasePath = p.value(db);
    setup.hallName = p.value(hall);
    setup.adminUsername = p.value(admin);
    setup.adminDisplayName = p.value(name);
    setup.workstationId = p.value(ws);
    setup.ownsFirstNumberBlocks = !p.isSet(joinsHub);
    const QString pw = readSecret(Admin::tr("New administrator password: "));
    if (readSecret(Admin::tr("Repeat the password: ")) != pw)
        return fail(Admin::tr("The two passwords differ; nothing was created."));
    setup.adminPassword = pw;
    QString error;
    if (!services::HallService::createHall(setup, &error))
        return fail(error);
    out() << Admin::tr("Created the hall database %1.").arg(setup.databasePath) << "\n";
    return 0;
}

int cmdDemo(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const QCommandLineOption ifMissing(QStringLiteral("if-missing"), Admin::tr("Do nothing when the database exists."));
    p.addOptions({db, ifMissing});
    if (!parse(p, args, Admin::tr("Creates the demo hall (users listed in the README).")))
        return 2;
    if (p.isSet(ifMissing) && QFile::exists(p.value(db))) {
        out() << Admin::tr("The demo hall %1 is already there.").arg(p.value(db)) << "\n";
        return 0;
    }
    QString error;
    if (!services::HallService::createDemoHall(p.value(db), &error))
        return fail(error);
    out() << Admin::tr("Created the demo hall %1. Every demo user's password is %2.")
                 .arg(p.value(db), services::HallService::demoPassword())
          << "\n";
    return 0;
}

int cmdUserAdd(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    const QCommandLineOption username(QStringLiteral("username"), Admin::tr("The new user's user name."), Admin::tr("user"));
    const QCommandLineOption name(QStringLiteral("name"), Admin::tr("The new user's full name."), Admin::tr("name"));
    const QCommandLineOption roles(QStringLiteral("roles"),
                                   Admin::tr("Roles, comma separated: intake, review, inspection, approval, certificate, "
                                      "supervisor, admin."),
                                   Admin::tr("roles"));
    p.addOptions({db, as, username, name, roles});
    if (!parse(p, args, Admin::tr("Adds a user. Reads the administrator's password, then the new user's, from standard input.")))
        return 2;
    QStringList unknown;
    const core::Roles r = core::rolesFromKeys(p.value(roles), &unknown);
    if (!unknown.isEmpty())
        return fail(Admin::tr("Unknown role(s): %1").arg(unknown.join(QStringLiteral(", "))));
    services::AuthService auth(p.value(db));
    QString error;
    auto session = auth.login(p.value(as), readSecret(Admin::tr("Administrator password: ")), &error);
    if (!session)
        return fail(error);
    if (!services::AuthService::addUser(*session, p.value(username), p.value(name), r,
                                        readSecret(Admin::tr("New user's password: ")), &error))
        return fail(error);
    out() << Admin::tr("Added the user %1.").arg(p.value(username)) << "\n";
    return 0;
}

int cmdExportKey(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    p.addOptions({db, as});
    if (!parse(p, args, Admin::tr("Prints the raw database key (64 hex digits) for disaster recovery.")))
        return 2;
    QString error;
    auto key = services::AuthService::recoverKey(p.value(db), p.value(as), readSecret(Admin::tr("Administrator password: ")),
                                                 &error);
    if (!key)
        return fail(error);
    out() << key->toHex() << "\n";
    return 0;
}

int cmdExportPlain(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    const QCommandLineOption target(QStringLiteral("out"), Admin::tr("Where to write the unencrypted copy."), Admin::tr("file"));
    p.addOptions({db, as, target});
    if (!parse(p, args, Admin::tr("Writes an unencrypted copy of the hall database for disaster recovery.")))
        return 2;
    if (p.value(target).isEmpty())
        return fail(Admin::tr("Say where to write the copy with --out."));
    services::AuthService auth(p.value(db));
    QString error;
    auto session = auth.login(p.value(as), readSecret(Admin::tr("Administrator password: ")), &error);
    if (!session)
        return fail(error);
    if (!session->can(core::Action::ExportKey))
        return fail(services::Session::refusal(core::Action::ExportKey));
    if (!session->database().exportPlaintext(p.value(target), &error))
        return fail(error);
    out() << Admin::tr("Wrote an UNENCRYPTED copy to %1. Keep it locked away and delete it when done.").arg(p.value(target))
          << "\n";
    return 0;
}

int cmdInfo(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    p.addOptions({db, as});
    if (!parse(p, args, Admin::tr("Shows the hall, the workstation, the schema version and the number of events.")))
        return 2;
    services::AuthService auth(p.value(db));
    QString error;
    auto session = auth.login(p.value(as), readSecret(Admin::tr("Password: ")), &error);
    if (!session)
        return fail(error);
    out() << Admin::tr("Hall: %1").arg(session->hallName()) << "\n"
          << Admin::tr("Workstation: %1").arg(session->workstation()) << "\n"
          << Admin::tr("Schema version: %1").arg(session->database().schemaVersion()) << "\n"
          << Admin::tr("Events: %1").arg(session->events().count()) << "\n";
    return 0;
}

int cmdCatalogImport(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    p.addOptions({db, as});
    p.addPositionalArgument(QStringLiteral("file"), Admin::tr("The catalog JSON file (format: docs/CATALOG.md)."));
    if (!parse(p, args, Admin::tr("Imports a new version of the catalog of matters, materials and bundles.")))
        return 2;
    if (p.positionalArguments().size() != 1)
        return fail(Admin::tr("Name one catalog file."));
    QFile f(p.positionalArguments().first());
    if (!f.open(QIODevice::ReadOnly))
        return fail(Admin::tr("Unable to read %1: %2").arg(f.fileName(), f.errorString()));
    const QByteArray json = f.readAll();
    services::AuthService auth(p.value(db));
    QString error;
    auto session = auth.login(p.value(as), readSecret(Admin::tr("Administrator password: ")), &error);
    if (!session)
        return fail(error);
    const auto catalog = services::CatalogService(*session).importJson(json, &error);
    if (!catalog)
        return fail(Admin::tr("%1: %2").arg(f.fileName(), error));
    out() << Admin::tr("Imported catalog version %1: %2 matters, %3 bundles.")
                 .arg(catalog->version)
                 .arg(catalog->matters.size())
                 .arg(catalog->bundles.size())
          << "\n";
    return 0;
}

int cmdCatalogExport(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    const QCommandLineOption version(QStringLiteral("version"), Admin::tr("The version to export (default: current)."),
                                     Admin::tr("n"), QStringLiteral("0"));
    const QCommandLineOption target(QStringLiteral("out"), Admin::tr("Where to write the JSON (default: standard output)."),
                                    Admin::tr("file"));
    p.addOptions({db, as, version, target});
    if (!parse(p, args, Admin::tr("Exports a catalog version as JSON.")))
        return 2;
    services::AuthService auth(p.value(db));
    QString error;
    auto session = auth.login(p.value(as), readSecret(Admin::tr("Password: ")), &error);
    if (!session)
        return fail(error);
    const auto json = services::CatalogService(*session).exportJson(p.value(version).toInt(), &error);
    if (!json)
        return fail(error);
    if (p.value(target).isEmpty()) {
        out() << QString::fromUtf8(*json) << Qt::flush;
        return 0;
    }
    QSaveFile f(p.value(target));
    if (!f.open(QIODevice::WriteOnly) || f.write(*json) < 0 || !f.commit())
        return fail(Admin::tr("Unable to write %1: %2").arg(f.fileName(), f.errorString()));
    return 0;
}

const Command kCommands[] = {
    {"init", QT_TRANSLATE_NOOP("OneSealAdmin", "create a hall database and its first administrator"), cmdInit},
    {"demo", QT_TRANSLATE_NOOP("OneSealAdmin", "create the demo hall"), cmdDemo},
    {"user-add", QT_TRANSLATE_NOOP("OneSealAdmin", "add a user with roles"), cmdUserAdd},
    {"export-key", QT_TRANSLATE_NOOP("OneSealAdmin", "print the raw database key (disaster recovery)"), cmdExportKey},
    {"export-plain", QT_TRANSLATE_NOOP("OneSealAdmin", "write an unencrypted copy (disaster recovery)"),
     cmdExportPlain},
 {"catalog-import", QT_TRANSLATE_NOOP("OneSealAdmin", "import a new catalog version from JSON"), cmdCatalogImport},
    {"catalog-export", QT_TRANSLATE_NOOP("OneSealAdmin", "export a catalog version as JSON"), cmdCatalogExport},
    {"info", QT_TRANSLATE_NOOP("OneSealAdmin", "show the hall, workstation and schema"), cmdInfo},
    {"hub", QT_TRANSLATE_NOOP("OneSealAdmin", "the hall's hub: init, enroll-code, revoke, user-add, ..."), runHubCommand},
    {"enroll", QT_TRANSLATE_NOOP("OneSealAdmin", "enroll this workstation at the hub with a one-time code"), runEnroll},
    {"sync", QT_TRANSLATE_NOOP("OneSealAdmin", "sync with the hub now"), runSync},
    {"bundle", QT_TRANSLATE_NOOP("OneSealAdmin", "export or import events by file (no network)"), runBundleCommand},
};

int usage()
{
    out() << Admin::tr("Usage: oneseal-admin COMMAND [options]   (oneseal-admin COMMAND --help for its options)") << "\n\n";
    for (const Command& c : kCommands)
        out() << "  " << QString::fromLatin1(c.name).leftJustified(14) << Admin::tr(c.summary) << "\n";
    out() << Qt::flush;
    return 2;
}

} // namespace

int run(const QStringList& arguments)
{
    if (arguments.size() < 2 || arguments.at(1).startsWith(QLatin1Char('-')))
        return usage();
    const QString name = arguments.at(1);
    QStringList rest = arguments.mid(1);
    rest[0] = arguments.at(0) + QLatin1Char(' ') + name;
    for (const Command& c : kCommands)
        if (name == QLatin1String(c.name)) {
            const int rc = c.run(rest);
            out() << Qt::flush;
            return rc;
        }
    fail(Admin::tr("Unknown command '%1'.").arg(name));
    return usage();
}

} // namespace oneseal::cli
