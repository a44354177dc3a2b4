#include "TestSupport.h"

#include "core/Identifiers.h"
#include "db/BackOfficeRepository.h"
#include "services/AuditService.h"
#include "services/AuthService.h"
#include "services/CertificateService.h"
#include "services/DecisionService.h"
#include "services/HallService.h"
#include "services/InspectionService.h"
#include "services/IntakeService.h"
#include "services/QueueService.h"
#include "services/ReviewService.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <map>

using namespace oneseal;

namespace {

QString residentId(const QString& first17)
{
    return first17 + core::residentIdCheckChar(first17);
}

const QString kApplicantId = residentId(QStringLiteral("14080219800512001"));
const QString kApplicantName = QStringLiteral("王建国");

QByteArray sha(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

QDateTime at(int y, int m, int d)
{
    return QDateTime(QDate(y, m, d), QTime(9, 30));
}

qint64 eventCount(services::Session& s)
{
    return s.events().count();
}

const QStringList kDemoUsers{QStringLiteral("clerk"),     QStringLiteral("clerk2"),    QStringLiteral("reviewer"),
                             QStringLiteral("inspector"), QStringLiteral("approver"),  QStringLiteral("certifier"),
                             QStringLiteral("supervisor"), QStringLiteral("admin")};

} // namespace

class TestBackOffice : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fullCaseFromIntakeToIssuanceWithCorrectionPause();
    void everyStepRefusesWrongRolesAndTheCasesAcceptor();
    void combinedInspectionOfThreeCasesWithTwoInspectors();
    void rectificationClosedByEvidence();
    void reprintAndVoidNeedReasonsAndNumbersAreNeverReused();
    void queueShowsWaitingCasesWithWarnings();
    void sealRegisterCsv();
    void projectionsAreTheFoldOfEvents();

private:
    services::Session& as(const QString& username);
    /** Accepts a case (deferring its core material when \a defer) as \a clerk; returns its id. */
    QString accept(const QString& clerk, bool defer);
    QString reviewed(bool defer = false);
    QString approvedAndSealed();
    bool ok(const QString& what, bool result, const QString& error);

    std::unique_ptr<test::TempHall> m_hall;
    core::FixedClock m_clock{at(2025, 3, 3)};
    std::map<QString, std::unique_ptr<services::Session>> m_sessions;
    QString m_matterCode;
};

void TestBackOffice::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>(m_clock);
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    // Someone who holds every hand of the hall: allowed each step by role, never on a case they accepted.
    QString error;
    const core::Roles all = core::Role::IntakeClerk | core::Role::Reviewer | core::Role::Inspector
        | core::Role::Approver | core::Role::CertificateOperator;
    QVERIFY2(services::AuthService::addUser(as(QStringLiteral("admin")), QStringLiteral("allhands"),
                                            QStringLiteral("全能手"), all, services::HallService::demoPassword(), &error,
                                            test::fastKdf()),
             qPrintable(error));
    services::IntakeService intake(as(QStringLiteral("clerk")));
    for (const core::Matter& m : intake.catalog().matters) {
        const bool deferrableCore = std::any_of(m.materials.begin(), m.materials.end(), [](const core::Material& x) {
            return x.core && x.requirement == core::MaterialRequirement::Deferrable;
        });
        if (m.siteInspection && !m.instant && m.deferralAllowed && deferrableCore && m.promisedLimitDays >= 3) {
            m_matterCode = m.code;
            break;
        }
    }
    QVERIFY(!m_matterCode.isEmpty());
}

services::Session& TestBackOffice::as(const QString& username)
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

bool TestBackOffice::ok(const QString& what, bool result, const QString& error)
{
    if (!result)
        qWarning("%s failed: %s", qPrintable(what), qPrintable(error));
    return result;
}

QString TestBackOffice::accept(const QString& clerk, bool defer)
{
    QString error;
    const auto state = test::acceptCase(
        as(clerk), [this](const core::Matter& m) { return m.code == m_matterCode; }, kApplicantId.left(17),
        kApplicantName, QStringLiteral("13903591234"), &error, defer);
    if (!state)
        qWarning("intake failed: %s", qPrintable(error));
    return state ? state->caseId : QString();
}

QString TestBackOffice::reviewed(bool defer)
{
    const QString id = accept(QStringLiteral("clerk"), defer);
    QString error;
    if (!services::ReviewService(as(QStringLiteral("reviewer"))).pass(id, QString(), &error))
        qWarning("review failed: %s", qPrintable(error));
    return id;
}

