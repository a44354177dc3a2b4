#include "PdfText.h"
#include "TestSupport.h"

#include "core/Identifiers.h"
#include "db/BackOfficeRepository.h"
#include "documents/DocumentIssuer.h"
#include "print/CertificateTemplate.h"
#include "print/MemoryOutput.h"
#include "services/AuthService.h"
#include "services/CaseLifeService.h"
#include "services/CatalogService.h"
#include "services/CertificateService.h"
#include "services/DecisionService.h"
#include "services/HallService.h"
#include "services/IntakeService.h"
#include "services/QueueService.h"
#include "services/ReviewService.h"

#include <QFile>
#include <QGuiApplication>
#include <QTest>

#include <map>
#include <memory>

using namespace oneseal;

namespace {

QDateTime at(int y, int m, int d)
{
    return QDateTime(QDate(y, m, d), QTime(9, 30));
}

QString residentId(const QString& first17)
{
    return first17 + core::residentIdCheckChar(first17);
}

const core::MaterialEntry* deferredOf(const core::CaseState& s)
{
    for (const core::MaterialEntry& m : s.materials)
        if (m.state == core::MaterialState::Deferred)
            return &m;
    return nullptr;
}

} // namespace

/**
 * The life of a case after intake (issue 14): owed materials (容缺) handed in with a receipt or
 * overdue and ended by the approver; a pledge (告知承诺) checked later and revoked; the clock
 * stopped for a hearing and the time limit extended.
 */
class TestCaseLife : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void owedMaterialArrivesWithItsScanAndReceipt();
    void overdueOwedMaterialTerminatesByTheApproversStep();
    void overdueOwedMaterialOfAnApprovedCaseRevokesIt();
    void missingUnderAPledgeDoesNotBlockIssuingAndTheCheckRevokes();
    void pledgeCheckPeriodComesFromTheCatalog();
    void demoRegulatorChecksAPledge();
    void owedLapseFollowsTheCatalog(); // last: it imports a catalog version
    void hearingStopsTheClockAndAnExtensionMovesTheDueDate();

private:
    services::Session& as(const QString& username);
    core::CaseState deferred(const QString& name, const QString& idFirst17);
    /** Reviewed, approved and sealed through the issuer. */
    void approveAndSeal(const QString& caseId);
    QString printCertificate(const QString& caseId);

    std::unique_ptr<test::TempHall> m_hall;
    core::FixedClock m_clock{at(2025, 6, 2)};
    std::map<QString, std::unique_ptr<services::Session>> m_sessions;
    QString m_deferMatter;
    QString m_pledgeMatter;
};

services::Session& TestCaseLife::as(const QString& username)
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

void TestCaseLife::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>(m_clock);
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    const services::IntakeService intake(as(QStringLiteral("clerk")));
    const auto templates = print::CertificateTemplate::builtIn();
    for (const core::Matter& m : intake.catalog().matters) {
        const bool deferrableCore = std::any_of(m.materials.begin(), m.materials.end(), [](const core::Material& x) {
            return x.core && x.requirement == core::MaterialRequirement::Deferrable;
        });
        const bool hasTemplate = print::CertificateTemplate::forResult(templates, m.resultType, m.resultName).has_value();
        if (m_deferMatter.isEmpty() && !m.siteInspection && !m.instant && m.deferralAllowed && deferrableCore
            && hasTemplate && m.promisedLimitDays >= 3)
            m_deferMatter = m.code;
        const bool core = std::any_of(m.materials.begin(), m.materials.end(), [](const core::Material& x) { return x.core; });
        if (m_pledgeMatter.isEmpty() && m.commitmentAllowed && !m.siteInspection && !m.instant && core && hasTemplate)
            m_pledgeMatter = m.code;
    }
    QVERIFY(!m_deferMatter.isEmpty());
    QVERIFY(!m_pledgeMatter.isEmpty());
}

core::CaseState TestCaseLife::deferred(const QString& name, const QString& idFirst17)
{
    QString error;
    const QString code = m_deferMatter;
    const auto state = test::acceptCase(
        as(QStringLiteral("clerk")), [&](const core::Matter& m) { return m.code == code; }, idFirst17, name,
        QStringLiteral("13903591234"), &error, true);
    if (!state)
        qFatal("intake: %s", qPrintable(error));
    return *state;
}

