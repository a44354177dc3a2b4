// The separations (core::Separation) on one case: accept, review, inspect, decide and issue by
// different people, refused by the services and, for an event a patched client wrote anyway, by
// the admission of every replica; a hall's recorded relaxation of named pairs.
#include "TestSupport.h"

#include "core/EventAdmission.h"
#include "core/Identifiers.h"
#include "db/SeparationProjection.h"
#include "db/UserDirectory.h"
#include "services/AuthService.h"
#include "services/DecisionService.h"
#include "services/HallService.h"
#include "services/InspectionService.h"
#include "services/IntakeService.h"
#include "services/ReviewService.h"
#include "services/SeparationService.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QTest>

#include <map>

using namespace oneseal;

namespace {
QDateTime at(int y, int m, int d)
{
    return QDateTime(QDate(y, m, d), QTime(9, 30));
}
} // namespace

class TestSeparations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void multiRoleUserRefusedAtTheSecondStep();
    void inspectorsMustBeFreeOfOtherSteps();
    void replicaQuarantinesASecondStepByTheSameUser();
    void hallRelaxesANamedPairAndTheRelaxationIsRecorded();

private:
    services::Session& as(const QString& username);
    QString accept(const std::function<bool(const core::Matter&)>& pick, int n);
    core::Event forged(const QString& caseId, const QString& kind, const QCborMap& payload, qint64 serverSeq);

    std::unique_ptr<test::TempHall> m_hall;
    core::FixedClock m_clock{at(2025, 3, 3)};
    std::map<QString, std::unique_ptr<services::Session>> m_sessions;
};

void TestSeparations::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>(m_clock);
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    QString error;
    // A hall that signs its events (every replica then checks the author of each).
    QVERIFY2(as(QStringLiteral("admin")).database().setMeta(QStringLiteral("legacy_hlc"), QStringLiteral("0"), &error),
             qPrintable(error));
    m_sessions.clear();
    const core::Roles all = core::Role::Reviewer | core::Role::Inspector | core::Role::Approver
        | core::Role::CertificateOperator;
    QVERIFY2(services::AuthService::addUser(as(QStringLiteral("admin")), QStringLiteral("allhands"),
                                            QStringLiteral("全能手"), all, services::HallService::demoPassword(), &error,
                                            test::fastKdf()),
             qPrintable(error));
}

services::Session& TestSeparations::as(const QString& username)
{
    auto& slot = m_sessions[username];
    if (!slot) {
        services::AuthService auth(m_hall->path(), m_clock);
        QString error;
        slot = auth.login(username, services::HallService::demoPassword(), &error);
        if (!slot)
            qFatal("login of %s failed: %s", qPrintable(username), qPrintable(error));
        if (slot->user().mustChange) {
            // The password the administrator set is changed at the first login (the signing key is made
            // then); changed back so that later logins use the demo password.
            const QString own = services::HallService::demoPassword() + QStringLiteral("-own");
            if (!services::AuthService::changePassword(*slot, services::HallService::demoPassword(), own, &error,
                                                       test::fastKdf())
                || !services::AuthService::changePassword(*slot, own, services::HallService::demoPassword(), &error,
                                                          test::fastKdf()))
                qFatal("first password change of %s failed: %s", qPrintable(username), qPrintable(error));
        }
    }
    return *slot;
}

QString TestSeparations::accept(const std::function<bool(const core::Matter&)>& pick, int n)
{
    QString error;
    const QString first17 = QStringLiteral("1408021980051200") + QString::number(n % 10);
    const auto state = test::acceptCase(as(QStringLiteral("clerk")), pick, first17, QStringLiteral("王建国"),
                                        QStringLiteral("13903591234"), &error);
    if (!state)
        qWarning("intake failed: %s", qPrintable(error));
    return state ? state->caseId : QString();
}

namespace {
bool withoutVisit(const core::Matter& m)
{
    return !m.siteInspection && !m.instant;
}
bool withVisit(const core::Matter& m)
{
    return m.siteInspection && !m.instant;
}
} // namespace

