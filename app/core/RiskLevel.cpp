#include "RiskLevel.h"

#include <QCoreApplication>

namespace oneseal::core {

QString toStored(RiskLevel risk)
{
    switch (risk) {
    case RiskLevel::High:
    case RiskLevel::Medium:
    case RiskLevel::Low: return QString::fromLatin1(kRiskLevelStoredText[int(risk)]);
    case RiskLevel::Unknown: break;
    }
    return QStringLiteral("");
}

RiskLevel riskLevelFromStored(const QString& text)
{
    for (RiskLevel r : {RiskLevel::High, RiskLevel::Medium, RiskLevel::Low})
        if (text == toStored(r) || text == displayText(r))
            return r;
    // Display names stored by earlier versions, in the languages the program ships.
    if (text == QLatin1String("High risk") || text == QStringLiteral("高风险") || text == QStringLiteral("重"))
        return RiskLevel::High;
    if (text == QLatin1String("Medium risk") || text == QStringLiteral("中风险") || text == QStringLiteral("中"))
        return RiskLevel::Medium;
    if (text == QLatin1String("Low risk") || text == QStringLiteral("低风险") || text == QStringLiteral("轻"))
        return RiskLevel::Low;
    return RiskLevel::Unknown;
}

QString displayText(RiskLevel risk)
{
    switch (risk) {
    case RiskLevel::High: return QCoreApplication::translate("Catalog", "High risk");
    case RiskLevel::Medium: return QCoreApplication::translate("Catalog", "Medium risk");
    case RiskLevel::Low: return QCoreApplication::translate("Catalog", "Low risk");
    case RiskLevel::Unknown: break;
    }
    return QCoreApplication::translate("Catalog", "Unknown risk");
}

} // namespace oneseal::core
