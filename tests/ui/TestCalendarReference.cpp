// Issue 14 item 6: the holiday calendar is reference data. A case taken in December shows
// uncertainty on exactly the date that needs the unpublished year (the legal one, not the promised
// one), in the queue, the review dialog and the printed notice; importing the year removes it and
// moves the date by the holiday; bad files are refused with nothing changed; years from the hub
// are taken up by the same check.
#include "PdfText.h"
#include "TestConfig.h"
#include "TestSupport.h"

#include "core/Crypto.h"
#include "core/Workflow.h"
#include "db/CalendarRepository.h"
#include "documents/DocumentIssuer.h"
#include "print/MemoryOutput.h"
#include "services/AuthService.h"
#include "services/CalendarService.h"
#include "services/HallService.h"
#include "sync/HubDataReceiver.h"
#include "ui/QueueModel.h"
#include "ui/ReviewDialog.h"
#include "ui/WorkQueueWidget.h"

#include <QApplication>
#include <QCborArray>
#include <QCborMap>
#include <QFile>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

using namespace oneseal;

namespace {

QByteArray fixture2027()
{
    QFile f(QStringLiteral(ONESEAL_SOURCE_DIR "/tests/data/holidays/2027-fixture.json"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString reviewDialogText(services::Session& reviewer, const QString& caseId)
{
    // Opened from the queue by keyboard (Return on the row), as a reviewer would.
    ui::WorkQueueWidget queue(reviewer);
    queue.resize(1000, 500);
    queue.show();
    if (!QTest::qWaitForWindowExposed(&queue))
        return {};
    queue.activateWindow();
    auto* view = queue.findChild<QTableView*>(QStringLiteral("queueView"));
    view->setFocus();
    QSignalSpy opened(&queue, &ui::WorkQueueWidget::openRequested);
    QTest::keyClick(view, Qt::Key_Return);
    if (opened.count() != 1 || opened.first().at(0).toString() != caseId)
        return {};
    ui::ReviewDialog dialog(reviewer, caseId);
    dialog.show();
    return dialog.findChild<QTextBrowser*>(QStringLiteral("caseView"))->toPlainText();
}

} // namespace

class TestCalendarReference : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void decemberCaseIsUncertainOnlyOnTheLegalDate();
    void badCalendarFilesAreRefused();
    void importedYearRemovesTheUncertainty();
    void yearsFromTheHubAreTakenUp();

private:
    std::unique_ptr<services::Session> login(const QString& username);

    std::unique_ptr<test::TempHall> m_hall;
    // Monday 2026-12-14: a limit of at most 10 working days ends in 2026, one of 20 or more in 2027.
    core::FixedClock m_clock { QDateTime(QDate(2026, 12, 14), QTime(9, 0)) };
    QString m_caseId;
    QDate m_promised;
    QDate m_legalBefore;
    double m_legalDays = 0;
};

std::unique_ptr<services::Session> TestCalendarReference::login(const QString& username)
{
    QString error;
    auto s
        = services::AuthService(m_hall->path(), m_clock).login(username, services::HallService::demoPassword(), &error);
    if (!s)
        qWarning("%s", qPrintable(error));
    return s;
}

void TestCalendarReference::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>(m_clock);
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    QVERIFY(!core::WorkCalendar::builtIn().hasYear(2027)); // the premise: 2027 is not built in
    auto clerk = login(QStringLiteral("clerk"));
    QVERIFY(clerk);
    QString error;
    const auto state = test::acceptCase(
        *clerk, [](const core::Matter& m) { return !m.instant && m.promisedLimitDays <= 10 && m.legalLimitDays >= 20; },
        QStringLiteral("14080219751212003"), QStringLiteral("刘晓明"), QStringLiteral("13700001111"), &error);
    QVERIFY2(state, qPrintable(error));
    m_caseId = state->caseId;
    m_promised = state->promisedDue;
    m_legalBefore = state->legalDue;
    m_legalDays = state->legalDays;
    QVERIFY(m_legalDays >= 20);
    QCOMPARE(m_promised.year(), 2026);
    QCOMPARE(m_legalBefore.year(), 2027);
}

void TestCalendarReference::decemberCaseIsUncertainOnlyOnTheLegalDate()
{
    auto reviewer = login(QStringLiteral("reviewer"));
    QVERIFY(reviewer);

    // The queue: the promised date plain, the legal one (tooltip) marked with the reason.
    ui::WorkQueueWidget queue(*reviewer);
    ui::QueueModel* model = queue.model();
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex due = model->index(0, ui::QueueModel::DueColumn);
    QCOMPARE(model->data(due).toString(), m_promised.toString(Qt::ISODate));
    const QString tip = model->data(due, Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(m_legalBefore.toString(Qt::ISODate) + QStringLiteral(" (uncertain: ")), qPrintable(tip));
    QVERIFY2(tip.contains(QLatin1String("2027")), qPrintable(tip));
    QVERIFY2(!tip.contains(QLatin1String("Promised date uncertain")), qPrintable(tip));

    // The review dialog: the legal date marked, the promised one not.
    const QString text = reviewDialogText(*reviewer, m_caseId);
    QVERIFY2(text.contains(QStringLiteral("promised by %1 ·").arg(m_promised.toString(Qt::ISODate))), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("legal limit %1 (uncertain: The holiday calendar for 2027 is not loaded")
                               .arg(m_legalBefore.toString(Qt::ISODate))),
        qPrintable(text));

