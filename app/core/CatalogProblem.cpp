#include "CatalogProblem.h"

#include "Catalog.h"
#include "CatalogJsonScanner.h"

#include <algorithm>

namespace oneseal::core {

QString catalogChildPath(const QString& path, const QString& key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString catalogIndexPath(const QString& path, qsizetype index)
{
    return path + QStringLiteral("[%1]").arg(index);
}

QString catalogParentPath(const QString& path)
{
    const qsizetype cut = std::max(path.lastIndexOf(QLatin1Char('.')), path.lastIndexOf(QLatin1Char('[')));
    return cut < 0 ? QString() : path.left(cut);
}

QString formatCatalogProblems(const QList<CatalogProblem>& problems, const CatalogJsonScanner* lines)
{
    constexpr int shown = 20;
    QStringList text;
    for (qsizetype i = 0; i < problems.size() && i < shown; ++i) {
        const CatalogProblem& p = problems.at(i);
        const QString where = p.path.isEmpty() ? Catalog::tr("catalog") : p.path;
        if (lines)
            text << Catalog::tr("Line %1, %2: %3").arg(p.line > 0 ? p.line : lines->lineOf(p.path)).arg(where, p.message);
        else
            text << Catalog::tr("%1: %2").arg(where, p.message);
    }
    if (problems.size() > shown)
        text << Catalog::tr("… and %n more problem(s).", nullptr, int(problems.size() - shown));
    return text.join(QLatin1Char('\n'));
}

} // namespace oneseal::core
