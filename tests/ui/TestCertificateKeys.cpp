// The certificate operator's session for a decided 我要开饭店 case, key by key (issue 15): find the
// case, print every licence of the bundle in one job to the window's printer, hand them over. The
// keys beyond typed data (case number, holder's name and ID number) are counted, and what was
// recorded and printed is checked.
#include "CounterKeys.h"
#include "PdfText.h"
#include "TestSupport.h"

#include "core/Identifiers.h"
#include "print/PdfFileOutput.h"
#include "services/AuthService.h"
#include "services/CertificateService.h"
#include "services/DecisionService.h"
#include "services/HallService.h"
#include "services/InspectionService.h"
#include "services/IntakeService.h"
#include "services/ReviewService.h"
#include "ui/CertificateWindowWidget.h"

#include <algorithm>

#include <QApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace oneseal;

namespace {
const QString kRestaurant = QStringLiteral("140800-TC-0001"); // 我要开饭店: four matters, four licences

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestCertificateKeys : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void decidedRestaurantPrintedAndHandedOverInFourKeys();

private:
    services::Session& as(const QString& username);
    /** 我要开饭店 accepted, reviewed, inspected, and every matter approved and sealed. */
    QString decidedRestaurant();

    std::unique_ptr<test::TempHall> m_hall;
    core::FixedClock m_clock{QDateTime(QDate(2025, 3, 3), QTime(9, 30))}; // a Monday
    std::map<QString, std::unique_ptr<services::Session>> m_sessions;
    QString m_applicantId;
};

services::Session& TestCertificateKeys::as(const QString& username)
{
    auto& slot = m_sessions[username];
    if (!slot) {
        QString error;
        slot = services::AuthService(m_hall->path(), m_clock).login(username, services::HallService::demoPassword(), &error);
        if (!slot)
            qFatal("login of %s failed: %s", qPrintable(username), qPrintable(error));
    }
    return *slot;
}

QString TestCertificateKeys::decidedRestaurant()
{
    services::IntakeService intake(as(QStringLiteral("clerk")));
    const auto subject = intake.subject(kRestaurant);
    if (!subject)
        return QString();
    services::IntakeRequest r;
    r.subjectCode = kRestaurant;
    const QString first17 = QStringLiteral("14080219800512001");
    m_applicantId = first17 + core::residentIdCheckChar(first17);
    r.applicant.idNumber = m_applicantId;
    r.applicant.name = QStringLiteral("王建国");
    r.applicant.phone = QStringLiteral("13903591234");
    r.applicant.address = QStringLiteral("运城市盐湖区解放路 1 号");
    r.materials = intake.checklistFor(*subject);
    for (auto& m : r.materials)
        m.state = core::MaterialState::Received, m.count = 1;
    r.outcome = core::IntakeOutcome::Accept;
    QString error;
    const auto accepted = intake.record(r, &error);
    if (!accepted) {
        qWarning("intake: %s", qPrintable(error));
        return QString();
    }
    const QString id = accepted->caseId;
    // A bundle is reviewed matter by matter and inspected per visit (a visit covers the matters the
    // catalog combines; fire safety and the signboard have their own).
    services::InspectionService inspection(as(QStringLiteral("inspector")));
    services::ReviewService review(as(QStringLiteral("reviewer")));
    for (const core::MatterResult& m : accepted->matterResults)
        if (!review.pass(id, QString(), &error, m.code)) {
            qWarning("review of %s: %s", qPrintable(m.code), qPrintable(error));
            return QString();
        }
    const QStringList inspectors{as(QStringLiteral("inspector")).user().id, as(QStringLiteral("inspector2")).user().id};
    for (int visits = 0; visits < 10; ++visits) {
        const auto reviewed = intake.caseState(id);
        if (!reviewed)
            return QString();
        const auto next = std::find_if(reviewed->matterResults.cbegin(), reviewed->matterResults.cend(),
                                       [](const core::MatterResult& m) { return m.awaitsInspection(); });
        if (next == reviewed->matterResults.cend())
            break;
        if (!inspection.schedule({{id}, m_clock.now().date(), inspectors, {next->code}}, &error)
            || !inspection.recordResult(id, true, QString(), {}, &error, next->code)) {
            qWarning("inspection of %s: %s", qPrintable(next->code), qPrintable(error));
            return QString();
        }
    }
    services::DecisionService decision(as(QStringLiteral("approver")));
    const auto inspected = intake.caseState(id);
    if (!inspected)
        return QString();
    for (const core::MatterResult& m : inspected->matterResults) {
        const QByteArray doc = QCryptographicHash::hash(("decision " + id + m.code).toUtf8(), QCryptographicHash::Sha256);
        if (!decision.approve(id, QString(), &error, m.code)
            || !decision.applySeal(id, services::HallService::demoPassword(), doc,
                                   QStringLiteral("准予行政许可决定书"), &error, m.code)) {
            qWarning("decision of %s: %s", qPrintable(m.code), qPrintable(error));
            return QString();
        }
    }
    return id;
}

