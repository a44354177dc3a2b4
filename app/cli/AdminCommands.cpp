#include "AdminCommands.h"
#include "db/ChainCheckpoints.h"
#include "db/UserRepository.h"
#include "Console.h"

#include "core/CertificatePayload.h"
#include "core/SealGrant.h"
#include "core/SealKey.h"
#include "SyncCommands.h"

#include "db/Database.h"
#include "services/AuditService.h"
#include "print/CertificateScanner.h"
#include "services/AuthService.h"
#include "services/UserRolesService.h"
#include "services/CalendarService.h"
#include "services/CatalogService.h"
#include "services/CounterService.h"
#include "services/SeparationService.h"
#include "loadgen/DataGenerator.h"
#include "services/HallService.h"
#include "services/SealKeyService.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace oneseal::cli {

namespace {

struct Admin
{
    Q_DECLARE_TR_FUNCTIONS(OneSealAdmin)
};

struct Command
{
    const char* name;
    const char* summary;
    int (*run)(const QStringList& args);
};

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
    if (!parseCommand(p, args, Admin::tr("Creates a hall database, its key ring and its first administrator.\n"
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
    if (!parseCommand(p, args, Admin::tr("Creates the demo hall (users listed in the README).")))
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
    if (!parseCommand(p, args, Admin::tr("Adds a user. Reads the administrator's password, then the new user's, from standard input.")))
        return 2;
    QStringList unknown;
    const core::Roles r = core::rolesFromKeys(p.value(roles), &unknown);
    if (!unknown.isEmpty())
        return fail(Admin::tr("Unknown role(s): %1").arg(unknown.join(QStringLiteral(", "))));
    QString error;
    auto session = logIn(p.value(db), p.value(as), Admin::tr("Administrator password: "), &error);
    if (!session)
        return fail(error);
    if (!services::AuthService::addUser(*session, p.value(username), p.value(name), r,
                                        readSecret(Admin::tr("New user's password: ")), &error))
        return fail(error);
    out() << Admin::tr("Added the user %1.").arg(p.value(username)) << "\n";
    return 0;
}

int cmdUserRoles(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    const QCommandLineOption username(QStringLiteral("username"), Admin::tr("The user's user name."), Admin::tr("user"));
    const QCommandLineOption roles(QStringLiteral("roles"),
                                   Admin::tr("Roles, comma separated: intake, review, inspection, approval, certificate, "
                                      "supervisor, admin."),
                                   Admin::tr("roles"));
    p.addOptions({db, as, username, roles});
    if (!parseCommand(p, args, Admin::tr("Changes a user's roles at a hall without a hub (at a hub: hub user-roles). "
                                         "Reads the administrator's password from standard input.")))
        return 2;
    QStringList unknown;
    const core::Roles r = core::rolesFromKeys(p.value(roles), &unknown);
    if (!unknown.isEmpty())
        return fail(Admin::tr("Unknown role(s): %1").arg(unknown.join(QStringLiteral(", "))));
    QString error;
    auto session = logIn(p.value(db), p.value(as), Admin::tr("Administrator password: "), &error);
    if (!session)
        return fail(error);
    if (!services::UserRolesService(*session).setRoles(p.value(username), r, &error))
        return fail(error);
    out() << Admin::tr("The roles of %1 are now: %2.").arg(p.value(username), core::rolesDisplayText(r)) << "\n";
    return 0;
}

int cmdUserReset(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    const QCommandLineOption username(QStringLiteral("username"), Admin::tr("The user's user name."), Admin::tr("user"));
    p.addOptions({db, as, username});
    if (!parseCommand(p, args, Admin::tr("Sets a new password for a user who forgot theirs, at a hall without a hub (at a "
                                         "hub: hub user-reset): their signing key ends; they change the password at "
                                         "their next login.\nReads the administrator's password, then the user's new "
                                         "password.")))
        return 2;
    if (p.value(username).isEmpty())
        return fail(Admin::tr("Name the user with --username."));
    QString error;
    auto session = logIn(p.value(db), p.value(as), Admin::tr("Administrator password: "), &error);
    if (!session)
        return fail(error);
    const QString password = readSecret(Admin::tr("The user's new password: "));
    const auto reset = services::AuthService::resetPassword(*session, p.value(username), password, &error);
    if (!reset)
        return fail(error);
    out() << Admin::tr("The password of %1 is reset; they must change it at their next login.").arg(reset->username)
          << "\n";
    if (reset->heldSealGrant)
        out() << Admin::tr("%1 held the hall's seal key: that grant can no longer be opened. Grant it again "
                           "(seal-key grant) after their next login.")
                     .arg(reset->username)
              << "\n";
    return 0;
}

int cmdExportKey(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    p.addOptions({db, as});
    if (!parseCommand(p, args, Admin::tr("Prints the raw database key (64 hex digits) for disaster recovery.")))
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
    if (!parseCommand(p, args, Admin::tr("Writes an unencrypted copy of the hall database for disaster recovery.")))
        return 2;
    if (p.value(target).isEmpty())
        return fail(Admin::tr("Say where to write the copy with --out."));
    QString error;
    auto session = logIn(p.value(db), p.value(as), Admin::tr("Administrator password: "), &error);
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
    if (!parseCommand(p, args, Admin::tr("Shows the hall, the workstation, the schema version and the number of events.")))
        return 2;
    QString error;
    auto session = logIn(p.value(db), p.value(as), Admin::tr("Password: "), &error);
    if (!session)
        return fail(error);
    out() << Admin::tr("Hall: %1").arg(session->hallName()) << "\n"
          << Admin::tr("Workstation: %1").arg(session->workstation()) << "\n"
          << Admin::tr("Schema version: %1").arg(session->database().schemaVersion()) << "\n"
          << Admin::tr("Events: %1").arg(session->events().count()) << "\n";
    QStringList years;
    for (int y : session->calendar().years())
        years << QString::number(y);
    out() << Admin::tr("Holiday calendar years: %1").arg(years.join(QStringLiteral(", "))) << "\n";
    return 0;
}

int cmdCatalogImport(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    p.addOptions({db, as});
    p.addPositionalArgument(QStringLiteral("file"), Admin::tr("The catalog JSON file (format: docs/CATALOG.md)."));
    if (!parseCommand(p, args, Admin::tr("Imports a new version of the catalog of matters, materials and bundles.")))
        return 2;
    if (p.positionalArguments().size() != 1)
        return fail(Admin::tr("Name one catalog file."));
    QFile f(p.positionalArguments().first());
    if (!f.open(QIODevice::ReadOnly))
        return fail(Admin::tr("Unable to read %1: %2").arg(f.fileName(), f.errorString()));
    const QByteArray json = f.readAll();
    QString error;
    auto session = logIn(p.value(db), p.value(as), Admin::tr("Administrator password: "), &error);
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

int cmdCalendarImport(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    p.addOptions({db, as});
    p.addPositionalArgument(QStringLiteral("file"),
                            Admin::tr("The year's holiday file, YEAR.json in the holiday-cn format (docs/DOMAIN.md)."));
    if (!parseCommand(p, args, Admin::tr("Adds or replaces one year of the holiday calendar at this workstation. A hall "
                                         "with a hub imports at the hub instead (oneseal-admin hub calendar-import).")))
        return 2;
    if (p.positionalArguments().size() != 1)
        return fail(Admin::tr("Name one holiday file."));
    QFile f(p.positionalArguments().first());
    if (!f.open(QIODevice::ReadOnly))
        return fail(Admin::tr("Unable to read %1: %2").arg(f.fileName(), f.errorString()));
    if (f.size() > core::WorkCalendar::kMaxYearFileBytes)
        return fail(Admin::tr("%1 is %2 bytes long; a holiday year file has at most %3.")
                        .arg(f.fileName())
                        .arg(f.size())
                        .arg(core::WorkCalendar::kMaxYearFileBytes));
    const QByteArray json = f.readAll();
    QString error;
    auto session = logIn(p.value(db), p.value(as), Admin::tr("Administrator password: "), &error);
    if (!session)
        return fail(error);
    const auto imported = services::CalendarService(*session).importYear(json, &error);
    if (!imported)
        return fail(Admin::tr("%1: %2").arg(f.fileName(), error));
    out() << (imported->replaced ? Admin::tr("Replaced the holiday calendar for %1: %2 listed days.")
                                 : Admin::tr("Added the holiday calendar for %1: %2 listed days."))
                 .arg(imported->year)
                 .arg(imported->listedDays)
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
    if (!parseCommand(p, args, Admin::tr("Exports a catalog version as JSON.")))
        return 2;
    QString error;
    auto session = logIn(p.value(db), p.value(as), Admin::tr("Password: "), &error);
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

int cmdVerifyAudit(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    p.addOptions({db, as});
    if (!parseCommand(p, args, Admin::tr("Walks every workstation's hash chain and names the first event that was changed, "
                                  "removed or inserted, and every event refused by the hall's rules.\nExit code: 0 intact, 3 tampered "
                                  "or refused events, 1 error.")))
        return 2;
    QString error;
    auto session = logIn(p.value(db), p.value(as), Admin::tr("Password: "), &error);
    if (!session)
        return fail(error);
    const auto report = services::AuditService(*session).verifyChains(&error);
    if (!report)
        return fail(error);
    out() << Admin::tr("%n event(s) in %1 workstation chain(s).", nullptr, int(report->events)).arg(report->workstations)
          << "\n";
    const auto refused = services::AuditService(*session).quarantinedEvents(&error);
    if (!refused)
        return fail(error);
    // Forged or unauthorised events: kept in the chain, folded nowhere, named here.
    const db::UserRepository users(session->database().sql());
    for (const core::Event& e : *refused) {
        // By name: the user the event claims as its author (and their id, which is what was signed).
        const auto author = users.byId(e.userId);
        const QString who = author ? QStringLiteral("%1 [%2]").arg(author->username, e.userId) : e.userId;
        out() << Admin::tr("REFUSED: workstation %1: event %2 (%3 by %4): %5")
                     .arg(e.workstation, e.id.toString(QUuid::WithoutBraces), e.kind, who, e.quarantine)
              << "\n";
    }
    // The hub key the checkpoints were checked with: compare with "oneseal-admin hub status" at the hub.
    if (const QList<QByteArray> keys = db::ChainCheckpoints(session->database().sql()).hubKeys(); !keys.isEmpty())
        out() << Admin::tr("Checkpoints checked with the hub's key %1.").arg(core::SealKey::keyIdOf(keys.constLast())) << "\n";
    if (report->intact()) {
        out() << Admin::tr("Every chain is intact.") << "\n";
        return refused->isEmpty() ? 0 : 3;
    }
    for (const core::AuditFinding& f : report->findings) {
        if (f.problem == core::AuditFinding::Problem::Truncated) {
            out() << Admin::tr("CUT OFF: workstation %1: %2").arg(f.workstation, f.description) << "\n";
            continue;
        }
        if (f.problem == core::AuditFinding::Problem::ForgedCheckpoint) {
            out() << Admin::tr("FORGED CHECKPOINT: workstation %1: %2").arg(f.workstation, f.description) << "\n";
            continue;
        }
        out() << Admin::tr("TAMPERED: workstation %1: first bad event seq %2 (%3), %4: %5")
                     .arg(f.workstation)
                     .arg(f.seq)
                     .arg(f.eventId, core::AuditChain::problemName(f.problem), f.description)
              << "\n";
    }
    return 3;
}

int cmdSealRegister(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    const QCommandLineOption csv(QStringLiteral("csv"), Admin::tr("Write the register as CSV to this file."),
                                 Admin::tr("file"));
    const QCommandLineOption from(QStringLiteral("from"), Admin::tr("First day (YYYY-MM-DD)."), Admin::tr("day"));
    const QCommandLineOption to(QStringLiteral("to"), Admin::tr("Last day (YYYY-MM-DD)."), Admin::tr("day"));
    const QCommandLineOption kind(QStringLiteral("kind"),
                                  Admin::tr("Only one kind of document: decision, notice, certificate, reprint, revocation."),
                                  Admin::tr("kind"));
    p.addOptions({db, as, csv, from, to, kind});
    if (!parseCommand(p, args, Admin::tr("Lists the seal register (every document that carries the seal), or exports it "
                                         "as CSV.")))
        return 2;
    const core::SealedDocument only
        = p.isSet(kind) ? core::sealedDocumentFromStored(p.value(kind)) : core::SealedDocument::None;
    if (only == core::SealedDocument::Unknown || (p.isSet(kind) && only == core::SealedDocument::None))
        return fail(Admin::tr("Unknown document kind %1; use decision, notice, certificate, reprint or revocation.")
                        .arg(p.value(kind)));
    const QDate first = p.isSet(from) ? QDate::fromString(p.value(from), Qt::ISODate) : QDate();
    const QDate last = p.isSet(to) ? QDate::fromString(p.value(to), Qt::ISODate) : QDate();
    if ((p.isSet(from) && !first.isValid()) || (p.isSet(to) && !last.isValid()))
        return fail(Admin::tr("Write days as YYYY-MM-DD."));
    QString error;
    auto session = logIn(p.value(db), p.value(as), Admin::tr("Password: "), &error);
    if (!session)
        return fail(error);
    services::AuditService audit(*session);
    if (p.isSet(csv)) {
        const auto written = audit.exportSealRegister(p.value(csv), first, last, &error, only);
        if (!written)
            return fail(error);
        out() << Admin::tr("Wrote %n seal use(s) to %1.", nullptr, *written).arg(p.value(csv)) << "\n";
        return 0;
    }
    const auto rows = audit.sealRegister(first, last, &error, only);
    if (!rows)
        return fail(error);
    out() << QString::fromUtf8(services::AuditService::toCsv(*rows).mid(3)) << Qt::flush;
    return 0;
}

int cmdSeparation(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    const QCommandLineOption relax(QStringLiteral("relax"),
                                   Admin::tr("Pairs of steps one person may both take on a case, e.g. "
                                             "review+inspect,decide+issue; \"none\" restores the strict rule."),
                                   Admin::tr("pairs"));
    const QCommandLineOption reasons(QStringLiteral("reasons"), Admin::tr("Why the hall relaxes the rule (required)."),
                                     Admin::tr("text"));
    p.addOptions({db, as, relax, reasons});
    if (!parseCommand(p, args, Admin::tr("Shows or sets which pairs of steps (accept, review, inspect, decide, issue) "
                                         "one person may both take on a case.")))
        return 2;
    QString error;
    auto session = logIn(p.value(db), p.value(as), Admin::tr("Password: "), &error);
    if (!session)
        return fail(error);
    services::SeparationService separation(*session);
    if (p.isSet(relax)) {
        const QString value = p.value(relax).trimmed();
        const QStringList pairs = value == QLatin1String("none") ? QStringList()
                                                                 : value.split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (!separation.relax(pairs, p.value(reasons), &error))
            return fail(error);
    }
    const auto row = separation.current();
    if (!row || row->policy.relaxed.isEmpty())
        out() << Admin::tr("Strict: accept, review, inspect, decide and issue are different people on every case.") << "\n";
    else
        out() << Admin::tr("Relaxed pairs: %1 (set by %2 at %3: %4)")
                     .arg(row->policy.pairKeys().join(QStringLiteral(", ")), row->setBy, row->setAt, row->reasons)
              << "\n";
    return 0;
}

bool writeNewFile(const QString& path, const QByteArray& data, QFileDevice::Permissions permissions, QString* error);

int cmdEvents(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    const QCommandLineOption last(QStringLiteral("last"), Admin::tr("How many of the newest events (1-1000, default 20)."),
                                  Admin::tr("count"), QStringLiteral("20"));
    p.addOptions({db, as, last});
    if (!parseCommand(p, args, Admin::tr("Lists the newest events of the database: time, kind, case number, user, "
                                         "workstation (never their contents).")))
        return 2;
    bool ok = false;
    const int count = p.value(last).toInt(&ok);
    if (!ok || count < 1 || count > 1000)
        return fail(Admin::tr("Give --last as a number from 1 to 1000."));
    QString error;
    auto session = logIn(p.value(db), p.value(as), Admin::tr("Password: "), &error);
    if (!session)
        return fail(error);
    const auto events = services::AuditService(*session).recentEvents(count, &error);
    if (!events)
        return fail(error);
    for (const db::RecentEvent& e : *events)
        out() << e.recordedAt.toLocalTime().toString(Qt::ISODate) << "\t" << e.kind << "\t"
              << (e.caseNo.isEmpty() ? QStringLiteral("-") : e.caseNo) << "\t" << e.user << "\t" << e.workstation << "\n";
    return 0;
}

int cmdQueueReport(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    const QCommandLineOption from(QStringLiteral("from"), Admin::tr("First day (YYYY-MM-DD)."), Admin::tr("day"));
    const QCommandLineOption to(QStringLiteral("to"), Admin::tr("Last day (YYYY-MM-DD)."), Admin::tr("day"));
    const QCommandLineOption csv(QStringLiteral("csv"), Admin::tr("Also write the report as CSV to this new file."),
                                 Admin::tr("file"));
    p.addOptions({db, as, from, to, csv});
    if (!parseCommand(p, args, Admin::tr("Reports the hall's queue: tickets served, waiting and service times, ratings.")))
        return 2;
    const QDate first = QDate::fromString(p.value(from), Qt::ISODate);
    const QDate last = p.isSet(to) ? QDate::fromString(p.value(to), Qt::ISODate) : first;
    if (!first.isValid() || !last.isValid())
        return fail(Admin::tr("Give --from (and --to) as YYYY-MM-DD."));
    QString error;
    auto session = logIn(p.value(db), p.value(as), Admin::tr("Password: "), &error);
    if (!session)
        return fail(error);
    const auto r = services::CounterService(*session).report(first, last, &error);
    if (!r)
        return fail(error);
    out() << Admin::tr("Tickets served: %1").arg(r->served) << "\n"
          << Admin::tr("Waiting (drawn to called, %1 tickets): mean %2 min, 90% within %3 min")
                 .arg(r->withWaiting)
                 .arg(r->meanWaitSeconds / 60, 0, 'f', 1)
                 .arg(r->p90WaitSeconds / 60, 0, 'f', 1)
          << "\n"
          << Admin::tr("Service (called to recorded, %1 tickets): mean %2 min, 90% within %3 min")
                 .arg(r->withService)
                 .arg(r->meanServiceSeconds / 60, 0, 'f', 1)
                 .arg(r->p90ServiceSeconds / 60, 0, 'f', 1)
          << "\n"
          << Admin::tr("Ratings (%1):").arg(r->rated);
    for (int level = 5; level >= 1; --level)
        out() << " " << core::counter::ratingText(core::counter::Rating(level)) << " " << r->ratings[size_t(level - 1)];
    out() << "\n";
    // The same breakdowns as the supervisor's queue report window.
    const std::pair<QString, const QList<services::QueueGroup>*> parts[] = {
        {Admin::tr("By day:"), &r->byDay}, {Admin::tr("By window:"), &r->byWindow}, {Admin::tr("By clerk:"), &r->byClerk}};
    for (const auto& [title, groups] : parts) {
        out() << title << "\n";
        for (const services::QueueGroup& g : *groups)
            out() << "  " << Admin::tr("%1: %2 served, waiting mean %3 min (90% within %4), service mean %5 min (90% within %6), %7 rated")
                                 .arg(g.label)
                                 .arg(g.figures.served)
                                 .arg(g.figures.meanWaitSeconds / 60, 0, 'f', 1)
                                 .arg(g.figures.p90WaitSeconds / 60, 0, 'f', 1)
                                 .arg(g.figures.meanServiceSeconds / 60, 0, 'f', 1)
                                 .arg(g.figures.p90ServiceSeconds / 60, 0, 'f', 1)
                                 .arg(g.figures.rated)
                  << "\n";
    }
    if (p.isSet(csv)) {
        if (!writeNewFile(p.value(csv), r->toCsv(), QFileDevice::ReadOwner | QFileDevice::WriteOwner, &error))
            return fail(error);
        out() << Admin::tr("CSV written to %1.").arg(p.value(csv)) << "\n";
    }
    return 0;
}

/** Writes @p data to a new file @p path (never over an existing one) with @p permissions. */
bool writeNewFile(const QString& path, const QByteArray& data, QFileDevice::Permissions permissions, QString* error)
{
    QFile f(path);
    if (f.exists()) {
        *error = Admin::tr("%1 already exists; choose another name or move it away first.").arg(path);
        return false;
    }
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions) || f.write(data) != data.size() || !f.flush()) {
        *error = Admin::tr("Unable to write %1: %2").arg(path, f.errorString());
        f.remove();
        return false;
    }
    return true;
}

/** Every public key in a PEM file (one or several "-----BEGIN PUBLIC KEY-----" blocks). */
std::optional<QList<core::SealKey>> readPublicKeys(const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = Admin::tr("Unable to read %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    const QByteArray pem = f.read(1024 * 1024);
    const QByteArray begin = QByteArrayLiteral("-----BEGIN PUBLIC KEY-----");
    QList<core::SealKey> keys;
    for (qsizetype at = pem.indexOf(begin); at >= 0 && keys.size() < 64; at = pem.indexOf(begin, at + 1)) {
        const auto k = core::SealKey::fromPublicPem(pem.mid(at), error);
        if (!k) {
            *error = Admin::tr("%1: %2").arg(path, *error);
            return std::nullopt;
        }
        keys << *k;
    }
    if (keys.isEmpty()) {
        core::SealKey::fromPublicPem(pem, error);
        *error = Admin::tr("%1: %2").arg(path, *error);
        return std::nullopt;
    }
    return keys;
}

int cmdSealKey(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    const QCommandLineOption privateOut(QStringLiteral("out-private"),
        Admin::tr("Where to write the new private key (PEM, readable by you only)."), Admin::tr("file"));
    const QCommandLineOption publicOut(QStringLiteral("out-public"),
        Admin::tr("Where to write the new public key (PEM) to hand out to verifiers."), Admin::tr("file"));
    const QCommandLineOption outFile(QStringLiteral("out"), Admin::tr("Where to write (a new file)."), Admin::tr("file"));
    const QCommandLineOption user(QStringLiteral("user"), Admin::tr("The user to grant the seal key to, or to revoke it from."),
                                  Admin::tr("name"));
    const QCommandLineOption reason(QStringLiteral("reason"), Admin::tr("Why the grant ends (revoke; recorded)."),
                                    Admin::tr("text"));
    p.addOptions({ db, as, privateOut, publicOut, outFile, user, reason });
    p.addPositionalArgument(QStringLiteral("action"),
        Admin::tr("export --out FILE: the hall's public seal keys (PEM); grant --user NAME / revoke --user NAME "
                  "--reason TEXT (administrator); revoked-list --out FILE: the signed list of voided certificates (a holder of "
                  "the seal key); generate: a key pair for tests; id FILE: print a key's id."));
    if (!parseCommand(p, args, Admin::tr("The hall's Ed25519 certificate signing key: publish it, grant or revoke it, "
                                         "sign the list of voided certificates.\n"
                                         "The password of the --as user is read from standard input.")))
        return 2;
    const QStringList positional = p.positionalArguments();
    const QString action = positional.value(0);
    if (action == QLatin1String("id") && positional.size() == 2) {
        QFile f(positional.at(1));
        if (!f.open(QIODevice::ReadOnly))
            return fail(Admin::tr("Unable to read %1: %2").arg(f.fileName(), f.errorString()));
        const QByteArray pem = f.readAll();
        QString error;
        auto key = pem.contains("PRIVATE KEY") ? core::SealKey::fromPrivatePem(pem, &error)
                                               : core::SealKey::fromPublicPem(pem, &error);
        if (!key)
            return fail(Admin::tr("%1: %2").arg(f.fileName(), error));
        out() << key->keyId() << "\n";
        return 0;
    }
    const QStringList sessionActions{ QStringLiteral("export"), QStringLiteral("grant"), QStringLiteral("revoke"),
                                      QStringLiteral("revoked-list") };
    if (sessionActions.contains(action) && positional.size() == 1) {
        const bool writes = action == QLatin1String("export") || action == QLatin1String("revoked-list");
        if (writes && p.value(outFile).isEmpty())
            return fail(Admin::tr("Say where to write with --out FILE."));
        if (!writes && p.value(user).isEmpty())
            return fail(Admin::tr("Say which user with --user NAME."));
        if (action == QLatin1String("revoke") && p.value(reason).trimmed().isEmpty())
            return fail(Admin::tr("Say why the grant ends with --reason TEXT."));
        if (writes && QFile::exists(p.value(outFile)))
            return fail(Admin::tr("%1 already exists; choose another name or move it away first.").arg(p.value(outFile)));
        QString error;
        auto session = logIn(p.value(db), p.value(as), Admin::tr("Password: "), &error);
        if (!session)
            return fail(error);
        services::SealKeyService seal(*session);
        const auto readable = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
            | QFileDevice::ReadOther;
        if (action == QLatin1String("export")) {
            const QList<core::SealKey> keys = session->trustedSealKeys();
            if (keys.isEmpty())
                return fail(Admin::tr("This hall has no seal key yet."));
            QByteArray pem;
            QStringList ids;
            for (const core::SealKey& k : keys) {
                pem += k.publicPem();
                ids << k.keyId();
            }
            if (!writeNewFile(p.value(outFile), pem, readable, &error))
                return fail(error);
            out() << Admin::tr("Wrote the hall's public seal key(s) %1 to %2.")
                         .arg(ids.join(QStringLiteral(", ")), p.value(outFile))
                  << "\n";
            return 0;
        }
        if (action == QLatin1String("revoked-list")) {
            const auto text = seal.revokedList(&error);
            if (!text || !writeNewFile(p.value(outFile), *text, readable, &error))
                return fail(error);
            QString parseError;
            const auto list = core::RevokedList::parse(*text, session->trustedSealKeys(), &parseError);
            out() << Admin::tr("Wrote the signed list of %n voided certificate(s) to %1.", nullptr,
                               list ? int(list->serials.size()) : 0)
                         .arg(p.value(outFile))
                  << "\n";
            return 0;
        }
        const bool granted = action == QLatin1String("grant") ? seal.grant(p.value(user), &error)
                                                               : seal.revoke(p.value(user), p.value(reason), &error);
        if (!granted)
            return fail(error);
        out() << (action == QLatin1String("grant") ? Admin::tr("Seal key granted to %1.").arg(p.value(user))
                                                    : Admin::tr("Seal key revoked from %1.").arg(p.value(user)))
              << "\n";
        return 0;
    }
    if (action != QLatin1String("generate") || positional.size() != 1)
        return fail(Admin::tr("Say what to do: seal-key export, grant, revoke, revoked-list, generate or id (see --help)."));
    if (p.value(privateOut).isEmpty() || p.value(publicOut).isEmpty())
        return fail(Admin::tr("Say where to write the keys with --out-private and --out-public."));
    const core::SealKey key = core::SealKey::generate();
    if (key.isNull())
        return fail(Admin::tr("OpenSSL could not make a key."));
    QString error;
    if (QFile::exists(p.value(publicOut)))
        return fail(Admin::tr("%1 already exists; choose another name or move it away first.").arg(p.value(publicOut)));
    if (!writeNewFile(p.value(privateOut), key.privatePem(), QFileDevice::ReadOwner | QFileDevice::WriteOwner, &error))
        return fail(error);
    if (!writeNewFile(p.value(publicOut), key.publicPem(),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther,
            &error)) {
        QFile::remove(p.value(privateOut));
        return fail(error);
    }
    out() << Admin::tr("Wrote the private key to %1 and the public key to %2. Key id: %3")
                 .arg(p.value(privateOut), p.value(publicOut), key.keyId())
          << "\n";
    return 0;
}

/** "serial …, matter …, holder … (ID), issued …, valid until …, document hash …, key …" */
QString describe(const core::CertificatePayload& c)
{
    const QString holder
        = c.holderId.isEmpty() ? c.holderName : QStringLiteral("%1 (%2)").arg(c.holderName, c.holderId);
    const QString until = c.validUntil.isValid() ? c.validUntil.toString(Qt::ISODate) : Admin::tr("no end date");
    return Admin::tr("serial %1, matter %2, holder %3, issued %4, valid until %5, document hash %6, key %7")
        .arg(c.serial, c.matterCode, holder, c.issued.toString(Qt::ISODate), until,
            QString::fromLatin1(c.documentHash.toHex()), QString::fromLatin1(c.keyId.toHex()));
}

int cmdVerify(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption image(
        QStringLiteral("image"), Admin::tr("A picture (PNG, JPEG) of the certificate."), Admin::tr("file"));
    const QCommandLineOption pdf(QStringLiteral("pdf"), Admin::tr("The certificate as a PDF."), Admin::tr("file"));
    const QCommandLineOption key(QStringLiteral("public-key"),
        Admin::tr("A trusted public key (PEM); repeat for several keys."), Admin::tr("file"));
    const QCommandLineOption date(QStringLiteral("date"),
        Admin::tr("Check validity on this day instead of today (YYYY-MM-DD)."), Admin::tr("date"));
    const QCommandLineOption dump(QStringLiteral("dump"),
        Admin::tr("Write the signed bytes (msg.bin) and the signature (sig.bin) into this "
                  "folder, to check them with openssl."),
        Admin::tr("folder"));
    const QCommandLineOption revoked(QStringLiteral("revoked"),
        Admin::tr("The hall's signed list of voided certificates (seal-key revoked-list); a certificate it names is "
                  "reported VOIDED."),
        Admin::tr("file"));
    const auto db = dbOption();
    const auto as = asOption();
    p.addOptions({ image, pdf, key, date, dump, revoked, db, as });
    p.addPositionalArgument(
        QStringLiteral("payload"), Admin::tr("The QR code's text (OS1:...), or - to read it from standard input."));
    if (!parseCommand(p, args,
            Admin::tr("Checks a certificate's QR code: its signature by a trusted hall key and its dates.\n"
                      "Prints VALID or INVALID with the reason; exit code 0 when every payload is valid.")))
        return 2;

    const int sources = int(!p.positionalArguments().isEmpty()) + int(p.isSet(image)) + int(p.isSet(pdf));
    if (sources != 1 || p.positionalArguments().size() > 1) {
        fail(Admin::tr("Give one payload text, or --image FILE, or --pdf FILE."));
        return 2;
    }

    QDate today = core::Clock::system().today();
    if (p.isSet(date)) {
        today = QDate::fromString(p.value(date), Qt::ISODate);
        if (!today.isValid()) {
            fail(Admin::tr("--date must be a date written YYYY-MM-DD, not \"%1\".").arg(p.value(date)));
            return 2;
        }
    }

    QList<core::SealKey> trusted;
    for (const QString& path : p.values(key)) {
        QString error;
        const auto keys = readPublicKeys(path, &error);
        if (!keys) {
            fail(error);
            return 2;
        }
        trusted.append(*keys);
    }
    // With a hall database: every key the hall publishes, and its case history of voided certificates.
    std::unique_ptr<services::Session> session;
    if (p.isSet(db)) {
        QString error;
        session = logIn(p.value(db), p.value(as), Admin::tr("Password: "), &error);
        if (!session) {
            fail(error);
            return 2;
        }
        trusted.append(session->trustedSealKeys());
    }
    std::optional<core::RevokedList> revokedList;
    if (p.isSet(revoked)) {
        QFile f(p.value(revoked));
        QString error;
        if (!f.open(QIODevice::ReadOnly)) {
            fail(Admin::tr("Unable to read %1: %2").arg(f.fileName(), f.errorString()));
            return 2;
        }
        revokedList = core::RevokedList::parse(f.read(core::RevokedList::kMaxBytes + 1), trusted, &error);
        if (!revokedList) {
            fail(Admin::tr("%1 is refused: %2").arg(f.fileName(), error));
            return 2;
        }
    } else if (session) {
        revokedList = services::SealKeyService::receivedRevokedList(session->database().sql(), trusted);
    }

    QStringList payloads;
    if (!p.positionalArguments().isEmpty()) {
        QString text = p.positionalArguments().first();
        if (text == QLatin1String("-")) {
            QTextStream in(stdin);
            text = in.readAll();
        }
        payloads.append(text);
    } else {
        QString error;
        payloads = print::CertificateScanner::scanFile(p.isSet(image) ? p.value(image) : p.value(pdf), &error);
        if (payloads.isEmpty()) {
            out() << "INVALID: " << error << "\n";
            return 1;
        }
    }

    bool allValid = true;
    bool dumped = false;
    for (const QString& payload : payloads) {
        const core::CertificateVerification v = core::CertificatePayload::verify(payload, trusted, today);
        services::VoidedCertificate voided;
        if (v.isValid() && (session || revokedList)) {
            const QString serial = v.decoded->payload.serial;
            if (session)
                voided = services::SealKeyService::voidedStatus(session->database().sql(), serial, revokedList);
            else if (revokedList->contains(serial))
                voided = { true, Admin::tr("The hall's list of voided certificates of %1 names it.")
                                     .arg(revokedList->issued.toUTC().toString(Qt::ISODate)), QString() };
        }
        if (voided.voided) {
            allValid = false;
            out() << "VOIDED: " << voided.reason << "\n"
                  << "  " << Admin::tr("The payload says: %1").arg(describe(v.decoded->payload)) << "\n";
        } else if (v.isValid()) {
            out() << "VALID: " << describe(v.decoded->payload) << "\n";
        } else {
            allValid = false;
            out() << "INVALID: " << v.reason << "\n";
            if (v.decoded)
                out() << "  " << Admin::tr("The payload says: %1").arg(describe(v.decoded->payload)) << "\n";
        }
        if (p.isSet(dump) && v.decoded && !dumped) {
            dumped = true;
            const QDir dir(p.value(dump));
            if (!dir.exists() && !QDir().mkpath(dir.path()))
                return fail(Admin::tr("Unable to create the folder %1.").arg(dir.path()));
            for (const auto& [name, data] : { std::pair { QStringLiteral("msg.bin"), v.decoded->signedBytes },
                     std::pair { QStringLiteral("sig.bin"), v.decoded->signature } }) {
                QSaveFile f(dir.filePath(name));
                if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit())
                    return fail(Admin::tr("Unable to write %1: %2").arg(f.fileName(), f.errorString()));
            }
            err() << Admin::tr("Wrote %1 and %2. Check them with:")
                         .arg(dir.filePath(QStringLiteral("msg.bin")), dir.filePath(QStringLiteral("sig.bin")))
                  << "\n  openssl pkeyutl -verify -pubin -inkey hall-seal.pub.pem -rawin -in "
                  << dir.filePath(QStringLiteral("msg.bin")) << " -sigfile " << dir.filePath(QStringLiteral("sig.bin"))
                  << "\n"
                  << Qt::flush;
        }
    }
    return allValid ? 0 : 1;
}

int cmdGenerate(const QStringList& args)
{
    QCommandLineParser p;
    const auto db = dbOption();
    const auto as = asOption();
    const QCommandLineOption cases(QStringLiteral("cases"), Admin::tr("How many cases (default 1000000)."),
                                   Admin::tr("n"), QStringLiteral("1000000"));
    const QCommandLineOption applicants(QStringLiteral("applicants"),
                                        Admin::tr("How many applicants (default: a third of the cases)."), Admin::tr("n"),
                                        QStringLiteral("0"));
    const QCommandLineOption years(QStringLiteral("years"), Admin::tr("Over how many years up to yesterday (default 5)."),
                                   Admin::tr("n"), QStringLiteral("5"));
    const QCommandLineOption seed(QStringLiteral("seed"), Admin::tr("The seed of every random choice (default 1)."),
                                  Admin::tr("n"), QStringLiteral("1"));
    p.addOptions({db, as, cases, applicants, years, seed});
    if (!parseCommand(p, args, Admin::tr("Fills the hall database with synthetic applicants and cases (load tests).\n"
                                  "The administrator's password is read from standard input.")))
        return 2;
    loadgen::GeneratorOptions options;
    bool ok[4] = {};
    options.cases = p.value(cases).toLongLong(&ok[0]);
    options.applicants = p.value(applicants).toLongLong(&ok[1]);
    options.years = p.value(years).toInt(&ok[2]);
    options.seed = p.value(seed).toULongLong(&ok[3]);
    if (!ok[0] || !ok[1] || !ok[2] || !ok[3])
        return fail(Admin::tr("--cases, --applicants, --years and --seed take whole numbers."));
    if (QString e = loadgen::DataGenerator::checkOptions(options); !e.isEmpty())
        return fail(e);
    if (!QFile::exists(p.value(db)))
        return fail(Admin::tr("There is no hall database at %1; create one first (oneseal-admin demo or init).")
                        .arg(p.value(db)));
    QString error;
    auto session = logIn(p.value(db), p.value(as), Admin::tr("Administrator password: "), &error);
    if (!session)
        return fail(error);

    // Progress on standard error: one redrawn line on a terminal, otherwise a line every 5 %.
    const bool tty = isatty(STDERR_FILENO);
    QElapsedTimer clock;
    clock.start();
    qint64 lastShown = -1;
    qint64 lastDrawMs = -1000;
    auto show = [&](qint64 done, qint64 total) {
        const qint64 percentStep = done * 20 / total;
        const qint64 ms = clock.elapsed();
        if (tty ? (ms - lastDrawMs < 250 && done < total) : (percentStep == lastShown && done < total))
            return;
        lastShown = percentStep;
        lastDrawMs = ms;
        const double rate = ms > 0 ? double(done) * 1000.0 / double(ms) : 0;
        const qint64 eta = rate > 0 ? qint64(double(total - done) / rate) : 0;
        const int width = 30;
        const int filled = int(done * width / total);
        const QString bar = QString(filled, QLatin1Char('#')) + QString(width - filled, QLatin1Char('-'));
        const QString line = Admin::tr("[%1] %2%  %3/%4 cases  %5 cases/s  ETA %6")
                                 .arg(bar)
                                 .arg(double(done) * 100.0 / double(total), 5, 'f', 1)
                                 .arg(done)
                                 .arg(total)
                                 .arg(qint64(rate))
                                 .arg(QStringLiteral("%1:%2:%3")
                                          .arg(eta / 3600)
                                          .arg(eta / 60 % 60, 2, 10, QLatin1Char('0'))
                                          .arg(eta % 60, 2, 10, QLatin1Char('0')));
        err() << (tty ? QStringLiteral("\r") : QString()) << line << (tty && done < total ? "" : "\n") << Qt::flush;
    };
    show(0, options.cases);
    const auto report = loadgen::DataGenerator(*session).generate(options, show, &error);
    if (!report)
        return fail(error);
    session.reset();
    qint64 bytes = 0;
    for (const char* suffix : {"", "-wal"})
        bytes += QFileInfo(p.value(db) + QLatin1String(suffix)).size();
    out() << Admin::tr("Wrote %1 cases (%2 applicants registered, %3 updated; %4 events) accepted %5 to %6 in %7 s "
                       "(%8 cases/s).")
                 .arg(report->cases)
                 .arg(report->applicantsRegistered)
                 .arg(report->applicantsUpdated)
                 .arg(report->events)
                 .arg(report->firstDay.toString(Qt::ISODate), report->lastDay.toString(Qt::ISODate))
                 .arg(report->seconds, 0, 'f', 1)
                 .arg(qint64(double(report->cases) / std::max(0.001, report->seconds)))
          << "\n";
    QStringList mix;
    for (auto it = report->outcomes.cbegin(); it != report->outcomes.cend(); ++it)
        mix << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    out() << Admin::tr("Outcomes: %1").arg(mix.join(QStringLiteral(", "))) << "\n"
          << Admin::tr("Database size: %1 MB").arg(double(bytes) / 1e6, 0, 'f', 1) << "\n";
    return 0;
}

const Command kCommands[] = {
    {"init", QT_TRANSLATE_NOOP("OneSealAdmin", "create a hall database and its first administrator"), cmdInit},
    {"demo", QT_TRANSLATE_NOOP("OneSealAdmin", "create the demo hall"), cmdDemo},
    {"user-add", QT_TRANSLATE_NOOP("OneSealAdmin", "add a user with roles"), cmdUserAdd},
    {"user-roles", QT_TRANSLATE_NOOP("OneSealAdmin", "change a user's roles (a hall without a hub)"), cmdUserRoles},
    {"user-reset", QT_TRANSLATE_NOOP("OneSealAdmin", "set a new password for a user who forgot theirs (a hall without a hub)"),
     cmdUserReset},
    {"export-key", QT_TRANSLATE_NOOP("OneSealAdmin", "print the raw database key (disaster recovery)"), cmdExportKey},
    {"export-plain", QT_TRANSLATE_NOOP("OneSealAdmin", "write an unencrypted copy (disaster recovery)"),
     cmdExportPlain},
    {"catalog-import", QT_TRANSLATE_NOOP("OneSealAdmin", "import a new catalog version from JSON"), cmdCatalogImport},
    {"calendar-import", QT_TRANSLATE_NOOP("OneSealAdmin", "add or replace a year of the holiday calendar (holiday-cn JSON)"),
     cmdCalendarImport},
    {"catalog-export", QT_TRANSLATE_NOOP("OneSealAdmin", "export a catalog version as JSON"), cmdCatalogExport},
    {"info", QT_TRANSLATE_NOOP("OneSealAdmin", "show the hall, workstation and schema"), cmdInfo},
    {"verify-audit", QT_TRANSLATE_NOOP("OneSealAdmin", "verify every workstation's event hash chain"), cmdVerifyAudit},
    {"seal-register", QT_TRANSLATE_NOOP("OneSealAdmin", "list or export (--csv) the seal register"), cmdSealRegister},
    {"separation", QT_TRANSLATE_NOOP("OneSealAdmin", "show or relax (--relax) the separation of steps per case"),
     cmdSeparation},
    {"events", QT_TRANSLATE_NOOP("OneSealAdmin", "list the newest events (kind, case number, user)"), cmdEvents},
    {"queue-report", QT_TRANSLATE_NOOP("OneSealAdmin", "waiting and service times and ratings of the hall's queue"),
     cmdQueueReport},
    {"verify", QT_TRANSLATE_NOOP("OneSealAdmin", "check a certificate's signed QR code (text, PNG or PDF)"), cmdVerify},
    {"seal-key", QT_TRANSLATE_NOOP("OneSealAdmin", "the hall's seal key: export, grant, revoke, revoked-list, id"),
     cmdSealKey},
    {"generate", QT_TRANSLATE_NOOP("OneSealAdmin", "fill the database with synthetic cases (load tests)"), cmdGenerate},
    {"hub", QT_TRANSLATE_NOOP("OneSealAdmin", "the hall's hub: init, enroll-code, revoke, user-add, ..."), runHubCommand},
    {"enroll", QT_TRANSLATE_NOOP("OneSealAdmin", "enroll this workstation at the hub with a one-time code"), runEnroll},
    {"sync", QT_TRANSLATE_NOOP("OneSealAdmin", "sync with the hub now"), runSync},
    {"bundle", QT_TRANSLATE_NOOP("OneSealAdmin", "export or import events by file (no network)"), runBundleCommand},
    {"repair-clock", QT_TRANSLATE_NOOP("OneSealAdmin", "re-stamp unsent events whose clock the hub refuses"),
     runRepairClock},
};

int usage()
{
    out() << Admin::tr("Usage: oneseal-admin COMMAND [options]   (oneseal-admin COMMAND --help for its options)") << "\n\n";
    qsizetype width = 0; // the longest name and two spaces: names never run into their summaries
    for (const Command& c : kCommands)
        width = std::max(width, qsizetype(qstrlen(c.name)));
    for (const Command& c : kCommands)
        out() << "  " << QString::fromLatin1(c.name).leftJustified(width + 2) << Admin::tr(c.summary) << "\n";
    out() << Qt::flush;
    return 2;
}

} // namespace

int run(const QStringList& arguments)
{
    if (arguments.size() == 2 && (arguments.at(1) == QLatin1String("--help") || arguments.at(1) == QLatin1String("-h"))) {
        usage();
        return 0;
    }
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
