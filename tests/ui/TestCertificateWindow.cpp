#include "TestSupport.h"

#include "core/Identifiers.h"
#include "print/CertificateTemplate.h"
#include "services/AuthService.h"
#include "services/CertificateService.h"
#include "services/DecisionService.h"
#include "services/HallService.h"
#include "services/IntakeService.h"
#include "services/ReviewService.h"
#include "ui/CertificateWindowWidget.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace oneseal;

namespace {

QWidget* focused()
{
    return QApplication::focusWidget();
}

void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(focused(), key, modifiers);
}

QString run(const QString& program, const QStringList& arguments)
{
    QProcess p;
    p.start(program, arguments);
    if (!p.waitForFinished(60000))
        return QString();
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

/** Batch printing at the certificate window: several cases in one PDF job, each with its own serial. */
class TestCertificateWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void batchPrintToPdfSkipsTheCaseThatOwesACoreMaterial();

private:
    services::Session& as(const QString& username);
    /** A case of m_matter accepted, reviewed, approved and sealed; its core material deferred when \a defer. */
    QString approvedAndSealed(const QString& applicant, const QString& idFirst17, bool defer);

    std::unique_ptr<test::TempHall> m_hall;
    core::FixedClock m_clock { QDateTime(QDate(2025, 6, 3), QTime(9, 0)) };
    std::map<QString, std::unique_ptr<services::Session>> m_sessions;
    QString m_matter;
    QList<QPair<QString, QString>> m_ready; ///< case id, holder
    QString m_owing;
};

services::Session& TestCertificateWindow::as(const QString& username)
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

QString TestCertificateWindow::approvedAndSealed(const QString& applicant, const QString& idFirst17, bool defer)
{
    QString error;
    const auto accepted = test::acceptCase(
        as(QStringLiteral("clerk")), [this](const core::Matter& m) { return m.code == m_matter; }, idFirst17,
        applicant, QStringLiteral("13903591234"), &error, defer);
    if (!accepted) {
        qWarning("intake: %s", qPrintable(error));
        return QString();
    }
    const QString id = accepted->caseId;
    services::DecisionService decision(as(QStringLiteral("approver")));
    const QByteArray doc = QCryptographicHash::hash("decision " + id.toUtf8(), QCryptographicHash::Sha256);
    if (!services::ReviewService(as(QStringLiteral("reviewer"))).pass(id, QString(), &error)
        || !decision.approve(id, QString(), &error)
        || !decision.applySeal(
            id, services::HallService::demoPassword(), doc, QStringLiteral("准予行政许可决定书"), &error)) {
        qWarning("back office: %s", qPrintable(error));
        return QString();
    }
    return id;
}

void TestCertificateWindow::initTestCase()
{
    QVERIFY2(
        !QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty(), "pdftotext (poppler-utils) is needed");
    m_hall = std::make_unique<test::TempHall>(m_clock);
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    // A matter without site inspection whose core material may be deferred, with a certificate template.
    services::IntakeService intake(as(QStringLiteral("clerk")));
    for (const core::Matter& m : intake.catalog().matters) {
        const bool deferrableCore = std::any_of(m.materials.begin(), m.materials.end(),
            [](const core::Material& x) { return x.core && x.requirement == core::MaterialRequirement::Deferrable; });
        if (!m.siteInspection && !m.instant && m.deferralAllowed && deferrableCore
            && print::CertificateTemplate::forResult(
                print::CertificateTemplate::builtIn(), m.resultType, m.resultName)) {
            m_matter = m.code;
            break;
        }
    }
    QVERIFY(!m_matter.isEmpty());
    const QList<QPair<QString, QString>> holders { { QStringLiteral("李明远"), QStringLiteral("14080219800101001") },
        { QStringLiteral("赵文静"), QStringLiteral("14080219851212002") },
        { QStringLiteral("孙海涛"), QStringLiteral("14080219900606003") } };
    for (const auto& [name, id] : holders) {
        const QString caseId = approvedAndSealed(name, id, false);
        QVERIFY(!caseId.isEmpty());
        m_ready.append({ caseId, name });
    }
    m_owing = approvedAndSealed(QStringLiteral("周欠材"), QStringLiteral("14080219750505004"), true);
    QVERIFY(!m_owing.isEmpty());
    QVERIFY(services::IntakeService(as(QStringLiteral("clerk"))).caseState(m_owing)->owesCoreMaterial());
}

