#include "PdfText.h"
#include "print/DecisionDocument.h"
#include "print/DocumentRenderer.h"
#include "print/IntakeNotices.h"

#include <QGuiApplication>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace oneseal;

namespace {

using test::pdfText;

core::CaseState decided(core::Decision decision)
{
    core::CaseState s;
    s.caseNo = QStringLiteral("SL202600000042");
    s.subjectName = QStringLiteral("食品经营许可（新办）");
    s.applicant.name = QStringLiteral("运城市盐湖区老王餐饮有限公司");
    s.decision = decision;
    s.decisionReasons = decision == core::Decision::Refused ? QStringLiteral("经营场所与住宅未有效隔离") : QString();
    return s;
}

} // namespace

/** The decision document (行政许可法 art. 38) the approver seals, read back from its PDF. */
class TestDecisionDocument : public QObject
{
    Q_OBJECT

private slots:
    void approvalCitesArticle38();
    void refusalGivesReasonsAndAppealRights();
    void hashFollowsTheContent();
};

void TestDecisionDocument::approvalCitesArticle38()
{
    const print::NoticeDocument doc
        = print::DecisionDocument::build(decided(core::Decision::Approved), QStringLiteral("运城市行政审批服务管理局"));
    QCOMPARE(doc.title, QStringLiteral("准予行政许可决定书"));
    QVERIFY(doc.withSeal);
    QString error;
    QVERIFY2(print::DocumentRenderer::validate(doc, &error), qPrintable(error));
    const QString text = pdfText(print::DocumentRenderer().toPdfBytes(doc));
    QVERIFY2(text.contains(QStringLiteral("准予行政许可决定书")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("运城市盐湖区老王餐饮有限公司")));
    QVERIFY(text.contains(QStringLiteral("SL202600000042")));
    QVERIFY(text.contains(QStringLiteral("第三十八条第一款")));
    QVERIFY(text.contains(QStringLiteral("决定准予行政许可")));
    QVERIFY(text.contains(QStringLiteral("运城市行政审批服务管理局")));
    QVERIFY(!text.contains(QStringLiteral("行政复议")));
}

void TestDecisionDocument::refusalGivesReasonsAndAppealRights()
{
    const print::NoticeDocument doc
        = print::DecisionDocument::build(decided(core::Decision::Refused), QStringLiteral("运城市行政审批服务管理局"));
    QCOMPARE(doc.title, QStringLiteral("不予行政许可决定书"));
    const QString text = pdfText(print::DocumentRenderer().toPdfBytes(doc));
    QVERIFY2(text.contains(QStringLiteral("不予行政许可决定书")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("决定不予行政许可")));
    QVERIFY(text.contains(QStringLiteral("经营场所与住宅未有效隔离")));
    QVERIFY(text.contains(QStringLiteral("六十日内依法申请行政复议")));
    QVERIFY(text.contains(QStringLiteral("六个月内依法向人民法院提起行政诉讼")));
}

void TestDecisionDocument::hashFollowsTheContent()
{
    const QString bureau = QStringLiteral("运城市行政审批服务管理局");
    const QByteArray approved
        = print::IntakeNotices::contentHash(print::DecisionDocument::build(decided(core::Decision::Approved), bureau));
    QCOMPARE(approved.size(), 32);
    QCOMPARE(print::IntakeNotices::contentHash(print::DecisionDocument::build(decided(core::Decision::Approved), bureau)),
             approved);
    QVERIFY(print::IntakeNotices::contentHash(print::DecisionDocument::build(decided(core::Decision::Refused), bureau))
            != approved);
    QVERIFY(print::IntakeNotices::contentHash(print::DecisionDocument::build(decided(core::Decision::Approved),
                                                                             QStringLiteral("另一个局")))
            != approved);
}

QTEST_MAIN(TestDecisionDocument)
#include "TestDecisionDocument.moc"
