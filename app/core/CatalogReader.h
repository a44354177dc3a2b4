#pragma once

#include "Catalog.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace oneseal::core {

/**
 * Reads a catalog document (docs/CATALOG.md): JSON syntax, the fields and their types, then the
 * consistency rules of CatalogValidator. Every problem names the line of the file, the JSON path
 * and the reason, so that the administrator can fix the file in one go.
 */
class CatalogReader
{
public:
    /** The catalog of a document, or nothing with *error listing the problems found. */
    static std::optional<Catalog> read(const QByteArray& json, QString* error);
    /** The demonstration catalog built into the program (Catalog::builtInDemoPath()). */
    static std::optional<Catalog> builtInDemo(QString* error = nullptr);
};

} // namespace oneseal::core
