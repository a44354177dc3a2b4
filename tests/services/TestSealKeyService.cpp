// The seal key (docs/SECURITY.md, "The seal key"): kept only sealed to granted users' signing keys,
// opened only through the role-checked session, granted and revoked by an administrator's events,
// kept across a password change, and an old database's plain key sealed away at the upgrade.
#include "TestSupport.h"

#include "core/CaseState.h"
#include "core/EventAdmission.h"
#include "db/UserDirectory.h"
#include "db/UserRepository.h"
#include "services/AuthService.h"
#include "services/HallService.h"
#include "services/SealKeyService.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace oneseal;

class TestSealKeyService : public QObject
{
    Q_OBJECT

private slots:
    void demoHallIsReady();
    void clerkCannotObtainTheSealKey();
    void grantAndRevokeRoundTrip();
    void revokeNeedsAReasonAndGrantThePassword();
    void certificateSignatureNeedsAGrant();
    void passwordChangeKeepsTheSeal();
    void oldDatabaseIsUpgraded();
};

namespace {
bool databaseHolds(services::Session& session, const QByteArray& secret)
{
    // Every value of every table, as whoever holds the database key would read it.
    QSqlQuery tables(session.database().sql());
    tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
    QStringList names;
    while (tables.next())
        names << tables.value(0).toString();
    for (const QString& table : names) {
        QSqlQuery q(session.database().sql());
        if (!q.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table)))
            continue;
        while (q.next())
            for (int c = 0; c < q.record().count(); ++c) {
                const QByteArray v = q.value(c).toByteArray();
                if (v.contains(secret) || v.contains(secret.toBase64()) || v.contains(secret.toHex()))
                    return true;
            }
    }
    return false;
}
} // namespace

void TestSealKeyService::demoHallIsReady()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto certifier = hall.login(QStringLiteral("certifier"));
    QString error;
    const auto key = certifier->sealKey(&error);
    QVERIFY2(key && key->hasPrivateKey(), qPrintable(error));
    QCOMPARE(certifier->trustedSealKeys().size(), 1);
    QCOMPARE(certifier->trustedSealKeys().first().keyId(), key->keyId());
    QVERIFY(certifier->database().meta(QStringLiteral("seal_private_key")).isEmpty());
}

void TestSealKeyService::clerkCannotObtainTheSealKey()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto clerk = hall.login(QStringLiteral("clerk"));
    QString error;
    QVERIFY(!clerk->sealKey(&error));
    QCOMPARE(error, services::Session::refusal(core::Action::PrintCertificate));
    QVERIFY(!clerk->heldSealKey(&error));
    QVERIFY2(error.contains(QStringLiteral("not been granted")), qPrintable(error));
    // Nor by granting it to herself.
    QVERIFY(!services::SealKeyService(*clerk).grant(QStringLiteral("clerk"), &error));
    QCOMPARE(error, services::Session::refusal(core::Action::ManageUsers));
    // The private seal key is nowhere in the database the clerk's slot opens: not in meta, not in
    // any event or table, in no encoding.
    const auto key = hall.login(QStringLiteral("certifier"))->sealKey(&error);
    QVERIFY2(key, qPrintable(error));
    QVERIFY(!databaseHolds(*clerk, key->rawPrivateKey()));
    QVERIFY(!databaseHolds(*clerk, key->privatePem()));
    QVERIFY(databaseHolds(*clerk, key->rawPublicKey())); // the check itself finds what is there
}

