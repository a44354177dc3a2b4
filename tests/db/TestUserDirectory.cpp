// The hall's user directory as a replica folds it from admitted events (db::UserDirectory), over a real
// database: an administrator's password reset at the hub ends the user's signing keys at its time,
// also a key whose registration (dated before the reset) arrives after it, and moves her auth key on;
// a reset or the hall's first-key switch written at a workstation changes nothing.
#include "core/EventAdmission.h"
#include "core/PasswordAuth.h"
#include "core/PasswordSlot.h"
#include "core/SealKey.h"
#include "db/Database.h"
#include "db/EventStore.h"
#include "db/UserDirectory.h"
#include "db/UserRepository.h"

#include <QCborMap>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;
using core::Event;
using core::EventAdmission;
using core::SealKey;

namespace {
const QDateTime kStart(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
const core::crypto::ScryptParams kCheap{quint64(1) << 10, 8, 1};
} // namespace

class TestUserDirectory : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QString error;
        m_db = db::Database::open(m_dir->filePath(QStringLiteral("ws.db")), core::crypto::randomBytes(32), {true}, &error);
        QVERIFY2(m_db && m_db->migrate(&error), qPrintable(error));
        QVERIFY(m_db->setMeta(db::UserDirectory::legacyHlcKey(), QStringLiteral("0"), &error)); // signed events only
        for (const char* id : {"lina", "old"}) {
            core::User u;
            u.id = u.username = u.displayName = QString::fromLatin1(id);
            u.roles = core::Roles(core::Role::IntakeClerk);
            QVERIFY2(db::UserRepository(m_db->sql()).insert(u, &error), qPrintable(error));
        }
        m_store = std::make_unique<db::EventStore>(*m_db, QStringLiteral("WS-HERE"));
        m_prev.clear();
        m_seq = 0;
    }
    void cleanup()
    {
        m_store.reset();
        m_db.reset();
        m_dir.reset();
    }

    void resetEndsEveryKeyOfBefore()
    {
        SealKey oldAuth, newAuth;
        const QString oldAuthKey = core::PasswordAuth::make(QStringLiteral("first password"), kCheap, &oldAuth);
        const QString newAuthKey = core::PasswordAuth::make(QStringLiteral("set by admin"), kCheap, &newAuth);
        const SealKey k0 = SealKey::generate(), k1 = SealKey::generate(), k2 = SealKey::generate();
        QVERIFY(apply(hubEvent(QStringLiteral("user.created"), QStringLiteral("lina"),
                               QCborMap{{QStringLiteral("user_id"), QStringLiteral("lina")},
                                        {QStringLiteral("username"), QStringLiteral("lina")},
                                        {QStringLiteral("auth_key"), oldAuthKey}},
                               kStart))
                    .isEmpty());
        QVERIFY(apply(registration(QStringLiteral("lina"), k0, k0, &oldAuth, kStart.addSecs(60))).isEmpty());
        // The reset at +2 h, then a rotation k0 -> k1 dated +1 h (a workstation that synced late).
        QVERIFY(apply(hubEvent(EventAdmission::passwordResetKind(), QStringLiteral("lina"),
                               QCborMap{{QStringLiteral("user_id"), QStringLiteral("lina")},
                                        {QStringLiteral("auth_key"), newAuthKey}},
                               kStart.addSecs(7200)))
                    .isEmpty());
        QCOMPARE(db::UserDirectory(m_db->sql()).authKeyOf(QStringLiteral("lina")), newAuthKey);
        QVERIFY(apply(registration(QStringLiteral("lina"), k1, k0, nullptr, kStart.addSecs(3600))).isEmpty());
        // k0 and k1 sign what was recorded before the reset, nothing after it.
        QCOMPARE(apply(work(QStringLiteral("lina"), k1, kStart.addSecs(5400))), QString());
        QVERIFY(apply(work(QStringLiteral("lina"), k1, kStart.addSecs(7300))).contains(QStringLiteral("outside its validity")));
        QVERIFY(apply(work(QStringLiteral("lina"), k0, kStart.addSecs(7300))).contains(QStringLiteral("outside its validity")));
        QVERIFY(!db::UserDirectory(m_db->sql()).keyOfUserAt(QStringLiteral("lina"), QDateTime()));
        // Her next key is a first key: proved by the old password refused, by the reset's admitted.
        QVERIFY(apply(registration(QStringLiteral("lina"), k2, k2, &oldAuth, kStart.addSecs(9000)))
                    .contains(QStringLiteral("without a valid proof")));
        const SealKey k3 = SealKey::generate();
        QCOMPARE(apply(registration(QStringLiteral("lina"), k3, k3, &newAuth, kStart.addSecs(9000))), QString());
        QCOMPARE(apply(work(QStringLiteral("lina"), k3, kStart.addSecs(9100))), QString());
        QCOMPARE(db::UserDirectory(m_db->sql()).keyOfUserAt(QStringLiteral("lina"), QDateTime())->keyId, k3.keyId());
    }

    void onlyTheHubResetsAndSwitches()
    {
        // A hub's hall: its events come first (its administrator's user.created, server number 1).
        QVERIFY(apply(hubEvent(QStringLiteral("user.created"), QStringLiteral("admin"),
                               QCborMap{{QStringLiteral("user_id"), QStringLiteral("admin")},
                                        {QStringLiteral("username"), QStringLiteral("admin")}},
                               kStart.addSecs(-60)))
                    .isEmpty());
        // From a workstation: quarantined, and neither the auth key nor the keys change.
        const SealKey k0 = SealKey::generate();
        QVERIFY(apply(registration(QStringLiteral("old"), k0, k0, nullptr, kStart)).isEmpty()); // the old rule
        Event forged = remote(QStringLiteral("WS-A"), EventAdmission::passwordResetKind(), QStringLiteral("old"),
                              QCborMap{{QStringLiteral("user_id"), QStringLiteral("old")},
                                       {QStringLiteral("auth_key"), core::PasswordAuth::make(QStringLiteral("x"), kCheap)}},
                              kStart.addSecs(60));
        EventAdmission::sign(forged, k0);
        QVERIFY(apply(forged).contains(QStringLiteral("only at the hub")));
        QVERIFY(db::UserDirectory(m_db->sql()).authKeyOf(QStringLiteral("old")).isEmpty());
        QCOMPARE(db::UserDirectory(m_db->sql()).keyOfUserAt(QStringLiteral("old"), QDateTime())->keyId, k0.keyId());
        Event sw = remote(QStringLiteral("WS-A"), EventAdmission::firstKeyProofRequiredKind(), QStringLiteral("old"),
                          QCborMap{}, kStart.addSecs(120));
        EventAdmission::sign(sw, k0);
        QVERIFY(apply(sw).contains(QStringLiteral("only at the hub")));
        QVERIFY(!db::UserDirectory(m_db->sql()).firstKeyProofRequired());
        // The hub's switch: a first key without an auth key is refused from then on.
        QVERIFY(apply(hubEvent(EventAdmission::firstKeyProofRequiredKind(), QStringLiteral("admin"), QCborMap{},
                               kStart.addSecs(180)))
                    .isEmpty());
        QVERIFY(db::UserDirectory(m_db->sql()).firstKeyProofRequired());
        core::User later;
        later.id = later.username = later.displayName = QStringLiteral("later");
        later.roles = core::Roles(core::Role::IntakeClerk);
        QString error;
        QVERIFY(db::UserRepository(m_db->sql()).insert(later, &error));
        const SealKey k1 = SealKey::generate();
        QVERIFY(apply(registration(QStringLiteral("later"), k1, k1, nullptr, kStart.addSecs(240)))
                    .contains(QStringLiteral("without an auth key")));
    }

    // A hall without a hub: its administrator is the directory's authority. Her signed reset counts
    // (the clerk's key ends, the auth key moves on) and the clerk's own "reset" does not (her role).
    void aHallWithoutAHubResetsByItsAdministrator()
    {
        core::User admin;
        admin.id = admin.username = admin.displayName = QStringLiteral("admin");
        admin.roles = core::Roles(core::Role::Administrator);
        QString error;
        QVERIFY(db::UserRepository(m_db->sql()).insert(admin, &error));
        SealKey linaAuth, newAuth;
        const QString linaAuthKey = core::PasswordAuth::make(QStringLiteral("first password"), kCheap, &linaAuth);
        const QString newAuthKey = core::PasswordAuth::make(QStringLiteral("set by admin"), kCheap, &newAuth);
        const QString slotKey = core::PasswordSlot::make(QStringLiteral("set by admin"), kCheap);
        const SealKey a0 = SealKey::generate(), k0 = SealKey::generate(), k1 = SealKey::generate();
        QVERIFY(apply(registration(QStringLiteral("admin"), a0, a0, nullptr, kStart)).isEmpty());
        Event created = remote(QStringLiteral("WS-A"), QStringLiteral("user.created"), QStringLiteral("admin"),
                               QCborMap{{QStringLiteral("user_id"), QStringLiteral("lina")},
                                        {QStringLiteral("username"), QStringLiteral("lina")},
                                        {QStringLiteral("display_name"), QStringLiteral("lina")},
                                        {QStringLiteral("roles"), QStringLiteral("intake")},
                                        {QStringLiteral("auth_key"), linaAuthKey}},
                               kStart.addSecs(30));
        EventAdmission::sign(created, a0);
        QCOMPARE(apply(created), QString());
        QVERIFY(apply(registration(QStringLiteral("lina"), k0, k0, &linaAuth, kStart.addSecs(60))).isEmpty());
        auto reset = [&](const QString& author, const SealKey& signer, const QDateTime& at) {
            Event e = remote(QStringLiteral("WS-A"), EventAdmission::passwordResetKind(), author,
                             QCborMap{{QStringLiteral("user_id"), QStringLiteral("lina")},
                                      {QStringLiteral("auth_key"), newAuthKey},
                                      {QStringLiteral("slot_key"), slotKey},
                                      {QStringLiteral("by"), author}},
                             at);
            EventAdmission::sign(e, signer);
            return e;
        };
        // The clerk resets herself (to a password of her choosing): her role does not allow it.
        QVERIFY(apply(reset(QStringLiteral("lina"), k0, kStart.addSecs(90))).contains(QStringLiteral("role")));
        QCOMPARE(db::UserDirectory(m_db->sql()).authKeyOf(QStringLiteral("lina")), linaAuthKey);
        // The administrator's: counted.
        QCOMPARE(apply(reset(QStringLiteral("admin"), a0, kStart.addSecs(3600))), QString());
        QCOMPARE(db::UserDirectory(m_db->sql()).authKeyOf(QStringLiteral("lina")), newAuthKey);
        QVERIFY(!db::UserDirectory(m_db->sql()).keyOfUserAt(QStringLiteral("lina"), QDateTime()));
        QVERIFY(apply(work(QStringLiteral("lina"), k0, kStart.addSecs(3700))).contains(QStringLiteral("outside its validity")));
        // Her next first key is proved by the password the administrator set.
        QVERIFY(apply(registration(QStringLiteral("lina"), k1, k1, &linaAuth, kStart.addSecs(4000)))
                    .contains(QStringLiteral("without a valid proof")));
        QCOMPARE(apply(registration(QStringLiteral("lina"), k1, k1, &newAuth, kStart.addSecs(4100))), QString());
        QCOMPARE(apply(work(QStringLiteral("lina"), k1, kStart.addSecs(4200))), QString());
    }

