#include "TestConfig.h"

#include "core/CertificatePayload.h"
#include "core/SealGrant.h"
#include "print/CertificateRenderer.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;

class TestVerifyCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void generatesAKeyPair();
    void payloadText();
    void tamperedPayload();
    void otherHallsKey();
    void voidedByTheRevokedList();
    void hallExportsItsKeyAndList();
    void expiredOnDate();
    void png();
    void pdf();
    void pictureWithoutQrCode();
    void badArguments_data();
    void badArguments();
    void dumpVerifiesWithOpenssl();

private:
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Result admin(const QStringList& arguments, const QByteArray& input = {}) const;
    print::CertificateDocument certificate() const;

    QTemporaryDir m_dir;
    QString m_private;
    QString m_public;
    core::SealKey m_key;
    QString m_payload;
};

TestVerifyCommand::Result TestVerifyCommand::admin(const QStringList& arguments, const QByteArray& input) const
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM")); // the tool must choose offscreen by itself
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(ONESEAL_BINARY_DIR "/app/cli/oneseal-admin"), arguments);
    p.waitForStarted();
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    Result r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void TestVerifyCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(QStringLiteral(ONESEAL_BINARY_DIR "/app/cli/oneseal-admin")), "build oneseal-admin first");
    m_private = m_dir.filePath(QStringLiteral("hall-seal.pem"));
    m_public = m_dir.filePath(QStringLiteral("hall-seal.pub.pem"));
    const Result r = admin({ "seal-key", "generate", "--out-private", m_private, "--out-public", m_public });
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QFile f(m_private);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QString error;
    const auto key = core::SealKey::fromPrivatePem(f.readAll(), &error);
    QVERIFY2(key, qPrintable(error));
    m_key = *key;
    QVERIFY(r.out.contains(m_key.keyId()));

    core::CertificatePayload payload;
    payload.serial = QStringLiteral("JY11408020000123");
    payload.matterCode = QStringLiteral("11140800MB1960418H4000117003001");
    payload.holderName = QStringLiteral("运城市晋南味道餐饮有限公司");
    payload.holderId = QStringLiteral("91140802MA0K8Q2X3B");
    payload.issued = QDate(2026, 11, 26);
    payload.validUntil = QDate(2031, 11, 25);
    payload.documentHash = core::CertificatePayload::hashDocument("content");
    m_payload = core::CertificatePayload::encode(payload, m_key, &error);
    QVERIFY2(!m_payload.isEmpty(), qPrintable(error));
}

void TestVerifyCommand::generatesAKeyPair()
{
    QVERIFY(QFile::permissions(m_private) == (QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser));
    QFile pub(m_public);
    QVERIFY(pub.open(QIODevice::ReadOnly));
    QVERIFY(pub.readAll().startsWith("-----BEGIN PUBLIC KEY-----"));
    // Never over an existing key.
    const QByteArray before = [&] {
        QFile f(m_private);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }();
    const Result again = admin({ "seal-key", "generate", "--out-private", m_private, "--out-public",
                                 m_dir.filePath(QStringLiteral("other.pub.pem")) });
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(QStringLiteral("already exists")), qPrintable(again.err));
    QFile f(m_private);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("other.pub.pem"))));

    const Result id = admin({ "seal-key", "id", m_public });
    QCOMPARE(id.exitCode, 0);
    QCOMPARE(id.out.trimmed(), m_key.keyId());
}

void TestVerifyCommand::payloadText()
{
    const Result r = admin({ "verify", "--public-key", m_public, "--date", "2027-01-01", m_payload });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith(QStringLiteral("VALID: serial JY11408020000123, matter 11140800MB1960418H4000117003001, "
                                             "holder 运城市晋南味道餐饮有限公司 (91140802MA0K8Q2X3B), issued 2026-11-26, "
                                             "valid until 2031-11-25, document hash ")),
             qPrintable(r.out));
    QVERIFY(r.out.contains(m_key.keyId()));

    // From standard input, with the line break a terminal adds.
    const Result piped = admin({ "verify", "--public-key", m_public, "--date", "2027-01-01", "-" }, m_payload.toLatin1() + "\n");
    QCOMPARE(piped.exitCode, 0);
    QVERIFY(piped.out.startsWith(QStringLiteral("VALID: ")));
}

