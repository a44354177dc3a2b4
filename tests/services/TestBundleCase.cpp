// A "one thing" case (一件事: 我要开饭店, four matters): one case, and per matter its own limits,
// decision, seal and certificate; a refused matter blocks the others only when the catalog makes it
// a precondition; the acceptance notice names every matter with its promised date on one page.
#include "PdfText.h"
#include "TestSupport.h"

#include "core/Identifiers.h"
#include "print/CaseCertificate.h"
#include "print/DocumentRenderer.h"
#include "print/IntakeNotices.h"
#include "services/AuthService.h"
#include "services/CertificateService.h"
#include "services/DecisionService.h"
#include "services/HallService.h"
#include "services/InspectionService.h"
#include "services/IntakeService.h"
#include "services/ReviewService.h"

#include <QCryptographicHash>
#include <QGuiApplication>
#include <QSet>
#include <QTest>

#include <map>

using namespace oneseal;

namespace {
const QString kRestaurant = QStringLiteral("140800-TC-0001"); // 我要开饭店
const QString kFood = QStringLiteral("140800-XK-0020");       // 食品经营许可: legal 20, promised 7
const QString kFire = QStringLiteral("140800-XK-0041");       // 消防安全检查: legal 10, promised 5 (precondition)
const QString kSign = QStringLiteral("140800-XK-0033");       // 户外广告设施设置审批
const QString kSewer = QStringLiteral("140800-XK-0015");      // 排水许可

QByteArray sha(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}
} // namespace

class TestBundleCase : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void restaurantGivesFourDecisionsAndFourCertificates();
    void refusedMatterDoesNotBlockTheOthers();
    void refusedPreconditionBlocksTheOthers();
    void noticeNamesEveryMatterOnOnePage();

private:
    services::Session& as(const QString& username);
    /** Accepts 我要开饭店 and takes it through review and a combined visit; returns the case id. */
    QString inspectedRestaurant(int n);
    void sealMatter(const QString& id, const QString& code);

    std::unique_ptr<test::TempHall> m_hall;
    core::FixedClock m_clock{QDateTime(QDate(2025, 3, 3), QTime(9, 30))}; // a Monday
    std::map<QString, std::unique_ptr<services::Session>> m_sessions;
};

void TestBundleCase::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>(m_clock);
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
}

services::Session& TestBundleCase::as(const QString& username)
{
    auto& slot = m_sessions[username];
    if (!slot) {
        services::AuthService auth(m_hall->path(), m_clock);
        QString error;
        slot = auth.login(username, services::HallService::demoPassword(), &error);
        if (!slot)
            qFatal("login of %s failed: %s", qPrintable(username), qPrintable(error));
    }
    return *slot;
}

QString TestBundleCase::inspectedRestaurant(int n)
{
    services::IntakeService intake(as(QStringLiteral("clerk")));
    const auto subject = intake.subject(kRestaurant);
    if (!subject)
        return QString();
    services::IntakeRequest r;
    r.subjectCode = kRestaurant;
    const QString first17 = QStringLiteral("1408021980051200") + QString::number(n % 10);
    r.applicant.idNumber = first17 + core::residentIdCheckChar(first17);
    r.applicant.name = QStringLiteral("王建国");
    r.applicant.phone = QStringLiteral("13903591234");
    r.applicant.address = QStringLiteral("运城市盐湖区解放路 1 号");
    r.materials = intake.checklistFor(*subject);
    for (auto& m : r.materials) {
        m.state = core::MaterialState::Received;
        m.count = 1;
    }
    r.outcome = core::IntakeOutcome::Accept;
    QString error;
    const auto accepted = intake.record(r, &error);
    if (!accepted) {
        qWarning("intake: %s", qPrintable(error));
        return QString();
    }
    const QString id = accepted->caseId;
    services::InspectionService inspection(as(QStringLiteral("inspector")));
    if (!services::ReviewService(as(QStringLiteral("reviewer"))).pass(id, QString(), &error)
        || !inspection.schedule({{id}, m_clock.now().date(),
                                 {as(QStringLiteral("inspector")).user().id, as(QStringLiteral("inspector2")).user().id}},
                                &error)
        || !inspection.recordResult(id, true, QString(), {}, &error)) {
        qWarning("back office: %s", qPrintable(error));
        return QString();
    }
    return id;
}

void TestBundleCase::sealMatter(const QString& id, const QString& code)
{
    QString error;
    QVERIFY2(services::DecisionService(as(QStringLiteral("approver")))
                 .applySeal(id, services::HallService::demoPassword(), sha(("decision " + id + code).toUtf8()),
                            QStringLiteral("准予行政许可决定书"), &error, code),
             qPrintable(error));
}

