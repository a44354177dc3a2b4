// The status bar's sync corner against a real hub: online, unsent events while the hub is away,
// the last sync, and "Sync now"; the unsent-events warning after the age set in the settings
// dialog, with its bundle export.
#include "SyncHarness.h"

#include "db/Database.h"
#include "services/Session.h"
#include "ui/AppSettings.h"
#include "ui/SettingsDialog.h"
#include "ui/SyncStatusWidget.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <atomic>

#include <QFile>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace oneseal;

class TestSyncStatusWidget : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void showsOnlineOfflineAndUnsent();
    void warnsAfterTheSetAgeAndOffersABundle();
};

namespace {
/** The system clock moved on by a settable amount (the oldest unsent event grows old at once). */
class AdvancingClock : public core::Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc().addSecs(m_aheadSecs.load()); }
    void advance(qint64 secs) { m_aheadSecs += secs; }

private:
    std::atomic<qint64> m_aheadSecs{0};
};
} // namespace

void TestSyncStatusWidget::initTestCase()
{
    QApplication::setOrganizationName(QStringLiteral("OneSealTest"));
    QApplication::setApplicationName(QStringLiteral("TestSyncStatusWidget"));
    QSettings().clear();
}

void TestSyncStatusWidget::showsOnlineOfflineAndUnsent()
{
    QTemporaryDir dir;
    test::HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error), qPrintable(error));
    QVERIFY2(hub.start(&error), qPrintable(error));
    test::Agent agent(dir.filePath(QStringLiteral("ws.db")), QStringLiteral("WS-UI"));
    QVERIFY2(agent.create(&error), qPrintable(error));
    const QString code = hub.enrollmentCode(&error);
    QVERIFY(agent.run(QStringLiteral("enroll"), {QStringLiteral("--hub"), hub.address(), QStringLiteral("--code"), code}).ok());

    QFile keyFile(agent.db() + QStringLiteral(".key"));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QByteArray key = QByteArray::fromHex(keyFile.readAll().trimmed());
    auto database = db::Database::open(agent.db(), key, {}, &error);
    QVERIFY2(database, qPrintable(error));
    core::User clerk;
    clerk.id = QStringLiteral("clerk-ui");
    clerk.username = clerk.id;
    clerk.roles = core::Role::IntakeClerk;
    services::Session session(std::move(database), key, clerk, core::Clock::system());

    ui::SyncStatusWidget widget(session, nullptr, 300);
    auto* label = widget.findChild<QLabel*>(QStringLiteral("syncStatusLabel"));
    auto* button = widget.findChild<QToolButton*>(QStringLiteral("syncNowButton"));
    QVERIFY(label && button);
    QTRY_VERIFY_WITH_TIMEOUT(label->text().startsWith(QStringLiteral("Online")), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(label->text().contains(QStringLiteral("0 unsent")), 20000);
    QVERIFY(label->text().contains(QStringLiteral("last sync")));

    // The hub goes away; the clerk records something: it waits, unsent, and the clerk did not wait.
    QVERIFY(hub.terminate());
    {
        db::Transaction tx(session.database().sql());
        QVERIFY(session.events().append(QStringLiteral("case-ui"), QStringLiteral("note.added"), {}, clerk.id, &error));
        QVERIFY(tx.commit(&error));
    }
    QTRY_VERIFY_WITH_TIMEOUT(label->text().startsWith(QStringLiteral("Offline")), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(label->text().contains(QStringLiteral("1 unsent")), 20000);
    QVERIFY(!label->toolTip().isEmpty()); // why it is offline

    QVERIFY2(hub.start(&error, hub.port()), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), 20000);
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(label->text().startsWith(QStringLiteral("Online")) && label->text().contains(QStringLiteral("0 unsent")), 20000);
    QVERIFY(hub.terminate());
}