void TestVerifyCommand::tamperedPayload()
{
    // The holder's name changed in the fields, the old signature kept.
    const QByteArray wire = *core::CertificatePayload::base45Decode(m_payload.mid(4), nullptr);
    QByteArray bad = wire;
    const qsizetype at = bad.indexOf(QByteArray("JY114"));
    QVERIFY(at > 0);
    bad[at + 2] = '2';
    const QString tampered = core::CertificatePayload::prefix() + core::CertificatePayload::base45Encode(bad);
    const Result r = admin({ "verify", "--public-key", m_public, "--date", "2027-01-01", tampered });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.startsWith(QStringLiteral("INVALID: The signature does not match the fields")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("The payload says: serial JY21408020000123")), qPrintable(r.out)); // a claim, shown as such

    const Result broken = admin({ "verify", "--public-key", m_public, m_payload.left(50) + QStringLiteral("#") });
    QCOMPARE(broken.exitCode, 1);
    QVERIFY2(broken.out.startsWith(QStringLiteral("INVALID: Character 51")), qPrintable(broken.out));
}

void TestVerifyCommand::otherHallsKey()
{
    const QString other = m_dir.filePath(QStringLiteral("other-hall.pub.pem"));
    QFile f(other);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(core::SealKey::generate().publicPem());
    f.close();
    const Result r = admin({ "verify", "--public-key", other, m_payload });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.startsWith(QStringLiteral("INVALID: The payload was signed with key %1, which is not a trusted key")
                                  .arg(m_key.keyId())),
             qPrintable(r.out));
    // Both keys trusted: valid.
    QCOMPARE(admin({ "verify", "--public-key", other, "--public-key", m_public, "--date", "2027-01-01", m_payload }).exitCode, 0);
    // No key at all: says so.
    const Result none = admin({ "verify", m_payload });
    QCOMPARE(none.exitCode, 1);
    QVERIFY(none.out.contains(QStringLiteral("no trusted key was given")));
}

void TestVerifyCommand::voidedByTheRevokedList()
{
    auto write = [this](const QString& name, const QByteArray& data) {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
            return QString();
        return path;
    };
    core::RevokedList list;
    list.hall = QStringLiteral("运城市行政审批服务管理局");
    list.issued = QDateTime(QDate(2027, 1, 1), QTime(8, 0), Qt::UTC);
    list.serials = { QStringLiteral("JY11408020000100"), QStringLiteral("JY11408020000123") };
    const QByteArray signedList = list.sign(m_key);
    const QString voided = write(QStringLiteral("revoked.txt"), signedList);
    Result r = admin({ "verify", "--public-key", m_public, "--date", "2027-01-01", "--revoked", voided, m_payload });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.startsWith(QStringLiteral("VOIDED: The hall's list of voided certificates of 2027-01-01T08:00:00Z names it.")),
             qPrintable(r.out + r.err));
    QVERIFY(r.out.contains(QStringLiteral("serial JY11408020000123")));
    // A list that does not name it: valid.
    list.serials = { QStringLiteral("JY11408020000100") };
    const QString other = write(QStringLiteral("revoked-other.txt"), list.sign(m_key));
    r = admin({ "verify", "--public-key", m_public, "--date", "2027-01-01", "--revoked", other, m_payload });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith(QStringLiteral("VALID")), qPrintable(r.out + r.err));
    // A tampered list (a character of its body changed) is refused, and nothing is said valid.
    QByteArray bad = signedList;
    const qsizetype at = bad.indexOf('\n') + 20;
    bad[at] = bad.at(at) == 'A' ? 'B' : 'A';
    r = admin({ "verify", "--public-key", m_public, "--date", "2027-01-01", "--revoked",
                write(QStringLiteral("revoked-bad.txt"), bad), m_payload });
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("is refused")), qPrintable(r.out + r.err));
    QVERIFY(!r.out.contains(QStringLiteral("VALID")));
    // A list signed by a key the verifier does not trust: refused as well.
    r = admin({ "verify", "--public-key", m_public, "--revoked",
                write(QStringLiteral("revoked-foreign.txt"), list.sign(core::SealKey::generate())), m_payload });
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("not a trusted seal key")), qPrintable(r.err));
}

