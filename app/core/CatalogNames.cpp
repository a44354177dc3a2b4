#include "CatalogNames.h"

#include "Catalog.h"

namespace oneseal::core {

QString matterTypeName(MatterType type)
{
    switch (type) {
    case MatterType::Licensing: return Catalog::tr("Administrative licensing");
    case MatterType::Penalty: return Catalog::tr("Administrative penalty");
    case MatterType::Enforcement: return Catalog::tr("Administrative enforcement");
    case MatterType::Levy: return Catalog::tr("Administrative levy");
    case MatterType::Benefit: return Catalog::tr("Administrative benefit");
    case MatterType::Inspection: return Catalog::tr("Administrative inspection");
    case MatterType::Confirmation: return Catalog::tr("Administrative confirmation");
    case MatterType::Award: return Catalog::tr("Administrative award");
    case MatterType::Adjudication: return Catalog::tr("Administrative adjudication");
    case MatterType::OtherPower: return Catalog::tr("Other administrative power");
    case MatterType::PublicService: return Catalog::tr("Public service");
    }
    return QString();
}

QString zoneName(Zone zone)
{
    switch (zone) {
    case Zone::Investment: return Catalog::tr("Investment project zone");
    case Zone::MarketAccess: return Catalog::tr("Market access zone");
    case Zone::SocialLivelihood: return Catalog::tr("Social livelihood zone");
    }
    return QString();
}

QString materialFormName(MaterialForm form)
{
    switch (form) {
    case MaterialForm::Original: return Catalog::tr("Original");
    case MaterialForm::Copy: return Catalog::tr("Copy");
    case MaterialForm::Electronic: return Catalog::tr("Electronic");
    }
    return QString();
}

QString materialRequirementName(MaterialRequirement requirement)
{
    switch (requirement) {
    case MaterialRequirement::Required: return Catalog::tr("Required");
    case MaterialRequirement::Optional: return Catalog::tr("Optional");
    case MaterialRequirement::Deferrable: return Catalog::tr("Deferrable");
    }
    return QString();
}

QString materialSourceName(MaterialSource source)
{
    switch (source) {
    case MaterialSource::Applicant: return Catalog::tr("Brought by the applicant");
    case MaterialSource::Government: return Catalog::tr("Issued by a government body");
    case MaterialSource::SharedData: return Catalog::tr("Obtained from shared data");
    }
    return QString();
}

QString resultTypeName(const QString& resultType)
{
    if (resultType == QLatin1String("licence"))
        return Catalog::tr("Licence");
    if (resultType == QLatin1String("approval"))
        return Catalog::tr("Approval document");
    if (resultType == QLatin1String("filing"))
        return Catalog::tr("Filing notice");
    if (resultType == QLatin1String("confirmation"))
        return Catalog::tr("Certificate of confirmation");
    if (resultType == QLatin1String("other"))
        return Catalog::tr("Other result");
    return QString();
}

} // namespace oneseal::core