QString TestBackOffice::approvedAndSealed()
{
    const QString id = reviewed();
    QString error;
    services::InspectionService inspection(as(QStringLiteral("inspector")));
    services::InspectionPlan plan{{id}, m_clock.now().date(),
                                  {as(QStringLiteral("inspector")).user().id, inspection.inspectors().at(1).id}};
    if (plan.inspectorIds.at(1) == plan.inspectorIds.at(0))
        plan.inspectorIds[1] = inspection.inspectors().at(0).id;
    const bool done = ok(QStringLiteral("schedule"), inspection.schedule(plan, &error).has_value(), error)
        && ok(QStringLiteral("inspect"), inspection.recordResult(id, true, QString(), {}, &error).has_value(), error)
        && ok(QStringLiteral("approve"),
              services::DecisionService(as(QStringLiteral("approver"))).approve(id, QString(), &error).has_value(), error)
        && ok(QStringLiteral("seal"),
              services::DecisionService(as(QStringLiteral("approver")))
                  .applySeal(id, services::HallService::demoPassword(), sha("decision " + id.toUtf8()),
                             QStringLiteral("准予行政许可决定书"), &error)
                  .has_value(),
              error);
    return done ? id : QString();
}

void TestBackOffice::fullCaseFromIntakeToIssuanceWithCorrectionPause()
{
    m_clock.set(at(2025, 3, 3)); // Monday
    const QString id = accept(QStringLiteral("clerk"), true);
    QVERIFY(!id.isEmpty());
    services::ReviewService review(as(QStringLiteral("reviewer")));
    services::IntakeService intake(as(QStringLiteral("clerk")));
    const auto accepted = intake.caseState(id);
    QVERIFY(accepted->owesCoreMaterial());
    const double days = accepted->promisedDays;
    QVERIFY(days >= 3);
    const auto& cal = core::WorkCalendar::builtIn();
    QCOMPARE(accepted->promisedDue, core::computeDeadline(cal, QDate(2025, 3, 3), days).due);

    // Tuesday: back for correction. The reason is required; the clock stops from Wednesday.
    m_clock.set(at(2025, 3, 4));
    QString error;
    QVERIFY(!review.requestCorrection(id, QStringLiteral("  "), &error));
    QVERIFY(error.contains(QLatin1String("materials to correct")));
    auto state = review.requestCorrection(id, QStringLiteral("1. 厂区平面图未标注比例尺"), &error);
    QVERIFY2(state, qPrintable(error));
    QCOMPARE(state->status, core::CaseStatus::Correction);
    QVERIFY(state->clockStopped());
    QVERIFY(!review.pass(id, QString(), &error)); // waits for the materials
    QVERIFY(review.recordNoticePrinted(id, QStringLiteral("补正材料通知书"), sha("notice"), &error));

    // Friday: the materials arrive, the clock resumes; Wednesday and Thursday did not count.
    m_clock.set(at(2025, 3, 7));
    state = review.receiveCorrection(id, QStringLiteral("比例尺已补"), &error);
    QVERIFY2(state, qPrintable(error));
    QCOMPARE(state->status, core::CaseStatus::Accepted);
    const QList<core::ClockPause> pause{{QDate(2025, 3, 5), QDate(2025, 3, 7), QString()}};
    const QDate shifted = core::computeDeadline(cal, QDate(2025, 3, 3), days, pause).due;
    QCOMPARE(state->promisedDue, shifted);
    QCOMPARE(core::workingDaysBetween(cal, accepted->promisedDue, shifted), 2);
    QCOMPARE(state->legalDue, core::computeDeadline(cal, QDate(2025, 3, 3), accepted->legalDays, pause).due);

    state = review.pass(id, QStringLiteral("材料齐全"), &error);
    QVERIFY2(state, qPrintable(error));
    QVERIFY(state->inspectionRequired);
    QCOMPARE(core::Workflow::waitingRole(*state), core::Role::Inspector);

    // Site visit by two inspectors, passed with a photo.
    m_clock.set(at(2025, 3, 10));
    services::InspectionService inspection(as(QStringLiteral("inspector")));
    const QString visit = inspection
                              .schedule({{id}, QDate(2025, 3, 10),
                                         {as(QStringLiteral("inspector")).user().id, as(QStringLiteral("inspector2")).user().id}},
                                        &error)
                              .value_or(QString());
    QVERIFY2(!visit.isEmpty(), qPrintable(error));
    state = inspection.recordResult(id, true, QStringLiteral("现场与图纸一致"),
                                    {{QStringLiteral("site.jpg"), QStringLiteral("image/jpeg"), QByteArray(2048, 'j')}},
                                    &error);
    QVERIFY2(state, qPrintable(error));
    QCOMPARE(state->status, core::CaseStatus::Inspected);
    QCOMPARE(state->currentInspection()->evidence.size(), 1);
    QCOMPARE(state->currentInspection()->inspectorNames.size(), 2);

    // Decision and seal: the password is asked again.
    services::DecisionService decision(as(QStringLiteral("approver")));
    QVERIFY2(decision.approve(id, QString(), &error), qPrintable(error));
    const qint64 before = eventCount(as(QStringLiteral("approver")));
    QVERIFY(!decision.applySeal(id, QStringLiteral("wrong-password"), sha("decision"), QStringLiteral("准予行政许可决定书"), &error));
    QVERIFY(error.contains(QLatin1String("password")));
    QVERIFY(!decision.applySeal(id, services::HallService::demoPassword(), QByteArray(), QStringLiteral("准予行政许可决定书"), &error));
    QCOMPARE(eventCount(as(QStringLiteral("approver"))), before);
    state = decision.applySeal(id, services::HallService::demoPassword(), sha("decision"), QStringLiteral("准予行政许可决定书"), &error);
    QVERIFY2(state, qPrintable(error));
    QCOMPARE(state->sealCount, 1);

    // Certificate: numbered, printed; not handed over while the core material is owed.
    m_clock.set(at(2025, 3, 11));
    services::CertificateService certificates(as(QStringLiteral("certifier")));
    const auto number = certificates.takeNumber(id, &error);
    QVERIFY2(number, qPrintable(error));
    QVERIFY(number->startsWith(QLatin1String("ZS2025")));
    QVERIFY(!certificates.recordPrinted(id, QStringLiteral("ZS202599999999"), sha("cert"), &error));
    QVERIFY2(certificates.recordPrinted(id, *number, sha("cert"), &error), qPrintable(error));
    const services::Collector holder{services::Collector::Kind::Holder, kApplicantName, kApplicantId};
    QVERIFY(!certificates.issue(id, holder, &error));
    QVERIFY2(error.contains(QLatin1String("core material")), qPrintable(error));
    const QString owed = std::find_if(accepted->materials.begin(), accepted->materials.end(), [](const core::MaterialEntry& m) {
                             return m.state == core::MaterialState::Deferred;
                         })->code;
    QVERIFY2(intake.supplyMaterial(id, owed, 1, &error), qPrintable(error));

    // The collector: the holder in person (ID must match), or an agent with a valid ID.
    QVERIFY(!certificates.issue(id, {services::Collector::Kind::Holder, kApplicantName, residentId(QStringLiteral("14080219800512002"))}, &error));
    QVERIFY(error.contains(QLatin1String("not the holder")));
    QVERIFY(!certificates.issue(id, {services::Collector::Kind::Agent, QStringLiteral("赵代理"), QStringLiteral("140802198005120019")}, &error));
    QVERIFY(error.contains(QLatin1String("not valid")));
    state = certificates.issue(id, {services::Collector::Kind::Agent, QStringLiteral("赵代理"), residentId(QStringLiteral("14080219900101003"))}, &error);
    QVERIFY2(state, qPrintable(error));
    QCOMPARE(state->status, core::CaseStatus::Completed);
    QVERIFY(state->completed);
    QCOMPARE(state->completedDate, QDate(2025, 3, 11));
    QCOMPARE(state->onTime, QDate(2025, 3, 11) <= shifted);
    QVERIFY(state->onTime);
    QCOMPARE(state->collectorKind, core::CollectorKind::Agent);
    QVERIFY(!certificates.issue(id, holder, &error)); // only once
    QVERIFY(!certificates.voidCertificate(id, QStringLiteral("late"), &error));

    // The projection agrees.
    QSqlQuery q(as(QStringLiteral("supervisor")).database().sql());
    q.prepare(QStringLiteral("SELECT status, on_time, completed_date, waiting_role, promised_due FROM cases WHERE case_id = ?"));
    q.addBindValue(id);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("completed"));
    QCOMPARE(q.value(1).toInt(), 1);
    QCOMPARE(q.value(2).toString(), QStringLiteral("2025-03-11"));
    QVERIFY(q.value(3).isNull());
    QCOMPARE(q.value(4).toString(), shifted.toString(Qt::ISODate));
    const auto rows = certificates.certificates(id);
    QCOMPARE(rows.size(), 1);
    QVERIFY(rows.first().issued);
    QCOMPARE(rows.first().collectorName, QStringLiteral("赵代理"));
}