void TestCaseLife::approveAndSeal(const QString& caseId)
{
    QString error;
    print::MemoryOutput output;
    if (!services::ReviewService(as(QStringLiteral("reviewer"))).pass(caseId, QString(), &error)
        || !services::DecisionService(as(QStringLiteral("approver"))).approve(caseId, QString(), &error))
        qFatal("back office: %s", qPrintable(error));
    const documents::IssuedDocument seal = documents::DocumentIssuer(as(QStringLiteral("approver")), output)
                                               .sealDecision(caseId, services::HallService::demoPassword());
    if (!seal.recorded())
        qFatal("seal: %s", qPrintable(seal.error));
}

QString TestCaseLife::printCertificate(const QString& caseId)
{
    print::MemoryOutput output;
    const documents::IssuedDocument cert
        = documents::DocumentIssuer(as(QStringLiteral("certifier")), output).printCertificate(caseId);
    if (!cert.recorded())
        qFatal("certificate: %s", qPrintable(cert.error));
    return cert.title;
}

void TestCaseLife::owedMaterialArrivesWithItsScanAndReceipt()
{
    m_clock.set(at(2025, 6, 2));
    const QString applicant = residentId(QStringLiteral("14080219800101011"));
    const core::CaseState accepted = deferred(QStringLiteral("孙补交"), applicant.left(17));
    const core::MaterialEntry* owed = deferredOf(accepted);
    QVERIFY(owed);
    QVERIFY(accepted.owesCoreMaterial());

    // The ledger: the intake clerk and the supervisor see it; the certificate operator does not.
    services::CaseLifeService clerkLife(as(QStringLiteral("clerk")));
    QString error;
    auto ledger = clerkLife.owedMaterials(applicant, &error);
    QVERIFY2(ledger, qPrintable(error));
    QCOMPARE(ledger->size(), 1);
    QCOMPARE(ledger->first().row.caseNo, accepted.caseNo);
    QCOMPARE(ledger->first().row.materialName, owed->name);
    QCOMPARE(ledger->first().row.dueDate, owed->dueDate);
    const auto all = services::CaseLifeService(as(QStringLiteral("supervisor"))).owedMaterials(QString(), &error);
    QVERIFY2(all, qPrintable(error));
    QVERIFY(std::any_of(all->begin(), all->end(),
                        [&](const services::OwedItem& i) { return i.row.caseId == accepted.caseId; }));
    QVERIFY(!services::CaseLifeService(as(QStringLiteral("certifier"))).owedMaterials(QString(), &error));

    // A bad scan is refused and changes nothing.
    services::IntakeService intake(as(QStringLiteral("clerk")));
    const qint64 before = as(QStringLiteral("clerk")).events().count();
    QVERIFY(!intake.supplyMaterial(accepted.caseId, owed->code, 1, &error,
                                   services::PendingAttachment{owed->code, QStringLiteral("scan.exe"),
                                                               QStringLiteral("application/x-msdownload"), "MZ"}));
    QVERIFY2(error.contains(QLatin1String("neither an image nor a PDF")), qPrintable(error));
    QCOMPARE(as(QStringLiteral("clerk")).events().count(), before);
    // Only an intake clerk records an arrival.
    QVERIFY(!services::IntakeService(as(QStringLiteral("approver"))).supplyMaterial(accepted.caseId, owed->code, 1, &error));

    // The arrival with its scan, then the receipt.
    m_clock.set(at(2025, 6, 4));
    const QByteArray scan = QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(512, 's');
    auto supplied = intake.supplyMaterial(
        accepted.caseId, owed->code, 2, &error,
        services::PendingAttachment{owed->code, QStringLiteral("补交.png"), QStringLiteral("image/png"), scan});
    QVERIFY2(supplied, qPrintable(error));
    QVERIFY(!supplied->owesCoreMaterial());
    QVERIFY(std::any_of(supplied->attachments.begin(), supplied->attachments.end(),
                        [&](const core::AttachmentRef& a) { return a.materialCode == owed->code && a.size == scan.size(); }));
    print::MemoryOutput output;
    const documents::IssuedDocument receipt
        = documents::DocumentIssuer(as(QStringLiteral("clerk")), output).printMaterialReceipt(accepted.caseId, owed->code);
    QVERIFY2(receipt.recorded(), qPrintable(receipt.error));
    QCOMPARE(output.jobs().size(), 1);
    const QString text = test::pdfText(output.jobs().first().pdf);
    QVERIFY2(text.contains(QStringLiteral("容缺材料补交回执")), qPrintable(text));
    QVERIFY(text.contains(accepted.caseNo));
    QVERIFY(text.contains(QString(owed->name).remove(QLatin1Char(' '))));
    QVERIFY(text.contains(QStringLiteral("容缺材料已全部补齐")));
    QVERIFY(text.contains(QStringLiteral("2025年6月4日")));
    const core::Event last = as(QStringLiteral("clerk")).events().caseEvents(accepted.caseId).last();
    QCOMPARE(last.kind, QStringLiteral("notice.printed"));
    QCOMPARE(last.payload().value(core::payload::documentHash).toString(), QString::fromLatin1(receipt.contentHash.toHex()));

    // No longer owed; a second arrival is refused.
    ledger = clerkLife.owedMaterials(applicant, &error);
    QVERIFY(ledger && ledger->isEmpty());
    QVERIFY(!intake.supplyMaterial(accepted.caseId, owed->code, 1, &error));

    // Once supplied, the case is issued.
    approveAndSeal(accepted.caseId);
    printCertificate(accepted.caseId);
    auto issued = services::CertificateService(as(QStringLiteral("certifier")))
                      .issue(accepted.caseId, {core::CollectorKind::Holder, QStringLiteral("孙补交"), applicant}, &error);
    QVERIFY2(issued, qPrintable(error));
    QCOMPARE(issued->status, core::CaseStatus::Completed);
}

