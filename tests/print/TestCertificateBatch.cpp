#include "print/CertificateBatch.h"

#include <QGuiApplication>
#include <QPrinter>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;

namespace {

QString run(const QStringList& arguments, const QString& program = QStringLiteral("pdfinfo"))
{
    QProcess p;
    p.start(program, arguments);
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

print::CertificateDocument licence(const QString& serial)
{
    print::CertificateDocument d;
    d.fields = { { QStringLiteral("serial"), serial },
        { QStringLiteral("holderName"), QStringLiteral("运城市盐湖区老王餐饮有限公司") },
        { QStringLiteral("matterName"), QStringLiteral("旅行社业务经营许可") },
        { QStringLiteral("validity"), QStringLiteral("自2026年11月26日至2031年11月25日") },
        { QStringLiteral("issuer"), QStringLiteral("运城市行政审批服务管理局") },
        { QStringLiteral("issueDate"), QStringLiteral("2026年11月26日") } };
    return d;
}

print::CertificateDocument decision(const QString& serial)
{
    print::CertificateDocument d;
    d.fields = { { QStringLiteral("serial"), serial }, { QStringLiteral("addressee"), QStringLiteral("李明远") },
        { QStringLiteral("body"),
            QStringLiteral("你（单位）提出的申请，经审查，符合法定条件、标准，决定准予行政许可。") },
        { QStringLiteral("signer"), QStringLiteral("杨审批") },
        { QStringLiteral("issuer"), QStringLiteral("运城市行政审批服务管理局") },
        { QStringLiteral("issueDate"), QStringLiteral("2026年11月26日") } };
    return d;
}

} // namespace

/** Several certificates as one print job: each on its template's paper, with that template's calibration. */
class TestCertificateBatch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void mixedTemplatesInOneJob();
    void oneInvalidCertificateRefusesTheJob();

private:
    print::CertificateTemplate m_licence;
    print::CertificateTemplate m_decision;
};

void TestCertificateBatch::initTestCase()
{
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("pdfinfo")).isEmpty(), "pdfinfo (poppler-utils) is needed");
    m_licence = *print::CertificateTemplate::builtIn(QStringLiteral("administrative-licence"));
    m_decision = *print::CertificateTemplate::builtIn(QStringLiteral("licence-decision"));
}

void TestCertificateBatch::mixedTemplatesInOneJob()
{
    print::CertificateBatch batch;
    batch.add(m_licence, licence(QStringLiteral("ZS202600000001")));
    batch.add(m_decision, decision(QStringLiteral("ZS202600000002")));
    batch.add(m_licence, licence(QStringLiteral("ZS202600000003")));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("batch.pdf"));
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    QStringList asked;
    QString error;
    QVERIFY2(batch.print(
                 printer, print::PrintMode::PlainPaper,
                 [&](const QString& id) {
                     asked << id;
                     return print::Calibration { 1.0, -1.0, 1.0 };
                 },
                 &error),
        qPrintable(error));
    QCOMPARE(asked, (QStringList { m_licence.id(), m_decision.id(), m_licence.id() }));

    // A3 landscape, A4 portrait, A3 landscape: each sheet on its own template's paper.
    const QString info
        = run({ QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("3"), path });
    QVERIFY2(info.contains(QRegularExpression(QStringLiteral("Pages:\\s+3"))), qPrintable(info));
    QRegularExpression size(QStringLiteral("Page\\s+(\\d) size:\\s+([\\d.]+) x ([\\d.]+) pts"));
    QList<QSizeF> sizes;
    for (auto it = size.globalMatch(info); it.hasNext();) {
        const auto m = it.next();
        sizes << QSizeF(m.captured(2).toDouble() * 25.4 / 72, m.captured(3).toDouble() * 25.4 / 72);
    }
    QCOMPARE(sizes.size(), 3);
    QVERIFY2(qAbs(sizes[0].width() - 420) < 1 && qAbs(sizes[0].height() - 297) < 1, qPrintable(info));
    QVERIFY2(qAbs(sizes[1].width() - 210) < 1 && qAbs(sizes[1].height() - 297) < 1, qPrintable(info));
    QVERIFY2(qAbs(sizes[2].width() - 420) < 1 && qAbs(sizes[2].height() - 297) < 1, qPrintable(info));
    for (int page = 1; page <= 3; ++page) {
        const QString text = run({ QStringLiteral("-f"), QString::number(page), QStringLiteral("-l"),
                                     QString::number(page), path, QStringLiteral("-") },
            QStringLiteral("pdftotext"));
        QVERIFY2(text.contains(QStringLiteral("ZS20260000000%1").arg(page)), qPrintable(text));
    }
}

void TestCertificateBatch::oneInvalidCertificateRefusesTheJob()
{
    print::CertificateBatch batch;
    QString error;
    QPrinter empty(QPrinter::HighResolution);
    QVERIFY(!batch.print(empty, print::PrintMode::PlainPaper, {}, &error));
    QVERIFY(error.contains(QLatin1String("no certificate")));

    batch.add(m_licence, licence(QStringLiteral("ZS202600000001")));
    print::CertificateDocument missing = decision(QStringLiteral("ZS202600000002"));
    missing.fields.remove(QStringLiteral("addressee"));
    batch.add(m_decision, missing);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("refused.pdf"));
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    QVERIFY(!batch.print(printer, print::PrintMode::PlainPaper, {}, &error));
    QVERIFY2(error.contains(QLatin1String("Certificate 2 of the batch")), qPrintable(error));
    QVERIFY(!QFile::exists(path));
}

QTEST_MAIN(TestCertificateBatch)
#include "TestCertificateBatch.moc"
