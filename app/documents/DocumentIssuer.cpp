#include "DocumentIssuer.h"

#include "db/UserRepository.h"
#include "print/CertificateBatch.h"
#include "print/CaseLifeNotices.h"
#include "print/CorrectionNotice.h"
#include "print/DecisionDocument.h"
#include "print/DocumentOutput.h"
#include "print/DocumentRenderer.h"
#include "print/IntakeNotices.h"
#include "print/ShiftReport.h"
#include "services/CalibrationService.h"
#include "services/CaseLifeService.h"
#include "services/CaseSteps.h"
#include "services/CertificateService.h"
#include "services/DecisionService.h"
#include "services/IntakeService.h"
#include "services/ReviewService.h"
#include "services/ShiftService.h"

#include <QPrinter>

namespace oneseal::documents {

namespace {
services::CaseSteps steps(services::Session& session)
{
    return services::CaseSteps(session, session.calendar());
}

QDate today(const services::Session& session)
{
    return session.clock().now().toLocalTime().date();
}
} // namespace

DocumentIssuer::DocumentIssuer(services::Session& session, print::DocumentOutput& output)
    : m_session(session)
    , m_output(output)
{
}

QString DocumentIssuer::calibrationPrinterName(const QPrinter& printer)
{
    return printer.outputFormat() == QPrinter::PdfFormat ? services::CalibrationService::pdfPrinterName()
                                                         : printer.printerName();
}

bool DocumentIssuer::outputNotice(const print::NoticeDocument& doc, QString* error)
{
    if (!print::DocumentRenderer::validate(doc, error))
        return false;
    print::PrintJob job;
    job.title = doc.title;
    job.paint = [&doc](QPrinter& printer, QString* e) { return print::DocumentRenderer().print(printer, doc, e); };
    return m_output.print(job, error);
}

IssuedDocument DocumentIssuer::issueNotice(const QString& caseId, const NoticeRecorder& record, const NoticeBuilder& build)
{
    IssuedDocument result;
    result.caseId = caseId;
    if (!record(nullptr, QByteArray(), &result.error))
        return result;
    const auto state = steps(m_session).load(caseId, &result.error);
    if (!state)
        return result;
    result.caseNo = state->caseNo;
    const auto doc = build(*state, &result.error);
    if (!doc)
        return result;
    result.title = doc->title;
    result.contentHash = print::IntakeNotices::contentHash(*doc);
    result.output = outputNotice(*doc, &result.error);
    if (result.output && record(&*doc, result.contentHash, &result.error))
        result.state = steps(m_session).load(caseId, &result.error);
    return result;
}

IssuedDocument DocumentIssuer::printIntakeNotice(const QString& caseId)
{
    services::IntakeService intake(m_session);
    auto recorder = [&](const print::NoticeDocument* doc, const QByteArray& hash, QString* e) {
        return doc ? intake.recordNoticePrinted(caseId, doc->title, hash, e, doc->withSeal) : intake.canRecordNotice(e);
    };
    return issueNotice(
        caseId, recorder,
        [&](const core::CaseState& state, QString*) -> std::optional<print::NoticeDocument> {
            print::IntakeNotices::Hall hall;
            hall.bureau = m_session.hallName();
            // The promised date as shown everywhere: marked uncertain exactly when it needs a missing year.
            core::CaseState shown = state;
            const core::DeadlineResult promised = core::Workflow::shownDeadlines(state, m_session.calendar()).promised;
            shown.promisedDue = promised.due;
            shown.deadlineCertain = promised.certain;
            shown.deadlineNote = promised.note;
            return print::IntakeNotices::build(shown, hall);
        });
}

IssuedDocument DocumentIssuer::printCorrectionNotice(const QString& caseId)
{
    services::ReviewService review(m_session);
    auto recorder = [&](const print::NoticeDocument* doc, const QByteArray& hash, QString* e) {
        return doc ? review.recordNoticePrinted(caseId, doc->title, hash, e, doc->withSeal) : review.canRecordNotice(e);
    };
    return issueNotice(
        caseId, recorder,
        [&](const core::CaseState& state, QString*) -> std::optional<print::NoticeDocument> {
            return print::CorrectionNotice::build(state, m_session.hallName(), today(m_session));
        });
}

IssuedDocument DocumentIssuer::printMaterialReceipt(const QString& caseId, const QString& materialCode)
{
    services::IntakeService intake(m_session);
    auto recorder = [&](const print::NoticeDocument* doc, const QByteArray& hash, QString* e) {
        return doc ? intake.recordNoticePrinted(caseId, doc->title, hash, e, doc->withSeal) : intake.canRecordNotice(e);
    };
    return issueNotice(
        caseId, recorder,
        [&](const core::CaseState& state, QString* e) -> std::optional<print::NoticeDocument> {
            const bool received = std::any_of(state.materials.begin(), state.materials.end(), [&](const core::MaterialEntry& m) {
                return m.code == materialCode && m.state == core::MaterialState::Received;
            });
            if (!received) {
                *e = tr("Case %1 has no material %2 handed in to give a receipt for.").arg(state.caseNo, materialCode.left(40));
                return std::nullopt;
            }
            return print::CaseLifeNotices::materialReceipt(state, materialCode, m_session.hallName(), today(m_session));
        });
}

IssuedDocument DocumentIssuer::printClockStopNotice(const QString& caseId)
{
    services::CaseLifeService life(m_session);
    auto recorder = [&](const print::NoticeDocument* doc, const QByteArray& hash, QString* e) {
        return doc ? life.recordNoticePrinted(caseId, doc->title, hash, e, doc->withSeal) : life.canRecordNotice(e);
    };
    return issueNotice(
        caseId, recorder,
        [&](const core::CaseState& state, QString* e) -> std::optional<print::NoticeDocument> {
            if (!state.clockStop) {
                *e = tr("The clock of case %1 is not stopped for a hearing, testing or expert review.").arg(state.caseNo);
                return std::nullopt;
            }
            return print::CaseLifeNotices::clockStopNotice(state, m_session.hallName(), today(m_session));
        });
}

IssuedDocument DocumentIssuer::printExtensionNotice(const QString& caseId)
{
    services::CaseLifeService life(m_session);
    auto recorder = [&](const print::NoticeDocument* doc, const QByteArray& hash, QString* e) {
        return doc ? life.recordNoticePrinted(caseId, doc->title, hash, e, doc->withSeal) : life.canRecordNotice(e);
    };
    return issueNotice(
        caseId, recorder,
        [&](const core::CaseState& state, QString* e) -> std::optional<print::NoticeDocument> {
            if (state.extensionDays <= 0) {
                *e = tr("The time limit of case %1 was not extended.").arg(state.caseNo);
                return std::nullopt;
            }
            return print::CaseLifeNotices::extensionNotice(state, m_session.hallName(), today(m_session));
        });
}

IssuedDocument DocumentIssuer::sealDecision(const QString& caseId, const QString& password, const QString& matterCode)
{
    IssuedDocument result;
    result.caseId = caseId;
    result.matterCode = matterCode;
    // The role and the case's state first, as DecisionService::applySeal checks them again.
    const auto state = steps(m_session).prepare(caseId, core::WorkStep::ApplySeal, &result.error, matterCode);
    if (!state)
        return result;
    result.caseNo = state->caseNo;
    // A bundle case: each matter's decision is its own document (and its own seal impression).
    const print::NoticeDocument doc = print::DecisionDocument::build(
        *state, m_session.hallName(), state->decidedPerMatter() ? matterCode : QString());
    result.title = doc.title;
    result.contentHash = print::IntakeNotices::contentHash(doc);
    result.state = services::DecisionService(m_session).applySeal(caseId, password, result.contentHash, doc.title,
                                                                  &result.error, matterCode);
    return result;
}

std::optional<print::CaseCertificate::Result> DocumentIssuer::buildCertificate(const core::CaseState& state,
                                                                               const QString& number,
                                                                               const core::Catalog& catalog,
                                                                               QString* error,
                                                                               const QString& matterCode) const
{
    const auto key = m_session.sealKey(error);
    if (!key)
        return std::nullopt;
    // The approver who decided the case signs a licence decision.
    const core::MatterResult* matter = matterCode.isEmpty() ? nullptr : state.matterResult(matterCode);
    const auto signer = db::UserRepository(m_session.database().sql()).byId(matter ? matter->decidedBy : state.decidedBy);
    auto certificate = print::CaseCertificate::build(state, catalog, number, m_session.hallName(),
                                                     signer ? signer->displayName : m_session.hallName(), *key,
                                                     today(m_session), error, matterCode);
    if (certificate && !print::CertificateRenderer(certificate->certificateTemplate).validate(certificate->document, error))
        return std::nullopt;
    return certificate;
}

print::Calibration DocumentIssuer::calibrationFor(const QString& printerName, const QString& templateId) const
{
    print::Calibration c;
    if (const auto saved = services::CalibrationService(m_session).find(printerName, templateId)) {
        c.dxMm = saved->dxMm;
        c.dyMm = saved->dyMm;
        c.scale = saved->scale;
    }
    return c;
}

IssuedDocument DocumentIssuer::outputCertificate(const core::CaseState& state, const QString& number)
{
    IssuedDocument result;
    result.caseId = state.caseId;
    result.caseNo = state.caseNo;
    result.title = number;
    const services::IntakeService intake(m_session);
    // In a bundle case decided per matter the number belongs to one matter's certificate.
    // (A certificate of an older database, numbered for the whole case, is in every matter: none.)
    int holders = 0;
    for (const core::MatterResult& m : state.matterResults)
        for (const core::CertificateRecord& c : m.certificates)
            if (c.number == number) {
                ++holders;
                result.matterCode = m.code;
            }
    if (holders != 1 || !state.decidedPerMatter())
        result.matterCode.clear();
    const auto certificate = buildCertificate(state, number, intake.catalog(), &result.error, result.matterCode);
    if (!certificate)
        return result;
    result.contentHash = certificate->contentHash;
    result.sealKeyId = certificate->sealKeyId;
    const print::CertificateRenderer renderer(certificate->certificateTemplate);
    print::PrintJob job;
    job.title = tr("certificate %1").arg(number);
    job.paint = [&](QPrinter& printer, QString* e) {
        const print::Calibration calibration
            = calibrationFor(calibrationPrinterName(printer), certificate->certificateTemplate.id());
        return renderer.print(printer, {certificate->document}, print::PrintMode::PlainPaper, calibration, e);
    };
    result.output = m_output.print(job, &result.error);
    return result;
}

IssuedDocument DocumentIssuer::printCertificate(const QString& caseId)
{
    services::CertificateService service(m_session);
    IssuedDocument result;
    result.caseId = caseId;
    if (const auto before = steps(m_session).load(caseId, nullptr);
        before && !services::CertificateService::certificateMatters(*before).isEmpty()) {
        // Every licence of a bundle case in one job.
        const CertificateBatchResult batch = printCertificates({caseId}, print::PrintMode::PlainPaper);
        QStringList numbers;
        result.caseNo = before->caseNo;
        result.output = batch.output;
        result.error = batch.jobError;
        for (const IssuedDocument& item : batch.certificates) {
            if (!item.title.isEmpty())
                numbers << item.title;
            if (result.error.isEmpty())
                result.error = item.error;
            if (item.state)
                result.state = item.state;
            if (result.contentHash.isEmpty())
                result.contentHash = item.contentHash;
        }
        result.title = numbers.join(QStringLiteral(", "));
        if (!result.error.isEmpty())
            result.state.reset();
        return result;
    }
    const auto number = service.numberForPrinting(caseId, &result.error);
    if (!number)
        return result;
    const auto state = steps(m_session).load(caseId, &result.error);
    if (!state)
        return result;
    result = outputCertificate(*state, *number);
    if (result.output)
        result.state = service.recordPrinted(caseId, *number, result.contentHash, &result.error, result.sealKeyId);
    return result;
}

IssuedDocument DocumentIssuer::reprintCertificate(const QString& caseId, const QString& reason,
                                                  const QString& matterCode)
{
    IssuedDocument result;
    result.caseId = caseId;
    const auto state = steps(m_session).prepare(caseId, core::WorkStep::ReprintCertificate, &result.error, matterCode);
    if (!state)
        return result;
    const core::CertificateRecord* cert = state->activeCertificate();
    if (!matterCode.isEmpty())
        if (const core::MatterResult* m = state->matterResult(matterCode))
            cert = m->activeCertificate();
    result.caseNo = state->caseNo;
    // The reason before printing: CertificateService::recordReprint would refuse the record after it.
    result.error = core::Workflow::checkReasons(reason, true, services::CertificateService::tr("reason for the reprint"));
    if (!result.error.isEmpty())
        return result;
    result = outputCertificate(*state, cert->number);
    if (result.output)
        result.state = services::CertificateService(m_session).recordReprint(caseId, reason, result.contentHash,
                                                                             &result.error, result.sealKeyId,
                                                                             matterCode);
    return result;
}

IssuedDocument DocumentIssuer::printHandover(const QString& incomingUsername, const QString& outgoingPassword,
                                             const QString& incomingPassword, std::optional<qint64> countedNextSheet)
{
    IssuedDocument result;
    services::ShiftService shift(m_session);
    const auto report
        = shift.prepareHandover(incomingUsername, outgoingPassword, incomingPassword, countedNextSheet, &result.error);
    if (!report)
        return result;
    const db::ShiftFigures& f = report->figures;
    const core::PaperAccount& paper = report->paper;
    print::ShiftReport::Input in;
    in.hall = m_session.hallName();
    in.workstation = report->workstation;
    in.outgoing = report->outgoingName;
    in.incoming = report->incomingName;
    in.at = report->at;
    in.since = f.since;
    in.figures = {
        {tr("Cases accepted"), QString::number(f.casesAccepted)},
        {tr("Certificates issued"), QString::number(f.certificatesIssued)},
        {tr("Certificates printed"), QString::number(f.certificatesPrinted)},
        {tr("Certificates reprinted"), QString::number(f.certificatesReprinted)},
        {tr("Certificates voided"), QString::number(f.certificatesVoided)},
        {tr("Sheets spoiled"), QString::number(f.sheetsSpoiled)},
        {tr("Owed materials collected"), QString::number(f.materialsCollected)},
        {tr("Open cases"), QString::number(f.openCases)},
        {tr("Stock of %1: received / printed / spoiled / voided").arg(report->outgoingName),
         QStringLiteral("%1 / %2 / %3 / %4").arg(paper.received).arg(paper.printed).arg(paper.spoiled).arg(paper.voided)},
        {tr("Sheets remaining"), QString::number(paper.remaining())},
        {tr("Next sheet (records / counted)"),
         QStringLiteral("%1 / %2")
             .arg(paper.nextSheet ? QString::number(*paper.nextSheet) : tr("none"),
                  countedNextSheet ? QString::number(*countedNextSheet) : tr("not counted"))},
    };
    in.mismatches = paper.mismatches;
    const print::NoticeDocument doc = print::ShiftReport::build(in);
    result.title = doc.title;
    result.contentHash = print::IntakeNotices::contentHash(doc);
    result.output = outputNotice(doc, &result.error);
    // Printed and recorded when error stays empty; printed but not recorded when it says why.
    if (result.output)
        shift.recordHandover(*report, result.contentHash, &result.error);
    return result;
}

CertificateBatchResult DocumentIssuer::printCertificates(const QStringList& caseIds, print::PrintMode mode)
{
    CertificateBatchResult result;
    services::CertificateService service(m_session);
    const services::IntakeService intake(m_session);
    const services::CaseSteps caseSteps = steps(m_session);
    print::CertificateBatch batch;
    // A bundle case decided per matter gives one certificate per approved matter not yet printed.
    QList<QPair<QString, QString>> wanted; // (case, matter)
    for (const QString& caseId : caseIds) {
        QStringList matters;
        if (const auto before = caseSteps.load(caseId, nullptr))
            for (const QString& code : services::CertificateService::certificateMatters(*before))
                if (const core::MatterResult* m = before->matterResult(code);
                    !m->activeCertificate() || !m->activeCertificate()->printed)
                    matters << code;
        if (matters.isEmpty())
            matters << QString();
        for (const QString& matterCode : std::as_const(matters))
            wanted.append({caseId, matterCode});
    }
    // Each certificate on its own: a refusal or a failure leaves the others in the batch.
    for (const auto& [caseId, matterCode] : std::as_const(wanted)) {
        IssuedDocument item;
        item.caseId = caseId;
        item.matterCode = matterCode;
        const auto before = caseSteps.load(caseId, nullptr);
        item.caseNo = before ? before->caseNo : caseId;
        item.error = service.checkBatchPrint(caseId, matterCode);
        std::optional<QString> number;
        if (item.error.isEmpty())
            number = service.numberForPrinting(caseId, &item.error, matterCode);
        if (number)
            item.title = *number;
        const auto state = number ? caseSteps.load(caseId, &item.error) : std::nullopt;
        const auto certificate
            = state ? buildCertificate(*state, *number, intake.catalog(), &item.error, matterCode) : std::nullopt;
        if (certificate) {
            item.error.clear();
            item.contentHash = certificate->contentHash;
            item.sealKeyId = certificate->sealKeyId;
            batch.add(certificate->certificateTemplate, certificate->document);
        } else if (item.error.isEmpty()) {
            item.error = tr("The case could not be read.");
        }
        result.certificates.append(item);
    }
    if (batch.isEmpty())
        return result;

    print::PrintJob job;
    job.title = tr("%n certificate(s)", nullptr, int(batch.sheets().size()));
    job.paint = [&](QPrinter& printer, QString* e) {
        const QString printerName = calibrationPrinterName(printer);
        return batch.print(printer, mode,
                           [&](const QString& templateId) { return calibrationFor(printerName, templateId); }, e);
    };
    result.output = m_output.print(job, &result.jobError);
    if (!result.output)
        return result;
    for (IssuedDocument& item : result.certificates) {
        if (!item.built())
            continue;
        item.output = true;
        item.state = service.recordPrinted(item.caseId, item.title, item.contentHash, &item.error, item.sealKeyId,
                                           item.matterCode);
    }
    return result;
}

} // namespace oneseal::documents
