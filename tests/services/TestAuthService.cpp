#include "TestSupport.h"

#include "core/EventAdmission.h"
#include "db/Database.h"
#include "db/EventStore.h"
#include "db/KeyRing.h"
#include "db/UserDirectory.h"
#include "db/UserRepository.h"
#include "services/AuthService.h"
#include "services/HallService.h"

#include <QCborMap>
#include <QCborValue>
#include <QFile>
#include <QTest>

using namespace oneseal;

namespace {
QCborMap keyRingSlots(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCborValue::fromCbor(f.readAll()).toMap().value(QStringLiteral("slots")).toMap();
}
const QString kPassword = services::HallService::demoPassword();
} // namespace

class TestAuthService : public QObject
{
    Q_OBJECT

private slots:
    void everyDemoUserLogsInWithTheirRoles();
    void wrongPasswordAndUnknownUser();
    void fiveWrongPasswordsMakeTheNextTryWait();
    void throttleSurvivesRestartAndGuardsTheSealPassword();
    void changePasswordRewrapsOnlyThatSlot();
    void aKeyReplacedSinceLoginSignsNothing();
    void administratorResetsAForgottenPassword();
    void addUserNeedsAdministrator();
    void addUserRefusesBadInputAndChangesNothing_data();
    void addUserRefusesBadInputAndChangesNothing();
    void recoverKeyIsForAdministratorsOnly();
    void createHallRefusesExistingDatabase();
    void aHallWithoutAHubSignsEveryEvent();
    void noKeyRingMeansNoHall();
};

void TestAuthService::everyDemoUserLogsInWithTheirRoles()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    for (const auto& demo : services::HallService::demoUsers()) {
        auto session = hall.login(demo.username);
        QVERIFY2(session, qPrintable(demo.username));
        QCOMPARE(session->user().username, demo.username);
        QCOMPARE(session->user().roles, demo.roles);
        QCOMPARE(session->workstation(), QStringLiteral("WS-DEMO-01"));
        QCOMPARE(session->hallName(), services::HallService::demoHallName());
        // A workstation keeps no password hash; the public keys of the password are there instead.
        QCOMPARE(session->user().passwordHash, QString());
        QVERIFY(session->user().slotKey.startsWith(QLatin1String("x25519-scrypt$")));
        QVERIFY(!session->user().slotKey.contains(kPassword) && !session->user().authKey.contains(kPassword));
        QVERIFY(services::AuthService::verifyPassword(*session, kPassword));
    }
}

void TestAuthService::wrongPasswordAndUnknownUser()
{
    test::TempHall hall;
    services::AuthService auth(hall.path());
    QString error;
    QVERIFY(!auth.login(QStringLiteral("clerk"), QStringLiteral("wrong-password"), &error));
    QCOMPARE(error, QStringLiteral("The user name or the password is wrong."));
    error.clear();
    QVERIFY(!auth.login(QStringLiteral("nobody"), kPassword, &error));
    QCOMPARE(error, QStringLiteral("The user name or the password is wrong."));
    QVERIFY(!auth.login(QString(), QString(), &error));
    QVERIFY(error.contains(QLatin1String("Enter")));
    QVERIFY(auth.login(QStringLiteral("CLERK"), kPassword, &error)); // user names ignore case
}

void TestAuthService::fiveWrongPasswordsMakeTheNextTryWait()
{
    test::TempHall hall;
    core::FixedClock clock(QDateTime(QDate(2026, 11, 26), QTime(9, 0), Qt::UTC));
    services::AuthService auth(hall.path(), clock);
    QString error;
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(auth.secondsToWait(), 0);
        QVERIFY(!auth.login(QStringLiteral("clerk"), QStringLiteral("guess%1").arg(i), &error));
    }
    QVERIFY(auth.secondsToWait() > 0);
    // Even the right password is refused while the wait runs.
    QVERIFY(!auth.login(QStringLiteral("clerk"), kPassword, &error));
    QVERIFY2(error.contains(QLatin1String("Try again in")), qPrintable(error));
    clock.advanceMs(qint64(auth.secondsToWait()) * 1000);
    QCOMPARE(auth.secondsToWait(), 0);
    QVERIFY(auth.login(QStringLiteral("clerk"), kPassword, &error));
    QCOMPARE(auth.secondsToWait(), 0);
}

