#pragma once

#include "Applicant.h"
#include "CaseStatus.h"
#include "ClockStop.h"
#include "CollectorKind.h"
#include "Conflict.h"
#include "Deadline.h"
#include "Decision.h"
#include "Event.h"
#include "Intake.h"
#include "RiskLevel.h"
#include "Separation.h"

#include <QDateTime>
#include <QList>
#include <QMap>

namespace oneseal::core {

/** One file attached to a case (a scan of a material), stored encrypted in the database. */
struct AttachmentRef
{
    QString sha256;
    QString materialCode;
    QString fileName;
    QString mimeType;
    qint64 size = 0;
};

/** One site visit (勘验) of a case as far as it got; a combined visit (合并勘验) covers several cases. */
struct InspectionVisit
{
    QString visitId;
    QDate date;
    QStringList inspectorIds;
    QStringList inspectorNames;
    QStringList combinedCaseIds; ///< every case of the visit, this one included
    QStringList matterCodes;     ///< the matters of this case the visit covers; empty: every matter (older events)
    QString result;              ///< empty while scheduled; "passed", "failed" or "rectification"
    QString notes;
    QStringList evidence;        ///< SHA-256 of the evidence files (attachments of the case)
    QDate rectificationDue;      ///< 限期整改: the deadline given to the applicant
    QString rectificationNotes;
    QDate rectificationClosed;   ///< the day the evidence closed the rectification
};

/** A certificate number taken for a case, and what happened to it. */
struct CertificateRecord
{
    QString number; ///< Workflow::certificateNumber()
    qint64 serial = 0;
    bool printed = false;
    QString documentHash; ///< hex SHA-256 of the last printed document
    int reprints = 0;
    QStringList reprintReasons;
    bool voided = false;
    QString voidReason;
    bool issued = false;
};

/**
 * One matter of a case and its own result: a bundle case (一件事) carries one per matter, each with
 * its own limits, decision, seal and certificate; a single-matter case has one. Events that name no
 * matter (payload::matter; single-matter cases and databases from before bundles were split) apply
 * to every matter.
 */
struct MatterResult
{
    QString code;
    QString name;
    double promisedDays = -1; ///< working days; -1 when the intake event did not record it
    double legalDays = -1;
    QDate promisedDue; ///< as set at intake, before any pause
    QDate legalDue;
    bool precondition = false; ///< its refusal blocks the other matters (Bundle::preconditions)
    /** What the applicant declared at intake for it (Matter::declaredFields), by key; empty for older events. */
    QMap<QString, QString> declared;
    /** The reviewer's opinion of this matter (审查意见): none yet, passed, or refusal proposed. */
    enum class Review { None, Passed, RefusalProposed };
    Review review = Review::None;
    QString reviewedBy;
    QString reviewNotes;       ///< the notes of a pass or the reasons of a proposed refusal
    bool inspectionRequired = false; ///< from its review: the catalog wants a site visit for it
    /** Its site inspection: "" (none yet), "scheduled", "passed", "failed" or "rectification". */
    QString inspection;
    QString visitId; ///< the visit that covers it (one combined visit may cover several matters)
    Decision decision = Decision::None;
    QString decidedBy;
    QString decisionReasons;
    int sealCount = 0;
    int sealsSinceDecision = 0;
    QList<CertificateRecord> certificates;

    /** The certificate in force: the last one taken that is not void; null when none. */
    const CertificateRecord* activeCertificate() const;
    /** Whether it waits for a site visit: reviewed as passing, needs one, and none passed or open. */
    bool awaitsInspection() const;
    /** Whether its own review (and inspection when it needs one) lets the approver approve it. */
    bool readyToApprove() const;
};

/**
 * The current state of one case: a deterministic fold of its events in order. Same events, same
 * order, same state, on every replica. The projections store it; nothing else decides it.
 */
struct CaseState
{
    QString caseId;
    QString caseNo;
    CaseStatus status = CaseStatus::None;
    QString outcome; ///< outcomeKey() of the intake decision
    QString subjectCode;
    QString subjectName;
    bool bundle = false;
    QStringList matterCodes;
    int catalogVersion = 0;
    Applicant applicant;
    Agent agent;
    QList<MaterialEntry> materials;
    QString acceptedBy; ///< user id of the intake clerk
    QString clerkName;
    QString workstation;
    QDateTime acceptedAt;
    QDate acceptedDate;
    QDate promisedDue;
    QDate legalDue;
    bool deadlineCertain = true;
    QString deadlineNote;
    QString reasons;
    RiskLevel risk = RiskLevel::Unknown; ///< the subject's at intake
    QList<AttachmentRef> attachments;
    int noticesPrinted = 0;
    int eventCount = 0;
    quint64 lastHlc = 0;

    // Time: the limits the deadlines were computed from, and the stretches the clock stood still.
    double promisedDays = -1; ///< working days; -1 when the intake event did not record it
    double legalDays = -1;
    QDate intakePromisedDue; ///< the due dates as set at intake, before any pause
    QDate intakeLegalDue;
    QList<ClockPause> pauses; ///< 补正, 整改, 听证 ...; the last one is open while the clock stands still
    std::optional<ClockStop> clockStop; ///< the open 听证, 检验/检测/鉴定 or 专家评审 stop, if any
    int extensionDays = 0; ///< working days added to both limits by the approver (art. 42)
    QString extensionReasons;