void TestCaseLife::overdueOwedMaterialTerminatesByTheApproversStep()
{
    m_clock.set(at(2025, 6, 2));
    const QString applicant = residentId(QStringLiteral("14080219800101021"));
    const core::CaseState accepted = deferred(QStringLiteral("钱逾期"), applicant.left(17));
    const core::MaterialEntry* owed = deferredOf(accepted);
    QVERIFY(owed && owed->dueDate.isValid());
    services::CaseLifeService approver(as(QStringLiteral("approver")));
    QString error;

    // On the due date: yellow, nothing overdue, no termination.
    m_clock.set(QDateTime(owed->dueDate, QTime(10, 0)));
    auto ledger = services::CaseLifeService(as(QStringLiteral("supervisor"))).owedMaterials(applicant, &error);
    QVERIFY(ledger && ledger->size() == 1);
    QCOMPARE(ledger->first().warning, core::DeadlineWarning::Yellow);
    QVERIFY(!approver.terminate(accepted.caseId, QStringLiteral("逾期未补交"), &error));
    QVERIFY2(error.contains(QLatin1String("overdue")), qPrintable(error));

    // The day after: red, and still nothing happens by itself.
    m_clock.set(QDateTime(owed->dueDate.addDays(1), QTime(10, 0)));
    ledger = services::CaseLifeService(as(QStringLiteral("supervisor"))).owedMaterials(applicant, &error);
    QVERIFY(ledger && ledger->size() == 1);
    QCOMPARE(ledger->first().warning, core::DeadlineWarning::Red);
    QCOMPARE(services::IntakeService(as(QStringLiteral("clerk"))).caseState(accepted.caseId)->status,
             core::CaseStatus::Accepted);

    // Only an approver terminates, with reasons.
    QVERIFY(!services::CaseLifeService(as(QStringLiteral("clerk"))).terminate(accepted.caseId, QStringLiteral("x"), &error));
    QCOMPARE(error, services::Session::refusal(core::Action::DecideCase));
    QVERIFY(!approver.terminate(accepted.caseId, QStringLiteral("  "), &error));
    auto ended = approver.terminate(accepted.caseId, QStringLiteral("申请人逾期未补交容缺材料"), &error);
    QVERIFY2(ended, qPrintable(error));
    QCOMPARE(ended->status, core::CaseStatus::Terminated);
    QCOMPARE(ended->decision, core::Decision::Terminated);
    QVERIFY(ended->completed);
    QCOMPARE(core::Workflow::waitingRole(*ended), core::Role::None);

    // The termination notice is sealed: a row of the seal register.
    print::MemoryOutput output;
    const documents::IssuedDocument sealed = documents::DocumentIssuer(as(QStringLiteral("approver")), output)
                                                 .sealDecision(accepted.caseId, services::HallService::demoPassword());
    QVERIFY2(sealed.recorded(), qPrintable(sealed.error));
    QCOMPARE(sealed.title, QStringLiteral("终止办理通知书"));
    const auto reg = db::BackOfficeRepository(as(QStringLiteral("approver")).database().sql()).sealRegister();
    QVERIFY(std::any_of(reg.begin(), reg.end(), [&](const db::SealRegisterRow& r) {
        return r.caseId == accepted.caseId && r.documentTitle == QStringLiteral("终止办理通知书");
    }));

    // Off the ledger; no more arrivals; no review.
    ledger = services::CaseLifeService(as(QStringLiteral("clerk"))).owedMaterials(applicant, &error);
    QVERIFY(ledger && ledger->isEmpty());
    QVERIFY(!services::IntakeService(as(QStringLiteral("clerk"))).supplyMaterial(accepted.caseId, owed->code, 1, &error));
    QVERIFY(!services::ReviewService(as(QStringLiteral("reviewer"))).pass(accepted.caseId, QString(), &error));
}

