#include "CounterKeys.h"
#include "PdfText.h"
#include "TestSupport.h"

#include "core/Identifiers.h"
#include "print/PdfFileOutput.h"
#include "services/IntakeService.h"
#include "ui/ChecklistModel.h"
#include "ui/IntakeWorkbench.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace oneseal;

namespace {
QString residentId(const QString& first17)
{
    return first17 + core::residentIdCheckChar(first17);
}

QWidget* focused()
{
    return QApplication::focusWidget();
}

/** Typed data (search text, ID number): not counted. */
void type(const QString& text)
{
    QTest::keyClicks(focused(), text);
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** Records a case for the applicant for another matter, so that they are on record. */
bool registerReturningApplicant(services::Session& session, const QString& idNumber, QString* error)
{
    services::IntakeService service(session);
    const QString code = service.catalog().matters.first().code;
    const auto subject = service.subject(code);
    if (!subject)
        return false;
    services::IntakeRequest first;
    first.subjectCode = code;
    first.applicant.idNumber = idNumber;
    first.applicant.name = QStringLiteral("张三丰");
    first.applicant.phone = QStringLiteral("13800138000");
    first.applicant.address = QStringLiteral("运城市盐湖区解放路1号");
    first.materials = service.checklistFor(*subject);
    for (auto& m : first.materials)
        m.state = core::MaterialState::Missing;
    first.outcome = core::IntakeOutcome::NotifyMissing;
    return service.record(first, error).has_value();
}

/** Presses a key on the window after \a ms, when a modal dialog (the preview, a question) is open. */
void pressInModal(int ms, Qt::Key key, Qt::KeyboardModifiers modifiers, bool* seen)
{
    QTimer::singleShot(ms, [=] {
        QWidget* modal = QApplication::activeModalWidget();
        *seen = modal != nullptr;
        if (modal)
            QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : modal, key, modifiers);
    });
}
} // namespace

/**
 * The returning applicant at the counter, key by key (issue 15): the keys beyond typed data are
 * counted, and what was recorded and printed is checked.
 */
class TestCounterKeys : public QObject
{
    Q_OBJECT

private slots:
    void returningApplicantBundleInFiveKeys();
    void newIdClearsTheReturningApplicant();
    void sameApplicantBundleAndDayNeedsConfirmation();
    void errorGoesToTheFieldWithoutMovingTheLayout();
    void noticeNotPrintedIsAWarning();
    void previewPrintsByKeyboard();
    void powerOfAttorneyFollowsTheAgent();
    void declaredBusinessTypeByKeyboard();
};

