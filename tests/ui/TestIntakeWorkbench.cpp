#include "TestSupport.h"

#include "core/Identifiers.h"
#include "db/IntakeRepository.h"
#include "print/MemoryOutput.h"
#include "print/PdfFileOutput.h"
#include "services/IntakeService.h"
#include "ui/ChecklistModel.h"
#include "ui/IntakeWorkbench.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

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

void type(const QString& text)
{
    QTest::keyClicks(focused(), text);
}

void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(focused(), key, modifiers);
}

QString pdfText(const QString& path)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput());
}
} // namespace

class TestIntakeWorkbench : public QObject
{
    Q_OBJECT

private slots:
    void keyboardIntakeOfRestaurantBundleWithDeferredMaterial();
    void badInputGetsAMessageAndRecordsNothing();
};

void TestIntakeWorkbench::keyboardIntakeOfRestaurantBundleWithDeferredMaterial()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto session = hall.login(QStringLiteral("clerk"));
    QVERIFY(session);
    const QString applicantId = residentId(QStringLiteral("14080219850312123"));

    // The applicant came before (for another matter): their details are on record.
    {
        services::IntakeService service(*session);
        QVERIFY(!service.catalog().matters.isEmpty());
        const QString code = service.catalog().matters.first().code;
        const auto subject = service.subject(code);
        QVERIFY(subject);
        services::IntakeRequest first;
        first.subjectCode = code;
        first.applicant.idNumber = applicantId;
        first.applicant.name = QStringLiteral("张三丰");
        first.applicant.phone = QStringLiteral("13800138000");
        first.applicant.address = QStringLiteral("运城市盐湖区解放路1号");
        first.materials = service.checklistFor(*subject);
        for (auto& m : first.materials) {
            m.state = core::MaterialState::Missing;
        }
        first.outcome = core::IntakeOutcome::NotifyMissing;
        QString error;
        QVERIFY2(service.record(first, &error), qPrintable(error));
    }
    const qint64 eventsBefore = session->events().count();

    ui::IntakeWorkbench workbench(*session);
    QTemporaryDir out;
    const QString pdfPath = out.filePath(QStringLiteral("notice.pdf"));
    print::PdfFileOutput output(pdfPath);
    workbench.setDocumentOutput(&output);
    workbench.resize(1200, 800);
    workbench.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workbench));
    workbench.activateWindow();

    // F2: the matter search; type a fragment of the bundle's name and take the first hit.
    press(Qt::Key_F2);
    QCOMPARE(focused()->objectName(), QStringLiteral("subjectEdit"));
    type(QStringLiteral("wykfd")); // the pinyin initials of 我要开饭店
    auto* hits = workbench.findChild<QListWidget*>(QStringLiteral("subjectList"));
    QTRY_VERIFY(hits->count() > 0);
    QVERIFY(hits->item(0)->text().contains(QStringLiteral("我要开饭店")));
    press(Qt::Key_Return);
    QCOMPARE(focused()->objectName(), QStringLiteral("idNumberEdit"));

    // F3 is where we are: the returning applicant's ID, Enter finds them.
    type(applicantId.toLower()); // a lower-case x is normalised
    press(Qt::Key_Return);
    QCOMPARE(workbench.findChild<QLineEdit*>(QStringLiteral("nameEdit"))->text(), QStringLiteral("张三丰"));
    QCOMPARE(workbench.findChild<QLineEdit*>(QStringLiteral("phoneEdit"))->text(), QStringLiteral("13800138000"));
    QCOMPARE(focused()->objectName(), QStringLiteral("checklistView"));

    // The checklist: every material received, except the first deferrable one, deferred.
    ui::ChecklistModel* model = workbench.checklist();
    QVERIFY(model->rowCount() >= 4);
    int deferredRow = -1;
    QStringList codes;
    for (int row = 0; row < model->rowCount(); ++row) {
        const core::MaterialEntry& m = model->entries().at(row);
        QVERIFY2(!codes.contains(m.code), "a shared material appears once in a bundle's checklist");
        codes << m.code;
        if (deferredRow < 0 && m.requirement == core::MaterialRequirement::Deferrable) {
            deferredRow = row;
            press(Qt::Key_D);
        } else if (m.state == core::MaterialState::SharedData) {
            press(Qt::Key_S);
        } else {
            press(Qt::Key_R);
        }
    }
    QVERIFY2(deferredRow >= 0, "the restaurant bundle has a deferrable material");
    const core::MaterialEntry deferred = model->entries().at(deferredRow);
    if (const QString dir = qEnvironmentVariable("ONESEAL_TEST_OUTPUT_DIR"); !dir.isEmpty())
        workbench.grab().save(dir + QStringLiteral("/intake-workbench.png"));
    QCOMPARE(deferred.state, core::MaterialState::Deferred);
    QVERIFY(deferred.dueDate.isValid());

    // Ctrl+D: accept with the material deferred; the notice is "printed" to a PDF file.
    press(Qt::Key_D, Qt::ControlModifier);
    QTRY_VERIFY(QFile::exists(pdfPath));
    QVERIFY2(workbench.messageText().contains(QStringLiteral("recorded")), qPrintable(workbench.messageText()));
    QCOMPARE(focused()->objectName(), QStringLiteral("subjectEdit")); // ready for the next applicant

    // Events: the applicant was reused (no new registration), one intake event, one notice.
    QList<core::Event> added = session->events().allEvents().mid(int(eventsBefore));
    QStringList kinds;
    for (const auto& e : added)
        kinds << e.kind;
    QCOMPARE(kinds, (QStringList{QStringLiteral("intake.accepted_deferred"), QStringLiteral("notice.printed")}));
    const core::Event intake = added.first();
    QVERIFY(intake.hashIsValid());
    const auto repo = db::IntakeRepository(session->database().sql());
    const auto applicant = repo.applicantByIdNumber(applicantId);
    QVERIFY(applicant);
    QCOMPARE(intake.payload().value(core::payload::applicant).toMap().value(QStringLiteral("id")).toString(),
             applicant->id);

    // The projection.
    services::IntakeService service(*session);
    const auto state = service.caseState(intake.caseId);
    QVERIFY(state);
    QCOMPARE(state->status, core::CaseStatus::Accepted);
    QCOMPARE(state->outcome, QStringLiteral("accept-deferred"));
    QCOMPARE(state->subjectName, QStringLiteral("我要开饭店"));
    QVERIFY(state->bundle);
    QCOMPARE(state->noticesPrinted, 1);
    QVERIFY(state->caseNo.startsWith(QStringLiteral("SL%1").arg(service.today().year())));
    QSqlQuery q(session->database().sql());
    q.prepare(QStringLiteral("SELECT state, due_date FROM case_materials WHERE case_id = ? AND material_code = ?"));
    q.addBindValue(intake.caseId);
    q.addBindValue(deferred.code);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("deferred"));
    QCOMPARE(q.value(1).toString(), deferred.dueDate.toString(Qt::ISODate));
    const auto today = repo.casesTakenBy(session->user().id, service.today());
    QVERIFY(std::any_of(today.begin(), today.end(), [&](const db::CaseSummary& c) { return c.caseNo == state->caseNo; }));

    // The notice as printed: title, applicant, case number, the deferred material and its date.
    const QString text = pdfText(pdfPath);
    QVERIFY2(text.contains(QStringLiteral("容缺受理通知书")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("张三丰")));
    QVERIFY(text.contains(state->caseNo));
    QVERIFY(text.contains(deferred.name.left(6)));
    QVERIFY(text.contains(QStringLiteral("%1年%2月%3日").arg(deferred.dueDate.year()).arg(deferred.dueDate.month()).arg(deferred.dueDate.day())));
    QVERIFY(text.contains(QStringLiteral("我要开饭店")));
}