void TestSealKeyService::grantAndRevokeRoundTrip()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto admin = hall.login(QStringLiteral("admin"));
    services::SealKeyService seal(*admin);
    QString error;
    // The approver has never logged in: no signing key to seal it to yet.
    QVERIFY(!seal.grant(QStringLiteral("approver"), &error));
    QVERIFY2(error.contains(QStringLiteral("has not logged in yet")), qPrintable(error));
    QVERIFY(!hall.login(QStringLiteral("approver"))->sealKey(&error));
    QVERIFY2(error.contains(QStringLiteral("not been granted")), qPrintable(error));
    // Neither to a reviewer, nor to nobody.
    hall.login(QStringLiteral("reviewer"));
    QVERIFY(!seal.grant(QStringLiteral("reviewer"), &error));
    QVERIFY2(error.contains(QStringLiteral("only to certificate operators")), qPrintable(error));
    QVERIFY(!seal.grant(QStringLiteral("nobody"), &error));

    QVERIFY2(seal.grant(QStringLiteral("approver"), &error), qPrintable(error));
    QVERIFY(!seal.grant(QStringLiteral("approver"), &error)); // already holds it
    const auto certifierKey = hall.login(QStringLiteral("certifier"))->sealKey(&error);
    QVERIFY2(certifierKey, qPrintable(error));
    auto approver = hall.login(QStringLiteral("approver"));
    auto approverKey = approver->sealKey(&error);
    QVERIFY2(approverKey, qPrintable(error));
    QCOMPARE(approverKey->rawPrivateKey(), certifierKey->rawPrivateKey());
    const qint64 grants = admin->events().count();

    QVERIFY2(seal.revoke(QStringLiteral("approver"), QStringLiteral("moved to another hall"), &error), qPrintable(error));
    QCOMPARE(admin->events().count(), grants + 1);
    QCOMPARE(admin->events().allEvents().last().kind, core::SealGrant::revokedKind());
    QVERIFY(!approver->sealKey(&error));
    QVERIFY2(error.contains(QStringLiteral("not been granted")), qPrintable(error));
    QVERIFY(!seal.revoke(QStringLiteral("approver"), QStringLiteral("moved to another hall"), &error));
    QVERIFY2(error.contains(QStringLiteral("holds no grant")), qPrintable(error));
    // The certificate operator keeps hers; the approver gets it again.
    QVERIFY(hall.login(QStringLiteral("certifier"))->sealKey(&error));
    QVERIFY2(seal.grant(QStringLiteral("approver"), &error), qPrintable(error));
    QVERIFY2(approver->sealKey(&error), qPrintable(error));
}

void TestSealKeyService::revokeNeedsAReasonAndGrantThePassword()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto admin = hall.login(QStringLiteral("admin"));
    hall.login(QStringLiteral("approver"));
    services::SealKeyService seal(*admin);
    const qint64 before = admin->events().count();
    QString error;
    // Revoking: a reason, bounded, without control characters; nothing recorded otherwise.
    QVERIFY(!seal.revoke(QStringLiteral("certifier"), QStringLiteral("   "), &error));
    QVERIFY2(error.contains(QStringLiteral("Give the reason")), qPrintable(error));
    QVERIFY(!seal.revoke(QStringLiteral("certifier"), QString(services::SealKeyService::kMaxReasonLength + 1, QLatin1Char('x')),
                         &error));
    QVERIFY2(error.contains(QStringLiteral("longer than 500")), qPrintable(error));
    QVERIFY(!seal.revoke(QStringLiteral("certifier"), QStringLiteral("bad") + QChar(7) + QStringLiteral("bell"), &error));
    QVERIFY2(error.contains(QStringLiteral("control characters")), qPrintable(error));
    // Granting from the dialog: the administrator's password again.
    QVERIFY(!seal.grant(QStringLiteral("approver"), QStringLiteral("wrong-password"), &error));
    QVERIFY2(error.contains(QStringLiteral("password is wrong")), qPrintable(error));
    QVERIFY(!seal.grant(QStringLiteral("approver"), QString(), &error));
    QCOMPARE(admin->events().count(), before);
    QVERIFY2(seal.grant(QStringLiteral("approver"), services::HallService::demoPassword(), &error), qPrintable(error));
    QCOMPARE(admin->events().count(), before + 1);
    // The overview: the grant listed, in force, by the administrator.
    auto overview = seal.overview(&error);
    QVERIFY2(overview, qPrintable(error));
    QCOMPARE(overview->keys.size(), 1);
    QCOMPARE(overview->grants.first().username, QStringLiteral("approver"));
    QCOMPARE(overview->grants.first().grantedBy, QStringLiteral("admin"));
    QVERIFY(!overview->grants.first().revokedAt.isValid());
    QVERIFY2(seal.revoke(QStringLiteral("approver"), QStringLiteral("  moved  "), &error), qPrintable(error));
    overview = seal.overview(&error);
    QVERIFY(overview->grants.first().revokedAt.isValid());
    QCOMPARE(overview->grants.first().reason, QStringLiteral("moved"));
    QCOMPARE(overview->grants.first().revokedBy, QStringLiteral("admin"));
    // A clerk sees none of it.
    QVERIFY(!services::SealKeyService(*hall.login(QStringLiteral("clerk"))).overview(&error));
    QCOMPARE(error, services::Session::refusal(core::Action::ManageUsers));
}