    // 事后核查: the later check of a pledge-based approval (告知承诺).
    PledgeCheck verification = PledgeCheck::None;
    QDate verificationDue; ///< when the check (or the re-check after a rectification order) is due
    QString verificationNotes;

    // Back office (审查, 勘验, 审批, 用印, 制证, 出证).
    QString reviewedBy;
    bool inspectionRequired = false;
    int corrections = 0;
    QString correctionNotes;
    QString refusalProposal;
    QString refusalProposedBy;
    QList<InspectionVisit> inspections;
    Decision decision = Decision::None;
    QString decidedBy;
    QString decisionReasons;
    int sealCount = 0;
    int sealsSinceDecision = 0;
    QList<CertificateRecord> certificates;
    bool completed = false; ///< 办结: certificate handed over, or refusal decided
    QDate completedDate;
    bool onTime = false; ///< fixed at completion: completed on or before the promised date
    bool withinLegalLimit = false;
    CollectorKind collectorKind = CollectorKind::None;
    QString collectorName;
    QString collectorIdNumber;

    /**
     * Conflicts between workstations that worked apart (docs/SYNC.md) still waiting for a
     * supervisor; while there is one the status is kConflictStatus and nothing else can be done.
     */
    QList<CaseConflict> openConflicts;

    /** Who took which step (the separations: core::Separation). */
    CaseHands hands;

    /** Each matter's own result, in the order of matterCodes. */
    QList<MatterResult> matterResults;
    /** Whether the matters of this case are decided one by one (a bundle with more than one matter). */
    bool decidedPerMatter() const { return matterResults.size() > 1; }
    const MatterResult* matterResult(const QString& code) const;
    /** A precondition matter of the case that was refused (then no other matter may be approved); null when none. */
    const MatterResult* refusedPrecondition() const;

    void apply(const Event& event);
    /**
     * The fold of all of a case's events in fold order: events a supervisor overruled when
     * resolving a conflict (named in a conflict.resolved but not kept) are skipped, and open
     * conflicts put the case in kConflictStatus.
     */
    static CaseState fold(const QList<Event>& events);
    static constexpr CaseStatus kConflictStatus = CaseStatus::Conflict;
    bool inConflict() const { return !openConflicts.isEmpty(); }

