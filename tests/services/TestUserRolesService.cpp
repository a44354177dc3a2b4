// Changing roles at a standalone hall (services::UserRolesService, `oneseal-admin user-roles`): only
// an administrator; the change is the event user.roles_changed, the users table follows it (the
// next login has the new roles), and the rules read the roles held at each event's time from the
// admitted events (db::UserDirectory::rolesAt), also after the projections are rebuilt.
#include "TestConfig.h"
#include "TestSupport.h"

#include "core/RoleChanges.h"
#include "db/Database.h"
#include "db/EventStore.h"
#include "db/UserDirectory.h"
#include "db/UserRepository.h"
#include "services/AuthService.h"
#include "services/HallService.h"
#include "services/UserRolesService.h"

#include <QProcess>
#include <QSqlQuery>
#include <QTest>

using namespace oneseal;

namespace {
int roleEvents(const QSqlDatabase& db)
{
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT count(*) FROM events WHERE kind = 'user.roles_changed'"));
    return q.next() ? q.value(0).toInt() : -1;
}
/** Runs the built oneseal-admin with the demo password on standard input: exit code and output. */
QPair<int, QString> runAdmin(const QStringList& args)
{
    QProcess p;
    p.setProgram(QStringLiteral(ONESEAL_BINARY_DIR "/app/cli/oneseal-admin"));
    p.setArguments(args);
    p.start();
    if (!p.waitForStarted(10000))
        return {-1, QStringLiteral("did not start")};
    p.write(services::HallService::demoPassword().toUtf8() + "\n");
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        return {-2, QStringLiteral("did not finish")};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError())};
}
} // namespace

class TestUserRolesService : public QObject
{
    Q_OBJECT

private slots:
    void onlyAnAdministratorAndNothingChangesOnARefusal();
    void theChangeCountsFromItsTimeAndTheNextLoginHasIt();
    void commandLine();
};

void TestUserRolesService::onlyAnAdministratorAndNothingChangesOnARefusal()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto clerk = hall.login(QStringLiteral("clerk"));
    auto admin = hall.login(QStringLiteral("admin"));
    QString error;
    QVERIFY(!services::UserRolesService(*clerk).setRoles(QStringLiteral("clerk"), core::Role::Approver, &error));
    QCOMPARE(error, services::Session::refusal(core::Action::ManageUsers));
    services::UserRolesService roles(*admin);
    QVERIFY(!roles.setRoles(QStringLiteral("admin"), core::Role::Supervisor, &error));
    QVERIFY2(error.contains(QStringLiteral("from themselves")), qPrintable(error));
    QVERIFY(!roles.setRoles(QStringLiteral("clerk2"), core::Roles(), &error));
    QVERIFY2(error.contains(QStringLiteral("at least one role")), qPrintable(error));
    QVERIFY(!roles.setRoles(QStringLiteral("nobody"), core::Role::Reviewer, &error));
    QVERIFY2(error.contains(QStringLiteral("nobody")), qPrintable(error));
    const QSqlDatabase db = admin->database().sql();
    QCOMPARE(roleEvents(db), 0);
    QCOMPARE(db::UserRepository(db).byUsername(QStringLiteral("clerk"))->roles, core::Roles(core::Role::IntakeClerk));
    // The same roles again: nothing is recorded.
    QVERIFY2(roles.setRoles(QStringLiteral("clerk2"), core::Role::IntakeClerk, &error), qPrintable(error));
    QCOMPARE(roleEvents(db), 0);
}

void TestUserRolesService::theChangeCountsFromItsTimeAndTheNextLoginHasIt()
{
    core::FixedClock clock(QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC));
    test::TempHall hall(clock);
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto before = hall.login(QStringLiteral("clerk2"));
    QVERIFY(!before->can(core::Action::ReviewCase));
    const QDateTime changedAt = QDateTime(QDate(2026, 3, 3), QTime(10, 0), Qt::UTC);
    clock.set(changedAt);
    services::AuthService auth(hall.path(), clock);
    QString error;
    auto admin = auth.login(QStringLiteral("admin"), services::HallService::demoPassword(), &error);
    QVERIFY2(admin, qPrintable(error));
    QVERIFY2(services::UserRolesService(*admin).setRoles(QStringLiteral("clerk2"),
                                                         core::Role::IntakeClerk | core::Role::Reviewer, &error),
             qPrintable(error));
    const QSqlDatabase db = admin->database().sql();
    QCOMPARE(roleEvents(db), 1);
    // Services refuse by the roles of the session (its login); the next login has the new roles.
    QVERIFY(!before->can(core::Action::ReviewCase));
    auto after = auth.login(QStringLiteral("clerk2"), services::HallService::demoPassword(), &error);
    QVERIFY2(after, qPrintable(error));
    QVERIFY(after->can(core::Action::ReviewCase) && after->can(core::Action::AcceptCase));
    // The history the rules read: the old roles before the change, the new from its time on.
    const QString id = after->user().id;
    auto check = [&](const QSqlDatabase& d) {
        const db::UserDirectory directory(d);
        QCOMPARE(directory.rolesAt(id, changedAt.addSecs(-1)), core::Roles(core::Role::IntakeClerk));
        QCOMPARE(directory.rolesAt(id, changedAt), core::Role::IntakeClerk | core::Role::Reviewer);
        QCOMPARE(directory.rolesAt(id, QDateTime()), core::Role::IntakeClerk | core::Role::Reviewer);
    };
    check(db);
    // Rebuilt from the events, the users table keeps the new roles.
    QVERIFY2(admin->events().rebuildProjections(&error), qPrintable(error));
    QCOMPARE(db::UserRepository(db).byId(id)->roles, core::Role::IntakeClerk | core::Role::Reviewer);
    check(db);
}

// oneseal-admin user-roles: the same service after the administrator's password; a clerk is refused.
void TestUserRolesService::commandLine()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto r = runAdmin({QStringLiteral("user-roles"), QStringLiteral("--db"), hall.path(), QStringLiteral("--as"),
                       QStringLiteral("clerk"), QStringLiteral("--username"), QStringLiteral("clerk"), QStringLiteral("--roles"),
                       QStringLiteral("intake,approval")});
    QVERIFY2(r.first != 0, qPrintable(r.second));
    r = runAdmin({QStringLiteral("user-roles"), QStringLiteral("--db"), hall.path(), QStringLiteral("--as"), QStringLiteral("admin"),
                  QStringLiteral("--username"), QStringLiteral("clerk2"), QStringLiteral("--roles"), QStringLiteral("intake,emperor")});
    QVERIFY2(r.first != 0 && r.second.contains(QStringLiteral("emperor")), qPrintable(r.second));
    QCOMPARE(hall.login(QStringLiteral("clerk2"))->user().roles, core::Roles(core::Role::IntakeClerk));
    r = runAdmin({QStringLiteral("user-roles"), QStringLiteral("--db"), hall.path(), QStringLiteral("--as"), QStringLiteral("admin"),
                  QStringLiteral("--username"), QStringLiteral("clerk2"), QStringLiteral("--roles"), QStringLiteral("intake,review")});
    QVERIFY2(r.first == 0, qPrintable(r.second));
    QCOMPARE(hall.login(QStringLiteral("clerk2"))->user().roles, core::Role::IntakeClerk | core::Role::Reviewer);
    QCOMPARE(hall.login(QStringLiteral("clerk"))->user().roles, core::Roles(core::Role::IntakeClerk));
}

QTEST_GUILESS_MAIN(TestUserRolesService)
#include "TestUserRolesService.moc"
