#include "core/Crypto.h"
#include "core/PasswordAuth.h"

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

QTEST_GUILESS_MAIN(TestCrypto)
#include "TestCrypto.moc"
