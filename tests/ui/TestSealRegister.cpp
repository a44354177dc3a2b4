// Issue 14 item 7: every seal impression is registered. Each document issued with the seal (the
// intake notice, the decision, every certificate print, reprint and batch sheet) adds its own row
// with its own hash; a notice without the seal adds none; the register window filters by kind
// (by keyboard) and exports what it shows as CSV.
#include "TestSupport.h"

#include "db/BackOfficeRepository.h"
#include "documents/DocumentIssuer.h"
#include "print/CertificateTemplate.h"
#include "print/MemoryOutput.h"
#include "services/AuthService.h"
#include "services/DecisionService.h"
#include "services/HallService.h"
#include "services/IntakeService.h"
#include "services/ReviewService.h"
#include "ui/SealRegisterWidget.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace oneseal;

class TestSealRegister : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everySealedDocumentHasItsOwnRow();
    void registerFiltersByKindAndExports();

private:
    services::Session& as(const QString& username);
    QString accepted(const QString& name, const QString& idFirst17);
    /** Records one sealed document issued: its hash, expected once in the register under \a kind. */
    void expectRow(const documents::IssuedDocument& doc, core::SealedDocument kind);

    std::unique_ptr<test::TempHall> m_hall;
    core::FixedClock m_clock { QDateTime(QDate(2025, 6, 3), QTime(9, 0)) };
    std::map<QString, std::unique_ptr<services::Session>> m_sessions;
    QString m_matter;
    QMultiMap<core::SealedDocument, QString> m_expected; ///< hex hashes by kind
};

services::Session& TestSealRegister::as(const QString& username)
{
    auto& slot = m_sessions[username];
    if (!slot) {
        QString error;
        slot = services::AuthService(m_hall->path(), m_clock)
                   .login(username, services::HallService::demoPassword(), &error);
        if (!slot)
            qFatal("login of %s failed: %s", qPrintable(username), qPrintable(error));
    }
    return *slot;
}

QString TestSealRegister::accepted(const QString& name, const QString& idFirst17)
{
    QString error;
    const QString matter = m_matter;
    const auto state = test::acceptCase(
        as(QStringLiteral("clerk")), [&](const core::Matter& m) { return m.code == matter; }, idFirst17, name,
        QStringLiteral("13903591234"), &error);
    if (!state)
        qFatal("intake: %s", qPrintable(error));
    return state->caseId;
}

void TestSealRegister::expectRow(const documents::IssuedDocument& doc, core::SealedDocument kind)
{
    QVERIFY2(doc.recorded(), qPrintable(doc.error));
    m_expected.insert(kind, QString::fromLatin1(doc.contentHash.toHex()));
}

void TestSealRegister::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>(m_clock);
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    const services::IntakeService intake(as(QStringLiteral("clerk")));
    for (const core::Matter& m : intake.catalog().matters) {
        if (!m.siteInspection && !m.instant
            && print::CertificateTemplate::forResult(
                print::CertificateTemplate::builtIn(), m.resultType, m.resultName)) {
            m_matter = m.code;
            break;
        }
    }
    QVERIFY(!m_matter.isEmpty());
}