void TestCertificateKeys::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>(m_clock);
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
}

void TestCertificateKeys::decidedRestaurantPrintedAndHandedOverInFourKeys()
{
    const QString caseId = decidedRestaurant();
    QVERIFY(!caseId.isEmpty());
    services::Session& certifier = as(QStringLiteral("certifier"));
    const auto decided = services::IntakeService(certifier).caseState(caseId);
    QVERIFY(decided);
    QCOMPARE(decided->status, core::CaseStatus::Approved);
    const QStringList licences = services::CertificateService::certificateMatters(*decided);
    QCOMPARE(licences.size(), 4);
    m_clock.set(QDateTime(QDate(2025, 3, 5), QTime(10, 0)));
    const qint64 eventsBefore = certifier.events().count();

    ui::CertificateWindowWidget window(certifier);
    QTemporaryDir out;
    const QString pdfPath = out.filePath(QStringLiteral("licences.pdf"));
    print::PdfFileOutput printer(pdfPath); // the window's printer: a PDF printer
    window.setDocumentOutput(&printer);
    window.resize(1100, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QTRY_COMPARE(test::KeySession::focusName(), QStringLiteral("caseNoEdit")); // the window opens on the case number

    test::KeySession keys;
    QVERIFY(keys.type(decided->caseNo.toLower())); // typed: the case number (any case)
    QVERIFY(keys.key(Qt::Key_Return));             // 1 Enter: the case found, the cursor on "Take a number and print"
    QCOMPARE(test::KeySession::focusName(), QStringLiteral("printButton"));
    QVERIFY(!QFile::exists(pdfPath));
    QVERIFY(keys.key(Qt::Key_Return)); // 2 Enter: every licence of the bundle in one job, to the window's printer
    QVERIFY2(QFile::exists(pdfPath), qPrintable(window.messageText()));
    QVERIFY2(window.messageText().contains(QLatin1String("printed")), qPrintable(window.messageText()));
    QCOMPARE(test::KeySession::focusName(), QStringLiteral("collectorNameEdit")); // next: hand them over
    QVERIFY(keys.type(QStringLiteral("王建国"))); // typed: the holder's name
    QVERIFY(keys.key(Qt::Key_Tab));             // 3 Tab
    QCOMPARE(test::KeySession::focusName(), QStringLiteral("collectorIdEdit"));
    QVERIFY(keys.type(m_applicantId));          // typed: the holder's ID number
    QVERIFY(keys.key(Qt::Key_Return));          // 4 Enter: handed over, the case completed
    QCOMPARE(keys.count(), 4);
    QVERIFY2(window.messageText().contains(QLatin1String("Handed over")), qPrintable(window.messageText()));
    // Ready for the next holder: the cursor back on the case number, ready to be typed over.
    QCOMPARE(test::KeySession::focusName(), QStringLiteral("caseNoEdit"));
    QVERIFY(window.findChild<QLineEdit*>(QStringLiteral("caseNoEdit"))->hasSelectedText());

    // Recorded: per licence its number, its signature with the seal key and its print; then the hand-over.
    const QList<core::Event> added = certifier.events().allEvents().mid(int(eventsBefore));
    QMap<QString, int> kinds;
    for (const core::Event& e : added) {
        QCOMPARE(e.caseId, caseId);
        ++kinds[e.kind];
    }
    QCOMPARE(kinds.value(core::eventkind::certificateNumbered), 4);
    QCOMPARE(kinds.value(QStringLiteral("certificate.signed")), 4);
    QCOMPARE(kinds.value(core::eventkind::certificatePrinted), 4);
    QCOMPARE(kinds.value(core::eventkind::certificateIssued), 1);
    QCOMPARE(added.size(), 13);
    QCOMPARE(added.last().kind, core::eventkind::certificateIssued);
    const auto done = services::IntakeService(certifier).caseState(caseId);
    QVERIFY(done->completed);

    // Printed: one job, one page per licence, each with its own serial.
    const QByteArray pdf = readFile(pdfPath);
    if (const QString dir = qEnvironmentVariable("ONESEAL_TEST_OUTPUT_DIR"); !dir.isEmpty())
        QFile::copy(pdfPath, dir + QStringLiteral("/certificate-window-licences.pdf"));
    QCOMPARE(test::pdfPageCount(pdf), 4);
    const QString text = test::pdfText(pdf);
    QSet<QString> serials;
    for (const QString& code : licences) {
        const core::MatterResult* m = done->matterResult(code);
        QVERIFY(m && m->activeCertificate() && m->activeCertificate()->printed);
        const QString serial = m->activeCertificate()->number;
        QVERIFY2(text.contains(serial), qPrintable(serial + QLatin1Char(' ') + text.left(400)));
        serials.insert(serial);
    }
    QCOMPARE(serials.size(), 4);
    QVERIFY(text.contains(QStringLiteral("王建国")));
}

QTEST_MAIN(TestCertificateKeys)
#include "TestCertificateKeys.moc"
