#include "core/Crypto.h"
#include "core/PasswordAuth.h"
#include "core/PasswordSlot.h"

#include <QCborMap>
#include <QTest>

using namespace oneseal::core;

class TestCrypto : public QObject
{
    Q_OBJECT

private slots:
    void aeadRoundTrip();
    void aeadRejectsTampering();
    void aeadRejectsWrongKeyAndAad();
    void scryptIsDeterministicPerSalt();
    void passwordHash();
    void passwordHashRejectsMalformed_data();
    void passwordHashRejectsMalformed();
    void scryptCostIsBoundedBothWays_data();
    void scryptCostIsBoundedBothWays();
    void passwordAuthProvesTheOldPassword();
    void slotKeySealsToThePasswordOnly();
    void slotKeyCostIsBounded();
    void passwordChangeWithoutHashAndFirstKeyProof();
};

namespace {
crypto::ScryptParams cheap()
{
    crypto::ScryptParams p;
    p.n = 1u << 10;
    return p;
}
} // namespace

void TestCrypto::aeadRoundTrip()
{
    const QByteArray key = crypto::randomBytes(32);
    const QByteArray plain("受理通知书 — 25 bytes or so");
    const QByteArray sealed = crypto::aeadEncrypt(key, plain, "aad");
    QCOMPARE(sealed.size(), plain.size() + 12 + 16);
    QVERIFY(!sealed.contains(plain));
    const auto opened = crypto::aeadDecrypt(key, sealed, "aad");
    QVERIFY(opened.has_value());
    QCOMPARE(*opened, plain);
    // Two encryptions of the same text differ (random nonce).
    QVERIFY(crypto::aeadEncrypt(key, plain, "aad") != sealed);
}

void TestCrypto::aeadRejectsTampering()
{
    const QByteArray key = crypto::randomBytes(32);
    const QByteArray sealed = crypto::aeadEncrypt(key, QByteArray(64, 'x'));
    for (int i = 0; i < sealed.size(); i += 7) {
        QByteArray bad = sealed;
        bad[i] = char(bad[i] ^ 0x01);
        QVERIFY2(!crypto::aeadDecrypt(key, bad).has_value(), qPrintable(QString::number(i)));
    }
    QVERIFY(!crypto::aeadDecrypt(key, sealed.left(20)).has_value());
}

void TestCrypto::aeadRejectsWrongKeyAndAad()
{
    const QByteArray key = crypto::randomBytes(32);
    const QByteArray sealed = crypto::aeadEncrypt(key, "secret", "user:a");
    QVERIFY(!crypto::aeadDecrypt(crypto::randomBytes(32), sealed, "user:a").has_value());
    QVERIFY(!crypto::aeadDecrypt(key, sealed, "user:b").has_value());
    QVERIFY(crypto::aeadEncrypt(QByteArray(16, 'k'), "x").isEmpty());
}

void TestCrypto::scryptIsDeterministicPerSalt()
{
    const QByteArray salt = crypto::randomBytes(16);
    const QByteArray a = crypto::scrypt(QStringLiteral("密码pass"), salt, cheap());
    QCOMPARE(a.size(), 32);
    QCOMPARE(crypto::scrypt(QStringLiteral("密码pass"), salt, cheap()), a);
    QVERIFY(crypto::scrypt(QStringLiteral("密码pasS"), salt, cheap()) != a);
    QVERIFY(crypto::scrypt(QStringLiteral("密码pass"), crypto::randomBytes(16), cheap()) != a);
}

void TestCrypto::passwordHash()
{
    const QString h = crypto::hashPassword(QStringLiteral("correct horse"), cheap());
    QVERIFY(h.startsWith(QLatin1String("scrypt$10$8$1$")));
    QVERIFY(!h.contains(QLatin1String("correct")));
    QVERIFY(crypto::verifyPassword(QStringLiteral("correct horse"), h));
    QVERIFY(!crypto::verifyPassword(QStringLiteral("correct horsE"), h));
    QVERIFY(!crypto::verifyPassword(QString(), h));
    QVERIFY(crypto::hashPassword(QStringLiteral("correct horse"), cheap()) != h); // salted
}