void TestSeparations::multiRoleUserRefusedAtTheSecondStep()
{
    const QString id = accept(withoutVisit, 1);
    QVERIFY(!id.isEmpty());
    QString error;
    // The user holds the reviewer's and the approver's roles: the review is theirs ...
    QVERIFY2(services::ReviewService(as(QStringLiteral("allhands"))).pass(id, QString(), &error), qPrintable(error));
    // ... the decision on the same case is not, by the role alone it would be.
    const qint64 before = as(QStringLiteral("allhands")).events().count();
    QVERIFY(!services::DecisionService(as(QStringLiteral("allhands"))).approve(id, QString(), &error));
    QVERIFY2(error.contains(QLatin1String("review")) && error.contains(QLatin1String("different people")),
             qPrintable(error));
    QVERIFY(!services::DecisionService(as(QStringLiteral("allhands"))).refuse(id, QStringLiteral("不符合条件"), &error));
    QCOMPARE(as(QStringLiteral("allhands")).events().count(), before);
    // A colleague decides.
    QVERIFY2(services::DecisionService(as(QStringLiteral("approver"))).approve(id, QString(), &error), qPrintable(error));
}

void TestSeparations::inspectorsMustBeFreeOfOtherSteps()
{
    const QString id = accept(withVisit, 2);
    QVERIFY(!id.isEmpty());
    QString error;
    QVERIFY2(services::ReviewService(as(QStringLiteral("allhands"))).pass(id, QString(), &error), qPrintable(error));
    services::InspectionService inspection(as(QStringLiteral("inspector")));
    const QString inspector = as(QStringLiteral("inspector")).user().id;
    const QString reviewer = as(QStringLiteral("allhands")).user().id;
    // The reviewer is named as the second inspector: refused, nothing scheduled.
    QVERIFY(!inspection.schedule({{id}, m_clock.now().date(), {inspector, reviewer}}, &error));
    QVERIFY2(error.contains(QLatin1String("may not inspect")), qPrintable(error));
    QCOMPARE(services::IntakeService(as(QStringLiteral("clerk"))).caseState(id)->status, core::CaseStatus::Reviewed);
    // Two inspectors free of every other step: scheduled.
    QString second;
    for (const auto& u : inspection.inspectors())
        if (u.id != inspector && u.id != reviewer)
            second = u.id;
    QVERIFY(!second.isEmpty());
    QVERIFY2(inspection.schedule({{id}, m_clock.now().date(), {inspector, second}}, &error), qPrintable(error));
    QVERIFY2(inspection.recordResult(id, true, QString(), {}, &error), qPrintable(error));
}