void TestBackOffice::everyStepRefusesWrongRolesAndTheCasesAcceptor()
{
    m_clock.set(at(2025, 4, 7));
    // The case is accepted by "allhands", who holds every role: the four separations still refuse them.
    const QString id = accept(QStringLiteral("allhands"), false);
    QVERIFY(!id.isEmpty());
    const QString inspector1 = as(QStringLiteral("inspector")).user().id;
    const QString inspector2 = as(QStringLiteral("inspector2")).user().id;
    const QByteArray doc = sha("doc");

    struct Step
    {
        const char* name;
        QString rightUser;
        std::function<bool(services::Session&, QString*)> call;
    };
    using S = services::Session;
    const QList<Step> steps{
        {"review.correction", QStringLiteral("reviewer"),
         [&](S& s, QString* e) { return services::ReviewService(s).requestCorrection(id, QStringLiteral("补正"), e).has_value(); }},
        {"correction.received", QStringLiteral("reviewer"),
         [&](S& s, QString* e) { return services::ReviewService(s).receiveCorrection(id, QString(), e).has_value(); }},
        {"review.pass", QStringLiteral("reviewer"),
         [&](S& s, QString* e) { return services::ReviewService(s).pass(id, QString(), e).has_value(); }},
        {"inspection.schedule", QStringLiteral("inspector"),
         [&](S& s, QString* e) {
             return services::InspectionService(s).schedule({{id}, QDate(2025, 4, 8), {inspector1, inspector2}}, e).has_value();
         }},
        {"inspection.rectification", QStringLiteral("inspector"),
         [&](S& s, QString* e) {
             return services::InspectionService(s)
                 .requireRectification(id, QDate(2025, 4, 20), QStringLiteral("灭火器过期"), {}, e)
                 .has_value();
         }},
        {"inspection.close", QStringLiteral("inspector"),
         [&](S& s, QString* e) {
             return services::InspectionService(s)
                 .closeRectification(id, QString(), {{QStringLiteral("a.mp4"), QStringLiteral("video/mp4"), QByteArray(100, 'v')}}, e)
                 .has_value();
         }},
        {"decision.approve", QStringLiteral("approver"),
         [&](S& s, QString* e) { return services::DecisionService(s).approve(id, QString(), e).has_value(); }},
        {"seal", QStringLiteral("approver"),
         [&](S& s, QString* e) {
             return services::DecisionService(s)
                 .applySeal(id, services::HallService::demoPassword(), doc, QStringLiteral("决定书"), e)
                 .has_value();
         }},
        {"certificate.number", QStringLiteral("certifier"),
         [&](S& s, QString* e) { return services::CertificateService(s).takeNumber(id, e).has_value(); }},
        {"certificate.print", QStringLiteral("certifier"),
         [&](S& s, QString* e) {
             services::CertificateService c(s);
             const auto st = services::IntakeService(s).caseState(id);
             const QString no = st && st->activeCertificate() ? st->activeCertificate()->number : QStringLiteral("x");
             return c.recordPrinted(id, no, doc, e).has_value();
         }},
        {"certificate.reprint", QStringLiteral("certifier"),
         [&](S& s, QString* e) { return services::CertificateService(s).recordReprint(id, QStringLiteral("卡纸"), doc, e).has_value(); }},
        {"certificate.issue", QStringLiteral("certifier"),
         [&](S& s, QString* e) {
             return services::CertificateService(s)
                 .issue(id, {services::Collector::Kind::Holder, kApplicantName, kApplicantId}, e)
                 .has_value();
         }},
    };
    QStringList wrongUsers = kDemoUsers;
    wrongUsers << QStringLiteral("allhands");
    for (const Step& step : steps) {
        for (const QString& user : wrongUsers) {
            if (user == step.rightUser)
                continue;
            S& s = as(user);
            const qint64 before = eventCount(s);
            QString error;
            QVERIFY2(!step.call(s, &error), qPrintable(QStringLiteral("%1 as %2").arg(QLatin1String(step.name), user)));
            QVERIFY2(!error.isEmpty(), step.name);
            if (user == QLatin1String("allhands"))
                QVERIFY2(error.contains(QLatin1String("You accepted case")), qPrintable(error));
            else
                QVERIFY2(error.contains(QLatin1String("role does not allow")), qPrintable(user + QLatin1String(": ") + error));
            QCOMPARE(eventCount(s), before);
        }
        QString error;
        QVERIFY2(step.call(as(step.rightUser), &error), qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(step.name), error)));
    }
    // Refusal and proposal, on fresh cases.
    const QString other = accept(QStringLiteral("allhands"), false);
    for (const QString& user : wrongUsers) {
        if (user == QLatin1String("reviewer"))
            continue;
        QString error;
        QVERIFY(!services::ReviewService(as(user)).proposeRefusal(other, QStringLiteral("不符合条件"), &error));
    }
    QString error;
    QVERIFY2(services::ReviewService(as(QStringLiteral("reviewer"))).proposeRefusal(other, QStringLiteral("不符合条件"), &error),
             qPrintable(error));
    for (const QString& user : wrongUsers) {
        if (user == QLatin1String("approver"))
            continue;
        QVERIFY(!services::DecisionService(as(user)).refuse(other, QStringLiteral("不符合条件"), &error));
    }
    QVERIFY(!services::DecisionService(as(QStringLiteral("approver"))).refuse(other, QString(), &error));
    QVERIFY(error.contains(QLatin1String("reasons")));
    const auto refused = services::DecisionService(as(QStringLiteral("approver"))).refuse(other, QStringLiteral("不符合条件"), &error);
    QVERIFY2(refused, qPrintable(error));
    QVERIFY(refused->completed);
    // Voiding: certificate operators only.
    for (const QString& user : wrongUsers) {
        if (user == QLatin1String("certifier"))
            continue;
        QVERIFY(!services::CertificateService(as(user)).voidCertificate(id, QStringLiteral("错字"), &error));
    }
}

