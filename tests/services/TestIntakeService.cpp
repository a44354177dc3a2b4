#include "TestSupport.h"

#include "core/CaseNumber.h"
#include "core/Identifiers.h"
#include "db/IntakeRepository.h"
#include "services/IntakeService.h"
#include "db/Database.h"
#include "db/EventStore.h"

#include <functional>

#include <QSqlQuery>
#include <QTest>

using namespace oneseal;

namespace {
QString residentId(const QString& first17)
{
    return first17 + core::residentIdCheckChar(first17);
}

/** A matter of the demo catalog with the wanted properties. */
const core::Matter* findMatter(const core::Catalog& catalog, const std::function<bool(const core::Matter&)>& wanted)
{
    for (const core::Matter& m : catalog.matters)
        if (wanted(m))
            return &m;
    return nullptr;
}

services::IntakeRequest requestFor(services::IntakeService& service, const QString& code, core::MaterialState all)
{
    services::IntakeRequest r;
    r.subjectCode = code;
    r.applicant.idNumber = residentId(QStringLiteral("14080219900101002"));
    r.applicant.name = QStringLiteral("李四");
    r.applicant.phone = QStringLiteral("0359-2021234");
    const auto subject = service.subject(code);
    if (subject)
        r.materials = service.checklistFor(*subject);
    for (auto& m : r.materials) {
        m.state = all;
        m.count = all == core::MaterialState::Received ? 1 : 0;
    }
    r.repeatConfirmed = true; // these tests accept many cases of one applicant on one day on purpose
    return r;
}
} // namespace

class TestIntakeService : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void acceptRecordsEventsProjectionAndDeadlines();
    void onlyIntakeClerksRecord();
    void outcomeRules();
    void applicantIsEnteredOnce();
    void caseNumbersAreUniqueAndNeverReused();
    void attachmentsAreStoredInTheDatabase();
    void badApplicantInputChangesNothing_data();
    void badApplicantInputChangesNothing();
    void quotesInNamesAreStoredVerbatim();
    void cardDetailsAreCheckedAndStored();
    void eventsWithoutCardDetailsStillFold();

private:
    std::unique_ptr<test::TempHall> m_hall;
};

void TestIntakeService::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>();
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
}

void TestIntakeService::acceptRecordsEventsProjectionAndDeadlines()
{
    auto session = m_hall->login(QStringLiteral("clerk"));
    services::IntakeService service(*session);
    QVERIFY(service.isReady());
    const core::Matter* matter = findMatter(service.catalog(), [](const core::Matter& m) { return !m.instant && m.promisedLimitDays >= 3; });
    QVERIFY(matter);
    auto request = requestFor(service, matter->code, core::MaterialState::Received);
    QString error;
    const auto state = service.record(request, &error);
    QVERIFY2(state, qPrintable(error));
    QCOMPARE(state->status, core::CaseStatus::Accepted);
    QCOMPARE(state->catalogVersion, service.catalog().version);
    QCOMPARE(state->acceptedBy, session->user().id);
    const core::DeadlineResult expected = core::computeDeadline(core::WorkCalendar::builtIn(), service.today(),
                                                                matter->promisedLimitDays);
    QCOMPARE(state->promisedDue, expected.due);
    QVERIFY(state->legalDue >= state->promisedDue);
    QVERIFY(state->promisedDue > service.today());
    const auto byNumber = service.caseByNumber(state->caseNo);
    QVERIFY(byNumber);
    QCOMPARE(byNumber->caseId, state->caseId);
    // The projection row agrees with the fold.
    QSqlQuery q(session->database().sql());
    q.prepare(QStringLiteral("SELECT status, promised_due, applicant_name FROM cases WHERE case_no = ?"));
    q.addBindValue(state->caseNo);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("accepted"));
    QCOMPARE(q.value(1).toString(), state->promisedDue.toString(Qt::ISODate));
    QCOMPARE(q.value(2).toString(), QStringLiteral("李四"));
}

void TestIntakeService::onlyIntakeClerksRecord()
{
    for (const QString& user : {QStringLiteral("reviewer"), QStringLiteral("approver"), QStringLiteral("admin"),
                                QStringLiteral("supervisor"), QStringLiteral("certifier"), QStringLiteral("inspector")}) {
        auto session = m_hall->login(user);
        services::IntakeService service(*session);
        const qint64 before = session->events().count();
        auto request = requestFor(service, service.catalog().matters.first().code, core::MaterialState::Received);
        QString error;
        QVERIFY2(!service.record(request, &error), qPrintable(user));
        QVERIFY(error.contains(QLatin1String("role does not allow")));
        QCOMPARE(session->events().count(), before);
    }
}

