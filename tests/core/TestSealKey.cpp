#include "core/SealKey.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal::core;

class TestSealKey : public QObject
{
    Q_OBJECT

private slots:
    void rfc8032Vectors_data();
    void rfc8032Vectors();
    void generateSignVerify();
    void pemRoundTrip();
    void rawRoundTrip();
    void keyIdIsSha256Prefix();
    void publicOnlyKeyCannotSign();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void opensslVerifiesOurSignature();
    void opensslKeyWorksHere();
    void opensslRejectsTamperedMessage();

private:
    QString openssl() const;
};

namespace {

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct Run
{
    int exitCode = -1;
    QString output;
};

Run run(const QString& program, const QStringList& arguments)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, arguments);
    Run r;
    if (!p.waitForFinished(30000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = QString::fromUtf8(p.readAll());
    return r;
}

} // namespace

QString TestSealKey::openssl() const
{
    return QStandardPaths::findExecutable(QStringLiteral("openssl"));
}

void TestSealKey::rfc8032Vectors_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("publicKey");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("signature");
    // RFC 8032 section 7.1, TEST 1 and TEST 2.
    QTest::newRow("test 1") << QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
                            << QByteArray::fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
                            << QByteArray()
                            << QByteArray::fromHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555f"
                                                   "b8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    QTest::newRow("test 2") << QByteArray::fromHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")
                            << QByteArray::fromHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
                            << QByteArray::fromHex("72")
                            << QByteArray::fromHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                                                   "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
}

void TestSealKey::rfc8032Vectors()
{
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, publicKey);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, signature);
    QString error;
    const auto key = SealKey::fromRawPrivate(secret, &error);
    QVERIFY2(key, qPrintable(error));
    QCOMPARE(key->rawPublicKey().toHex(), publicKey.toHex());
    QCOMPARE(key->sign(message).toHex(), signature.toHex());
    const auto verifier = SealKey::fromRawPublic(publicKey, &error);
    QVERIFY2(verifier, qPrintable(error));
    QVERIFY(verifier->verify(message, signature));
}

void TestSealKey::generateSignVerify()
{
    const SealKey key = SealKey::generate();
    QVERIFY(!key.isNull());
    QVERIFY(key.hasPrivateKey());
    QCOMPARE(key.rawPrivateKey().size(), 32);
    QCOMPARE(key.rawPublicKey().size(), 32);
    const QByteArray message("运城市行政审批服务管理局 certificate 000123");
    const QByteArray signature = key.sign(message);
    QCOMPARE(signature.size(), SealKey::kSignatureSize);
    QVERIFY(key.verify(message, signature));
    // Ed25519 is deterministic.
    QCOMPARE(key.sign(message), signature);

    QByteArray changed = message;
    changed[3] = char(changed[3] ^ 0x01);
    QVERIFY(!key.verify(changed, signature));
    for (int i = 0; i < signature.size(); i += 5) {
        QByteArray bad = signature;
        bad[i] = char(bad[i] ^ 0x20);
        QVERIFY2(!key.verify(message, bad), qPrintable(QString::number(i)));
    }
    QVERIFY(!key.verify(message, signature.left(63)));
    QVERIFY(!key.verify(message, QByteArray()));

    const SealKey other = SealKey::generate();
    QVERIFY(other.rawPublicKey() != key.rawPublicKey());
    QVERIFY(!other.verify(message, signature));
}

