#include "ClockStop.h"

#include <QCoreApplication>

namespace oneseal::core {

QString toStored(ClockStop stop)
{
    switch (stop) {
    case ClockStop::Hearing: return QStringLiteral("hearing");
    case ClockStop::Testing: return QStringLiteral("testing");
    case ClockStop::ExpertReview: return QStringLiteral("expert_review");
    }
    return QString();
}

std::optional<ClockStop> clockStopFromStored(const QString& text)
{
    for (ClockStop s : {ClockStop::Hearing, ClockStop::Testing, ClockStop::ExpertReview})
        if (text == toStored(s))
            return s;
    return std::nullopt;
}

QString displayText(ClockStop stop)
{
    switch (stop) {
    case ClockStop::Hearing: return QCoreApplication::translate("ClockStop", "hearing");
    case ClockStop::Testing: return QCoreApplication::translate("ClockStop", "testing, inspection or appraisal");
    case ClockStop::ExpertReview: return QCoreApplication::translate("ClockStop", "expert review");
    }
    return QString();
}

QString clockStopNoticeTitle(ClockStop stop)
{
    switch (stop) {
    case ClockStop::Hearing: return QStringLiteral("听证告知书");
    case ClockStop::Testing: return QStringLiteral("检验检测鉴定告知书");
    case ClockStop::ExpertReview: return QStringLiteral("专家评审告知书");
    }
    return QString();
}

QString clockStopChineseName(ClockStop stop)
{
    switch (stop) {
    case ClockStop::Hearing: return QStringLiteral("听证");
    case ClockStop::Testing: return QStringLiteral("检验、检测、鉴定");
    case ClockStop::ExpertReview: return QStringLiteral("专家评审");
    }
    return QString();
}

QString toStored(PledgeCheck check)
{
    switch (check) {
    case PledgeCheck::Pending: return QStringLiteral("pending");
    case PledgeCheck::Rectification: return QStringLiteral("rectification");
    case PledgeCheck::Confirmed: return QStringLiteral("confirmed");
    case PledgeCheck::Failed: return QStringLiteral("failed");
    case PledgeCheck::None: break;
    }
    return QString();
}

PledgeCheck pledgeCheckFromStored(const QString& text)
{
    for (PledgeCheck c : {PledgeCheck::Pending, PledgeCheck::Rectification, PledgeCheck::Confirmed, PledgeCheck::Failed})
        if (text == toStored(c))
            return c;
    return PledgeCheck::None;
}

QString displayText(PledgeCheck check)
{
    switch (check) {
    case PledgeCheck::Pending: return QCoreApplication::translate("PledgeCheck", "check due");
    case PledgeCheck::Rectification: return QCoreApplication::translate("PledgeCheck", "ordered to rectify");
    case PledgeCheck::Confirmed: return QCoreApplication::translate("PledgeCheck", "pledge confirmed");
    case PledgeCheck::Failed: return QCoreApplication::translate("PledgeCheck", "pledge false: to be revoked");
    case PledgeCheck::None: break;
    }
    return QString();
}

} // namespace oneseal::core
