#include "PdfText.h"
#include "TestSupport.h"

#include "db/BackOfficeRepository.h"
#include "db/UserRepository.h"
#include "documents/DocumentIssuer.h"
#include "print/CaseCertificate.h"
#include "print/CertificateTemplate.h"
#include "print/CorrectionNotice.h"
#include "print/DecisionDocument.h"
#include "print/IntakeNotices.h"
#include "print/MemoryOutput.h"
#include "services/AuthService.h"
#include "services/DecisionService.h"
#include "services/HallService.h"
#include "services/IntakeService.h"
#include "services/ReviewService.h"
#include "services/CertificateService.h"
#include "services/SealKeyService.h"
#include "core/Crypto.h"
#include "db/ReferenceRepository.h"
#include "ui/VerifyDialog.h"

#include <QCborArray>
#include <QCborMap>
#include <QLabel>
#include <QPlainTextEdit>

#include <QGuiApplication>
#include <QRegularExpression>
#include <QTest>


#include <map>
#include <memory>

using namespace oneseal;

namespace {

using test::pdfText;

int pageCount(const QByteArray& pdf)
{
    return test::pdfPageCount(pdf);
}

QString hex(const QByteArray& hash)
{
    return QString::fromLatin1(hash.toHex());
}

} // namespace

/**
 * Every document issued through documents::DocumentIssuer into memory: what is on the page, the
 * hash recorded on the event (the hash of the document's content as the builder in app/print makes
 * it), the seal register, and that a wrong role or a print that did not happen records nothing.
 */
class TestDocumentIssuer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void intakeNoticeIsPrintedThenRecordedWithItsHash();
    void correctionNoticeBelongsToTheReviewer();
    void sealOnTheDecisionDocumentGoesInTheSealRegister();
    void certificateIsNumberedPrintedAndReprinted();
    void batchPrintsTheCasesThatCanBePrinted();
    void voidedCertificateIsReportedByTheVerifyDialog();

private:
    services::Session& as(const QString& username);
    /** A case of m_matter accepted by the clerk for a new applicant. */
    core::CaseState accepted(const QString& name, const QString& idFirst17);
    /** A case reviewed, approved and sealed (through the issuer). */
    QString sealed(const QString& name, const QString& idFirst17);
    qint64 eventCount() { return as(QStringLiteral("clerk")).events().count(); }

    std::unique_ptr<test::TempHall> m_hall;
    core::FixedClock m_clock{QDateTime(QDate(2025, 6, 3), QTime(9, 0))};
    std::map<QString, std::unique_ptr<services::Session>> m_sessions;
    QString m_matter;
};

services::Session& TestDocumentIssuer::as(const QString& username)
{
    auto& slot = m_sessions[username];
    if (!slot) {
        QString error;
        slot = services::AuthService(m_hall->path(), m_clock).login(username, services::HallService::demoPassword(), &error);
        if (!slot)
            qFatal("login of %s failed: %s", qPrintable(username), qPrintable(error));
    }
    return *slot;
}

core::CaseState TestDocumentIssuer::accepted(const QString& name, const QString& idFirst17)
{
    QString error;
    const QString matter = m_matter;
    const auto state = test::acceptCase(
        as(QStringLiteral("clerk")), [&](const core::Matter& m) { return m.code == matter; }, idFirst17, name,
        QStringLiteral("13903591234"), &error);
    if (!state)
        qFatal("intake: %s", qPrintable(error));
    return *state;
}

QString TestDocumentIssuer::sealed(const QString& name, const QString& idFirst17)
{
    const QString id = accepted(name, idFirst17).caseId;
    QString error;
    print::MemoryOutput output;
    if (!services::ReviewService(as(QStringLiteral("reviewer"))).pass(id, QString(), &error)
        || !services::DecisionService(as(QStringLiteral("approver"))).approve(id, QString(), &error))
        qFatal("back office: %s", qPrintable(error));
    const documents::IssuedDocument seal = documents::DocumentIssuer(as(QStringLiteral("approver")), output)
                                               .sealDecision(id, services::HallService::demoPassword());
    if (!seal.recorded())
        qFatal("seal: %s", qPrintable(seal.error));
    return id;
}

