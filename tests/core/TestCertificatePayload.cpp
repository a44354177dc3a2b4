#include "core/CertificatePayload.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTest>

using namespace oneseal::core;

class TestCertificatePayload : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void base45Vectors_data();
    void base45Vectors();
    void roundTrip();
    void textSuitsQrAlphanumericMode();
    void everyTamperedByteIsCaught();
    void everyChangedCharacterIsCaught();
    void wrongKey();
    void forgedSignatureUnderTrustedKeyId();
    void dates_data();
    void dates();
    void malformed_data();
    void malformed();
    void encodeRefusesBadFields_data();
    void encodeRefusesBadFields();
    void contentBytesAreCanonical();

private:
    SealKey m_key;
    CertificatePayload m_payload;
    QString m_text;
};

namespace {

CertificatePayload samplePayload()
{
    CertificatePayload p;
    p.serial = QStringLiteral("JY11408020000123");
    p.matterCode = QStringLiteral("000123004000");
    p.holderName = QStringLiteral("运城市晋南味道餐饮有限公司");
    p.holderId = QStringLiteral("91140802MA0K8Q2X3B");
    p.issued = QDate(2026, 11, 26);
    p.validUntil = QDate(2031, 11, 25);
    p.documentHash = CertificatePayload::hashDocument("the certificate's content");
    return p;
}

QString wrap(const QByteArray& wire)
{
    return CertificatePayload::prefix() + CertificatePayload::base45Encode(wire);
}

/** The wire bytes (fields + signature) of a payload text. */
QByteArray wireOf(const QString& text)
{
    return *CertificatePayload::base45Decode(text.mid(CertificatePayload::prefix().size()), nullptr);
}

} // namespace

void TestCertificatePayload::initTestCase()
{
    m_key = SealKey::generate();
    QVERIFY(m_key.hasPrivateKey());
    m_payload = samplePayload();
    QString error;
    m_text = CertificatePayload::encode(m_payload, m_key, &error);
    QVERIFY2(!m_text.isEmpty(), qPrintable(error));
}

void TestCertificatePayload::base45Vectors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("text");
    // RFC 9285, section 4.3 and 4.4.
    QTest::newRow("AB") << QByteArray("AB") << QStringLiteral("BB8");
    QTest::newRow("Hello!!") << QByteArray("Hello!!") << QStringLiteral("%69 VD92EX0");
    QTest::newRow("base-45") << QByteArray("base-45") << QStringLiteral("UJCLQE7W581");
    QTest::newRow("ietf!") << QByteArray("ietf!") << QStringLiteral("QED8WEX0");
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("ff ff") << QByteArray("\xff\xff", 2) << QStringLiteral("FGW");
    QTest::newRow("00") << QByteArray(1, '\0') << QStringLiteral("00");
}

void TestCertificatePayload::base45Vectors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, text);
    QCOMPARE(CertificatePayload::base45Encode(data), text);
    QString error;
    const auto decoded = CertificatePayload::base45Decode(text, &error);
    QVERIFY2(decoded, qPrintable(error));
    QCOMPARE(*decoded, data);
}

void TestCertificatePayload::roundTrip()
{
    QVERIFY(m_text.startsWith(QStringLiteral("OS1:")));
    QString error;
    const auto decoded = CertificatePayload::decode(m_text, &error);
    QVERIFY2(decoded, qPrintable(error));
    CertificatePayload expected = m_payload;
    expected.keyId = m_key.keyIdBytes();
    QCOMPARE(decoded->payload, expected);
    QCOMPARE(decoded->signature.size(), 64);
    QCOMPARE(decoded->signedBytes, expected.toCbor());
    QVERIFY(m_key.verify(decoded->signedBytes, decoded->signature));

    const auto verification = CertificatePayload::verify(m_text, { SealKey::generate(), m_key }, QDate(2027, 1, 1));
    QVERIFY2(verification.isValid(), qPrintable(verification.reason));
    QVERIFY(verification.reason.isEmpty());
    QCOMPARE(verification.decoded->payload.holderName, m_payload.holderName);

    // Line breaks from copying the text out of a mail or a terminal do not matter.
    QString broken = m_text;
    broken.insert(40, QStringLiteral("\r\n"));
    broken.append(QLatin1Char('\n'));
    QVERIFY(CertificatePayload::verify(broken, { m_key }, QDate(2027, 1, 1)).isValid());

    // A certificate without end (长期) round-trips too.
    CertificatePayload longTerm = m_payload;
    longTerm.validUntil = QDate();
    const QString text = CertificatePayload::encode(longTerm, m_key, &error);
    QVERIFY2(!text.isEmpty(), qPrintable(error));
    const auto v = CertificatePayload::verify(text, { m_key }, QDate(2099, 12, 31));
    QVERIFY2(v.isValid(), qPrintable(v.reason));
    QVERIFY(!v.decoded->payload.validUntil.isValid());
}

