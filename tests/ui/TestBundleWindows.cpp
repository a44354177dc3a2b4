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
#include "print/PdfFileOutput.h"
#include "ui/CertificateWindowWidget.h"
#include "ui/DecisionDialog.h"
#include "ui/InspectionDialog.h"
#include "ui/QueueModel.h"
#include "ui/ReviewDialog.h"
#include "ui/WorkQueueWidget.h"

#include <QApplication>
#include <QColor>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <map>
#include <memory>

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

/** Once the certificate window's matter list is up (it runs its own event loop), presses \a keys in it. */
void answerMatterList(const QList<Qt::Key>& keys, QString* offered = nullptr)
{
    auto* timer = new QTimer;
    auto tries = std::make_shared<int>(0);
    QObject::connect(timer, &QTimer::timeout, [timer, tries, keys, offered] {
        QWidget* modal = QApplication::activeModalWidget();
        auto* list = modal ? modal->findChild<QListWidget*>(QStringLiteral("certificateMatterList")) : nullptr;
        if (!list && ++*tries < 200)
            return;
        timer->stop();
        timer->deleteLater();
        if (!list) {
            if (modal)
                modal->close();
            return;
        }
        if (offered)
            *offered = QString::number(list->count());
        for (Qt::Key k : keys)
            QTest::keyClick(list, k);
    });
    timer->start(20);
}

const QString kRestaurant = QStringLiteral("140800-TC-0001"); // 我要开饭店
} // namespace

class TestBundleWindows : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void eachMatterReviewedByKeyboard();
    void queueRowFollowsTheMostUrgentMatter();
    void eachVisitScheduledAndRecordedByKeyboard();
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
}

void TestBundleWindows::eachMatterReviewedByKeyboard()
{
    services::Session& reviewer = as(QStringLiteral("reviewer"));
    ui::ReviewDialog dialog(reviewer, m_caseId);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.activateWindow();
    auto* combo = dialog.findChild<QComboBox*>(QStringLiteral("matterCombo"));
    QVERIFY(combo->isVisible());
    QCOMPARE(combo->count(), 4);
    QTRY_COMPARE(focusedName(), QStringLiteral("notesEdit"));
    // Each matter in turn: a note, Tab to "Pass review", Space; the next matter not reviewed comes up.
    QStringList reviewed;
    for (int i = 0; i < 4; ++i) {
        const QString matter = combo->currentData().toString();
        QVERIFY(!reviewed.contains(matter));
        QTest::keyClicks(focused(), QStringLiteral("complete %1").arg(i));
        press(Qt::Key_Tab);
        QCOMPARE(focusedName(), QStringLiteral("passButton"));
        press(Qt::Key_Space);
        QVERIFY2(dialog.messageText().contains(QLatin1String("Review of")), qPrintable(dialog.messageText()));
        reviewed << matter;
        const auto state = services::IntakeService(reviewer).caseState(m_caseId);
        QCOMPARE(state->matterResult(matter)->review, core::MatterResult::Review::Passed);
        QCOMPARE(state->matterResult(matter)->reviewNotes, QStringLiteral("complete %1").arg(i));
        dialog.findChild<QWidget*>(QStringLiteral("notesEdit"))->setFocus();
        QTRY_COMPARE(focusedName(), QStringLiteral("notesEdit"));
    }
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("passButton"))->isEnabled());
    QCOMPARE(services::IntakeService(reviewer).caseState(m_caseId)->status, core::CaseStatus::Reviewed);
}

