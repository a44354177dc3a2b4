#include "CatalogReader.h"

#include "CatalogJsonScanner.h"
#include "CatalogKeys.h"
#include "CatalogProblem.h"
#include "CatalogValidator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace oneseal::core {

using namespace catalogkeys;

namespace {

/** Reads the fields of the parsed document, noting every structural problem with its path. */
class FieldReader
{
public:
    QList<CatalogProblem> problems;

    void add(const QString& path, const QString& message) { problems.append({path, message}); }

    void checkKeys(const QJsonObject& o, const QString& path, const QStringList& allowed)
    {
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            if (!allowed.contains(it.key()))
                add(catalogChildPath(path, it.key()), Catalog::tr("unknown field \"%1\"; the fields allowed here are: %2.")
                                                   .arg(it.key().left(40), allowed.join(QStringLiteral(", "))));
    }

    std::optional<QJsonValue> field(const QJsonObject& o, const QString& path, const QString& key, bool required)
    {
        const auto it = o.constFind(key);
        if (it == o.constEnd()) {
            if (required)
                add(catalogChildPath(path, key), Catalog::tr("the required field \"%1\" is missing.").arg(key));
            return std::nullopt;
        }
        return it.value();
    }

    QString text(const QJsonObject& o, const QString& path, const QString& key, bool required)
    {
        const auto v = field(o, path, key, required);
        if (!v)
            return QString();
        if (!v->isString()) {
            add(catalogChildPath(path, key), Catalog::tr("must be text in double quotes."));
            return QString();
        }
        return v->toString();
    }

    double number(const QJsonObject& o, const QString& path, const QString& key, double fallback)
    {
        const auto v = field(o, path, key, true);
        if (!v)
            return fallback;
        if (!v->isDouble()) {
            add(catalogChildPath(path, key), Catalog::tr("must be a number."));
            return fallback;
        }
        return v->toDouble();
    }

    int integer(const QJsonObject& o, const QString& path, const QString& key, bool required, int fallback)
    {
        const auto v = field(o, path, key, required);
        if (!v)
            return fallback;
        const double d = v->toDouble();
        if (!v->isDouble() || d != std::trunc(d) || std::abs(d) > 1e9) {
            add(catalogChildPath(path, key), Catalog::tr("must be a whole number."));
            return fallback;
        }
        return int(d);
    }

    bool flag(const QJsonObject& o, const QString& path, const QString& key)
    {
        const auto v = field(o, path, key, false);
        if (!v)
            return false;
        if (!v->isBool()) {
            add(catalogChildPath(path, key), Catalog::tr("must be true or false."));
            return false;
        }
        return v->toBool();
    }

    QStringList texts(const QJsonObject& o, const QString& path, const QString& key, bool required)
    {
        const auto v = field(o, path, key, required);
        if (!v)
            return {};
        if (!v->isArray()) {
            add(catalogChildPath(path, key), Catalog::tr("must be a list of texts in square brackets."));
            return {};
        }
        QStringList list;
        const QJsonArray array = v->toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (array.at(i).isString())
                list << array.at(i).toString();
            else
                add(catalogIndexPath(catalogChildPath(path, key), i), Catalog::tr("must be text in double quotes."));
        }
        return list;
    }

    QJsonArray objects(const QJsonObject& o, const QString& path, const QString& key, bool required)
    {
        const auto v = field(o, path, key, required);
        if (!v)
            return {};
        if (!v->isArray()) {
            add(catalogChildPath(path, key), Catalog::tr("must be a list in square brackets."));
            return {};
        }
        return v->toArray();
    }