void TestIntakeService::outcomeRules()
{
    auto session = m_hall->login(QStringLiteral("clerk"));
    services::IntakeService service(*session);
    const auto& catalog = service.catalog();
    QString error;

    // Missing required material: plain acceptance refused, one-time notice accepted.
    const core::Matter* any = &catalog.matters.first();
    auto r = requestFor(service, any->code, core::MaterialState::Missing);
    QVERIFY(!service.record(r, &error));
    QVERIFY2(error.contains(QLatin1String("is missing")) || error.contains(QLatin1String("not applicable")), qPrintable(error));
    r.outcome = core::IntakeOutcome::NotifyMissing;
    const auto notified = service.record(r, &error);
    QVERIFY2(notified, qPrintable(error));
    QCOMPARE(notified->status, core::CaseStatus::AwaitingMaterials);
    for (const auto& m : notified->materials)
        QVERIFY(!m.note.isEmpty()); // every item has its reason

    // Refusal needs reasons.
    r = requestFor(service, any->code, core::MaterialState::Received);
    r.outcome = core::IntakeOutcome::Refuse;
    QVERIFY(!service.record(r, &error));
    QVERIFY(error.contains(QLatin1String("reasons")));
    r.reasons = QStringLiteral("申请事项不属于本机关职权范围，请向运城市市场监督管理局申请。");
    QVERIFY2(service.record(r, &error), qPrintable(error));

    // Deferral: only deferrable materials, only in matters allowing it, due no later than promised.
    const core::Matter* deferrable = findMatter(catalog, [](const core::Matter& m) {
        return m.deferralAllowed && std::any_of(m.materials.begin(), m.materials.end(), [](const core::Material& x) {
                   return x.requirement == core::MaterialRequirement::Deferrable;
               });
    });
    QVERIFY(deferrable);
    r = requestFor(service, deferrable->code, core::MaterialState::Received);
    r.outcome = core::IntakeOutcome::AcceptDeferred;
    QVERIFY(!service.record(r, &error)); // nothing deferred
    int row = -1;
    for (int i = 0; i < r.materials.size(); ++i)
        if (r.materials[i].requirement == core::MaterialRequirement::Deferrable) {
            row = i;
            break;
        }
    QVERIFY(row >= 0);
    r.materials[row].state = core::MaterialState::Deferred;
    r.materials[row].count = 0;
    const auto subject = service.subject(deferrable->code);
    const QDate promised = service.promisedDeadline(*subject, service.today()).due;
    r.materials[row].dueDate = promised.addDays(30);
    QVERIFY(!service.record(r, &error));
    QVERIFY2(error.contains(QLatin1String("after the promised")), qPrintable(error));
    r.materials[row].dueDate = promised;
    const auto deferred = service.record(r, &error);
    QVERIFY2(deferred, qPrintable(error));
    QCOMPARE(deferred->outcome, QStringLiteral("accept-deferred"));
    QCOMPARE(deferred->owesCoreMaterial(), r.materials[row].core);
    // A required (non-deferrable) material cannot be deferred.
    int required = -1;
    for (int i = 0; i < r.materials.size(); ++i)
        if (r.materials[i].requirement == core::MaterialRequirement::Required)
            required = i;
    if (required >= 0) {
        auto bad = r;
        bad.materials[required].state = core::MaterialState::Deferred;
        bad.materials[required].dueDate = promised;
        QVERIFY(!service.record(bad, &error));
        QVERIFY2(error.contains(QLatin1String("cannot be deferred")), qPrintable(error));
    }

    // Commitment only where the matter allows it.
    const core::Matter* noCommitment = findMatter(catalog, [](const core::Matter& m) { return !m.commitmentAllowed; });
    const core::Matter* commitment = findMatter(catalog, [](const core::Matter& m) { return m.commitmentAllowed; });
    QVERIFY(noCommitment && commitment);
    r = requestFor(service, noCommitment->code, core::MaterialState::Received);
    r.outcome = core::IntakeOutcome::AcceptCommitment;
    QVERIFY(!service.record(r, &error));
    QVERIFY(error.contains(QLatin1String("commitment")));
    r = requestFor(service, commitment->code, core::MaterialState::Received);
    r.outcome = core::IntakeOutcome::AcceptCommitment;
    QVERIFY2(service.record(r, &error), qPrintable(error));

    // Instant completion only for instant matters.
    const core::Matter* instant = findMatter(catalog, [](const core::Matter& m) { return m.instant; });
    const core::Matter* promisedMatter = findMatter(catalog, [](const core::Matter& m) { return !m.instant; });
    QVERIFY(instant && promisedMatter);
    r = requestFor(service, promisedMatter->code, core::MaterialState::Received);
    r.outcome = core::IntakeOutcome::CompleteInstantly;
    QVERIFY(!service.record(r, &error));
    r = requestFor(service, instant->code, core::MaterialState::Received);
    r.outcome = core::IntakeOutcome::CompleteInstantly;
    const auto done = service.record(r, &error);
    QVERIFY2(done, qPrintable(error));
    QCOMPARE(done->status, core::CaseStatus::Completed);
    QCOMPARE(done->promisedDue, service.today());
}

