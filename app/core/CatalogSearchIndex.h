#pragma once

#include "Catalog.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace oneseal::core {

/**
 * Lower-cased search keys of a catalog's matters and bundles, and the scoring of Catalog::search().
 * Each entry also keeps copies of the catalog's own strings: they share their data, so any later
 * change to the catalog detaches the catalog's string and shows up as a different data pointer,
 * which is how matches() notices a stale index.
 */
class CatalogSearchIndex
{
public:
    explicit CatalogSearchIndex(const Catalog& catalog);

    /** Whether the index was built from exactly this catalog's data (unchanged since). */
    bool matches(const Catalog& catalog) const;

    /** The hits for lower-cased, simplified terms that must all match, best first, at most limit. */
    QList<SearchHit> search(const QStringList& terms, int limit) const;

private:
    struct Entry
    {
        SearchHit::Kind kind;
        QString code, implementationCode, name;
        QStringList keywords;
        QString lcCode, lcImplementationCode, lcName;
        QStringList lcKeywords;
    };

    static Entry entry(SearchHit::Kind kind, const QString& code, const QString& implementationCode,
                       const QString& name, const QStringList& keywords);
    /** 1000 for an exact code down to 200 for a code fragment; 0 when the term does not match. */
    static int score(const Entry& e, const QString& term);

    QList<Entry> m_entries;
};

} // namespace oneseal::core
