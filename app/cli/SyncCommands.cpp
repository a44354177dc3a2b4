#include "SyncCommands.h"

#include "core/SealKey.h"
#include "Console.h"

#include "core/Catalog.h"
#include "core/Crypto.h"
#include "core/PasswordAuth.h"
#include "core/User.h"
#include "core/WorkCalendar.h"
#include "db/CatalogRepository.h"
#include "db/KeyRing.h"
#include "db/UserRepository.h"
#include "db/hub/HubWorkstationRepository.h"
#include "services/AuthService.h"
#include "services/ClockRepairService.h"
#include "services/HallService.h"
#include "services/KeySlotService.h"
#include "hub/HubBackup.h"
#include "hub/HubBundle.h"
#include "hub/HubLimits.h"
#include "hub/HubRebuild.h"
#include "sync/Bundle.h"
#include "sync/HubFollowUp.h"
#include "hub/HubStore.h"
#include "sync/SyncClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>


namespace oneseal::cli {

namespace {

struct SyncAdmin
{
    Q_DECLARE_TR_FUNCTIONS(OneSealAdmin)
};

QCommandLineOption hubDirOption()
{
    return QCommandLineOption(QStringLiteral("dir"), SyncAdmin::tr("The hub's folder (hub.db, hub.key)."),
                              SyncAdmin::tr("folder"), QStringLiteral("/var/lib/oneseal-hub"));
}

/**
 * Opens the hub and checks the administrator's password against the hub's users. The hub's own
 * limits (hub.conf, docs/SYNC.md "Limits") apply to what a command does, as to the running hub: a
 * bundle imported here meets the same clock margin.
 */
std::unique_ptr<sync::HubStore> openHubAs(const QString& dir, const QString& username, QString* error)
{
    sync::HubLimits limits;
    if (!sync::HubLimits::load(sync::HubLimits::fileIn(dir), &limits, error))
        return nullptr;
    auto hub = sync::HubStore::open(dir, error);
    if (!hub)
        return nullptr;
    hub->eventLog().setClockMarginMs(limits.clockMarginMs);
    hub->eventLog().setBackdatingMarginMs(limits.backdatingMarginMs);
    const auto user = db::UserRepository(hub->database().sql()).byUsername(username);
    const QString password = readSecret(SyncAdmin::tr("Administrator password: "));
    // A hub rebuilt from a workstation's copy has no hashes (workstations keep none): the auth key checks.
    const bool matches = user
        && (user->passwordHash.isEmpty() ? core::PasswordAuth::open(password, user->authKey).has_value()
                                         : core::crypto::verifyPassword(password, user->passwordHash));
    if (!user || !user->can(core::Action::ManageUsers) || !matches) {
        *error = SyncAdmin::tr("Wrong user name or password, or the user is not an administrator of this hub.");
        return nullptr;
    }
    return hub;
}

int hubInit(const QStringList& args)
{
    QCommandLineParser p;
    const auto dir = hubDirOption();
    const QCommandLineOption hall(QStringLiteral("hall"), SyncAdmin::tr("The bureau's name."), SyncAdmin::tr("name"));
    const QCommandLineOption admin(QStringLiteral("admin"), SyncAdmin::tr("The first administrator's user name."),
                                   SyncAdmin::tr("user"), QStringLiteral("admin"));
    const QCommandLineOption name(QStringLiteral("name"), SyncAdmin::tr("The administrator's full name."),
                                  SyncAdmin::tr("name"));
    const QCommandLineOption host(QStringLiteral("host"),
                                  SyncAdmin::tr("A name or address workstations use to reach the hub (repeatable)."),
                                  SyncAdmin::tr("host"));
    const QCommandLineOption fastKdf(QStringLiteral("test-fast-kdf"), SyncAdmin::tr("Cheap password hashing (tests only)."));
    const QCommandLineOption unsignedEvents(
        QStringLiteral("allow-unsigned-events"),
        SyncAdmin::tr("Admit unsigned events from workstations (clients from before event signing); signed events "
                      "are checked in any case."));
    p.addOptions({dir, hall, admin, name, host, fastKdf, unsignedEvents});
    if (!parseCommand(p, args, SyncAdmin::tr("Creates the hall's hub: its encrypted database and key file, its certificate "
                                      "authority, its seal-signing key and its first administrator.\n"
                                      "The password is read twice from standard input.")))
        return 2;
    sync::HubSetup setup;
    setup.directory = p.value(dir);
    setup.hallName = p.value(hall);
    setup.adminUsername = p.value(admin);
    setup.adminDisplayName = p.value(name);
    setup.hosts = p.values(host);
    setup.allowUnsignedEvents = p.isSet(unsignedEvents);
    if (p.isSet(fastKdf))
        setup.kdf = core::crypto::ScryptParams{1u << 10, 8, 1};
    const QString pw = readSecret(SyncAdmin::tr("New administrator password: "));
    if (readSecret(SyncAdmin::tr("Repeat the password: ")) != pw)
        return fail(SyncAdmin::tr("The two passwords differ; nothing was created."));
    setup.adminPassword = pw;
    QString error;
    if (!sync::HubStore::initialize(setup, &error))
        return fail(error);
    out() << SyncAdmin::tr("Created the hub in %1. Keep %2 readable by the hub's service user only.")
                 .arg(setup.directory, sync::HubStore::keyPath(setup.directory))
          << "\n";
    return 0;
}

int hubEnrollCode(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption ws(QStringLiteral("workstation"), SyncAdmin::tr("Only this workstation may use the code."),
                                SyncAdmin::tr("id"));
    const QCommandLineOption hours(QStringLiteral("hours"), SyncAdmin::tr("Hours the code stays valid."),
                                   SyncAdmin::tr("n"), QStringLiteral("24"));
    p.addOptions({hubDirOption(), asOption(), ws, hours});
    if (!parseCommand(p, args, SyncAdmin::tr("Issues a one-time enrollment code for a workstation.")))
        return 2;
    QString error;
    auto hub = openHubAs(p.value(QStringLiteral("dir")), p.value(QStringLiteral("as")), &error);
    if (!hub)
        return fail(error);
    const auto code = hub->createEnrollmentCode(p.value(ws), p.value(QStringLiteral("as")), p.value(hours).toInt(), &error);
    if (!code)
        return fail(error);
    out() << *code << "\n";
    return 0;
}

int hubRevoke(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption ws(QStringLiteral("workstation"), SyncAdmin::tr("The workstation to refuse."),
                                SyncAdmin::tr("id"));
    const QCommandLineOption reason(QStringLiteral("reason"), SyncAdmin::tr("Why (logged)."), SyncAdmin::tr("text"));
    p.addOptions({hubDirOption(), asOption(), ws, reason});
    if (!parseCommand(p, args, SyncAdmin::tr("Revokes a workstation: the hub refuses it from now on.")))
        return 2;
    QString error;
    auto hub = openHubAs(p.value(QStringLiteral("dir")), p.value(QStringLiteral("as")), &error);
    if (!hub || !hub->revoke(p.value(ws), p.value(reason), &error))
        return fail(error);
    out() << SyncAdmin::tr("Workstation %1 is revoked.").arg(p.value(ws)) << "\n";
    return 0;
}

int hubUserAdd(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption username(QStringLiteral("username"), SyncAdmin::tr("The new user's user name."),
                                      SyncAdmin::tr("user"));
    const QCommandLineOption name(QStringLiteral("name"), SyncAdmin::tr("The new user's full name."), SyncAdmin::tr("name"));
    const QCommandLineOption roles(QStringLiteral("roles"), SyncAdmin::tr("Roles, separated by commas."),
                                   SyncAdmin::tr("roles"));
    p.addOptions({hubDirOption(), asOption(), username, name, roles});
    if (!parseCommand(p, args, SyncAdmin::tr("Adds a user at the hub; workstations receive it with the reference data.\n"
                                      "Reads the administrator's password, then the new user's password.")))
        return 2;
    QString error;
    auto hub = openHubAs(p.value(QStringLiteral("dir")), p.value(QStringLiteral("as")), &error);
    if (!hub)
        return fail(error);
    const QString password = readSecret(SyncAdmin::tr("The new user's password: "));
    if (!hub->addUser(p.value(username), p.value(name), p.value(roles), password, &error))
        return fail(error);
    out() << SyncAdmin::tr("Added user %1.").arg(p.value(username)) << "\n";
    return 0;
}

/** hub user-reset: an administrator sets a new password for a user (docs/SECURITY.md, "Passwords and accounts"). */
int hubUserReset(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption username(QStringLiteral("username"), SyncAdmin::tr("The user's user name."),
                                      SyncAdmin::tr("user"));
    p.addOptions({hubDirOption(), asOption(), username});
    if (!parseCommand(p, args,
                      SyncAdmin::tr("Sets a new password for a user who forgot theirs (or whose password is known to "
                                    "others): every replica ends their signing key and takes the new password's key; "
                                    "they change the password at their next login.\n"
                                    "Reads the administrator's password, then the user's new password.")))
        return 2;
    if (p.value(username).isEmpty())
        return fail(SyncAdmin::tr("Name the user with --username."));
    QString error;
    auto hub = openHubAs(p.value(QStringLiteral("dir")), p.value(QStringLiteral("as")), &error);
    if (!hub)
        return fail(error);
    const QString password = readSecret(SyncAdmin::tr("The user's new password: "));
    const auto reset = hub->users().resetPassword(p.value(username), password, p.value(QStringLiteral("as")), &error);
    if (!reset)
        return fail(error);
    out() << (reset->mustChange
                  ? SyncAdmin::tr("The password of %1 is reset; they must change it at their next login. Their signing "
                                  "key ends now; workstations take the new password at their next sync.")
                  : SyncAdmin::tr("The password of administrator %1 is reset. An administrator's password changes only "
                                  "at the hub, so it is not asked to be changed at a workstation. Their signing key ends "
                                  "now; workstations take the new password at their next sync."))
                 .arg(reset->username)
          << "\n";
    if (reset->heldSealGrant)
        out() << SyncAdmin::tr("%1 held the hall's seal key: that grant was sealed to the signing key that just ended and "
                               "can no longer be opened. Grant the seal key again (hub seal-grant) after their next "
                               "login has reached the hub.")
                     .arg(reset->username)
              << "\n";
    return 0;
}

/** hub users: the hall's users as the hub holds them; --legacy: those whose first key needs no proof. */
int hubUsers(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption legacy(QStringLiteral("legacy"),
                                    SyncAdmin::tr("Only users made before first keys were proved by the password who "
                                                  "have no signing key yet."));
    p.addOptions({hubDirOption(), asOption(), legacy});
    if (!parseCommand(p, args, SyncAdmin::tr("Lists the hall's users at the hub.")))
        return 2;
    QString error;
    auto hub = openHubAs(p.value(QStringLiteral("dir")), p.value(QStringLiteral("as")), &error);
    if (!hub)
        return fail(error);
    const QList<core::User> unproved = hub->users().usersWithoutFirstKeyProof();
    QStringList unprovedIds;
    for (const core::User& u : unproved)
        unprovedIds << u.id;
    const QList<core::User> users = p.isSet(legacy) ? unproved : db::UserRepository(hub->database().sql()).all();
    for (const core::User& u : users) {
        QStringList notes;
        if (!u.active)
            notes << SyncAdmin::tr("disabled");
        if (u.mustChange)
            notes << SyncAdmin::tr("must change the password");
        if (unprovedIds.contains(u.id))
            notes << SyncAdmin::tr("no auth key and no signing key: reset the password");
        out() << u.username.leftJustified(20) << " " << core::roleKeys(u.roles).join(QLatin1Char(','))
              << (notes.isEmpty() ? QString() : QStringLiteral(" (") + notes.join(QStringLiteral("; ")) + QLatin1Char(')'))
              << "\n";
    }
    out() << (hub->users().firstKeyProofRequired()
                  ? SyncAdmin::tr("Every first signing key must be proved by the user's password.")
                  : SyncAdmin::tr("%n user(s) can still get a first signing key without a proof by their password "
                                  "(hub require-first-key-proof closes this).",
                                  nullptr, int(unproved.size())))
          << "\n";
    return 0;
}

/** hub require-first-key-proof: the hall's switch (hall.first_key_proof_required). */
int hubRequireFirstKeyProof(const QStringList& args)
{
    QCommandLineParser p;
    p.addOptions({hubDirOption(), asOption()});
    if (!parseCommand(p, args,
                      SyncAdmin::tr("Requires every user's first signing key to be proved by their password, also for "
                                    "users made before that rule; every replica refuses an unproved one from then on. "
                                    "Refused while an enabled user has no auth key and no signing key (hub users "
                                    "--legacy): reset their passwords first.")))
        return 2;
    QString error;
    auto hub = openHubAs(p.value(QStringLiteral("dir")), p.value(QStringLiteral("as")), &error);
    if (!hub || !hub->users().requireFirstKeyProof(p.value(QStringLiteral("as")), &error))
        return fail(error);
    out() << SyncAdmin::tr("Every first signing key must now be proved by the user's password; workstations learn it "
                           "at their next sync.")
          << "\n";
    return 0;
}

int hubSeal(const QStringList& args, bool grant)
{
    QCommandLineParser p;
    const QCommandLineOption user(QStringLiteral("user"), SyncAdmin::tr("The user."), SyncAdmin::tr("name"));
    p.addOptions({hubDirOption(), asOption(), user});
    if (!parseCommand(p, args, grant ? SyncAdmin::tr("Grants the hall's seal key to a user (certificate operator, "
                                                     "approver or administrator); workstations receive the grant.")
                                     : SyncAdmin::tr("Revokes a user's grant of the hall's seal key.")))
        return 2;
    QString error;
    auto hub = openHubAs(p.value(QStringLiteral("dir")), p.value(QStringLiteral("as")), &error);
    if (!hub)
        return fail(error);
    if (!(grant ? hub->grantSeal(p.value(user), &error) : hub->revokeSeal(p.value(user), &error)))
        return fail(error);
    out() << (grant ? SyncAdmin::tr("Seal key granted to %1.") : SyncAdmin::tr("Seal key revoked from %1."))
                 .arg(p.value(user))
          << "\n";
    return 0;
}

int hubSealGrant(const QStringList& args)
{
    return hubSeal(args, true);
}

int hubSealRevoke(const QStringList& args)
{
    return hubSeal(args, false);
}

/** hub user-disable / user-enable: the hall's users are the hub's (docs/SECURITY.md). */
int hubUserSetEnabled(const QStringList& args, bool enabled)
{
    QCommandLineParser p;
    const QCommandLineOption username(QStringLiteral("username"), SyncAdmin::tr("The user's user name."),
                                      SyncAdmin::tr("user"));
    p.addOptions({hubDirOption(), asOption(), username});
    if (!parseCommand(p, args,
                      enabled ? SyncAdmin::tr("Enables a disabled user again at the hub.")
                              : SyncAdmin::tr("Disables a user at the hub: every replica refuses their events from "
                                              "now on and workstations remove their key slot at the next sync.")))
        return 2;
    if (p.value(username).isEmpty())
        return fail(SyncAdmin::tr("Name the user with --username."));
    QString error;
    auto hub = openHubAs(p.value(QStringLiteral("dir")), p.value(QStringLiteral("as")), &error);
    if (!hub || !hub->users().setEnabled(p.value(username), enabled, p.value(QStringLiteral("as")), &error))
        return fail(error);
    out() << (enabled ? SyncAdmin::tr("User %1 is enabled.") : SyncAdmin::tr("User %1 is disabled.")).arg(p.value(username))
          << "\n";
    // A user from before the first-key rule, enabled after the hall required the proof: her first key
    // would be refused everywhere until her password is reset (docs/SECURITY.md).
    if (enabled && hub->users().firstKeyProofRequired())
        for (const core::User& u : hub->users().usersWithoutFirstKeyProof())
            if (u.username.compare(p.value(username).trimmed(), Qt::CaseInsensitive) == 0)
                out() << SyncAdmin::tr("%1 has no auth key and no signing key, and the hall requires every first key to "
                                       "be proved by the password: reset their password (hub user-reset) before their "
                                       "first login, or every replica refuses what they do.")
                             .arg(u.username)
                      << "\n";
    return 0;
}

int hubUserDisable(const QStringList& args)
{
    return hubUserSetEnabled(args, false);
}

int hubUserEnable(const QStringList& args)
{
    return hubUserSetEnabled(args, true);
}

/** hub user-roles: a change of roles, at the hub's time (docs/SECURITY.md, "Changing roles"). */
int hubUserRoles(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption username(QStringLiteral("username"), SyncAdmin::tr("The user's user name."),
                                      SyncAdmin::tr("user"));
    const QCommandLineOption roles(QStringLiteral("roles"), SyncAdmin::tr("Roles, separated by commas."),
                                   SyncAdmin::tr("roles"));
    p.addOptions({hubDirOption(), asOption(), username, roles});
    if (!parseCommand(p, args, SyncAdmin::tr("Changes a user's roles at the hub: every replica counts the user's events "
                                             "with the roles held when each was recorded.")))
        return 2;
    if (p.value(username).isEmpty() || p.value(roles).isEmpty())
        return fail(SyncAdmin::tr("Name the user with --username and the new roles with --roles."));
    QString error;
    auto hub = openHubAs(p.value(QStringLiteral("dir")), p.value(QStringLiteral("as")), &error);
    if (!hub || !hub->users().setRoles(p.value(username), p.value(roles), p.value(QStringLiteral("as")), &error))
        return fail(error);
    out() << SyncAdmin::tr("The roles of %1 are now: %2.")
                 .arg(p.value(username), core::rolesDisplayText(core::rolesFromKeys(p.value(roles))))
          << "\n";
    return 0;
}

int hubCatalogImport(const QStringList& args)
{
    QCommandLineParser p;
    p.addOptions({hubDirOption(), asOption()});
    p.addPositionalArgument(QStringLiteral("file"), SyncAdmin::tr("The catalog JSON file (docs/CATALOG.md)."));
    if (!parseCommand(p, args, SyncAdmin::tr("Imports a catalog version at the hub; workstations receive it.")))
        return 2;
    if (p.positionalArguments().size() != 1)
        return fail(SyncAdmin::tr("Name one catalog file."));
    QFile f(p.positionalArguments().first());
    if (!f.open(QIODevice::ReadOnly))
        return fail(SyncAdmin::tr("Unable to read %1: %2").arg(f.fileName(), f.errorString()));
    QString error;
    auto hub = openHubAs(p.value(QStringLiteral("dir")), p.value(QStringLiteral("as")), &error);
    if (!hub)
        return fail(error);
    const auto catalog = core::Catalog::fromJson(f.readAll(), &error);
    if (!catalog || !db::CatalogRepository(hub->database().sql()).import(*catalog, &error))
        return fail(SyncAdmin::tr("%1: %2").arg(f.fileName(), error));
    out() << SyncAdmin::tr("Imported catalog version %1 at the hub.").arg(catalog->version) << "\n";
    return 0;
}

int hubCalendarImport(const QStringList& args)
{
    QCommandLineParser p;
    p.addOptions({hubDirOption(), asOption()});
    p.addPositionalArgument(QStringLiteral("file"), SyncAdmin::tr("The year's holiday file, YEAR.json (holiday-cn format)."));
    if (!parseCommand(p, args, SyncAdmin::tr("Adds or replaces a year of the holiday calendar at the hub; workstations "
                                             "receive it with their next sync or bundle.")))
        return 2;
    if (p.positionalArguments().size() != 1)
        return fail(SyncAdmin::tr("Name one holiday file."));
    QFile f(p.positionalArguments().first());
    if (!f.open(QIODevice::ReadOnly))
        return fail(SyncAdmin::tr("Unable to read %1: %2").arg(f.fileName(), f.errorString()));
    if (f.size() > core::WorkCalendar::kMaxYearFileBytes)
        return fail(SyncAdmin::tr("%1 is %2 bytes long; a holiday year file has at most %3.")
                        .arg(f.fileName())
                        .arg(f.size())
                        .arg(core::WorkCalendar::kMaxYearFileBytes));
    const QByteArray json = f.readAll();
    QString error;
    auto hub = openHubAs(p.value(QStringLiteral("dir")), p.value(QStringLiteral("as")), &error);
    if (!hub)
        return fail(error);
    const auto year = hub->reference().importCalendarYear(json, &error);
    if (!year)
        return fail(SyncAdmin::tr("%1: %2").arg(f.fileName(), error));
    out() << SyncAdmin::tr("Imported the holiday calendar for %1 at the hub.").arg(*year) << "\n";
    return 0;
}

int hubStatus(const QStringList& args)
{
    QCommandLineParser p;
    p.addOptions({hubDirOption(), asOption()});
    if (!parseCommand(p, args, SyncAdmin::tr("Shows the hub's workstations and events.")))
        return 2;
    QString error;
    auto hub = openHubAs(p.value(QStringLiteral("dir")), p.value(QStringLiteral("as")), &error);
    if (!hub)
        return fail(error);
    out() << SyncAdmin::tr("Hall: %1").arg(hub->hallName()) << "\n"
          << SyncAdmin::tr("Events: %1 (last server_seq %2)").arg(hub->events().count()).arg(hub->events().maxServerSeq())
          << "\n"
          << SyncAdmin::tr("Checkpoint key: %1").arg(core::SealKey::keyIdOf(hub->checkpointPublicKey())) << "\n";
    for (const db::HubWorkstation& w : db::HubWorkstationRepository(hub->database().sql()).all())
        out() << "  " << w.id.leftJustified(20) << SyncAdmin::tr("enrolled %1, last seen %2, %3 events")
                                                        .arg(w.enrolledAt, w.lastSeenAt)
                                                        .arg(w.eventsPushed)
              << (w.revoked ? SyncAdmin::tr(", revoked %1: %2").arg(w.revokedAt, w.revokeReason) : QString())
              << "\n";
    return 0;
}

void printManifest(const sync::BackupManifest& m)
{
    out() << SyncAdmin::tr("Taken %1; hall %2; generation %3").arg(m.created.toString(Qt::ISODate), m.hall, m.generation)
          << "\n"
          << SyncAdmin::tr("%1 events through server_seq %2; %3 workstations, %4 number blocks, %5 users")
                 .arg(m.events)
                 .arg(m.maxServerSeq)
                 .arg(m.workstations)
                 .arg(m.leases)
                 .arg(m.users)
          << "\n"
          << SyncAdmin::tr("Database %1 bytes, SHA-256 %2").arg(m.databaseBytes).arg(QString::fromLatin1(m.sha256.toHex()))
          << "\n";
}

int hubBackup(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption outFile(QStringLiteral("out"), SyncAdmin::tr("The backup file to write (must not exist)."),
                                     SyncAdmin::tr("file"));
    p.addOptions({hubDirOption(), outFile});
    if (!parseCommand(p, args, SyncAdmin::tr("Backs the hub up while it runs: a consistent copy of its database, "
                                             "encrypted with the hub's key, with a manifest. Keep hub.key apart from "
                                             "the backups.")))
        return 2;
    QString error;
    const auto manifest = sync::HubBackup::create(p.value(QStringLiteral("dir")), p.value(outFile), &error);
    if (!manifest)
        return fail(error);
    out() << SyncAdmin::tr("Wrote the backup %1.").arg(p.value(outFile)) << "\n";
    printManifest(*manifest);
    return 0;
}

int hubVerifyBackup(const QStringList& args)
{
    QCommandLineParser p;
    p.addOption(hubDirOption());
    p.addPositionalArgument(QStringLiteral("file"), SyncAdmin::tr("The backup file."));
    if (!parseCommand(p, args, SyncAdmin::tr("Checks a hub backup without restoring it: its manifest, its SHA-256, and "
                                             "that its database opens with the hub's key (hub.key in --dir) and is "
                                             "whole.")))
        return 2;
    if (p.positionalArguments().size() != 1)
        return fail(SyncAdmin::tr("Name one backup file."));
    QString error;
    QByteArray key = sync::HubStore::readKey(p.value(QStringLiteral("dir")), &error);
    if (key.isEmpty())
        return fail(error);
    const auto manifest = sync::HubBackup::verify(p.positionalArguments().first(), key, &error);
    core::crypto::wipe(key);
    if (!manifest)
        return fail(SyncAdmin::tr("The backup is refused: %1").arg(error));
    out() << SyncAdmin::tr("The backup %1 is whole.").arg(p.positionalArguments().first()) << "\n";
    printManifest(*manifest);
    return 0;
}

int hubRestore(const QStringList& args)
{
    QCommandLineParser p;
    p.addOption(hubDirOption());
    p.addPositionalArgument(QStringLiteral("file"), SyncAdmin::tr("The backup file."));
    if (!parseCommand(p, args, SyncAdmin::tr("Restores the hub from a backup (the hub must be stopped; hub.key must be "
                                             "in --dir). The hub gets a new generation: workstations push again every "
                                             "event the backup lacks. The database that was there is moved aside.")))
        return 2;
    if (p.positionalArguments().size() != 1)
        return fail(SyncAdmin::tr("Name one backup file."));
    QString error;
    const auto outcome = sync::HubBackup::restore(p.positionalArguments().first(), p.value(QStringLiteral("dir")), &error);
    if (!outcome)
        return fail(SyncAdmin::tr("The restore is refused: %1").arg(error));
    out() << SyncAdmin::tr("Restored the hub in %1 from %2; new generation %3.")
                 .arg(p.value(QStringLiteral("dir")), p.positionalArguments().first(), outcome->generation)
          << "\n";
    if (!outcome->replacedPath.isEmpty())
        out() << SyncAdmin::tr("The database that was there is kept as %1.").arg(outcome->replacedPath) << "\n";
    printManifest(outcome->manifest);
    out() << SyncAdmin::tr("Start the hub again; each workstation pushes what the backup lacks at its next sync.") << "\n";
    return 0;
}

int hubRebuild(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption from(QStringLiteral("from"), SyncAdmin::tr("The workstation's replica (its database file)."),
                                  SyncAdmin::tr("file"));
    const QCommandLineOption keysFrom(
        QStringLiteral("keys-from"),
        SyncAdmin::tr("Where the hub's keys survive: the lost hub's database or any backup of it (with hub.key in "
                      "--dir). Workstations then stay enrolled."),
        SyncAdmin::tr("file"));
    const QCommandLineOption host(QStringLiteral("host"),
                                  SyncAdmin::tr("A name or address workstations use to reach the hub (repeatable)."),
                                  SyncAdmin::tr("host"));
    p.addOptions({hubDirOption(), from, asOption(), keysFrom, host});
    if (!parseCommand(p, args, SyncAdmin::tr("Rebuilds a lost hub without a backup from a workstation's replica: "
                                             "every event of every workstation, users, reference data, catalogs and "
                                             "files. The password of an administrator of the replica is read from "
                                             "standard input. Workstations push what the replica lacked at their next "
                                             "sync.")))
        return 2;
    if (p.value(from).isEmpty())
        return fail(SyncAdmin::tr("Name the replica with --from."));
    // The replica is opened with an administrator's key slot but without logging in: a login could
    // write an event there (a first signing key), and the replica is only read.
    QString error;
    const auto ring = db::KeyRing::load(db::KeyRing::pathFor(p.value(from)), &error);
    if (!ring)
        return fail(error);
    const QString username = p.value(QStringLiteral("as"));
    auto key = ring->unlock(username, readSecret(SyncAdmin::tr("Administrator password of the replica: ")));
    if (!key)
        return fail(SyncAdmin::tr("Wrong user name or password for the replica %1.").arg(p.value(from)));
    auto replica = db::Database::open(p.value(from), *key, {}, &error);
    core::crypto::wipe(*key);
    if (!replica || !replica->migrate(&error))
        return fail(error);
    const auto admin = db::UserRepository(replica->sql()).byUsername(username);
    if (!admin || !admin->active || !admin->can(core::Action::ManageUsers))
        return fail(SyncAdmin::tr("Only an administrator may do this."));
    sync::RebuildSetup setup;
    setup.directory = p.value(QStringLiteral("dir"));
    setup.keysFrom = p.value(keysFrom);
    setup.hosts = p.values(host);
    const auto outcome = sync::HubRebuild::rebuild(*replica, setup, &error);
    if (!outcome)
        return fail(SyncAdmin::tr("The rebuild is refused: %1").arg(error));
    out() << SyncAdmin::tr("Rebuilt the hub in %1: %2 events of %3 workstations (%4 refused by the hall's rules), %5 "
                           "users, %6 catalog versions, %7 files; new generation %8, numbers through server_seq %9 "
                           "kept.")
                 .arg(setup.directory)
                 .arg(outcome->events)
                 .arg(outcome->workstations.size())
                 .arg(outcome->quarantined)
                 .arg(outcome->users)
                 .arg(outcome->catalogs)
                 .arg(outcome->files)
                 .arg(outcome->generation)
                 .arg(outcome->restoredThrough)
          << "\n";
    if (outcome->newKeyFile)
        out() << SyncAdmin::tr("A new key file %1 was made: keep a copy apart from the backups.")
                     .arg(sync::HubStore::keyPath(setup.directory))
              << "\n";
    if (outcome->keptKeys)
        out() << SyncAdmin::tr("The hub's certificate authority was kept: workstations stay enrolled. Revoke again "
                               "any workstation revoked after %1 was made.")
                     .arg(setup.keysFrom)
              << "\n";
    else
        out() << SyncAdmin::tr("The hub has a new certificate authority: enrol every workstation again with a new code "
                               "(hub enroll-code, then enroll at the workstation); their events are still accepted.")
              << "\n";
    out() << SyncAdmin::tr("Start the hub; each workstation pushes what the replica lacked at its next sync.") << "\n";
    return 0;
}

/** Logs in at the workstation (administrator, password on standard input). */
std::unique_ptr<services::Session> loginAs(const QCommandLineParser& p, QString* error)
{
    auto session = logIn(p.value(QStringLiteral("db")), p.value(QStringLiteral("as")), SyncAdmin::tr("Password: "), error);
    if (session && !session->can(core::Action::ManageUsers)) {
        *error = SyncAdmin::tr("Only an administrator may do this.");
        return nullptr;
    }
    return session;
}

bool splitHostPort(const QString& text, QString* host, quint16* port)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint p = colon > 0 ? text.mid(colon + 1).toUInt(&ok) : 0;
    if (!ok || p == 0 || p > 65535)
        return false;
    *host = text.left(colon);
    *port = quint16(p);
    return true;
}

} // namespace