void TestIntakeService::applicantIsEnteredOnce()
{
    auto session = m_hall->login(QStringLiteral("clerk2"));
    services::IntakeService service(*session);
    const QString id = residentId(QStringLiteral("14270119751203004"));
    QString error;
    for (int i = 0; i < 3; ++i) {
        auto r = requestFor(service, service.catalog().matters.at(i).code, core::MaterialState::Missing);
        r.outcome = core::IntakeOutcome::NotifyMissing;
        r.applicant.idNumber = id;
        r.applicant.name = QStringLiteral("王五");
        r.applicant.phone = i < 2 ? QStringLiteral("13900000000") : QStringLiteral("13911111111");
        QVERIFY2(service.record(r, &error), qPrintable(error));
    }
    int registered = 0, updated = 0;
    for (const auto& e : session->events().allEvents()) {
        if (e.payload().value(QStringLiteral("id_number")).toString() != id)
            continue;
        registered += e.kind == QLatin1String("applicant.registered");
        updated += e.kind == QLatin1String("applicant.updated");
    }
    QCOMPARE(registered, 1);
    QCOMPARE(updated, 1); // the phone changed once
    const auto a = service.applicantByIdNumber(id);
    QVERIFY(a);
    QCOMPARE(a->phone, QStringLiteral("13911111111"));
    QCOMPARE(service.searchApplicants(QStringLiteral("王五")).size(), 1);
    QCOMPARE(service.searchApplicants(id.left(10)).first().id, a->id);
    QCOMPARE(service.searchApplicants(QStringLiteral("1391111")).first().id, a->id);
    QCOMPARE(db::IntakeRepository(session->database().sql()).casesOfApplicant(a->id).size(), 3);
}

void TestIntakeService::caseNumbersAreUniqueAndNeverReused()
{
    auto session = m_hall->login(QStringLiteral("clerk"));
    services::IntakeService service(*session);
    QSet<QString> numbers;
    QString error;
    for (int i = 0; i < 20; ++i) {
        auto r = requestFor(service, service.catalog().matters.first().code, core::MaterialState::Missing);
        r.outcome = core::IntakeOutcome::NotifyMissing;
        const auto s = service.record(r, &error);
        QVERIFY2(s, qPrintable(error));
        QVERIFY(!numbers.contains(s->caseNo));
        numbers.insert(s->caseNo);
    }
    // A failed record does not consume a number.
    const qint64 left = db::NumberBlocks(session->database().sql()).remaining(core::numbering::caseKind);
    auto bad = requestFor(service, service.catalog().matters.first().code, core::MaterialState::Missing);
    QVERIFY(!service.record(bad, &error));
    QCOMPARE(db::NumberBlocks(session->database().sql()).remaining(core::numbering::caseKind), left);
}

