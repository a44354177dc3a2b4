// The counter's facts on a case: the queue ticket kept with the intake, the applicant's rating
// (好差评), the hall's report of waiting and service times, and their projection rebuilt from events.
#include "TestSupport.h"
#include "core/Identifiers.h"
#include "db/Database.h"
#include "db/EventStore.h"
#include "services/CounterService.h"
#include "services/DeviceSettings.h"
#include "services/IntakeService.h"

#include <QSettings>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;

namespace {
QString residentId(const QString& first17)
{
    return first17 + core::residentIdCheckChar(first17);
}

services::IntakeRequest requestFor(services::IntakeService& service, const QString& first17)
{
    services::IntakeRequest r;
    for (const core::Matter& m : service.catalog().matters)
        if (!m.instant) {
            r.subjectCode = m.code;
            break;
        }
    r.applicant.idNumber = residentId(first17);
    r.applicant.name = QStringLiteral("周八");
    r.applicant.phone = QStringLiteral("13800138000");
    const auto subject = service.subject(r.subjectCode);
    if (subject)
        r.materials = service.checklistFor(*subject);
    for (auto& m : r.materials) {
        m.state = core::MaterialState::Received;
        m.count = 1;
    }
    return r;
}

QStringList counterRows(const QSqlDatabase& db)
{
    QStringList rows;
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT case_id, ticket, issued_at, called_at, served_at, workstation, user_id FROM counter_tickets "
                          "UNION ALL SELECT case_id, level, rated_at, user_id, '', '', '' FROM counter_ratings ORDER BY 1, 2"));
    while (q.next()) {
        QStringList cols;
        for (int i = 0; i < 7; ++i)
            cols << q.value(i).toString();
        rows << cols.join(QLatin1Char('|'));
    }
    return rows;
}
} // namespace

