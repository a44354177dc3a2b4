// ws_agent: a workstation as a separate process for the sync tests (so that it can be killed with
// SIGKILL at any moment). Each command opens the workstation's database, does one thing, prints one
// line "ok ..." or "error ..." and exits. Test helper only: it keeps the raw key in <db>.key.
#include "core/CaseState.h"
#include "core/Clock.h"
#include "core/Conflict.h"
#include "core/Crypto.h"
#include "core/Identifiers.h"
#include "db/ConflictProjection.h"
#include "db/Database.h"
#include "db/EventStore.h"
#include "db/IntakeRepository.h"
#include "services/AuthService.h"
#include "services/CaseLifeService.h"
#include "services/DecisionService.h"
#include "services/ReviewService.h"
#include "core/PasswordAuth.h"
#include "core/PasswordSlot.h"
#include "services/ConflictService.h"
#include "services/HallService.h"
#include "services/IntakeService.h"
#include "services/SealKeyService.h"
#include "services/Session.h"
#include "services/KeySlotService.h"
#include "services/SigningKeys.h"
#include "core/EventAdmission.h"
#include "core/SealGrant.h"
#include "db/KeyRing.h"
#include "db/UserRepository.h"
#include "hub/HubStore.h"
#include "sync/LoginFetch.h"
#include "sync/SyncClient.h"
#include "SyncTestSupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRegularExpression>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QSqlRecord>

#include <cstdio>

using namespace oneseal;

