#include "ui/VerifyDialog.h"

#include "print/CertificateRenderer.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;

class TestVerifyDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void typedPayloadIsVerified();
    void tamperedPayloadIsInvalid();
    void untrustedKey();
    void expired();
    void fromPicture();
    void fromFileWithoutQrCode();
    void loadKey();
    void escapeCloses();

private:
    QString resultText(const ui::VerifyDialog& dialog) const;

    QTemporaryDir m_dir;
    core::SealKey m_key;
    QString m_payload;
};

void TestVerifyDialog::initTestCase()
{
    m_key = core::SealKey::generate();
    core::CertificatePayload payload;
    payload.serial = QStringLiteral("JY11408020000123");
    payload.matterCode = QStringLiteral("000123004000");
    payload.holderName = QStringLiteral("运城市晋南味道餐饮有限公司");
    payload.holderId = QStringLiteral("91140802MA0K8Q2X3B");
    payload.issued = QDate(2026, 11, 26);
    payload.validUntil = QDate(2031, 11, 25);
    payload.documentHash = core::CertificatePayload::hashDocument("content");
    QString error;
    m_payload = core::CertificatePayload::encode(payload, m_key, &error);
    QVERIFY2(!m_payload.isEmpty(), qPrintable(error));
}

QString TestVerifyDialog::resultText(const ui::VerifyDialog& dialog) const
{
    const auto* label = dialog.findChild<QLabel*>(QStringLiteral("resultLabel"));
    return label && !label->isHidden() ? label->text() : QString();
}

void TestVerifyDialog::typedPayloadIsVerified()
{
    ui::VerifyDialog dialog({ m_key });
    dialog.setCheckingDate(QDate(2027, 1, 1));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    auto* edit = dialog.findChild<QPlainTextEdit*>(QStringLiteral("payloadEdit"));
    QVERIFY(edit);
    QTRY_VERIFY(edit->hasFocus());
    QVERIFY(resultText(dialog).isEmpty());
    // A scanner gun types the code and presses nothing else.
    QTest::keyClicks(edit, m_payload);
    QTRY_VERIFY2(resultText(dialog).startsWith(QStringLiteral("VALID")), qPrintable(resultText(dialog)));
    QVERIFY(dialog.result().isValid());
    QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("holderValue"))->text(), QStringLiteral("运城市晋南味道餐饮有限公司"));
    QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("validUntilValue"))->text(), QStringLiteral("2031-11-25"));
    QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("keyIdValue"))->text(), m_key.keyId());

    // Tab leaves the text box for the buttons.
    QTest::keyClick(edit, Qt::Key_Tab);
    QTRY_VERIFY(dialog.findChild<QPushButton*>(QStringLiteral("openButton"))->hasFocus());
}

void TestVerifyDialog::tamperedPayloadIsInvalid()
{
    ui::VerifyDialog dialog({ m_key });
    dialog.setCheckingDate(QDate(2027, 1, 1));
    const QByteArray wire = *core::CertificatePayload::base45Decode(m_payload.mid(4), nullptr);
    QByteArray bad = wire;
    bad[bad.indexOf("JY114") + 3] = '9';
    dialog.verifyText(core::CertificatePayload::prefix() + core::CertificatePayload::base45Encode(bad));
    QVERIFY2(resultText(dialog).startsWith(QStringLiteral("INVALID: The signature does not match")),
             qPrintable(resultText(dialog)));
    QCOMPARE(dialog.result().status, core::CertificateVerification::BadSignature);
    auto* group = dialog.findChild<QWidget*>(QStringLiteral("fieldsGroup"));
    QVERIFY(!group->isHidden());
    QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("serialValue"))->text(), QStringLiteral("JY19408020000123"));

    dialog.verifyText(QStringLiteral("hello"));
    QCOMPARE(dialog.result().status, core::CertificateVerification::Malformed);
    QVERIFY(group->isHidden());
    dialog.verifyText(QString());
    QVERIFY(resultText(dialog).isEmpty());
}

void TestVerifyDialog::untrustedKey()
{
    ui::VerifyDialog dialog({});
    dialog.verifyText(m_payload);
    QVERIFY2(resultText(dialog).startsWith(QStringLiteral("NOT TRUSTED")), qPrintable(resultText(dialog)));
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("keysLabel"))->text().contains(QStringLiteral("No trusted key")));
    dialog.setTrustedKeys({ m_key });
    QCOMPARE(dialog.result().status, core::CertificateVerification::Valid);
}

void TestVerifyDialog::expired()
{
    ui::VerifyDialog dialog({ m_key });
    dialog.setCheckingDate(QDate(2032, 1, 1));
    dialog.verifyText(m_payload);
    QCOMPARE(dialog.result().status, core::CertificateVerification::Expired);
    QVERIFY(resultText(dialog).contains(QStringLiteral("2031-11-25")));
}

void TestVerifyDialog::fromPicture()
{
    const print::CertificateRenderer renderer(*print::CertificateTemplate::builtIn(QStringLiteral("licence-decision")));
    print::CertificateDocument doc;
    doc.fields.insert(QStringLiteral("serial"), QStringLiteral("运审批许〔2026〕123号"));
    doc.qrText = m_payload;
    const QString path = m_dir.filePath(QStringLiteral("decision.png"));
    QVERIFY(renderer.toImage(doc, print::PrintMode::PreprintedStock, 300).save(path));
    ui::VerifyDialog dialog({ m_key });
    dialog.setCheckingDate(QDate(2027, 1, 1));
    dialog.verifyFile(path);
    QVERIFY2(dialog.result().isValid(), qPrintable(dialog.result().reason));
    QVERIFY(resultText(dialog).startsWith(QStringLiteral("decision.png — VALID")));
    QCOMPARE(dialog.findChild<QPlainTextEdit*>(QStringLiteral("payloadEdit"))->toPlainText(), m_payload);
}

void TestVerifyDialog::fromFileWithoutQrCode()
{
    const QString path = m_dir.filePath(QStringLiteral("white.png"));
    QImage white(300, 300, QImage::Format_RGB32);
    white.fill(Qt::white);
    QVERIFY(white.save(path));
    ui::VerifyDialog dialog({ m_key });
    dialog.verifyFile(path);
    QVERIFY2(resultText(dialog).contains(QStringLiteral("No QR code was found in white.png")), qPrintable(resultText(dialog)));
    QVERIFY(!dialog.result().isValid());
    dialog.verifyFile(m_dir.filePath(QStringLiteral("missing.pdf")));
    QVERIFY(resultText(dialog).contains(QStringLiteral("missing.pdf")));
}

void TestVerifyDialog::loadKey()
{
    const QString path = m_dir.filePath(QStringLiteral("hall.pub.pem"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(m_key.publicPem());
    f.close();
    ui::VerifyDialog dialog({});
    dialog.setCheckingDate(QDate(2027, 1, 1));
    dialog.verifyText(m_payload);
    QCOMPARE(dialog.result().status, core::CertificateVerification::UnknownKey);
    QVERIFY(dialog.loadPublicKey(path));
    QCOMPARE(dialog.result().status, core::CertificateVerification::Valid);
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("keysLabel"))->text().contains(m_key.keyId()));
    QVERIFY(!dialog.loadPublicKey(m_dir.filePath(QStringLiteral("decision.png"))));
}

void TestVerifyDialog::escapeCloses()
{
    ui::VerifyDialog dialog({ m_key });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QTRY_VERIFY(!dialog.isVisible());
}

QTEST_MAIN(TestVerifyDialog)
#include "TestVerifyDialog.moc"
