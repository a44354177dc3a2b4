// The enumerations of a case (status, decision, risk level, collector) and their one mapping each
// to stored text and to display text: stored text round-trips, unknown text is Unknown and never
// a valid value, legacy risk display names still read, and the status fold matches on enums and
// on stored text.

#include "core/CaseStatus.h"
#include "core/CollectorKind.h"
#include "core/Decision.h"
#include "core/RiskLevel.h"

#include <QTest>

using namespace oneseal::core;

Q_DECLARE_METATYPE(CaseStatus)
Q_DECLARE_METATYPE(Decision)
Q_DECLARE_METATYPE(RiskLevel)
Q_DECLARE_METATYPE(CollectorKind)

class TestCaseEnums : public QObject
{
    Q_OBJECT

private slots:
    void caseStatusStoredText_data();
    void caseStatusStoredText();
    void caseStatusUnknownText_data();
    void caseStatusUnknownText();
    void everyStatusHasItsOwnTexts();
    void statusFold_data();
    void statusFold();
    void decisionStoredText_data();
    void decisionStoredText();
    void riskStoredText_data();
    void riskStoredText();
    void collectorKindStoredText_data();
    void collectorKindStoredText();
};

namespace {
const QList<CaseStatus> kKnownStatuses{
    CaseStatus::Open,           CaseStatus::Accepted,          CaseStatus::AwaitingMaterials, CaseStatus::Refused,
    CaseStatus::Completed,      CaseStatus::Reviewed,          CaseStatus::Correction,        CaseStatus::RefusalProposed,
    CaseStatus::InspectionScheduled, CaseStatus::Inspected,    CaseStatus::InspectionFailed,  CaseStatus::Rectification,
    CaseStatus::Approved,       CaseStatus::CertificatePrinted, CaseStatus::Conflict,
};
} // namespace

void TestCaseEnums::caseStatusStoredText_data()
{
    QTest::addColumn<CaseStatus>("status");
    QTest::addColumn<QString>("stored");
    QTest::addColumn<QString>("display");
    QTest::newRow("open") << CaseStatus::Open << "open" << "open";
    QTest::newRow("accepted") << CaseStatus::Accepted << "accepted" << "accepted";
    QTest::newRow("awaiting") << CaseStatus::AwaitingMaterials << "awaiting_materials"
                              << "awaiting materials (one-time notice)";
    QTest::newRow("refused") << CaseStatus::Refused << "refused" << "refused";
    QTest::newRow("completed") << CaseStatus::Completed << "completed" << "completed";
    QTest::newRow("reviewed") << CaseStatus::Reviewed << "reviewed" << "reviewed";
    QTest::newRow("correction") << CaseStatus::Correction << "correction" << "correction requested";
    QTest::newRow("refusal proposed") << CaseStatus::RefusalProposed << "refusal_proposed" << "refusal proposed";
    QTest::newRow("inspection scheduled") << CaseStatus::InspectionScheduled << "inspection_scheduled"
                                          << "inspection scheduled";
    QTest::newRow("inspected") << CaseStatus::Inspected << "inspected" << "inspected";
    QTest::newRow("inspection failed") << CaseStatus::InspectionFailed << "inspection_failed" << "inspection failed";
    QTest::newRow("rectification") << CaseStatus::Rectification << "rectification" << "rectification (clock stopped)";
    QTest::newRow("approved") << CaseStatus::Approved << "approved" << "approved";
    QTest::newRow("certificate printed") << CaseStatus::CertificatePrinted << "certificate_printed"
                                         << "certificate printed";
    QTest::newRow("conflict") << CaseStatus::Conflict << "conflict" << "in conflict (a supervisor decides)";
    QTest::newRow("none") << CaseStatus::None << "" << "";
}