void TestBundleCase::restaurantGivesFourDecisionsAndFourCertificates()
{
    const QString id = inspectedRestaurant(1);
    QVERIFY(!id.isEmpty());
    services::IntakeService intake(as(QStringLiteral("clerk")));
    auto state = intake.caseState(id);
    QVERIFY(state);
    QVERIFY(state->bundle);
    QCOMPARE(state->matterResults.size(), 4);
    QVERIFY(state->decidedPerMatter());
    // Each matter's own limits: the fire-safety check has 10 legal days, not the bundle's 20.
    const auto& cal = core::WorkCalendar::builtIn();
    const core::MatterResult* fire = state->matterResult(kFire);
    const core::MatterResult* food = state->matterResult(kFood);
    QVERIFY(fire && food);
    QCOMPARE(fire->legalDays, 10.0);
    QCOMPARE(fire->promisedDays, 5.0);
    QCOMPARE(fire->legalDue, core::computeDeadline(cal, QDate(2025, 3, 3), 10).due);
    QCOMPARE(fire->legalDue, QDate(2025, 3, 17));
    QCOMPARE(food->legalDays, 20.0);
    QCOMPARE(food->legalDue, QDate(2025, 3, 31));
    QCOMPARE(food->promisedDue, core::computeDeadline(cal, QDate(2025, 3, 3), 7).due);
    QVERIFY(fire->precondition);
    QVERIFY(!food->precondition);
    QCOMPARE(core::Workflow::matterDeadlines(*state, *fire, cal).legal.due, QDate(2025, 3, 17));

    // Four decisions, each sealed; the case is decided with the last one.
    services::DecisionService decision(as(QStringLiteral("approver")));
    QString error;
    const QStringList codes{kFood, kFire, kSign, kSewer};
    for (const QString& code : codes) {
        QVERIFY2(decision.approve(id, QString(), &error, code), qPrintable(error));
        state = intake.caseState(id);
        QCOMPARE(state->matterResult(code)->decision, core::Decision::Approved);
        QCOMPARE(state->decision, code == codes.last() ? core::Decision::Approved : core::Decision::None);
        QVERIFY(!decision.approve(id, QString(), &error, code)); // once per matter
        sealMatter(id, code);
    }
    state = intake.caseState(id);
    QCOMPARE(state->status, core::CaseStatus::Approved);
    QCOMPARE(state->sealCount, 4);
    for (const core::MatterResult& m : state->matterResults)
        QCOMPARE(m.sealCount, 1);

    // Four certificates: own number, own template, own scope and QR.
    services::CertificateService certificates(as(QStringLiteral("certifier")));
    QCOMPARE(services::CertificateService::certificateMatters(*state).size(), 4);
    const core::SealKey key = core::SealKey::generate();
    QSet<QString> numbers;
    QSet<QString> templates;
    QSet<QString> qrs;
    for (const QString& code : codes) {
        QVERIFY2(certificates.checkBatchPrint(id, code).isEmpty(), qPrintable(certificates.checkBatchPrint(id, code)));
        const auto number = certificates.numberForPrinting(id, &error, code);
        QVERIFY2(number, qPrintable(error));
        numbers.insert(*number);
        state = intake.caseState(id);
        const auto cert = print::CaseCertificate::build(*state, intake.catalog(), *number, QStringLiteral("运城市行政审批服务管理局"),
                                                        QStringLiteral("杨审批"), key, QDate(2025, 3, 10), &error, code);
        QVERIFY2(cert, qPrintable(error));
        templates.insert(cert->certificateTemplate.id());
        qrs.insert(cert->document.qrText);
        const core::Matter* matter = intake.catalog().matter(code);
        QCOMPARE(cert->document.fields.value(QStringLiteral("scope")), matter->name);
        QCOMPARE(cert->document.fields.value(QStringLiteral("matterName")), matter->resultName);
        QCOMPARE(cert->document.fields.value(QStringLiteral("serial")), *number);
        QVERIFY(cert->document.fields.value(QStringLiteral("businessType")) != matter->resultName);
        for (const QString& other : codes)
            if (other != code)
                QVERIFY(!cert->document.fields.value(QStringLiteral("scope")).contains(intake.catalog().matter(other)->name));
        QVERIFY2(certificates.recordPrinted(id, *number, cert->contentHash, &error, QString(), code), qPrintable(error));
        // The holder collects all the licences together, not one before the others are printed.
        if (code != codes.last())
            QVERIFY(!certificates.issue(id, {core::CollectorKind::Holder, QStringLiteral("王建国"),
                                             intake.caseState(id)->applicant.idNumber},
                                        &error));
    }
    QCOMPARE(numbers.size(), 4);
    QCOMPARE(qrs.size(), 4);
    QVERIFY(templates.size() >= 2); // 食品经营许可证 and the others' own templates
    state = intake.caseState(id);
    for (const core::MatterResult& m : state->matterResults) {
        QVERIFY(m.activeCertificate());
        QVERIFY(m.activeCertificate()->printed);
    }
    QVERIFY(!certificates.numberForPrinting(id, &error, kFood)); // one certificate per matter
    QVERIFY2(certificates.issue(id, {core::CollectorKind::Holder, QStringLiteral("王建国"), state->applicant.idNumber},
                                &error),
             qPrintable(error));
    state = intake.caseState(id);
    QVERIFY(state->completed);
    for (const core::MatterResult& m : state->matterResults)
        QVERIFY(m.activeCertificate()->issued);
}