core::Event TestSeparations::forged(const QString& caseId, const QString& kind, const QCborMap& payload, qint64 serverSeq)
{
    // What a patched client of allhands at another workstation would send: signed with their own key.
    services::Session& s = as(QStringLiteral("allhands"));
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

void TestSeparations::replicaQuarantinesASecondStepByTheSameUser()
{
    const QString id = accept(withoutVisit, 3);
    QVERIFY(!id.isEmpty());
    QString error;
    QVERIFY2(services::ReviewService(as(QStringLiteral("allhands"))).pass(id, QString(), &error), qPrintable(error));
    QVERIFY(!as(QStringLiteral("allhands")).events().signer().keyId().isEmpty());

    // The approver's workstation (a replica) receives the decision anyway: quarantined, not folded.
    services::Session& replica = as(QStringLiteral("approver"));
    const core::Event e = forged(id, core::eventkind::decisionApproved, QCborMap{{core::payload::reasons, QString()}, {core::payload::date, QStringLiteral("2025-03-03")}}, 901);
    db::Transaction tx(replica.database().sql());
    const auto applied = replica.events().applyRemote({e}, &error);
    QVERIFY2(applied, qPrintable(error));
    QVERIFY(tx.commit(&error));
    QCOMPARE(applied->quarantined, 1);
    const QString why = replica.events().event(e.id)->quarantine;
    QVERIFY2(why.contains(QLatin1String("separations")) && why.contains(QLatin1String("review")), qPrintable(why));
    QCOMPARE(services::IntakeService(as(QStringLiteral("clerk"))).caseState(id)->decision, core::Decision::None);

    // The same kind of event by someone free of the case's other steps is admitted.
    QVERIFY2(services::DecisionService(replica).approve(id, QString(), &error), qPrintable(error));

    // A decision on one matter must name the matter (shape), whoever writes it.
    const QString other = accept(withoutVisit, 5);
    const core::Event noMatter = forged(other, core::eventkind::matterApproved, QCborMap{{core::payload::reasons, QString()}, {core::payload::date, QStringLiteral("2025-03-03")}}, 903);
    db::Transaction tx2(replica.database().sql());
    const auto refused = replica.events().applyRemote({noMatter}, &error);
    QVERIFY2(refused, qPrintable(error));
    QVERIFY(tx2.commit(&error));
    QCOMPARE(refused->quarantined, 1);
    QVERIFY2(replica.events().event(noMatter.id)->quarantine.contains(QLatin1String("names no matter")),
             qPrintable(replica.events().event(noMatter.id)->quarantine));
}

void TestSeparations::hallRelaxesANamedPairAndTheRelaxationIsRecorded()
{
    QString error;
    services::SeparationService admin(as(QStringLiteral("admin")));
    QVERIFY(!admin.current());
    const qint64 before = as(QStringLiteral("admin")).events().count();
    // Only an administrator, only valid pairs, only with reasons; nothing written otherwise.
    QVERIFY(!services::SeparationService(as(QStringLiteral("approver")))
                 .relax({QStringLiteral("review+decide")}, QStringLiteral("县级大厅人手不足"), &error));
    QVERIFY(!admin.relax({QStringLiteral("review+review")}, QStringLiteral("县级大厅人手不足"), &error));
    QVERIFY(!admin.relax({QStringLiteral("review+seal")}, QStringLiteral("县级大厅人手不足"), &error));
    QVERIFY2(error.contains(QLatin1String("not a pair of steps")), qPrintable(error));
    QVERIFY(!admin.relax({QStringLiteral("review+decide")}, QStringLiteral("  "), &error));
    QCOMPARE(as(QStringLiteral("admin")).events().count(), before);

    QVERIFY2(admin.relax({QStringLiteral("decide+review")}, QStringLiteral("县级大厅人手不足"), &error), qPrintable(error));
    const auto row = admin.current();
    QVERIFY(row);
    QCOMPARE(row->policy.pairKeys(), QStringList{QStringLiteral("review+decide")});
    QCOMPARE(row->reasons, QStringLiteral("县级大厅人手不足"));
    QCOMPARE(row->setBy, as(QStringLiteral("admin")).user().id);
    QSqlQuery q(as(QStringLiteral("admin")).database().sql());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM events WHERE kind = 'hall.separation_relaxed'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    q.finish();

    // Now the reviewer may decide the case they reviewed; review and inspection stay separate.
    m_clock.set(m_clock.now().addSecs(60));
    const QString id = accept(withoutVisit, 4);
    QVERIFY2(services::ReviewService(as(QStringLiteral("allhands"))).pass(id, QString(), &error), qPrintable(error));
    const core::Event e = forged(id, core::eventkind::decisionApproved, QCborMap{{core::payload::reasons, QString()}, {core::payload::date, QStringLiteral("2025-03-03")}}, 902);
    services::Session& replica = as(QStringLiteral("approver"));
    {
        db::Transaction tx(replica.database().sql());
        const auto applied = replica.events().applyRemote({e}, &error);
        QVERIFY2(applied, qPrintable(error));
        QVERIFY(tx.commit(&error));
        QVERIFY2(applied->quarantined == 0, qPrintable(applied->quarantineReasons.join(QLatin1Char('\n'))));
    }
    // Restoring the strict rule is recorded too.
    QVERIFY2(admin.relax({}, QStringLiteral("人员已补齐"), &error), qPrintable(error));
    QVERIFY(admin.current());
    QVERIFY(admin.current()->policy.relaxed.isEmpty());
}

QTEST_GUILESS_MAIN(TestSeparations)
#include "TestSeparations.moc"