void TestAuthService::throttleSurvivesRestartAndGuardsTheSealPassword()
{
    test::TempHall hall;
    core::FixedClock clock(QDateTime(QDate(2026, 11, 26), QTime(9, 0), Qt::UTC));
    QString error;
    {
        services::AuthService auth(hall.path(), clock);
        for (int i = 0; i < 5; ++i)
            QVERIFY(!auth.login(QStringLiteral("clerk"), QStringLiteral("guess%1").arg(i), &error));
    }
    // A restart (a new service, as a new process would make) still makes the next try wait.
    services::AuthService restarted(hall.path(), clock);
    QVERIFY(restarted.secondsToWait() > 0);
    QVERIFY(!restarted.login(QStringLiteral("clerk"), kPassword, &error));
    QVERIFY2(error.contains(QLatin1String("Try again in")), qPrintable(error));
    clock.advanceMs(qint64(restarted.secondsToWait()) * 1000);
    auto session = restarted.login(QStringLiteral("approver"), kPassword, &error);
    QVERIFY2(session, qPrintable(error));
    // Guessing at the seal's password prompt counts the same: after five wrong ones, even the right
    // password is refused there and at the login, across a restart.
    for (int i = 0; i < 5; ++i)
        QVERIFY(!services::AuthService::verifyPassword(*session, QStringLiteral("seal-guess%1").arg(i)));
    QVERIFY(services::AuthService::secondsToWait(*session) > 0);
    QVERIFY(!services::AuthService::verifyPassword(*session, kPassword));
    QVERIFY(services::AuthService(hall.path(), clock).secondsToWait() > 0);
    // A damaged throttle file is not a way around it.
    clock.advanceMs(3600 * 1000);
    QCOMPARE(services::AuthService(hall.path(), clock).secondsToWait(), 0);
    QFile f(hall.path() + QStringLiteral(".throttle"));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("{damaged");
    f.close();
    QVERIFY(services::AuthService(hall.path(), clock).secondsToWait() > 0);
}

void TestAuthService::changePasswordRewrapsOnlyThatSlot()
{
    test::TempHall hall;
    const QString ringPath = db::KeyRing::pathFor(hall.path());
    const QCborMap before = keyRingSlots(ringPath);
    auto session = hall.login(QStringLiteral("clerk"));
    QVERIFY(session);
    QString error;
    QVERIFY(!services::AuthService::changePassword(*session, QStringLiteral("not-it"), QStringLiteral("new-pass-123"),
                                                   &error, test::fastKdf()));
    QCOMPARE(keyRingSlots(ringPath), before);
    QVERIFY(!services::AuthService::changePassword(*session, kPassword, QStringLiteral("short"), &error,
                                                   test::fastKdf()));
    QCOMPARE(keyRingSlots(ringPath), before);
    QVERIFY2(services::AuthService::changePassword(*session, kPassword, QStringLiteral("new-pass-123"), &error,
                                                   test::fastKdf()),
             qPrintable(error));
    const QCborMap after = keyRingSlots(ringPath);
    QVERIFY(after.value(QStringLiteral("clerk")) != before.value(QStringLiteral("clerk")));
    for (const auto& demo : services::HallService::demoUsers())
        if (demo.username != QLatin1String("clerk"))
            QCOMPARE(after.value(demo.username), before.value(demo.username));
    session.reset();

    services::AuthService auth(hall.path());
    QVERIFY(!auth.login(QStringLiteral("clerk"), kPassword, &error));
    auto again = auth.login(QStringLiteral("clerk"), QStringLiteral("new-pass-123"), &error);
    QVERIFY(again);
    QVERIFY(services::AuthService::verifyPassword(*again, QStringLiteral("new-pass-123")));
    QVERIFY(!services::AuthService::verifyPassword(*again, kPassword));
    bool logged = false;
    for (const auto& e : again->events().allEvents())
        logged = logged || (e.kind == QLatin1String("user.password_changed") && e.userId == again->user().id);
    QVERIFY(logged);
}

