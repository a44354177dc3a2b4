#include "PdfText.h"
#include "TestSupport.h"

#include "core/Identifiers.h"
#include "db/BackOfficeRepository.h"
#include "print/MemoryOutput.h"
#include "services/AuthService.h"
#include "services/HallService.h"
#include "services/IntakeService.h"
#include "ui/IntakeWorkbench.h"
#include "ui/OwedLedgerWidget.h"
#include "ui/OwedMaterialsModel.h"
#include "ui/PledgeCheckWidget.h"
#include "ui/ClockDialog.h"
#include "ui/QueueModel.h"
#include "ui/WorkQueueWidget.h"
#include "ui/VerifyDialog.h"
#include "documents/DocumentIssuer.h"
#include "print/CertificateTemplate.h"
#include "services/CertificateService.h"
#include "services/DecisionService.h"
#include "services/ReviewService.h"
#include "services/CatalogService.h"
#include <QPushButton>

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTableWidget>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;

namespace {
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

QString residentId(const QString& first17)
{
    return first17 + core::residentIdCheckChar(first17);
}
} // namespace

/** Owed materials (容缺) at the window and in the ledger, driven by keyboard (issue 14). */
class TestCaseLifeGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void f3ListsWhatAReturningApplicantOwesAndEnterRecordsTheArrival();
    void ledgerShowsOverdueRedAndTheApproverTerminatesByKeyboard();
    void falsePledgeFoundByTheInspectorIsRevokedByTheApprover();
    void hearingFromTheQueueStopsTheClockAndTheApproverExtends();
    void ledgerOffersTheStepTheCatalogSays(); // last: it imports a catalog version

private:
    std::unique_ptr<services::Session> login(const QString& username);
    core::CaseState deferredCase(const QString& idFirst17, const QString& name);

    std::unique_ptr<test::TempHall> m_hall;
    core::FixedClock m_clock{QDateTime(QDate(2025, 6, 2), QTime(9, 0))};
    std::unique_ptr<services::Session> m_clerk;
};

std::unique_ptr<services::Session> TestCaseLifeGui::login(const QString& username)
{
    QString error;
    auto session = services::AuthService(m_hall->path(), m_clock).login(username, services::HallService::demoPassword(), &error);
    if (!session)
        qFatal("login of %s failed: %s", qPrintable(username), qPrintable(error));
    return session;
}

void TestCaseLifeGui::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>(m_clock);
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    m_clerk = login(QStringLiteral("clerk"));
}

core::CaseState TestCaseLifeGui::deferredCase(const QString& idFirst17, const QString& name)
{
    QString error;
    const auto state = test::acceptCase(
        *m_clerk,
        [](const core::Matter& m) {
            return !m.instant && m.deferralAllowed && m.promisedLimitDays >= 3
                && std::any_of(m.materials.begin(), m.materials.end(), [](const core::Material& x) {
                       return x.core && x.requirement == core::MaterialRequirement::Deferrable;
                   });
        },
        idFirst17, name, QStringLiteral("13903591234"), &error, true);
    if (!state)
        qFatal("intake: %s", qPrintable(error));
    return *state;
}