void TestDocumentIssuer::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>(m_clock);
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    // Every session at once: a first login of a user who may hold the seal key registers her signing key.
    for (const char* user : {"clerk", "reviewer", "approver", "certifier"})
        as(QString::fromLatin1(user));
    // A matter that goes from review straight to the approver and has a certificate template.
    const services::IntakeService intake(as(QStringLiteral("clerk")));
    for (const core::Matter& m : intake.catalog().matters) {
        if (!m.siteInspection && !m.instant
            && print::CertificateTemplate::forResult(print::CertificateTemplate::builtIn(), m.resultType, m.resultName)) {
            m_matter = m.code;
            break;
        }
    }
    QVERIFY(!m_matter.isEmpty());
}

void TestDocumentIssuer::intakeNoticeIsPrintedThenRecordedWithItsHash()
{
    services::Session& clerk = as(QStringLiteral("clerk"));
    const core::CaseState before = accepted(QStringLiteral("李明远"), QStringLiteral("14080219800101001"));
    print::MemoryOutput output;
    documents::DocumentIssuer issuer(clerk, output);

    // A preview closed without printing: nothing recorded, the reason given.
    output.setRefusal(QStringLiteral("The print preview was closed without printing."));
    qint64 events = eventCount();
    documents::IssuedDocument notice = issuer.printIntakeNotice(before.caseId);
    QVERIFY(!notice.recorded());
    QVERIFY(!notice.output);
    QCOMPARE(notice.error, QStringLiteral("The print preview was closed without printing."));
    QCOMPARE(notice.title, QStringLiteral("受理通知书"));
    QCOMPARE(eventCount(), events);

    // Printed: one job, the notice on the page, notice.printed with the hash of its content.
    output.setRefusal(QString());
    notice = issuer.printIntakeNotice(before.caseId);
    QVERIFY2(notice.recorded(), qPrintable(notice.error));
    QVERIFY(notice.output);
    QVERIFY(notice.error.isEmpty());
    QCOMPARE(output.jobs().size(), 1);
    QCOMPARE(output.jobs().first().title, QStringLiteral("受理通知书"));
    const QString text = pdfText(output.jobs().first().pdf);
    QVERIFY2(text.contains(QStringLiteral("受理通知书")), qPrintable(text));
    QVERIFY(text.contains(before.caseNo));
    QVERIFY(text.contains(QStringLiteral("李明远")));
    QVERIFY(text.contains(clerk.hallName()));

    print::IntakeNotices::Hall hall;
    hall.bureau = clerk.hallName();
    const QByteArray expected = print::IntakeNotices::contentHash(print::IntakeNotices::build(before, hall));
    QCOMPARE(notice.contentHash, expected);
    QCOMPARE(eventCount(), events + 1);
    const core::Event last = clerk.events().caseEvents(before.caseId).last();
    QCOMPARE(last.kind, QStringLiteral("notice.printed"));
    QCOMPARE(last.userId, clerk.user().id);
    QCOMPARE(last.payload().value(QStringLiteral("notice")).toString(), QStringLiteral("受理通知书"));
    QCOMPARE(last.payload().value(core::payload::documentHash).toString(), hex(expected));
    QCOMPARE(notice.state->noticesPrinted, before.noticesPrinted + 1);

    // The approver may not print intake notices: refused before anything is printed.
    print::MemoryOutput other;
    events = eventCount();
    const documents::IssuedDocument refused
        = documents::DocumentIssuer(as(QStringLiteral("approver")), other).printIntakeNotice(before.caseId);
    QVERIFY(!refused.recorded());
    QCOMPARE(refused.error, services::Session::refusal(core::Action::AcceptCase));
    QVERIFY(other.jobs().isEmpty());
    QCOMPARE(eventCount(), events);

    // No such case: a clear message, nothing printed.
    const documents::IssuedDocument missing = issuer.printIntakeNotice(QStringLiteral("no-such-case"));
    QVERIFY(!missing.recorded());
    QVERIFY2(missing.error.contains(QLatin1String("no-such-case")), qPrintable(missing.error));
    QCOMPARE(output.jobs().size(), 1);
}