void TestAuthService::aKeyReplacedSinceLoginSignsNothing()
{
    // Her second window (or a workstation a sync brought her change to) still holds the key her
    // password opened at login; once the directory here has ended it, it signs nothing more: every
    // replica would quarantine what it signed while this one folded it.
    test::TempHall hall; // the approver signs in the demo hall (she may hold the seal)
    auto first = hall.login(QStringLiteral("approver"));
    auto second = hall.login(QStringLiteral("approver"));
    QVERIFY(first && second);
    QVERIFY(first->events().signer().hasPrivateKey());
    auto append = [](services::Session& s, QString* error) {
        db::Transaction tx(s.database().sql());
        const auto e = s.events().append(QString(), QStringLiteral("note.test"), QCborMap{{QStringLiteral("n"), 1}},
                                         s.user().id, error);
        return e.has_value() && tx.commit(error);
    };
    QString error;
    QVERIFY2(append(*first, &error), qPrintable(error)); // the control: her key signs while it is current
    QVERIFY2(services::AuthService::changePassword(*second, kPassword, QStringLiteral("new-pass-123"), &error,
                                                   test::fastKdf()),
             qPrintable(error));
    const qsizetype events = first->events().allEvents().size();
    QVERIFY(!append(*first, &error));
    QVERIFY2(error.contains(QLatin1String("replaced")), qPrintable(error));
    QCOMPARE(first->events().allEvents().size(), events);
    QVERIFY2(append(*second, &error), qPrintable(error)); // the new key signs
}

void TestAuthService::administratorResetsAForgottenPassword()
{
    // A hall without a hub: the approver forgot her password; the administrator sets a new one. Her
    // signing key ends, her key slot opens with the new password only, she changes it at her next
    // login and signs with a new first key proved by it.
    test::TempHall hall;
    const QString ringPath = db::KeyRing::pathFor(hall.path());
    QString oldKeyId;
    {
        auto approver = hall.login(QStringLiteral("approver"));
        QVERIFY(approver && approver->events().signer().hasPrivateKey());
        oldKeyId = approver->events().signer().keyId();
    }
    const QString newPassword = QStringLiteral("Reset-pass-2026");
    QString error;
    {
        auto clerk = hall.login(QStringLiteral("clerk"));
        QVERIFY(!services::AuthService::resetPassword(*clerk, QStringLiteral("approver"), newPassword, &error,
                                                      test::fastKdf()));
    }
    auto admin = hall.login(QStringLiteral("admin"));
    QVERIFY(admin);
    const QCborMap slotsBefore = keyRingSlots(ringPath);
    const qsizetype eventsBefore = admin->events().allEvents().size();
    // Bad input, one's own account: refused, nothing changed.
    for (const auto& [user, password] : {std::pair{QStringLiteral("approver"), QStringLiteral("short")},
                                         std::pair{QStringLiteral("nobody"), newPassword},
                                         std::pair{QStringLiteral("admin"), newPassword}}) {
        QVERIFY(!services::AuthService::resetPassword(*admin, user, password, &error, test::fastKdf()));
        QVERIFY(!error.isEmpty());
    }
    QCOMPARE(keyRingSlots(ringPath), slotsBefore);
    QCOMPARE(admin->events().allEvents().size(), eventsBefore);

    const auto reset = services::AuthService::resetPassword(*admin, QStringLiteral("approver"), newPassword, &error,
                                                            test::fastKdf());
    QVERIFY2(reset, qPrintable(error));
    QCOMPARE(reset->username, QStringLiteral("approver"));
    QCOMPARE(admin->events().allEvents().size(), eventsBefore + 1);
    QVERIFY(!db::UserDirectory(admin->database().sql()).keyOfUserAt(QStringLiteral("approver"), QDateTime()));
    admin.reset();

    services::AuthService auth(hall.path());
    QVERIFY(!auth.login(QStringLiteral("approver"), kPassword, &error)); // the old password opens nothing
    auto session = auth.login(QStringLiteral("approver"), newPassword, &error);
    QVERIFY2(session, qPrintable(error));
    QVERIFY(session->user().mustChange);
    QVERIFY(!session->events().signer().hasPrivateKey());
    QVERIFY2(services::AuthService::changePassword(*session, newPassword, QStringLiteral("Her-own-2026"), &error,
                                                   test::fastKdf()),
             qPrintable(error));
    session.reset();
    // Her new key (this demo hall signs the events of those who may hold the seal): made now, current.
    auto again = auth.login(QStringLiteral("approver"), QStringLiteral("Her-own-2026"), &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(!again->user().mustChange);
    QVERIFY(again->events().signer().hasPrivateKey());
    const auto current = db::UserDirectory(again->database().sql()).keyOfUserAt(again->user().id, QDateTime());
    QVERIFY(current && current->keyId == again->events().signer().keyId() && current->keyId != oldKeyId);
}

void TestAuthService::addUserNeedsAdministrator()
{
    test::TempHall hall;
    auto clerk = hall.login(QStringLiteral("clerk"));
    QString error;
    QVERIFY(!services::AuthService::addUser(*clerk, QStringLiteral("newbie"), QStringLiteral("新人"),
                                            core::Role::IntakeClerk, QStringLiteral("password-1"), &error,
                                            test::fastKdf()));
    QVERIFY(error.contains(QLatin1String("role does not allow")));
    auto admin = hall.login(QStringLiteral("admin"));
    QVERIFY2(services::AuthService::addUser(*admin, QStringLiteral("newbie"), QStringLiteral("新人"),
                                            core::Role::IntakeClerk | core::Role::Reviewer,
                                            QStringLiteral("password-1"), &error, test::fastKdf()),
             qPrintable(error));
    services::AuthService auth(hall.path());
    auto newbie = auth.login(QStringLiteral("newbie"), QStringLiteral("password-1"), &error);
    QVERIFY(newbie);
    QCOMPARE(newbie->user().roles, core::Role::IntakeClerk | core::Role::Reviewer);
    QCOMPARE(newbie->user().displayName, QStringLiteral("新人"));
}

void TestAuthService::addUserRefusesBadInputAndChangesNothing_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("roles");
    QTest::addColumn<QString>("message");
    const int clerk = int(core::Role::IntakeClerk);
    QTest::newRow("empty user name") << QString() << "名" << "password-1" << clerk << "Enter a user name.";
    QTest::newRow("SQL quote") << "x'; DROP TABLE users; --" << "名" << "password-1" << clerk << "2 to 32";
    QTest::newRow("emoji user name") << QStringLiteral("clerk😀") << "名" << "password-1" << clerk << "2 to 32";
    QTest::newRow("10,000-character name") << "longname" << QString(10000, QLatin1Char('n')) << "password-1" << clerk
                                           << "at most 64";
    QTest::newRow("control character") << "ctrl" << QStringLiteral("a\x01b") << "password-1" << clerk << "control";
    QTest::newRow("short password") << "shorty" << "名" << "1234" << clerk << "at least 8";
    QTest::newRow("no role") << "norole" << "名" << "password-1" << 0 << "at least one role";
    QTest::newRow("taken") << "CLERK" << "名" << "password-1" << clerk << "is taken";
}