void TestIntakeWorkbench::badInputGetsAMessageAndRecordsNothing()
{
    test::TempHall hall;
    auto session = hall.login(QStringLiteral("clerk"));
    ui::IntakeWorkbench workbench(*session);
    print::MemoryOutput output;
    workbench.setDocumentOutput(&output);
    workbench.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workbench));
    const qint64 before = session->events().count();

    // Accepting with nothing chosen: the buttons are disabled, nothing happens.
    press(Qt::Key_Return, Qt::ControlModifier);
    QTest::qWait(200);
    QCOMPARE(session->events().count(), before);

    press(Qt::Key_F2);
    type(QStringLiteral("wykfd")); // the pinyin initials of 我要开饭店
    press(Qt::Key_Return);
    // An ID number with a wrong check digit gets a message naming it.
    const QString good = residentId(QStringLiteral("14080219850312123"));
    QString bad = good;
    bad[17] = good[17] == QLatin1Char('1') ? QLatin1Char('2') : QLatin1Char('1');
    type(bad);
    press(Qt::Key_Return);
    auto* status = workbench.findChild<QLabel*>(QStringLiteral("applicantStatusLabel"));
    QVERIFY2(status->text().contains(QStringLiteral("last character")), qPrintable(status->text()));
    // Recording with unchecked materials and an invalid applicant is refused with a message.
    press(Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY(!workbench.messageText().isEmpty());
    QCOMPARE(session->events().count(), before);
    // A name with an emoji and control characters is refused too.
    workbench.findChild<QLineEdit*>(QStringLiteral("idNumberEdit"))->setText(good);
    workbench.findChild<QLineEdit*>(QStringLiteral("nameEdit"))->setText(QStringLiteral("张三😀\x01"));
    workbench.findChild<QLineEdit*>(QStringLiteral("phoneEdit"))->setText(QStringLiteral("13800138000"));
    for (int row = 0; row < workbench.checklist()->rowCount(); ++row)
        workbench.checklist()->setState(row, core::MaterialState::Received);
    press(Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY2(workbench.messageText().contains(QStringLiteral("character")), qPrintable(workbench.messageText()));
    QCOMPARE(session->events().count(), before);
}

QTEST_MAIN(TestIntakeWorkbench)
#include "TestIntakeWorkbench.moc"