void TestCaseLifeGui::f3ListsWhatAReturningApplicantOwesAndEnterRecordsTheArrival()
{
    m_clock.set(QDateTime(QDate(2025, 6, 2), QTime(9, 0)));
    const QString applicant = residentId(QStringLiteral("14080219700101061"));
    const core::CaseState owing = deferredCase(applicant.left(17), QStringLiteral("冯欠材"));
    QString owedName;
    for (const core::MaterialEntry& m : owing.materials)
        if (m.state == core::MaterialState::Deferred)
            owedName = m.name;
    QVERIFY(!owedName.isEmpty());

    ui::IntakeWorkbench workbench(*m_clerk);
    print::MemoryOutput output;
    workbench.setDocumentOutput(&output);
    workbench.resize(1200, 800);
    workbench.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workbench));
    workbench.activateWindow();
    auto* owedView = workbench.findChild<QTableView*>(QStringLiteral("owedView"));
    QVERIFY(owedView && !owedView->isVisible());

    // F3, the ID, Enter: the applicant is known and owes one material; the cursor is on it.
    m_clock.set(QDateTime(QDate(2025, 6, 4), QTime(10, 0)));
    press(Qt::Key_F3);
    QCOMPARE(focused()->objectName(), QStringLiteral("idNumberEdit"));
    type(applicant);
    press(Qt::Key_Return);
    QTRY_VERIFY(owedView->isVisible());
    QCOMPARE(focused(), owedView);
    QCOMPARE(workbench.owedMaterials()->rowCount(), 1);
    QCOMPARE(workbench.owedMaterials()->itemAt(0).row.caseNo, owing.caseNo);
    QCOMPARE(workbench.owedMaterials()->itemAt(0).row.materialName, owedName);
    QVERIFY(workbench.findChild<QLabel*>(QStringLiteral("applicantStatusLabel"))->text().contains(QLatin1String("owe")));

    // The scan (the file dialog's part), then Enter: the arrival is recorded and the receipt printed.
    QTemporaryDir dir;
    const QString scanPath = dir.filePath(QStringLiteral("owed.png"));
    QImage image(40, 40, QImage::Format_RGB32);
    image.fill(Qt::white);
    QVERIFY(image.save(scanPath));
    QVERIFY(workbench.attachOwedScan(scanPath));
    QCOMPARE(focused(), owedView);
    press(Qt::Key_Return);
    QVERIFY2(workbench.messageText().contains(QLatin1String("recorded")), qPrintable(workbench.messageText()));
    QCOMPARE(output.jobs().size(), 1);
    const QString text = test::pdfText(output.jobs().first().pdf);
    QVERIFY2(text.contains(QStringLiteral("容缺材料补交回执")), qPrintable(text));
    QVERIFY(text.contains(owing.caseNo));
    QVERIFY(text.contains(QString(owedName).remove(QLatin1Char(' '))));
    QVERIFY(!owedView->isVisible());

    const auto after = services::IntakeService(*m_clerk).caseState(owing.caseId);
    QVERIFY(!after->owesCoreMaterial());
    QVERIFY(std::any_of(after->attachments.begin(), after->attachments.end(),
                        [](const core::AttachmentRef& a) { return a.fileName == QLatin1String("owed.png"); }));
}

void TestCaseLifeGui::ledgerShowsOverdueRedAndTheApproverTerminatesByKeyboard()
{
    m_clock.set(QDateTime(QDate(2025, 6, 2), QTime(9, 0)));
    const core::CaseState owing = deferredCase(QStringLiteral("14080219700101071"), QStringLiteral("陈逾期"));
    QDate due;
    for (const core::MaterialEntry& m : owing.materials)
        if (m.state == core::MaterialState::Deferred)
            due = m.dueDate;
    QVERIFY(due.isValid());
    m_clock.set(QDateTime(due.addDays(1), QTime(9, 0)));

    auto approver = login(QStringLiteral("approver"));
    ui::OwedLedgerWidget ledger(*approver);
    print::MemoryOutput output;
    ledger.setDocumentOutput(&output);
    ledger.resize(1000, 600);
    ledger.show();
    QVERIFY(QTest::qWaitForWindowExposed(&ledger));
    ledger.activateWindow();
    int row = -1;
    for (int i = 0; i < ledger.model()->rowCount(); ++i)
        if (ledger.model()->itemAt(i).row.caseId == owing.caseId)
            row = i;
    QVERIFY(row >= 0);
    QCOMPARE(ledger.model()->itemAt(row).warning, core::DeadlineWarning::Red);
    QCOMPARE(ledger.model()->data(ledger.model()->index(row, 0), Qt::BackgroundRole).value<QColor>(), QColor(0xf4, 0xb4, 0xb4));

    auto* view = ledger.findChild<QTableView*>(QStringLiteral("ledgerView"));
    view->setFocus(Qt::OtherFocusReason);
    view->selectRow(row);
    // Without reasons: refused, nothing changes.
    press(Qt::Key_Tab);
    QCOMPARE(focused()->objectName(), QStringLiteral("reasonsEdit"));
    press(Qt::Key_Tab);
    type(services::HallService::demoPassword());
    press(Qt::Key_T, Qt::ControlModifier);
    QVERIFY2(ledger.messageText().contains(QLatin1String("reasons")), qPrintable(ledger.messageText()));
    QCOMPARE(services::IntakeService(*m_clerk).caseState(owing.caseId)->status, core::CaseStatus::Accepted);

    // With reasons and the password: terminated and sealed, off the ledger.
    view->setFocus(Qt::OtherFocusReason);
    view->selectRow(row);
    press(Qt::Key_Tab);
    qobject_cast<QLineEdit*>(focused())->insert(QStringLiteral("申请人逾期未补交容缺材料")); // as an input method commits it
    press(Qt::Key_Tab);
    type(services::HallService::demoPassword());
    press(Qt::Key_T, Qt::ControlModifier);
    QVERIFY2(ledger.messageText().contains(QLatin1String("terminated")), qPrintable(ledger.messageText()));
    QCOMPARE(services::IntakeService(*m_clerk).caseState(owing.caseId)->status, core::CaseStatus::Terminated);
    const auto reg = db::BackOfficeRepository(approver->database().sql()).sealRegister();
    QVERIFY(std::any_of(reg.begin(), reg.end(), [&](const db::SealRegisterRow& r) {
        return r.caseId == owing.caseId && r.documentTitle == QStringLiteral("终止办理通知书");
    }));
    for (int i = 0; i < ledger.model()->rowCount(); ++i)
        QVERIFY(ledger.model()->itemAt(i).row.caseId != owing.caseId);
}