void TestCertificatePayload::textSuitsQrAlphanumericMode()
{
    static const QRegularExpression alphanumeric(QStringLiteral("^[0-9A-Z $%*+\\-./:]+$"));
    QVERIFY(alphanumeric.match(m_text).hasMatch());
    // 9 fields of this size: 2 + 17 + 13 + 40 + 19 + 5 + 5 + 17 + 9 bytes of CBOR, 64 of signature.
    const QByteArray wire = wireOf(m_text);
    QCOMPARE(wire.size(), m_payload.toCbor().size() + 8 + 64);
    QCOMPARE(m_text.size(), 4 + (wire.size() / 2) * 3 + (wire.size() % 2) * 2);
    QVERIFY2(m_text.size() < 320, qPrintable(QString::number(m_text.size())));
}

void TestCertificatePayload::everyTamperedByteIsCaught()
{
    const QByteArray wire = wireOf(m_text);
    const QByteArray fields = wire.left(wire.size() - 64);
    const QByteArray keyId = m_key.keyIdBytes();
    const int keyIdAt = int(fields.size()) - 8;
    QCOMPARE(fields.mid(keyIdAt), keyId);
    const int hashAt = keyIdAt - 1 - 16;
    QCOMPARE(fields.mid(hashAt, 16), m_payload.documentHash);
    const int serialAt = int(fields.indexOf(m_payload.serial.toUtf8()));
    const int matterAt = int(fields.indexOf(m_payload.matterCode.toUtf8()));
    const int idAt = int(fields.indexOf(m_payload.holderId.toUtf8()));
    QVERIFY(serialAt > 0 && matterAt > serialAt && idAt > matterAt);

    auto region = [&](int i) -> QString {
        if (i >= fields.size())
            return QStringLiteral("signature");
        if (i >= keyIdAt)
            return QStringLiteral("key id");
        if (i >= hashAt && i < hashAt + 16)
            return QStringLiteral("hash");
        if ((i >= serialAt && i < serialAt + m_payload.serial.size())
            || (i >= matterAt && i < matterAt + m_payload.matterCode.size())
            || (i >= idAt && i < idAt + m_payload.holderId.size()))
            return QStringLiteral("ascii text");
        return QStringLiteral("structure or other");
    };

    QHash<QString, int> seen;
    for (int i = 0; i < wire.size(); ++i) {
        for (const char mask : { char(0x01), char(0x80) }) {
            QByteArray bad = wire;
            bad[i] = char(bad[i] ^ mask);
            const auto v = CertificatePayload::verify(wrap(bad), { m_key }, QDate(2027, 1, 1));
            const QString where = region(i);
            const QString context = QStringLiteral("byte %1 (%2) mask %3: %4 — %5")
                                        .arg(i)
                                        .arg(where)
                                        .arg(int(uchar(mask)))
                                        .arg(CertificateVerification::statusName(v.status), v.reason);
            QVERIFY2(!v.isValid(), qPrintable(context));
            QVERIFY2(!v.reason.isEmpty(), qPrintable(context));
            if (where == QLatin1String("signature") || where == QLatin1String("hash")) {
                QVERIFY2(v.status == CertificateVerification::BadSignature, qPrintable(context));
            } else if (where == QLatin1String("key id")) {
                QVERIFY2(v.status == CertificateVerification::UnknownKey, qPrintable(context));
                QVERIFY2(v.reason.contains(QString::fromLatin1(bad.mid(keyIdAt, 8).toHex())), qPrintable(context));
            } else if (where == QLatin1String("ascii text")) {
                // 0x80 makes a lone UTF-8 continuation byte: not text any more.
                QVERIFY2(v.status
                        == (mask == char(0x01) ? CertificateVerification::BadSignature
                                               : CertificateVerification::Malformed),
                    qPrintable(context));
            } else {
                QVERIFY2(
                    v.status == CertificateVerification::Malformed || v.status == CertificateVerification::BadSignature,
                    qPrintable(context));
            }
            ++seen[CertificateVerification::statusName(v.status)];
        }
    }
    // The structure bytes are checked field by field, so many changes are named as malformed.
    QVERIFY(seen.value(QStringLiteral("malformed")) > 10);
    QCOMPARE(seen.value(QStringLiteral("unknown-key")), 16);
}

