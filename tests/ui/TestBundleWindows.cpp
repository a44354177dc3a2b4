// A "one thing" case at the back office, by keyboard: the approver decides and seals each of the
// four matters of 我要开饭店 in the decision dialog; the certificate window then prints the four
// licences in one PDF job, each with its own serial.
#include "TestSupport.h"

#include "core/Identifiers.h"
#include "services/AuthService.h"
#include "services/CertificateService.h"
#include "services/HallService.h"
#include "services/InspectionService.h"
#include "services/IntakeService.h"
#include "services/ReviewService.h"
#include "ui/CertificateWindowWidget.h"
#include "ui/DecisionDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace oneseal;

namespace {
QWidget* focused()
{
    return QApplication::focusWidget();
}

QString focusedName()
{
    return focused() ? focused()->objectName() : QString();
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

const QString kRestaurant = QStringLiteral("140800-TC-0001"); // 我要开饭店
} // namespace

class TestBundleWindows : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fourMattersDecidedSealedAndPrintedByKeyboard();

private:
    services::Session& as(const QString& username);

    std::unique_ptr<test::TempHall> m_hall;
    core::FixedClock m_clock{QDateTime(QDate(2025, 3, 3), QTime(9, 30))};
    std::map<QString, std::unique_ptr<services::Session>> m_sessions;
    QString m_caseId;
};

services::Session& TestBundleWindows::as(const QString& username)
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

void TestBundleWindows::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>(m_clock);
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    services::IntakeService intake(as(QStringLiteral("clerk")));
    const auto subject = intake.subject(kRestaurant);
    QVERIFY(subject);
    services::IntakeRequest r;
    r.subjectCode = kRestaurant;
    const QString first17 = QStringLiteral("14080219800512001");
    r.applicant.idNumber = first17 + core::residentIdCheckChar(first17);
    r.applicant.name = QStringLiteral("王建国");
    r.applicant.phone = QStringLiteral("13903591234");
    r.applicant.address = QStringLiteral("运城市盐湖区解放路 1 号");
    r.materials = intake.checklistFor(*subject);
    for (auto& m : r.materials) {
        m.state = core::MaterialState::Received;
        m.count = 1;
    }
    QString error;
    const auto accepted = intake.record(r, &error);
    QVERIFY2(accepted, qPrintable(error));
    m_caseId = accepted->caseId;
    services::InspectionService inspection(as(QStringLiteral("inspector")));
    QVERIFY2(services::ReviewService(as(QStringLiteral("reviewer"))).pass(m_caseId, QString(), &error), qPrintable(error));
    QVERIFY2(inspection.schedule({{m_caseId}, m_clock.now().date(),
                                  {as(QStringLiteral("inspector")).user().id, as(QStringLiteral("inspector2")).user().id}},
                                 &error),
             qPrintable(error));
    QVERIFY2(inspection.recordResult(m_caseId, true, QString(), {}, &error), qPrintable(error));
}

void TestBundleWindows::fourMattersDecidedSealedAndPrintedByKeyboard()
{
    services::Session& approver = as(QStringLiteral("approver"));
    {
        ui::DecisionDialog dialog(approver, m_caseId);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.activateWindow();
        auto* combo = dialog.findChild<QComboBox*>(QStringLiteral("matterCombo"));
        QVERIFY(combo->isVisible());
        QCOMPARE(combo->count(), 4);
        QTRY_COMPARE(focusedName(), QStringLiteral("reasonsEdit"));
        // Shift+Tab reaches the matter; each matter in turn: Tab, Tab to Approve, Space; then the
        // password, Tab, Space on "Apply the seal" seals that matter's decision; the next open matter comes up by itself.
        press(Qt::Key_Backtab);
        QCOMPARE(focusedName(), QStringLiteral("matterCombo"));
        for (int i = 0; i < 4; ++i) {
            const QString matter = combo->currentData().toString();
            press(Qt::Key_Tab);
            QCOMPARE(focusedName(), QStringLiteral("reasonsEdit"));
            press(Qt::Key_Tab);
            QCOMPARE(focusedName(), QStringLiteral("approveButton"));
            press(Qt::Key_Space);
            QVERIFY2(dialog.messageText().contains(QLatin1String("Approved")), qPrintable(dialog.messageText()));
            QTRY_COMPARE(focusedName(), QStringLiteral("passwordEdit"));
            QCOMPARE(combo->currentData().toString(), matter); // the matter just decided waits for its seal
            QTest::keyClicks(focused(), services::HallService::demoPassword());
            press(Qt::Key_Tab);
            QCOMPARE(focusedName(), QStringLiteral("sealButton"));
            press(Qt::Key_Space);
            QVERIFY2(dialog.messageText().contains(QLatin1String("seal register")),
                     qPrintable(QString::number(i) + QLatin1Char(' ') + dialog.messageText()));
            const auto state = services::IntakeService(approver).caseState(m_caseId);
            QCOMPARE(state->matterResult(matter)->decision, core::Decision::Approved);
            QCOMPARE(state->matterResult(matter)->sealCount, 1);
            if (i < 3) {
                QVERIFY(combo->currentData().toString() != matter);
                combo->setFocus();
            }
        }
    }
    auto state = services::IntakeService(approver).caseState(m_caseId);
    QCOMPARE(state->decision, core::Decision::Approved);
    QCOMPARE(state->sealCount, 4);

    // The certificate window: the case in the ready list, printed to PDF in one job of four licences.
    services::Session& certifier = as(QStringLiteral("certifier"));
    ui::CertificateWindowWidget window(certifier);
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("bundle.pdf"));
    window.setPdfFileChooser([&](const QString&) { return pdf; });
    window.resize(1100, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    auto* list = window.findChild<QListWidget*>(QStringLiteral("readyList"));
    QCOMPARE(list->count(), 1);
    list->setFocus();
    QTRY_COMPARE(focused(), static_cast<QWidget*>(list));
    press(Qt::Key_A, Qt::ControlModifier);
    press(Qt::Key_Tab);
    QCOMPARE(focusedName(), QStringLiteral("outputCombo"));
    press(Qt::Key_End);
    press(Qt::Key_Tab);
    press(Qt::Key_Tab);
    QCOMPARE(focusedName(), QStringLiteral("printSelectedButton"));
    press(Qt::Key_Space);
    QVERIFY2(QFile::exists(pdf), qPrintable(window.messageText()));
    QVERIFY2(window.messageText().contains(QLatin1String("4 certificate(s) written")), qPrintable(window.messageText()));
    const QString info = run(QStringLiteral("pdfinfo"), {pdf});
    const QRegularExpressionMatch pages = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
    QVERIFY2(pages.hasMatch(), qPrintable(info));
    QCOMPARE(pages.captured(1).toInt(), 4);

    state = services::IntakeService(certifier).caseState(m_caseId);
    QSet<QString> numbers;
    for (const core::MatterResult& m : state->matterResults) {
        QVERIFY(m.activeCertificate());
        QVERIFY(m.activeCertificate()->printed);
        numbers.insert(m.activeCertificate()->number);
    }
    QCOMPARE(numbers.size(), 4);
    const QString text = run(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
    for (const QString& number : std::as_const(numbers))
        QVERIFY2(text.contains(number), qPrintable(number));
}

QTEST_MAIN(TestBundleWindows)
#include "TestBundleWindows.moc"
