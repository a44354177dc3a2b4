// The seal key sealed to one user's signing key (core::SealGrant) and the hall's signed list of
// voided certificates (core::RevokedList).
#include "core/SealGrant.h"

#include <QCborMap>
#include <QCborValue>
#include <QTest>

#include <openssl/evp.h>

using namespace oneseal;

class TestSealGrant : public QObject
{
    Q_OBJECT

private slots:
    void x25519FormMatchesOpenssl();
    void onlyTheGranteeOpensIt();
    void damagedGrantOpensNothing();
    void revokedListRoundTrip();
    void tamperedRevokedListIsRefused();
    void revokedListOfAnUnknownKeyIsRefused();
};

void TestSealGrant::x25519FormMatchesOpenssl()
{
    // The public X25519 form computed from the Ed25519 public key equals the one OpenSSL derives
    // from the private X25519 form of the seed: both halves of the conversion agree.
    for (int i = 0; i < 20; ++i) {
        const core::SealKey ed = core::SealKey::generate();
        const QByteArray scalar = core::SealGrant::x25519FromEd25519Seed(ed.rawPrivateKey());
        EVP_PKEY* x = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr,
                                                   reinterpret_cast<const unsigned char*>(scalar.constData()), 32);
        QVERIFY(x);
        QByteArray pub(32, '\0');
        size_t len = 32;
        QCOMPARE(EVP_PKEY_get_raw_public_key(x, reinterpret_cast<unsigned char*>(pub.data()), &len), 1);
        EVP_PKEY_free(x);
        QCOMPARE(core::SealGrant::x25519FromEd25519Public(ed.rawPublicKey()), pub);
    }
    QVERIFY(core::SealGrant::x25519FromEd25519Public(QByteArray(31, 'x')).isEmpty());
}

void TestSealGrant::onlyTheGranteeOpensIt()
{
    const core::SealKey seal = core::SealKey::generate();
    const core::SealKey certifier = core::SealKey::generate();
    const core::SealKey clerk = core::SealKey::generate();
    const QByteArray wrapped = core::SealGrant::wrap(seal, certifier.rawPublicKey());
    QVERIFY(!wrapped.isEmpty());
    QVERIFY(!wrapped.contains(seal.rawPrivateKey()));
    const auto opened = core::SealGrant::unwrap(wrapped, certifier, seal.rawPublicKey());
    QVERIFY(opened);
    QCOMPARE(opened->rawPrivateKey(), seal.rawPrivateKey());
    QVERIFY(!core::SealGrant::unwrap(wrapped, clerk, seal.rawPublicKey()));
    // A public key alone (what every replica's directory holds) opens nothing.
    QVERIFY(!core::SealGrant::unwrap(wrapped, *core::SealKey::fromRawPublic(certifier.rawPublicKey(), nullptr),
                                     seal.rawPublicKey()));
    // Claimed to be another seal key: refused (the public key is bound to the sealed box).
    QVERIFY(!core::SealGrant::unwrap(wrapped, certifier, core::SealKey::generate().rawPublicKey()));
    // Two grants of the same key differ (a fresh ephemeral key each).
    QVERIFY(core::SealGrant::wrap(seal, certifier.rawPublicKey()) != wrapped);
}

void TestSealGrant::damagedGrantOpensNothing()
{
    const core::SealKey seal = core::SealKey::generate();
    const core::SealKey certifier = core::SealKey::generate();
    const QCborMap wrapped = QCborValue::fromCbor(core::SealGrant::wrap(seal, certifier.rawPublicKey())).toMap();
    QVERIFY(core::SealGrant::unwrap(wrapped.toCborValue().toCbor(), certifier, seal.rawPublicKey()));
    // Any changed byte of the ephemeral key or of the sealed key opens nothing.
    for (const QString& field : {QStringLiteral("ephemeral"), QStringLiteral("sealed")}) {
        const QByteArray value = wrapped.value(field).toByteArray();
        QVERIFY(!value.isEmpty());
        for (qsizetype i = 0; i < value.size(); ++i) {
            QByteArray bad = value;
            bad[i] = char(bad[i] ^ (i == 31 && field == QLatin1String("ephemeral") ? 0x01 : 0x80));
            QCborMap m = wrapped;
            m.insert(field, bad);
            QVERIFY2(!core::SealGrant::unwrap(m.toCborValue().toCbor(), certifier, seal.rawPublicKey()),
                     qPrintable(QStringLiteral("%1 byte %2").arg(field).arg(i)));
        }
    }
    QVERIFY(!core::SealGrant::unwrap(QByteArray(), certifier, seal.rawPublicKey()));
    QVERIFY(!core::SealGrant::unwrap(QByteArray(4096, 'a'), certifier, seal.rawPublicKey()));
}