void TestCaseLife::overdueOwedMaterialOfAnApprovedCaseRevokesIt()
{
    m_clock.set(at(2025, 6, 2));
    const QString applicant = residentId(QStringLiteral("14080219800101031"));
    const core::CaseState accepted = deferred(QStringLiteral("周撤销"), applicant.left(17));
    const core::MaterialEntry* owed = deferredOf(accepted);
    approveAndSeal(accepted.caseId);
    const QString number = printCertificate(accepted.caseId);
    m_clock.set(QDateTime(owed->dueDate.addDays(3), QTime(10, 0)));
    services::CaseLifeService approver(as(QStringLiteral("approver")));
    QString error;
    QVERIFY(!approver.terminate(accepted.caseId, QStringLiteral("逾期未补交"), &error));
    QVERIFY2(error.contains(QLatin1String("revoke")), qPrintable(error));
    auto revoked = approver.revoke(accepted.caseId, QStringLiteral("申请人逾期未补交容缺材料"), &error);
    QVERIFY2(revoked, qPrintable(error));
    QCOMPARE(revoked->status, core::CaseStatus::Revoked);
    QVERIFY(!revoked->activeCertificate());
    const auto rows = services::CertificateService(as(QStringLiteral("certifier"))).certificates(accepted.caseId);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().number, number);
    QVERIFY(rows.first().voided);
}

