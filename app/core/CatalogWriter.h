#pragma once

#include "Catalog.h"

#include <QByteArray>

namespace oneseal::core {

/** Writes a catalog as the document CatalogReader reads: read(write(c)) gives a catalog equal to c. */
class CatalogWriter
{
public:
    /** Indented JSON, every field written, in the catalog's order. */
    static QByteArray write(const Catalog& catalog);
};

} // namespace oneseal::core
