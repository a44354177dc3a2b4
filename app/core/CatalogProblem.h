#pragma once

#include <QList>
#include <QString>

namespace oneseal::core {

class CatalogJsonScanner;

/** A problem found in a catalog: where (a JSON path such as "matters[3].name") and why. */
struct CatalogProblem
{
    QString path;
    QString message;
    int line = 0; ///< when known better than the path's line (a key given twice)
};

/** "matters[3]" + "name" -> "matters[3].name"; the root's children have no leading dot. */
QString catalogChildPath(const QString& path, const QString& key);
/** "matters" + 3 -> "matters[3]". */
QString catalogIndexPath(const QString& path, qsizetype index);
/** "matters[3].name" -> "matters[3]"; the root's parent is the root. */
QString catalogParentPath(const QString& path);

/**
 * The problems as the administrator reads them, at most 20 and a count of the rest, one per line;
 * with a scanner each names the line of the file, otherwise the JSON path only.
 */
QString formatCatalogProblems(const QList<CatalogProblem>& problems, const CatalogJsonScanner* lines);

} // namespace oneseal::core