void TestCaseLife::missingUnderAPledgeDoesNotBlockIssuingAndTheCheckRevokes()
{
    m_clock.set(at(2025, 6, 2)); // Monday
    services::Session& clerk = as(QStringLiteral("clerk"));
    services::IntakeService intake(clerk);
    const auto subject = intake.subject(m_pledgeMatter);
    QVERIFY(subject);
    services::IntakeRequest r;
    r.subjectCode = m_pledgeMatter;
    const QString applicant = residentId(QStringLiteral("14080219800101041"));
    r.applicant.idNumber = applicant;
    r.applicant.name = QStringLiteral("吴承诺");
    r.applicant.phone = QStringLiteral("13903591234");
    r.materials = intake.checklistFor(*subject);
    QString missingCode;
    for (auto& m : r.materials) {
        if (m.core && missingCode.isEmpty()) {
            m.state = core::MaterialState::Missing;
            m.note = QStringLiteral("申请人承诺");
            missingCode = m.code;
        } else {
            m.state = core::MaterialState::Received;
            m.count = 1;
        }
    }
    r.outcome = core::IntakeOutcome::AcceptCommitment;
    QString error;
    auto state = intake.record(r, &error);
    QVERIFY2(state, qPrintable(error));
    QVERIFY(state->pledgeBased());
    QVERIFY(!state->owesCoreMaterial()); // missing under a pledge is not owed
    auto ledger = services::CaseLifeService(clerk).owedMaterials(applicant, &error);
    QVERIFY(ledger && ledger->isEmpty());

    // Decided on Wednesday: the check is due 20 working days later (the catalog's default).
    m_clock.set(at(2025, 6, 4));
    approveAndSeal(state->caseId);
    state = intake.caseState(state->caseId);
    QCOMPARE(state->verification, core::PledgeCheck::Pending);
    QCOMPARE(state->verificationDue, core::computeDeadline(core::WorkCalendar::builtIn(), QDate(2025, 6, 4), 20).due);
    const QString number = printCertificate(state->caseId);
    state = services::CertificateService(as(QStringLiteral("certifier")))
                .issue(state->caseId, {core::CollectorKind::Holder, QStringLiteral("吴承诺"), applicant}, &error);
    QVERIFY2(state, qPrintable(error)); // the missing core material did not block issuing
    QCOMPARE(state->status, core::CaseStatus::Completed);

    // The check: the inspector's list; not the certificate operator's.
    services::CaseLifeService inspector(as(QStringLiteral("inspector")));
    auto tasks = inspector.verificationTasks(&error);
    QVERIFY2(tasks, qPrintable(error));
    QVERIFY(std::any_of(tasks->begin(), tasks->end(), [&](const services::VerificationItem& i) {
        return i.row.caseId == state->caseId && i.row.due == state->verificationDue;
    }));
    QVERIFY(!services::CaseLifeService(as(QStringLiteral("certifier"))).verificationTasks(&error));
    QVERIFY(!services::CaseLifeService(as(QStringLiteral("certifier"))).failPledge(state->caseId, QStringLiteral("x"), &error));

    // Ordered to rectify by a date, then found false.
    m_clock.set(at(2025, 6, 20));
    QVERIFY(!inspector.orderRectification(state->caseId, QDate(2025, 6, 19), QStringLiteral("补齐"), &error));
    state = inspector.orderRectification(state->caseId, QDate(2025, 7, 4), QStringLiteral("限期补齐承诺材料"), &error);
    QVERIFY2(state, qPrintable(error));
    QCOMPARE(state->verification, core::PledgeCheck::Rectification);
    QCOMPARE(state->verificationDue, QDate(2025, 7, 4));
    m_clock.set(at(2025, 7, 7));
    state = inspector.failPledge(state->caseId, QStringLiteral("现场核查发现承诺内容与实际不符"), &error);
    QVERIFY2(state, qPrintable(error));
    QCOMPARE(core::Workflow::waitingRole(*state), core::Role::Approver);
    tasks = inspector.verificationTasks(&error);
    QVERIFY(std::none_of(tasks->begin(), tasks->end(),
                         [&](const services::VerificationItem& i) { return i.row.caseId == state->caseId; }));
    QString queueError;
    const auto approverQueue = services::QueueService(as(QStringLiteral("approver"))).queue(core::Role::Approver, &queueError);
    QVERIFY(std::any_of(approverQueue->begin(), approverQueue->end(),
                        [&](const services::QueueItem& i) { return i.row.caseId == state->caseId; }));

    // The approver revokes: the decision sealed, the certificate void, the history showing it.
    state = services::CaseLifeService(as(QStringLiteral("approver")))
                .revoke(state->caseId, QStringLiteral("告知承诺内容不实"), &error);
    QVERIFY2(state, qPrintable(error));
    QCOMPARE(state->status, core::CaseStatus::Revoked);
    print::MemoryOutput output;
    const documents::IssuedDocument sealed = documents::DocumentIssuer(as(QStringLiteral("approver")), output)
                                                 .sealDecision(state->caseId, services::HallService::demoPassword());
    QVERIFY2(sealed.recorded(), qPrintable(sealed.error));
    QCOMPARE(sealed.title, QStringLiteral("撤销行政许可决定书"));
    const auto reg = db::BackOfficeRepository(as(QStringLiteral("approver")).database().sql()).sealRegister();
    QVERIFY(std::any_of(reg.begin(), reg.end(), [&](const db::SealRegisterRow& row) {
        return row.caseId == state->caseId && row.documentTitle == QStringLiteral("撤销行政许可决定书")
            && row.documentHash == QString::fromLatin1(sealed.contentHash.toHex())
            && row.documentKind == core::SealedDocument::Revocation;
    }));
    const auto standing = services::CertificateService(as(QStringLiteral("certifier"))).standing(number);
    QCOMPARE(standing, services::CertificateStanding::Voided);
    QStringList kinds;
    for (const core::Event& e : as(QStringLiteral("supervisor")).events().caseEvents(state->caseId))
        kinds << e.kind;
    QVERIFY(kinds.contains(QStringLiteral("verification.rectification_ordered")));
    QVERIFY(kinds.contains(QStringLiteral("verification.failed")));
    QVERIFY(kinds.indexOf(QStringLiteral("decision.revoked")) < kinds.lastIndexOf(QStringLiteral("seal.applied")));
}