void TestVerifyCommand::hallExportsItsKeyAndList()
{
    // A demo hall publishes its public seal key and its signed list; an outside verifier uses both.
    const QString db = m_dir.filePath(QStringLiteral("hall.db"));
    QVERIFY(admin({ "demo", "--db", db }).exitCode == 0);
    const QString pub = m_dir.filePath(QStringLiteral("hall-export.pub.pem"));
    const QString list = m_dir.filePath(QStringLiteral("hall-revoked.txt"));
    Result r = admin({ "seal-key", "export", "--db", db, "--as", "clerk", "--out", pub }, "demo1234\n");
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    // Only a holder of the seal key signs the list.
    r = admin({ "seal-key", "revoked-list", "--db", db, "--as", "clerk", "--out", list }, "demo1234\n");
    QCOMPARE(r.exitCode, 1);
    QVERIFY(!QFile::exists(list));
    r = admin({ "seal-key", "revoked-list", "--db", db, "--as", "certifier", "--out", list }, "demo1234\n");
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("0 voided certificate")), qPrintable(r.out));
    // The list is checked with the hall's exported key; without it, refused.
    r = admin({ "verify", "--public-key", m_public, "--date", "2027-01-01", "--revoked", list, m_payload });
    QCOMPARE(r.exitCode, 2);
    r = admin({ "verify", "--public-key", m_public, "--public-key", pub, "--date", "2027-01-01", "--revoked", list,
                m_payload });
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    // Grant and revoke from the command line (an administrator), refused to anyone else.
    r = admin({ "seal-key", "revoke", "--db", db, "--as", "certifier", "--user", "certifier", "--reason", "moved" }, "demo1234\n");
    QCOMPARE(r.exitCode, 1);
    r = admin({ "seal-key", "revoke", "--db", db, "--as", "admin", "--user", "certifier" }, "demo1234\n");
    QCOMPARE(r.exitCode, 1); // no reason
    QVERIFY2(r.err.contains(QStringLiteral("--reason")), qPrintable(r.err));
    r = admin({ "seal-key", "revoke", "--db", db, "--as", "admin", "--user", "certifier", "--reason", "moved" },
              "demo1234\n");
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    r = admin({ "seal-key", "revoked-list", "--db", db, "--as", "certifier", "--out", list + "2" }, "demo1234\n");
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("not been granted")), qPrintable(r.err));
    r = admin({ "seal-key", "grant", "--db", db, "--as", "admin", "--user", "certifier" }, "demo1234\n");
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
}

void TestVerifyCommand::expiredOnDate()
{
    const Result r = admin({ "verify", "--public-key", m_public, "--date", "2031-11-26", m_payload });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.startsWith(QStringLiteral("INVALID: The certificate expired: it was valid until 2031-11-25")),
             qPrintable(r.out));
    const Result early = admin({ "verify", "--public-key", m_public, "--date", "2026-11-25", m_payload });
    QCOMPARE(early.exitCode, 1);
    QVERIFY(early.out.startsWith(QStringLiteral("INVALID: The certificate is issued on 2026-11-26")));
}

print::CertificateDocument TestVerifyCommand::certificate() const
{
    print::CertificateDocument doc;
    doc.fields.insert(QStringLiteral("serial"), QStringLiteral("JY11408020000123"));
    doc.fields.insert(QStringLiteral("holderName"), QStringLiteral("运城市晋南味道餐饮有限公司"));
    doc.fields.insert(QStringLiteral("issueDate"), QStringLiteral("2026年11月26日"));
    doc.sealBureau = QStringLiteral("运城市行政审批服务管理局");
    doc.qrText = m_payload;
    return doc;
}

void TestVerifyCommand::png()
{
    const print::CertificateRenderer renderer(*print::CertificateTemplate::builtIn(QStringLiteral("food-business-licence")));
    const QString path = m_dir.filePath(QStringLiteral("certificate.png"));
    QVERIFY(renderer.toImage(certificate(), print::PrintMode::PlainPaper, 300).save(path));
    const Result r = admin({ "verify", "--public-key", m_public, "--date", "2027-01-01", "--image", path });
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY(r.out.startsWith(QStringLiteral("VALID: serial JY11408020000123")));
}