void TestCaseLifeGui::falsePledgeFoundByTheInspectorIsRevokedByTheApprover()
{
    m_clock.set(QDateTime(QDate(2025, 6, 2), QTime(9, 0)));
    // A pledge-based case, approved, sealed, its certificate printed and handed over.
    services::IntakeService intake(*m_clerk);
    const auto templates = print::CertificateTemplate::builtIn();
    const auto matter = std::find_if(intake.catalog().matters.begin(), intake.catalog().matters.end(), [&](const core::Matter& m) {
        return m.commitmentAllowed && !m.siteInspection && !m.instant
            && print::CertificateTemplate::forResult(templates, m.resultType, m.resultName).has_value();
    });
    QVERIFY(matter != intake.catalog().matters.end());
    services::IntakeRequest r;
    r.subjectCode = matter->code;
    const QString holder = residentId(QStringLiteral("14080219700101081"));
    r.applicant.idNumber = holder;
    r.applicant.name = QStringLiteral("韩承诺");
    r.applicant.phone = QStringLiteral("13903591234");
    r.materials = intake.checklistFor(*intake.subject(matter->code));
    for (auto& m : r.materials) {
        m.state = core::MaterialState::Received;
        m.count = 1;
    }
    r.outcome = core::IntakeOutcome::AcceptCommitment;
    QString error;
    const auto accepted = intake.record(r, &error);
    QVERIFY2(accepted, qPrintable(error));
    auto reviewer = login(QStringLiteral("reviewer"));
    auto approver = login(QStringLiteral("approver"));
    auto certifier = login(QStringLiteral("certifier"));
    print::MemoryOutput paper;
    QVERIFY2(services::ReviewService(*reviewer).pass(accepted->caseId, QString(), &error), qPrintable(error));
    QVERIFY2(services::DecisionService(*approver).approve(accepted->caseId, QString(), &error), qPrintable(error));
    QVERIFY(documents::DocumentIssuer(*approver, paper).sealDecision(accepted->caseId, services::HallService::demoPassword()).recorded());
    const documents::IssuedDocument cert = documents::DocumentIssuer(*certifier, paper).printCertificate(accepted->caseId);
    QVERIFY2(cert.recorded(), qPrintable(cert.error));
    QCOMPARE(services::CertificateService(*certifier).standing(cert.title), services::CertificateStanding::InForce);

    // The inspector finds the pledge false: select it, type the findings, Ctrl+3.
    m_clock.set(QDateTime(QDate(2025, 6, 16), QTime(9, 0)));
    auto inspector = login(QStringLiteral("inspector"));
    {
        ui::PledgeCheckWidget checks(*inspector);
        checks.resize(1000, 600);
        checks.show();
        QVERIFY(QTest::qWaitForWindowExposed(&checks));
        checks.activateWindow();
        const int row = int(checks.caseIds().indexOf(accepted->caseId));
        QVERIFY(row >= 0);
        auto* view = checks.findChild<QTableWidget*>(QStringLiteral("tasksView"));
        view->setFocus(Qt::OtherFocusReason);
        view->selectRow(row);
        press(Qt::Key_T, Qt::ControlModifier); // nothing bound here
        press(Qt::Key_3, Qt::ControlModifier); // no findings: refused
        QVERIFY2(checks.messageText().contains(QLatin1String("findings")), qPrintable(checks.messageText()));
        press(Qt::Key_Tab);
        QCOMPARE(focused()->objectName(), QStringLiteral("notesEdit"));
        qobject_cast<QLineEdit*>(focused())->insert(QStringLiteral("现场核查：承诺的消防设施不存在"));
        press(Qt::Key_3, Qt::ControlModifier);
        QVERIFY2(checks.messageText().contains(QLatin1String("false")), qPrintable(checks.messageText()));
        QVERIFY(!checks.caseIds().contains(accepted->caseId));
    }

    // The approver revokes it: reasons, password, Ctrl+4. The certificate then checks as void.
    ui::PledgeCheckWidget revocations(*approver);
    print::MemoryOutput output;
    revocations.setDocumentOutput(&output);
    revocations.resize(1000, 600);
    revocations.show();
    QVERIFY(QTest::qWaitForWindowExposed(&revocations));
    revocations.activateWindow();
    const int row = int(revocations.caseIds().indexOf(accepted->caseId));
    QVERIFY(row >= 0);
    auto* view = revocations.findChild<QTableWidget*>(QStringLiteral("tasksView"));
    view->setFocus(Qt::OtherFocusReason);
    view->selectRow(row);
    press(Qt::Key_Tab);
    qobject_cast<QLineEdit*>(focused())->insert(QStringLiteral("告知承诺内容不实"));
    press(Qt::Key_Tab);
    QCOMPARE(focused()->objectName(), QStringLiteral("passwordEdit"));
    type(services::HallService::demoPassword());
    press(Qt::Key_4, Qt::ControlModifier);
    QVERIFY2(revocations.messageText().contains(QLatin1String("revoked")), qPrintable(revocations.messageText()));
    QCOMPARE(services::IntakeService(*m_clerk).caseState(accepted->caseId)->status, core::CaseStatus::Revoked);
    QCOMPARE(services::CertificateService(*certifier).standing(cert.title), services::CertificateStanding::Voided);
    const auto reg = db::BackOfficeRepository(approver->database().sql()).sealRegister();
    QVERIFY(std::any_of(reg.begin(), reg.end(), [&](const db::SealRegisterRow& row) {
        return row.caseId == accepted->caseId && row.documentTitle == QStringLiteral("撤销行政许可决定书");
    }));
    QVERIFY(!revocations.caseIds().contains(accepted->caseId));

    // The printed certificate, checked at the window: signed by the hall, but void by the register.
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("certificate.pdf"));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(paper.jobs().last().pdf);
    file.close();
    ui::VerifyDialog verify(certifier->trustedSealKeys());
    verify.setCheckingDate(QDate(2025, 6, 16));
    verify.setVoidedCheck([&](const QString& serial) {
        return services::CertificateService(*certifier).standing(serial) == services::CertificateStanding::Voided
            ? QStringLiteral("voided in the hall's register")
            : QString();
    });
    verify.verifyFile(pdf);
    QVERIFY2(verify.result().isValid(), qPrintable(verify.result().reason)); // the signature itself is sound
    QVERIFY(verify.isVoided());
    QVERIFY2(verify.headline().contains(QLatin1String("VOID")), qPrintable(verify.headline()));
}