void TestCaseLife::pledgeCheckPeriodComesFromTheCatalog()
{
    QFile file(core::Catalog::builtInDemoPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray demo = file.readAll();
    QString error;
    auto catalog = core::Catalog::fromJson(demo, &error);
    QVERIFY2(catalog, qPrintable(error));
    const core::Matter* pledge = catalog->matter(m_pledgeMatter);
    QCOMPARE(pledge->pledgeCheckDays, core::Catalog::kDefaultPledgeCheckDays);

    core::Catalog edited = *catalog;
    for (core::Matter& m : edited.matters)
        if (m.code == m_pledgeMatter)
            m.pledgeCheckDays = 15;
    auto again = core::Catalog::fromJson(edited.toJson(), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->matter(m_pledgeMatter)->pledgeCheckDays, 15);

    for (int bad : {0, 367}) {
        core::Catalog wrong = *catalog;
        for (core::Matter& m : wrong.matters)
            if (m.code == m_pledgeMatter)
                m.pledgeCheckDays = bad;
        QVERIFY(!core::Catalog::fromJson(wrong.toJson(), &error));
        QVERIFY2(error.contains(QLatin1String("pledgeCheckDays")), qPrintable(error));
    }
    // Only a commitment matter has pledges to check.
    QString json = QString::fromUtf8(demo);
    const int at = json.indexOf(QLatin1String("\"commitmentAllowed\": false"));
    QVERIFY(at > 0);
    json.insert(at, QLatin1String("\"pledgeCheckDays\": 10, "));
    QVERIFY(!core::Catalog::fromJson(json.toUtf8(), &error));
    QVERIFY2(error.contains(QLatin1String("commitmentAllowed")), qPrintable(error));
}

void TestCaseLife::demoRegulatorChecksAPledge()
{
    // The demo hall has a regulator (README's demo users): logs in with the demo password, holds only that role.
    services::Session& regulator = as(QStringLiteral("regulator"));
    QCOMPARE(regulator.user().roles, core::Roles(core::Role::Regulator));
    QCOMPARE(regulator.user().displayName, QStringLiteral("吴监管"));
    QVERIFY(regulator.can(core::Action::VerifyPledge));
    QVERIFY(!regulator.can(core::Action::DecideCase));

    m_clock.set(at(2025, 6, 2));
    services::IntakeService intake(as(QStringLiteral("clerk")));
    const auto subject = intake.subject(m_pledgeMatter);
    QVERIFY(subject);
    services::IntakeRequest r;
    r.subjectCode = m_pledgeMatter;
    r.applicant.idNumber = residentId(QStringLiteral("14080219800101051"));
    r.applicant.name = QStringLiteral("郑承诺");
    r.applicant.phone = QStringLiteral("13903591234");
    r.materials = intake.checklistFor(*subject);
    for (auto& m : r.materials) {
        m.state = core::MaterialState::Received;
        m.count = 1;
    }
    r.outcome = core::IntakeOutcome::AcceptCommitment;
    QString error;
    auto state = intake.record(r, &error);
    QVERIFY2(state, qPrintable(error));
    approveAndSeal(state->caseId);

    // The regulator's list holds the check; the regulator confirms it.
    services::CaseLifeService life(regulator);
    const auto tasks = life.verificationTasks(&error);
    QVERIFY2(tasks, qPrintable(error));
    QVERIFY(std::any_of(tasks->begin(), tasks->end(),
                        [&](const services::VerificationItem& i) { return i.row.caseId == state->caseId; }));
    state = life.confirmPledge(state->caseId, QStringLiteral("现场核实与承诺一致"), &error);
    QVERIFY2(state, qPrintable(error));
    QCOMPARE(state->verification, core::PledgeCheck::Confirmed);
    const core::Event last = regulator.events().caseEvents(state->caseId).constLast();
    QCOMPARE(last.kind, core::eventkind::verificationConfirmed);
    QCOMPARE(last.userId, regulator.user().id);
}

void TestCaseLife::hearingStopsTheClockAndAnExtensionMovesTheDueDate()
{
    m_clock.set(at(2025, 6, 2)); // Monday
    QString error;
    const QString code = m_deferMatter;
    const auto accepted = test::acceptCase(
        as(QStringLiteral("clerk")), [&](const core::Matter& m) { return m.code == code; },
        QStringLiteral("14080219800101051"), QStringLiteral("郑听证"), QStringLiteral("13903591234"), &error);
    QVERIFY2(accepted, qPrintable(error));
    const auto& cal = core::WorkCalendar::builtIn();
    const QDate due0 = accepted->promisedDue;
    QCOMPARE(due0, core::computeDeadline(cal, QDate(2025, 6, 2), accepted->promisedDays).due);

    // Tuesday: the reviewer orders a hearing; the clock stands still from Wednesday.
    m_clock.set(at(2025, 6, 3));
    services::CaseLifeService reviewer(as(QStringLiteral("reviewer")));
    QVERIFY(!services::CaseLifeService(as(QStringLiteral("clerk")))
                 .stopClock(accepted->caseId, core::ClockStop::Hearing, QStringLiteral("x"), &error));
    QVERIFY(!reviewer.stopClock(accepted->caseId, core::ClockStop::Hearing, QString(), &error));
    auto state = reviewer.stopClock(accepted->caseId, core::ClockStop::Hearing, QStringLiteral("涉及相邻权利人重大利益"), &error);
    QVERIFY2(state, qPrintable(error));
    QVERIFY(state->clockStopped());
    QCOMPARE(state->clockStop, core::ClockStop::Hearing);
    QVERIFY(!services::ReviewService(as(QStringLiteral("reviewer"))).pass(accepted->caseId, QString(), &error));
    QVERIFY2(error.contains(QLatin1String("hearing")), qPrintable(error));
    QVERIFY(!reviewer.stopClock(accepted->caseId, core::ClockStop::Testing, QStringLiteral("again"), &error));
    print::MemoryOutput output;
    const documents::IssuedDocument notice
        = documents::DocumentIssuer(as(QStringLiteral("reviewer")), output).printClockStopNotice(accepted->caseId);
    QVERIFY2(notice.recorded(), qPrintable(notice.error));
    QString text = test::pdfText(output.jobs().last().pdf);
    QVERIFY2(text.contains(QStringLiteral("听证告知书")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("第四十五条")));
    QVERIFY(text.contains(QStringLiteral("2025年6月4日")));
    // The notice carries the seal: its own row in the seal register, with its hash.
    const auto sealRows = db::BackOfficeRepository(as(QStringLiteral("reviewer")).database().sql()).sealRegister();
    QVERIFY(std::any_of(sealRows.begin(), sealRows.end(), [&](const db::SealRegisterRow& r) {
        return r.caseId == accepted->caseId && r.documentKind == core::SealedDocument::Notice
            && r.documentHash == QString::fromLatin1(notice.contentHash.toHex());
    }));
    // The queue shows it stopped: no warning.
    const auto queue = services::QueueService(as(QStringLiteral("reviewer"))).queue(core::Role::Reviewer, &error);
    const auto row = std::find_if(queue->begin(), queue->end(),
                                  [&](const services::QueueItem& i) { return i.row.caseId == accepted->caseId; });
    QVERIFY(row != queue->end());
    QVERIFY(row->row.clockStopped);

    // Monday 9 June: the hearing is over. Wednesday to Friday did not count: three working days later.
    m_clock.set(at(2025, 6, 9));
    state = reviewer.resumeClock(accepted->caseId, QStringLiteral("听证结束"), &error);
    QVERIFY2(state, qPrintable(error));
    QVERIFY(!state->clockStopped());
    QCOMPARE(core::workingDaysBetween(cal, due0, state->promisedDue), 3);
    const QDate due1 = state->promisedDue;

    // The approver extends by 5 working days with reasons; at most 10 in all.
    services::CaseLifeService approver(as(QStringLiteral("approver")));
    QVERIFY(!reviewer.extend(accepted->caseId, 5, QStringLiteral("情况复杂"), &error));
    QVERIFY(!approver.extend(accepted->caseId, 11, QStringLiteral("情况复杂"), &error));
    QVERIFY(!approver.extend(accepted->caseId, 5, QString(), &error));
    state = approver.extend(accepted->caseId, 5, QStringLiteral("情况复杂，需进一步核实"), &error);
    QVERIFY2(state, qPrintable(error));
    QCOMPARE(core::workingDaysBetween(cal, due1, state->promisedDue), 5);
    QCOMPARE(state->extensionDays, 5);
    QVERIFY(!approver.extend(accepted->caseId, 6, QStringLiteral("再延"), &error));
    QVERIFY2(error.contains(QLatin1String("1 to 5")), qPrintable(error));
    output.clear();
    const documents::IssuedDocument extension
        = documents::DocumentIssuer(as(QStringLiteral("approver")), output).printExtensionNotice(accepted->caseId);
    QVERIFY2(extension.recorded(), qPrintable(extension.error));
    text = test::pdfText(output.jobs().last().pdf);
    QVERIFY2(text.contains(QStringLiteral("延期通知书")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("延长5个工作日")));
    QVERIFY(text.contains(QStringLiteral("%1年%2月%3日").arg(state->promisedDue.year()).arg(state->promisedDue.month()).arg(state->promisedDue.day())));

    // The projection and the recomputed deadline agree.
    const core::CaseDeadlines d = core::Workflow::deadlines(*state, cal);
    QCOMPARE(d.promised.due, state->promisedDue);
    const auto queue2 = services::QueueService(as(QStringLiteral("reviewer"))).queue(core::Role::Reviewer, &error);
    const auto row2 = std::find_if(queue2->begin(), queue2->end(),
                                   [&](const services::QueueItem& i) { return i.row.caseId == accepted->caseId; });
    QVERIFY(row2 != queue2->end());
    QCOMPARE(row2->row.promisedDue, state->promisedDue);
}

void TestCaseLife::owedLapseFollowsTheCatalog()
{
    QString error;
    // The catalog's word: "onOwedLapse" is "revoke" (the default) or "terminate", only with deferralAllowed.
    auto catalog = as(QStringLiteral("admin")).catalog();
    QVERIFY(catalog);
    QCOMPARE(catalog->matter(m_deferMatter)->onOwedLapse, core::OwedLapse::Revoke);
    core::Catalog next = *catalog;
    next.version = catalog->version + 1;
    for (core::Matter& m : next.matters)
        if (m.code == m_deferMatter)
            m.onOwedLapse = core::OwedLapse::Terminate;
    const QByteArray json = next.toJson();
    QVERIFY(json.contains("\"onOwedLapse\": \"terminate\""));
    auto again = core::Catalog::fromJson(json, &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->matter(m_deferMatter)->onOwedLapse, core::OwedLapse::Terminate);
    QByteArray bad = json;
    bad.replace("\"onOwedLapse\": \"terminate\"", "\"onOwedLapse\": \"forget\"");
    QVERIFY(!core::Catalog::fromJson(bad, &error));
    QVERIFY2(error.contains(QLatin1String("onOwedLapse")) && error.contains(QLatin1String("terminate")), qPrintable(error));
    core::Catalog wrong = next;
    for (core::Matter& m : wrong.matters)
        if (!m.deferralAllowed) {
            m.onOwedLapse = core::OwedLapse::Terminate;
            break;
        }
    QVERIFY(!core::Catalog::fromJson(wrong.toJson(), &error));
    QVERIFY2(error.contains(QLatin1String("deferralAllowed")), qPrintable(error));
    QVERIFY2(services::CatalogService(as(QStringLiteral("admin"))).importJson(json, &error), qPrintable(error));

    // Approved, its licence not printed, the owed material overdue: the catalog says terminate.
    m_clock.set(at(2025, 6, 2));
    const core::CaseState first = deferred(QStringLiteral("冯终止"), QStringLiteral("14080219800101061"));
    QCOMPARE(first.catalogVersion, next.version);
    const core::MaterialEntry* owed = deferredOf(first);
    QVERIFY(owed);
    const QDate due = owed->dueDate;
    approveAndSeal(first.caseId);
    m_clock.set(QDateTime(due.addDays(2), QTime(10, 0)));
    services::CaseLifeService approver(as(QStringLiteral("approver")));
    QCOMPARE(approver.lapseStep(first.caseId, &error), std::optional(core::WorkStep::Terminate));
    QVERIFY(!approver.revoke(first.caseId, QStringLiteral("逾期未补交"), &error));
    QVERIFY2(error.contains(QLatin1String("terminate the case")), qPrintable(error));
    auto ended = approver.terminate(first.caseId, QStringLiteral("申请人逾期未补交容缺材料"), &error);
    QVERIFY2(ended, qPrintable(error));
    QCOMPARE(ended->status, core::CaseStatus::Terminated);
    print::MemoryOutput output;
    const documents::IssuedDocument sealed = documents::DocumentIssuer(as(QStringLiteral("approver")), output)
                                                 .sealDecision(first.caseId, services::HallService::demoPassword());
    QVERIFY2(sealed.recorded(), qPrintable(sealed.error));
    QCOMPARE(sealed.title, QStringLiteral("终止办理通知书"));

    // A printed licence is only ever revoked, whatever the catalog says.
    m_clock.set(at(2025, 6, 2));
    const core::CaseState second = deferred(QStringLiteral("褚撤销"), QStringLiteral("14080219800101071"));
    approveAndSeal(second.caseId);
    printCertificate(second.caseId);
    m_clock.set(QDateTime(deferredOf(second)->dueDate.addDays(2), QTime(10, 0)));
    QCOMPARE(approver.lapseStep(second.caseId, &error), std::optional(core::WorkStep::Revoke));
    QVERIFY(!approver.terminate(second.caseId, QStringLiteral("逾期未补交"), &error));
    QVERIFY2(error.contains(QLatin1String("revoke")), qPrintable(error)); // the role and status check says it first
    auto revoked = approver.revoke(second.caseId, QStringLiteral("申请人逾期未补交容缺材料"), &error);
    QVERIFY2(revoked, qPrintable(error));
    QCOMPARE(revoked->status, core::CaseStatus::Revoked);

    // Not yet decided: terminated under either rule.
    m_clock.set(at(2025, 6, 2));
    const core::CaseState third = deferred(QStringLiteral("卫待审"), QStringLiteral("14080219800101081"));
    m_clock.set(QDateTime(deferredOf(third)->dueDate.addDays(2), QTime(10, 0)));
    QCOMPARE(approver.lapseStep(third.caseId, &error), std::optional(core::WorkStep::Terminate));
    QVERIFY(!approver.revoke(third.caseId, QStringLiteral("逾期未补交"), &error));
    QVERIFY2(approver.terminate(third.caseId, QStringLiteral("申请人逾期未补交容缺材料"), &error), qPrintable(error));
}

QTEST_MAIN(TestCaseLife)
#include "TestCaseLife.moc"