void TestBundleWindows::queueRowFollowsTheMostUrgentMatter()
{
    // Friday 2025-03-07: the fire-safety check (promised 5 working days) is due Monday 03-10, the
    // food licence (7) on 03-12. The row is yellow for the fire-safety matter and names it.
    m_clock.set(QDateTime(QDate(2025, 3, 7), QTime(9, 0)));
    services::Session& inspector = as(QStringLiteral("inspector"));
    ui::WorkQueueWidget queue(inspector);
    queue.setRole(core::Role::Inspector);
    queue.resize(1100, 500);
    queue.show();
    QVERIFY(QTest::qWaitForWindowExposed(&queue));
    auto* view = queue.findChild<QTableView*>(QStringLiteral("queueView"));
    QAbstractItemModel* model = view->model();
    int row = -1;
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, ui::QueueModel::SubjectColumn).data().toString().contains(QStringLiteral("我要开饭店")))
            row = r;
    QVERIFY(row >= 0);
    const QString due = model->index(row, ui::QueueModel::DueColumn).data().toString();
    QVERIFY2(due.startsWith(QLatin1String("2025-03-10")), qPrintable(due));
    QVERIFY2(due.contains(QStringLiteral("消防安全检查")), qPrintable(due));
    QCOMPARE(model->index(row, ui::QueueModel::NumberColumn).data(Qt::BackgroundRole).value<QColor>(),
             ui::QueueModel::warningColour(core::DeadlineWarning::Yellow));
    // The bundle's own promised date is not what the row shows.
    const auto state = services::IntakeService(inspector).caseState(m_caseId);
    QVERIFY(state->promisedDue != QDate(2025, 3, 10));
    // Tuesday 03-11: the fire matter's promised date has passed: red, whatever the others' dates.
    m_clock.set(QDateTime(QDate(2025, 3, 11), QTime(9, 0)));
    queue.refresh();
    QCOMPARE(model->index(row, ui::QueueModel::NumberColumn).data(Qt::BackgroundRole).value<QColor>(),
             ui::QueueModel::warningColour(core::DeadlineWarning::Red));
    m_clock.set(QDateTime(QDate(2025, 3, 3), QTime(9, 30)));
}