void TestAuthService::addUserRefusesBadInputAndChangesNothing()
{
    QFETCH(QString, username);
    QFETCH(QString, name);
    QFETCH(QString, password);
    QFETCH(int, roles);
    QFETCH(QString, message);
    test::TempHall hall;
    auto admin = hall.login(QStringLiteral("admin"));
    const QByteArray ringBefore = test::fileHash(db::KeyRing::pathFor(hall.path()));
    const qint64 eventsBefore = admin->events().count();
    const int usersBefore = int(db::UserRepository(admin->database().sql()).all().size());
    QString error;
    QVERIFY(!services::AuthService::addUser(*admin, username, name, core::Roles(core::Role(roles)), password, &error,
                                            test::fastKdf()));
    QVERIFY2(error.contains(message), qPrintable(error));
    QCOMPARE(test::fileHash(db::KeyRing::pathFor(hall.path())), ringBefore);
    QCOMPARE(admin->events().count(), eventsBefore);
    QCOMPARE(int(db::UserRepository(admin->database().sql()).all().size()), usersBefore);
}

void TestAuthService::recoverKeyIsForAdministratorsOnly()
{
    test::TempHall hall;
    QString error;
    QVERIFY(!services::AuthService::recoverKey(hall.path(), QStringLiteral("clerk"), kPassword, &error));
    QVERIFY(!services::AuthService::recoverKey(hall.path(), QStringLiteral("admin"), QStringLiteral("nope-nope"), &error));
    const auto key = services::AuthService::recoverKey(hall.path(), QStringLiteral("admin"), kPassword, &error);
    QVERIFY(key);
    QCOMPARE(key->size(), 32);
    auto database = db::Database::open(hall.path(), *key, {}, &error);
    QVERIFY2(database, qPrintable(error));
    QCOMPARE(db::UserRepository(database->sql()).all().size(), services::HallService::demoUsers().size());
}

