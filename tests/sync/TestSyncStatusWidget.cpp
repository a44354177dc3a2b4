// The status bar's sync corner against a real hub: online, unsent events while the hub is away,
// the last sync, and "Sync now".
#include "SyncHarness.h"

#include "db/Database.h"
#include "services/Session.h"
#include "ui/SyncStatusWidget.h"

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
    void showsOnlineOfflineAndUnsent();
};

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

QTEST_MAIN(TestSyncStatusWidget)
#include "TestSyncStatusWidget.moc"