void TestBundleCase::refusedMatterDoesNotBlockTheOthers()
{
    const QString id = inspectedRestaurant(2);
    QVERIFY(!id.isEmpty());
    services::DecisionService decision(as(QStringLiteral("approver")));
    QString error;
    QVERIFY2(decision.refuse(id, QStringLiteral("设置地点不符合户外广告设置规划"), &error, kSign), qPrintable(error));
    for (const QString& code : {kFood, kFire, kSewer})
        QVERIFY2(decision.approve(id, QString(), &error, code), qPrintable(error));
    const auto state = services::IntakeService(as(QStringLiteral("clerk"))).caseState(id);
    QCOMPARE(state->decision, core::Decision::Approved);
    QCOMPARE(state->matterResult(kSign)->decision, core::Decision::Refused);
    QCOMPARE(state->matterResult(kSign)->decisionReasons, QStringLiteral("设置地点不符合户外广告设置规划"));
    const QStringList approved = services::CertificateService::certificateMatters(*state);
    QCOMPARE(QSet<QString>(approved.begin(), approved.end()), QSet<QString>({kFood, kFire, kSewer}));
    QVERIFY(!state->completed);
}

void TestBundleCase::refusedPreconditionBlocksTheOthers()
{
    const QString id = inspectedRestaurant(3);
    QVERIFY(!id.isEmpty());
    services::DecisionService decision(as(QStringLiteral("approver")));
    QString error;
    QVERIFY2(decision.approve(id, QString(), &error, kFood), qPrintable(error));
    QVERIFY2(decision.refuse(id, QStringLiteral("疏散通道不符合要求"), &error, kFire), qPrintable(error));
    const qint64 before = as(QStringLiteral("approver")).events().count();
    QVERIFY(!decision.approve(id, QString(), &error, kSewer));
    QVERIFY2(error.contains(QLatin1String("precondition")), qPrintable(error));
    QCOMPARE(as(QStringLiteral("approver")).events().count(), before);
    for (const QString& code : {kSign, kSewer})
        QVERIFY2(decision.refuse(id, QStringLiteral("消防安全检查不合格"), &error, code), qPrintable(error));
    const auto state = services::IntakeService(as(QStringLiteral("clerk"))).caseState(id);
    QCOMPARE(state->decision, core::Decision::Approved); // the food licence was approved before
    QCOMPARE(services::CertificateService::certificateMatters(*state), QStringList{kFood});
}

void TestBundleCase::noticeNamesEveryMatterOnOnePage()
{
    services::IntakeService intake(as(QStringLiteral("clerk")));
    const QString id = inspectedRestaurant(4);
    QVERIFY(!id.isEmpty());
    const auto state = intake.caseState(id);
    const print::NoticeDocument doc = print::IntakeNotices::build(
        *state, {QStringLiteral("运城市行政审批服务管理局"), QString(), QString(), QString()});
    const QByteArray pdf = print::DocumentRenderer().toPdfBytes(doc);
    QCOMPARE(test::pdfPageCount(pdf), 1);
    const QString text = test::pdfText(pdf);
    QVERIFY(text.contains(QStringLiteral("我要开饭店")));
    for (const core::MatterResult& m : state->matterResults) {
        QVERIFY2(text.contains(QString(m.name).remove(QLatin1Char(' '))), qPrintable(m.name));
        const QString due = QStringLiteral("承诺%1年%2月%3日前办结")
                                .arg(m.promisedDue.year())
                                .arg(m.promisedDue.month())
                                .arg(m.promisedDue.day());
        QVERIFY2(text.contains(due), qPrintable(due + QStringLiteral(" in ") + text));
    }
}

QTEST_MAIN(TestBundleCase)
#include "TestBundleCase.moc"
