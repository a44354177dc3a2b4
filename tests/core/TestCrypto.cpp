#include "core/Crypto.h"

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

QTEST_GUILESS_MAIN(TestCrypto)
#include "TestCrypto.moc"