void TestIntakeService::attachmentsAreStoredInTheDatabase()
{
    auto session = m_hall->login(QStringLiteral("clerk"));
    services::IntakeService service(*session);
    auto r = requestFor(service, service.catalog().matters.first().code, core::MaterialState::Missing);
    r.outcome = core::IntakeOutcome::NotifyMissing;
    const QByteArray png = QByteArray::fromBase64(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");
    r.attachments << services::PendingAttachment{r.materials.first().code, QStringLiteral("营业执照.png"),
                                                 QStringLiteral("image/png"), png};
    QString error;
    auto bad = r;
    bad.attachments.first().mimeType = QStringLiteral("application/x-msdownload");
    QVERIFY(!service.record(bad, &error));
    QVERIFY(error.contains(QLatin1String("neither an image nor a PDF")));
    const auto s = service.record(r, &error);
    QVERIFY2(s, qPrintable(error));
    QCOMPARE(s->attachments.size(), 1);
    QCOMPARE(s->attachments.first().fileName, QStringLiteral("营业执照.png"));
    const auto data = service.attachmentData(s->attachments.first().sha256);
    QVERIFY(data);
    QCOMPARE(*data, png);
}

void TestIntakeService::badApplicantInputChangesNothing_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("idNumber");
    QTest::addColumn<QString>("phone");
    QTest::addColumn<QString>("message");
    const QString id = residentId(QStringLiteral("14080219900101002"));
    QTest::newRow("empty name") << QString() << id << "13800138000" << "Enter the";
    QTest::newRow("10,000-character name") << QString(10000, QChar(0x5f20)) << id << "13800138000" << "too long";
    QTest::newRow("emoji") << QStringLiteral("李四😀") << id << "13800138000" << "emoji";
    QTest::newRow("control character") << QStringLiteral("李\x07四") << id << "13800138000" << "control";
    QTest::newRow("empty id") << "李四" << QString() << "13800138000" << "Enter";
    QTest::newRow("short id") << "李四" << QStringLiteral("1408021990") << "13800138000" << "18";
    QTest::newRow("bad phone") << "李四" << id << "call me" << "phone";
    QTest::newRow("SQL in phone") << "李四" << id << "1'; DROP TABLE cases;--" << "phone";
}