namespace {

class SkewedClock : public core::Clock
{
public:
    explicit SkewedClock(qint64 skewMs) : m_skewMs(skewMs) {}
    QDateTime now() const override { return QDateTime::currentDateTimeUtc().addMSecs(m_skewMs); }

private:
    qint64 m_skewMs;
};

int say(const QString& line, int rc = 0)
{
    std::fprintf(stdout, "%s\n", line.toUtf8().constData());
    std::fflush(stdout);
    return rc;
}

int failed(const QString& why)
{
    return say(QStringLiteral("error ") + why, 3);
}

QByteArray readKey(const QString& db)
{
    QFile f(db + QStringLiteral(".key"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QByteArray::fromHex(f.readAll().trimmed());
}

std::unique_ptr<db::Database> openDb(const QString& path, QString* error)
{
    auto database = db::Database::open(path, readKey(path), {}, error);
    if (database && !database->migrate(error))
        return nullptr;
    return database;
}

QString residentId(int serial)
{
    const QString first17 = QStringLiteral("14080219900101") + QString::number(serial % 1000).rightJustified(3, QLatin1Char('0'));
    return first17 + core::residentIdCheckChar(first17);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("command"), QStringLiteral("create|enroll|sync|work|decide|resolve|hash"));
    for (const char* name : {"db", "workstation", "hub", "code", "cases", "seed", "skew-ms", "rounds", "case", "kind", "scan-bytes", "sha",
                             "hub-dir", "keep", "stall-at", "user", "password", "as", "target-user", "unsigned", "first-key", "count",
                             "rewrite-meta", "forge-checkpoint", "enable-locally", "no-slot", "step", "days", "change-password", "login-round",
                             "forget-hlc", "pause-ms"})
        p.addOption({QString::fromLatin1(name), QString::fromLatin1(name), QStringLiteral("value")});
    p.process(app);
    const QString command = p.positionalArguments().value(0);
    const QString dbPath = p.value(QStringLiteral("db"));
    const SkewedClock clock(p.value(QStringLiteral("skew-ms")).toLongLong());
    QString error;

    if (command == QLatin1String("create")) {
        services::HallSetup setup;
        setup.databasePath = dbPath;
        setup.hallName = QStringLiteral("Test hall");
        setup.workstationId = p.value(QStringLiteral("workstation"));
        setup.adminUsername = QStringLiteral("admin");
        setup.adminPassword = services::HallService::demoPassword();
        setup.kdf = core::crypto::ScryptParams{1u << 10, 8, 1};
        setup.ownsFirstNumberBlocks = false;
        if (!services::HallService::createHall(setup, &error))
            return failed(error);
        const auto key = services::AuthService::recoverKey(dbPath, setup.adminUsername, setup.adminPassword, &error);
        QFile f(dbPath + QStringLiteral(".key"));
        if (!key || !f.open(QIODevice::WriteOnly) || f.write(key->toHex()) != 64)
            return failed(error.isEmpty() ? QStringLiteral("cannot write the key file") : error);
        return say(QStringLiteral("ok created"));
    }

    if (command == QLatin1String("hash") && p.isSet(QStringLiteral("hub-dir"))) {
        auto hub = sync::HubStore::open(p.value(QStringLiteral("hub-dir")), &error);
        if (!hub)
            return failed(error);
        return say(QStringLiteral("ok ") + test::syncSummary(hub->database().sql()));
    }

    if (command == QLatin1String("leases") && p.isSet(QStringLiteral("hub-dir"))) {
        // Where the hub's next block of each kind would start.
        auto hub = sync::HubStore::open(p.value(QStringLiteral("hub-dir")), &error);
        if (!hub)
            return failed(error);
        QSqlQuery q(hub->database().sql());
        if (!q.exec(QStringLiteral("SELECT (SELECT coalesce(max(block_end), 0) + 1 FROM sync_number_leases WHERE kind = 'case'), "
                                   "(SELECT coalesce(max(block_end), 0) + 1 FROM sync_number_leases WHERE kind = 'certificate')"))
            || !q.next())
            return failed(QStringLiteral("cannot read the leases"));
        return say(QStringLiteral("ok next_case=%1 next_certificate=%2 generation=%3")
                       .arg(q.value(0).toLongLong())
                       .arg(q.value(1).toLongLong())
                       .arg(hub->generation()));
    }

    if (command == QLatin1String("quarantine") && p.isSet(QStringLiteral("hub-dir"))) {
        auto hub = sync::HubStore::open(p.value(QStringLiteral("hub-dir")), &error);
        if (!hub)
            return failed(error);
        return say(QStringLiteral("ok ") + test::quarantineSummary(hub->database().sql()));
    }
    if (command == QLatin1String("legacy-user") && p.isSet(QStringLiteral("hub-dir"))) {
        // A user as a hub from before the first-key rule made them (docs/SECURITY.md, "The first key"):
        // a password hash, no auth key nor slot key, and a user.created of the hub naming no auth key.
        auto hub = sync::HubStore::open(p.value(QStringLiteral("hub-dir")), &error);
        if (!hub)
            return failed(error);
        core::User u;
        u.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        u.username = p.value(QStringLiteral("user"));
        u.displayName = u.username;
        u.roles = core::Roles(core::Role::IntakeClerk);
        u.passwordHash = core::crypto::hashPassword(p.value(QStringLiteral("password")), core::crypto::ScryptParams{1u << 10, 8, 1});
        db::Transaction tx(hub->database().sql());
        if (!db::UserRepository(hub->database().sql()).insert(u, &error))
            return failed(error);
        const auto e = hub->eventLog().events().append(
            QString(), QStringLiteral("user.created"),
            QCborMap{{QStringLiteral("user_id"), u.id}, {QStringLiteral("username"), u.username},
                     {QStringLiteral("display_name"), u.displayName}, {QStringLiteral("roles"), QStringLiteral("intake")}},
            u.id, &error);
        if (!e || !hub->eventLog().acknowledgeOwn(*e, &error) || !tx.commit(&error) || !hub->reference().publishUsers(&error))
            return failed(error);
        return say(QStringLiteral("ok user=") + u.id);
    }
    if (command == QLatin1String("password-check")) {
        // Whether a user's password as the hub (--hub-dir) or this workstation holds it is --password.
        std::unique_ptr<sync::HubStore> hub;
        if (p.isSet(QStringLiteral("hub-dir")) && !(hub = sync::HubStore::open(p.value(QStringLiteral("hub-dir")), &error)))
            return failed(error);
        std::unique_ptr<db::Database> atWorkstation = hub ? nullptr : openDb(dbPath, &error);
        if (!hub && !atWorkstation)
            return failed(error);
        const auto user = db::UserRepository(hub ? hub->database().sql() : atWorkstation->sql()).byUsername(p.value(QStringLiteral("user")));
        if (!user)
            return failed(QStringLiteral("no user"));
        return say(QStringLiteral("ok match=%1 must_change=%2")
                       .arg((user->passwordHash.isEmpty()
                                 ? core::PasswordAuth::open(p.value(QStringLiteral("password")), user->authKey).has_value()
                                 : core::crypto::verifyPassword(p.value(QStringLiteral("password")), user->passwordHash))
                                ? 1
                                : 0)
                       .arg(user->mustChange ? 1 : 0));
    }
    if (command == QLatin1String("hashes")) {
        // Password hash texts ("scrypt$N$r$p$salt$hash"; not the "-scrypt$" of auth and slot keys): at
        // a workstation in every value of every table (users, events' payloads, reference data, ...);
        // with --hub-dir in the users the hub publishes now. "ok hashes=N tables=..." (where found).
        static const QRegularExpression hash(QStringLiteral("(?<!-)scrypt\\$\\d+\\$\\d+\\$\\d+\\$"));
        auto count = [](const QByteArray& bytes) {
            return int(hash.globalMatch(QString::fromLatin1(bytes)).hasNext() ? 1 : 0);
        };
        int found = 0;
        QStringList where;
        if (p.isSet(QStringLiteral("hub-dir"))) {
            auto hub = sync::HubStore::open(p.value(QStringLiteral("hub-dir")), &error);
            if (!hub)
                return failed(error);
            QSqlQuery q(hub->database().sql());
            if (!q.exec(QStringLiteral("SELECT payload FROM sync_reference WHERE kind = 'users' ORDER BY version DESC LIMIT 1"))
                || !q.next())
                return failed(QStringLiteral("no users published"));
            found = count(q.value(0).toByteArray());
            if (found)
                where << QStringLiteral("sync_reference");
            return say(QStringLiteral("ok hashes=%1 tables=%2").arg(found).arg(where.join(QLatin1Char(','))));
        }
        auto database = openDb(dbPath, &error);
        if (!database)
            return failed(error);
        QSqlQuery tables(database->sql());
        if (!tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'")))
            return failed(tables.lastError().text());
        QStringList names;
        while (tables.next())
            names << tables.value(0).toString();
        for (const QString& table : names) {
            QSqlQuery q(database->sql());
            q.setForwardOnly(true);
            if (!q.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table)))
                continue; // virtual tables of the search index
            int here = 0;
            while (q.next())
                for (int c = 0; c < q.record().count(); ++c)
                    here += count(q.value(c).toByteArray());
            if (here)
                where << table;
            found += here;
        }
        return say(QStringLiteral("ok hashes=%1 tables=%2").arg(found).arg(where.join(QLatin1Char(','))));
    }
    if (command == QLatin1String("file") && p.isSet(QStringLiteral("hub-dir"))) {
        auto hub = sync::HubStore::open(p.value(QStringLiteral("hub-dir")), &error);
        if (!hub)
            return failed(error);
        const auto data = db::AttachmentStore(hub->database().sql()).get(p.value(QStringLiteral("sha")));
        if (!data)
            return say(QStringLiteral("ok absent=1"));
        return say(QStringLiteral("ok size=%1 sha=%2").arg(data->size()).arg(QString::fromLatin1(core::crypto::sha256(*data).toHex())));
    }

    auto database = openDb(dbPath, &error);
    if (!database)
        return failed(error);

    if (command == QLatin1String("cut")) {
        // An insider with the database key cuts the newest --count events of this workstation's chain
        // (dropping the trigger that forbids it): the chain left is consistent.
        const QString ws = database->meta(QStringLiteral("workstation_id"));
        QSqlQuery q(database->sql());
        q.prepare(QStringLiteral("DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE workstation = ? "
                                 "ORDER BY seq DESC LIMIT ?)"));
        q.addBindValue(ws);
        q.addBindValue(p.value(QStringLiteral("count")).toInt());
        if (!QSqlQuery(database->sql()).exec(QStringLiteral("DROP TRIGGER IF EXISTS events_no_delete")) || !q.exec())
            return failed(QStringLiteral("cannot cut: ") + q.lastError().text());
        const int cut = q.numRowsAffected();
        db::EventStore store(*database, ws);
        const QString newHead = QString::fromLatin1(store.lastHashOf(ws).toHex());
        // --rewrite-meta: the chain head the hub sent, kept in meta, is made the new end too.
        if (p.isSet(QStringLiteral("rewrite-meta")) && !database->setMeta(db::EventStore::hubChainHeadKey(), newHead, &error))
            return failed(error);
        // --forge-checkpoint: the hub's checkpoints of this chain are made to name the new end too.
        if (p.isSet(QStringLiteral("forge-checkpoint"))) {
            QSqlQuery c(database->sql());
            c.prepare(QStringLiteral("UPDATE chain_checkpoints SET head = ? WHERE workstation = ?"));
            c.addBindValue(store.lastHashOf(ws));
            c.addBindValue(ws);
            if (!c.exec())
                return failed(c.lastError().text());
        }
        return say(QStringLiteral("ok cut=%1").arg(cut));
    }

    if (command == QLatin1String("hash"))
        return say(QStringLiteral("ok ") + test::syncSummary(database->sql()));
    if (command == QLatin1String("reconcile")) {
        // After a sync, a logged-in user (--user, --password) brings the key ring in line with the
        // hall's users, as the client does (KeySlotService): "ok added=a,b updated=... removed=...".
        database.reset();
        services::AuthService auth(dbPath, clock);
        auto session = auth.login(p.value(QStringLiteral("user")), p.value(QStringLiteral("password")), &error);
        if (!session)
            return failed(QStringLiteral("login ") + error);
        const auto changes = services::KeySlotService(*session).reconcile(&error);
        if (!changes)
            return failed(error);
        return say(QStringLiteral("ok added=%1 updated=%2 removed=%3")
                       .arg(changes->added.join(QLatin1Char(',')), changes->updated.join(QLatin1Char(',')),
                            changes->removed.join(QLatin1Char(','))));
    }
    if (command == QLatin1String("quarantine"))
        return say(QStringLiteral("ok ") + test::quarantineSummary(database->sql()));
    if (command == QLatin1String("keys")) {
        // A user's (--user) signing keys in this directory and the registrations of keys in her name
        // among the events here: "ok keys=N registrations=M".
        QSqlQuery q(database->sql());
        q.prepare(QStringLiteral("SELECT (SELECT count(*) FROM user_keys WHERE user_id = u.id), "
                                 "(SELECT count(*) FROM events WHERE kind = ? AND user_id = u.id) FROM users u WHERE username = ?"));
        q.addBindValue(core::EventAdmission::keyRegisteredKind());
        q.addBindValue(p.value(QStringLiteral("user")));
        if (!q.exec() || !q.next())
            return failed(QStringLiteral("no such user"));
        return say(QStringLiteral("ok keys=%1 registrations=%2").arg(q.value(0).toLongLong()).arg(q.value(1).toLongLong()));
    }
    if (command == QLatin1String("login-work") || command == QLatin1String("forge") || command == QLatin1String("seal")
        || command == QLatin1String("life")) {
        // A real login (key slot made here from the password, as an administrator would grant it):
        // the session signs with the user's own key from the hall's directory, made at the first login.
        const QString username = p.value(QStringLiteral("user"));
        const QString password = p.value(QStringLiteral("password"));
        auto ring = db::KeyRing::load(db::KeyRing::pathFor(dbPath), &error);
        if (!ring)
            return failed(error);
        // --no-slot: only a slot this workstation made by itself (KeySlotService) lets the user in.
        if (!ring->hasSlot(username) && !p.isSet(QStringLiteral("no-slot"))) {
            if (!ring->setSlot(username, password, readKey(dbPath), core::crypto::ScryptParams{1u << 10, 8, 1})
                || !ring->save(&error))
                return failed(QStringLiteral("slot ") + error);
        }
        // --enable-locally: an insider with the database key enables a user the hub disabled, here only.
        if (p.isSet(QStringLiteral("enable-locally"))) {
            QSqlQuery q(database->sql());
            q.prepare(QStringLiteral("UPDATE users SET active = 1 WHERE username = ?"));
            q.addBindValue(username);
            if (!q.exec())
                return failed(q.lastError().text());
        }
        // --forget-hlc: she also forgets the hub's clock this workstation stored (meta hlc_seen), so that
        // her event's clock is as old as its date.
        if (p.isSet(QStringLiteral("forget-hlc")) && !database->setMeta(QStringLiteral("hlc_seen"), QStringLiteral("0"), &error))
            return failed(error);
        database.reset();
        services::AuthService auth(dbPath, clock);
        // As the client: the hub first, before a first key (--login-round every: at every login, as the desktop client).
        auth.setHubFetcher(sync::LoginFetch::fetcher(clock), p.value(QStringLiteral("login-round")) == QLatin1String("every")
                                                                 ? services::AuthService::LoginRound::EveryLogin
                                                                 : services::AuthService::LoginRound::BeforeFirstKey);
        auto session = auth.login(username, password, &error);
        if (!session)
            return failed(QStringLiteral("login ") + error);
        if (session->user().mustChange) {
            // The password the administrator set is changed at the first login (the signing key is
            // made then); changed back at once so that the tests' later logins use the same password.
            const core::crypto::ScryptParams fast{1u << 10, 8, 1};
            const QString interim = password + QStringLiteral("-own");
            if (!services::AuthService::changePassword(*session, password, interim, &error, fast)
                || !services::AuthService::changePassword(*session, interim, password, &error, fast))
                return failed(QStringLiteral("first change ") + error);
        }
        // --change-password NEW: she changes her password here (a new signing key, auth key and slot key).
        if (p.isSet(QStringLiteral("change-password"))
            && !services::AuthService::changePassword(*session, password, p.value(QStringLiteral("change-password")),
                                                      &error, core::crypto::ScryptParams{1u << 10, 8, 1}))
            return failed(QStringLiteral("change ") + error);
        if (!session->events().signer().hasPrivateKey())
            return failed(QStringLiteral("no signing key"));
        if (command == QLatin1String("seal")) {
            // The seal key at this workstation, through the seal key dialog's service: --kind grant
            // (after the logged-in administrator's password) or revoke for --target-user, or open.
            services::SealKeyService seal(*session);
            const QString action = p.value(QStringLiteral("kind"));
            const QString target = p.value(QStringLiteral("target-user"));
            if (action == QLatin1String("open")) {
                const auto key = session->sealKey(&error);
                return key ? say(QStringLiteral("ok seal_key=") + key->keyId()) : failed(error);
            }
            const bool done = action == QLatin1String("grant")
                ? seal.grant(target, password, &error)
                : action == QLatin1String("revoke") && seal.revoke(target, QStringLiteral("left the hall"), &error);
            return done ? say(QStringLiteral("ok ") + action) : failed(error.isEmpty() ? QStringLiteral("unknown action") : error);
        }
        if (command == QLatin1String("life")) {
            // One step of a case's life (容缺, 告知承诺, clocks, extension, 事后核查) as the logged-in
            // user, through the services the windows use: --step accept-deferred|accept-pledge (--seed)
            // prints "ok case=ID"; supply|stop|resume|extend (--days)|review|approve|confirm take --case.
            const QString step = p.value(QStringLiteral("step"));
            const QString caseId = p.value(QStringLiteral("case"));
            if (step == QLatin1String("accept-deferred") || step == QLatin1String("accept-pledge")) {
                const bool pledge = step == QLatin1String("accept-pledge");
                services::IntakeService intake(*session);
                if (!intake.isReady(&error))
                    return failed(error);
                const core::Matter* matter = nullptr;
                for (const core::Matter& m : intake.catalog().matters) {
                    if (m.instant || m.siteInspection || !(pledge ? m.commitmentAllowed : m.deferralAllowed))
                        continue;
                    if (std::any_of(m.materials.begin(), m.materials.end(), [pledge](const core::Material& x) {
                            return x.core && (pledge || x.requirement == core::MaterialRequirement::Deferrable);
                        })) {
                        matter = &m;
                        break;
                    }
                }
                if (!matter)
                    return failed(QStringLiteral("no matter fits ") + step);
                const auto subject = intake.subject(matter->code);
                services::IntakeRequest r;
                r.subjectCode = matter->code;
                const int seed = p.value(QStringLiteral("seed")).toInt();
                r.applicant.idNumber = residentId(seed);
                r.applicant.name = QStringLiteral("申请人%1").arg(seed);
                r.applicant.phone = QStringLiteral("0359-20%1").arg(seed, 5, 10, QLatin1Char('0'));
                r.materials = intake.checklistFor(*subject);
                const QDate promised = intake.promisedDeadline(*subject, intake.today()).due;
                bool owed = false;
                for (auto& m : r.materials) {
                    if (!owed && m.core && (pledge || m.requirement == core::MaterialRequirement::Deferrable)) {
                        m.state = pledge ? core::MaterialState::Missing : core::MaterialState::Deferred;
                        if (pledge)
                            m.note = QStringLiteral("申请人承诺");
                        else
                            m.dueDate = promised;
                        owed = true;
                    } else {
                        m.state = core::MaterialState::Received;
                        m.count = 1;
                    }
                }
                r.outcome = pledge ? core::IntakeOutcome::AcceptCommitment : core::IntakeOutcome::AcceptDeferred;
                const auto state = intake.record(r, &error);
                if (!state)
                    return failed(error);
                return say(QStringLiteral("ok case=") + state->caseId);
            }
            std::optional<core::CaseState> state;
            services::CaseLifeService life(*session);
            if (step == QLatin1String("supply")) {
                services::IntakeService intake(*session);
                const auto now = intake.caseState(caseId);
                if (!now)
                    return failed(QStringLiteral("no such case"));
                QString owedCode;
                for (const core::MaterialEntry& m : now->materials)
                    if (m.state == core::MaterialState::Deferred && owedCode.isEmpty())
                        owedCode = m.code;
                if (owedCode.isEmpty())
                    return failed(QStringLiteral("nothing owed"));
                state = intake.supplyMaterial(caseId, owedCode, 1, &error);
            } else if (step == QLatin1String("stop")) {
                state = life.stopClock(caseId, core::ClockStop::Hearing, QStringLiteral("申请人要求听证"), &error);
            } else if (step == QLatin1String("resume")) {
                state = life.resumeClock(caseId, QStringLiteral("听证结束"), &error);
            } else if (step == QLatin1String("extend")) {
                state = life.extend(caseId, p.value(QStringLiteral("days")).toInt(), QStringLiteral("案情复杂，需延长期限"), &error);
            } else if (step == QLatin1String("review")) {
                state = services::ReviewService(*session).pass(caseId, QString(), &error);
            } else if (step == QLatin1String("approve")) {
                state = services::DecisionService(*session).approve(caseId, QString(), &error);
            } else if (step == QLatin1String("confirm")) {
                state = life.confirmPledge(caseId, QStringLiteral("核查属实"), &error);
            } else {
                return failed(QStringLiteral("unknown step ") + step);
            }
            if (!state)
                return failed(error);
            return say(QStringLiteral("ok step=") + step);
        }
        if (command == QLatin1String("login-work")) {
            services::IntakeService intake(*session);
            if (!intake.isReady(&error))
                return failed(error);
            const core::Matter* matter = nullptr;
            for (const core::Matter& m : intake.catalog().matters)
                if (!m.instant) {
                    matter = &m;
                    break;
                }
            if (!matter)
                return failed(QStringLiteral("no matter"));
            const auto subject = intake.subject(matter->code);
            QStringList ids;
            for (int i = 0; i < p.value(QStringLiteral("cases")).toInt(); ++i) {
                services::IntakeRequest r;
                r.subjectCode = matter->code;
                const int seed = p.value(QStringLiteral("seed")).toInt() + i;
                r.applicant.idNumber = residentId(seed);
                r.applicant.name = QStringLiteral("申请人%1").arg(seed);
                r.applicant.phone = QStringLiteral("0359-20%1").arg(seed, 5, 10, QLatin1Char('0'));
                r.materials = intake.checklistFor(*subject);
                for (auto& m : r.materials) {
                    m.state = core::MaterialState::Received;
                    m.count = 1;
                }
                const auto state = intake.record(r, &error);
                if (!state)
                    return failed(error);
                ids << state->caseId;
            }
            return say(QStringLiteral("ok cases=") + ids.join(QLatin1Char(',')));
        }
        // forge: an event written straight into this database (valid hash chain), bypassing every
        // service check: --as USERNAME writes it in another user's name (signed with the logged-in
        // user's key), --unsigned leaves it unsigned, --target-user makes a password change for them.
        db::UserRepository users(session->database().sql());
        QString authorId = session->user().id;
        if (p.isSet(QStringLiteral("as"))) {
            const auto as = users.byUsername(p.value(QStringLiteral("as")));
            if (!as)
                return failed(QStringLiteral("no user ") + p.value(QStringLiteral("as")));
            authorId = as->id;
        }
        if (p.isSet(QStringLiteral("unsigned")))
            session->events().setSigner(core::SealKey());
        QCborMap payload{{QStringLiteral("note"), QStringLiteral("forged")}};
        const QString kind = p.value(QStringLiteral("kind"));
        if (p.isSet(QStringLiteral("target-user"))) {
            const auto target = users.byUsername(p.value(QStringLiteral("target-user")));
            if (!target)
                return failed(QStringLiteral("no target user"));
            const QString hash = core::crypto::hashPassword(QStringLiteral("Forged-pass-1"), core::crypto::ScryptParams{1u << 10, 8, 1});
            const QString authKey = core::PasswordAuth::make(QStringLiteral("Forged-pass-1"), core::crypto::ScryptParams{1u << 10, 8, 1});
            // The forger knows the target's hash and auth key (both are in this database), not the
            // old password: the best proof she can make is a signature by a key of her own.
            payload = QCborMap{{QStringLiteral("user_id"), target->id},
                               {QStringLiteral("password_hash"), hash},
                               {QStringLiteral("auth_key"), authKey},
                               {QStringLiteral("proof"), core::PasswordAuth::prove(core::SealKey::generate(), target->id, hash, authKey)}};
        }
        if (kind == core::EventAdmission::passwordResetKind()) {
            // A password reset made at a workstation (the hub's alone): a new password of the forger's
            // choosing for --target-user (or the author).
            const auto target = users.byUsername(p.value(QStringLiteral("target-user")));
            const core::crypto::ScryptParams cheap{1u << 10, 8, 1};
            payload = QCborMap{{QStringLiteral("user_id"), target ? target->id : authorId},
                               {QStringLiteral("auth_key"), core::PasswordAuth::make(QStringLiteral("Forged-pass-1"), cheap)},
                               {QStringLiteral("slot_key"), core::PasswordSlot::make(QStringLiteral("Forged-pass-1"), cheap)},
                               {QStringLiteral("by"), session->user().id}};
        }
        if (kind == core::EventAdmission::keyRegisteredKind()) {
            // A key for another user, signed by itself (their first key already exists).
            const core::SealKey key = core::SealKey::generate();
            session->events().setSigner(key);
            payload = QCborMap{{QStringLiteral("user_id"), authorId},
                               {QStringLiteral("key_id"), key.keyId()},
                               {QStringLiteral("public_key"), key.rawPublicKey()}};
        }
        if (kind == core::SealGrant::signedKind()) {
            // A certificate signed with a seal key of its own making: no grant names it.
            payload = QCborMap{{core::payload::certificateNo, QStringLiteral("JY19999990000001")},
                               {core::payload::documentHash, QString::fromLatin1(QByteArray(64, 'f'))},
                               {QStringLiteral("seal_key_id"), core::SealKey::generate().keyId()},
                               {core::payload::date, clock.now().date().toString(Qt::ISODate)}};
            // With a grant of the hall's key (the hub's): an honest signature's record, in its name.
            if (const auto held = session->heldSealKey(nullptr))
                payload.insert(QStringLiteral("seal_key_id"), held->keyId());
        }
        if (kind == core::SealGrant::grantedKind()) {
            // The forger grants herself a seal key, sealed to her own signing key.
            const core::SealKey seal = core::SealKey::generate();
            const core::SealKey& own = session->events().signer();
            payload = QCborMap{{QStringLiteral("user_id"), authorId},
                               {QStringLiteral("seal_key_id"), seal.keyId()},
                               {QStringLiteral("seal_public_key"), seal.rawPublicKey()},
                               {QStringLiteral("recipient_key_id"), own.keyId()},
                               {QStringLiteral("wrapped"), core::SealGrant::wrap(seal, own.rawPublicKey())}};
        }
        // Straight into the events table: the forger's own projections are not the point.
        session->events().clearProjections();
        db::Transaction tx(session->database().sql());
        if (p.isSet(QStringLiteral("first-key"))) {
            // --first-key: first a key for the author (a user who never logged in), signed by itself,
            // then the event signed with it.
            const core::SealKey key = core::SealKey::generate();
            session->events().setSigner(key);
            if (!session->events().append(QString(), core::EventAdmission::keyRegisteredKind(),
                                          QCborMap{{QStringLiteral("user_id"), authorId},
                                                   {QStringLiteral("key_id"), key.keyId()},
                                                   {QStringLiteral("public_key"), key.rawPublicKey()}},
                                          authorId, &error))
                return failed(error);
        }
        const auto e = session->events().append(p.value(QStringLiteral("case")), kind, payload, authorId, &error);
        if (!e || !tx.commit(&error))
            return failed(error);
        return say(QStringLiteral("ok event=") + e->id.toString(QUuid::WithoutBraces));
    }

    if (command == QLatin1String("file")) {
        // An attached file's bytes as stored here: their size and SHA-256 (absent: not here).
        const auto data = db::AttachmentStore(database->sql()).get(p.value(QStringLiteral("sha")));
        if (!data)
            return say(QStringLiteral("ok absent=1"));
        return say(QStringLiteral("ok size=%1 sha=%2").arg(data->size()).arg(QString::fromLatin1(core::crypto::sha256(*data).toHex())));
    }

    if (command == QLatin1String("numbers")) {
        // Case numbers in this replica (each once?) and the highest number of each kind leased here.
        QSqlQuery q(database->sql());
        if (!q.exec(QStringLiteral("SELECT count(*), count(case_no), count(DISTINCT case_no), "
                                   "(SELECT coalesce(max(block_end), 0) FROM number_blocks WHERE kind = 'case'), "
                                   "(SELECT coalesce(max(block_end), 0) FROM number_blocks WHERE kind = 'certificate') "
                                   "FROM cases"))
            || !q.next())
            return failed(QStringLiteral("cannot read the numbers"));
        return say(QStringLiteral("ok cases=%1 numbered=%2 distinct=%3 case_block_end=%4 certificate_block_end=%5")
                       .arg(q.value(0).toLongLong())
                       .arg(q.value(1).toLongLong())
                       .arg(q.value(2).toLongLong())
                       .arg(q.value(3).toLongLong())
                       .arg(q.value(4).toLongLong()));
    }

    if (command == QLatin1String("status")) {
        // The case as the projection holds it: its status and its decision.
        QSqlQuery q(database->sql());
        q.prepare(QStringLiteral("SELECT status, coalesce(decision, ''), coalesce(waiting_role, '') FROM cases WHERE case_id = ?"));
        q.addBindValue(p.value(QStringLiteral("case")));
        if (!q.exec() || !q.next())
            return failed(QStringLiteral("no such case"));
        return say(QStringLiteral("ok status=%1 decision=%2 waiting=%3")
                       .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString()));
    }