int runHubCommand(const QStringList& arguments)
{
    static const QList<QPair<QString, int (*)(const QStringList&)>> commands{
        {QStringLiteral("init"), hubInit},
        {QStringLiteral("enroll-code"), hubEnrollCode},
        {QStringLiteral("revoke"), hubRevoke},
        {QStringLiteral("user-add"), hubUserAdd},
        {QStringLiteral("user-reset"), hubUserReset},
        {QStringLiteral("users"), hubUsers},
        {QStringLiteral("require-first-key-proof"), hubRequireFirstKeyProof},
        {QStringLiteral("seal-grant"), hubSealGrant},
        {QStringLiteral("seal-revoke"), hubSealRevoke},
        {QStringLiteral("user-disable"), hubUserDisable},
        {QStringLiteral("user-enable"), hubUserEnable},
        {QStringLiteral("user-roles"), hubUserRoles},
        {QStringLiteral("catalog-import"), hubCatalogImport},
        {QStringLiteral("calendar-import"), hubCalendarImport},
        {QStringLiteral("status"), hubStatus},
        {QStringLiteral("backup"), hubBackup},
        {QStringLiteral("verify-backup"), hubVerifyBackup},
        {QStringLiteral("restore"), hubRestore},
        {QStringLiteral("rebuild"), hubRebuild},
    };
    const QString sub = arguments.value(1);
    for (const auto& [name, run] : commands)
        if (sub == name) {
            QStringList rest = arguments.mid(1);
            rest[0] = arguments.at(0) + QLatin1Char(' ') + name;
            return run(rest);
        }
    err() << SyncAdmin::tr("Usage: oneseal-admin hub init|enroll-code|revoke|user-add|user-reset|users|require-first-key-proof|user-disable|user-enable|user-roles|seal-grant|seal-revoke|catalog-import|calendar-import|status|backup|verify-backup|restore|rebuild [options]")
          << "\n" << Qt::flush;
    return 2;
}