void TestCrypto::passwordHashRejectsMalformed_data()
{
    QTest::addColumn<QString>("encoded");
    QTest::newRow("empty") << QString();
    QTest::newRow("plain text") << QStringLiteral("correct horse");
    QTest::newRow("wrong scheme") << QStringLiteral("md5$10$8$1$AAAA$BBBB");
    QTest::newRow("huge cost") << QStringLiteral("scrypt$40$8$1$AAAA$BBBB");
    QTest::newRow("missing part") << QStringLiteral("scrypt$10$8$1$AAAA");
}

void TestCrypto::passwordHashRejectsMalformed()
{
    QFETCH(QString, encoded);
    QVERIFY(!crypto::verifyPassword(QStringLiteral("correct horse"), encoded));
}

// New hashes cost N = 2^17; a record naming a weaker cost (cheap to guess) or a larger one (minutes
// or gigabytes at every login) is refused by the parser. (The suite runs with ONESEAL_TEST_WEAK_KDF,
// whose floor is 2^10 instead of 2^15, for its cheap test hashes.)
void TestCrypto::scryptCostIsBoundedBothWays_data()
{
    QTest::addColumn<int>("log2n");
    QTest::addColumn<int>("r");
    QTest::addColumn<int>("p");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("new default 2^17") << 17 << 8 << 1 << true;
    QTest::newRow("test floor 2^10") << 10 << 8 << 1 << true;
    QTest::newRow("below the floor") << 9 << 8 << 1 << false;
    QTest::newRow("N = 2") << 1 << 8 << 1 << false;
    QTest::newRow("r = 1 (little memory)") << 17 << 1 << 1 << false;
    QTest::newRow("r too large") << 10 << 32 << 1 << false;
    QTest::newRow("p too large") << 10 << 8 << 8 << false;
    QTest::newRow("2^18 (256 MiB)") << 18 << 8 << 1 << true;
    QTest::newRow("2^19 (512 MiB)") << 19 << 8 << 1 << false;
    QTest::newRow("2^18 with r = 16") << 18 << 16 << 1 << false;
}

void TestCrypto::scryptCostIsBoundedBothWays()
{
    QFETCH(int, log2n);
    QFETCH(int, r);
    QFETCH(int, p);
    QFETCH(bool, accepted);
    QCOMPARE(crypto::ScryptParams().n, quint64(1) << 17);
    QCOMPARE(crypto::minimumScryptLog2N(), 10);
    crypto::ScryptParams params{quint64(1) << log2n, quint32(r), quint32(p)};
    QCOMPARE(crypto::acceptableScryptParams(params), accepted);
    // The same cost in a stored hash text.
    const QString text = QStringLiteral("scrypt$%1$%2$%3$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA==")
                             .arg(log2n)
                             .arg(r)
                             .arg(p);
    QByteArray salt, hash;
    crypto::ScryptParams parsed;
    QCOMPARE(crypto::parsePasswordHash(text, &salt, &parsed, &hash), accepted);
}

void TestCrypto::passwordAuthProvesTheOldPassword()
{
    oneseal::core::SealKey key;
    const QString authKey = oneseal::core::PasswordAuth::make(QStringLiteral("old password"), cheap(), &key);
    QVERIFY(authKey.startsWith(QLatin1String("ed25519-scrypt$10$8$1$")));
    QVERIFY(oneseal::core::PasswordAuth::open(QStringLiteral("old password"), authKey));
    QVERIFY(!oneseal::core::PasswordAuth::open(QStringLiteral("wrong"), authKey));
    const QString newHash = crypto::hashPassword(QStringLiteral("new password"), cheap());
    const QString newAuth = oneseal::core::PasswordAuth::make(QStringLiteral("new password"), cheap());
    const QByteArray proof = oneseal::core::PasswordAuth::prove(key, QStringLiteral("u1"), newHash, newAuth);
    QVERIFY(oneseal::core::PasswordAuth::verify(authKey, QStringLiteral("u1"), newHash, newAuth, proof));
    // Bound to the user, the new hash and the new auth key.
    QVERIFY(!oneseal::core::PasswordAuth::verify(authKey, QStringLiteral("u2"), newHash, newAuth, proof));
    QVERIFY(!oneseal::core::PasswordAuth::verify(authKey, QStringLiteral("u1"), crypto::hashPassword(QStringLiteral("x"), cheap()),
                                        newAuth, proof));
    // A key that is not the old password's (whoever holds only the hash and the auth key text).
    const QByteArray forged = oneseal::core::PasswordAuth::prove(oneseal::core::SealKey::generate(), QStringLiteral("u1"), newHash, newAuth);
    QVERIFY(!oneseal::core::PasswordAuth::verify(authKey, QStringLiteral("u1"), newHash, newAuth, forged));
    QVERIFY(!oneseal::core::PasswordAuth::verify(QString(), QStringLiteral("u1"), newHash, newAuth, proof));
    // An auth key text with a weak cost is refused.
    QVERIFY(oneseal::core::PasswordAuth::publicKeyOf(QString(authKey).replace(QLatin1String("$10$8$"), QLatin1String("$4$8$"))).isEmpty());
}

