#include "CatalogWriter.h"

#include "CatalogKeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace oneseal::core {

using namespace catalogkeys;

namespace {

QJsonArray toArray(const QStringList& list)
{
    QJsonArray array;
    for (const QString& s : list)
        array.append(s);
    return array;
}

} // namespace

QByteArray CatalogWriter::write(const Catalog& catalog)
{
    QJsonArray matterArray;
    for (const Matter& m : catalog.matters) {
        QJsonArray materialArray;
        for (const Material& x : m.materials)
            materialArray.append(QJsonObject{
                {QStringLiteral("code"), x.code},
                {QStringLiteral("name"), x.name},
                {QStringLiteral("form"), keyOf(kForms, x.form)},
                {QStringLiteral("copies"), x.copies},
                {QStringLiteral("requirement"), keyOf(kRequirements, x.requirement)},
                {QStringLiteral("source"), keyOf(kSources, x.source)},
                {QStringLiteral("core"), x.core},
                {QStringLiteral("standard"), x.standard},
                {QStringLiteral("basis"), x.basis},
                {QStringLiteral("blankForm"), x.blankForm},
                {QStringLiteral("sample"), x.sample},
                {QStringLiteral("order"), x.order},
            });
        QJsonObject matter{
            {QStringLiteral("code"), m.code},
            {QStringLiteral("implementationCode"), m.implementationCode},
            {QStringLiteral("name"), m.name},
            {QStringLiteral("keywords"), toArray(m.keywords)},
            {QStringLiteral("type"), keyOf(kMatterTypes, m.type)},
            {QStringLiteral("body"), m.body},
            {QStringLiteral("department"), m.department},
            {QStringLiteral("zone"), keyOf(kZones, m.zone)},
            {QStringLiteral("legalLimitDays"), m.legalLimitDays},
            {QStringLiteral("promisedLimitDays"), m.promisedLimitDays},
            {QStringLiteral("instant"), m.instant},
            {QStringLiteral("risk"), keyOf(kRisks, m.risk)},
            {QStringLiteral("siteInspection"), m.siteInspection},
            {QStringLiteral("commitmentAllowed"), m.commitmentAllowed},
            {QStringLiteral("deferralAllowed"), m.deferralAllowed},
            {QStringLiteral("requiredVisits"), m.requiredVisits},
            {QStringLiteral("fee"), m.fee},
            {QStringLiteral("feeBasis"), m.feeBasis},
            {QStringLiteral("resultType"), m.resultType},
            {QStringLiteral("resultName"), m.resultName},
            {QStringLiteral("materials"), materialArray},
        };
        if (m.commitmentAllowed)
            matter.insert(QStringLiteral("pledgeCheckDays"), m.pledgeCheckDays);
        if (!m.declaredFields.isEmpty()) {
            QJsonArray declared;
            for (const DeclaredField& d : m.declaredFields)
                declared.append(QJsonObject{{QStringLiteral("key"), d.key},
                                            {QStringLiteral("label"), d.label},
                                            {QStringLiteral("values"), toArray(d.values)}});
            matter.insert(QStringLiteral("declaredFields"), declared);
        }
        if (m.onOwedLapse != OwedLapse::Revoke)
            matter.insert(QStringLiteral("onOwedLapse"), keyOf(kOwedLapses, m.onOwedLapse));
        matterArray.append(matter);
    }
    QJsonArray bundleArray;
    for (const Bundle& b : catalog.bundles) {
        QJsonObject o{
            {QStringLiteral("code"), b.code},
            {QStringLiteral("name"), b.name},
            {QStringLiteral("keywords"), toArray(b.keywords)},
            {QStringLiteral("matters"), toArray(b.matterCodes)},
            {QStringLiteral("includes"), toArray(b.includes)},
            {QStringLiteral("description"), b.description},
        };
        if (!b.preconditions.isEmpty())
            o.insert(QStringLiteral("preconditions"), toArray(b.preconditions));
        if (!b.combinedInspections.isEmpty()) {
            QJsonArray groups;
            for (const QStringList& g : b.combinedInspections)
                groups.append(toArray(g));
            o.insert(QStringLiteral("combinedInspections"), groups);
        }
        bundleArray.append(o);
    }
    const QJsonObject root{
        {QStringLiteral("version"), catalog.version},
        {QStringLiteral("effectiveFrom"), catalog.effectiveFrom.toString(Qt::ISODate)},
        {QStringLiteral("hall"), catalog.hall},
        {QStringLiteral("matters"), matterArray},
        {QStringLiteral("bundles"), bundleArray},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray Catalog::toJson() const
{
    return CatalogWriter::write(*this);
}

} // namespace oneseal::core
