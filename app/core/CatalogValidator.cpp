#include "CatalogValidator.h"

#include "CatalogKeys.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <cmath>
#include <functional>

namespace oneseal::core {

using namespace catalogkeys;

namespace {

/** Checks one text field: length, control characters and (when required) that it is not empty. */
void checkText(QList<CatalogProblem>& out, const QString& path, const QString& text, bool required, bool isCode = false)
{
    if (required && text.trimmed().isEmpty()) {
        out.append({path, Catalog::tr("must not be empty.")});
        return;
    }
    if (text.size() > Catalog::maxTextLength) {
        out.append({path, Catalog::tr("is %1 characters long; at most %2 are allowed.")
                              .arg(text.size())
                              .arg(Catalog::maxTextLength)});
        return;
    }
    for (const QChar c : text) {
        const ushort u = c.unicode();
        if (u < 0x20 || (u >= 0x7f && u <= 0x9f)) {
            out.append({path, Catalog::tr("contains the control character U+%1; remove it.")
                                  .arg(QString::number(u, 16).toUpper().rightJustified(4, QLatin1Char('0')))});
            return;
        }
        if (isCode && c.isSpace()) {
            out.append({path, Catalog::tr("a code may not contain spaces.")});
            return;
        }
    }
}

void checkTexts(QList<CatalogProblem>& out, const QString& path, const QStringList& texts)
{
    for (qsizetype i = 0; i < texts.size(); ++i)
        checkText(out, catalogIndexPath(path, i), texts.at(i), true);
}

/** Whether a limit is a whole or half number of working days in the accepted range. */
bool checkLimit(QList<CatalogProblem>& out, const QString& path, double days)
{
    if (!std::isfinite(days) || days < 0) {
        out.append({path, Catalog::tr("a time limit cannot be negative.")});
        return false;
    }
    if (days > Catalog::maxLimitDays) {
        out.append({path, Catalog::tr("%1 working days is not a plausible time limit (at most %2).")
                              .arg(days)
                              .arg(Catalog::maxLimitDays)});
        return false;
    }
    if (days * 2 != std::trunc(days * 2)) {
        out.append({path, Catalog::tr("time limits are counted in whole or half working days; %1 is neither.")
                              .arg(days)});
        return false;
    }
    return true;
}

template <typename E, std::size_t N>
void checkEnum(QList<CatalogProblem>& out, const QString& path, const EnumKey<E> (&table)[N], E value)
{
    if (keyOf(table, value).isEmpty())
        out.append({path, Catalog::tr("holds the unknown value %1.").arg(int(value))});
}

void checkMaterial(QList<CatalogProblem>& out, const QString& path, const Matter& matter, const Material& m)
{
    checkText(out, catalogChildPath(path, QStringLiteral("code")), m.code, true, true);
    checkText(out, catalogChildPath(path, QStringLiteral("name")), m.name, true);
    checkText(out, catalogChildPath(path, QStringLiteral("standard")), m.standard, false);
    checkText(out, catalogChildPath(path, QStringLiteral("basis")), m.basis, false);
    checkText(out, catalogChildPath(path, QStringLiteral("blankForm")), m.blankForm, false);
    checkText(out, catalogChildPath(path, QStringLiteral("sample")), m.sample, false);
    checkEnum(out, catalogChildPath(path, QStringLiteral("form")), kForms, m.form);
    checkEnum(out, catalogChildPath(path, QStringLiteral("requirement")), kRequirements, m.requirement);
    checkEnum(out, catalogChildPath(path, QStringLiteral("source")), kSources, m.source);
    if (m.copies < 0 || m.copies > 99)
        out.append({catalogChildPath(path, QStringLiteral("copies")),
                    Catalog::tr("%1 copies is not plausible (0 to 99).").arg(m.copies)});
    else if (m.copies == 0 && m.form != MaterialForm::Electronic)
        out.append({catalogChildPath(path, QStringLiteral("copies")),
                    Catalog::tr("a paper original or copy needs at least one copy.")});
    if (m.order < 0)
        out.append({catalogChildPath(path, QStringLiteral("order")), Catalog::tr("the order cannot be negative.")});
    if (m.requirement == MaterialRequirement::Deferrable && !matter.deferralAllowed)
        out.append({catalogChildPath(path, QStringLiteral("requirement")),
                    Catalog::tr("the material \"%1\" is deferrable, but the matter %2 does not allow deferred "
                                "materials (容缺); set \"deferralAllowed\": true or make it required.")
                        .arg(m.name, matter.code)});
}

void checkMatter(QList<CatalogProblem>& out, const QString& path, const Matter& m)
{
    checkText(out, catalogChildPath(path, QStringLiteral("code")), m.code, true, true);
    checkText(out, catalogChildPath(path, QStringLiteral("implementationCode")), m.implementationCode, false, true);
    checkText(out, catalogChildPath(path, QStringLiteral("name")), m.name, true);
    checkTexts(out, catalogChildPath(path, QStringLiteral("keywords")), m.keywords);
    checkText(out, catalogChildPath(path, QStringLiteral("body")), m.body, true);
    checkText(out, catalogChildPath(path, QStringLiteral("department")), m.department, false);
    checkText(out, catalogChildPath(path, QStringLiteral("fee")), m.fee, false);
    checkText(out, catalogChildPath(path, QStringLiteral("feeBasis")), m.feeBasis, false);
    checkText(out, catalogChildPath(path, QStringLiteral("resultName")), m.resultName, true);
    checkEnum(out, catalogChildPath(path, QStringLiteral("type")), kMatterTypes, m.type);
    checkEnum(out, catalogChildPath(path, QStringLiteral("zone")), kZones, m.zone);
    checkEnum(out, catalogChildPath(path, QStringLiteral("risk")), kRisks, m.risk);
    if (!catalogResultTypes().contains(m.resultType))
        out.append({catalogChildPath(path, QStringLiteral("resultType")),
                    Catalog::tr("unknown value \"%1\"; expected one of: %2.")
                        .arg(m.resultType.left(40), catalogResultTypes().join(QStringLiteral(", ")))});
    if (m.commitmentAllowed && (m.pledgeCheckDays < 1 || m.pledgeCheckDays > int(Catalog::maxLimitDays)))
        out.append({catalogChildPath(path, QStringLiteral("pledgeCheckDays")),
                    Catalog::tr("the later check of a pledge must be due within 1 to %1 working days, not %2.")
                        .arg(int(Catalog::maxLimitDays))
                        .arg(m.pledgeCheckDays)});
    if (!m.commitmentAllowed && m.pledgeCheckDays != 0)
        out.append({catalogChildPath(path, QStringLiteral("pledgeCheckDays")),
                    Catalog::tr("only a matter with \"commitmentAllowed\": true has pledges to check later.")});
    const QString declaredPath = catalogChildPath(path, QStringLiteral("declaredFields"));
    QStringList declaredKeys;
    for (qsizetype i = 0; i < m.declaredFields.size(); ++i) {
        const DeclaredField& d = m.declaredFields.at(i);
        const QString p = catalogIndexPath(declaredPath, i);
        static const QRegularExpression keyPattern(QStringLiteral("^[A-Za-z][A-Za-z0-9_]*$"));
        if (d.key.size() > DeclaredField::kMaxKeyLength || !keyPattern.match(d.key).hasMatch())
            out.append({catalogChildPath(p, QStringLiteral("key")),
                        Catalog::tr("a declared field's key is a certificate field name of at most %1 letters, digits "
                                    "or underscores, starting with a letter.")
                            .arg(DeclaredField::kMaxKeyLength)});
        else if (declaredKeys.contains(d.key))
            out.append({catalogChildPath(p, QStringLiteral("key")),
                        Catalog::tr("the key \"%1\" is declared twice for this matter.").arg(d.key)});
        declaredKeys << d.key;
        checkText(out, catalogChildPath(p, QStringLiteral("label")), d.label, true);
        if (d.values.isEmpty())
            out.append({catalogChildPath(p, QStringLiteral("values")),
                        Catalog::tr("a declared field needs at least one allowed value.")});
        for (const QString& v : d.values)
            if (v.trimmed().isEmpty() || v.size() > DeclaredField::kMaxValueLength || d.values.count(v) > 1) {
                out.append({catalogChildPath(p, QStringLiteral("values")),
                            Catalog::tr("each allowed value must be given once, not empty and at most %1 characters.")
                                .arg(DeclaredField::kMaxValueLength)});
                break;
            }
    }
    checkEnum(out, catalogChildPath(path, QStringLiteral("onOwedLapse")), kOwedLapses, m.onOwedLapse);
    if (!m.deferralAllowed && m.onOwedLapse != OwedLapse::Revoke)
        out.append({catalogChildPath(path, QStringLiteral("onOwedLapse")),
                    Catalog::tr("only a matter with \"deferralAllowed\": true has owed materials that can lapse.")});
    if (m.requiredVisits < 0 || m.requiredVisits > 10)
        out.append({catalogChildPath(path, QStringLiteral("requiredVisits")),
                    Catalog::tr("%1 visits is not plausible (0 to 10).").arg(m.requiredVisits)});

    const QString legalPath = catalogChildPath(path, QStringLiteral("legalLimitDays"));
    const QString promisedPath = catalogChildPath(path, QStringLiteral("promisedLimitDays"));
    const bool legalOk = checkLimit(out, legalPath, m.legalLimitDays);
    const bool promisedOk = checkLimit(out, promisedPath, m.promisedLimitDays);
    if (legalOk && promisedOk) {
        if (m.promisedLimitDays > m.legalLimitDays)
            out.append({promisedPath, Catalog::tr("the matter %1 promises %2 working days, longer than its legal "
                                                  "limit of %3; the promised limit may not exceed the legal one.")
                                          .arg(m.code)
                                          .arg(m.promisedLimitDays)
                                          .arg(m.legalLimitDays)});
        else if (m.instant && m.promisedLimitDays != 0)
            out.append({promisedPath, Catalog::tr("an instant matter (即办件) is finished on the spot: its promised "
                                                  "limit must be 0.")});
        else if (!m.instant && m.promisedLimitDays == 0)
            out.append({promisedPath, Catalog::tr("a promised matter (承诺件) needs a promised limit above 0; "
                                                  "otherwise mark it \"instant\": true.")});
    }

    QSet<QString> codes;
    for (qsizetype i = 0; i < m.materials.size(); ++i) {
        const QString p = catalogIndexPath(catalogChildPath(path, QStringLiteral("materials")), i);
        const Material& material = m.materials.at(i);
        checkMaterial(out, p, m, material);
        if (codes.contains(material.code))
            out.append({catalogChildPath(p, QStringLiteral("code")),
                        Catalog::tr("the material code %1 appears twice in the matter %2.").arg(material.code, m.code)});
        codes.insert(material.code);
    }
}

void checkBundles(QList<CatalogProblem>& out, const Catalog& c, const QHash<QString, qsizetype>& matterIndex)
{
    QHash<QString, qsizetype> bundleIndex;
    for (qsizetype i = 0; i < c.bundles.size(); ++i) {
        const Bundle& b = c.bundles.at(i);
        const QString path = catalogIndexPath(QStringLiteral("bundles"), i);
        checkText(out, catalogChildPath(path, QStringLiteral("code")), b.code, true, true);
        checkText(out, catalogChildPath(path, QStringLiteral("name")), b.name, true);
        checkTexts(out, catalogChildPath(path, QStringLiteral("keywords")), b.keywords);
        checkText(out, catalogChildPath(path, QStringLiteral("description")), b.description, false);
        if (bundleIndex.contains(b.code))
            out.append({catalogChildPath(path, QStringLiteral("code")),
                        Catalog::tr("the bundle code %1 is used twice.").arg(b.code)});
        else if (matterIndex.contains(b.code))
            out.append({catalogChildPath(path, QStringLiteral("code")),
                        Catalog::tr("the code %1 is used by a matter and by a bundle.").arg(b.code)});
        else
            bundleIndex.insert(b.code, i);
        if (b.matterCodes.isEmpty() && b.includes.isEmpty())
            out.append({catalogChildPath(path, QStringLiteral("matters")),
                        Catalog::tr("the bundle %1 contains no matter.").arg(b.code)});
        QSet<QString> seen;
        for (qsizetype j = 0; j < b.matterCodes.size(); ++j) {
            const QString& code = b.matterCodes.at(j);
            const QString p = catalogIndexPath(catalogChildPath(path, QStringLiteral("matters")), j);
            if (!matterIndex.contains(code))
                out.append({p, Catalog::tr("the bundle %1 refers to the matter %2, which is not in the catalog.")
                                   .arg(b.code, code)});
            else if (seen.contains(code))
                out.append({p, Catalog::tr("the bundle %1 lists the matter %2 twice.").arg(b.code, code)});
            seen.insert(code);
        }
    }
    for (qsizetype i = 0; i < c.bundles.size(); ++i) {
        const Bundle& b = c.bundles.at(i);
        for (qsizetype j = 0; j < b.includes.size(); ++j)
            if (!bundleIndex.contains(b.includes.at(j)))
                out.append({catalogIndexPath(catalogChildPath(catalogIndexPath(QStringLiteral("bundles"), i), QStringLiteral("includes")), j),
                            Catalog::tr("the bundle %1 includes the bundle %2, which is not in the catalog.")
                                .arg(b.code, b.includes.at(j))});
    }

    // Cycles among includes: depth-first search, reporting each cycle once, where it closes.
    enum State : char { Unseen, Open, Done };
    QList<char> state(c.bundles.size(), Unseen);
    QList<qsizetype> stack;
    std::function<void(qsizetype)> visit = [&](qsizetype i) {
        state[i] = Open;
        stack.append(i);
        const Bundle& b = c.bundles.at(i);
        for (qsizetype j = 0; j < b.includes.size(); ++j) {
            const auto it = bundleIndex.constFind(b.includes.at(j));
            if (it == bundleIndex.constEnd())
                continue;
            if (state[*it] == Open) {
                QStringList cycle;
                for (qsizetype k = stack.indexOf(*it); k < stack.size(); ++k)
                    cycle << c.bundles.at(stack.at(k)).code;
                cycle << c.bundles.at(*it).code;
                out.append({catalogIndexPath(catalogChildPath(catalogIndexPath(QStringLiteral("bundles"), i), QStringLiteral("includes")), j),
                            Catalog::tr("the bundles include each other in a cycle: %1.")
                                .arg(cycle.join(QStringLiteral(" → ")))});
            } else if (state[*it] == Unseen) {
                visit(*it);
            }
        }
        stack.removeLast();
        state[i] = Done;
    };
    for (qsizetype i = 0; i < c.bundles.size(); ++i)
        if (state[i] == Unseen && bundleIndex.value(c.bundles.at(i).code, -1) == i)
            visit(i);

    // Preconditions: matters of the bundle itself (or of a bundle it includes), each once.
    for (qsizetype i = 0; i < c.bundles.size(); ++i) {
        const Bundle& b = c.bundles.at(i);
        const QStringList matters = c.bundleMatterCodes(b.code);
        for (qsizetype j = 0; j < b.preconditions.size(); ++j) {
            const QString p = catalogIndexPath(
                catalogChildPath(catalogIndexPath(QStringLiteral("bundles"), i), QStringLiteral("preconditions")), j);
            const QString& code = b.preconditions.at(j);
            if (!matters.contains(code))
                out.append({p, Catalog::tr("the bundle %1 names the matter %2 as a precondition, but the matter is not "
                                           "in the bundle.")
                                   .arg(b.code, code)});
            else if (b.preconditions.indexOf(code) != j)
                out.append({p, Catalog::tr("the bundle %1 names the precondition %2 twice.").arg(b.code, code)});
        }
        // Combined inspections: groups of two or more site-inspected matters of the bundle, disjoint.
        QStringList grouped;
        for (qsizetype j = 0; j < b.combinedInspections.size(); ++j) {
            const QString gp = catalogIndexPath(
                catalogChildPath(catalogIndexPath(QStringLiteral("bundles"), i), QStringLiteral("combinedInspections")), j);
            const QStringList& group = b.combinedInspections.at(j);
            if (group.size() < 2)
                out.append({gp, Catalog::tr("a combined inspection of the bundle %1 must name two or more matters.")
                                    .arg(b.code)});
            for (const QString& code : group) {
                const Matter* m = c.matter(code);
                if (!matters.contains(code))
                    out.append({gp, Catalog::tr("the bundle %1 combines the inspection of %2, which is not in the bundle.")
                                        .arg(b.code, code)});
                else if (m && !m->siteInspection)
                    out.append({gp, Catalog::tr("the bundle %1 combines the inspection of %2, which needs no site "
                                                "inspection.")
                                        .arg(b.code, code)});
                else if (grouped.contains(code))
                    out.append({gp, Catalog::tr("the bundle %1 names %2 in more than one combined inspection.")
                                        .arg(b.code, code)});
                grouped << code;
            }
        }
    }
}

} // namespace

QList<CatalogProblem> CatalogValidator::problems(const Catalog& c)
{
    QList<CatalogProblem> out;
    if (c.version < 1)
        out.append({QStringLiteral("version"), Catalog::tr("the version must be a whole number from 1 up.")});
    if (!c.effectiveFrom.isValid())
        out.append({QStringLiteral("effectiveFrom"), Catalog::tr("the date from which the catalog applies is missing.")});
    checkText(out, QStringLiteral("hall"), c.hall, true);

    QHash<QString, qsizetype> matterIndex;
    QHash<QString, qsizetype> implementationIndex;
    QHash<QString, QString> materialNames; // code -> name, across matters
    for (qsizetype i = 0; i < c.matters.size(); ++i) {
        const Matter& m = c.matters.at(i);
        const QString path = catalogIndexPath(QStringLiteral("matters"), i);
        checkMatter(out, path, m);
        if (matterIndex.contains(m.code))
            out.append({catalogChildPath(path, QStringLiteral("code")),
                        Catalog::tr("the matter code %1 is used twice (also by matters[%2]).")
                            .arg(m.code)
                            .arg(matterIndex.value(m.code))});
        else
            matterIndex.insert(m.code, i);
        if (!m.implementationCode.isEmpty()) {
            if (implementationIndex.contains(m.implementationCode))
                out.append({catalogChildPath(path, QStringLiteral("implementationCode")),
                            Catalog::tr("the implementation code %1 is used twice (also by matters[%2]).")
                                .arg(m.implementationCode)
                                .arg(implementationIndex.value(m.implementationCode))});
            else
                implementationIndex.insert(m.implementationCode, i);
        }
        for (qsizetype j = 0; j < m.materials.size(); ++j) {
            const Material& material = m.materials.at(j);
            const auto it = materialNames.constFind(material.code);
            if (it == materialNames.constEnd())
                materialNames.insert(material.code, material.name);
            else if (*it != material.name)
                out.append({catalogChildPath(catalogIndexPath(catalogChildPath(path, QStringLiteral("materials")), j), QStringLiteral("name")),
                            Catalog::tr("the material code %1 is named \"%2\" here but \"%3\" elsewhere; one code "
                                        "must mean one material.")
                                .arg(material.code, material.name, *it)});
        }
    }
    checkBundles(out, c, matterIndex);
    return out;
}

QString CatalogValidator::validate(const Catalog& catalog)
{
    return formatCatalogProblems(problems(catalog), nullptr);
}

QString Catalog::validate() const
{
    return CatalogValidator::validate(*this);
}

} // namespace oneseal::core
