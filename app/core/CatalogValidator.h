#pragma once

#include "Catalog.h"
#include "CatalogProblem.h"

namespace oneseal::core {

/**
 * The consistency rules of a catalog, beyond what its document's syntax says: texts, limits, codes
 * used once, one name per material code, bundles that refer to matters and bundles that exist,
 * without cycles. The reader applies them to every document; the repository to every import.
 */
class CatalogValidator
{
public:
    /** Every problem with its JSON path, in document order; empty when the catalog is sound. */
    static QList<CatalogProblem> problems(const Catalog& catalog);
    /** The problems one per line (paths, no line numbers), or an empty text. */
    static QString validate(const Catalog& catalog);
};

} // namespace oneseal::core
