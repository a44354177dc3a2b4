#pragma once

#include "CaseState.h"
#include "Catalog.h"
#include "Deadline.h"
#include "Role.h"
#include "Separation.h"
#include "WorkCalendar.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>

namespace oneseal::core {

/** One step of the back office (审查, 勘验, 审批, 用印, 制证, 出证); Workflow::check() says who may take it when. */
enum class WorkStep {
    ReviewPass,           ///< 审查通过
    RequestCorrection,    ///< 补正: the clock stops, the applicant is told what to bring
    ReceiveCorrection,    ///< the corrected materials arrived: the clock resumes
    ProposeRefusal,       ///< the reviewer proposes refusal, with reasons; the approver decides
    ScheduleInspection,   ///< 勘验 planned, alone or combined with other cases (合并勘验)
    RecordInspection,     ///< passed or failed, with notes and evidence
    RequireRectification, ///< 限期整改: the clock stops until the evidence arrives
    CloseRectification,   ///< closed by photo or video evidence, without a second visit
    Approve,              ///< 准予许可
    Refuse,               ///< 不予许可, with reasons
    ApplySeal,            ///< 用印: the approver re-enters the password
    NumberCertificate,    ///< take the next certificate serial of this workstation
    PrintCertificate,
    ReprintCertificate,   ///< reason required, counted on the record
    VoidCertificate,      ///< reason required; the number is never used again
    IssueCertificate,     ///< 出证: handed to the holder or an agent; the case is completed (办结)
    StopClock,            ///< 听证, 检验/检测/鉴定, 专家评审 begins: the clock stands still (art. 45)
    ResumeClock,          ///< ... ends: the clock runs again
    Extend,               ///< 延期: the approver adds up to kMaxExtensionDays working days (art. 42)
    Terminate,            ///< 终止办理: an owed material (容缺) is overdue and the case is not approved
    Revoke,               ///< 撤销: the approval is withdrawn (false pledge, or owed material overdue)
    VerifyPledge,         ///< 事后核查 of a pledge-based approval: confirmed, rectify by a date, or false
};

/** A case's promised (承诺) and legal (法定) deadlines with every clock pause taken into account. */
struct CaseDeadlines
{
    DeadlineResult promised;
    DeadlineResult legal;
};

/**
 * The pure rules of the back office: which role acts at which status, the four separations (the
 * intake clerk of a case never reviews, inspects, decides or issues it; in particular the acceptor
 * may not decide), two distinct inspectors on site (行政许可法 art. 34), reasons where the law wants
 * them (art. 38), and the deadlines shifted by clock pauses (art. 45). Services call these before
 * writing anything; widgets only use them to hide what would be refused.
 */
class Workflow
{
    Q_DECLARE_TR_FUNCTIONS(Workflow)

public:
    /** The permission a step needs (mayPerform()). */
    static Action actionFor(WorkStep step);

    /**
     * Empty when a user with \a userId and \a roles may take \a step on the case now; otherwise a
     * sentence saying why not: the role, the separations (core::Separation: the user took another
     * step of this case that \a policy does not pair with this one), or the case's status (e.g. not
     * yet reviewed, clock stopped, certificate already issued).
     */
    static QString check(WorkStep step, const CaseState& state, const QString& userId, Roles roles,
                         const SeparationPolicy& policy = {}, const QString& matterCode = QString());

    /**
     * The checks of a step on one matter of a case decided per matter (CaseState::decidedPerMatter()):
     * the matter is the case's; it is decided once, approved only while no precondition matter of the
     * case was refused; sealed after its decision; its certificate numbered once the whole case is
     * decided and its approval sealed, then printed, reprinted or voided. Empty when allowed.
     */
    static QString checkMatter(WorkStep step, const CaseState& state, const QString& matterCode);

    /** A matter's own deadlines: its limits counted from acceptance with every pause of the case. */
    static CaseDeadlines matterDeadlines(const CaseState& state, const MatterResult& matter,
                                         const WorkCalendar& calendar);