void TestCounterKeys::returningApplicantBundleInFiveKeys()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto session = hall.login(QStringLiteral("clerk"));
    QVERIFY(session);
    const QString applicantId = residentId(QStringLiteral("14080219850312123"));
    QString error;
    QVERIFY2(registerReturningApplicant(*session, applicantId, &error), qPrintable(error));
    const qint64 eventsBefore = session->events().count();

    ui::IntakeWorkbench workbench(*session);
    QTemporaryDir out;
    const QString pdfPath = out.filePath(QStringLiteral("notice.pdf"));
    print::PdfFileOutput printer(pdfPath); // the window's printer: a PDF printer
    workbench.setDocumentOutput(&printer);
    workbench.resize(1200, 800);
    workbench.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workbench));
    workbench.activateWindow();
    test::KeySession keys; // the same keys as bench_counter times

    // 1 F2 (the matter search), typed: wykfd (我要开饭店), 2 Enter (the first hit)
    QVERIFY(test::intake::chooseMatter(keys, test::intake::restaurantSearch()));
    QCOMPARE(focused()->objectName(), QStringLiteral("idNumberEdit"));
    QVERIFY(keys.type(applicantId));                  // typed: the ID number
    QVERIFY(test::intake::findApplicant(keys));       // 3 Enter: the returning applicant is filled in
    QCOMPARE(workbench.findChild<QLineEdit*>(QStringLiteral("nameEdit"))->text(), QStringLiteral("张三丰"));
    QCOMPARE(focused()->objectName(), QStringLiteral("checklistView"));

    // Smart defaults: shared data pre-marked, the power of attorney not applicable (no agent).
    ui::ChecklistModel* model = workbench.checklist();
    QVERIFY(model->rowCount() >= 10);
    int shared = 0;
    int attorney = 0;
    for (const core::MaterialEntry& m : model->entries()) {
        shared += m.state == core::MaterialState::SharedData ? 1 : 0;
        if (core::IntakeRules::isAgentMaterial(m)) {
            ++attorney;
            QCOMPARE(m.state, core::MaterialState::NotApplicable);
        }
    }
    QVERIFY(shared > 0);
    QCOMPARE(attorney, 1);

    QVERIFY(test::intake::markRemainingReceived(keys)); // 4 A: every material not yet checked received
    for (const core::MaterialEntry& m : model->entries())
        QVERIFY2(m.state != core::MaterialState::Pending, qPrintable(m.name));
    QVERIFY(test::intake::accept(keys));              // 5 Ctrl+Return: the notice goes to the window's printer
    QCOMPARE(keys.count(), 5);
    QTRY_VERIFY(QFile::exists(pdfPath));
    QCOMPARE(workbench.messageKind(), ui::IntakeWorkbench::MessageKind::Success);
    QCOMPARE(focused()->objectName(), QStringLiteral("subjectEdit")); // ready for the next applicant

    QList<core::Event> added = session->events().allEvents().mid(int(eventsBefore));
    QStringList kinds;
    for (const auto& e : added)
        kinds << e.kind;
    QCOMPARE(kinds, (QStringList{QStringLiteral("intake.accepted"), QStringLiteral("notice.printed")}));
    const auto state = services::IntakeService(*session).caseState(added.first().caseId);
    QVERIFY(state);
    QCOMPARE(state->subjectName, QStringLiteral("我要开饭店"));
    QCOMPARE(state->noticesPrinted, 1);
    // 主体业态 of the food-business licence: the preselected first value, with no extra key.
    QCOMPARE(state->matterResult(QStringLiteral("140800-XK-0020"))->declared.value(QStringLiteral("businessType")),
             QStringLiteral("餐饮服务经营者"));

    // The notice: one page, with the applicant, the case number and the closing lines and seal.
    const QByteArray pdf = readFile(pdfPath);
    if (const QString dir = qEnvironmentVariable("ONESEAL_TEST_OUTPUT_DIR"); !dir.isEmpty())
        QFile::copy(pdfPath, dir + QStringLiteral("/counter-notice.pdf"));
    QCOMPARE(test::pdfPageCount(pdf), 1);
    const QString text = test::pdfText(pdf);
    QVERIFY2(text.contains(QStringLiteral("受理通知书")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("张三丰")));
    QVERIFY(text.contains(state->caseNo));
    QVERIFY(text.contains(QStringLiteral("我要开饭店")));
}

void TestCounterKeys::newIdClearsTheReturningApplicant()
{
    test::TempHall hall;
    auto session = hall.login(QStringLiteral("clerk"));
    const QString returning = residentId(QStringLiteral("14080219850312123"));
    QString error;
    QVERIFY2(registerReturningApplicant(*session, returning, &error), qPrintable(error));
    ui::IntakeWorkbench workbench(*session);
    workbench.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workbench));
    workbench.activateWindow();
    QTest::keyClick(focused(), Qt::Key_F2);
    type(QStringLiteral("wykfd"));
    QTest::keyClick(focused(), Qt::Key_Return);
    type(returning);
    QTest::keyClick(focused(), Qt::Key_Return);
    auto* name = workbench.findChild<QLineEdit*>(QStringLiteral("nameEdit"));
    auto* phone = workbench.findChild<QLineEdit*>(QStringLiteral("phoneEdit"));
    auto* address = workbench.findChild<QLineEdit*>(QStringLiteral("addressEdit"));
    QCOMPARE(name->text(), QStringLiteral("张三丰"));

    // F3, a new person's number, Enter: nothing of the previous applicant stays.
    QTest::keyClick(focused(), Qt::Key_F3);
    type(residentId(QStringLiteral("14080219900101234")));
    QTest::keyClick(focused(), Qt::Key_Return);
    QCOMPARE(name->text(), QString());
    QCOMPARE(phone->text(), QString());
    QCOMPARE(address->text(), QString());
    QCOMPARE(focused(), name);
}