    if (command == QLatin1String("enroll")) {
        const QString hub = p.value(QStringLiteral("hub"));
        sync::SyncClient client(*database, clock);
        if (!client.enroll(hub.section(QLatin1Char(':'), 0, 0), quint16(hub.section(QLatin1Char(':'), 1).toUInt()),
                           p.value(QStringLiteral("code")), &error))
            return failed(error);
        return say(QStringLiteral("ok enrolled"));
    }

    if (command == QLatin1String("sync")) {
        sync::SyncClient client(*database, clock);
        // --stall-at TYPE: at the first reply of that type, say "stalled at TYPE" and wait for a
        // line on stdin (TestSyncFaults kills this process or the hub meanwhile).
        const QString stallAt = p.value(QStringLiteral("stall-at"));
        bool stalled = false;
        if (!stallAt.isEmpty())
            client.setReplyHook([&stalled, stallAt](const QString& type) {
                if (stalled || type != stallAt)
                    return;
                stalled = true;
                say(QStringLiteral("stalled at ") + type);
                QFile in;
                if (in.open(stdin, QIODevice::ReadOnly))
                    in.readLine();
            });
        const int rounds = std::max(1, p.value(QStringLiteral("rounds")).toInt());
        sync::SyncReport total;
        for (int i = 0; i < rounds; ++i) {
            const auto report = client.syncOnce(&error);
            if (!report)
                return failed(error);
            total.pushed += report->pushed;
            total.pulled += report->pulled;
            total.leases += report->leases;
            total.catalogs += report->catalogs;
            total.clockAhead = total.clockAhead || report->clockAhead;
            total.filesSent += report->filesSent;
            total.filesReceived += report->filesReceived;
            total.hubRestored = total.hubRestored || report->hubRestored;
            total.resent += report->resent;
            total.renewed = total.renewed || report->renewed;
            if (!report->renewalError.isEmpty())
                total.renewalError = report->renewalError;
            // --pause-ms: every round, this long apart, on one connection (work goes on meanwhile).
            if (p.isSet(QStringLiteral("pause-ms"))) {
                QThread::msleep(p.value(QStringLiteral("pause-ms")).toULong());
                continue;
            }
            if (report->pushed == 0 && report->pulled == 0 && report->unsent == 0 && i > 0)
                break;
        }
        return say(QStringLiteral("ok pushed=%1 pulled=%2 leases=%3 catalogs=%4 clock_ahead=%5 cursor=%6")
                       .arg(total.pushed)
                       .arg(total.pulled)
                       .arg(total.leases)
                       .arg(total.catalogs)
                       .arg(total.clockAhead ? 1 : 0)
                       .arg(client.cursor())
                   + QStringLiteral(" files_sent=%1 files_received=%2").arg(total.filesSent).arg(total.filesReceived)
                   + QStringLiteral(" restored=%1 resent=%2 unsent=%3")
                         .arg(total.hubRestored ? 1 : 0)
                         .arg(total.resent)
                         .arg(client.unsentCount())
                   + QStringLiteral(" renewed=%1 cert_expires=%2")
                         .arg(total.renewed ? 1 : 0)
                         .arg(client.certificateExpires().toString(Qt::ISODate))
                   + (total.renewalError.isEmpty() ? QString() : QStringLiteral(" renewal_error=") + total.renewalError.simplified().replace(QLatin1Char(' '), QLatin1Char('_'))));
    }

