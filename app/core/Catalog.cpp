#include "Catalog.h"

#include "CatalogSearchIndex.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <functional>

namespace oneseal::core {

namespace {

int rank(MaterialForm f)
{
    switch (f) {
    case MaterialForm::Original: return 3;
    case MaterialForm::Copy: return 2;
    case MaterialForm::Electronic: return 1;
    }
    return 0;
}

int rank(MaterialRequirement r)
{
    switch (r) {
    case MaterialRequirement::Required: return 3;
    case MaterialRequirement::Deferrable: return 2;
    case MaterialRequirement::Optional: return 1;
    }
    return 0;
}

int rank(MaterialSource s)
{
    switch (s) {
    case MaterialSource::Applicant: return 3;
    case MaterialSource::Government: return 2;
    case MaterialSource::SharedData: return 1;
    }
    return 0;
}

/** Joins two texts that say different things ("a；b"); keeps one when they agree or one is empty. */
QString mergeText(const QString& a, const QString& b)
{
    if (b.isEmpty() || a.split(QStringLiteral("；")).contains(b))
        return a;
    if (a.isEmpty())
        return b;
    return a + QStringLiteral("；") + b;
}

} // namespace

Catalog::IndexCache& Catalog::IndexCache::operator=(const IndexCache&)
{
    QMutexLocker lock(&mutex);
    index.reset();
    return *this;
}

std::shared_ptr<const CatalogSearchIndex> Catalog::searchIndex() const
{
    QMutexLocker lock(&m_cache.mutex);
    if (!m_cache.index || !m_cache.index->matches(*this))
        m_cache.index = std::make_shared<const CatalogSearchIndex>(*this);
    return m_cache.index;
}

const QStringList& catalogResultTypes()
{
    static const QStringList types{QStringLiteral("licence"), QStringLiteral("approval"), QStringLiteral("filing"),
                                   QStringLiteral("confirmation"), QStringLiteral("other")};
    return types;
}

const Matter* Catalog::matter(const QString& code) const
{
    for (const Matter& m : matters)
        if (m.code == code)
            return &m;
    return nullptr;
}

const Bundle* Catalog::bundle(const QString& code) const
{
    for (const Bundle& b : bundles)
        if (b.code == code)
            return &b;
    return nullptr;
}

QStringList Catalog::bundleMatterCodes(const QString& code) const
{
    QStringList codes;
    QSet<QString> visited;
    std::function<void(const QString&)> collect = [&](const QString& bundleCode) {
        if (visited.contains(bundleCode))
            return; // a cycle or a diamond: each bundle once
        visited.insert(bundleCode);
        const Bundle* b = bundle(bundleCode);
        if (!b)
            return;
        for (const QString& m : b->matterCodes)
            if (!codes.contains(m))
                codes << m;
        for (const QString& included : b->includes)
            collect(included);
    };
    collect(code);
    return codes;
}

QStringList Catalog::inspectionGroup(const QString& bundleCode, const QString& matterCode) const
{
    QSet<QString> visited;
    std::function<QStringList(const QString&)> find = [&](const QString& code) -> QStringList {
        if (visited.contains(code))
            return {};
        visited.insert(code);
        const Bundle* b = bundle(code);
        if (!b)
            return {};
        for (const QStringList& group : b->combinedInspections)
            if (group.contains(matterCode))
                return group;
        for (const QString& included : b->includes)
            if (QStringList g = find(included); !g.isEmpty())
                return g;
        return {};
    };
    const QStringList group = find(bundleCode);
    return group.isEmpty() ? QStringList{matterCode} : group;
}

QList<ChecklistItem> Catalog::checklistForMatter(const QString& code) const
{
    QList<ChecklistItem> items;
    const Matter* m = matter(code);
    if (!m)
        return items;
    for (const Material& material : m->materials)
        items.append({material, {m->code}});
    std::stable_sort(items.begin(), items.end(), [](const ChecklistItem& a, const ChecklistItem& b) {
        return a.material.order < b.material.order;
    });
    return items;
}

QList<ChecklistItem> Catalog::checklistForBundle(const QString& code) const
{
    QList<ChecklistItem> items;
    QHash<QString, qsizetype> byCode;
    for (const QString& matterCode : bundleMatterCodes(code)) {
        for (const ChecklistItem& item : checklistForMatter(matterCode)) {
            const Material& x = item.material;
            const auto it = byCode.constFind(x.code);
            if (it == byCode.constEnd()) {
                byCode.insert(x.code, items.size());
                items.append(item);
                continue;
            }
            ChecklistItem& merged = items[*it];
            Material& m = merged.material;
            if (rank(x.form) > rank(m.form))
                m.form = x.form;
            m.copies = std::max(m.copies, x.copies);
            if (rank(x.requirement) > rank(m.requirement))
                m.requirement = x.requirement;
            if (rank(x.source) > rank(m.source))
                m.source = x.source;
            m.core = m.core || x.core;
            m.standard = mergeText(m.standard, x.standard);
            m.basis = mergeText(m.basis, x.basis);
            if (m.blankForm.isEmpty())
                m.blankForm = x.blankForm;
            if (m.sample.isEmpty())
                m.sample = x.sample;
            if (!merged.matterCodes.contains(matterCode))
                merged.matterCodes << matterCode;
        }
    }
    for (qsizetype i = 0; i < items.size(); ++i)
        items[i].material.order = int(i) + 1;
    return items;
}

QList<SearchHit> Catalog::search(const QString& text, int limit) const
{
    const QStringList terms = text.toLower().simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (terms.isEmpty() || limit <= 0)
        return {};
    return searchIndex()->search(terms, limit);
}

bool Catalog::operator==(const Catalog& other) const
{
    return version == other.version && effectiveFrom == other.effectiveFrom && hall == other.hall
        && matters == other.matters && bundles == other.bundles;
}

} // namespace oneseal::core