void TestDocumentIssuer::correctionNoticeBelongsToTheReviewer()
{
    services::Session& reviewer = as(QStringLiteral("reviewer"));
    const QString id = accepted(QStringLiteral("赵文静"), QStringLiteral("14080219851212002")).caseId;
    QString error;
    const auto returned = services::ReviewService(reviewer).requestCorrection(
        id, QStringLiteral("厂区平面图未标注比例尺\n施工合同缺少签字页"), &error);
    QVERIFY2(returned, qPrintable(error));

    // The clerk may not print it.
    print::MemoryOutput output;
    qint64 events = eventCount();
    const documents::IssuedDocument refused
        = documents::DocumentIssuer(as(QStringLiteral("clerk")), output).printCorrectionNotice(id);
    QCOMPARE(refused.error, services::Session::refusal(core::Action::ReviewCase));
    QVERIFY(output.jobs().isEmpty());
    QCOMPARE(eventCount(), events);

    const documents::IssuedDocument notice = documents::DocumentIssuer(reviewer, output).printCorrectionNotice(id);
    QVERIFY2(notice.recorded(), qPrintable(notice.error));
    QCOMPARE(output.jobs().size(), 1);
    const QString text = pdfText(output.jobs().first().pdf);
    QVERIFY2(text.contains(QStringLiteral("补正材料通知书")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("厂区平面图未标注比例尺")));
    QVERIFY(text.contains(QStringLiteral("施工合同缺少签字页")));
    QVERIFY(text.contains(QStringLiteral("2025年6月3日"))); // the session's clock, not the machine's
    const QByteArray expected = print::IntakeNotices::contentHash(
        print::CorrectionNotice::build(*returned, reviewer.hallName(), QDate(2025, 6, 3)));
    QCOMPARE(notice.contentHash, expected);
    const core::Event last = reviewer.events().caseEvents(id).last();
    QCOMPARE(last.kind, QStringLiteral("notice.printed"));
    QCOMPARE(last.userId, reviewer.user().id);
    QCOMPARE(last.payload().value(QStringLiteral("notice")).toString(), QStringLiteral("补正材料通知书"));
    QCOMPARE(last.payload().value(core::payload::documentHash).toString(), hex(expected));
    QCOMPARE(eventCount(), events + 1);
}

void TestDocumentIssuer::sealOnTheDecisionDocumentGoesInTheSealRegister()
{
    services::Session& approver = as(QStringLiteral("approver"));
    const QString id = accepted(QStringLiteral("孙海涛"), QStringLiteral("14080219900606003")).caseId;
    QString error;
    QVERIFY2(services::ReviewService(as(QStringLiteral("reviewer"))).pass(id, QString(), &error), qPrintable(error));
    const auto decided = services::DecisionService(approver).approve(id, QString(), &error);
    QVERIFY2(decided, qPrintable(error));
    print::MemoryOutput output;
    const qint64 events = eventCount();

    // The reviewer may not seal; the approver must give the right password. Neither records anything.
    documents::IssuedDocument seal
        = documents::DocumentIssuer(as(QStringLiteral("reviewer")), output).sealDecision(id, services::HallService::demoPassword());
    QVERIFY(!seal.recorded());
    QCOMPARE(seal.error, services::Session::refusal(core::Action::ApplySeal));
    documents::DocumentIssuer issuer(approver, output);
    seal = issuer.sealDecision(id, QStringLiteral("wrong-password"));
    QVERIFY(!seal.recorded());
    QVERIFY2(seal.error.contains(QLatin1String("password")), qPrintable(seal.error));
    QCOMPARE(eventCount(), events);

    seal = issuer.sealDecision(id, services::HallService::demoPassword());
    QVERIFY2(seal.recorded(), qPrintable(seal.error));
    QCOMPARE(seal.title, QStringLiteral("准予行政许可决定书"));
    const QByteArray expected
        = print::IntakeNotices::contentHash(print::DecisionDocument::build(*decided, approver.hallName()));
    QCOMPARE(seal.contentHash, expected);
    QCOMPARE(seal.state->sealCount, 1);
    QVERIFY(output.jobs().isEmpty()); // sealing prints nothing
    QCOMPARE(eventCount(), events + 1);
    const core::Event last = approver.events().caseEvents(id).last();
    QCOMPARE(last.kind, core::eventkind::sealApplied);
    QCOMPARE(last.payload().value(core::payload::documentHash).toString(), hex(expected));

    const QList<db::SealRegisterRow> sealRows = db::BackOfficeRepository(approver.database().sql()).sealRegister();
    const auto row = std::find_if(sealRows.begin(), sealRows.end(),
                                  [&](const db::SealRegisterRow& r) { return r.eventId == last.id.toString(QUuid::WithoutBraces); });
    QVERIFY(row != sealRows.end());
    QCOMPARE(row->caseId, id);
    QCOMPARE(row->documentTitle, QStringLiteral("准予行政许可决定书"));
    QCOMPARE(row->documentHash, hex(expected));
    QCOMPARE(row->userId, approver.user().id);
}