    template <typename E, std::size_t N>
    E choice(const QJsonObject& o, const QString& path, const QString& key, const EnumKey<E> (&table)[N], E fallback,
             bool acceptNumericCode = false)
    {
        const QString value = text(o, path, key, true);
        if (value.isNull())
            return fallback;
        if (const auto e = valueOf(table, value))
            return *e;
        if (acceptNumericCode)
            for (const auto& entry : table)
                if (value == QStringLiteral("%1").arg(int(entry.value), 2, 10, QLatin1Char('0')))
                    return entry.value;
        add(catalogChildPath(path, key),
            Catalog::tr("unknown value \"%1\"; expected one of: %2.").arg(value.left(40), keyList(table)));
        return fallback;
    }

    Material material(const QJsonObject& o, const QString& path, int position)
    {
        checkKeys(o, path,
                  {QStringLiteral("code"), QStringLiteral("name"), QStringLiteral("form"), QStringLiteral("copies"),
                   QStringLiteral("requirement"), QStringLiteral("source"), QStringLiteral("core"),
                   QStringLiteral("standard"), QStringLiteral("basis"), QStringLiteral("blankForm"),
                   QStringLiteral("sample"), QStringLiteral("order")});
        Material m;
        m.code = text(o, path, QStringLiteral("code"), true);
        m.name = text(o, path, QStringLiteral("name"), true);
        m.form = choice(o, path, QStringLiteral("form"), kForms, MaterialForm::Original);
        m.copies = integer(o, path, QStringLiteral("copies"), false, m.form == MaterialForm::Electronic ? 0 : 1);
        m.requirement = choice(o, path, QStringLiteral("requirement"), kRequirements, MaterialRequirement::Required);
        m.source = choice(o, path, QStringLiteral("source"), kSources, MaterialSource::Applicant);
        m.core = flag(o, path, QStringLiteral("core"));
        m.standard = text(o, path, QStringLiteral("standard"), false);
        m.basis = text(o, path, QStringLiteral("basis"), false);
        m.blankForm = text(o, path, QStringLiteral("blankForm"), false);
        m.sample = text(o, path, QStringLiteral("sample"), false);
        m.order = integer(o, path, QStringLiteral("order"), false, position);
        return m;
    }