void TestAuthService::createHallRefusesExistingDatabase()
{
    test::TempHall hall;
    const QByteArray before = test::fileHash(hall.path());
    services::HallSetup setup;
    setup.databasePath = hall.path();
    setup.hallName = QStringLiteral("另一个局");
    setup.adminUsername = QStringLiteral("admin");
    setup.adminPassword = QStringLiteral("password-1");
    setup.kdf = test::fastKdf();
    QString error;
    QVERIFY(!services::HallService::createHall(setup, &error));
    QVERIFY(error.contains(QLatin1String("already exists")));
    QCOMPARE(test::fileHash(hall.path()), before);
}

void TestAuthService::aHallWithoutAHubSignsEveryEvent()
{
    // A standalone hall (the demo) switches signing on at its creation: its legacy point is the first
    // administrator's creation, and every later event is signed by its author's key, made at the
    // author's first login (docs/SECURITY.md, "Legacy").
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    for (const auto& demo : services::HallService::demoUsers()) {
        auto session = hall.login(demo.username);
        QVERIFY2(session, qPrintable(demo.username));
        QVERIFY2(session->events().signer().hasPrivateKey(), qPrintable(demo.username));
        QString error;
        db::Transaction tx(session->database().sql());
        QVERIFY2(session->events().append(QString(), QStringLiteral("test.signed"), QCborMap{}, session->user().id, &error),
                 qPrintable(error));
        QVERIFY2(tx.commit(&error), qPrintable(error));
    }
    auto admin = hall.login(QStringLiteral("admin"));
    QVERIFY(admin);
    const QSqlDatabase sql = admin->database().sql();
    const quint64 legacy = db::UserDirectory::legacyHlc(sql);
    QVERIFY(legacy != core::EventAdmission::kAllUnsigned);
    const db::UserDirectory directory(sql);
    int unsignedEvents = 0, signedEvents = 0, tests = 0;
    for (const core::Event& e : admin->events().allEvents()) {
        if (e.signature.isEmpty()) {
            // Only the first administrator's creation, at the legacy point itself.
            QCOMPARE(e.kind, QStringLiteral("user.created"));
            QCOMPARE(e.hlc, legacy);
            ++unsignedEvents;
            continue;
        }
        const auto key = directory.key(e.keyId);
        QVERIFY2(key, qPrintable(e.kind));
        QCOMPARE(key->userId, e.userId);
        QVERIFY2(core::EventAdmission::verify(e, key->publicKey), qPrintable(e.kind));
        ++signedEvents;
        if (e.kind == QLatin1String("test.signed")) {
            QCOMPARE(core::EventAdmission::check(e, directory, legacy, false), QString());
            ++tests;
        }
    }
    QCOMPARE(unsignedEvents, 1);
    QCOMPARE(tests, services::HallService::demoUsers().size());
    QVERIFY(signedEvents > tests);
    // An event written into the chain without a signature (by whoever holds the database key) is
    // refused by the rules every replica runs.
    core::Event forged = admin->events().allEvents().constLast();
    forged.hlc = legacy + 1000;
    forged.signature.clear();
    forged.keyId.clear();
    QCOMPARE(core::EventAdmission::check(forged, directory, legacy, false),
             QStringLiteral("unsigned event after signing was switched on"));
}

void TestAuthService::noKeyRingMeansNoHall()
{
    test::TempHall hall;
    QVERIFY(QFile::remove(db::KeyRing::pathFor(hall.path())));
    services::AuthService auth(hall.path());
    QString error;
    QVERIFY(!auth.login(QStringLiteral("admin"), kPassword, &error));
    QVERIFY2(error.contains(QLatin1String("key ring")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestAuthService)
#include "TestAuthService.moc"