void TestDocumentIssuer::certificateIsNumberedPrintedAndReprinted()
{
    m_clock.set(QDateTime(QDate(2025, 6, 4), QTime(10, 0)));
    const QString id = sealed(QStringLiteral("周建华"), QStringLiteral("14080219750505004"));
    services::Session& certifier = as(QStringLiteral("certifier"));
    print::MemoryOutput output;

    // The clerk may not print certificates: no number taken, nothing printed.
    qint64 events = eventCount();
    documents::IssuedDocument cert = documents::DocumentIssuer(as(QStringLiteral("clerk")), output).printCertificate(id);
    QVERIFY(!cert.recorded());
    QVERIFY(cert.title.isEmpty());
    QCOMPARE(cert.error, services::Session::refusal(core::Action::PrintCertificate));
    QVERIFY(output.jobs().isEmpty());
    QCOMPARE(eventCount(), events);

    // A preview closed: the number is taken and stays reserved; nothing else recorded.
    documents::DocumentIssuer issuer(certifier, output);
    output.setRefusal(QStringLiteral("closed"));
    cert = issuer.printCertificate(id);
    QVERIFY(!cert.recorded());
    QVERIFY(!cert.output);
    QCOMPARE(cert.error, QStringLiteral("closed"));
    const QString number = cert.title;
    QVERIFY(!number.isEmpty());
    QCOMPARE(eventCount(), events + 1);
    QCOMPARE(certifier.events().caseEvents(id).last().kind, core::eventkind::certificateNumbered);

    // Printed: the same number, the certificate on the page, certificate.printed with its content hash.
    output.setRefusal(QString());
    cert = issuer.printCertificate(id);
    QVERIFY2(cert.recorded(), qPrintable(cert.error));
    QCOMPARE(cert.title, number);
    QCOMPARE(output.jobs().size(), 1);
    const QString text = pdfText(output.jobs().first().pdf);
    QVERIFY2(text.contains(number), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("周建华")));
    const core::CaseState state = *cert.state;
    const auto signer = db::UserRepository(certifier.database().sql()).byId(state.decidedBy);
    QVERIFY(signer);
    QString error;
    const auto key = certifier.sealKey(&error);
    QVERIFY2(key, qPrintable(error));
    const auto expected = print::CaseCertificate::build(state, services::IntakeService(certifier).catalog(), number,
                                                        certifier.hallName(), signer->displayName, *key,
                                                        QDate(2025, 6, 4), &error);
    QVERIFY2(expected, qPrintable(error));
    QCOMPARE(cert.contentHash, expected->contentHash);
    QCOMPARE(eventCount(), events + 3); // numbered, signed with the seal key, printed
    const QList<core::Event> caseEvents = certifier.events().caseEvents(id);
    const core::Event seal = caseEvents.at(caseEvents.size() - 2);
    QCOMPARE(seal.kind, core::SealGrant::signedKind());
    QCOMPARE(seal.userId, certifier.user().id);
    QCOMPARE(seal.payload().value(core::payload::certificateNo).toString(), number);
    QCOMPARE(seal.payload().value(core::payload::documentHash).toString(), hex(expected->contentHash));
    QCOMPARE(seal.payload().value(QStringLiteral("seal_key_id")).toString(), key->keyId());
    core::Event last = certifier.events().caseEvents(id).last();
    QCOMPARE(last.kind, core::eventkind::certificatePrinted);
    QCOMPARE(last.payload().value(core::payload::certificateNo).toString(), number);
    QCOMPARE(last.payload().value(core::payload::documentHash).toString(), hex(expected->contentHash));
    QVERIFY(state.activeCertificate()->printed);

    // A reprint needs a reason, asked before anything is printed.
    cert = issuer.reprintCertificate(id, QStringLiteral("  "));
    QVERIFY(!cert.recorded());
    QVERIFY(!cert.error.isEmpty());
    QCOMPARE(output.jobs().size(), 1);
    QCOMPARE(eventCount(), events + 3);
    cert = issuer.reprintCertificate(id, QStringLiteral("卡纸"));
    QVERIFY2(cert.recorded(), qPrintable(cert.error));
    QCOMPARE(output.jobs().size(), 2);
    last = certifier.events().caseEvents(id).last();
    QCOMPARE(last.kind, core::eventkind::certificateReprinted);
    QCOMPARE(last.payload().value(core::payload::documentHash).toString(), hex(cert.contentHash));
    QCOMPARE(eventCount(), events + 5); // and the reprint's seal signature
}