void TestSealKeyService::certificateSignatureNeedsAGrant()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto certifier = hall.login(QStringLiteral("certifier"));
    QString error;
    const auto key = certifier->sealKey(&error);
    QVERIFY2(key, qPrintable(error));
    core::Event e;
    e.kind = core::SealGrant::signedKind();
    e.userId = certifier->user().id;
    e.caseId = QStringLiteral("case-1");
    e.recordedAt = QDateTime::currentDateTimeUtc();
    e.setPayload(QCborMap{{core::payload::certificateNo, QStringLiteral("JY1")},
                          {core::payload::documentHash, QStringLiteral("00")},
                          {QStringLiteral("seal_key_id"), key->keyId()}});
    QVERIFY(core::EventAdmission::checkSealEvent(e, db::UserDirectory(certifier->database().sql())).isEmpty());
    // Another seal key (one the hall never granted): refused.
    core::Event other = e;
    other.setPayload(QCborMap{{QStringLiteral("seal_key_id"), core::SealKey::generate().keyId()}});
    QVERIFY(core::EventAdmission::checkSealEvent(other, db::UserDirectory(certifier->database().sql()))
                .contains(QStringLiteral("without a grant")));
    // After the revocation, the same signature is refused.
    QTest::qWait(5);
    auto admin = hall.login(QStringLiteral("admin"));
    QVERIFY2(services::SealKeyService(*admin).revoke(QStringLiteral("certifier"), QStringLiteral("left the hall"), &error), qPrintable(error));
    e.recordedAt = QDateTime::currentDateTimeUtc().addSecs(1);
    QVERIFY(core::EventAdmission::checkSealEvent(e, db::UserDirectory(certifier->database().sql()))
                .contains(QStringLiteral("without a grant")));
}

void TestSealKeyService::passwordChangeKeepsTheSeal()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto certifier = hall.login(QStringLiteral("certifier"));
    QString error;
    const auto before = certifier->sealKey(&error);
    QVERIFY2(before, qPrintable(error));
    const QString newPassword = QStringLiteral("Seal-holder-2026");
    QVERIFY2(services::AuthService::changePassword(*certifier, services::HallService::demoPassword(), newPassword,
                                                   &error, test::fastKdf()),
             qPrintable(error));
    QVERIFY2(certifier->sealKey(&error), qPrintable(error));
    certifier.reset();
    auto again = services::AuthService(hall.path()).login(QStringLiteral("certifier"), newPassword, &error);
    QVERIFY2(again, qPrintable(error));
    const auto after = again->sealKey(&error);
    QVERIFY2(after, qPrintable(error));
    QCOMPARE(after->rawPrivateKey(), before->rawPrivateKey());
}

void TestSealKeyService::oldDatabaseIsUpgraded()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    // A database from before grants: the seal key in plain in meta.
    const core::SealKey old = core::SealKey::generate();
    QString error;
    {
        auto clerk = hall.login(QStringLiteral("clerk"));
        QVERIFY(clerk->database().setMeta(QStringLiteral("seal_private_key"), QString::fromLatin1(old.privatePem()),
                                          &error));
    }
    // A certificate operator's login does not take it (only the sealed grants count) ...
    auto certifier = hall.login(QStringLiteral("certifier"));
    QVERIFY(certifier->sealKey(&error)->keyId() != old.keyId());
    // ... an administrator's login seals it to the certificate operators and removes the plain copy.
    auto admin = hall.login(QStringLiteral("admin"));
    QVERIFY(admin->database().meta(QStringLiteral("seal_private_key")).isEmpty());
    QVERIFY(!databaseHolds(*admin, old.rawPrivateKey()));
    const auto upgraded = certifier->sealKey(&error);
    QVERIFY2(upgraded, qPrintable(error));
    QCOMPARE(upgraded->keyId(), old.keyId()); // the newest grant
    QCOMPARE(upgraded->rawPrivateKey(), old.rawPrivateKey());
    QVERIFY(!hall.login(QStringLiteral("clerk"))->heldSealKey(&error));
    bool trusted = false;
    for (const core::SealKey& k : certifier->trustedSealKeys())
        trusted |= k.keyId() == old.keyId();
    QVERIFY(trusted);
}

QTEST_GUILESS_MAIN(TestSealKeyService)
#include "TestSealKeyService.moc"
