#pragma once

#include "Catalog.h"

#include <QString>
#include <QStringList>

#include <cstddef>
#include <optional>

/**
 * The words of the catalog document (docs/CATALOG.md) for the catalog's enumerations, shared by the
 * reader, the validator and the writer so that the three can never disagree. Internal to the
 * catalog's files.
 */
namespace oneseal::core::catalogkeys {

template <typename E>
struct EnumKey
{
    E value;
    const char* key;
};

inline constexpr EnumKey<MatterType> kMatterTypes[] = {
    {MatterType::Licensing, "licensing"},     {MatterType::Penalty, "penalty"},
    {MatterType::Enforcement, "enforcement"}, {MatterType::Levy, "levy"},
    {MatterType::Benefit, "benefit"},         {MatterType::Inspection, "inspection"},
    {MatterType::Confirmation, "confirmation"}, {MatterType::Award, "award"},
    {MatterType::Adjudication, "adjudication"}, {MatterType::OtherPower, "otherPower"},
    {MatterType::PublicService, "publicService"},
};
inline constexpr EnumKey<Zone> kZones[] = {
    {Zone::Investment, "investment"},
    {Zone::MarketAccess, "marketAccess"},
    {Zone::SocialLivelihood, "socialLivelihood"},
};
inline constexpr EnumKey<RiskLevel> kRisks[] = {
    {RiskLevel::High, kRiskLevelStoredText[int(RiskLevel::High)]},
    {RiskLevel::Medium, kRiskLevelStoredText[int(RiskLevel::Medium)]},
    {RiskLevel::Low, kRiskLevelStoredText[int(RiskLevel::Low)]},
};
inline constexpr EnumKey<MaterialForm> kForms[] = {
    {MaterialForm::Original, "original"},
    {MaterialForm::Copy, "copy"},
    {MaterialForm::Electronic, "electronic"},
};
inline constexpr EnumKey<MaterialRequirement> kRequirements[] = {
    {MaterialRequirement::Required, "required"},
    {MaterialRequirement::Optional, "optional"},
    {MaterialRequirement::Deferrable, "deferrable"},
};
inline constexpr EnumKey<MaterialSource> kSources[] = {
    {MaterialSource::Applicant, "applicant"},
    {MaterialSource::Government, "government"},
    {MaterialSource::SharedData, "sharedData"},
};
inline constexpr EnumKey<OwedLapse> kOwedLapses[] = {
    {OwedLapse::Revoke, "revoke"},
    {OwedLapse::Terminate, "terminate"},
};

template <typename E, std::size_t N>
inline QString keyOf(const EnumKey<E> (&table)[N], E value)
{
    for (const auto& entry : table)
        if (entry.value == value)
            return QString::fromLatin1(entry.key);
    return QString();
}

template <typename E, std::size_t N>
inline std::optional<E> valueOf(const EnumKey<E> (&table)[N], const QString& key)
{
    for (const auto& entry : table)
        if (key == QLatin1String(entry.key))
            return entry.value;
    return std::nullopt;
}

template <typename E, std::size_t N>
inline QString keyList(const EnumKey<E> (&table)[N])
{
    QStringList keys;
    for (const auto& entry : table)
        keys << QString::fromLatin1(entry.key);
    return keys.join(QStringLiteral(", "));
}

} // namespace oneseal::core::catalogkeys
