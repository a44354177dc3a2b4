#pragma once

#include "Catalog.h"

#include <QString>

namespace oneseal::core {

/**
 * Display names of the catalog's enumerations, translated (context "Catalog"). The document's own
 * words for them are in CatalogKeys.h; the risk level's name is displayText(RiskLevel).
 */
QString matterTypeName(MatterType type);
QString zoneName(Zone zone);
QString materialFormName(MaterialForm form);
QString materialRequirementName(MaterialRequirement requirement);
QString materialSourceName(MaterialSource source);
/** The name of one of catalogResultTypes(); empty for another text. */
QString resultTypeName(const QString& resultType);

} // namespace oneseal::core