void TestSealRegister::everySealedDocumentHasItsOwnRow()
{
    print::MemoryOutput output;
    QString error;
    const QStringList ids { accepted(QStringLiteral("周建华"), QStringLiteral("14080219750505004")),
        accepted(QStringLiteral("李明远"), QStringLiteral("14080219800101001")),
        accepted(QStringLiteral("孙海涛"), QStringLiteral("14080219900606003")) };
    // The intake notice carries the seal: one row each time it is printed (twice for the first case).
    documents::DocumentIssuer clerk(as(QStringLiteral("clerk")), output);
    expectRow(clerk.printIntakeNotice(ids.at(0)), core::SealedDocument::Notice);
    expectRow(clerk.printIntakeNotice(ids.at(0)), core::SealedDocument::Notice);
    expectRow(clerk.printIntakeNotice(ids.at(1)), core::SealedDocument::Notice);
    if (QTest::currentTestFailed())
        return;

    for (const QString& id : ids) {
        QVERIFY2(
            services::ReviewService(as(QStringLiteral("reviewer"))).pass(id, QString(), &error), qPrintable(error));
        QVERIFY2(services::DecisionService(as(QStringLiteral("approver"))).approve(id, QString(), &error),
            qPrintable(error));
        expectRow(documents::DocumentIssuer(as(QStringLiteral("approver")), output)
                      .sealDecision(id, services::HallService::demoPassword()),
            core::SealedDocument::Decision);
    }

    // A certificate, its reprint, and a batch of the other two: a row per sheet.
    documents::DocumentIssuer certifier(as(QStringLiteral("certifier")), output);
    expectRow(certifier.printCertificate(ids.at(0)), core::SealedDocument::Certificate);
    expectRow(certifier.reprintCertificate(ids.at(0), QStringLiteral("卡纸")), core::SealedDocument::Reprint);
    const documents::CertificateBatchResult batch
        = certifier.printCertificates({ ids.at(1), ids.at(2) }, print::PrintMode::PlainPaper);
    QVERIFY2(batch.output, qPrintable(batch.jobError));
    for (const documents::IssuedDocument& item : batch.certificates)
        expectRow(item, core::SealedDocument::Certificate);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(m_expected.size(), 3 + 3 + 4);

    const QList<db::SealRegisterRow> rows
        = db::BackOfficeRepository(as(QStringLiteral("supervisor")).database().sql()).sealRegister();
    QCOMPARE(rows.size(), m_expected.size());
    QMultiMap<core::SealedDocument, QString> found;
    for (const db::SealRegisterRow& r : rows) {
        found.insert(r.documentKind, r.documentHash);
        QVERIFY(ids.contains(r.caseId));
        QVERIFY(!r.userName.isEmpty());
        QVERIFY(!r.documentTitle.isEmpty());
    }
    for (core::SealedDocument kind : core::sealedDocumentKinds()) {
        QStringList want = m_expected.values(kind);
        QStringList got = found.values(kind);
        want.sort();
        got.sort();
        QCOMPARE(got, want);
    }

    // The register is a projection: rebuilt from the events, the same rows.
    QVERIFY2(as(QStringLiteral("supervisor")).events().rebuildProjections(&error), qPrintable(error));
    QCOMPARE(
        db::BackOfficeRepository(as(QStringLiteral("supervisor")).database().sql()).sealRegister().size(), rows.size());
}

void TestSealRegister::registerFiltersByKindAndExports()
{
    ui::SealRegisterWidget widget(as(QStringLiteral("supervisor")));
    widget.resize(1100, 500);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    widget.activateWindow();
    QCOMPARE(widget.model()->rowCount(), m_expected.size());

    // Alt+K to the kind list, Down three times: All, Decision, Notice, Certificate.
    QTest::keyClick(&widget, Qt::Key_K, Qt::AltModifier);
    auto* combo = widget.findChild<QComboBox*>(QStringLiteral("kindCombo"));
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(combo));
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(widget.kind(), core::SealedDocument::Certificate);
    QCOMPARE(widget.model()->rowCount(), int(m_expected.values(core::SealedDocument::Certificate).size()));
    for (int row = 0; row < widget.model()->rowCount(); ++row)
        QCOMPARE(widget.model()->item(row, 2)->text(), QStringLiteral("Certificate"));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("certificates.csv"));
    QVERIFY2(widget.exportTo(path), qPrintable(widget.messageText()));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().mid(3).split('\n');
    QCOMPARE(lines.size(), 1 + 3 + 1); // header, three certificate sheets, the rest after the last CRLF
    QVERIFY(lines.at(0).startsWith("Time,Case number,Document kind,Document,Document SHA-256"));
    for (int i = 1; i <= 3; ++i)
        QVERIFY2(lines.at(i).split(',').at(2) == "Certificate", lines.at(i).constData());
}

QTEST_MAIN(TestSealRegister)
#include "TestSealRegister.moc"