void TestIntakeService::badApplicantInputChangesNothing()
{
    QFETCH(QString, name);
    QFETCH(QString, idNumber);
    QFETCH(QString, phone);
    QFETCH(QString, message);
    auto session = m_hall->login(QStringLiteral("clerk"));
    services::IntakeService service(*session);
    auto r = requestFor(service, service.catalog().matters.first().code, core::MaterialState::Received);
    r.applicant.name = name;
    r.applicant.idNumber = idNumber;
    r.applicant.phone = phone;
    const qint64 before = session->events().count();
    QString error;
    QVERIFY(!service.record(r, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QCOMPARE(session->events().count(), before);
}

void TestIntakeService::quotesInNamesAreStoredVerbatim()
{
    auto session = m_hall->login(QStringLiteral("clerk"));
    services::IntakeService service(*session);
    auto r = requestFor(service, service.catalog().matters.first().code, core::MaterialState::Missing);
    r.outcome = core::IntakeOutcome::NotifyMissing;
    r.applicant.idNumber = residentId(QStringLiteral("14080219881111005"));
    r.applicant.name = QStringLiteral("O'Brien\"; DROP TABLE cases; --");
    QString error;
    const auto s = service.record(r, &error);
    QVERIFY2(s, qPrintable(error));
    QCOMPARE(service.applicantByIdNumber(r.applicant.idNumber)->name, r.applicant.name);
    QCOMPARE(service.searchCases(QStringLiteral("O'Brien")).size(), 1);
    QCOMPARE(service.searchCases(QStringLiteral("%")).size(), 0); // wildcards are literal
}

void TestIntakeService::cardDetailsAreCheckedAndStored()
{
    auto session = m_hall->login(QStringLiteral("clerk"));
    services::IntakeService service(*session);
    auto r = requestFor(service, service.catalog().matters.first().code, core::MaterialState::Missing);
    r.outcome = core::IntakeOutcome::NotifyMissing;
    r.applicant.idNumber = residentId(QStringLiteral("14080219770707003")); // born 1977-07-07, 男 (odd)
    // Each inconsistency is refused at its field, and nothing is written.
    struct Bad
    {
        std::function<void(core::Applicant&)> spoil;
        services::IntakeField field;
    };
    const QList<Bad> bad{
        {[](core::Applicant& a) { a.birthDate = QDate(1977, 7, 8); }, services::IntakeField::BirthDate},
        {[](core::Applicant& a) { a.sex = QStringLiteral("女"); }, services::IntakeField::Sex},
        {[](core::Applicant& a) { a.sex = QStringLiteral("x"); }, services::IntakeField::Sex},
        {[](core::Applicant& a) { a.ethnicity = QString(50, QChar(0x6c49)); }, services::IntakeField::Ethnicity},
        {[](core::Applicant& a) { a.idAuthority = QStringLiteral("公安\x07局"); }, services::IntakeField::IdAuthority},
        {[](core::Applicant& a) {
             a.idValidFrom = QDate(2020, 1, 1);
             a.idValidTo = QDate(2019, 1, 1);
         },
         services::IntakeField::IdValidity},
    };
    const qint64 before = session->events().count();
    for (const Bad& b : bad) {
        auto wrong = r;
        b.spoil(wrong.applicant);
        QString error;
        services::IntakeField field = services::IntakeField::None;
        QVERIFY(!service.record(wrong, &error, &field));
        QCOMPARE(int(field), int(b.field));
        QVERIFY(!error.isEmpty());
    }
    QCOMPARE(session->events().count(), before);
    r.applicant.sex = QStringLiteral("男");
    r.applicant.ethnicity = QStringLiteral("回");
    r.applicant.birthDate = QDate(1977, 7, 7);
    r.applicant.idAuthority = QStringLiteral("运城市公安局盐湖分局");
    r.applicant.idValidFrom = QDate(2017, 7, 7);
    r.applicant.idLongTerm = true;
    r.applicant.fromCard = true;
    QString error;
    QVERIFY2(service.record(r, &error), qPrintable(error));
    const auto stored = service.applicantByIdNumber(r.applicant.idNumber);
    QVERIFY(stored);
    QCOMPARE(stored->ethnicity, QStringLiteral("回"));
    QCOMPARE(stored->birthDate, QDate(1977, 7, 7));
    QVERIFY(stored->idLongTerm);
    QVERIFY(!stored->idValidTo.isValid());
    QVERIFY(stored->fromCard);
    QCOMPARE(core::ApplicantRules::expiryWarning(*stored, QDate(2099, 1, 1)), QString()); // 长期 never expires
    // Rebuilt from the events: the same.
    QVERIFY2(session->events().rebuildProjections(&error), qPrintable(error));
    const auto rebuilt = service.applicantByIdNumber(r.applicant.idNumber);
    QVERIFY(rebuilt && rebuilt->toCbor() == stored->toCbor());
}

void TestIntakeService::eventsWithoutCardDetailsStillFold()
{
    // An applicant registered before card details existed: the payload has none of their keys.
    auto session = m_hall->login(QStringLiteral("clerk"));
    const QString id = residentId(QStringLiteral("14080219660606004"));
    const QCborMap old{{QStringLiteral("id"), QStringLiteral("3f1c6a7e-0000-4000-8000-000000000001")},
                       {QStringLiteral("kind"), QStringLiteral("person")},
                       {QStringLiteral("name"), QStringLiteral("钱七")},
                       {QStringLiteral("id_number"), id},
                       {QStringLiteral("phone"), QStringLiteral("13800138001")},
                       {QStringLiteral("address"), QString()},
                       {QStringLiteral("legal_representative"), QString()}};
    QString error;
    {
        db::Transaction tx(session->database().sql());
        QVERIFY(session->events().append(QString(), QStringLiteral("applicant.registered"), old,
                                         session->user().id, &error));
        QVERIFY(tx.commit(&error));
    }
    QVERIFY2(session->events().rebuildProjections(&error), qPrintable(error));
    services::IntakeService service(*session);
    const auto a = service.applicantByIdNumber(id);
    QVERIFY(a);
    QCOMPARE(a->name, QStringLiteral("钱七"));
    QVERIFY(!a->hasCardDetails());
    QVERIFY(!a->fromCard);
    // Written again, the payload is the same as before card details existed.
    QCOMPARE(a->toCbor(), old);
    // The same applicant comes back with a card: applicant.updated carries the details.
    auto r = requestFor(service, service.catalog().matters.first().code, core::MaterialState::Missing);
    r.outcome = core::IntakeOutcome::NotifyMissing;
    r.applicant.idNumber = id;
    r.applicant.name = QStringLiteral("钱七");
    r.applicant.phone = QStringLiteral("13800138001");
    r.applicant.birthDate = QDate(1966, 6, 6);
    QVERIFY2(service.record(r, &error), qPrintable(error));
    QCOMPARE(service.applicantByIdNumber(id)->birthDate, QDate(1966, 6, 6));
}

QTEST_GUILESS_MAIN(TestIntakeService)
#include "TestIntakeService.moc"
