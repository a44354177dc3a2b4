#pragma once

#include "CaseSteps.h"
#include "core/CollectorKind.h"
#include "db/BackOfficeRepository.h"

#include <QCoreApplication>

namespace oneseal::services {

/** Who collects the certificate at the window (出证). */
struct Collector
{
    /** Holder: the applicant in person (an organisation: its legal representative); Agent: someone
     *  else, identified by their own resident ID number. */
    using Kind = core::CollectorKind;
    Kind kind = Kind::Holder;
    QString name;
    QString idNumber; ///< resident ID number (GB 11643)
};

/** What this hall's register says of a certificate number (CertificateService::standing()). */
enum class CertificateStanding {
    Unknown, ///< not a number of this hall's register (or not yet synced here)
    InForce, ///< printed and not void
    Voided,  ///< voided, or its approval revoked (撤销)
};

/**
 * Certificates (制证, 出证) after the sealed approval (in a bundle case, one per approved matter:
 * every call takes the matter's code, and the holder collects them all at once): numbers from this workstation's block, never
 * reused; printing, reprinting (reason required, counted on the record) and voiding (reason
 * required); and the handover to the holder or an agent, which completes the case (办结) and fixes
 * whether it was on time. Certificate operators only, never the case's intake clerk.
 *
 * Rendering and signing are not done here: the caller (documents::DocumentIssuer) takes a number,
 * renders the certificate with it, and passes the document's SHA-256 to recordPrinted() / recordReprint().
 */
class CertificateService
{
    Q_DECLARE_TR_FUNCTIONS(CertificateService)

public:
    /** With the session's calendar (Session::calendar()). */
    explicit CertificateService(Session& session);
    CertificateService(Session& session, const core::WorkCalendar& calendar);

    /** Takes the next certificate serial for an approved, sealed case; returns the certificate number. */
    std::optional<QString> takeNumber(const QString& caseId, QString* error, const QString& matterCode = QString());
    /**
     * Why the certificate of \a caseId cannot go into a batch print: the user may not print it, the
     * case is not approved and sealed, its certificate is already printed, or a core deferred material
     * is still owed (容缺: the certificate could not be handed over, so a batch spends no serial on it).
     * Empty when it can.
     */
    QString checkBatchPrint(const QString& caseId, const QString& matterCode = QString()) const;
    /**
     * The number to print the certificate of \a caseId with: the one already taken for it and not yet
     * printed, else the next serial of this workstation's block (takeNumber()).
     */
    std::optional<QString> numberForPrinting(const QString& caseId, QString* error, const QString& matterCode = QString());
    /**
     * Records the certificate \a certificateNo (the case's numbered one) as printed with its document
     * hash (32 bytes); with \a sealKeyId, also the seal signature on it (certificate.signed: which
     * certificate, which document, which key, who), in the same transaction.
     */
    std::optional<core::CaseState> recordPrinted(const QString& caseId, const QString& certificateNo,
                                                 const QByteArray& documentHash, QString* error,
                                                 const QString& sealKeyId = QString(), const QString& matterCode = QString());
    /** Records a reprint of the certificate in force; \a reason is required. \a sealKeyId as recordPrinted(). */
    std::optional<core::CaseState> recordReprint(const QString& caseId, const QString& reason,
                                                 const QByteArray& documentHash, QString* error,
                                                 const QString& sealKeyId = QString(), const QString& matterCode = QString());
    /** Voids the certificate in force (its number stays used); \a reason is required. */
    std::optional<core::CaseState> voidCertificate(const QString& caseId, const QString& reason, QString* error,
                                                   const QString& matterCode = QString());

    /**
     * The matters of a case that get a certificate of their own (a bundle case: each approved matter);
     * empty for a case decided as a whole, whose one certificate takes no matter.
     */
    static QStringList certificateMatters(const core::CaseState& state);
    /**
     * Hands the printed certificate over: checks the collector (a valid resident ID; the holder must be
     * the applicant, or for an organisation its legal representative), refuses while a core deferred
     * material is owed, and completes the case with its on-time status fixed.
     */
    std::optional<core::CaseState> issue(const QString& caseId, const Collector& collector, QString* error);

    /** The certificates of a case, by serial. */
    QList<db::CertificateRow> certificates(const QString& caseId) const;
    /** Whether the certificate \a number is in force by this workstation's register (for checking one shown). */
    CertificateStanding standing(const QString& number) const;

    /** Empty when \a collector may collect the certificate of \a state; otherwise why not. */
    static QString checkCollector(const core::CaseState& state, const Collector& collector, const QDate& today);

private:
    CaseSteps m_steps;
};

} // namespace oneseal::services