    const QString workstation = database->meta(QStringLiteral("workstation_id"));
    core::User clerk;
    clerk.id = QStringLiteral("clerk-") + workstation;
    clerk.username = clerk.id.toLower();
    clerk.displayName = QStringLiteral("Clerk ") + workstation;
    clerk.roles = core::Role::IntakeClerk | core::Role::Supervisor | core::Role::Approver;
    services::Session session(std::move(database), readKey(dbPath), clerk, clock);

    if (command == QLatin1String("work")) {
        services::IntakeService intake(session);
        if (!intake.isReady(&error))
            return failed(error);
        const core::Matter* matter = nullptr;
        for (const core::Matter& m : intake.catalog().matters)
            if (!m.instant) {
                matter = &m;
                break;
            }
        if (!matter)
            return failed(QStringLiteral("no matter"));
        const auto subject = intake.subject(matter->code);
        const int cases = p.value(QStringLiteral("cases")).toInt();
        const int seed = p.value(QStringLiteral("seed")).toInt();
        QStringList ids;
        QStringList shas;
        for (int i = 0; i < cases; ++i) {
            services::IntakeRequest r;
            r.subjectCode = matter->code;
            r.applicant.idNumber = residentId(seed + i);
            r.applicant.name = QStringLiteral("申请人%1").arg(seed + i);
            r.applicant.phone = QStringLiteral("0359-20%1").arg(seed + i, 5, 10, QLatin1Char('0'));
            r.materials = intake.checklistFor(*subject);
            for (auto& m : r.materials) {
                m.state = core::MaterialState::Received;
                m.count = 1;
            }
            // --scan-bytes N: the first material's scan, N bytes that differ per case.
            const int scanBytes = p.value(QStringLiteral("scan-bytes")).toInt();
            if (scanBytes > 0 && !r.materials.isEmpty()) {
                QByteArray scan(scanBytes, '\0');
                quint32 x = quint32(seed + i) * 2654435761u + 1;
                for (char& c : scan) {
                    x = x * 1664525u + 1013904223u;
                    c = char(x >> 24);
                }
                r.attachments.append({r.materials.first().code, QStringLiteral("scan-%1.pdf").arg(i),
                                      QStringLiteral("application/pdf"), scan});
                shas << QString::fromLatin1(core::crypto::sha256(scan).toHex());
            }
            const auto state = intake.record(r, &error);
            if (!state)
                return failed(error);
            ids << state->caseId;
        }
        return say(QStringLiteral("ok cases=") + ids.join(QLatin1Char(',')) + QStringLiteral(" files=")
                   + shas.join(QLatin1Char(',')));
    }