void TestSealKey::pemRoundTrip()
{
    const SealKey key = SealKey::generate();
    const QByteArray privatePem = key.privatePem();
    const QByteArray publicPem = key.publicPem();
    QVERIFY(privatePem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    QVERIFY(publicPem.startsWith("-----BEGIN PUBLIC KEY-----\n"));
    QVERIFY(publicPem.trimmed().endsWith("-----END PUBLIC KEY-----"));

    QString error;
    const auto fromPrivate = SealKey::fromPrivatePem(privatePem, &error);
    QVERIFY2(fromPrivate, qPrintable(error));
    QCOMPARE(fromPrivate->rawPrivateKey(), key.rawPrivateKey());
    QCOMPARE(fromPrivate->rawPublicKey(), key.rawPublicKey());

    const auto fromPublic = SealKey::fromPublicPem(publicPem, &error);
    QVERIFY2(fromPublic, qPrintable(error));
    QVERIFY(!fromPublic->hasPrivateKey());
    QCOMPARE(fromPublic->rawPublicKey(), key.rawPublicKey());
    QCOMPARE(fromPublic->keyId(), key.keyId());
    QVERIFY(fromPublic->verify("x", key.sign("x")));
    QVERIFY(fromPublic->privatePem().isEmpty());
    QCOMPARE(fromPublic->publicPem(), publicPem);
}

void TestSealKey::rawRoundTrip()
{
    const SealKey key = SealKey::generate();
    QString error;
    const auto copy = SealKey::fromRawPrivate(key.rawPrivateKey(), &error);
    QVERIFY2(copy, qPrintable(error));
    QCOMPARE(copy->rawPublicKey(), key.rawPublicKey());
    QCOMPARE(copy->privatePem(), key.privatePem());
    const auto verifier = SealKey::fromRawPublic(key.rawPublicKey(), &error);
    QVERIFY2(verifier, qPrintable(error));
    QCOMPARE(verifier->publicPem(), key.publicPem());
}

void TestSealKey::keyIdIsSha256Prefix()
{
    const QByteArray pub = QByteArray::fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    QString error;
    const auto key = SealKey::fromRawPublic(pub, &error);
    QVERIFY2(key, qPrintable(error));
    // sha256(pub) computed independently: python3 -c "import
    // hashlib;print(hashlib.sha256(bytes.fromhex('d75a...')).hexdigest())"
    const QString expected
        = QString::fromLatin1(QCryptographicHash::hash(pub, QCryptographicHash::Sha256).left(8).toHex());
    QCOMPARE(key->keyId(), expected);
    QCOMPARE(key->keyId().size(), 16);
    QCOMPARE(key->keyIdBytes().toHex(), expected.toLatin1());
    QCOMPARE(SealKey::keyIdOf(QByteArray()), QString());
}

void TestSealKey::publicOnlyKeyCannotSign()
{
    const SealKey key = SealKey::generate();
    QString error;
    const auto verifier = SealKey::fromPublicPem(key.publicPem(), &error);
    QVERIFY(verifier);
    QVERIFY(verifier->sign("message").isEmpty());
    const SealKey empty;
    QVERIFY(empty.isNull());
    QVERIFY(empty.sign("x").isEmpty());
    QVERIFY(!empty.verify("x", QByteArray(64, 'a')));
    QVERIFY(empty.publicPem().isEmpty());
    QVERIFY(empty.keyId().isEmpty());
}

void TestSealKey::rejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("kind"); // 0 private PEM, 1 public PEM, 2 raw private, 3 raw public
    QTest::newRow("empty private pem") << QByteArray() << 0;
    QTest::newRow("garbage private pem") << QByteArray("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
                                         << 0;
    QTest::newRow("public pem as private") << SealKey::generate().publicPem() << 0;
    QTest::newRow("private pem as public") << SealKey::generate().privatePem() << 1;
    QTest::newRow("empty public pem") << QByteArray() << 1;
    QTest::newRow("raw private 31 bytes") << QByteArray(31, 'a') << 2;
    QTest::newRow("raw private 64 bytes") << QByteArray(64, 'a') << 2;
    QTest::newRow("raw public 33 bytes") << QByteArray(33, 'a') << 3;
    QTest::newRow("raw public empty") << QByteArray() << 3;
}

void TestSealKey::rejectsBadInput()
{
    QFETCH(QByteArray, data);
    QFETCH(int, kind);
    QString error;
    std::optional<SealKey> key;
    switch (kind) {
    case 0: key = SealKey::fromPrivatePem(data, &error); break;
    case 1: key = SealKey::fromPublicPem(data, &error); break;
    case 2: key = SealKey::fromRawPrivate(data, &error); break;
    default: key = SealKey::fromRawPublic(data, &error); break;
    }
    QVERIFY(!key);
    QVERIFY(!error.isEmpty());
}

void TestSealKey::opensslVerifiesOurSignature()
{
    QVERIFY2(!openssl().isEmpty(), "the openssl command line tool is needed");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const SealKey key = SealKey::generate();
    const QByteArray message("OneSeal signed bytes \x01\x02\xff");
    QVERIFY(writeFile(dir.filePath("hall-seal.pub.pem"), key.publicPem()));
    QVERIFY(writeFile(dir.filePath("msg.bin"), message));
    QVERIFY(writeFile(dir.filePath("sig.bin"), key.sign(message)));
    const Run r = run(openssl(),
        { "pkeyutl", "-verify", "-pubin", "-inkey", dir.filePath("hall-seal.pub.pem"), "-rawin", "-in",
            dir.filePath("msg.bin"), "-sigfile", dir.filePath("sig.bin") });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.output.contains(QStringLiteral("Signature Verified Successfully")), qPrintable(r.output));
}