class TestCounterService : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        m_hall = std::make_unique<test::TempHall>();
        QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    }

    void ticketIsKeptOnTheCase()
    {
        auto session = m_hall->login(QStringLiteral("clerk"));
        services::IntakeService intake(*session);
        auto r = requestFor(intake, QStringLiteral("14080219900101101"));
        QString error;
        const auto ticket = core::counter::TicketRules::parse(QStringLiteral("A012|") + session->clock().now().addSecs(-1200).toString(Qt::ISODate), &error);
        QVERIFY2(ticket, qPrintable(error));
        r.ticket = *ticket;
        r.calledAt = session->clock().now().addSecs(-300);
        const auto state = intake.record(r, &error);
        QVERIFY2(state, qPrintable(error));
        const auto events = session->events().caseEvents(state->caseId);
        const auto it = std::find_if(events.begin(), events.end(), [](const core::Event& e) { return e.kind == core::counter::ticketKind; });
        QVERIFY(it != events.end());
        QCOMPARE(it->payload().value(core::counter::ticketKey).toString(), QStringLiteral("A012"));
        QVERIFY(it->payload().contains(core::counter::calledAtKey));

        // Rated once, by the clerk's session, on a case that exists.
        services::CounterService counter(*session);
        QVERIFY(!counter.ratingOf(state->caseId));
        QVERIFY2(counter.rate(state->caseId, core::counter::Rating::Satisfied, &error), qPrintable(error));
        QCOMPARE(*counter.ratingOf(state->caseId), core::counter::Rating::Satisfied);
        QVERIFY(!counter.rate(state->caseId, core::counter::Rating::VerySatisfied, &error));
        QVERIFY(error.contains(QStringLiteral("already rated")));
        QVERIFY(!counter.rate(QStringLiteral("no-such-case"), core::counter::Rating::Fair, &error));

        // The supervisor's report: one served, waited 15 minutes, served in about 5.
        auto supervisor = m_hall->login(QStringLiteral("supervisor"));
        const QDate today = supervisor->clock().today();
        const auto report = services::CounterService(*supervisor).report(today, today, &error);
        QVERIFY2(report, qPrintable(error));
        QCOMPARE(report->served, 1);
        QCOMPARE(report->withWaiting, 1);
        QVERIFY2(qAbs(report->meanWaitSeconds - 900) < 2, qPrintable(QString::number(report->meanWaitSeconds)));
        QVERIFY(report->meanServiceSeconds >= 300 && report->meanServiceSeconds < 330);
        QCOMPARE(report->rated, 1);
        QCOMPARE(report->ratings[3], 1);
        // A clerk may not read the hall's report.
        QVERIFY(!services::CounterService(*session).report(today, today, &error));

        // The projection is a fold: rebuilt from the events, the same rows.
        const QStringList before = counterRows(session->database().sql());
        QCOMPARE(before.size(), 2);
        QVERIFY2(session->events().rebuildProjections(&error), qPrintable(error));
        QCOMPARE(counterRows(session->database().sql()), before);
    }

    void badTicketChangesNothing()
    {
        auto session = m_hall->login(QStringLiteral("clerk"));
        services::IntakeService intake(*session);
        auto r = requestFor(intake, QStringLiteral("14080219900101102"));
        r.ticket.number = QStringLiteral("A<1>");
        const qint64 before = session->events().count();
        QString error;
        QVERIFY(!intake.record(r, &error));
        QVERIFY2(error.contains(QStringLiteral("queue ticket")), qPrintable(error));
        QCOMPARE(session->events().count(), before);
    }

    void onlyClerksRate()
    {
        auto clerk = m_hall->login(QStringLiteral("clerk"));
        services::IntakeService intake(*clerk);
        QString error;
        const auto state = intake.record(requestFor(intake, QStringLiteral("14080219900101103")), &error);
        QVERIFY2(state, qPrintable(error));
        auto reviewer = m_hall->login(QStringLiteral("reviewer"));
        QVERIFY(!services::CounterService(*reviewer).rate(state->caseId, core::counter::Rating::Fair, &error));
        QVERIFY(!services::CounterService(*clerk).ratingOf(state->caseId));
    }

    /**
     * The counter's devices, and above all the calling system's command that F12 runs, are changed
     * by administrators only: a clerk and a supervisor are refused by the service and nothing is
     * stored; an administrator's malformed settings are refused too.
     */
    void deviceSettingsAreForAdministrators()
    {
        services::DeviceSettings wanted;
        wanted.callerTarget = QStringLiteral("/usr/local/bin/call-next --window {window}");
        wanted.idCardPort = QStringLiteral("/dev/ttyUSB0");
        const services::DeviceSettings before = services::DeviceSettings::load();
        QVERIFY(before.callerTarget.isEmpty());
        for (const char* user : {"clerk", "supervisor"}) {
            auto session = m_hall->login(QLatin1String(user));
            services::DeviceSettingsService service(*session);
            QVERIFY(!service.mayChange());
            QString error;
            QVERIFY(!service.save(wanted, &error));
            QCOMPARE(error, services::DeviceSettingsService::refusalText());
            QVERIFY(services::DeviceSettings::load() == before);
        }
        auto admin = m_hall->login(QStringLiteral("admin"));
        services::DeviceSettingsService service(*admin);
        QVERIFY(service.mayChange());
        QString error;
        services::DeviceSettings bad = wanted;
        bad.callerTarget = QStringLiteral("call-next\nrm -rf /");
        QVERIFY(!service.save(bad, &error));
        QVERIFY2(error.contains(QStringLiteral("control character")), qPrintable(error));
        QVERIFY(services::DeviceSettings::load() == before);
        QVERIFY2(service.save(wanted, &error), qPrintable(error));
        QVERIFY(services::DeviceSettings::load() == wanted);
    }

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<test::TempHall> m_hall;
};

QTEST_GUILESS_MAIN(TestCounterService)
#include "TestCounterService.moc"