void TestBackOffice::combinedInspectionOfThreeCasesWithTwoInspectors()
{
    m_clock.set(at(2025, 5, 12));
    const QStringList ids{reviewed(), reviewed(), reviewed()};
    const QString notReviewed = accept(QStringLiteral("clerk"), false);
    for (const QString& id : ids)
        QVERIFY(!id.isEmpty());
    services::InspectionService inspection(as(QStringLiteral("inspector")));
    const QString i1 = as(QStringLiteral("inspector")).user().id;
    const QString i2 = as(QStringLiteral("inspector2")).user().id;
    QCOMPARE(inspection.inspectors().size(), 3); // inspector, inspector2, allhands
    const qint64 before = eventCount(as(QStringLiteral("inspector")));
    QString error;
    QVERIFY(!inspection.schedule({ids, QDate(2025, 5, 13), {i1}}, &error));
    QVERIFY(error.contains(QLatin1String("two")));
    QVERIFY(!inspection.schedule({ids, QDate(2025, 5, 13), {i1, i1}}, &error));
    QVERIFY(!inspection.schedule({ids, QDate(2025, 5, 13), {i1, as(QStringLiteral("reviewer")).user().id}}, &error));
    QVERIFY(error.contains(QLatin1String("inspector")));
    QVERIFY(!inspection.schedule({ids, QDate(2025, 5, 9), {i1, i2}}, &error)); // in the past
    QVERIFY(!inspection.schedule({ids + QStringList{notReviewed}, QDate(2025, 5, 13), {i1, i2}}, &error));
    QVERIFY(error.contains(QLatin1String("review")));
    QVERIFY(!inspection.schedule({{ids.first(), ids.first()}, QDate(2025, 5, 13), {i1, i2}}, &error));
    QCOMPARE(eventCount(as(QStringLiteral("inspector"))), before); // nothing written by the refusals

    const auto visit = inspection.schedule({ids, QDate(2025, 5, 13), {i1, i2}}, &error);
    QVERIFY2(visit, qPrintable(error));
    QCOMPARE(eventCount(as(QStringLiteral("inspector"))), before + 3);
    services::IntakeService read(as(QStringLiteral("clerk")));
    for (const QString& id : ids) {
        const auto s = read.caseState(id);
        QCOMPARE(s->status, core::CaseStatus::InspectionScheduled);
        QCOMPARE(s->currentInspection()->visitId, *visit);
        QCOMPARE(s->currentInspection()->combinedCaseIds, ids);
        QCOMPARE(s->currentInspection()->inspectorIds, (QStringList{i1, i2}));
    }
    QSqlQuery q(as(QStringLiteral("inspector")).database().sql());
    q.prepare(QStringLiteral("SELECT count(*), min(combined_cases), min(inspector_names) FROM inspection_visits WHERE visit_id = ?"));
    q.addBindValue(*visit);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toInt(), 3);
    QCOMPARE(q.value(1).toInt(), 3);
    QVERIFY(q.value(2).toString().contains(as(QStringLiteral("inspector2")).user().displayName));
    // Results per case: one passes, one fails (notes required), one needs rectification.
    QVERIFY2(inspection.recordResult(ids.at(0), true, QString(), {}, &error), qPrintable(error));
    QVERIFY(!inspection.recordResult(ids.at(1), false, QString(), {}, &error));
    QVERIFY2(inspection.recordResult(ids.at(1), false, QStringLiteral("无证经营区域"), {}, &error), qPrintable(error));
    QCOMPARE(read.caseState(ids.at(1))->status, core::CaseStatus::InspectionFailed);
    QCOMPARE(core::Workflow::waitingRole(*read.caseState(ids.at(1))), core::Role::Approver);
    QVERIFY(!services::DecisionService(as(QStringLiteral("approver"))).approve(ids.at(1), QString(), &error));
}