void TestCounterKeys::sameApplicantBundleAndDayNeedsConfirmation()
{
    test::TempHall hall;
    auto session = hall.login(QStringLiteral("clerk"));
    const QString applicantId = residentId(QStringLiteral("14080219850312123"));
    QString error;
    QVERIFY2(registerReturningApplicant(*session, applicantId, &error), qPrintable(error));
    ui::IntakeWorkbench workbench(*session);
    QTemporaryDir out;
    print::PdfFileOutput printer(out.filePath(QStringLiteral("n.pdf")));
    workbench.setDocumentOutput(&printer);
    workbench.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workbench));
    workbench.activateWindow();
    auto acceptOnce = [&] {
        QTest::keyClick(focused(), Qt::Key_F2);
        type(QStringLiteral("wykfd"));
        QTest::keyClick(focused(), Qt::Key_Return);
        type(applicantId);
        QTest::keyClick(focused(), Qt::Key_Return);
        QTest::keyClick(focused(), Qt::Key_A);
        QTest::keyClick(focused(), Qt::Key_Return, Qt::ControlModifier);
    };
    acceptOnce();
    QTRY_COMPARE(workbench.messageKind(), ui::IntakeWorkbench::MessageKind::Success);
    const qint64 afterFirst = session->events().count();

    // The same again: a question whose default is "do not accept"; Enter keeps it out.
    bool asked = false;
    pressInModal(300, Qt::Key_Return, Qt::NoModifier, &asked);
    acceptOnce();
    QVERIFY(asked);
    QCOMPARE(session->events().count(), afterFirst);
    QVERIFY2(workbench.messageText().contains(QStringLiteral("already accepted today")), qPrintable(workbench.messageText()));

    // Confirmed (Alt+A), it is accepted again.
    workbench.activateWindow(); // the window manager's part when the question closes
    QTRY_VERIFY(focused());
    QCOMPARE(focused()->objectName(), QStringLiteral("checklistView"));
    asked = false;
    pressInModal(300, Qt::Key_A, Qt::AltModifier, &asked);
    QTest::keyClick(focused(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(asked);
    QTRY_COMPARE(session->events().count(), afterFirst + 2);

    // The service refuses the repeat without confirmation, whatever the window does.
    services::IntakeService service(*session);
    const auto subject = service.subject(service.findSubjects(QStringLiteral("wykfd"), 1).first().code);
    services::IntakeRequest again;
    again.subjectCode = subject->code;
    again.applicant.idNumber = applicantId;
    again.applicant.name = QStringLiteral("张三丰");
    again.applicant.phone = QStringLiteral("13800138000");
    again.materials = service.checklistFor(*subject);
    for (auto& m : again.materials)
        if (m.state == core::MaterialState::Pending)
            m.state = core::MaterialState::Received, m.count = 1;
    services::IntakeField field = services::IntakeField::None;
    QVERIFY(!service.record(again, &error, &field));
    QCOMPARE(field, services::IntakeField::Repeat);
    again.outcome = core::IntakeOutcome::NotifyMissing; // a notice of what is missing is no acceptance
    for (auto& m : again.materials)
        if (m.state == core::MaterialState::Received)
            m.state = core::MaterialState::Missing, m.count = 0;
    QVERIFY2(service.record(again, &error, &field), qPrintable(error));
}

void TestCounterKeys::errorGoesToTheFieldWithoutMovingTheLayout()
{
    test::TempHall hall;
    auto session = hall.login(QStringLiteral("clerk"));
    ui::IntakeWorkbench workbench(*session);
    QTemporaryDir out;
    print::PdfFileOutput printer(out.filePath(QStringLiteral("n.pdf")));
    workbench.setDocumentOutput(&printer);
    workbench.resize(1200, 800);
    workbench.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workbench));
    workbench.activateWindow();
    auto* checklistGroup = workbench.findChild<QGroupBox*>(QStringLiteral("checklistGroup"));

    QTest::keyClick(focused(), Qt::Key_F2);
    type(QStringLiteral("wykfd"));
    QTest::keyClick(focused(), Qt::Key_Return);
    // A wrong check digit: the message under the number has room for itself.
    const QString good = residentId(QStringLiteral("14080219900101234"));
    QString bad = good;
    bad[17] = good[17] == QLatin1Char('1') ? QLatin1Char('2') : QLatin1Char('1');
    type(bad);
    QTest::keyClick(focused(), Qt::Key_Return);
    auto* status = workbench.findChild<QLabel*>(QStringLiteral("applicantStatusLabel"));
    QVERIFY(!status->text().isEmpty());
    QApplication::processEvents();
    QVERIFY2(status->height() >= status->heightForWidth(status->width()),
             qPrintable(QStringLiteral("%1 < %2").arg(status->height()).arg(status->heightForWidth(status->width()))));
    QCOMPARE(focused()->objectName(), QStringLiteral("idNumberEdit"));

    // A new applicant without a name: accepting puts the cursor on the name, the layout stays.
    auto* id = workbench.findChild<QLineEdit*>(QStringLiteral("idNumberEdit"));
    id->selectAll();
    type(good);
    QTest::keyClick(focused(), Qt::Key_Return);
    workbench.findChild<QLineEdit*>(QStringLiteral("phoneEdit"))->setText(QStringLiteral("13800138000"));
    for (int row = 0; row < workbench.checklist()->rowCount(); ++row)
        if (workbench.checklist()->entries().at(row).state == core::MaterialState::Pending)
            workbench.checklist()->setState(row, core::MaterialState::Received);
    const qint64 events = session->events().count();
    QApplication::processEvents();
    QVERIFY(workbench.messageText().isEmpty());
    const QRect before = checklistGroup->geometry();
    QTest::keyClick(focused(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY(!workbench.messageText().isEmpty());
    QCOMPARE(workbench.messageKind(), ui::IntakeWorkbench::MessageKind::Error);
    QCOMPARE(focused()->objectName(), QStringLiteral("nameEdit"));
    QCOMPARE(session->events().count(), events);
    QApplication::processEvents();
    QCOMPARE(checklistGroup->geometry(), before);

    // The phone wrong: the cursor goes to the phone.
    qobject_cast<QLineEdit*>(focused())->insert(QStringLiteral("张三")); // an input method types Chinese
    workbench.findChild<QLineEdit*>(QStringLiteral("phoneEdit"))->setText(QStringLiteral("12"));
    QTest::keyClick(focused(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(focused()->objectName(), QStringLiteral("phoneEdit"));
}

void TestCounterKeys::noticeNotPrintedIsAWarning()
{
    test::TempHall hall;
    auto session = hall.login(QStringLiteral("clerk"));
    const QString applicantId = residentId(QStringLiteral("14080219850312123"));
    QString error;
    QVERIFY2(registerReturningApplicant(*session, applicantId, &error), qPrintable(error));
    ui::IntakeWorkbench workbench(*session);
    print::PdfFileOutput broken(QStringLiteral("/nonexistent-directory/notice.pdf"));
    workbench.setDocumentOutput(&broken);
    workbench.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workbench));
    workbench.activateWindow();
    QTest::keyClick(focused(), Qt::Key_F2);
    type(QStringLiteral("wykfd"));
    QTest::keyClick(focused(), Qt::Key_Return);
    type(applicantId);
    QTest::keyClick(focused(), Qt::Key_Return);
    QTest::keyClick(focused(), Qt::Key_A);
    QTest::keyClick(focused(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY(workbench.messageText().contains(QStringLiteral("not printed")));
    QCOMPARE(workbench.messageKind(), ui::IntakeWorkbench::MessageKind::Warning);
}

void TestCounterKeys::previewPrintsByKeyboard()
{
    test::TempHall hall;
    auto session = hall.login(QStringLiteral("clerk"));
    const QString applicantId = residentId(QStringLiteral("14080219850312123"));
    QString error;
    QVERIFY2(registerReturningApplicant(*session, applicantId, &error), qPrintable(error));
    ui::IntakeWorkbench workbench(*session);
    QTemporaryDir out;
    print::PdfFileOutput printer(out.filePath(QStringLiteral("direct.pdf")));
    workbench.setDocumentOutput(&printer);
    const QString previewPdf = out.filePath(QStringLiteral("preview.pdf"));
    workbench.previewOutput().setPdfFile(previewPdf); // the preview's printer: a PDF printer
    workbench.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workbench));
    workbench.activateWindow();
    QTest::keyClick(focused(), Qt::Key_F2);
    type(QStringLiteral("wykfd"));
    QTest::keyClick(focused(), Qt::Key_Return);
    type(applicantId);
    QTest::keyClick(focused(), Qt::Key_Return);
    QTest::keyClick(focused(), Qt::Key_A);

    // Ctrl+Shift+Return: the preview, where the Print button has the focus and Ctrl+P prints.
    bool shown = false;
    QString focusName;
    QTimer::singleShot(400, [&] {
        QWidget* modal = QApplication::activeModalWidget();
        shown = modal && modal->objectName() == QLatin1String("printPreviewDialog");
        if (QApplication::focusWidget())
            focusName = QApplication::focusWidget()->objectName();
        if (modal)
            QTest::keyClick(modal, Qt::Key_P, Qt::ControlModifier);
    });
    QTest::keyClick(focused(), Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(shown);
    QCOMPARE(focusName, QStringLiteral("printButton"));
    QTRY_VERIFY(QFile::exists(previewPdf));
    QVERIFY(!QFile::exists(out.filePath(QStringLiteral("direct.pdf"))));
    QVERIFY(test::pdfText(readFile(previewPdf)).contains(QStringLiteral("受理通知书")));
    QCOMPARE(workbench.messageKind(), ui::IntakeWorkbench::MessageKind::Success);
}

void TestCounterKeys::powerOfAttorneyFollowsTheAgent()
{
    test::TempHall hall;
    auto session = hall.login(QStringLiteral("clerk"));
    ui::IntakeWorkbench workbench(*session);
    workbench.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workbench));
    QVERIFY(workbench.chooseSubject(services::IntakeService(*session).findSubjects(QStringLiteral("wykfd"), 1).first().code));
    auto attorneyState = [&] {
        for (const core::MaterialEntry& m : workbench.checklist()->entries())
            if (core::IntakeRules::isAgentMaterial(m))
                return m.state;
        return core::MaterialState::Received;
    };
    QCOMPARE(attorneyState(), core::MaterialState::NotApplicable);
    workbench.findChild<QCheckBox*>(QStringLiteral("agentCheck"))->setChecked(true);
    QCOMPARE(attorneyState(), core::MaterialState::Pending);
    workbench.findChild<QCheckBox*>(QStringLiteral("agentCheck"))->setChecked(false);
    QCOMPARE(attorneyState(), core::MaterialState::NotApplicable);
}