void TestDocumentIssuer::batchPrintsTheCasesThatCanBePrinted()
{
    m_clock.set(QDateTime(QDate(2025, 6, 5), QTime(10, 0)));
    const QString first = sealed(QStringLiteral("钱立新"), QStringLiteral("14080219820202005"));
    const QString second = sealed(QStringLiteral("吴思远"), QStringLiteral("14080219830303006"));
    const QString notYet = accepted(QStringLiteral("郑未审"), QStringLiteral("14080219840404007")).caseId;
    print::MemoryOutput output;
    const qint64 events = eventCount();

    const documents::CertificateBatchResult batch = documents::DocumentIssuer(as(QStringLiteral("certifier")), output)
                                                        .printCertificates({first, notYet, second},
                                                                           print::PrintMode::PlainPaper);
    QVERIFY2(batch.output, qPrintable(batch.jobError));
    QCOMPARE(batch.certificates.size(), 3);
    QVERIFY2(batch.certificates.at(0).recorded(), qPrintable(batch.certificates.at(0).error));
    QVERIFY2(batch.certificates.at(2).recorded(), qPrintable(batch.certificates.at(2).error));
    QVERIFY(!batch.certificates.at(1).recorded());
    QVERIFY(batch.certificates.at(1).contentHash.isEmpty()); // left out of the job, with its reason
    QVERIFY(!batch.certificates.at(1).error.isEmpty());
    QVERIFY(batch.certificates.at(0).title != batch.certificates.at(2).title);

    QCOMPARE(output.jobs().size(), 1); // one job, one sheet per certificate
    QCOMPARE(pageCount(output.jobs().first().pdf), 2);
    const QString text = pdfText(output.jobs().first().pdf);
    QVERIFY(text.contains(batch.certificates.at(0).title));
    QVERIFY(text.contains(batch.certificates.at(2).title));
    QCOMPARE(eventCount(), events + 2 * 3); // numbered + signed + printed, per printed case
    for (const int i : {0, 2}) {
        const core::Event last
            = as(QStringLiteral("certifier")).events().caseEvents(batch.certificates.at(i).caseId).last();
        QCOMPARE(last.kind, core::eventkind::certificatePrinted);
        QCOMPARE(last.payload().value(core::payload::documentHash).toString(), hex(batch.certificates.at(i).contentHash));
    }
}