void TestBundleWindows::eachVisitScheduledAndRecordedByKeyboard()
{
    services::Session& inspector = as(QStringLiteral("inspector"));
    ui::InspectionDialog dialog(inspector, m_caseId);
    dialog.resize(900, 900);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.activateWindow();
    auto* combo = dialog.findChild<QComboBox*>(QStringLiteral("matterCombo"));
    auto* inspectors = dialog.findChild<QListWidget*>(QStringLiteral("inspectorsList"));
    QVERIFY(combo->isVisible());
    QCOMPARE(combo->count(), 4);
    const QString second = as(QStringLiteral("inspector2")).user().id;
    // Three visits: 食品经营 with 排水 (the catalog combines them), 消防 alone, 招牌 alone.
    for (int visit = 0; visit < 3; ++visit) {
        const QString matter = combo->currentData().toString();
        QTRY_COMPARE(focusedName(), QStringLiteral("visitDateEdit"));
        for (int i = 0; i < 4 && focusedName() == QStringLiteral("visitDateEdit"); ++i)
            press(Qt::Key_Tab); // through the date's sections
        QCOMPARE(focusedName(), QStringLiteral("inspectorsList"));
        // Down to the second inspector, Space ticks (once: the ticks stay between visits).
        for (int i = 0; i < inspectors->count(); ++i)
            if (inspectors->item(i)->data(Qt::UserRole).toString() == second) {
                while (inspectors->currentRow() < i)
                    press(Qt::Key_Down);
                if (inspectors->item(i)->checkState() != Qt::Checked)
                    press(Qt::Key_Space);
            }
        press(Qt::Key_Tab);
        QCOMPARE(focusedName(), QStringLiteral("scheduleButton"));
        press(Qt::Key_Space);
        QVERIFY2(dialog.messageText().contains(QLatin1String("Visit scheduled")), qPrintable(dialog.messageText()));
        auto state = services::IntakeService(inspector).caseState(m_caseId);
        const QStringList covered = state->inspectionOf(matter)->matterCodes;
        services::IntakeService clerk(as(QStringLiteral("clerk")));
        QCOMPARE(covered, clerk.catalog().inspectionGroup(kRestaurant, matter));
        // The result: focus in the notes, Tab through to "Passed", Space.
        QTRY_COMPARE(focusedName(), QStringLiteral("notesEdit"));
        QCOMPARE(combo->currentData().toString(), matter);
        for (int i = 0; i < 8 && focusedName() != QStringLiteral("passButton"); ++i)
            press(Qt::Key_Tab);
        QCOMPARE(focusedName(), QStringLiteral("passButton"));
        press(Qt::Key_Space);
        QVERIFY2(dialog.messageText().contains(QLatin1String("passed")), qPrintable(dialog.messageText()));
        state = services::IntakeService(inspector).caseState(m_caseId);
        for (const QString& code : covered)
            QCOMPARE(state->matterResult(code)->inspection, QStringLiteral("passed"));
        if (visit < 2)
            QVERIFY(combo->currentData().toString() != matter);
    }
    const auto state = services::IntakeService(inspector).caseState(m_caseId);
    QCOMPARE(state->inspections.size(), 3);
    QCOMPARE(state->status, core::CaseStatus::Inspected);
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

    // Reprint and void pick the matter: the case by its number, the reason, then the list of its
    // certificates (arrows, Enter; Esc cancels). The reprint goes to a PDF file.
    print::PdfFileOutput reprintOutput(dir.filePath(QStringLiteral("reprint.pdf")));
    window.setDocumentOutput(&reprintOutput);
    auto* caseNo = window.findChild<QLineEdit*>(QStringLiteral("caseNoEdit"));
    caseNo->setFocus();
    QTRY_COMPARE(focusedName(), QStringLiteral("caseNoEdit"));
    QTest::keyClicks(focused(), state->caseNo);
    press(Qt::Key_Return);
    auto* reason = window.findChild<QLineEdit*>(QStringLiteral("reasonEdit"));
    reason->setFocus();
    QTRY_COMPARE(focusedName(), QStringLiteral("reasonEdit"));
    QTest::keyClicks(focused(), QStringLiteral("paper jam"));
    press(Qt::Key_Tab);
    QCOMPARE(focusedName(), QStringLiteral("reprintButton"));
    // In the list: Down to the second matter, Enter.
    QString offered;
    answerMatterList({Qt::Key_Down, Qt::Key_Return}, &offered);
    press(Qt::Key_Space);
    QCOMPARE(offered, QStringLiteral("4"));
    QVERIFY2(window.messageText().contains(QLatin1String("Reprinted")), qPrintable(window.messageText()));
    state = services::IntakeService(certifier).caseState(m_caseId);
    const QString second = state->matterResults.at(1).code;
    for (const core::MatterResult& m : state->matterResults)
        QCOMPARE(m.activeCertificate()->reprints, m.code == second ? 1 : 0);
    QCOMPARE(state->matterResults.at(1).activeCertificate()->reprintReasons, QStringList{QStringLiteral("paper jam")});
    const QString reprinted = run(QStringLiteral("pdftotext"), {dir.filePath(QStringLiteral("reprint.pdf")), QStringLiteral("-")});
    QVERIFY2(reprinted.contains(state->matterResults.at(1).activeCertificate()->number), qPrintable(reprinted));

    // Void: Esc in the list voids nothing; then Enter on the first matter voids only its certificate.
    window.activateWindow();
    QTRY_VERIFY(window.isActiveWindow());
    reason->setFocus();
    QTRY_COMPARE(focusedName(), QStringLiteral("reasonEdit"));
    QTest::keyClicks(focused(), QStringLiteral("misprint"));
    press(Qt::Key_Tab);
    press(Qt::Key_Tab);
    QCOMPARE(focusedName(), QStringLiteral("voidButton"));
    const qint64 before = certifier.events().count();
    answerMatterList({Qt::Key_Escape});
    press(Qt::Key_Space);
    QCOMPARE(certifier.events().count(), before);
    window.activateWindow();
    QTRY_VERIFY(window.isActiveWindow());
    window.findChild<QPushButton*>(QStringLiteral("voidButton"))->setFocus();
    QTRY_COMPARE(focusedName(), QStringLiteral("voidButton"));
    answerMatterList({Qt::Key_Return});
    press(Qt::Key_Space);
    state = services::IntakeService(certifier).caseState(m_caseId);
    const QString first = state->matterResults.at(0).code;
    QVERIFY2(!state->matterResults.at(0).activeCertificate(), qPrintable(window.messageText()));
    for (const core::MatterResult& m : state->matterResults)
        if (m.code != first)
            QVERIFY(m.activeCertificate() && !m.activeCertificate()->voided);
}

QTEST_MAIN(TestBundleWindows)
#include "TestBundleWindows.moc"