    /**
     * Whether a core material is still owed (容缺): the certificate may not be issued. Materials
     * missing under a pledge (告知承诺) are not owed: the pledge stands for them and is checked later.
     */
    bool owesCoreMaterial() const;
    /** Whether this case was accepted on a pledge (告知承诺). */
    bool pledgeBased() const;
    /** The owed (deferred) materials still not supplied whose due date is before \a today. */
    QList<MaterialEntry> overdueMaterials(const QDate& today) const;
    /** Whether the clock stands still (an open 补正 or 整改 pause). */
    bool clockStopped() const;
    /** The certificate in force: the last one taken that is not void; null when none. */
    const CertificateRecord* activeCertificate() const;
    /** The current site visit; null before one is scheduled. */
    const InspectionVisit* currentInspection() const;
    /** The last visit that covers \a matterCode (a visit naming no matter covers all); null when none. */
    const InspectionVisit* inspectionOf(const QString& matterCode) const;
    /**
     * Whether a review or inspection event of this case named its matters (a bundle reviewed and
     * inspected matter by matter): the back-office status then follows the matters' own steps.
     */
    bool stepsPerMatter = false;

private:
    /** The back-office status of a case reviewed per matter, from its matters' reviews and visits. */
    CaseStatus perMatterStatus() const;
};

/** Payload keys of intake events, written by the intake service and read by the fold. */
namespace payload {
inline const QString caseNo = QStringLiteral("case_no");
inline const QString subjectCode = QStringLiteral("subject_code");
inline const QString subjectName = QStringLiteral("subject_name");
inline const QString bundle = QStringLiteral("bundle");
inline const QString matters = QStringLiteral("matters");
inline const QString catalogVersion = QStringLiteral("catalog_version");
inline const QString applicant = QStringLiteral("applicant");
inline const QString agent = QStringLiteral("agent");
inline const QString materials = QStringLiteral("materials");
inline const QString acceptedAt = QStringLiteral("accepted_at");
inline const QString promisedDue = QStringLiteral("promised_due");
inline const QString legalDue = QStringLiteral("legal_due");
inline const QString deadlineCertain = QStringLiteral("deadline_certain");
inline const QString deadlineNote = QStringLiteral("deadline_note");
inline const QString reasons = QStringLiteral("reasons");
inline const QString clerkName = QStringLiteral("clerk_name");
inline const QString risk = QStringLiteral("risk");
inline const QString outcome = QStringLiteral("outcome");
inline const QString promisedDays = QStringLiteral("promised_days");
inline const QString legalDays = QStringLiteral("legal_days");
/** Values the applicant declared at intake (Matter::declaredFields): a list of {matter, key, value}. */
inline const QString declared = QStringLiteral("declared");
inline const QString declaredKey = QStringLiteral("key");
inline const QString declaredValue = QStringLiteral("value");
inline const QString matterLimits = QStringLiteral("matter_limits"); ///< per matter: code, name, days, dues, precondition
inline const QString matter = QStringLiteral("matter");               ///< the matter a back-office event is about
inline const QString matterName = QStringLiteral("matter_name");
inline const QString precondition = QStringLiteral("precondition");
inline const QString aggregate = QStringLiteral("aggregate"); ///< a case-level decision closing per-matter ones
/** On review.* and inspection.* events of a bundle case: the matters they are about (absent: every matter). */
inline const QString inspectedMatters = QStringLiteral("matters");
// Back-office events.
inline const QString date = QStringLiteral("date");             ///< ISO day the step happened (local)
inline const QString notes = QStringLiteral("notes");
inline const QString clockStops = QStringLiteral("clock_stops"); ///< ISO day from which the clock stands still
inline const QString inspectionRequired = QStringLiteral("inspection_required");
inline const QString visitId = QStringLiteral("visit_id");
inline const QString visitDate = QStringLiteral("visit_date");
inline const QString inspectors = QStringLiteral("inspectors");
inline const QString inspectorNames = QStringLiteral("inspector_names");
inline const QString combinedCases = QStringLiteral("combined_cases");
inline const QString evidence = QStringLiteral("evidence");
inline const QString deadline = QStringLiteral("deadline");
inline const QString userName = QStringLiteral("user_name");
inline const QString documentHash = QStringLiteral("sha256");
inline const QString documentTitle = QStringLiteral("document");
/** On notice.printed: the document carried the seal; the value is its core::SealedDocument stored text. */
inline const QString sealedDocument = QStringLiteral("sealed_document");
inline const QString certificateNo = QStringLiteral("certificate_no");
inline const QString serial = QStringLiteral("serial");
inline const QString onTime = QStringLiteral("on_time");
inline const QString withinLegal = QStringLiteral("within_legal");
inline const QString collectorKind = QStringLiteral("collector_kind");
inline const QString collectorName = QStringLiteral("collector_name");
inline const QString collectorIdNumber = QStringLiteral("collector_id_number");
inline const QString materialCode = QStringLiteral("material_code");
inline const QString clockStop = QStringLiteral("stop");            ///< core::toStored(ClockStop)
inline const QString days = QStringLiteral("days");                 ///< working days of an extension
inline const QString verificationDue = QStringLiteral("verification_due");
} // namespace payload

/** Event kinds of the back office, written by the services and read by the fold. */
namespace eventkind {
inline const QString reviewPassed = QStringLiteral("review.passed");
inline const QString correctionRequested = QStringLiteral("review.correction_requested");
inline const QString correctionReceived = QStringLiteral("correction.received");
inline const QString refusalProposed = QStringLiteral("review.refusal_proposed");
inline const QString inspectionScheduled = QStringLiteral("inspection.scheduled");
inline const QString inspectionPassed = QStringLiteral("inspection.passed");
inline const QString inspectionFailed = QStringLiteral("inspection.failed");
inline const QString rectificationRequired = QStringLiteral("inspection.rectification_required");
inline const QString rectificationClosed = QStringLiteral("inspection.rectification_closed");
inline const QString decisionApproved = QStringLiteral("decision.approved");
inline const QString decisionRefused = QStringLiteral("decision.refused");
inline const QString matterApproved = QStringLiteral("decision.matter_approved"); ///< one matter of a bundle case
inline const QString matterRefused = QStringLiteral("decision.matter_refused");
inline const QString sealApplied = QStringLiteral("seal.applied");
inline const QString certificateNumbered = QStringLiteral("certificate.numbered");
inline const QString certificatePrinted = QStringLiteral("certificate.printed");
inline const QString certificateReprinted = QStringLiteral("certificate.reprinted");
inline const QString certificateVoided = QStringLiteral("certificate.voided");
inline const QString certificateIssued = QStringLiteral("certificate.issued");
inline const QString materialSupplied = QStringLiteral("material.supplied");
inline const QString attachmentAdded = QStringLiteral("attachment.added");
inline const QString clockStopped = QStringLiteral("clock.stopped");   ///< 听证, 检验/检测/鉴定, 专家评审 begins
inline const QString clockResumed = QStringLiteral("clock.resumed");   ///< ... and ends: the clock runs again
inline const QString decisionExtended = QStringLiteral("decision.extended");   ///< 延期 (art. 42)
inline const QString decisionTerminated = QStringLiteral("decision.terminated"); ///< 终止办理: owed material overdue
inline const QString decisionRevoked = QStringLiteral("decision.revoked");     ///< 撤销行政许可
inline const QString verificationConfirmed = QStringLiteral("verification.confirmed");
inline const QString verificationRectification = QStringLiteral("verification.rectification_ordered");
inline const QString verificationFailed = QStringLiteral("verification.failed");
} // namespace eventkind

} // namespace oneseal::core