    Matter matter(const QJsonObject& o, const QString& path)
    {
        checkKeys(o, path,
                  {QStringLiteral("code"), QStringLiteral("implementationCode"), QStringLiteral("name"),
                   QStringLiteral("keywords"), QStringLiteral("type"), QStringLiteral("body"),
                   QStringLiteral("department"), QStringLiteral("zone"), QStringLiteral("legalLimitDays"),
                   QStringLiteral("promisedLimitDays"), QStringLiteral("instant"), QStringLiteral("risk"),
                   QStringLiteral("siteInspection"), QStringLiteral("commitmentAllowed"),
                   QStringLiteral("pledgeCheckDays"), QStringLiteral("deferralAllowed"), QStringLiteral("onOwedLapse"), QStringLiteral("requiredVisits"), QStringLiteral("fee"),
                   QStringLiteral("feeBasis"), QStringLiteral("resultType"), QStringLiteral("resultName"),
                   QStringLiteral("materials"), QStringLiteral("declaredFields")});
        Matter m;
        m.code = text(o, path, QStringLiteral("code"), true);
        m.implementationCode = text(o, path, QStringLiteral("implementationCode"), false);
        m.name = text(o, path, QStringLiteral("name"), true);
        m.keywords = texts(o, path, QStringLiteral("keywords"), false);
        m.type = choice(o, path, QStringLiteral("type"), kMatterTypes, MatterType::Licensing, true);
        m.body = text(o, path, QStringLiteral("body"), true);
        m.department = text(o, path, QStringLiteral("department"), false);
        m.zone = choice(o, path, QStringLiteral("zone"), kZones, Zone::MarketAccess);
        m.legalLimitDays = number(o, path, QStringLiteral("legalLimitDays"), 0);
        m.promisedLimitDays = number(o, path, QStringLiteral("promisedLimitDays"), 0);
        m.instant = flag(o, path, QStringLiteral("instant"));
        m.risk = choice(o, path, QStringLiteral("risk"), kRisks, RiskLevel::Medium);
        m.siteInspection = flag(o, path, QStringLiteral("siteInspection"));
        m.commitmentAllowed = flag(o, path, QStringLiteral("commitmentAllowed"));
        m.pledgeCheckDays = integer(o, path, QStringLiteral("pledgeCheckDays"), false,
                                    m.commitmentAllowed ? Catalog::kDefaultPledgeCheckDays : 0);
        m.deferralAllowed = flag(o, path, QStringLiteral("deferralAllowed"));
        if (o.contains(QStringLiteral("onOwedLapse"))) // optional: "revoke" when absent
            m.onOwedLapse = choice(o, path, QStringLiteral("onOwedLapse"), kOwedLapses, OwedLapse::Revoke);
        m.requiredVisits = integer(o, path, QStringLiteral("requiredVisits"), true, 1);
        m.fee = text(o, path, QStringLiteral("fee"), false);
        m.feeBasis = text(o, path, QStringLiteral("feeBasis"), false);
        m.resultType = text(o, path, QStringLiteral("resultType"), true);
        m.resultName = text(o, path, QStringLiteral("resultName"), true);
        const QString materialsPath = catalogChildPath(path, QStringLiteral("materials"));
        const QJsonArray materials = objects(o, path, QStringLiteral("materials"), true);
        for (qsizetype i = 0; i < materials.size(); ++i) {
            const QString p = catalogIndexPath(materialsPath, i);
            if (!materials.at(i).isObject())
                add(p, Catalog::tr("each material must be an object in braces { }."));
            else
                m.materials.append(material(materials.at(i).toObject(), p, int(i) + 1));
        }
        const QString declaredPath = catalogChildPath(path, QStringLiteral("declaredFields"));
        const QJsonArray declared = objects(o, path, QStringLiteral("declaredFields"), false);
        for (qsizetype i = 0; i < declared.size(); ++i) {
            const QString p = catalogIndexPath(declaredPath, i);
            if (!declared.at(i).isObject()) {
                add(p, Catalog::tr("each declared field must be an object in braces { }."));
                continue;
            }
            const QJsonObject d = declared.at(i).toObject();
            checkKeys(d, p, {QStringLiteral("key"), QStringLiteral("label"), QStringLiteral("values")});
            m.declaredFields.append({text(d, p, QStringLiteral("key"), true), text(d, p, QStringLiteral("label"), true),
                                     texts(d, p, QStringLiteral("values"), true)});
        }
        return m;
    }

    Bundle bundle(const QJsonObject& o, const QString& path)
    {
        checkKeys(o, path,
                  {QStringLiteral("code"), QStringLiteral("name"), QStringLiteral("keywords"),
                   QStringLiteral("matters"), QStringLiteral("includes"), QStringLiteral("description"),
                   QStringLiteral("preconditions"), QStringLiteral("combinedInspections")});
        Bundle b;
        b.code = text(o, path, QStringLiteral("code"), true);
        b.name = text(o, path, QStringLiteral("name"), true);
        b.keywords = texts(o, path, QStringLiteral("keywords"), false);
        b.matterCodes = texts(o, path, QStringLiteral("matters"), true);
        b.includes = texts(o, path, QStringLiteral("includes"), false);
        b.description = text(o, path, QStringLiteral("description"), false);
        b.preconditions = texts(o, path, QStringLiteral("preconditions"), false);
        const QString groupsPath = catalogChildPath(path, QStringLiteral("combinedInspections"));
        const QJsonArray groups = objects(o, path, QStringLiteral("combinedInspections"), false);
        for (qsizetype i = 0; i < groups.size(); ++i) {
            if (!groups.at(i).isArray()) {
                add(catalogIndexPath(groupsPath, i), Catalog::tr("must be a list of matter codes in square brackets."));
                continue;
            }
            QStringList group;
            const QJsonArray codes = groups.at(i).toArray();
            for (qsizetype j = 0; j < codes.size(); ++j) {
                if (codes.at(j).isString())
                    group << codes.at(j).toString();
                else
                    add(catalogIndexPath(catalogIndexPath(groupsPath, i), j), Catalog::tr("must be text in double quotes."));
            }
            b.combinedInspections << group;
        }
        return b;
    }