void TestBackOffice::rectificationClosedByEvidence()
{
    m_clock.set(at(2025, 6, 2)); // Monday
    const QString id = reviewed();
    services::InspectionService inspection(as(QStringLiteral("inspector")));
    const QString i1 = as(QStringLiteral("inspector")).user().id;
    const QString i2 = as(QStringLiteral("inspector2")).user().id;
    QString error;
    QVERIFY2(inspection.schedule({{id}, QDate(2025, 6, 3), {i1, i2}}, &error), qPrintable(error));
    m_clock.set(at(2025, 6, 3));
    services::IntakeService read(as(QStringLiteral("clerk")));
    const QDate dueBefore = read.caseState(id)->promisedDue;
    QVERIFY(!inspection.requireRectification(id, QDate(2025, 6, 3), QStringLiteral("灭火器过期"), {}, &error));
    QVERIFY(!inspection.requireRectification(id, QDate(2025, 6, 13), QString(), {}, &error));
    auto state = inspection.requireRectification(id, QDate(2025, 6, 13), QStringLiteral("灭火器过期，限期更换"),
                                                 {{QStringLiteral("before.jpg"), QStringLiteral("image/jpeg"), QByteArray(500, 'b')}},
                                                 &error);
    QVERIFY2(state, qPrintable(error));
    QCOMPARE(state->status, core::CaseStatus::Rectification);
    QVERIFY(state->clockStopped());
    QCOMPARE(state->currentInspection()->rectificationDue, QDate(2025, 6, 13));
    QCOMPARE(core::Workflow::waitingRole(*state), core::Role::Inspector);

    // Monday 06-09: the applicant sends a video; no second visit. Photos or videos only.
    m_clock.set(at(2025, 6, 9));
    QVERIFY(!inspection.closeRectification(id, QString(), {}, &error));
    QVERIFY(error.contains(QLatin1String("photos or videos")));
    QVERIFY(!inspection.closeRectification(id, QString(), {{QStringLiteral("a.pdf"), QStringLiteral("application/pdf"), QByteArray(10, 'p')}}, &error));
    QVERIFY(!inspection.closeRectification(id, QString(), {{QStringLiteral("empty.mp4"), QStringLiteral("video/mp4"), QByteArray()}}, &error));
    const QByteArray video(4096, 'v');
    state = inspection.closeRectification(id, QStringLiteral("已更换"), {{QStringLiteral("after.mp4"), QStringLiteral("video/mp4"), video}}, &error);
    QVERIFY2(state, qPrintable(error));
    QCOMPARE(state->status, core::CaseStatus::Inspected);
    QVERIFY(!state->clockStopped());
    QCOMPARE(state->currentInspection()->rectificationClosed, QDate(2025, 6, 9));
    QCOMPARE(state->currentInspection()->evidence.size(), 1);
    // Paused 06-04 .. 06-08: Wed, Thu, Fri count no more (3 working days).
    QCOMPARE(core::workingDaysBetween(core::WorkCalendar::builtIn(), dueBefore, state->promisedDue), 3);
    const QString evidenceSha = state->currentInspection()->evidence.first();
    QCOMPARE(read.attachmentData(evidenceSha).value_or(QByteArray()), video);
    QVERIFY(std::any_of(state->attachments.begin(), state->attachments.end(),
                        [&](const core::AttachmentRef& a) { return a.sha256 == evidenceSha && a.fileName == QLatin1String("after.mp4"); }));
    QVERIFY2(services::DecisionService(as(QStringLiteral("approver"))).approve(id, QString(), &error), qPrintable(error));
}