void TestCertificateWindow::batchPrintToPdfSkipsTheCaseThatOwesACoreMaterial()
{
    m_clock.set(QDateTime(QDate(2025, 6, 4), QTime(10, 0)));
    services::Session& certifier = as(QStringLiteral("certifier"));
    ui::CertificateWindowWidget window(certifier);
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("batch.pdf"));
    int asked = 0;
    window.setPdfFileChooser([&](const QString&) {
        ++asked;
        return pdf;
    });
    window.resize(1100, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();

    auto* list = window.findChild<QListWidget*>(QStringLiteral("readyList"));
    QCOMPARE(list->count(), 4);
    const auto before = certifier.events().count();

    // Keyboard: the list, Ctrl+A selects every case; Tab to the output, End picks "PDF file";
    // Tab past "pre-printed stock" to "Print selected", Space.
    list->setFocus();
    QTRY_COMPARE(focused(), static_cast<QWidget*>(list));
    press(Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(list->selectedItems().size(), 4);
    press(Qt::Key_Tab);
    QCOMPARE(focused()->objectName(), QStringLiteral("outputCombo"));
    press(Qt::Key_End);
    QVERIFY(static_cast<QComboBox*>(focused())->currentText().startsWith(QLatin1String("PDF")));
    press(Qt::Key_Tab);
    QCOMPARE(focused()->objectName(), QStringLiteral("stockCheck"));
    press(Qt::Key_Tab);
    QCOMPARE(focused()->objectName(), QStringLiteral("printSelectedButton"));
    press(Qt::Key_Space);
    QCOMPARE(asked, 1);
    const QString message = window.messageText();
    QVERIFY2(QFile::exists(pdf), qPrintable(message));

    // The owing case is named with its reason; the other three are in the PDF.
    const QString owingNo = services::IntakeService(certifier).caseState(m_owing)->caseNo;
    QVERIFY2(message.contains(QLatin1String("3 certificate(s) written")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("Not printed")), qPrintable(message));
    QVERIFY2(message.contains(owingNo + QLatin1String(": A core material")), qPrintable(message));

    const QString info = run(QStringLiteral("pdfinfo"), { pdf });
    const QRegularExpressionMatch pages = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
    QVERIFY2(pages.hasMatch(), qPrintable(info));
    QCOMPARE(pages.captured(1).toInt(), 3);

    services::CertificateService service(certifier);
    QSet<QString> numbers;
    for (const auto& [caseId, holder] : std::as_const(m_ready)) {
        const auto rows = service.certificates(caseId);
        QCOMPARE(rows.size(), 1);
        QVERIFY(rows.first().printed);
        QVERIFY(message.contains(rows.first().number));
        numbers.insert(rows.first().number);
        QCOMPARE(services::IntakeService(certifier).caseState(caseId)->status, core::CaseStatus::CertificatePrinted);
        QCOMPARE(certifier.events().caseEvents(caseId).last().kind, core::eventkind::certificatePrinted);
    }
    QCOMPARE(numbers.size(), 3); // each its own serial

    // Each page holds one certificate: its serial and its holder, and no other case's serial.
    QSet<QString> seen;
    for (int page = 1; page <= 3; ++page) {
        const QString text = run(QStringLiteral("pdftotext"),
            { QStringLiteral("-f"), QString::number(page), QStringLiteral("-l"), QString::number(page), pdf,
                QStringLiteral("-") });
        int found = 0;
        for (const auto& [caseId, holder] : std::as_const(m_ready)) {
            const QString number = service.certificates(caseId).first().number;
            if (!text.contains(number))
                continue;
            ++found;
            seen.insert(number);
            QVERIFY2(text.contains(holder), qPrintable(text));
        }
        QVERIFY2(found == 1, qPrintable(text));
    }
    QCOMPARE(seen, numbers);

    // The owing case: no number taken, nothing recorded, still waiting in the list.
    QVERIFY(service.certificates(m_owing).isEmpty());
    for (const core::Event& e : certifier.events().caseEvents(m_owing))
        QVERIFY(!e.kind.startsWith(QLatin1String("certificate.")));
    QCOMPARE(certifier.events().count(), before + 3 * 3); // numbered + signed with the seal key + printed, per printed case
    QCOMPARE(list->count(), 1);
    QVERIFY(list->item(0)->text().contains(owingNo));
    QVERIFY(list->item(0)->text().contains(QLatin1String("core material owed")));

    // Printing nothing selected is refused with a message.
    list->clearSelection();
    QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("printSelectedButton")), Qt::LeftButton);
    QVERIFY(window.messageText().contains(QLatin1String("Select the cases")));
    QCOMPARE(asked, 1);
}

QTEST_MAIN(TestCertificateWindow)
#include "TestCertificateWindow.moc"