void TestSealKey::opensslKeyWorksHere()
{
    QVERIFY2(!openssl().isEmpty(), "the openssl command line tool is needed");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString privatePath = dir.filePath("key.pem");
    QCOMPARE(run(openssl(), { "genpkey", "-algorithm", "ed25519", "-out", privatePath }).exitCode, 0);
    QCOMPARE(run(openssl(), { "pkey", "-in", privatePath, "-pubout", "-out", dir.filePath("pub.pem") }).exitCode, 0);
    QString error;
    const auto key = SealKey::fromPrivatePem(readFile(privatePath), &error);
    QVERIFY2(key, qPrintable(error));
    QCOMPARE(key->publicPem(), readFile(dir.filePath("pub.pem")));

    // openssl signs, we verify.
    QVERIFY(writeFile(dir.filePath("msg.bin"), "signed by openssl"));
    QCOMPARE(run(openssl(),
                 { "pkeyutl", "-sign", "-inkey", privatePath, "-rawin", "-in", dir.filePath("msg.bin"), "-out",
                     dir.filePath("sig.bin") })
                 .exitCode,
        0);
    QVERIFY(key->verify("signed by openssl", readFile(dir.filePath("sig.bin"))));

    // Another algorithm is refused with a reason.
    const QString x25519 = dir.filePath("x25519.pem");
    QCOMPARE(run(openssl(), { "genpkey", "-algorithm", "x25519", "-out", x25519 }).exitCode, 0);
    QVERIFY(!SealKey::fromPrivatePem(readFile(x25519), &error));
    QVERIFY2(error.contains(QStringLiteral("Ed25519")), qPrintable(error));
}

void TestSealKey::opensslRejectsTamperedMessage()
{
    QVERIFY2(!openssl().isEmpty(), "the openssl command line tool is needed");
    QTemporaryDir dir;
    const SealKey key = SealKey::generate();
    QVERIFY(writeFile(dir.filePath("pub.pem"), key.publicPem()));
    QVERIFY(writeFile(dir.filePath("msg.bin"), "the changed message"));
    QVERIFY(writeFile(dir.filePath("sig.bin"), key.sign("the original message")));
    const Run r = run(openssl(),
        { "pkeyutl", "-verify", "-pubin", "-inkey", dir.filePath("pub.pem"), "-rawin", "-in", dir.filePath("msg.bin"),
            "-sigfile", dir.filePath("sig.bin") });
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.output.contains(QStringLiteral("Signature Verification Failure")), qPrintable(r.output));
}

QTEST_GUILESS_MAIN(TestSealKey)
#include "TestSealKey.moc"