void TestCounterKeys::declaredBusinessTypeByKeyboard()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto session = hall.login(QStringLiteral("clerk"));
    QVERIFY(session);
    const QString applicantId = residentId(QStringLiteral("14080219850312123"));
    QString error;
    QVERIFY2(registerReturningApplicant(*session, applicantId, &error), qPrintable(error));
    const qint64 eventsBefore = session->events().count();
    ui::IntakeWorkbench workbench(*session);
    QTemporaryDir out;
    print::PdfFileOutput printer(out.filePath(QStringLiteral("notice.pdf")));
    workbench.setDocumentOutput(&printer);
    workbench.resize(1200, 800);
    workbench.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workbench));
    workbench.activateWindow();
    test::KeySession keys;
    QVERIFY(test::intake::chooseMatter(keys, test::intake::restaurantSearch()));
    auto* combo = workbench.findChild<QComboBox*>(QStringLiteral("declared_businessType"));
    QVERIFY(combo);
    QCOMPARE(combo->currentText(), QStringLiteral("餐饮服务经营者"));
    QCOMPARE(focused()->objectName(), QStringLiteral("idNumberEdit"));
    QTRY_VERIFY(combo->isVisible()); // the layout shows a new row once the event loop runs
    // Alt+K reaches 主体业态, Down picks the next value, Tab goes on to the ID number.
    QTest::keyClick(focused(), Qt::Key_K, Qt::AltModifier);
    QCOMPARE(focused(), combo);
    QTest::keyClick(focused(), Qt::Key_Down);
    QCOMPARE(combo->currentText(), QStringLiteral("食品销售经营者"));
    QTest::keyClick(focused(), Qt::Key_Tab);
    QCOMPARE(focused()->objectName(), QStringLiteral("idNumberEdit"));
    QVERIFY(keys.type(applicantId));
    QVERIFY(test::intake::findApplicant(keys));
    QVERIFY(test::intake::markRemainingReceived(keys));
    QVERIFY(test::intake::accept(keys));
    QTRY_COMPARE(workbench.messageKind(), ui::IntakeWorkbench::MessageKind::Success);
    const QList<core::Event> added = session->events().allEvents().mid(int(eventsBefore));
    QVERIFY(!added.isEmpty());
    const auto state = services::IntakeService(*session).caseState(added.first().caseId);
    QVERIFY(state);
    QCOMPARE(state->matterResult(QStringLiteral("140800-XK-0020"))->declared.value(QStringLiteral("businessType")),
             QStringLiteral("食品销售经营者"));
    // Ready for the next applicant: the field is gone until a matter that declares it is chosen.
    QCOMPARE(focused()->objectName(), QStringLiteral("subjectEdit"));
    QVERIFY(!workbench.findChild<QComboBox*>(QStringLiteral("declared_businessType")));
}

QTEST_MAIN(TestCounterKeys)
#include "TestCounterKeys.moc"