void TestSealGrant::revokedListRoundTrip()
{
    const core::SealKey seal = core::SealKey::generate();
    core::RevokedList list;
    list.hall = QStringLiteral("运城市行政审批服务管理局");
    list.issued = QDateTime(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC);
    list.serials = {QStringLiteral("JY2"), QStringLiteral("JY1"), QStringLiteral("JY2")};
    const QByteArray text = list.sign(seal);
    QVERIFY(text.startsWith("-----BEGIN ONESEAL REVOKED SERIALS-----"));
    QString error;
    const auto back = core::RevokedList::parse(text, {core::SealKey(), *core::SealKey::fromRawPublic(seal.rawPublicKey(), nullptr)},
                                               &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->serials, QStringList({QStringLiteral("JY1"), QStringLiteral("JY2")}));
    QCOMPARE(back->hall, list.hall);
    QCOMPARE(back->issued, list.issued);
    QCOMPARE(back->keyId, seal.keyId());
    QVERIFY(back->contains(QStringLiteral("JY1")));
    QVERIFY(!back->contains(QStringLiteral("JY3")));
}

void TestSealGrant::tamperedRevokedListIsRefused()
{
    const core::SealKey seal = core::SealKey::generate();
    core::RevokedList list;
    list.hall = QStringLiteral("hall");
    list.issued = QDateTime::currentDateTimeUtc();
    list.serials = {QStringLiteral("JY11408020000123")};
    const QByteArray text = list.sign(seal);
    // Dropping a serial (someone wants a voided certificate to pass again) breaks the signature.
    core::RevokedList shorter = list;
    shorter.serials.clear();
    const QByteArray otherBody = shorter.sign(core::SealKey::generate());
    QString error;
    QVERIFY(core::RevokedList::parse(otherBody, {seal}, &error) == std::nullopt);
    QVERIFY2(error.contains(QStringLiteral("not a trusted seal key")), qPrintable(error));
    // Every changed character of the base64 body is caught (the last few may only carry padding bits).
    const qsizetype from = text.indexOf('\n') + 1;
    const qsizetype to = text.indexOf("-----END") - 6;
    int tried = 0;
    int refused = 0;
    for (qsizetype i = from; i < to; i += 5) {
        if (text.at(i) == '\n')
            continue;
        QByteArray bad = text;
        bad[i] = bad.at(i) == 'A' ? 'B' : 'A';
        ++tried;
        refused += core::RevokedList::parse(bad, {seal}, nullptr) ? 0 : 1;
    }
    QVERIFY(tried > 20);
    QCOMPARE(refused, tried);
    QVERIFY(!core::RevokedList::parse("hello", {seal}, &error));
    QVERIFY(!core::RevokedList::parse(QByteArray(core::RevokedList::kMaxBytes + 1, 'a'), {seal}, &error));
}

void TestSealGrant::revokedListOfAnUnknownKeyIsRefused()
{
    core::RevokedList list;
    list.hall = QStringLiteral("hall");
    list.issued = QDateTime::currentDateTimeUtc();
    const QByteArray text = list.sign(core::SealKey::generate());
    QString error;
    QVERIFY(!core::RevokedList::parse(text, {core::SealKey::generate()}, &error));
    QVERIFY(error.contains(QStringLiteral("not a trusted seal key")));
    QVERIFY(!core::RevokedList::parse(text, {}, &error));
}

QTEST_GUILESS_MAIN(TestSealGrant)
#include "TestSealGrant.moc"
