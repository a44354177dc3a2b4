// A "one thing" case (一件事: 我要开饭店, four matters): one case, and per matter its own limits,
// decision, seal and certificate; a refused matter blocks the others only when the catalog makes it
// a precondition; the acceptance notice names every matter with its promised date on one page.
#include "PdfText.h"
#include "TestSupport.h"

#include "core/EventAdmission.h"
#include "core/Identifiers.h"
#include "db/Database.h"
#include "print/CaseCertificate.h"
#include "print/CertificateRenderer.h"
#include "print/DocumentRenderer.h"
#include "print/IntakeNotices.h"
#include "services/AuthService.h"
#include "services/CertificateService.h"
#include "services/DecisionService.h"
#include "services/HallService.h"
#include "services/InspectionService.h"
#include "services/IntakeService.h"
#include "services/ReviewService.h"

#include <QCborArray>
#include <QCryptographicHash>
#include <QGuiApplication>
#include <QSet>
#include <QSqlQuery>
#include <QUuid>
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
    void eachMatterReviewedAndInspectedOnItsOwn();
    void combinedVisitCoversItsGroupOnly();
    void replicaQuarantinesAMalformedMatterList();
    void oldEventsWithoutMatterMeanEveryMatter();
    void declaredBusinessTypeIsCheckedAndOldIntakeFolds();

private:
    services::Session& as(const QString& username);
    /** Accepts 我要开饭店 and takes it through review and a combined visit; returns the case id. */
    QString inspectedRestaurant(int n);
    void sealMatter(const QString& id, const QString& code);
    /** Accepts 我要开饭店 (nothing reviewed yet); returns the case id. */
    QString acceptedRestaurant(int n);
    core::Event forged(const QString& as, const QString& caseId, const QString& kind, const QCborMap& payload,
                       qint64 serverSeq);

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

QString TestBundleCase::acceptedRestaurant(int n)
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
    // 主体业态 of the food-business licence, as the applicant declares it at the window.
    r.declared = {{kFood, QStringLiteral("businessType"), QStringLiteral("餐饮服务经营者")}};
    QString error;
    const auto accepted = intake.record(r, &error);
    if (!accepted) {
        qWarning("intake: %s", qPrintable(error));
        return QString();
    }
    return accepted->caseId;
}

