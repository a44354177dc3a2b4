#include "PdfText.h"
#include "print/CorrectionNotice.h"
#include "print/DocumentRenderer.h"

#include <QGuiApplication>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace oneseal;

namespace {

using test::pdfText;

} // namespace

/** The correction notice (补正材料通知书) of a case returned at review, read back from its PDF. */
class TestCorrectionNotice : public QObject
{
    Q_OBJECT

private slots:
    void listsEveryLineOfTheNotesAndStopsTheClock();
};

void TestCorrectionNotice::listsEveryLineOfTheNotesAndStopsTheClock()
{
    core::CaseState s;
    s.caseNo = QStringLiteral("SL202600000077");
    s.subjectName = QStringLiteral("建筑工程施工许可");
    s.applicant.name = QStringLiteral("山西晋南建设有限公司");
    s.correctionNotes = QStringLiteral("  厂区平面图未标注比例尺\n\n施工合同缺少签字页  \n");
    const print::NoticeDocument doc
        = print::CorrectionNotice::build(s, QStringLiteral("运城市行政审批服务管理局"), QDate(2026, 3, 4));
    QCOMPARE(doc.title, QStringLiteral("补正材料通知书"));
    QCOMPARE(doc.numberedItems.size(), 2); // blank lines are not items
    QCOMPARE(doc.numberedItems.at(0).first, QStringLiteral("厂区平面图未标注比例尺"));
    QCOMPARE(doc.date, QDate(2026, 3, 4));

    const QString text = pdfText(print::DocumentRenderer().toPdfBytes(doc));
    QVERIFY2(text.contains(QStringLiteral("补正材料通知书")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("山西晋南建设有限公司")));
    QVERIFY(text.contains(QStringLiteral("SL202600000077")));
    QVERIFY(text.contains(QStringLiteral("建筑工程施工许可")));
    QVERIFY(text.contains(QStringLiteral("补正期间不计入办理时限")));
    QVERIFY(text.contains(QStringLiteral("厂区平面图未标注比例尺")));
    QVERIFY(text.contains(QStringLiteral("施工合同缺少签字页")));
    QVERIFY(text.contains(QStringLiteral("2026年3月4日")));
    QVERIFY(text.contains(QStringLiteral("申请人（签字）")));
}

QTEST_MAIN(TestCorrectionNotice)
#include "TestCorrectionNotice.moc"