void TestBackOffice::reprintAndVoidNeedReasonsAndNumbersAreNeverReused()
{
    m_clock.set(at(2025, 7, 1));
    const QString id = approvedAndSealed();
    QVERIFY(!id.isEmpty());
    services::CertificateService c(as(QStringLiteral("certifier")));
    QString error;
    const auto first = c.takeNumber(id, &error);
    QVERIFY2(first, qPrintable(error));
    QVERIFY(!c.takeNumber(id, &error)); // print or void the numbered one first
    QVERIFY(!c.recordReprint(id, QStringLiteral("卡纸"), sha("a"), &error)); // nothing printed yet
    QVERIFY2(c.recordPrinted(id, *first, sha("a"), &error), qPrintable(error));
    QVERIFY(!c.recordReprint(id, QStringLiteral(" "), sha("b"), &error));
    QVERIFY(error.contains(QLatin1String("reason")));
    auto state = c.recordReprint(id, QStringLiteral("打印机卡纸"), sha("b"), &error);
    QVERIFY2(state, qPrintable(error));
    state = c.recordReprint(id, QStringLiteral("申请人遗失前一份未领取的打印件"), sha("c"), &error);
    QCOMPARE(state->activeCertificate()->reprints, 2);
    QVERIFY(!c.voidCertificate(id, QString(), &error));
    QVERIFY(error.contains(QLatin1String("reason")));
    state = c.voidCertificate(id, QStringLiteral("持证人名称有错字"), &error);
    QVERIFY2(state, qPrintable(error));
    QCOMPARE(state->status, core::CaseStatus::Approved);
    QVERIFY(!c.issue(id, {services::Collector::Kind::Holder, kApplicantName, kApplicantId}, &error));
    const auto second = c.takeNumber(id, &error);
    QVERIFY2(second, qPrintable(error));
    QVERIFY(*second != *first);
    QVERIFY(second->right(8).toLongLong() > first->right(8).toLongLong());
    const auto rows = c.certificates(id);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0).number, *first);
    QVERIFY(rows.at(0).voided);
    QCOMPARE(rows.at(0).reprints, 2);
    QCOMPARE(rows.at(0).voidReason, QStringLiteral("持证人名称有错字"));
    QCOMPARE(rows.at(0).documentHash, QString::fromLatin1(sha("c").toHex()));
    QVERIFY(!rows.at(1).printed);
    // Every number of the block is used at most once across the hall's certificates.
    QSqlQuery q(as(QStringLiteral("certifier")).database().sql());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*), count(DISTINCT serial) FROM certificates")) && q.next());
    QCOMPARE(q.value(0).toInt(), q.value(1).toInt());
}

