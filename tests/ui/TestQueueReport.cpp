// The supervisor's queue report window (issue 15): opened by keyboard from the Supervision menu, it shows
// what `oneseal-admin queue-report` prints — the whole period and per day, window and clerk — and
// exports it as CSV; the service refuses anyone but supervisors and administrators.
#include "TestSupport.h"

#include "core/Counter.h"
#include "core/Identifiers.h"
#include "services/CounterService.h"
#include "services/IntakeService.h"
#include "ui/MainWindow.h"
#include "ui/QueueReportDialog.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace oneseal;

namespace {
QString residentId(const QString& first17)
{
    return first17 + core::residentIdCheckChar(first17);
}

/** A case served on a ticket drawn \a drawnAgo seconds ago and called \a calledAgo seconds ago. */
std::optional<core::CaseState> serve(services::Session& session, const QString& first17, const QString& ticket,
                                     int drawnAgo, int calledAgo, QString* error)
{
    services::IntakeService intake(session);
    services::IntakeRequest r;
    for (const core::Matter& m : intake.catalog().matters)
        if (!m.instant) {
            r.subjectCode = m.code;
            break;
        }
    r.applicant.idNumber = residentId(first17);
    r.applicant.name = QStringLiteral("周八");
    r.applicant.phone = QStringLiteral("13800138000");
    const auto subject = intake.subject(r.subjectCode);
    if (!subject)
        return std::nullopt;
    r.materials = intake.checklistFor(*subject);
    for (auto& m : r.materials) {
        m.state = core::MaterialState::Received;
        m.count = 1;
    }
    const auto t = core::counter::TicketRules::parse(
        ticket + QStringLiteral("|") + session.clock().now().addSecs(-drawnAgo).toString(Qt::ISODate), error);
    if (!t)
        return std::nullopt;
    r.ticket = *t;
    r.calledAt = session.clock().now().addSecs(-calledAgo);
    return intake.record(r, error);
}

QString cell(const QStandardItemModel* m, int row, int column)
{
    return m->index(row, column).data().toString();
}

/** The row of the report whose group and name are these; -1 when none. */
int rowOf(const QStandardItemModel* m, const QString& group, const QString& name)
{
    for (int row = 0; row < m->rowCount(); ++row)
        if (cell(m, row, 0) == group && cell(m, row, 1).contains(name))
            return row;
    return -1;
}
} // namespace

class TestQueueReport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void supervisorOpensItByKeyboardAndExportsCsv();
    void clerkIsRefused();

private:
    std::unique_ptr<test::TempHall> m_hall;
};

void TestQueueReport::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>();
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    // Two clerks served three tickets: waits of 15, 20 and 25 minutes, services of 5, 10 and 5.
    QString error;
    auto clerk = m_hall->login(QStringLiteral("clerk"));
    const auto first = serve(*clerk, QStringLiteral("14080219900101101"), QStringLiteral("A001"), 1200, 300, &error);
    QVERIFY2(first, qPrintable(error));
    QVERIFY2(serve(*clerk, QStringLiteral("14080219900101102"), QStringLiteral("A002"), 1800, 600, &error), qPrintable(error));
    QVERIFY2(services::CounterService(*clerk).rate(first->caseId, core::counter::Rating::VerySatisfied, &error),
             qPrintable(error));
    auto clerk2 = m_hall->login(QStringLiteral("clerk2"));
    QVERIFY2(serve(*clerk2, QStringLiteral("14080219900101103"), QStringLiteral("B001"), 1800, 300, &error), qPrintable(error));
}

