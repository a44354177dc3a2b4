#pragma once

#include "core/CaseState.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace oneseal::documents {

/**
 * What became of one document handed to DocumentIssuer: built, output, recorded — or where it
 * stopped and why. A document is recorded only after it was output (the seal, which prints
 * nothing, only after the password was checked), so recorded() is the success test.
 */
struct IssuedDocument
{
    QString caseId;
    QString caseNo;
    /** The document's title (受理通知书, 准予行政许可决定书 ...); for a certificate its number, set once taken. */
    QString title;
    /** For a certificate of a bundle case: the matter it is the licence of (each matter has its own). */
    QString matterCode;
    /**
     * SHA-256 (32 bytes) of the document's content, as recorded on its event: of the notice's
     * fields (print::IntakeNotices::contentHash) or of the certificate's signed content
     * (core::CertificatePayload::contentBytes). Set once the document was built and laid out.
     */
    QByteArray contentHash;
    /** For a certificate: the seal key that signed it (recorded as certificate.signed). */
    QString sealKeyId;
    /** Whether it went out through the output (printed, or saved as a file). */
    bool output = false;
    /** The case after the document's events were recorded; nullopt when nothing was recorded. */
    std::optional<core::CaseState> state;
    /** Why it was not output or not recorded; empty when it was. */
    QString error;

    /** Whether the document was built and laid out, so it could go out (contentHash is set). */
    bool built() const { return !contentHash.isEmpty(); }
    bool recorded() const { return state.has_value(); }
};

/** Several certificates printed as one job (DocumentIssuer::printCertificates). */
struct CertificateBatchResult
{
    /**
     * One entry per case asked for, in order (a bundle case decided per matter: one per approved
     * matter whose certificate is not printed yet, each with its matterCode). An entry not built() was left out of the job (its error
     * says why); the others were in it and are recorded() unless the job or the recording failed.
     */
    QList<IssuedDocument> certificates;
    /** Whether the job went out through the output. */
    bool output = false;
    /** Why the job did not go out (the numbers taken for it stay reserved for their cases). */
    QString jobError;
};

} // namespace oneseal::documents