void TestCertificatePayload::everyChangedCharacterIsCaught()
{
    const QString alphabet = QStringLiteral("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:");
    for (int i = 0; i < m_text.size(); ++i) {
        QString bad = m_text;
        const int at = int(alphabet.indexOf(bad.at(i)));
        bad[i] = alphabet.at((at + 7) % alphabet.size());
        const auto v = CertificatePayload::verify(bad, { m_key }, QDate(2027, 1, 1));
        QVERIFY2(!v.isValid(), qPrintable(QString::number(i)));
        QVERIFY(!v.reason.isEmpty());
    }
    // Removing or adding a character is caught as well.
    QCOMPARE(CertificatePayload::verify(m_text.chopped(1), { m_key }).status, CertificateVerification::Malformed);
    QVERIFY(!CertificatePayload::verify(m_text + QStringLiteral("00"), { m_key }).isValid());
    QVERIFY(!CertificatePayload::verify(m_text + QStringLiteral("000"), { m_key }).isValid());
}

void TestCertificatePayload::wrongKey()
{
    const SealKey other = SealKey::generate();
    auto v = CertificatePayload::verify(m_text, { other });
    QCOMPARE(v.status, CertificateVerification::UnknownKey);
    QVERIFY(v.reason.contains(m_key.keyId()));
    QVERIFY(v.reason.contains(other.keyId()));
    QVERIFY(v.decoded.has_value()); // the fields can still be shown, marked untrusted

    v = CertificatePayload::verify(m_text, {});
    QCOMPARE(v.status, CertificateVerification::UnknownKey);
    QVERIFY(v.reason.contains(QStringLiteral("no trusted key")));

    // A public key alone is enough to verify.
    QString error;
    const auto publicOnly = SealKey::fromPublicPem(m_key.publicPem(), &error);
    QVERIFY(publicOnly);
    QVERIFY(CertificatePayload::verify(m_text, { *publicOnly }, QDate(2027, 1, 1)).isValid());
}

void TestCertificatePayload::forgedSignatureUnderTrustedKeyId()
{
    // Someone with another key writes our key id in the fields and signs them with theirs.
    const SealKey forger = SealKey::generate();
    CertificatePayload p = m_payload;
    p.keyId = m_key.keyIdBytes();
    p.holderName = QStringLiteral("冒名公司");
    const QByteArray fields = p.toCbor();
    const auto v = CertificatePayload::verify(wrap(fields + forger.sign(fields)), { m_key }, QDate(2027, 1, 1));
    QCOMPARE(v.status, CertificateVerification::BadSignature);
    QVERIFY(v.reason.contains(m_key.keyId()));
}

void TestCertificatePayload::dates_data()
{
    QTest::addColumn<QDate>("today");
    QTest::addColumn<int>("status");
    QTest::newRow("day before issue") << QDate(2026, 11, 25) << int(CertificateVerification::NotYetValid);
    QTest::newRow("issue day") << QDate(2026, 11, 26) << int(CertificateVerification::Valid);
    QTest::newRow("middle") << QDate(2029, 2, 28) << int(CertificateVerification::Valid);
    QTest::newRow("last day") << QDate(2031, 11, 25) << int(CertificateVerification::Valid);
    QTest::newRow("day after") << QDate(2031, 11, 26) << int(CertificateVerification::Expired);
    QTest::newRow("years later") << QDate(2040, 1, 1) << int(CertificateVerification::Expired);
}

void TestCertificatePayload::dates()
{
    QFETCH(QDate, today);
    QFETCH(int, status);
    const auto v = CertificatePayload::verify(m_text, { m_key }, today);
    QCOMPARE(int(v.status), status);
    if (status == CertificateVerification::Expired) {
        QVERIFY(v.reason.contains(QStringLiteral("2031-11-25")));
        QVERIFY(v.reason.contains(today.toString(Qt::ISODate)));
    }
    if (status == CertificateVerification::NotYetValid)
        QVERIFY(v.reason.contains(QStringLiteral("2026-11-26")));
}