QString TestBundleCase::inspectedRestaurant(int n)
{
    const QString id = acceptedRestaurant(n);
    if (id.isEmpty())
        return id;
    QString error;
    // Each matter reviewed on its own; three visits: 食品经营 with 排水 (combined), 消防, 招牌.
    services::InspectionService inspection(as(QStringLiteral("inspector")));
    const QStringList inspectors{as(QStringLiteral("inspector")).user().id, as(QStringLiteral("inspector2")).user().id};
    for (const QString& code : {kFood, kFire, kSign, kSewer})
        if (!services::ReviewService(as(QStringLiteral("reviewer"))).pass(id, QString(), &error, code)) {
            qWarning("review: %s", qPrintable(error));
            return QString();
        }
    for (const QString& code : {kFood, kFire, kSign})
        if (!inspection.schedule({{id}, m_clock.now().date(), inspectors, {code}}, &error)
            || !inspection.recordResult(id, true, QString(), {}, &error, code)) {
            qWarning("inspection: %s", qPrintable(error));
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
        // 主体业态: what the applicant declared at intake for the food-business matter, printed.
        QCOMPARE(state->matterResult(code)->declared.value(QStringLiteral("businessType")),
                 code == kFood ? QStringLiteral("餐饮服务经营者") : QString());
        QCOMPARE(cert->document.fields.value(QStringLiteral("businessType")),
                 code == kFood ? QStringLiteral("餐饮服务经营者") : QString());
        if (code == kFood) {
            QCOMPARE(cert->certificateTemplate.id(), QStringLiteral("food-business-licence"));
            const QByteArray pdf = print::CertificateRenderer(cert->certificateTemplate)
                                       .toPdfBytes({cert->document}, print::PrintMode::PlainPaper, {}, &error);
            QVERIFY2(!pdf.isEmpty(), qPrintable(error));
            const QString text = test::pdfText(pdf);
            QVERIFY2(text.contains(QStringLiteral("主体业态")) && text.contains(QStringLiteral("餐饮服务经营者")),
                     qPrintable(text));
        }
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

core::Event TestBundleCase::forged(const QString& username, const QString& caseId, const QString& kind,
                                   const QCborMap& payload, qint64 serverSeq)
{
    // What a patched client at another workstation would send: signed with the author's own key.
    services::Session& s = as(username);
    core::Event e;
    e.id = QUuid::createUuid();
    e.caseId = caseId;
    e.kind = kind;
    e.setPayload(payload);
    e.userId = s.user().id;
    e.workstation = QStringLiteral("WS-PATCHED");
    QSqlQuery q(s.database().sql());
    e.hlc = (q.exec(QStringLiteral("SELECT MAX(hlc) FROM events")) && q.next() ? q.value(0).toULongLong() : 0) + 1;
    q.finish();
    e.recordedAt = m_clock.now();
    e.serverSeq = serverSeq;
    e.hash = e.computeHash();
    core::EventAdmission::sign(e, s.events().signer());
    return e;
}

void TestBundleCase::eachMatterReviewedAndInspectedOnItsOwn()
{
    const QString id = acceptedRestaurant(5);
    QVERIFY(!id.isEmpty());
    services::IntakeService intake(as(QStringLiteral("clerk")));
    services::ReviewService review(as(QStringLiteral("reviewer")));
    services::InspectionService inspection(as(QStringLiteral("inspector")));
    services::DecisionService decision(as(QStringLiteral("approver")));
    const QStringList inspectors{as(QStringLiteral("inspector")).user().id, as(QStringLiteral("inspector2")).user().id};
    QString error;
    const qint64 before = as(QStringLiteral("reviewer")).events().count();

    // A bundle is reviewed matter by matter: a review naming no matter is refused, nothing written.
    QVERIFY(!review.pass(id, QString(), &error));
    QVERIFY2(error.contains(QLatin1String("choose the matter")), qPrintable(error));
    QCOMPARE(as(QStringLiteral("reviewer")).events().count(), before);

    // The fire-safety matter reviewed alone: the case is still under review, the matter waits for its visit.
    QVERIFY2(review.pass(id, QStringLiteral("消防材料齐全"), &error, kFire), qPrintable(error));
    auto state = intake.caseState(id);
    QCOMPARE(state->status, core::CaseStatus::Accepted);
    QCOMPARE(state->matterResult(kFire)->review, core::MatterResult::Review::Passed);
    QCOMPARE(state->matterResult(kFire)->reviewNotes, QStringLiteral("消防材料齐全"));
    QVERIFY(state->matterResult(kFire)->inspectionRequired);
    QCOMPARE(state->matterResult(kFood)->review, core::MatterResult::Review::None);
    QVERIFY(!review.pass(id, QString(), &error, kFire)); // once per matter
    QVERIFY2(error.contains(QLatin1String("already been reviewed")), qPrintable(error));
    // Its decision needs its own inspection first; another matter's needs its own review.
    QVERIFY(!decision.approve(id, QString(), &error, kFire));
    QVERIFY2(error.contains(QLatin1String("site inspection")), qPrintable(error));
    QVERIFY(!decision.approve(id, QString(), &error, kFood));
    QVERIFY2(error.contains(QLatin1String("not been reviewed")), qPrintable(error));

    // Its own visit, before the other matters are even reviewed.
    QVERIFY2(inspection.schedule({{id}, m_clock.now().date(), inspectors, {kFire}}, &error), qPrintable(error));
    state = intake.caseState(id);
    QCOMPARE(state->matterResult(kFire)->inspection, QStringLiteral("scheduled"));
    QCOMPARE(state->inspectionOf(kFire)->matterCodes, QStringList{kFire});
    QVERIFY(!state->inspectionOf(kFood));

    // Each other matter gets its own opinion: the signboard is proposed for refusal and needs no visit.
    QVERIFY2(review.proposeRefusal(id, QStringLiteral("招牌位置不符合规划"), &error, kSign), qPrintable(error));
    QVERIFY2(review.pass(id, QString(), &error, kFood), qPrintable(error));
    QVERIFY2(review.pass(id, QString(), &error, kSewer), qPrintable(error));
    state = intake.caseState(id);
    QCOMPARE(state->matterResult(kSign)->review, core::MatterResult::Review::RefusalProposed);
    QVERIFY(!state->matterResult(kSign)->inspectionRequired);
    QCOMPARE(state->status, core::CaseStatus::Reviewed); // the food group waits for its visit
    QCOMPARE(core::Workflow::waitingRole(*state), core::Role::Inspector);
    QVERIFY(!decision.approve(id, QString(), &error, kSign));
    QVERIFY2(error.contains(QLatin1String("proposed")), qPrintable(error));
    QVERIFY(!inspection.schedule({{id}, m_clock.now().date(), inspectors, {kSign}}, &error));

    // The fire visit passes: the fire matter may be approved, the food matter not yet.
    QVERIFY2(inspection.recordResult(id, true, QString(), {}, &error, kFire), qPrintable(error));
    state = intake.caseState(id);
    QCOMPARE(state->matterResult(kFire)->inspection, QStringLiteral("passed"));
    QCOMPARE(state->matterResult(kFood)->inspection, QString());
    QVERIFY2(decision.approve(id, QString(), &error, kFire), qPrintable(error));
    QVERIFY(!decision.approve(id, QString(), &error, kFood));
    QVERIFY2(decision.refuse(id, QStringLiteral("招牌位置不符合规划"), &error, kSign), qPrintable(error));

    // The food group: one visit; rectification stops the clock and closes for both matters.
    QVERIFY2(inspection.schedule({{id}, m_clock.now().date(), inspectors, {kSewer}}, &error), qPrintable(error));
    QVERIFY2(inspection.requireRectification(id, m_clock.now().date().addDays(5), QStringLiteral("隔油池未安装"), {},
                                             &error, kFood),
             qPrintable(error));
    state = intake.caseState(id);
    QCOMPARE(state->status, core::CaseStatus::Rectification);
    QCOMPARE(state->matterResult(kSewer)->inspection, QStringLiteral("rectification"));
    QVERIFY(state->clockStopped());
    const QByteArray png = QByteArray::fromBase64(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    QVERIFY2(inspection.closeRectification(id, QString(), {{QStringLiteral("grease-trap.png"), QStringLiteral("image/png"), png}},
                                           &error, kSewer),
             qPrintable(error));
    state = intake.caseState(id);
    QCOMPARE(state->matterResult(kFood)->inspection, QStringLiteral("passed"));
    QCOMPARE(state->matterResult(kSewer)->inspection, QStringLiteral("passed"));
    QCOMPARE(state->status, core::CaseStatus::Inspected);
    for (const QString& code : {kFood, kSewer})
        QVERIFY2(decision.approve(id, QString(), &error, code), qPrintable(error));
    state = intake.caseState(id);
    QCOMPARE(state->decision, core::Decision::Approved);
    QCOMPARE(state->inspections.size(), 2);
}

void TestBundleCase::combinedVisitCoversItsGroupOnly()
{
    const QString id = acceptedRestaurant(6);
    QVERIFY(!id.isEmpty());
    services::IntakeService intake(as(QStringLiteral("clerk")));
    services::ReviewService review(as(QStringLiteral("reviewer")));
    services::InspectionService inspection(as(QStringLiteral("inspector")));
    const QStringList inspectors{as(QStringLiteral("inspector")).user().id, as(QStringLiteral("inspector2")).user().id};
    QString error;
    // The catalog inspects 食品经营 with 排水: the group waits until both are reviewed.
    QVERIFY(intake.catalog().bundle(kRestaurant));
    QCOMPARE(intake.catalog().inspectionGroup(kRestaurant, kSewer), (QStringList{kFood, kSewer}));
    QCOMPARE(intake.catalog().inspectionGroup(kRestaurant, kFire), QStringList{kFire});
    QVERIFY2(review.pass(id, QString(), &error, kFood), qPrintable(error));
    qint64 before = as(QStringLiteral("inspector")).events().count();
    QVERIFY(!inspection.schedule({{id}, m_clock.now().date(), inspectors, {kFood}}, &error));
    QVERIFY2(error.contains(QLatin1String("not passed review")), qPrintable(error));
    QCOMPARE(as(QStringLiteral("inspector")).events().count(), before);
    for (const QString& code : {kFire, kSign, kSewer})
        QVERIFY2(review.pass(id, QString(), &error, code), qPrintable(error));
    before = as(QStringLiteral("inspector")).events().count();
    // Fire safety is never combined with the food licence; a visit naming no matter is refused.
    QVERIFY(!inspection.schedule({{id}, m_clock.now().date(), inspectors, {kFood, kFire}}, &error));
    QVERIFY2(error.contains(QLatin1String("separate visits")), qPrintable(error));
    QVERIFY(!inspection.schedule({{id}, m_clock.now().date(), inspectors, {}}, &error));
    QCOMPARE(as(QStringLiteral("inspector")).events().count(), before);

    QVERIFY2(inspection.schedule({{id}, m_clock.now().date(), inspectors, {kFood}}, &error), qPrintable(error));
    auto state = intake.caseState(id);
    QCOMPARE(state->inspections.size(), 1);
    QCOMPARE(state->inspections.first().matterCodes, (QStringList{kFood, kSewer}));
    QCOMPARE(state->matterResult(kSewer)->visitId, state->matterResult(kFood)->visitId);
    QCOMPARE(state->matterResult(kFire)->inspection, QString());
    // The projection keeps the visit's matters.
    QSqlQuery q(as(QStringLiteral("inspector")).database().sql());
    QVERIFY(q.exec(QStringLiteral("SELECT matters FROM inspection_visits WHERE case_id = '%1'").arg(id)) && q.next());
    QCOMPARE(q.value(0).toString(), kFood + QLatin1Char(',') + kSewer);
    q.finish();
    // One failed record for the combined visit fails both of its matters, and only them.
    QVERIFY2(inspection.recordResult(id, false, QStringLiteral("后厨布局不合理"), {}, &error, kSewer), qPrintable(error));
    state = intake.caseState(id);
    QCOMPARE(state->matterResult(kFood)->inspection, QStringLiteral("failed"));
    QCOMPARE(state->matterResult(kSewer)->inspection, QStringLiteral("failed"));
    QCOMPARE(state->matterResult(kFire)->inspection, QString());
    QVERIFY(!services::DecisionService(as(QStringLiteral("approver"))).approve(id, QString(), &error, kFood));
    QVERIFY2(error.contains(QLatin1String("failed")), qPrintable(error));
}

void TestBundleCase::replicaQuarantinesAMalformedMatterList()
{
    QString error;
    // A hall that signs its events (every replica then checks each one's author and shape).
    QVERIFY2(as(QStringLiteral("admin")).database().setMeta(QStringLiteral("legacy_hlc"), QStringLiteral("0"), &error),
             qPrintable(error));
    m_sessions.clear();
    const QString id = acceptedRestaurant(7);
    QVERIFY(!id.isEmpty());
    QVERIFY2(services::ReviewService(as(QStringLiteral("reviewer"))).pass(id, QString(), &error, kFire), qPrintable(error));
    services::Session& replica = as(QStringLiteral("approver"));
    const core::Event bad = forged(QStringLiteral("inspector"), id, core::eventkind::inspectionScheduled,
                                   QCborMap{{core::payload::visitId, QStringLiteral("v-forged")},
                                            {core::payload::visitDate, QStringLiteral("2025-03-03")},
                                            {core::payload::inspectors, QCborArray{as(QStringLiteral("inspector")).user().id,
                                                                                   as(QStringLiteral("inspector2")).user().id}},
                                            {core::payload::inspectorNames, QCborArray{QStringLiteral("a"), QStringLiteral("b")}},
                                            {core::payload::combinedCases, QCborArray{id}},
                                            {core::payload::inspectedMatters, QCborArray{42}}},
                                   991);
    const core::Event badReview = forged(QStringLiteral("reviewer"), id, core::eventkind::reviewPassed,
                                         QCborMap{{core::payload::matter, QString()}}, 992);
    db::Transaction tx(replica.database().sql());
    const auto applied = replica.events().applyRemote({bad, badReview}, &error);
    QVERIFY2(applied, qPrintable(error));
    QVERIFY(tx.commit(&error));
    QCOMPARE(applied->quarantined, 2);
    QVERIFY2(replica.events().event(bad.id)->quarantine.contains(QLatin1String("list of matters")),
             qPrintable(replica.events().event(bad.id)->quarantine));
    QVERIFY2(replica.events().event(badReview.id)->quarantine.contains(QLatin1String("malformed matter")),
             qPrintable(replica.events().event(badReview.id)->quarantine));
    const auto state = services::IntakeService(replica).caseState(id);
    QVERIFY(state->inspections.isEmpty());
    QCOMPARE(state->matterResult(kFood)->review, core::MatterResult::Review::None);
}

void TestBundleCase::oldEventsWithoutMatterMeanEveryMatter()
{
    // A bundle case recorded before reviews were split: review and visit name no matter.
    const QString id = acceptedRestaurant(8);
    QVERIFY(!id.isEmpty());
    auto events = as(QStringLiteral("clerk")).events().caseEvents(id);
    QVERIFY(!events.isEmpty());
    auto event = [&](const QString& kind, const QCborMap& p) {
        core::Event e;
        e.id = QUuid::createUuid();
        e.caseId = id;
        e.kind = kind;
        e.setPayload(p);
        e.userId = QStringLiteral("someone");
        events << e;
    };
    event(core::eventkind::reviewPassed, {{core::payload::inspectionRequired, true}});
    core::CaseState state = core::CaseState::fold(events);
    QCOMPARE(state.status, core::CaseStatus::Reviewed);
    for (const core::MatterResult& m : state.matterResults) {
        QCOMPARE(m.review, core::MatterResult::Review::Passed);
        QVERIFY(m.awaitsInspection());
    }
    event(core::eventkind::inspectionScheduled, {{core::payload::visitId, QStringLiteral("v1")}});
    event(core::eventkind::inspectionPassed, {{core::payload::visitId, QStringLiteral("v1")}});
    state = core::CaseState::fold(events);
    QCOMPARE(state.status, core::CaseStatus::Inspected);
    for (const core::MatterResult& m : state.matterResults) {
        QVERIFY(m.readyToApprove());
        QCOMPARE(state.inspectionOf(m.code)->visitId, QStringLiteral("v1"));
    }
}

void TestBundleCase::declaredBusinessTypeIsCheckedAndOldIntakeFolds()
{
    services::IntakeService intake(as(QStringLiteral("clerk")));
    const auto subject = intake.subject(kRestaurant);
    QVERIFY(subject);
    services::IntakeRequest r;
    r.subjectCode = kRestaurant;
    const QString first17 = QStringLiteral("14080219800512009");
    r.applicant.idNumber = first17 + core::residentIdCheckChar(first17);
    r.applicant.name = QStringLiteral("李饭店");
    r.applicant.phone = QStringLiteral("13903591234");
    r.applicant.address = QStringLiteral("运城市盐湖区解放路 9 号");
    r.materials = intake.checklistFor(*subject);
    for (auto& m : r.materials) {
        m.state = core::MaterialState::Received;
        m.count = 1;
    }
    const int before = intake.myCasesToday().size();
    QString error;
    services::IntakeField field = services::IntakeField::None;
    // A value the catalog does not list, an over-long one, a matter that declares nothing, twice.
    const QList<QList<core::DeclaredValue>> bad{
        {{kFood, QStringLiteral("businessType"), QStringLiteral("火锅店")}},
        {{kFood, QStringLiteral("businessType"), QString(101, QLatin1Char('x'))}},
        {{kFire, QStringLiteral("businessType"), QStringLiteral("餐饮服务经营者")}},
        {{kFood, QStringLiteral("serial"), QStringLiteral("餐饮服务经营者")}},
        {{kFood, QStringLiteral("businessType"), QStringLiteral("单位食堂")},
         {kFood, QStringLiteral("businessType"), QStringLiteral("单位食堂")}}};
    for (const auto& declared : bad) {
        r.declared = declared;
        QVERIFY(!intake.record(r, &error, &field));
        QVERIFY(!error.isEmpty());
        QCOMPARE(field, services::IntakeField::Subject);
    }
    QVERIFY2(error.contains(QStringLiteral("twice")), qPrintable(error));
    r.declared = bad.first();
    QVERIFY(!intake.record(r, &error));
    QVERIFY2(error.contains(QStringLiteral("餐饮服务经营者")) && error.contains(QStringLiteral("主体业态")), qPrintable(error));
    QCOMPARE(intake.myCasesToday().size(), before); // nothing recorded

    // A replica refuses an intake event whose declared value is over-long or names another case's matter.
    QVERIFY2(as(QStringLiteral("admin")).database().setMeta(QStringLiteral("legacy_hlc"), QStringLiteral("0"), &error),
             qPrintable(error));
    m_sessions.clear();
    services::Session& replica = as(QStringLiteral("approver"));
    auto intakeEvent = [&](const QCborMap& declared, qint64 seq) {
        return forged(QStringLiteral("clerk"), QUuid::createUuid().toString(QUuid::WithoutBraces),
                      QStringLiteral("intake.accepted"),
                      QCborMap{{core::payload::caseNo, QStringLiteral("SP-FORGED-%1").arg(seq)},
                               {core::payload::subjectCode, kFood},
                               {core::payload::applicant, QCborMap{{QStringLiteral("name"), QStringLiteral("李饭店")}}},
                               {core::payload::matters, QCborArray{kFood}},
                               {core::payload::declared, QCborArray{declared}}},
                      seq);
    };
    const core::Event longValue = intakeEvent({{core::payload::matter, kFood},
                                               {core::payload::declaredKey, QStringLiteral("businessType")},
                                               {core::payload::declaredValue, QString(101, QChar(0x98df))}},
                                              993);
    const core::Event otherMatter = intakeEvent({{core::payload::matter, kFire},
                                                 {core::payload::declaredKey, QStringLiteral("businessType")},
                                                 {core::payload::declaredValue, QStringLiteral("单位食堂")}},
                                                994);
    const core::Event fine = intakeEvent({{core::payload::matter, kFood},
                                          {core::payload::declaredKey, QStringLiteral("businessType")},
                                          {core::payload::declaredValue, QStringLiteral("单位食堂")}},
                                         995);
    db::Transaction tx(replica.database().sql());
    const auto applied = replica.events().applyRemote({longValue, otherMatter, fine}, &error);
    QVERIFY2(applied, qPrintable(error));
    QVERIFY(tx.commit(&error));
    QVERIFY2(replica.events().event(fine.id)->quarantine.isEmpty(), qPrintable(replica.events().event(fine.id)->quarantine));
    QCOMPARE(applied->quarantined, 2);
    for (const core::Event& e : {longValue, otherMatter})
        QVERIFY2(replica.events().event(e.id)->quarantine.contains(QLatin1String("declared value")),
                 qPrintable(replica.events().event(e.id)->quarantine));
    QVERIFY(replica.events().event(fine.id)->quarantine.isEmpty());
    QCOMPARE(services::IntakeService(replica).caseState(fine.caseId)->matterResult(kFood)->declared.value(
                 QStringLiteral("businessType")),
             QStringLiteral("单位食堂"));

    // An intake event written before declared fields existed still folds; the licence prints 主体业态 blank.
    const QString id = acceptedRestaurant(9);
    QVERIFY(!id.isEmpty());
    auto events = as(QStringLiteral("clerk")).events().caseEvents(id);
    QVERIFY(!events.isEmpty() && events.first().kind.startsWith(QLatin1String("intake.")));
    QCborMap p = events.first().payload();
    QVERIFY(p.contains(core::payload::declared));
    p.remove(core::payload::declared);
    events.first().setPayload(p);
    const core::CaseState old = core::CaseState::fold(events);
    QCOMPARE(old.matterResults.size(), 4);
    QVERIFY(old.matterResult(kFood)->declared.isEmpty());
    const auto cert = print::CaseCertificate::build(old, intake.catalog(), QStringLiteral("JY11408020000001"),
                                                    QStringLiteral("运城市行政审批服务管理局"), QStringLiteral("杨审批"),
                                                    core::SealKey::generate(), QDate(2025, 3, 10), &error, kFood);
    QVERIFY2(cert, qPrintable(error));
    QVERIFY(cert->document.fields.contains(QStringLiteral("businessType")));
    QVERIFY(cert->document.fields.value(QStringLiteral("businessType")).isEmpty());
}

QTEST_MAIN(TestBundleCase)
#include "TestBundleCase.moc"