    // The printed notice carries the promised date, which needs no 2027 calendar: no "待定".
    auto clerk = login(QStringLiteral("clerk"));
    print::MemoryOutput output;
    const documents::IssuedDocument notice = documents::DocumentIssuer(*clerk, output).printIntakeNotice(m_caseId);
    QVERIFY2(notice.output, qPrintable(notice.error));
    const QString printed = test::pdfText(output.jobs().first().pdf);
    QVERIFY2(printed.contains(QStringLiteral("承诺办结日期")), qPrintable(printed));
    QVERIFY2(!printed.contains(QStringLiteral("待定")), qPrintable(printed));
}

void TestCalendarReference::badCalendarFilesAreRefused()
{
    auto admin = login(QStringLiteral("admin"));
    QVERIFY(admin);
    const QString before = db::CalendarRepository(admin->database().sql()).fingerprint();
    const QByteArray good = fixture2027();
    QVERIFY(!good.isEmpty());

    const QList<QPair<QByteArray, QString>> bad {
        { QByteArray("{\"year\": 2027, \"papers\": [], \"days\": ["), QStringLiteral("not valid JSON") },
        { QByteArray("[]"), QStringLiteral("must be a JSON object") },
        { QByteArray("{\"year\": \"2027\", \"papers\": [], \"days\": []}"), QStringLiteral("\"year\"") },
        // The unpublished placeholder, as holiday-cn ships it.
        { QByteArray("{\"year\": 2027, \"papers\": [], \"days\": []}"), QStringLiteral("not published yet") },
        { QByteArray("{\"year\": 2027, \"papers\": [], \"days\": [{\"name\": \"元旦\", \"date\": \"2027-02-30\", "
                     "\"isOffDay\": true}]}"),
            QStringLiteral("not a real date") },
        { QByteArray("{\"year\": 2027, \"papers\": [], \"days\": [{\"name\": \"元旦\", \"date\": \"2029-01-01\", "
                     "\"isOffDay\": true}]}"),
            QStringLiteral("outside 2027") },
        { QByteArray("{\"year\": 2027, \"papers\": [], \"days\": [{\"name\": \"元旦\", \"date\": \"2027-01-01\", "
                     "\"isOffDay\": true}, {\"name\": \"元旦\", \"date\": \"2027-01-01\", \"isOffDay\": true}]}"),
            QStringLiteral("twice") },
        // The 2026 file lists 2026-10-10 as a make-up working day; a 2027 file may not make it a day off.
        { QByteArray("{\"year\": 2027, \"papers\": [], \"days\": [{\"name\": \"国庆节\", \"date\": \"2026-10-10\", "
                     "\"isOffDay\": true}]}"),
            QStringLiteral("loaded file for 2026") },
        { QByteArray(core::WorkCalendar::kMaxYearFileBytes + 1, ' '), QStringLiteral("bytes long") },
    };
    for (const auto& [json, expected] : bad) {
        QString error;
        QVERIFY(!services::CalendarService(*admin).importYear(json, &error));
        QVERIFY2(error.contains(expected), qPrintable(error + QStringLiteral(" / expected: ") + expected));
        QCOMPARE(db::CalendarRepository(admin->database().sql()).fingerprint(), before);
        QVERIFY(!admin->calendar().hasYear(2027));
    }

    // A good file from a user who may not manage reference data: refused, nothing stored.
    auto clerk = login(QStringLiteral("clerk"));
    QString error;
    QVERIFY(!services::CalendarService(*clerk).importYear(good, &error));
    QVERIFY2(error.contains(QLatin1String("role")), qPrintable(error));
    QCOMPARE(db::CalendarRepository(admin->database().sql()).fingerprint(), before);
}

