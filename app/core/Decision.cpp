#include "Decision.h"

#include <QCoreApplication>

namespace oneseal::core {

QString toStored(Decision decision)
{
    switch (decision) {
    case Decision::Approved: return QStringLiteral("approved");
    case Decision::Refused: return QStringLiteral("refused");
    case Decision::Terminated: return QStringLiteral("terminated");
    case Decision::Revoked: return QStringLiteral("revoked");
    case Decision::None:
    case Decision::Unknown: break;
    }
    return QString();
}

Decision decisionFromStored(const QString& text)
{
    if (text.isEmpty())
        return Decision::None;
    for (Decision d : {Decision::Approved, Decision::Refused, Decision::Terminated, Decision::Revoked})
        if (text == toStored(d))
            return d;
    return Decision::Unknown;
}

QString displayText(Decision decision)
{
    switch (decision) {
    case Decision::Approved: return QCoreApplication::translate("Decision", "approved");
    case Decision::Refused: return QCoreApplication::translate("Decision", "refused");
    case Decision::Terminated: return QCoreApplication::translate("Decision", "terminated");
    case Decision::Revoked: return QCoreApplication::translate("Decision", "revoked");
    case Decision::Unknown: return QCoreApplication::translate("Decision", "unknown");
    case Decision::None: break;
    }
    return QString();
}

} // namespace oneseal::core
