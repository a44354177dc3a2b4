#include "TestSupport.h"

#include "ui/EventLogModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace oneseal;

/** The overview's event list: newest first, case numbers instead of ids, local times. */
class TestEventLogModel : public QObject
{
    Q_OBJECT

private slots:
    void listsTheNewestEventsWithCaseNumbers();
};

void TestEventLogModel::listsTheNewestEventsWithCaseNumbers()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto clerk = hall.login(QStringLiteral("clerk"));
    ui::EventLogModel model(*clerk, 3);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int before = model.rowCount();

    QString error;
    const auto accepted = test::acceptCase(
        *clerk, [](const core::Matter&) { return true; }, QStringLiteral("14080219800512001"), QStringLiteral("王五"),
        QStringLiteral("13903591234"), &error);
    QVERIFY2(accepted, qPrintable(error));
    model.refresh();
    QCOMPARE(model.rowCount(), 3); // the limit holds (a demo hall already has more than three events)
    QVERIFY(before <= 3);
    const QModelIndex caseCell = model.index(0, ui::EventLogModel::CaseColumn);
    QCOMPARE(model.data(caseCell).toString(), accepted->caseNo);
    QCOMPARE(model.data(caseCell, Qt::ToolTipRole).toString(), accepted->caseId);
    QCOMPARE(model.data(model.index(0, ui::EventLogModel::UserColumn)).toString(), clerk->user().displayName);
    QCOMPARE(model.data(model.index(0, ui::EventLogModel::WorkstationColumn)).toString(), clerk->workstation());
    const QString time = model.data(model.index(0, ui::EventLogModel::TimeColumn)).toString();
    QVERIFY2(!time.contains(QLatin1Char('Z')) && !time.contains(QLatin1Char('T')), qPrintable(time));
    QCOMPARE(QDateTime::fromString(time, QStringLiteral("yyyy-MM-dd HH:mm:ss")).isValid(), true);
}

QTEST_MAIN(TestEventLogModel)
#include "TestEventLogModel.moc"