    /** The hand a step belongs to (Separation); nullopt for steps outside the separations. */
    static std::optional<Hand> handFor(WorkStep step);

    /**
     * Whose turn it is: Reviewer for new and corrected cases (and cases waiting for corrected
     * materials, which the reviewer receives), Inspector while a site visit is due or a rectification
     * is open, Approver to decide or to seal, CertificateOperator to print and hand over; Role::None when
     * the case is completed or waits for nobody in the hall.
     */
    static Role waitingRole(const CaseState& state);

    /**
     * Checks reasons or notes: at most kMaxReasonsLength characters, no control characters other than
     * line breaks and tabs, and not blank when \a required. \a what names the field in the message.
     */
    static QString checkReasons(const QString& text, bool required, const QString& what);

    /**
     * The inspectors of a visit: at least two distinct people (art. 34), none of them the intake clerk
     * (\a acceptedBy) of the case. Empty when valid.
     */
    static QString checkInspectors(const QStringList& inspectorIds, const QString& acceptedBy);

    /**
     * The deadlines of the case now: its limits counted from the acceptance day with every pause of
     * \a state plus \a extraPauses skipped. A limit the intake event did not record is taken as the
     * working days between acceptance and the due date set at intake. While a pause is open the
     * result is paused (no due date).
     */
    static CaseDeadlines deadlines(const CaseState& state, const WorkCalendar& calendar,
                                   const QList<ClockPause>& extraPauses = {});

    /**
     * The deadlines to show for the case now, each with its own certainty under \a calendar: the dates
     * stored by the case's last step when they were computed with every calendar they need;
     * otherwise (a year was missing then) counted again with \a calendar, which may since hold that
     * year. While the clock stands still, the stored dates. A date is marked uncertain exactly when
     * counting it needs a year \a calendar lacks (dueDateCertainty()).
     */
    static CaseDeadlines shownDeadlines(const CaseState& state, const WorkCalendar& calendar);

    /**
     * The pause a step that stops the clock on \a day opens: that day still counts, the clock stands
     * still from the next day on and resumes (counting again) on the day the materials or evidence
     * arrive.
     */
    static ClockPause pauseFrom(const QDate& day, const QString& reason);

    /** The printed certificate number: "ZS" + year + 8-digit serial of this workstation's block. */
    static QString certificateNumber(int year, qint64 serial);

    /**
     * Whether an authorised user may end the case because an owed material is overdue on \a today:
     * the step lapseStep() names. Empty when \a step is the right one now; otherwise why not (nothing
     * overdue, or the other step applies). The role and status are checked by check().
     */
    static QString checkLapse(WorkStep step, const CaseState& state, const QDate& today,
                              OwedLapse rule = OwedLapse::Revoke);
    /**
     * The step an overdue owed material calls for under the catalog's \a rule (Matter::onOwedLapse):
     * Terminate before an approval; after one, Revoke, or Terminate when the rule says so and no
     * licence of the case is printed (a printed licence is only ever revoked).
     */
    static WorkStep lapseStep(const CaseState& state, OwedLapse rule);

    /**
     * The working day the later check (事后核查) of a pledge-based approval decided on \a decided is
     * due: \a checkDays working days later (the smallest Matter::pledgeCheckDays of the case's
     * matters). Invalid when the case is not pledge-based or the count needs a missing calendar year
     * beyond an estimate (the estimate is used: a check is better early than never).
     */
    static QDate verificationDue(const CaseState& state, const WorkCalendar& calendar, const QDate& decided,
                                 int checkDays);

    static constexpr int kMaxReasonsLength = 2000;
    /** Longest extension of the decision time limit (行政许可法 art. 42), in working days, for the whole case. */
    static constexpr int kMaxExtensionDays = 10;
    /** Most cases one combined visit (合并勘验) may cover. */
    static constexpr int kMaxCombinedCases = 20;
};

} // namespace oneseal::core