void TestBackOffice::queueShowsWaitingCasesWithWarnings()
{
    m_clock.set(at(2025, 8, 4));
    const QString id = accept(QStringLiteral("clerk"), false);
    services::QueueService reviewerQueue(as(QStringLiteral("reviewer")));
    QCOMPARE(reviewerQueue.visibleRoles(), QList<core::Role>{core::Role::Reviewer});
    QString error;
    QVERIFY(!reviewerQueue.queue(core::Role::Approver, &error));
    auto items = reviewerQueue.queue(core::Role::Reviewer, &error);
    QVERIFY2(items, qPrintable(error));
    auto it = std::find_if(items->begin(), items->end(), [&](const services::QueueItem& i) { return i.row.caseId == id; });
    QVERIFY(it != items->end());
    QCOMPARE(it->warning, core::DeadlineWarning::None);
    const QDate due = it->row.promisedDue;
    // The day before the due date: yellow; after it: red.
    m_clock.set(QDateTime(due.addDays(-1), QTime(10, 0)));
    QCOMPARE(reviewerQueue.warningFor(it->row, due.addDays(-1)), core::DeadlineWarning::Yellow);
    m_clock.set(QDateTime(due.addDays(1), QTime(10, 0)));
    items = reviewerQueue.queue(core::Role::Reviewer, &error);
    it = std::find_if(items->begin(), items->end(), [&](const services::QueueItem& i) { return i.row.caseId == id; });
    QCOMPARE(it->warning, core::DeadlineWarning::Red);
    // Supervisors see every queue; the inspector's queue does not hold a case still under review.
    QCOMPARE(services::QueueService(as(QStringLiteral("supervisor"))).visibleRoles().size(), 5);
    const auto inspectorItems = services::QueueService(as(QStringLiteral("inspector"))).queue(core::Role::Inspector, &error);
    QVERIFY(std::none_of(inspectorItems->begin(), inspectorItems->end(), [&](const services::QueueItem& i) { return i.row.caseId == id; }));
}