    if (command == QLatin1String("life-summary")) {
        // The case's life as this replica's projections hold it, on one line.
        const auto s = services::IntakeService(session).caseState(p.value(QStringLiteral("case")));
        if (!s)
            return failed(QStringLiteral("no such case"));
        int owed = 0;
        for (const core::MaterialEntry& m : s->materials)
            owed += m.state == core::MaterialState::Deferred ? 1 : 0;
        QStringList pauses;
        for (const core::ClockPause& c : s->pauses)
            pauses << c.reason + QLatin1Char(':') + c.from.toString(Qt::ISODate) + QLatin1Char('-') + c.until.toString(Qt::ISODate);
        return say(QStringLiteral("ok promised_due=%1 legal_due=%2 extension=%3 owed=%4 owes_core=%5 stopped=%6 pauses=%7 "
                                  "decision=%8 pledge=%9 pledge_due=%10")
                       .arg(s->promisedDue.toString(Qt::ISODate), s->legalDue.toString(Qt::ISODate))
                       .arg(s->extensionDays)
                       .arg(owed)
                       .arg(s->owesCoreMaterial() ? 1 : 0)
                       .arg(s->clockStopped() ? 1 : 0)
                       .arg(pauses.join(QLatin1Char(',')), QString::fromLatin1(s->decision == core::Decision::Approved ? "approved" : s->decision == core::Decision::None ? "none" : "other"),
                            core::toStored(s->verification), s->verificationDue.toString(Qt::ISODate)));
    }

