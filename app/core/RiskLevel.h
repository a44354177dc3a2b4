#pragma once

#include <QString>

namespace oneseal::core {

/** The internal-control risk level of a matter (重 / 中 / 轻); high-risk matters warn earlier. */
enum class RiskLevel {
    High,    ///< 重
    Medium,  ///< 中
    Low,     ///< 轻
    Unknown, ///< stored text this version does not know; never in a valid catalog
};

/** The stored words of High, Medium and Low, in that order: the one table, which the catalog document uses too. */
inline constexpr const char* kRiskLevelStoredText[] = {"high", "medium", "low"};

/**
 * The text stored for a level in events and projections: "high", "medium", "low" ("" for
 * Unknown). The catalog document uses the same words.
 */
QString toStored(RiskLevel risk);
/**
 * The level of a stored text. Besides the stored words it accepts the display names earlier
 * versions stored in intake events ("High risk", 高风险, 重 ...); anything else is Unknown.
 */
RiskLevel riskLevelFromStored(const QString& text);
/** The translated name shown to people ("High risk"). */
QString displayText(RiskLevel risk);

} // namespace oneseal::core