void TestSyncStatusWidget::warnsAfterTheSetAgeAndOffersABundle()
{
    QTemporaryDir dir;
    test::HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error) && hub.start(&error), qPrintable(error));
    test::Agent agent(dir.filePath(QStringLiteral("ws.db")), QStringLiteral("WS-WARN"));
    QVERIFY2(agent.create(&error), qPrintable(error));
    QVERIFY(agent.run(QStringLiteral("enroll"), {QStringLiteral("--hub"), hub.address(), QStringLiteral("--code"),
                                                 hub.enrollmentCode(&error)}).ok());
    QVERIFY(hub.terminate()); // the hub cannot be reached from now on

    // The supervisor sets the age in the settings dialog, by keyboard: 10 minutes.
    QCOMPARE(ui::AppSettings::unsentWarningMinutes(), 60); // the default
    {
        ui::SettingsDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        auto* spin = dialog.findChild<QSpinBox*>(QStringLiteral("unsentMinutesSpin"));
        QVERIFY(spin);
        QTest::keyClick(&dialog, Qt::Key_U, Qt::AltModifier); // its mnemonic
        QTRY_VERIFY(spin->hasFocus());
        spin->selectAll();
        QTest::keyClicks(spin, QStringLiteral("10"));
        QTest::keyClick(spin, Qt::Key_Return);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    QCOMPARE(ui::AppSettings::unsentWarningMinutes(), 10);

    QFile keyFile(agent.db() + QStringLiteral(".key"));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QByteArray key = QByteArray::fromHex(keyFile.readAll().trimmed());
    auto database = db::Database::open(agent.db(), key, {}, &error);
    QVERIFY2(database, qPrintable(error));
    core::User supervisor;
    supervisor.id = QStringLiteral("supervisor-ui");
    supervisor.username = supervisor.id;
    supervisor.roles = core::Role::Supervisor;
    AdvancingClock clock;
    services::Session session(std::move(database), key, supervisor, clock);
    {
        db::Transaction tx(session.database().sql());
        QVERIFY(session.events().append(QStringLiteral("case-warn"), QStringLiteral("note.added"), {}, supervisor.id, &error));
        QVERIFY(tx.commit(&error));
    }
    ui::SyncStatusWidget widget(session, nullptr, 300);
    auto* label = widget.findChild<QLabel*>(QStringLiteral("syncStatusLabel"));
    auto* exportButton = widget.findChild<QToolButton*>(QStringLiteral("exportBundleButton"));
    QVERIFY(label && exportButton);
    QTRY_VERIFY_WITH_TIMEOUT(label->text().startsWith(QStringLiteral("Offline")), 20000);
    // Five minutes old: under the set age, no warning.
    clock.advance(5 * 60);
    QTest::qWait(1000);
    QVERIFY2(!label->text().contains(QStringLiteral("export a bundle")), qPrintable(label->text()));
    QVERIFY(!exportButton->isVisibleTo(&widget));
    // Eleven minutes old: the warning names the set age and the export is offered.
    clock.advance(6 * 60);
    QTRY_VERIFY_WITH_TIMEOUT(label->text().contains(QStringLiteral("unsent for over 10 minute(s): export a bundle")), 20000);
    QVERIFY(exportButton->isVisibleTo(&widget));
    QSignalSpy asked(&widget, &ui::SyncStatusWidget::exportBundleRequested);
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QCOMPARE(asked.count(), 1);
    // Back to the default hour: eleven minutes are not worth a warning.
    ui::AppSettings::setUnsentWarningMinutes(60);
    QTRY_VERIFY_WITH_TIMEOUT(!label->text().contains(QStringLiteral("export a bundle")), 20000);
    clock.advance(60 * 60);
    QTRY_VERIFY_WITH_TIMEOUT(label->text().contains(QStringLiteral("unsent for over 1 hour(s): export a bundle")), 20000);
}

QTEST_MAIN(TestSyncStatusWidget)
#include "TestSyncStatusWidget.moc"