    if (command == QLatin1String("decide")) {
        db::Transaction tx(session.database().sql());
        const auto e = session.events().append(p.value(QStringLiteral("case")), p.value(QStringLiteral("kind")),
                                               QCborMap{{QStringLiteral("note"), QStringLiteral("test")}},
                                               session.user().id, &error);
        if (!e || !tx.commit(&error))
            return failed(error);
        return say(QStringLiteral("ok event=") + e->id.toString(QUuid::WithoutBraces));
    }

    if (command == QLatin1String("conflicts")) {
        services::ConflictService conflicts(session);
        const auto list = conflicts.openConflicts(&error);
        if (!list)
            return failed(error);
        QStringList parts;
        for (const auto& c : *list)
            for (const auto& conflict : c.conflicts)
                if (!conflict.resolved)
                    parts << c.caseId + QLatin1Char('/') + conflict.key + QLatin1Char('/')
                            + conflict.eventIds.join(QLatin1Char('+'));
        return say(QStringLiteral("ok open=") + parts.join(QLatin1Char(',')));
    }

    if (command == QLatin1String("resolve")) {
        services::ConflictService conflicts(session);
        if (!conflicts.resolve(p.value(QStringLiteral("case")), p.value(QStringLiteral("kind")),
                               p.value(QStringLiteral("keep")), QStringLiteral("kept after review"), &error))
            return failed(error);
        return say(QStringLiteral("ok resolved"));
    }
    return failed(QStringLiteral("unknown command ") + command);
}