int runEnroll(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption hub(QStringLiteral("hub"), SyncAdmin::tr("The hub's address."), SyncAdmin::tr("host:port"));
    const QCommandLineOption code(QStringLiteral("code"), SyncAdmin::tr("The one-time enrollment code."),
                                  SyncAdmin::tr("code"));
    p.addOptions({dbOption(), asOption(), hub, code});
    if (!parseCommand(p, args, SyncAdmin::tr("Enrolls this workstation at the hall's hub with a one-time code.")))
        return 2;
    QString host;
    quint16 port = 0;
    if (!splitHostPort(p.value(hub), &host, &port))
        return fail(SyncAdmin::tr("Give the hub as host:port."));
    QString error;
    auto session = loginAs(p, &error);
    if (!session)
        return fail(error);
    sync::SyncClient client(session->database());
    if (!client.enroll(host, port, p.value(code), &error))
        return fail(error);
    out() << SyncAdmin::tr("Workstation %1 is enrolled at %2.").arg(client.workstation(), p.value(hub)) << "\n";
    return 0;
}

/** Key slots for the users the hub added, changed or disabled (after a sync or a bundle import). */
static int followUsers(services::Session& session)
{
    QString error;
    const auto changes = sync::HubFollowUp::apply(session, &error);
    if (!changes)
        return fail(error);
    if (!changes->added.isEmpty())
        out() << SyncAdmin::tr("Users who can now log in here: %1").arg(changes->added.join(QStringLiteral(", "))) << "\n";
    if (!changes->updated.isEmpty())
        out() << SyncAdmin::tr("Passwords changed at the hub: %1").arg(changes->updated.join(QStringLiteral(", "))) << "\n";
    if (!changes->removed.isEmpty())
        out() << SyncAdmin::tr("Users disabled at the hub: %1").arg(changes->removed.join(QStringLiteral(", "))) << "\n";
    return 0;
}