private:
    /** Applies one event as a pull does; its quarantine reason (empty: admitted). */
    QString apply(const Event& e)
    {
        QString error;
        db::Transaction tx(m_db->sql());
        const auto result = m_store->applyRemote({e}, &error);
        if (!result || !tx.commit(&error)) {
            qWarning() << error;
            return QStringLiteral("apply failed: ") + error;
        }
        m_prev[e.workstation] = e.hash;
        return m_store->event(e.id)->quarantine;
    }
    Event remote(const QString& workstation, const QString& kind, const QString& userId, const QCborMap& payload,
                 const QDateTime& at)
    {
        Event e;
        e.id = QUuid::createUuid();
        e.kind = kind;
        e.setPayload(payload);
        e.userId = userId;
        e.workstation = workstation;
        e.recordedAt = at;
        e.hlc = quint64(at.toMSecsSinceEpoch()) << 16;
        e.prevHash = m_prev.value(workstation);
        e.serverSeq = ++m_seq;
        e.hash = e.computeHash();
        return e;
    }
    Event hubEvent(const QString& kind, const QString& userId, const QCborMap& payload, const QDateTime& at)
    {
        return remote(EventAdmission::hubWorkstation(), kind, userId, payload, at);
    }
    Event registration(const QString& userId, const SealKey& key, const SealKey& signer, const SealKey* auth,
                       const QDateTime& at)
    {
        QCborMap p{{QStringLiteral("user_id"), userId},
                   {QStringLiteral("key_id"), key.keyId()},
                   {QStringLiteral("public_key"), key.rawPublicKey()}};
        if (auth)
            p.insert(QStringLiteral("auth_proof"), core::PasswordAuth::proveFirstKey(*auth, userId, key.keyId()));
        Event e = remote(QStringLiteral("WS-A"), EventAdmission::keyRegisteredKind(), userId, p, at);
        EventAdmission::sign(e, signer);
        return e;
    }
    Event work(const QString& userId, const SealKey& signer, const QDateTime& at)
    {
        Event e = remote(QStringLiteral("WS-A"), QStringLiteral("note.added"), userId,
                         QCborMap{{QStringLiteral("text"), QStringLiteral("work")}}, at);
        EventAdmission::sign(e, signer);
        return e;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<db::Database> m_db;
    std::unique_ptr<db::EventStore> m_store;
    QHash<QString, QByteArray> m_prev;
    qint64 m_seq = 0;
};

QTEST_GUILESS_MAIN(TestUserDirectory)
#include "TestUserDirectory.moc"
