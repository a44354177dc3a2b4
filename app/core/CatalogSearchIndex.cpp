#include "CatalogSearchIndex.h"

#include <algorithm>

namespace oneseal::core {

namespace {

bool sameData(const QString& a, const QString& b)
{
    return a.constData() == b.constData() && a.size() == b.size();
}

bool sameData(const QStringList& a, const QStringList& b)
{
    return a.constData() == b.constData() && a.size() == b.size();
}

} // namespace

CatalogSearchIndex::Entry CatalogSearchIndex::entry(SearchHit::Kind kind, const QString& code,
                                                    const QString& implementationCode, const QString& name,
                                                    const QStringList& keywords)
{
    Entry e{kind, code, implementationCode, name, keywords, code.toLower(), implementationCode.toLower(),
            name.toLower(), {}};
    for (const QString& k : keywords)
        e.lcKeywords << k.toLower();
    return e;
}

CatalogSearchIndex::CatalogSearchIndex(const Catalog& c)
{
    m_entries.reserve(c.matters.size() + c.bundles.size());
    for (const Matter& m : c.matters)
        m_entries.append(entry(SearchHit::MatterHit, m.code, m.implementationCode, m.name, m.keywords));
    for (const Bundle& b : c.bundles)
        m_entries.append(entry(SearchHit::BundleHit, b.code, QString(), b.name, b.keywords));
}

bool CatalogSearchIndex::matches(const Catalog& c) const
{
    if (m_entries.size() != c.matters.size() + c.bundles.size())
        return false;
    qsizetype i = 0;
    for (const Matter& m : c.matters) {
        const Entry& e = m_entries.at(i++);
        if (!sameData(e.code, m.code) || !sameData(e.implementationCode, m.implementationCode)
            || !sameData(e.name, m.name) || !sameData(e.keywords, m.keywords))
            return false;
    }
    for (const Bundle& b : c.bundles) {
        const Entry& e = m_entries.at(i++);
        if (!sameData(e.code, b.code) || !sameData(e.name, b.name) || !sameData(e.keywords, b.keywords))
            return false;
    }
    return true;
}

int CatalogSearchIndex::score(const Entry& e, const QString& term)
{
    auto anyKeyword = [&](auto test) { return std::any_of(e.lcKeywords.begin(), e.lcKeywords.end(), test); };
    if (e.lcCode == term || e.lcImplementationCode == term)
        return 1000;
    if (e.lcName == term)
        return 900;
    if (anyKeyword([&](const QString& k) { return k == term; }))
        return 800;
    if (e.lcName.startsWith(term))
        return 700;
    if (e.lcCode.startsWith(term) || e.lcImplementationCode.startsWith(term))
        return 600;
    if (anyKeyword([&](const QString& k) { return k.startsWith(term); }))
        return 500;
    if (e.lcName.contains(term))
        return 400;
    if (anyKeyword([&](const QString& k) { return k.contains(term); }))
        return 300;
    if (e.lcCode.contains(term) || e.lcImplementationCode.contains(term))
        return 200;
    return 0;
}

QList<SearchHit> CatalogSearchIndex::search(const QStringList& terms, int limit) const
{
    if (terms.isEmpty() || limit <= 0)
        return {};
    struct Scored
    {
        SearchHit hit;
        qsizetype position;
    };
    QList<Scored> found;
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        const Entry& e = m_entries.at(i);
        int total = 0;
        for (const QString& term : terms) {
            const int s = score(e, term);
            if (s == 0) {
                total = 0;
                break;
            }
            total += s;
        }
        if (total > 0)
            found.append({{e.kind, e.code, e.name, total}, i});
    }
    std::sort(found.begin(), found.end(), [](const Scored& a, const Scored& b) {
        if (a.hit.score != b.hit.score)
            return a.hit.score > b.hit.score;
        if (a.hit.name.size() != b.hit.name.size())
            return a.hit.name.size() < b.hit.name.size();
        return a.position < b.position;
    });
    QList<SearchHit> hits;
    for (qsizetype i = 0; i < found.size() && i < limit; ++i)
        hits.append(found.at(i).hit);
    return hits;
}

} // namespace oneseal::core