// The slot key (core::PasswordSlot): the database key sealed to a public key that only the password's
// private half opens; what travels (the text) opens nothing.
void TestCrypto::slotKeySealsToThePasswordOnly()
{
    using oneseal::core::PasswordSlot;
    const QString slotKey = PasswordSlot::make(QStringLiteral("窗口 secret 1"), cheap());
    QVERIFY(slotKey.startsWith(QLatin1String("x25519-scrypt$10$8$1$")));
    const auto parsed = PasswordSlot::parse(slotKey);
    QVERIFY(parsed);
    QCOMPARE(parsed->publicKey.size(), 32);
    QVERIFY(PasswordSlot::matches(QStringLiteral("窗口 secret 1"), slotKey));
    QVERIFY(!PasswordSlot::matches(QStringLiteral("窗口 secret 2"), slotKey));
    // Another salt and domain than the auth key's: the same password makes another public key.
    const QString again = PasswordSlot::make(QStringLiteral("窗口 secret 1"), cheap());
    QVERIFY(PasswordSlot::parse(again)->publicKey != parsed->publicKey);

    const QByteArray secret = crypto::randomBytes(32);
    const QByteArray aad = QByteArrayLiteral("oneseal-keyslot-v1:li.na");
    const QByteArray box = PasswordSlot::seal(slotKey, secret, aad);
    QVERIFY(!box.isEmpty());
    QVERIFY(!box.contains(secret));
    const auto opened = PasswordSlot::open(QStringLiteral("窗口 secret 1"), parsed->salt, parsed->params, box, aad);
    QVERIFY(opened);
    QCOMPARE(*opened, secret);
    // A wrong password, another user's slot (aad), a changed box: nothing.
    QVERIFY(!PasswordSlot::open(QStringLiteral("窗口 secret 2"), parsed->salt, parsed->params, box, aad));
    QVERIFY(!PasswordSlot::open(QStringLiteral("窗口 secret 1"), parsed->salt, parsed->params, box,
                                QByteArrayLiteral("oneseal-keyslot-v1:other")));
    for (int i : {3, 20, int(box.size()) - 1}) {
        QByteArray tampered = box;
        tampered[i] = char(tampered[i] ^ 0x01);
        QVERIFY2(!PasswordSlot::open(QStringLiteral("窗口 secret 1"), parsed->salt, parsed->params, tampered, aad),
                 qPrintable(QString::number(i)));
    }
    // Sealed to the public key only: a box for another slot key does not open with this password.
    const QByteArray other = PasswordSlot::seal(again, secret, aad);
    QVERIFY(PasswordSlot::open(QStringLiteral("窗口 secret 1"), PasswordSlot::parse(again)->salt, parsed->params, other, aad));
    QVERIFY(!PasswordSlot::open(QStringLiteral("窗口 secret 1"), parsed->salt, parsed->params, other, aad));
    QVERIFY(PasswordSlot::seal(QStringLiteral("not a slot key"), secret, aad).isEmpty());
}