void TestCaseLifeGui::hearingFromTheQueueStopsTheClockAndTheApproverExtends()
{
    m_clock.set(QDateTime(QDate(2025, 6, 2), QTime(9, 0))); // Monday
    QString error;
    const auto accepted = test::acceptCase(
        *m_clerk, [](const core::Matter& m) { return !m.instant && !m.siteInspection && m.promisedLimitDays >= 3; },
        QStringLiteral("14080219700101091"), QStringLiteral("卫听证"), QStringLiteral("13903591234"), &error);
    QVERIFY2(accepted, qPrintable(error));
    const auto& cal = core::WorkCalendar::builtIn();
    const QDate due0 = accepted->promisedDue;

    auto selectCase = [&](ui::WorkQueueWidget& queue) {
        auto* view = queue.findChild<QTableView*>(QStringLiteral("queueView"));
        for (int i = 0; i < queue.model()->rowCount(); ++i)
            if (queue.model()->itemAt(i).row.caseId == accepted->caseId) {
                view->setFocus(Qt::OtherFocusReason);
                view->selectRow(i);
                return true;
            }
        return false;
    };

    // Tuesday: the reviewer opens the clock from the queue (Ctrl+K) and stops it for a hearing (Ctrl+S).
    m_clock.set(QDateTime(QDate(2025, 6, 3), QTime(9, 0)));
    auto reviewer = login(QStringLiteral("reviewer"));
    print::MemoryOutput output;
    {
        ui::WorkQueueWidget queue(*reviewer);
        queue.setRole(core::Role::Reviewer);
        queue.show();
        QVERIFY(QTest::qWaitForWindowExposed(&queue));
        queue.activateWindow();
        QVERIFY(selectCase(queue));
        bool ran = false;
        queue.setClockDialogHook([&](ui::ClockDialog& dialog) {
            ran = true;
            dialog.setDocumentOutput(&output);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            dialog.activateWindow();
            press(Qt::Key_S, Qt::ControlModifier); // without reasons: refused
            QVERIFY2(dialog.messageText().contains(QLatin1String("reasons")), qPrintable(dialog.messageText()));
            QTest::keyClick(&dialog, Qt::Key_W, Qt::AltModifier);
            QCOMPARE(focused()->objectName(), QStringLiteral("stopNotesEdit"));
            qobject_cast<QLineEdit*>(focused())->insert(QStringLiteral("涉及相邻权利人重大利益，依申请举行听证"));
            press(Qt::Key_S, Qt::ControlModifier);
            QVERIFY2(dialog.messageText().contains(QLatin1String("stands still")), qPrintable(dialog.messageText()));
            dialog.close();
        });
        press(Qt::Key_K, Qt::ControlModifier);
        QVERIFY(ran);
        QVERIFY(selectCase(queue));
        const int row = queue.findChild<QTableView*>(QStringLiteral("queueView"))->currentIndex().row();
        QCOMPARE(queue.model()->data(queue.model()->index(row, ui::QueueModel::WarningColumn)).toString(),
                 ui::QueueModel::warningText(core::DeadlineWarning::None, true));
    }
    QCOMPARE(output.jobs().size(), 1);
    QVERIFY(test::pdfText(output.jobs().first().pdf).contains(QStringLiteral("听证告知书")));

    // Monday 9 June: the hearing is over (Ctrl+R); the reviewer passes the case.
    m_clock.set(QDateTime(QDate(2025, 6, 9), QTime(9, 0)));
    ui::ClockDialog resume(*reviewer, accepted->caseId);
    resume.show();
    QVERIFY(QTest::qWaitForWindowExposed(&resume));
    resume.activateWindow();
    press(Qt::Key_R, Qt::ControlModifier);
    QVERIFY2(resume.messageText().contains(QLatin1String("runs again")), qPrintable(resume.messageText()));
    resume.close();
    auto state = services::IntakeService(*m_clerk).caseState(accepted->caseId);
    QCOMPARE(core::workingDaysBetween(cal, due0, state->promisedDue), 3);
    QVERIFY2(services::ReviewService(*reviewer).pass(accepted->caseId, QString(), &error), qPrintable(error));

    // The approver extends by 4 working days with reasons (Ctrl+E); the 延期通知书 prints.
    auto approver = login(QStringLiteral("approver"));
    ui::ClockDialog extend(*approver, accepted->caseId);
    output.clear();
    extend.setDocumentOutput(&output);
    extend.show();
    QVERIFY(QTest::qWaitForWindowExposed(&extend));
    extend.activateWindow();
    QTest::keyClick(&extend, Qt::Key_D, Qt::AltModifier);
    QCOMPARE(focused()->objectName(), QStringLiteral("daysSpin"));
    qobject_cast<QSpinBox*>(focused())->selectAll();
    type(QStringLiteral("4"));
    QTest::keyClick(&extend, Qt::Key_R, Qt::AltModifier);
    QCOMPARE(focused()->objectName(), QStringLiteral("extendReasonsEdit"));
    qobject_cast<QLineEdit*>(focused())->insert(QStringLiteral("听证后需补充核实"));
    press(Qt::Key_E, Qt::ControlModifier);
    QVERIFY2(extend.messageText().contains(QLatin1String("extended")), qPrintable(extend.messageText()));
    const QDate due1 = state->promisedDue;
    state = services::IntakeService(*m_clerk).caseState(accepted->caseId);
    QCOMPARE(state->extensionDays, 4);
    QCOMPARE(core::workingDaysBetween(cal, due1, state->promisedDue), 4);
    QVERIFY(extend.caseText().contains(state->promisedDue.toString(Qt::ISODate)));
    QCOMPARE(output.jobs().size(), 1);
    const QString text = test::pdfText(output.jobs().first().pdf);
    QVERIFY2(text.contains(QStringLiteral("延期通知书")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("延长4个工作日")));
}

