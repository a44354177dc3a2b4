#pragma once

#include "documents/IssuedDocument.h"
#include "print/CaseCertificate.h"
#include "print/Calibration.h"
#include "print/CertificateRenderer.h"
#include "print/NoticeDocument.h"
#include "services/Session.h"

#include <QCoreApplication>
#include <QStringList>

#include <functional>
#include <optional>

class QPrinter;

namespace oneseal::print {
class DocumentOutput;
}

namespace oneseal::documents {

/**
 * Issuing a document is one path for every window: build the document from the case (its text and
 * layout live in app/print), put it on the injected output (printer, preview, PDF file, memory),
 * take its content hash, and record it through the service that owns the step — which checks the
 * user's role and writes the events in one transaction. Nothing is recorded for a document that did
 * not go out, and nothing is output for a user whose role would refuse the record.
 *
 *  document                      builder (app/print)         recorded by                       event
 *  intake notice (受理通知书 ...) IntakeNotices               IntakeService::recordNoticePrinted notice.printed
 *  correction notice (补正)       CorrectionNotice            ReviewService::recordNoticePrinted notice.printed
 *  owed material receipt (回执)   CaseLifeNotices             IntakeService::recordNoticePrinted notice.printed
 *  clock stop, extension notices  CaseLifeNotices             CaseLifeService::recordNoticePrinted notice.printed
 *  termination, revocation        DecisionDocument            DecisionService::applySeal        seal.applied
 *  decision (决定书), sealed      DecisionDocument            DecisionService::applySeal        seal.applied
 *  certificate                    CaseCertificate (signed)    CertificateService::recordPrinted certificate.numbered,
 *                                                             / recordReprint                   .printed / .reprinted
 */
class DocumentIssuer
{
    Q_DECLARE_TR_FUNCTIONS(DocumentIssuer)

public:
    /** Issues as the session's user, through \a output (which must outlive the issuer). */
    DocumentIssuer(services::Session& session, print::DocumentOutput& output);

    /** Prints (again) the intake notice of a recorded case and records notice.printed with its hash. */
    IssuedDocument printIntakeNotice(const QString& caseId);
    /** Prints the correction notice of a case returned for correction and records notice.printed. */
    IssuedDocument printCorrectionNotice(const QString& caseId);
    /** Prints the receipt for the owed material \a materialCode handed in (容缺材料补交回执) and records notice.printed. */
    IssuedDocument printMaterialReceipt(const QString& caseId, const QString& materialCode);
    /** Prints the notice of the case's stopped clock (听证, 检验/检测/鉴定, 专家评审) and records notice.printed. */
    IssuedDocument printClockStopNotice(const QString& caseId);
    /** Prints the extension notice (延期通知书) of an extended case and records notice.printed. */
    IssuedDocument printExtensionNotice(const QString& caseId);
    /**
     * Applies the seal to the decision document of a decided case: builds the document, checks
     * \a password again and records seal.applied with the document's title and hash (the seal
     * register). The document is not output here.
     */
    IssuedDocument sealDecision(const QString& caseId, const QString& password, const QString& matterCode = QString());
    /**
     * Prints the certificate of an approved, sealed case: the number already taken and not printed,
     * or the next one (certificate.numbered); the certificate signed with the hall's seal key; then
     * certificate.printed with its hash. A number taken stays reserved when the print fails. A bundle
     * case decided per matter gets every approved matter's certificate not yet printed, in one job
     * (printCertificates()); the result then names the numbers and the state after the last.
     */
    IssuedDocument printCertificate(const QString& caseId);
    /**
     * Prints the certificate in force again and records certificate.reprinted; \a reason is required.
     * In a bundle case \a matterCode names whose certificate (required there: each matter has its own).
     */
    IssuedDocument reprintCertificate(const QString& caseId, const QString& reason,
                                      const QString& matterCode = QString());
    /**
     * Prints the certificates of several cases as one job in \a mode, each with its own number; a
     * case that cannot be printed (CertificateService::checkBatchPrint, a certificate that does not
     * build or validate) is left out with its reason and the others are printed.
     */
    CertificateBatchResult printCertificates(const QStringList& caseIds, print::PrintMode mode);

    /**
     * The end-of-shift handover (services::ShiftService): both passwords checked first (nothing is
     * printed otherwise), the report printed (print::ShiftReport), then shift.handover with its hash.
     * \a countedNextSheet: the number of the top sheet of the certificate stock, counted by the outgoing
     * user (a difference from the records is a mismatch on the report). The result has no case.
     */
    IssuedDocument printHandover(const QString& incomingUsername, const QString& outgoingPassword,
                                 const QString& incomingPassword, std::optional<qint64> countedNextSheet);

    /** The printer name calibrations for \a printer's output are stored under (CalibrationService). */
    static QString calibrationPrinterName(const QPrinter& printer);

private:
    /** Without a document: may this user record the notice; with one: record it as printed. */
    using NoticeRecorder = std::function<bool(const print::NoticeDocument* doc, const QByteArray& hash, QString* error)>;
    /** The notice of a case, or nullopt with *error when the case has none to give. */
    using NoticeBuilder = std::function<std::optional<print::NoticeDocument>(const core::CaseState&, QString* error)>;
    /** Every notice's one path: the role check, the case, the document, the output, then its record. */
    IssuedDocument issueNotice(const QString& caseId, const NoticeRecorder& record, const NoticeBuilder& build);
    bool outputNotice(const print::NoticeDocument& doc, QString* error);
    std::optional<print::CaseCertificate::Result> buildCertificate(const core::CaseState& state, const QString& number,
                                                                   const core::Catalog& catalog, QString* error,
                                                                   const QString& matterCode = QString()) const;
    print::Calibration calibrationFor(const QString& printerName, const QString& templateId) const;
    IssuedDocument outputCertificate(const core::CaseState& state, const QString& number);

    services::Session& m_session;
    print::DocumentOutput& m_output;
};

} // namespace oneseal::documents