    Catalog catalog(const QJsonObject& o)
    {
        checkKeys(o, QString(),
                  {QStringLiteral("version"), QStringLiteral("effectiveFrom"), QStringLiteral("hall"),
                   QStringLiteral("matters"), QStringLiteral("bundles")});
        Catalog c;
        c.version = integer(o, QString(), QStringLiteral("version"), true, 0);
        const QString from = text(o, QString(), QStringLiteral("effectiveFrom"), true);
        if (!from.isNull()) {
            c.effectiveFrom = QDate::fromString(from, Qt::ISODate);
            if (!c.effectiveFrom.isValid())
                add(QStringLiteral("effectiveFrom"),
                    Catalog::tr("\"%1\" is not a date written as YYYY-MM-DD.").arg(from.left(40)));
        }
        c.hall = text(o, QString(), QStringLiteral("hall"), true);
        const QJsonArray matters = objects(o, QString(), QStringLiteral("matters"), true);
        for (qsizetype i = 0; i < matters.size(); ++i) {
            const QString p = catalogIndexPath(QStringLiteral("matters"), i);
            if (!matters.at(i).isObject())
                add(p, Catalog::tr("each matter must be an object in braces { }."));
            else
                c.matters.append(matter(matters.at(i).toObject(), p));
        }
        const QJsonArray bundles = objects(o, QString(), QStringLiteral("bundles"), false);
        for (qsizetype i = 0; i < bundles.size(); ++i) {
            const QString p = catalogIndexPath(QStringLiteral("bundles"), i);
            if (!bundles.at(i).isObject())
                add(p, Catalog::tr("each bundle must be an object in braces { }."));
            else
                c.bundles.append(bundle(bundles.at(i).toObject(), p));
        }
        return c;
    }
};

} // namespace

std::optional<Catalog> CatalogReader::read(const QByteArray& json, QString* error)
{
    if (error)
        error->clear();
    QByteArray data = json;
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    if (data.trimmed().isEmpty()) {
        if (error)
            *error = Catalog::tr("The catalog file is empty.");
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = data.left(parseError.offset);
        const int line = int(before.count('\n')) + 1;
        const int column = int(QString::fromUtf8(before.mid(before.lastIndexOf('\n') + 1)).size()) + 1;
        if (error)
            *error = Catalog::tr("Line %1, column %2: the catalog is not valid JSON (%3).")
                         .arg(line)
                         .arg(column)
                         .arg(parseError.errorString());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        if (error)
            *error = Catalog::tr("Line 1: the catalog must be a JSON object in braces { }.");
        return std::nullopt;
    }
    const CatalogJsonScanner lines(data);
    FieldReader reader;
    reader.problems = lines.duplicateKeys;
    Catalog catalog = reader.catalog(doc.object());
    if (reader.problems.isEmpty())
        reader.problems = CatalogValidator::problems(catalog);
    if (!reader.problems.isEmpty()) {
        if (error)
            *error = formatCatalogProblems(reader.problems, &lines);
        return std::nullopt;
    }
    return catalog;
}

std::optional<Catalog> CatalogReader::builtInDemo(QString* error)
{
    QFile file(Catalog::builtInDemoPath());
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = Catalog::tr("The built-in demonstration catalog is missing from this build.");
        return std::nullopt;
    }
    return read(file.readAll(), error);
}

std::optional<Catalog> Catalog::fromJson(const QByteArray& json, QString* error)
{
    return CatalogReader::read(json, error);
}

std::optional<Catalog> Catalog::builtInDemo(QString* error)
{
    return CatalogReader::builtInDemo(error);
}

} // namespace oneseal::core
