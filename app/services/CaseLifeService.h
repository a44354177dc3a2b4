#pragma once

#include "CaseSteps.h"
#include "core/ClockStop.h"
#include "core/Deadline.h"
#include "db/CaseLifeRepository.h"

#include <QCoreApplication>

namespace oneseal::services {

/** An owed material in the ledger, with its warning as of today (yellow when due soon, red when overdue). */
struct OwedItem
{
    db::OwedMaterialRow row;
    core::DeadlineWarning warning = core::DeadlineWarning::None;
};

/** An open check of a pledge (事后核查), with its warning as of today. */
struct VerificationItem
{
    db::VerificationRow row;
    core::DeadlineWarning warning = core::DeadlineWarning::None;
};

/**
 * The life of a case after intake that is not the straight path of review, inspection, decision and
 * certificate: the ledger of owed materials (容缺) and what happens when one is overdue (terminated
 * before an approval, revoked after one — always by an approver's explicit step, never by itself);
 * the later check of a pledge (事后核查: confirmed, rectify by a date, or false and then revoked);
 * the clock stopped for a hearing, testing or expert review (art. 45) and the extension of the time
 * limit (art. 42). Each step checks the role and core::Workflow and writes its events in one
 * transaction.
 */
class CaseLifeService
{
    Q_DECLARE_TR_FUNCTIONS(CaseLifeService)

public:
    explicit CaseLifeService(Session& session, const core::WorkCalendar& calendar = core::WorkCalendar::builtIn());

    /** Whether the user may see the ledger of owed materials: intake clerks, approvers and supervisors. */
    bool maySeeOwedMaterials() const;
    /**
     * The owed materials, soonest due first (only the applicant's when \a applicantIdNumber is given),
     * each red when its due date has passed and yellow when it is close; refused for other roles.
     */
    std::optional<QList<OwedItem>> owedMaterials(const QString& applicantIdNumber, QString* error) const;

    /** Whether the user may see the open checks of pledges: inspectors, regulators and supervisors. */
    bool maySeeVerifications() const;
    std::optional<QList<VerificationItem>> verificationTasks(QString* error) const;
    /** Pledges found false and not yet revoked, for approvers (who revoke them) and supervisors. */
    std::optional<QList<VerificationItem>> falsePledges(QString* error) const;

    /** Stops the clock for \a stop from tomorrow (art. 45); \a notes (what and why) are required. */
    std::optional<core::CaseState> stopClock(const QString& caseId, core::ClockStop stop, const QString& notes,
                                             QString* error);
    /** Starts the clock again today; the due dates move by the working days it stood still. */
    std::optional<core::CaseState> resumeClock(const QString& caseId, const QString& notes, QString* error);
    /**
     * Extends the time limit by \a days working days (1 to what is left of Workflow::kMaxExtensionDays)
     * with \a reasons (required), by an approver (art. 42); both due dates move.
     */
    std::optional<core::CaseState> extend(const QString& caseId, int days, const QString& reasons, QString* error);

    /**
     * What an overdue owed material of the case calls for now (core::Workflow::lapseStep under its
     * matters' Matter::onOwedLapse): WorkStep::Terminate or WorkStep::Revoke; nullopt with \a error
     * when there is no such case.
     */
    std::optional<core::WorkStep> lapseStep(const QString& caseId, QString* error) const;

    /**
     * Terminates a case because an owed material is overdue (终止办理): before an approval, or after
     * one whose licence is not printed where the catalog says "terminate".
     */
    std::optional<core::CaseState> terminate(const QString& caseId, const QString& reasons, QString* error);
    /**
     * Revokes an approval (撤销) because its pledge was found false or an owed material is overdue:
     * the certificate in force is void and the case ends; the revocation is then sealed
     * (DocumentIssuer::sealDecision).
     */
    std::optional<core::CaseState> revoke(const QString& caseId, const QString& reasons, QString* error);

    /** The pledge was found true (事后核查). */
    std::optional<core::CaseState> confirmPledge(const QString& caseId, const QString& notes, QString* error);
    /** The holder must rectify by \a deadline (after today, within a year); checked again then. */
    std::optional<core::CaseState> orderRectification(const QString& caseId, const QDate& deadline,
                                                      const QString& notes, QString* error);
    /** The pledge was found false: the approver revokes the approval (revoke()). */
    std::optional<core::CaseState> failPledge(const QString& caseId, const QString& reasons, QString* error);

    /** Whether the user may record a notice of this service's steps (stop, extension, termination). */
    bool canRecordNotice(QString* error) const;
    /** Records that such a notice was printed (notice.printed with its hash). */
    bool recordNoticePrinted(const QString& caseId, const QString& title, const QByteArray& documentHash,
                             QString* error, bool sealed = false);

    QDate today() const { return m_steps.today(); }

private:
    /**
     * The catalog's rule for the case's matters (the version it was accepted under): terminate only
     * when every matter says so, revoke otherwise (the default).
     */
    core::OwedLapse lapseRule(const core::CaseState& state) const;
    std::optional<core::CaseState> write(const QString& caseId, const QString& kind, const QCborMap& payload,
                                         QString* error);

    CaseSteps m_steps;
};

} // namespace oneseal::services