void TestCaseEnums::caseStatusStoredText()
{
    QFETCH(CaseStatus, status);
    QFETCH(QString, stored);
    QFETCH(QString, display);
    QCOMPARE(toStored(status), stored);
    QCOMPARE(caseStatusFromStored(stored), status);
    QCOMPARE(displayText(status), display);
}

void TestCaseEnums::caseStatusUnknownText_data()
{
    QTest::addColumn<QString>("stored");
    QTest::newRow("bogus") << "bogus";
    QTest::newRow("display text, not stored text") << "correction requested";
    QTest::newRow("wrong case") << "Accepted";
    QTest::newRow("space") << " accepted";
    QTest::newRow("chinese") << "已受理";
}

void TestCaseEnums::caseStatusUnknownText()
{
    QFETCH(QString, stored);
    QCOMPARE(caseStatusFromStored(stored), CaseStatus::Unknown);
    QVERIFY(toStored(CaseStatus::Unknown).isEmpty());
    QCOMPARE(displayText(CaseStatus::Unknown), QStringLiteral("unknown"));
    // The stored-text fold keeps a text it does not know when the event sets no status.
    QCOMPARE(caseStatusAfter(stored, QStringLiteral("note.added")), stored);
    QCOMPARE(caseStatusAfter(stored, QStringLiteral("review.passed")), QStringLiteral("reviewed"));
}

void TestCaseEnums::everyStatusHasItsOwnTexts()
{
    QSet<QString> stored, display;
    for (CaseStatus s : kKnownStatuses) {
        QVERIFY(!toStored(s).isEmpty());
        QVERIFY(!displayText(s).isEmpty());
        stored.insert(toStored(s));
        display.insert(displayText(s));
    }
    QCOMPARE(stored.size(), kKnownStatuses.size());
    QCOMPARE(display.size(), kKnownStatuses.size());
}

void TestCaseEnums::statusFold_data()
{
    QTest::addColumn<CaseStatus>("current");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<CaseStatus>("next");
    QTest::newRow("first event opens") << CaseStatus::None << "note.added" << CaseStatus::Open;
    QTest::newRow("unknown kind keeps") << CaseStatus::Reviewed << "note.added" << CaseStatus::Reviewed;
    QTest::newRow("accepted") << CaseStatus::None << "intake.accepted" << CaseStatus::Accepted;
    QTest::newRow("deferred") << CaseStatus::None << "intake.accepted_deferred" << CaseStatus::Accepted;
    QTest::newRow("notice") << CaseStatus::None << "intake.notified_missing" << CaseStatus::AwaitingMaterials;
    QTest::newRow("instant") << CaseStatus::None << "intake.completed_instantly" << CaseStatus::Completed;
    QTest::newRow("correction") << CaseStatus::Accepted << "review.correction_requested" << CaseStatus::Correction;
    QTest::newRow("corrected") << CaseStatus::Correction << "correction.received" << CaseStatus::Accepted;
    QTest::newRow("rectification closed") << CaseStatus::Rectification << "inspection.rectification_closed"
                                          << CaseStatus::Inspected;
    QTest::newRow("refused") << CaseStatus::Inspected << "decision.refused" << CaseStatus::Refused;
    QTest::newRow("voided") << CaseStatus::CertificatePrinted << "certificate.voided" << CaseStatus::Approved;
    QTest::newRow("issued") << CaseStatus::CertificatePrinted << "certificate.issued" << CaseStatus::Completed;
    QTest::newRow("unknown stays") << CaseStatus::Unknown << "note.added" << CaseStatus::Unknown;
}

void TestCaseEnums::statusFold()
{
    QFETCH(CaseStatus, current);
    QFETCH(QString, kind);
    QFETCH(CaseStatus, next);
    QCOMPARE(caseStatusAfter(current, kind), next);
    if (current != CaseStatus::Unknown)
        QCOMPARE(caseStatusAfter(toStored(current), kind), toStored(next));
}