void TestBackOffice::sealRegisterCsv()
{
    m_clock.set(at(2025, 9, 1));
    const QString id = approvedAndSealed();
    QVERIFY(!id.isEmpty());
    const auto caseNo = services::IntakeService(as(QStringLiteral("clerk"))).caseState(id)->caseNo;
    QString error;
    QVERIFY(!services::AuditService(as(QStringLiteral("reviewer"))).sealRegister({}, {}, &error));
    services::AuditService audit(as(QStringLiteral("supervisor")));
    const auto rows = audit.sealRegister(QDate(2025, 9, 1), QDate(2025, 9, 1), &error);
    QVERIFY2(rows, qPrintable(error));
    QCOMPARE(rows->size(), 1);
    QCOMPARE(rows->first().caseNo, caseNo);
    QCOMPARE(rows->first().userName, as(QStringLiteral("approver")).user().displayName);
    QCOMPARE(rows->first().workstation, as(QStringLiteral("approver")).workstation());

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("register.csv"));
    QCOMPARE(audit.exportSealRegister(path, QDate(2025, 9, 1), QDate(2025, 9, 1), &error).value_or(-1), 1);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray csv = f.readAll();
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    const QList<QByteArray> lines = csv.mid(3).split('\n');
    QCOMPARE(lines.size(), 3); // header, one row, the empty rest after the last CRLF
    QCOMPARE(lines.at(0),
             QByteArray("Time,Case number,Document kind,Document,Document SHA-256,User,User id,Workstation,Event id\r"));
    const QList<QByteArray> fields = lines.at(1).chopped(1).split(',');
    QCOMPARE(fields.size(), 9);
    QCOMPARE(fields.at(0), QByteArray("2025-09-01 09:30:00"));
    QCOMPARE(QString::fromUtf8(fields.at(1)), caseNo);
    QCOMPARE(QString::fromUtf8(fields.at(2)), QStringLiteral("Decision"));
    QCOMPARE(QString::fromUtf8(fields.at(3)), QStringLiteral("准予行政许可决定书"));
    QCOMPARE(fields.at(4), sha("decision " + id.toUtf8()).toHex());
    QCOMPARE(QString::fromUtf8(fields.at(5)), QStringLiteral("杨审批"));
    QCOMPARE(QString::fromUtf8(fields.at(7)), QStringLiteral("WS-DEMO-01"));
    // Quoting: commas, quotes and formula starts are made harmless.
    db::SealRegisterRow odd;
    odd.documentTitle = QStringLiteral("=cmd,\"x\"");
    QVERIFY(services::AuditService::toCsv({odd}).contains("\"'=cmd,\"\"x\"\"\""));
}

void TestBackOffice::projectionsAreTheFoldOfEvents()
{
    services::Session& s = as(QStringLiteral("supervisor"));
    auto snapshot = [&s] {
        QStringList rows;
        QSqlQuery q(s.database().sql());
        for (const QString& sql :
             {QStringLiteral("SELECT case_id, status, promised_due, legal_due, waiting_role, clock_stopped, decision, "
                             "completed_date, on_time FROM cases ORDER BY case_id"),
              QStringLiteral("SELECT * FROM inspection_visits ORDER BY visit_id, case_id"),
              QStringLiteral("SELECT * FROM seal_register ORDER BY event_uuid"),
              QStringLiteral("SELECT * FROM certificates ORDER BY certificate_no")}) {
            q.exec(sql);
            while (q.next()) {
                QStringList values;
                for (int i = 0; i < q.record().count(); ++i)
                    values << q.value(i).toString();
                rows << values.join(QLatin1Char('|'));
            }
        }
        return rows;
    };
    const QStringList before = snapshot();
    QVERIFY(before.size() > 10);
    QString error;
    QVERIFY2(s.events().rebuildProjections(&error), qPrintable(error));
    QCOMPARE(snapshot(), before);
}

QTEST_GUILESS_MAIN(TestBackOffice)
#include "TestBackOffice.moc"
