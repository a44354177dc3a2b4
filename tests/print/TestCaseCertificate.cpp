#include "TestSupport.h"

#include "core/CertificatePayload.h"
#include "core/Identifiers.h"
#include "print/CaseCertificate.h"
#include "print/CertificateRenderer.h"

#include <QGuiApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;

/** An approved case's certificate: its template, its fields, and a QR payload that verifies. */
class TestCaseCertificate : public QObject
{
    Q_OBJECT

private slots:
    void demoHallCanSignCertificates();
    void certificateOfAFoodBusinessCase();
};

void TestCaseCertificate::demoHallCanSignCertificates()
{
    test::TempHall hall;
    auto session = hall.login(QStringLiteral("certifier"));
    QString error;
    const auto key = session->sealKey(&error);
    QVERIFY2(key, qPrintable(error));
    QCOMPARE(session->trustedSealKeys().size(), 1);
    QCOMPARE(session->trustedSealKeys().first().keyId(), key->keyId());
}

void TestCaseCertificate::certificateOfAFoodBusinessCase()
{
    const auto catalog = core::Catalog::builtInDemo();
    QVERIFY(catalog);
    const core::Matter* food = nullptr;
    for (const core::Matter& m : catalog->matters)
        if (m.name.contains(QStringLiteral("食品经营")))
            food = &m;
    QVERIFY(food);
    core::CaseState state;
    state.caseNo = QStringLiteral("SL202600000042");
    state.subjectName = food->name;
    state.matterCodes = {food->code};
    state.applicant.name = QStringLiteral("运城市盐湖区老王餐饮有限公司");
    state.applicant.idNumber = QStringLiteral("91140802MA0L6XYU0") + core::creditCodeCheckChar(QStringLiteral("91140802MA0L6XYU0"));
    state.applicant.address = QStringLiteral("运城市盐湖区解放路1号");
    state.acceptedDate = QDate(2026, 11, 20);
    const core::SealKey key = core::SealKey::generate();
    QString error;
    const auto cert = print::CaseCertificate::build(state, *catalog, QStringLiteral("ZS202600000007"),
                                                    QStringLiteral("运城市行政审批服务管理局"), QStringLiteral("杨审批"), key,
                                                    QDate(2026, 11, 26), &error);
    QVERIFY2(cert, qPrintable(error));
    QCOMPARE(cert->contentHash.size(), 32);
    const auto check = core::CertificatePayload::verify(cert->document.qrText, {key}, QDate(2026, 12, 1));
    QVERIFY2(check.isValid(), qPrintable(check.reason));
    QCOMPARE(check.decoded->payload.serial, QStringLiteral("ZS202600000007"));
    QCOMPARE(check.decoded->payload.holderName, state.applicant.name);

    print::CertificateRenderer renderer(cert->certificateTemplate);
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("cert.pdf"));
    QVERIFY2(renderer.toPdf({cert->document}, pdf, print::PrintMode::PlainPaper, {}, &error), qPrintable(error));
    QProcess text;
    text.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    QVERIFY(text.waitForFinished(30000));
    const QString page = QString::fromUtf8(text.readAllStandardOutput());
    QVERIFY2(page.contains(QStringLiteral("ZS202600000007")), qPrintable(page));
    QVERIFY(page.contains(QStringLiteral("老王餐饮")));
    QVERIFY(page.contains(QStringLiteral("2026年11月26日")));
}

QTEST_MAIN(TestCaseCertificate)
#include "TestCaseCertificate.moc"