void TestCertificatePayload::malformed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("words"); // what the reason must mention

    const QByteArray signature(64, '\x11');
    const QByteArray keyId = m_key.keyIdBytes();
    CertificatePayload p = samplePayload();
    p.keyId = keyId;
    auto fieldsWith = [&](int index, const QCborValue& value) {
        QCborArray array = QCborValue::fromCbor(p.toCbor()).toArray();
        array[index] = value;
        return array.toCborValue().toCbor();
    };
    const QString body = m_text.mid(4);

    QTest::newRow("empty") << QString() << QStringLiteral("empty");
    QTest::newRow("only spaces") << QStringLiteral("   ") << QStringLiteral("OS1:");
    QTest::newRow("no prefix") << body << QStringLiteral("OS1:");
    QTest::newRow("other scheme") << QStringLiteral("HC1:") + body << QStringLiteral("OS1:");
    QTest::newRow("format 2") << QStringLiteral("OS2:") + body << QStringLiteral("version 2");
    QTest::newRow("lower case") << QStringLiteral("OS1:") + body.toLower() << QStringLiteral("base45");
    QTest::newRow("bad character") << m_text.left(20) + QStringLiteral("#") + m_text.mid(21)
                                   << QStringLiteral("Character 21");
    QTest::newRow("Chinese character") << m_text.left(10) + QStringLiteral("证") + m_text.mid(11)
                                       << QStringLiteral("Character 11");
    QTest::newRow("length 3n+1") << QStringLiteral("OS1:ABCD") << QStringLiteral("3n+1");
    QTest::newRow("triple too large") << QStringLiteral("OS1:") + body.left(30) + QStringLiteral(":::") + body.mid(33)
                                      << QStringLiteral("Characters 35-37");
    QTest::newRow("too short") << wrap(QByteArray(40, 'x')) << QStringLiteral("too few");
    QTest::newRow("not CBOR") << wrap(QByteArray("\xff\xff\xff", 3) + signature) << QStringLiteral("CBOR");
    QTest::newRow("not an array") << wrap(QCborValue(QCborMap { { 1, 2 } }).toCbor() + signature)
                                  << QStringLiteral("not a CBOR array");
    QTest::newRow("fields version 7") << wrap(fieldsWith(0, 7) + signature) << QStringLiteral("version 7");
    {
        QCborArray shortArray = QCborValue::fromCbor(p.toCbor()).toArray();
        shortArray.removeLast();
        QTest::newRow("8 items") << wrap(shortArray.toCborValue().toCbor() + signature) << QStringLiteral("8 items");
    }
    QTest::newRow("serial not text") << wrap(fieldsWith(1, 123) + signature) << QStringLiteral("serial");
    QTest::newRow("holder not text") << wrap(fieldsWith(3, QByteArray("x")) + signature)
                                     << QStringLiteral("holder name");
    QTest::newRow("issue date 20261340") << wrap(fieldsWith(5, 20261340) + signature)
                                         << QStringLiteral("issue date (item 6) holds 20261340");
    QTest::newRow("issue date zero") << wrap(fieldsWith(5, 0) + signature) << QStringLiteral("issue date");
    QTest::newRow("until as text") << wrap(fieldsWith(6, QStringLiteral("2031-11-25")) + signature)
                                   << QStringLiteral("valid-until date");
    QTest::newRow("hash 15 bytes") << wrap(fieldsWith(7, QByteArray(15, 'h')) + signature)
                                   << QStringLiteral("document hash (item 8) has 15 bytes");
    QTest::newRow("key id 4 bytes") << wrap(fieldsWith(8, keyId.left(4)) + signature)
                                    << QStringLiteral("key id (item 9) has 4 bytes");
    QTest::newRow("byte added") << wrap(p.toCbor() + QByteArray(1, '\0') + signature)
                                << QStringLiteral("added or removed");
    {
        // The version 1 written as a two-byte integer (0x18 0x01): valid CBOR, not ours.
        QByteArray loose = p.toCbor();
        QCOMPARE(loose.at(1), char(0x01));
        loose.replace(1, 1, QByteArray("\x18\x01", 2));
        QTest::newRow("non-canonical") << wrap(loose + signature) << QStringLiteral("canonical");
    }
}