int runSync(const QStringList& args)
{
    QCommandLineParser p;
    p.addOptions({dbOption(), asOption()});
    if (!parseCommand(p, args, SyncAdmin::tr("Runs one sync round with the hub now.")))
        return 2;
    QString error;
    auto session = loginAs(p, &error);
    if (!session)
        return fail(error);
    sync::SyncClient client(session->database());
    const auto report = client.syncOnce(&error);
    if (!report)
        return fail(error);
    out() << SyncAdmin::tr("Pushed %1, pulled %2 events; cursor %3; %4 unsent.")
                 .arg(report->pushed)
                 .arg(report->pulled)
                 .arg(report->cursor)
                 .arg(report->unsent)
          << "\n";
    return followUsers(*session);
}

int runBundleCommand(const QStringList& arguments)
{
    const QString sub = arguments.value(1);
    QCommandLineParser p;
    const QCommandLineOption file(QStringLiteral("file"), SyncAdmin::tr("The bundle file."), SyncAdmin::tr("path"));
    const QCommandLineOption hubDir(QStringLiteral("hub-dir"), SyncAdmin::tr("Run at the hub: its folder."),
                                    SyncAdmin::tr("folder"));
    const QCommandLineOption ws(QStringLiteral("workstation"),
                                SyncAdmin::tr("At the hub: the workstation the bundle is for."), SyncAdmin::tr("id"));
    p.addOptions({dbOption(), asOption(), file, hubDir, ws});
    QStringList rest = arguments.mid(1);
    if (rest.isEmpty() || (sub != QLatin1String("export") && sub != QLatin1String("import"))) {
        err() << SyncAdmin::tr("Usage: oneseal-admin bundle export|import --file F (--db DB | --hub-dir DIR) [options]")
              << "\n" << Qt::flush;
        return 2;
    }
    rest[0] = arguments.at(0) + QLatin1Char(' ') + sub;
    if (!parseCommand(p, rest,
               SyncAdmin::tr("Moves events by file for a hall without network: a workstation exports its unsent "
                             "events for the hub and imports the hub's answer; the hub imports and exports for "
                             "one workstation. Bundles are signed and encrypted; importing one twice changes "
                             "nothing.")))
        return 2;
    if (p.value(file).isEmpty())
        return fail(SyncAdmin::tr("Give the bundle file with --file."));
    QString error;
    if (p.isSet(hubDir)) {
        auto hub = openHubAs(p.value(hubDir), p.value(QStringLiteral("as")), &error);
        if (!hub)
            return fail(error);
        if (sub == QLatin1String("import")) {
            const auto result = sync::HubBundle::importAtHub(*hub, p.value(file), &error);
            if (!result)
                return fail(error);
            out() << SyncAdmin::tr("Imported %1 events from workstation %2 (%3 already here).")
                         .arg(result->stored)
                         .arg(result->workstation)
                         .arg(result->duplicates)
                  << "\n";
            return 0;
        }
        if (p.value(ws).isEmpty())
            return fail(SyncAdmin::tr("Name the workstation the bundle is for (--workstation)."));
        const auto count = sync::HubBundle::exportAtHub(*hub, p.value(ws), p.value(file), &error);
        if (!count)
            return fail(error);
        out() << SyncAdmin::tr("Wrote %1 events for workstation %2 to %3.").arg(*count).arg(p.value(ws), p.value(file))
              << "\n";
        return 0;
    }
    auto session = loginAs(p, &error);
    if (!session)
        return fail(error);
    if (sub == QLatin1String("export")) {
        const auto count = sync::Bundle::exportAtWorkstation(session->database(), p.value(file), &error);
        if (!count)
            return fail(error);
        out() << SyncAdmin::tr("Wrote %1 unsent events to %2.").arg(*count).arg(p.value(file)) << "\n";
        return 0;
    }
    const auto result = sync::Bundle::importAtWorkstation(session->database(), p.value(file), &error);
    if (!result)
        return fail(error);
    out() << SyncAdmin::tr("Imported %1 new events; %2 of ours acknowledged.").arg(result->stored).arg(result->acknowledged)
          << "\n";
    return followUsers(*session);
}