void TestVerifyCommand::pdf()
{
    const print::CertificateRenderer renderer(*print::CertificateTemplate::builtIn(QStringLiteral("administrative-licence")));
    const QString path = m_dir.filePath(QStringLiteral("certificate.pdf"));
    QString error;
    print::CertificateDocument doc = certificate();
    doc.fields.insert(QStringLiteral("matterName"), QStringLiteral("公共场所卫生许可"));
    doc.fields.insert(QStringLiteral("validity"), QStringLiteral("2026年11月26日至2031年11月25日"));
    doc.fields.insert(QStringLiteral("issuer"), QStringLiteral("运城市行政审批服务管理局"));
    QVERIFY2(renderer.toPdf({ doc }, path, print::PrintMode::PreprintedStock, {}, &error), qPrintable(error));
    const Result r = admin({ "verify", "--public-key", m_public, "--date", "2027-01-01", "--pdf", path });
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY(r.out.startsWith(QStringLiteral("VALID: serial JY11408020000123")));
}

void TestVerifyCommand::pictureWithoutQrCode()
{
    const QString path = m_dir.filePath(QStringLiteral("blank.png"));
    QImage blank(800, 600, QImage::Format_RGB32);
    blank.fill(Qt::white);
    QVERIFY(blank.save(path));
    const Result r = admin({ "verify", "--public-key", m_public, "--image", path });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.startsWith(QStringLiteral("INVALID: No QR code was found in blank.png.")), qPrintable(r.out));

    const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
    QFile f(text);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("just text");
    f.close();
    const Result notImage = admin({ "verify", "--public-key", m_public, "--pdf", text });
    QCOMPARE(notImage.exitCode, 1);
    QVERIFY2(notImage.out.contains(QStringLiteral("neither a PDF nor an image")), qPrintable(notImage.out));
}

void TestVerifyCommand::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("words");
    QTest::newRow("nothing to verify") << QStringList { "verify" } << "Give one payload text";
    QTest::newRow("two sources") << QStringList { "verify", "OS1:X", "--image", "a.png" } << "Give one payload text";
    QTest::newRow("bad date") << QStringList { "verify", "--date", "26.11.2026", "OS1:X" } << "YYYY-MM-DD";
    QTest::newRow("missing key file") << QStringList { "verify", "--public-key", "/nonexistent/key.pem", "OS1:X" }
                                      << "/nonexistent/key.pem";
}

void TestVerifyCommand::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, words);
    const Result r = admin(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(words), qPrintable(r.err));
}

void TestVerifyCommand::dumpVerifiesWithOpenssl()
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    QVERIFY2(!openssl.isEmpty(), "the openssl command line tool is needed");
    const QString dump = m_dir.filePath(QStringLiteral("dump"));
    const Result r = admin({ "verify", "--public-key", m_public, "--date", "2027-01-01", "--dump", dump, m_payload });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains(QStringLiteral("openssl pkeyutl -verify -pubin -inkey hall-seal.pub.pem -rawin -in")),
             qPrintable(r.err));

    // Exactly the command docs/CERTIFICATES.md gives, run where the files are.
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(openssl, { "pkeyutl", "-verify", "-pubin", "-inkey", "hall-seal.pub.pem", "-rawin", "-in", "dump/msg.bin",
                       "-sigfile", "dump/sig.bin" });
    QVERIFY(p.waitForFinished(30000));
    const QString output = QString::fromUtf8(p.readAll());
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(output.trimmed(), QStringLiteral("Signature Verified Successfully"));

    // A changed message fails with openssl too.
    QFile msg(m_dir.filePath(QStringLiteral("dump/msg.bin")));
    QVERIFY(msg.open(QIODevice::ReadWrite));
    QByteArray bytes = msg.readAll();
    bytes[10] = char(bytes[10] ^ 0x01);
    msg.seek(0);
    msg.write(bytes);
    msg.close();
    p.start(openssl, { "pkeyutl", "-verify", "-pubin", "-inkey", "hall-seal.pub.pem", "-rawin", "-in", "dump/msg.bin",
                       "-sigfile", "dump/sig.bin" });
    QVERIFY(p.waitForFinished(30000));
    QVERIFY(p.exitCode() != 0);
    QVERIFY(QString::fromUtf8(p.readAll()).contains(QStringLiteral("Signature Verification Failure")));
}

QTEST_MAIN(TestVerifyCommand)
#include "TestVerifyCommand.moc"