void TestCertificatePayload::malformed()
{
    QFETCH(QString, text);
    QFETCH(QString, words);
    const auto v = CertificatePayload::verify(text, { m_key });
    QCOMPARE(v.status, CertificateVerification::Malformed);
    QVERIFY(!v.decoded.has_value());
    QVERIFY2(v.reason.contains(words), qPrintable(v.reason));
    QString error;
    QVERIFY(!CertificatePayload::decode(text, &error));
    QCOMPARE(error, v.reason);
}

void TestCertificatePayload::encodeRefusesBadFields_data()
{
    QTest::addColumn<int>("change");
    QTest::addColumn<QString>("words");
    QTest::newRow("no serial") << 0 << QStringLiteral("serial is empty");
    QTest::newRow("no matter") << 1 << QStringLiteral("matter code is empty");
    QTest::newRow("no holder") << 2 << QStringLiteral("holder name is empty");
    QTest::newRow("no issue date") << 3 << QStringLiteral("issue date");
    QTest::newRow("ends before issue") << 4 << QStringLiteral("before it is issued");
    QTest::newRow("hash of 32 bytes") << 5 << QStringLiteral("32 bytes");
    QTest::newRow("serial too long") << 6 << QStringLiteral("at most 64");
    QTest::newRow("public key only") << 7 << QStringLiteral("private");
}

void TestCertificatePayload::encodeRefusesBadFields()
{
    QFETCH(int, change);
    QFETCH(QString, words);
    CertificatePayload p = samplePayload();
    SealKey key = m_key;
    switch (change) {
    case 0: p.serial = QStringLiteral("  "); break;
    case 1: p.matterCode.clear(); break;
    case 2: p.holderName.clear(); break;
    case 3: p.issued = QDate(); break;
    case 4: p.validUntil = p.issued.addDays(-1); break;
    case 5: p.documentHash = QByteArray(32, 'x'); break;
    case 6: p.serial = QString(65, QLatin1Char('1')); break;
    default: key = *SealKey::fromPublicPem(m_key.publicPem(), nullptr); break;
    }
    QString error;
    QVERIFY(CertificatePayload::encode(p, key, &error).isEmpty());
    QVERIFY2(error.contains(words), qPrintable(error));
}

void TestCertificatePayload::contentBytesAreCanonical()
{
    QMap<QString, QString> a;
    a.insert(QStringLiteral("holderName"), QStringLiteral("运城市晋南味道餐饮有限公司"));
    a.insert(QStringLiteral("address"), QStringLiteral("运城市盐湖区河东东街 88 号"));
    a.insert(QStringLiteral("remarks"), QString());
    QMap<QString, QString> b;
    b.insert(QStringLiteral("address"), QStringLiteral("运城市盐湖区河东东街 88 号"));
    b.insert(QStringLiteral("holderName"), QStringLiteral("运城市晋南味道餐饮有限公司"));
    const QByteArray bytes = CertificatePayload::contentBytes(QStringLiteral("food-business-licence"), a);
    QCOMPARE(CertificatePayload::contentBytes(QStringLiteral("food-business-licence"), b), bytes);
    QVERIFY(!bytes.contains("remarks")); // empty values are left out
    const QCborMap decoded = QCborValue::fromCbor(bytes).toMap();
    QCOMPARE(decoded.value(QStringLiteral("t")).toString(), QStringLiteral("food-business-licence"));
    QCOMPARE(decoded.value(QStringLiteral("f")).toMap().keys().first().toString(), QStringLiteral("address"));
    QVERIFY(CertificatePayload::contentBytes(QStringLiteral("other-template"), a) != bytes);
    b[QStringLiteral("address")] += QLatin1Char('.');
    QVERIFY(CertificatePayload::contentBytes(QStringLiteral("food-business-licence"), b) != bytes);
    const QByteArray hash = CertificatePayload::hashDocument(bytes);
    QCOMPARE(hash.size(), 16);
    QCOMPARE(hash, QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).left(16));
}

QTEST_GUILESS_MAIN(TestCertificatePayload)
#include "TestCertificatePayload.moc"