void TestCaseLifeGui::ledgerOffersTheStepTheCatalogSays()
{
    QString error;
    auto approver = login(QStringLiteral("approver"));
    auto reviewer = login(QStringLiteral("reviewer"));
    auto approveCase = [&](const QString& caseId) {
        return services::ReviewService(*reviewer).pass(caseId, QString(), &error)
            && services::DecisionService(*approver).approve(caseId, QString(), &error);
    };
    // Under the demo catalog (no "onOwedLapse": revoke) and under a version whose matter says "terminate".
    m_clock.set(QDateTime(QDate(2025, 6, 2), QTime(9, 0)));
    const core::CaseState revoking = deferredCase(QStringLiteral("14080219700101091"), QStringLiteral("蒋撤销"));
    QVERIFY2(approveCase(revoking.caseId), qPrintable(error));
    auto admin = login(QStringLiteral("admin"));
    core::Catalog next = *admin->catalog();
    next.version += 1;
    for (core::Matter& m : next.matters)
        if (m.code == revoking.subjectCode)
            m.onOwedLapse = core::OwedLapse::Terminate;
    QVERIFY2(services::CatalogService(*admin).importJson(next.toJson(), &error), qPrintable(error));
    const core::CaseState terminating = deferredCase(QStringLiteral("14080219700101101"), QStringLiteral("沈终止"));
    QCOMPARE(terminating.subjectCode, revoking.subjectCode);
    QCOMPARE(terminating.catalogVersion, next.version);
    QVERIFY2(approveCase(terminating.caseId), qPrintable(error));
    QDate due;
    for (const core::MaterialEntry& m : terminating.materials)
        if (m.state == core::MaterialState::Deferred)
            due = m.dueDate;
    m_clock.set(QDateTime(due.addDays(3), QTime(9, 0)));

    ui::OwedLedgerWidget ledger(*approver);
    print::MemoryOutput output;
    ledger.setDocumentOutput(&output);
    ledger.resize(1000, 600);
    ledger.show();
    QVERIFY(QTest::qWaitForWindowExposed(&ledger));
    ledger.activateWindow();
    auto rowOf = [&](const QString& caseId) {
        for (int i = 0; i < ledger.model()->rowCount(); ++i)
            if (ledger.model()->itemAt(i).row.caseId == caseId)
                return i;
        return -1;
    };
    auto* view = ledger.findChild<QTableView*>(QStringLiteral("ledgerView"));
    auto* button = ledger.findChild<QPushButton*>(QStringLiteral("lapseButton"));
    auto end = [&](const QString& caseId) {
        view->setFocus(Qt::OtherFocusReason);
        view->selectRow(rowOf(caseId));
        const QString offered = button->text();
        press(Qt::Key_Tab);
        qobject_cast<QLineEdit*>(focused())->insert(QStringLiteral("申请人逾期未补交容缺材料"));
        press(Qt::Key_Tab);
        type(services::HallService::demoPassword());
        press(Qt::Key_T, Qt::ControlModifier);
        return offered;
    };
    QVERIFY(rowOf(revoking.caseId) >= 0 && rowOf(terminating.caseId) >= 0);

    // The catalog says terminate: the button offers it, Ctrl+T does it and seals the notice.
    QVERIFY2(end(terminating.caseId).startsWith(QLatin1String("Terminate the case")), qPrintable(button->text()));
    QVERIFY2(ledger.messageText().contains(QLatin1String("terminated")), qPrintable(ledger.messageText()));
    QCOMPARE(services::IntakeService(*m_clerk).caseState(terminating.caseId)->status, core::CaseStatus::Terminated);
    // The default: the approval is revoked.
    QVERIFY2(end(revoking.caseId).startsWith(QLatin1String("Revoke the approval")), qPrintable(button->text()));
    QVERIFY2(ledger.messageText().contains(QLatin1String("revoked")), qPrintable(ledger.messageText()));
    QCOMPARE(services::IntakeService(*m_clerk).caseState(revoking.caseId)->status, core::CaseStatus::Revoked);
    const auto reg = db::BackOfficeRepository(approver->database().sql()).sealRegister();
    QVERIFY(std::any_of(reg.begin(), reg.end(), [&](const db::SealRegisterRow& r) {
        return r.caseId == terminating.caseId && r.documentTitle == QStringLiteral("终止办理通知书");
    }));
    QVERIFY(std::any_of(reg.begin(), reg.end(), [&](const db::SealRegisterRow& r) {
        return r.caseId == revoking.caseId && r.documentTitle == QStringLiteral("撤销行政许可决定书");
    }));
}

QTEST_MAIN(TestCaseLifeGui)
#include "TestCaseLifeGui.moc"