int runRepairClock(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption margin(QStringLiteral("margin-hours"),
                                    SyncAdmin::tr("How far ahead of now a clock may be (the hub's clock_margin_hours)."),
                                    SyncAdmin::tr("hours"), QStringLiteral("24"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), SyncAdmin::tr("Only say what would be re-stamped."));
    p.addOptions({dbOption(), asOption(), margin, dryRun});
    if (!parseCommand(p, args, SyncAdmin::tr("Re-stamps this workstation's own unsent events whose clock the hub refuses "
                                             "(far in the future or wrapped), and every later one of its chain: new "
                                             "clocks, the chain linked again, each signed again by its author (whose "
                                             "password is asked for). Nothing else changes; the hub never had them.")))
        return 2;
    bool ok = false;
    const qint64 hours = p.value(margin).toLongLong(&ok);
    if (!ok || hours < 1 || hours > 24 * 365)
        return fail(SyncAdmin::tr("--margin-hours must be a whole number from 1 to 8760."));
    const qint64 marginMs = hours * 3600 * 1000;
    QString error;
    auto session = loginAs(p, &error);
    if (!session)
        return fail(error);
    services::ClockRepairService repair(*session);
    const auto plan = repair.plan(marginMs, &error);
    if (!plan)
        return fail(error);
    if (plan->events.isEmpty()) {
        out() << SyncAdmin::tr("No unsent event of this workstation has a clock the hub refuses; nothing to do.") << "\n";
        return 0;
    }
    out() << SyncAdmin::tr("%1 unsent events of this workstation from %2 on are re-stamped (%3 with a clock the hub "
                           "refuses).")
                 .arg(plan->events.size())
                 .arg(core::Event::timeText(plan->events.first().recordedAt))
                 .arg(plan->badClocks)
          << "\n";
    if (p.isSet(dryRun))
        return 0;
    // Every other author signs their events again: their passwords, asked in the order of their user names.
    QHash<QString, QString> passwords;
    const db::UserRepository users(session->database().sql());
    QMap<QString, QString> authors; // user name -> user id
    const QString ownKey = session->events().signer().hasPrivateKey() ? session->events().signer().keyId() : QString();
    for (auto it = plan->signingKeys.cbegin(); it != plan->signingKeys.cend(); ++it)
        if (it.key() != ownKey) {
            const auto user = users.byId(it.value());
            authors.insert(user ? user->username : it.value(), it.value());
        }
    for (auto it = authors.cbegin(); it != authors.cend(); ++it)
        passwords.insert(it.value(), readSecret(SyncAdmin::tr("Password of %1, who signed some of them: ").arg(it.key())));
    const auto done = repair.repair(*plan, passwords, marginMs, &error);
    if (!done)
        return fail(SyncAdmin::tr("The repair is refused: %1").arg(error));
    out() << SyncAdmin::tr("Re-stamped %1 events; sync to send them.").arg(*done) << "\n";
    return 0;
}

} // namespace oneseal::cli