void TestCrypto::slotKeyCostIsBounded()
{
    using oneseal::core::PasswordSlot;
    const QString slotKey = PasswordSlot::make(QStringLiteral("pw"), cheap());
    // New slot keys cost N = 2^17 by default, like every new password record.
    QCOMPARE(crypto::ScryptParams().n, quint64(1) << 17);
    for (const char* weak : {"$4$8$", "$9$8$", "$19$8$", "$10$1$", "$10$32$"})
        QVERIFY2(!PasswordSlot::parse(QString(slotKey).replace(QLatin1String("$10$8$"), QLatin1String(weak))),
                 weak);
    QVERIFY(PasswordSlot::parse(QString(slotKey).replace(QLatin1String("$10$8$"), QLatin1String("$18$8$"))));
    // Not a slot key: another scheme, a short salt, a public key of the wrong size, too long.
    QVERIFY(!PasswordSlot::parse(QString(slotKey).replace(QLatin1String("x25519-scrypt"), QLatin1String("ed25519-scrypt"))));
    QVERIFY(!PasswordSlot::parse(QStringLiteral("x25519-scrypt$10$8$1$c2FsdA==$") + QString::fromLatin1(QByteArray(32, 'k').toBase64())));
    QVERIFY(!PasswordSlot::parse(slotKey.section(QLatin1Char('$'), 0, 4) + QStringLiteral("$AAAA")));
    QVERIFY(!PasswordSlot::parse(slotKey + QString(600, QLatin1Char('A'))));
    // Opening with a refused cost does no work.
    QVERIFY(!PasswordSlot::open(QStringLiteral("pw"), QByteArray(16, 's'), crypto::ScryptParams{2, 8, 1}, QByteArray(100, 'b'),
                                QByteArray()));
}

void TestCrypto::passwordChangeWithoutHashAndFirstKeyProof()
{
    using oneseal::core::PasswordAuth;
    using oneseal::core::PasswordSlot;
    oneseal::core::SealKey old;
    const QString oldAuth = PasswordAuth::make(QStringLiteral("set by admin"), cheap(), &old);
    const QString newAuth = PasswordAuth::make(QStringLiteral("her own one"), cheap());
    const QString newSlot = PasswordSlot::make(QStringLiteral("her own one"), cheap());
    QCborMap change{{QStringLiteral("user_id"), QStringLiteral("u1")},
                    {QStringLiteral("auth_key"), newAuth},
                    {QStringLiteral("slot_key"), newSlot},
                    {QStringLiteral("proof"), old.sign(PasswordAuth::changeMessageWithoutHash(QStringLiteral("u1"), newAuth, newSlot))}};
    QVERIFY(PasswordAuth::verifyChange(oldAuth, change));
    QVERIFY(!PasswordAuth::verifyChange(newAuth, change));
    // The slot key is bound: another one (whose password the forger knows) breaks the proof.
    QCborMap swapped = change;
    swapped.insert(QStringLiteral("slot_key"), PasswordSlot::make(QStringLiteral("forger's"), cheap()));
    QVERIFY(!PasswordAuth::verifyChange(oldAuth, swapped));

    // A first signing key proved by the auth key: bound to the user and the key id.
    const QByteArray proof = PasswordAuth::proveFirstKey(old, QStringLiteral("u1"), QStringLiteral("k1"));
    QVERIFY(PasswordAuth::verifyFirstKey(oldAuth, QStringLiteral("u1"), QStringLiteral("k1"), proof));
    QVERIFY(!PasswordAuth::verifyFirstKey(oldAuth, QStringLiteral("u2"), QStringLiteral("k1"), proof));
    QVERIFY(!PasswordAuth::verifyFirstKey(oldAuth, QStringLiteral("u1"), QStringLiteral("k2"), proof));
    QVERIFY(!PasswordAuth::verifyFirstKey(newAuth, QStringLiteral("u1"), QStringLiteral("k1"), proof));
    QVERIFY(!PasswordAuth::verifyFirstKey(oldAuth, QStringLiteral("u1"), QStringLiteral("k1"), QByteArray()));
    const QByteArray byAnother = PasswordAuth::proveFirstKey(oneseal::core::SealKey::generate(), QStringLiteral("u1"), QStringLiteral("k1"));
    QVERIFY(!PasswordAuth::verifyFirstKey(oldAuth, QStringLiteral("u1"), QStringLiteral("k1"), byAnother));
}

QTEST_GUILESS_MAIN(TestCrypto)
#include "TestCrypto.moc"