void TestDocumentIssuer::voidedCertificateIsReportedByTheVerifyDialog()
{
    m_clock.set(QDateTime(QDate(2025, 6, 6), QTime(10, 0)));
    const QString id = sealed(QStringLiteral("冯志明"), QStringLiteral("14080219850505008"));
    services::Session& certifier = as(QStringLiteral("certifier"));
    print::MemoryOutput output;
    const documents::IssuedDocument cert = documents::DocumentIssuer(certifier, output).printCertificate(id);
    QVERIFY2(cert.recorded(), qPrintable(cert.error));
    // The QR code printed on it (the same bytes: Ed25519 signatures are deterministic).
    QString error;
    const auto key = certifier.sealKey(&error);
    QVERIFY2(key, qPrintable(error));
    const auto signer = db::UserRepository(certifier.database().sql()).byId(cert.state->decidedBy);
    const auto built = print::CaseCertificate::build(*cert.state, services::IntakeService(certifier).catalog(),
                                                     cert.title, certifier.hallName(), signer->displayName, *key,
                                                     QDate(2025, 6, 6), &error);
    QVERIFY2(built && built->contentHash == cert.contentHash, qPrintable(error));
    const QString qr = built->document.qrText;

    // The dialog as the main window opens it: the hall's keys, the case history, the received list.
    auto dialogFor = [](services::Session& session) {
        const QList<core::SealKey> keys = session.trustedSealKeys();
        auto dialog = std::make_unique<ui::VerifyDialog>(keys);
        const auto list = services::SealKeyService::receivedRevokedList(session.database().sql(), keys);
        dialog->setVoidedCheck([&session, list](const QString& serial) {
            const auto v = services::SealKeyService::voidedStatus(session.database().sql(), serial, list);
            return v.voided ? v.reason : QString();
        });
        dialog->setCheckingDate(QDate(2026, 1, 1));
        return dialog;
    };
    auto scan = [](ui::VerifyDialog& dialog, const QString& text) {
        auto* edit = dialog.findChild<QPlainTextEdit*>(QStringLiteral("payloadEdit"));
        edit->clear();
        QTest::keyClicks(edit, text); // a scanner gun types the code
        return dialog.findChild<QLabel*>(QStringLiteral("resultLabel"))->text();
    };
    auto dialog = dialogFor(certifier);
    dialog->show();
    QVERIFY(QTest::qWaitForWindowActive(dialog.get()));
    QString shown = scan(*dialog, qr);
    QVERIFY2(shown.startsWith(QStringLiteral("VALID")), qPrintable(shown));

    QVERIFY(services::CertificateService(certifier).voidCertificate(id, QStringLiteral("印错了持证人地址"), &error));
    shown = scan(*dialog, qr);
    QVERIFY2(shown.startsWith(QStringLiteral("VOIDED")), qPrintable(shown));
    QVERIFY(shown.contains(QStringLiteral("印错了持证人地址")));
    QVERIFY(dialog->isVoided());
    dialog->close();

    // Another workstation that never held the case learns it from the hall's signed list, received
    // as reference data (what HubDataReceiver stores), and only from a list that checks.
    const auto listText = services::SealKeyService(certifier).revokedList(&error);
    QVERIFY2(listText, qPrintable(error));
    test::TempHall other;
    QVERIFY2(other.isValid(), qPrintable(other.error()));
    auto elsewhere = other.login(QStringLiteral("certifier"));
    auto received = [](const QString& kind, qint64 version, const QByteArray& payload) {
        return db::ReferenceItem{kind, version, payload, QString::fromLatin1(core::crypto::sha256(payload).toHex()),
                                 QStringLiteral("2025-06-06T10:00:00Z")};
    };
    // That workstation trusts the hall's published key (reference data seal_keys).
    const QCborArray published{QCborMap{{QStringLiteral("key_id"), key->keyId()},
                                        {QStringLiteral("public_key"), key->rawPublicKey()}}};
    QVERIFY2(db::ReferenceRepository(elsewhere->database().sql())
                .insert(received(QStringLiteral("seal_keys"), 1, published.toCborValue().toCbor()), false, &error),
             qPrintable(error));
    QByteArray tampered = *listText;
    tampered.replace(tampered.indexOf('\n') + 10, 1, tampered.at(tampered.indexOf('\n') + 10) == 'A' ? "B" : "A");
    QVERIFY2(db::ReferenceRepository(elsewhere->database().sql())
                .insert(received(services::SealKeyService::revokedReferenceKind(), 1, tampered), false, &error),
             qPrintable(error));
    auto there = dialogFor(*elsewhere);
    there->show();
    QVERIFY(QTest::qWaitForWindowActive(there.get()));
    shown = scan(*there, qr);
    QVERIFY2(shown.startsWith(QStringLiteral("VALID")), qPrintable(shown)); // a tampered list counts for nothing
    there->close();
    QVERIFY2(db::ReferenceRepository(elsewhere->database().sql())
                .insert(received(services::SealKeyService::revokedReferenceKind(), 2, *listText), false, &error),
             qPrintable(error));
    there = dialogFor(*elsewhere);
    there->show();
    QVERIFY(QTest::qWaitForWindowActive(there.get()));
    shown = scan(*there, qr);
    QVERIFY2(shown.startsWith(QStringLiteral("VOIDED")) && shown.contains(QStringLiteral("list of voided")),
             qPrintable(shown));
}

QTEST_MAIN(TestDocumentIssuer)
#include "TestDocumentIssuer.moc"