void TestCalendarReference::importedYearRemovesTheUncertainty()
{
    auto reviewer = login(QStringLiteral("reviewer")); // logged in before the import: takes it up on reload
    auto admin = login(QStringLiteral("admin"));
    QString error;
    const auto imported = services::CalendarService(*admin).importYear(fixture2027(), &error);
    QVERIFY2(imported, qPrintable(error));
    QCOMPARE(imported->year, 2027);
    QCOMPARE(imported->listedDays, 1);
    QVERIFY(!imported->replaced);
    QVERIFY(admin->calendar().hasYear(2027));
    QVERIFY(reviewer->reloadCalendarIfChanged());
    QVERIFY(reviewer->calendar().hasYear(2027));
    QVERIFY(!reviewer->reloadCalendarIfChanged());

    // The legal date counted again: New Year's Day 2027 no longer counts, which moves it one working day.
    const QDate legalAfter = core::computeDeadline(reviewer->calendar(), QDate(2026, 12, 14), m_legalDays).due;
    QVERIFY(legalAfter.isValid());
    QVERIFY(legalAfter > m_legalBefore);

    ui::WorkQueueWidget queue(*reviewer);
    ui::QueueModel* model = queue.model();
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex due = model->index(0, ui::QueueModel::DueColumn);
    QCOMPARE(model->data(due).toString(), m_promised.toString(Qt::ISODate));
    const QString tip = model->data(due, Qt::ToolTipRole).toString();
    QVERIFY2(!tip.contains(QLatin1String("uncertain")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("Legal limit: %1").arg(legalAfter.toString(Qt::ISODate))), qPrintable(tip));

    const QString text = reviewDialogText(*reviewer, m_caseId);
    QVERIFY2(!text.contains(QLatin1String("uncertain")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("legal limit %1").arg(legalAfter.toString(Qt::ISODate))), qPrintable(text));

    // Importing the same year again replaces it.
    const auto again = services::CalendarService(*admin).importYear(fixture2027(), &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(again->replaced);
}

void TestCalendarReference::yearsFromTheHubAreTakenUp()
{
    // A second hall database stands for a workstation that receives the hub's "holidays" snapshot
    // (HubReference::importCalendarYear publishes a CBOR list of {year, json}).
    test::TempHall other;
    QVERIFY2(other.isValid(), qPrintable(other.error()));
    auto admin = other.login(QStringLiteral("admin"));
    QVERIFY(!admin->calendar().hasYear(2027));
    auto item = [](const QByteArray& json) {
        const QByteArray payload
            = QCborArray { QCborMap { { QStringLiteral("year"), 2027 }, { QStringLiteral("json"), json } } }
                  .toCborValue()
                  .toCbor();
        return QCborMap { { QStringLiteral("kind"), QStringLiteral("holidays") }, { QStringLiteral("version"), 1 },
            { QStringLiteral("payload"), payload },
            { QStringLiteral("sha256"), QString::fromLatin1(core::crypto::sha256(payload).toHex()) },
            { QStringLiteral("published_at"), QStringLiteral("2026-12-14T09:00:00Z") } };
    };
    sync::HubDataReceiver receiver(admin->database().sql(), m_clock);
    QString error;
    // A damaged year from the hub is refused like a local file, and nothing is stored.
    QVERIFY(!receiver.applyReferenceData(
        QCborArray { item("{\"year\": 2027, \"papers\": [], \"days\": []}") }, {}, nullptr, nullptr, &error));
    QVERIFY2(error.contains(QLatin1String("not published yet")), qPrintable(error));
    QVERIFY(db::CalendarRepository(admin->database().sql()).all().isEmpty());

    QVERIFY2(receiver.applyReferenceData(QCborArray { item(fixture2027()) }, {}, nullptr, nullptr, &error),
        qPrintable(error));
    const QList<db::CalendarYear> years = db::CalendarRepository(admin->database().sql()).all();
    QCOMPARE(years.size(), 1);
    QCOMPARE(years.first().year, 2027);
    QCOMPARE(years.first().source, QStringLiteral("hub"));
    QVERIFY(admin->reloadCalendarIfChanged());
    QCOMPARE(admin->calendar().isWorkingDay(QDate(2027, 1, 1)), std::optional<bool>(false));
}

QTEST_MAIN(TestCalendarReference)
#include "TestCalendarReference.moc"
