// The read side of cases and the session's one catalog: a session parses the catalog once however
// many services and windows ask for it, picks up a new stored version when told (as after a sync
// or a bundle import), and CaseReader gives the same case as the fold, the projection and the
// searches, with the stored texts read back into enums.

#include "TestSupport.h"

#include "core/CaseState.h"
#include "db/CatalogRepository.h"
#include "services/CaseReader.h"
#include "services/CatalogService.h"
#include "services/IntakeService.h"
#include "services/ReviewService.h"

#include <QTest>

using namespace oneseal;

class TestCaseReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void catalogIsParsedOncePerSession();
    void newCatalogVersionIsPickedUp();
    void readsOneCase();

private:
    std::unique_ptr<test::TempHall> m_hall;
};

void TestCaseReader::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>();
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
}

void TestCaseReader::catalogIsParsedOncePerSession()
{
    auto session = m_hall->login(QStringLiteral("clerk"));
    QVERIFY(session);
    QCOMPARE(session->catalogLoads(), 0); // nothing is parsed before someone asks

    const services::IntakeService first(*session);
    QVERIFY(first.isReady());
    QCOMPARE(session->catalogLoads(), 1);
    const std::shared_ptr<const core::Catalog> shared = session->catalog();
    QVERIFY(shared);
    QCOMPARE(&first.catalog(), shared.get());

    // More services and windows of the same session share the same parsed catalog.
    for (int i = 0; i < 5; ++i) {
        const services::IntakeService again(*session);
        QCOMPARE(&again.catalog(), shared.get());
    }
    QCOMPARE(session->catalog(), shared);
    QCOMPARE(session->catalogVersion(shared->version), shared);
    QVERIFY(!session->reloadCatalogIfChanged()); // nothing new stored
    QCOMPARE(session->catalogLoads(), 1);

    // A case accepted under the current version reads its catalog from the same cache.
    QString error;
    const auto state = test::acceptCase(*session, [](const core::Matter&) { return true; },
                                        QStringLiteral("14080219800101001"), QStringLiteral("王一"),
                                        QStringLiteral("13900000001"), &error);
    QVERIFY2(state, qPrintable(error));
    QCOMPARE(services::CaseReader(*session).catalogOf(*state), shared);
    services::ReviewService(*session).needsInspection(*state);
    QCOMPARE(session->catalogLoads(), 1);

    // Another session parses its own, once.
    auto other = m_hall->login(QStringLiteral("clerk"));
    QVERIFY(other->catalog());
    QVERIFY(other->catalog() != shared);
    QCOMPARE(*other->catalog(), *shared);
    QCOMPARE(other->catalogLoads(), 1);
    QVERIFY(!session->catalogVersion(shared->version + 100)); // a version not stored
}

void TestCaseReader::newCatalogVersionIsPickedUp()
{
    auto session = m_hall->login(QStringLiteral("clerk"));
    const std::shared_ptr<const core::Catalog> before = session->catalog();
    QVERIFY(before);
    const int loads = session->catalogLoads();

    // A new version arrives the way sync and bundle imports store it: straight into the database.
    core::Catalog next = *before;
    next.version = before->version + 1;
    next.matters[0].name += QStringLiteral("（新）");
    QString error;
    QVERIFY2(db::CatalogRepository(session->database().sql()).import(next, &error), qPrintable(error));

    QCOMPARE(session->catalog(), before); // not looked at until told
    QVERIFY(session->reloadCatalogIfChanged());
    const auto after = session->catalog();
    QVERIFY(after);
    QCOMPARE(after->version, next.version);
    QCOMPARE(after->matters[0].name, next.matters[0].name);
    QCOMPARE(session->catalogLoads(), loads + 1);
    // Whoever held the old version keeps it whole, and it stays cached for cases accepted under it.
    QCOMPARE(before->matters[0].name + QStringLiteral("（新）"), after->matters[0].name);
    QCOMPARE(session->catalogVersion(before->version), before);
    QVERIFY(!session->reloadCatalogIfChanged());
    QCOMPARE(session->catalogLoads(), loads + 1);

    // An intake window opened now sees the new version; another session finds it without being told.
    QCOMPARE(services::IntakeService(*session).catalog().version, next.version);
    QCOMPARE(m_hall->login(QStringLiteral("clerk"))->catalog()->version, next.version);

    // A new version imported by the administrator through the service is picked up at once.
    auto admin = m_hall->login(QStringLiteral("admin"));
    QVERIFY(admin->catalog());
    core::Catalog third = next;
    third.version = next.version + 1;
    QVERIFY2(services::CatalogService(*admin).importJson(third.toJson(), &error), qPrintable(error));
    QCOMPARE(admin->catalog()->version, third.version);
    QVERIFY(!admin->reloadCatalogIfChanged());
}

void TestCaseReader::readsOneCase()
{
    auto session = m_hall->login(QStringLiteral("clerk"));
    QString error;
    const auto accepted = test::acceptCase(*session, [](const core::Matter& m) { return !m.instant; },
                                           QStringLiteral("14080219800101002"), QStringLiteral("王二"),
                                           QStringLiteral("13900000002"), &error);
    QVERIFY2(accepted, qPrintable(error));
    const services::CaseReader reader(*session);

    const auto state = reader.state(accepted->caseId);
    QVERIFY(state);
    QCOMPARE(state->caseNo, accepted->caseNo);
    QCOMPARE(state->status, core::CaseStatus::Accepted);
    QCOMPARE(state->decision, core::Decision::None);
    QCOMPARE(state->collectorKind, core::CollectorKind::None);
    QVERIFY(state->risk != core::RiskLevel::Unknown);
    QCOMPARE(state->eventCount, accepted->eventCount);

    const auto byNumber = reader.stateByNumber(accepted->caseNo);
    QVERIFY(byNumber);
    QCOMPARE(byNumber->caseId, accepted->caseId);
    QVERIFY(!reader.state(QStringLiteral("no-such-case")));
    QVERIFY(!reader.stateByNumber(QStringLiteral("NO-SUCH-NUMBER")));

    // The projection's texts come back as the same enums.
    const auto summary = reader.summaryByNumber(accepted->caseNo);
    QVERIFY(summary);
    QCOMPARE(summary->status, core::CaseStatus::Accepted);
    QCOMPARE(summary->risk, state->risk);

    bool found = false;
    for (const db::CaseSummary& c : reader.takenToday())
        found = found || c.caseId == accepted->caseId;
    QVERIFY(found);
    const auto hits = reader.search(accepted->caseNo);
    QVERIFY(!hits.isEmpty());
    QCOMPARE(hits.first().caseId, accepted->caseId);
    QVERIFY(reader.certificates(accepted->caseId).isEmpty());
    QCOMPARE(reader.today(), session->clock().today());
}

QTEST_GUILESS_MAIN(TestCaseReader)
#include "TestCaseReader.moc"
