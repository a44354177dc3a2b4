// Key slots follow the users table that the hub fills: a user added at the hub logs in offline
// with the password the administrator gave them (a slot sealed to her slot key: no password hash
// travels), a password changed elsewhere replaces the old one, a user disabled at the hub loses
// their slot.
#include "TestSupport.h"

#include "core/Crypto.h"
#include "core/PasswordSlot.h"
#include "db/KeyRing.h"
#include "db/UserRepository.h"
#include "services/AuthService.h"
#include "services/HallService.h"
#include "services/KeySlotService.h"

#include <QCborMap>
#include <QCborValue>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace oneseal;

class TestKeySlotService : public QObject
{
    Q_OBJECT

private slots:
    void slotFromSlotKeyOpensWithThePassword();
    void damagedSlotKeyIsRefused();
    void followsUsersFromTheHub();
    void passwordChangeIsRecordedForTheHub();
    void keyRingNamesTheHallForTheLoginDialog();

private:
    /** Writes a user row as the sync client does with the hub's users snapshot. */
    static void putUser(services::Session& session, const QString& id, const QString& username,
                        const QString& slotKey, bool active);
};

void TestKeySlotService::putUser(services::Session& session, const QString& id, const QString& username,
                                 const QString& slotKey, bool active)
{
    QSqlQuery q(session.database().sql());
    QVERIFY(q.prepare(QStringLiteral("INSERT OR REPLACE INTO users(id, username, display_name, password_hash, roles, "
                                     "active, created_at, updated_at, slot_key) VALUES(?, ?, ?, '', 'intake', ?, "
                                     "'2026-11-27', '2026-11-27', ?)")));
    for (const QVariant& v : QVariantList{id, username, username, active, slotKey})
        q.addBindValue(v);
    QVERIFY2(q.exec(), qPrintable(q.lastQuery()));
}

void TestKeySlotService::slotFromSlotKeyOpensWithThePassword()
{
    QTemporaryDir dir;
    const QByteArray key = core::crypto::randomBytes(32);
    db::KeyRing ring(dir.filePath(QStringLiteral("x.keyring")));
    const QString slotKey = core::PasswordSlot::make(QStringLiteral("窗口 secret 1"), test::fastKdf());
    QVERIFY(ring.setSlotForSlotKey(QStringLiteral("Li.Na"), slotKey, key));
    QString error;
    QVERIFY(ring.save(&error));
    const auto loaded = db::KeyRing::load(ring.path(), &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->unlock(QStringLiteral("li.na"), QStringLiteral("窗口 secret 1")).value_or(QByteArray()), key);
    QVERIFY(!loaded->unlock(QStringLiteral("li.na"), QStringLiteral("窗口 secret 2")));
    QCOMPARE(loaded->slotKeyId(QStringLiteral("LI.NA")), core::PasswordSlot::idOf(slotKey));
    // The file holds neither the database key nor anything that opens it without the password.
    QFile f(ring.path());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(!f.readAll().contains(key));
}

void TestKeySlotService::damagedSlotKeyIsRefused()
{
    const QByteArray key = core::crypto::randomBytes(32);
    db::KeyRing ring;
    QVERIFY(!ring.setSlotForSlotKey(QStringLiteral("a"), QString(), key));
    QVERIFY(!ring.setSlotForSlotKey(QStringLiteral("a"), QStringLiteral("x25519-scrypt$40$8$1$AAAA$BBBB"), key));
    QVERIFY(!ring.setSlotForSlotKey(QStringLiteral("a"), core::crypto::hashPassword(QStringLiteral("pw"), test::fastKdf()), key));
    // A slot key naming a cost below the floor (a cheap guess) is not sealed to.
    const QString weak = core::PasswordSlot::make(QStringLiteral("pw"), test::fastKdf())
                             .replace(QLatin1String("$10$8$"), QLatin1String("$4$8$"));
    QVERIFY(!ring.setSlotForSlotKey(QStringLiteral("a"), weak, key));
    QVERIFY(ring.users().isEmpty());
}