void TestCaseEnums::decisionStoredText_data()
{
    QTest::addColumn<QString>("stored");
    QTest::addColumn<Decision>("decision");
    QTest::addColumn<bool>("roundTrips");
    QTest::addColumn<QString>("display");
    QTest::newRow("approved") << "approved" << Decision::Approved << true << "approved";
    QTest::newRow("refused") << "refused" << Decision::Refused << true << "refused";
    QTest::newRow("none") << "" << Decision::None << true << "";
    QTest::newRow("unknown") << "granted" << Decision::Unknown << false << "unknown";
    QTest::newRow("event kind is not a decision") << "decision.approved" << Decision::Unknown << false << "unknown";
}

void TestCaseEnums::decisionStoredText()
{
    QFETCH(QString, stored);
    QFETCH(Decision, decision);
    QFETCH(bool, roundTrips);
    QFETCH(QString, display);
    QCOMPARE(decisionFromStored(stored), decision);
    QCOMPARE(toStored(decision) == stored, roundTrips);
    QCOMPARE(displayText(decision), display);
}

void TestCaseEnums::riskStoredText_data()
{
    QTest::addColumn<QString>("stored");
    QTest::addColumn<RiskLevel>("risk");
    QTest::addColumn<bool>("roundTrips");
    QTest::newRow("high") << "high" << RiskLevel::High << true;
    QTest::newRow("medium") << "medium" << RiskLevel::Medium << true;
    QTest::newRow("low") << "low" << RiskLevel::Low << true;
    // Earlier versions stored the display name, in the language of the workstation.
    QTest::newRow("legacy English high") << "High risk" << RiskLevel::High << false;
    QTest::newRow("legacy English medium") << "Medium risk" << RiskLevel::Medium << false;
    QTest::newRow("legacy English low") << "Low risk" << RiskLevel::Low << false;
    QTest::newRow("legacy Chinese high") << "高风险" << RiskLevel::High << false;
    QTest::newRow("legacy Chinese low") << "低风险" << RiskLevel::Low << false;
    QTest::newRow("legacy 重") << "重" << RiskLevel::High << false;
    QTest::newRow("legacy 轻") << "轻" << RiskLevel::Low << false;
    QTest::newRow("empty") << "" << RiskLevel::Unknown << true;
    QTest::newRow("bogus") << "extreme" << RiskLevel::Unknown << false;
}

void TestCaseEnums::riskStoredText()
{
    QFETCH(QString, stored);
    QFETCH(RiskLevel, risk);
    QFETCH(bool, roundTrips);
    QCOMPARE(riskLevelFromStored(stored), risk);
    QCOMPARE(toStored(risk) == stored, roundTrips);
    QCOMPARE(riskLevelFromStored(toStored(risk)), risk);
    QVERIFY(!displayText(risk).isEmpty());
}

void TestCaseEnums::collectorKindStoredText_data()
{
    QTest::addColumn<QString>("stored");
    QTest::addColumn<CollectorKind>("kind");
    QTest::addColumn<bool>("roundTrips");
    QTest::addColumn<QString>("display");
    QTest::newRow("holder") << "holder" << CollectorKind::Holder << true << "Holder in person";
    QTest::newRow("agent") << "agent" << CollectorKind::Agent << true << "Agent";
    QTest::newRow("none") << "" << CollectorKind::None << true << "";
    QTest::newRow("unknown") << "courier" << CollectorKind::Unknown << false << "unknown";
}

void TestCaseEnums::collectorKindStoredText()
{
    QFETCH(QString, stored);
    QFETCH(CollectorKind, kind);
    QFETCH(bool, roundTrips);
    QFETCH(QString, display);
    QCOMPARE(collectorKindFromStored(stored), kind);
    QCOMPARE(toStored(kind) == stored, roundTrips);
    QCOMPARE(displayText(kind), display);
}

QTEST_GUILESS_MAIN(TestCaseEnums)
#include "TestCaseEnums.moc"
