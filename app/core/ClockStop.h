#pragma once

#include <QString>

#include <optional>

namespace oneseal::core {

/**
 * A reason the clock of a case stands still besides 补正 and 整改 (行政许可法 art. 45: hearing,
 * testing, inspection, quarantine, appraisal and expert review do not count); the applicant is told
 * in writing with the stop's notice.
 */
enum class ClockStop {
    Hearing,      ///< 听证
    Testing,      ///< 检验、检测、检疫、鉴定
    ExpertReview, ///< 专家评审
};

/** The stored text ("hearing", "testing", "expert_review"). */
QString toStored(ClockStop stop);
/** The stop of a stored text; nullopt for any other text. */
std::optional<ClockStop> clockStopFromStored(const QString& text);
/** The translated text shown to people. */
QString displayText(ClockStop stop);
/** The official title of the notice that tells the applicant (always Chinese). */
QString clockStopNoticeTitle(ClockStop stop);
/** What stands still, in the notice's words ("听证", "检验、检测、鉴定", "专家评审"). */
QString clockStopChineseName(ClockStop stop);

/** Where the later check (事后核查) of a pledge-based approval (告知承诺) stands. */
enum class PledgeCheck {
    None,          ///< no check due (not a pledge-based case, or not approved)
    Pending,       ///< due by CaseState::verificationDue
    Rectification, ///< the holder must rectify by CaseState::verificationDue; checked again then
    Confirmed,     ///< the pledge was true
    Failed,        ///< the pledge was false: the approver revokes the approval
};

/** The stored text ("pending", ...); empty for None. */
QString toStored(PledgeCheck check);
PledgeCheck pledgeCheckFromStored(const QString& text);
/** The translated text shown to people; empty for None. */
QString displayText(PledgeCheck check);

} // namespace oneseal::core