void TestKeySlotService::followsUsersFromTheHub()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        auto admin = hall.login(QStringLiteral("admin"));
        QVERIFY(admin);
        // Nothing to do on a fresh demo hall: every user has a slot made with their password.
        QString error;
        auto none = services::KeySlotService(*admin).reconcile(&error);
        QVERIFY2(none, qPrintable(error));
        QVERIFY2(none->isEmpty(), qPrintable(none->added.join(u',') + none->updated.join(u',')));

        putUser(*admin, id, QStringLiteral("newclerk"), core::PasswordSlot::make(QStringLiteral("first pass 1"), test::fastKdf()),
                true);
        const auto added = services::KeySlotService(*admin).reconcile(&error);
        QVERIFY2(added, qPrintable(error));
        QCOMPARE(added->added, QStringList{QStringLiteral("newclerk")});
        QVERIFY(added->updated.isEmpty() && added->removed.isEmpty());
        // Twice changes nothing.
        QVERIFY(services::KeySlotService(*admin).reconcile(&error)->isEmpty());
    }
    {
        services::AuthService auth(hall.path());
        QString error;
        auto session = auth.login(QStringLiteral("newclerk"), QStringLiteral("first pass 1"), &error);
        QVERIFY2(session, qPrintable(error));
        QCOMPARE(session->user().id, id);
        // A password changed elsewhere (or reset at the hub): the old password stops opening this workstation.
        putUser(*session, id, QStringLiteral("newclerk"), core::PasswordSlot::make(QStringLiteral("second pass 2"), test::fastKdf()),
                true);
        const auto changed = services::KeySlotService(*session).reconcile(&error);
        QVERIFY2(changed, qPrintable(error));
        QCOMPARE(changed->updated, QStringList{QStringLiteral("newclerk")});
    }
    {
        services::AuthService auth(hall.path());
        QString error;
        QVERIFY(!auth.login(QStringLiteral("newclerk"), QStringLiteral("first pass 1"), &error));
        auto session = auth.login(QStringLiteral("newclerk"), QStringLiteral("second pass 2"), &error);
        QVERIFY2(session, qPrintable(error));
    }
    {
        // Disabled at the hub: the slot goes, other users' slots stay.
        auto admin = hall.login(QStringLiteral("admin"));
        QVERIFY(admin);
        putUser(*admin, id, QStringLiteral("newclerk"), core::PasswordSlot::make(QStringLiteral("second pass 2"), test::fastKdf()),
                false);
        QString error;
        const auto removed = services::KeySlotService(*admin).reconcile(&error);
        QVERIFY2(removed, qPrintable(error));
        QCOMPARE(removed->removed, QStringList{QStringLiteral("newclerk")});
        const auto ring = db::KeyRing::load(db::KeyRing::pathFor(hall.path()), &error);
        QVERIFY(ring);
        QVERIFY(!ring->hasSlot(QStringLiteral("newclerk")));
        QVERIFY(ring->hasSlot(QStringLiteral("clerk")) && ring->hasSlot(QStringLiteral("admin")));
    }
    QVERIFY(hall.login(QStringLiteral("clerk")));
}

void TestKeySlotService::passwordChangeIsRecordedForTheHub()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto session = hall.login(QStringLiteral("clerk"));
    QVERIFY(session);
    QString error;
    QVERIFY2(services::AuthService::changePassword(*session, services::HallService::demoPassword(), QStringLiteral("a new one 9"), &error, test::fastKdf()),
             qPrintable(error));
    // No hash is kept here or sent: the event carries the new auth key and slot key (the hub takes them
    // into its users, proved by the old auth key); the slot knows which slot key it matches.
    QSqlQuery q(session->database().sql());
    QVERIFY(q.exec(QStringLiteral("SELECT password_hash, slot_key FROM users WHERE username = 'clerk'")) && q.next());
    QCOMPARE(q.value(0).toString(), QString());
    const QString slotKey = q.value(1).toString();
    QVERIFY(core::PasswordSlot::matches(QStringLiteral("a new one 9"), slotKey));
    const auto events = session->events().unsentEvents(100000);
    bool found = false;
    for (const auto& e : events)
        if (e.kind == QLatin1String("user.password_changed")) {
            const QCborMap p = QCborValue::fromCbor(e.payloadCbor).toMap();
            found = p.value(QStringLiteral("slot_key")).toString() == slotKey && !p.contains(QStringLiteral("password_hash"))
                && !p.value(QStringLiteral("proof")).toByteArray().isEmpty();
        }
    QVERIFY(found);
    const auto ring = db::KeyRing::load(db::KeyRing::pathFor(hall.path()), &error);
    QVERIFY(ring);
    QCOMPARE(ring->slotKeyId(QStringLiteral("clerk")), core::PasswordSlot::idOf(slotKey));
    // The seal's password prompt checks the new password without a hash.
    QVERIFY(services::AuthService::verifyPassword(*session, QStringLiteral("a new one 9")));
    QVERIFY(!services::AuthService::verifyPassword(*session, services::HallService::demoPassword()));
    // And the reconciliation leaves that slot alone.
    QVERIFY(services::KeySlotService(*session).reconcile(&error)->isEmpty());
}

void TestKeySlotService::keyRingNamesTheHallForTheLoginDialog()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    QCOMPARE(services::AuthService::hallNameOf(hall.path()), services::HallService::demoHallName());
    // A key ring written before it carried the name gets it at the next login; its slots stay.
    QString error;
    auto ring = db::KeyRing::load(db::KeyRing::pathFor(hall.path()), &error);
    QVERIFY(ring);
    const QStringList users = ring->users();
    ring->setHallName(QString());
    QVERIFY(ring->save(&error));
    QCOMPARE(services::AuthService::hallNameOf(hall.path()), QString());
    QVERIFY(hall.login(QStringLiteral("clerk")));
    QCOMPARE(services::AuthService::hallNameOf(hall.path()), services::HallService::demoHallName());
    QCOMPARE(db::KeyRing::load(db::KeyRing::pathFor(hall.path()), &error)->users(), users);
    QCOMPARE(services::AuthService::hallNameOf(hall.dir() + QStringLiteral("/nothing.db")), QString());
}

QTEST_GUILESS_MAIN(TestKeySlotService)
#include "TestKeySlotService.moc"