void TestQueueReport::supervisorOpensItByKeyboardAndExportsCsv()
{
    auto session = m_hall->login(QStringLiteral("supervisor"));
    const QDate today = session->clock().today();
    ui::MainWindow window(std::move(session));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    auto* reports = window.findChild<QMenu*>(QStringLiteral("reportsMenu"));
    QVERIFY(reports && reports->menuAction()->isVisible());

    QTemporaryDir out;
    const QString csvPath = out.filePath(QStringLiteral("queue.csv"));
    bool seen = false;
    QTimer::singleShot(200, [&] {
        auto* dialog = qobject_cast<ui::QueueReportDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        seen = true;
        const QStandardItemModel* m = dialog->model();
        // The whole period, one day, one window (this workstation), two clerks.
        QCOMPARE(m->rowCount(), 5);
        QCOMPARE(cell(m, 0, 2), QStringLiteral("3"));
        QCOMPARE(cell(m, 0, 4), QStringLiteral("20.0")); // (15 + 20 + 25) / 3 minutes waited
        QCOMPARE(cell(m, 0, 9), QStringLiteral("1"));    // one rating
        QCOMPARE(cell(m, 0, 10), QStringLiteral("1"));   // 非常满意
        const int day = rowOf(m, QStringLiteral("Day"), today.toString(Qt::ISODate));
        QVERIFY(day > 0);
        QCOMPARE(cell(m, day, 2), QStringLiteral("3"));
        const int clerk = rowOf(m, QStringLiteral("Clerk"), QStringLiteral("(clerk)"));
        const int clerk2 = rowOf(m, QStringLiteral("Clerk"), QStringLiteral("(clerk2)"));
        QVERIFY(clerk > 0 && clerk2 > 0);
        QCOMPARE(cell(m, clerk, 2), QStringLiteral("2"));
        QCOMPARE(cell(m, clerk, 4), QStringLiteral("17.5")); // 15 and 20 minutes
        QCOMPARE(cell(m, clerk2, 2), QStringLiteral("1"));
        QCOMPARE(cell(m, clerk2, 4), QStringLiteral("25.0"));
        QVERIFY(rowOf(m, QStringLiteral("Window"), QString()) > 0);
        QVERIFY(dialog->summaryText().contains(QStringLiteral("3 ticket(s) served")));
        // The focus is in the table; the export writes what is shown.
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("reportView"));
        QVERIFY(dialog->exportTo(csvPath));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    });
    // Keyboard only: Alt+U opens the Supervision menu, Q its queue report.
    QTest::keyClick(&window, Qt::Key_U, Qt::AltModifier);
    QTRY_VERIFY(reports->isVisible());
    QTest::keyClick(reports, Qt::Key_Q);
    QTRY_VERIFY(seen);

    QFile f(csvPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString csv = QString::fromUtf8(f.readAll());
    const QStringList lines = csv.trimmed().split(QStringLiteral("\r\n"));
    QCOMPARE(lines.size(), 6); // header, period, day, window, two clerks
    QVERIFY(lines.at(0).contains(QStringLiteral("mean_wait_min")));
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("period,") ), qPrintable(lines.at(1)));
    QVERIFY(lines.at(1).contains(QStringLiteral(",3,3,20.0,")));
    QVERIFY(csv.contains(QStringLiteral("clerk,李受理 (clerk),2,2,17.5,")));
}

void TestQueueReport::clerkIsRefused()
{
    auto session = m_hall->login(QStringLiteral("clerk"));
    const QDate today = session->clock().today();
    QString error;
    QVERIFY(!services::CounterService(*session).report(today, today, &error));
    QTemporaryDir out;
    QVERIFY(!services::CounterService(*session).exportReport(today, today, out.filePath(QStringLiteral("q.csv")), &error));
    QVERIFY(!QFile::exists(out.filePath(QStringLiteral("q.csv"))));
    {
        ui::QueueReportDialog dialog(*session);
        QCOMPARE(dialog.model()->rowCount(), 0);
        QVERIFY(dialog.messageText().contains(QStringLiteral("role")));
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("exportButton"))->isEnabled());
    }
    ui::MainWindow window(std::move(session));
    QVERIFY(!window.findChild<QMenu*>(QStringLiteral("reportsMenu"))->menuAction()->isVisible());
}

QTEST_MAIN(TestQueueReport)
#include "TestQueueReport.moc"
