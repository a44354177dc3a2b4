#pragma once

#include "CatalogProblem.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace oneseal::core {

/**
 * The line on which each value of a (syntactically valid) JSON text starts, by JSON path, so that
 * problems found in the parsed document can name the line of the file. Also notices keys given
 * twice in one object, which QJsonDocument would silently collapse.
 */
class CatalogJsonScanner
{
public:
    explicit CatalogJsonScanner(const QByteArray& json);

    /** The line of the value at a JSON path, or of its nearest ancestor the scanner saw. */
    int lineOf(QString path) const;

    /** Keys given twice in one object, each with the line of the second. */
    QList<CatalogProblem> duplicateKeys;

private:
    void skipSpace();
    QString string();
    void value(const QString& path, int depth);

    const char* m_p;
    const char* m_end;
    int m_line = 1;
    QHash<QString, int> m_lines;
};

} // namespace oneseal::core
