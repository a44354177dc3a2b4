#include "Catalog.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>

namespace oneseal::core {

namespace {

template <typename E>
struct EnumKey
{
    E value;
    const char* key;
};

constexpr EnumKey<MatterType> kMatterTypes[] = {
    {MatterType::Licensing, "licensing"},     {MatterType::Penalty, "penalty"},
    {MatterType::Enforcement, "enforcement"}, {MatterType::Levy, "levy"},
    {MatterType::Benefit, "benefit"},         {MatterType::Inspection, "inspection"},
    {MatterType::Confirmation, "confirmation"}, {MatterType::Award, "award"},
    {MatterType::Adjudication, "adjudication"}, {MatterType::OtherPower, "otherPower"},
    {MatterType::PublicService, "publicService"},
};
constexpr EnumKey<Zone> kZones[] = {
    {Zone::Investment, "investment"},
    {Zone::MarketAccess, "marketAccess"},
    {Zone::SocialLivelihood, "socialLivelihood"},
};
constexpr EnumKey<RiskLevel> kRisks[] = {
    {RiskLevel::High, "high"},
    {RiskLevel::Medium, "medium"},
    {RiskLevel::Low, "low"},
};
constexpr EnumKey<MaterialForm> kForms[] = {
    {MaterialForm::Original, "original"},
    {MaterialForm::Copy, "copy"},
    {MaterialForm::Electronic, "electronic"},
};
constexpr EnumKey<MaterialRequirement> kRequirements[] = {
    {MaterialRequirement::Required, "required"},
    {MaterialRequirement::Optional, "optional"},
    {MaterialRequirement::Deferrable, "deferrable"},
};
constexpr EnumKey<MaterialSource> kSources[] = {
    {MaterialSource::Applicant, "applicant"},
    {MaterialSource::Government, "government"},
    {MaterialSource::SharedData, "sharedData"},
};

template <typename E, std::size_t N>
QString keyOf(const EnumKey<E> (&table)[N], E value)
{
    for (const auto& entry : table)
        if (entry.value == value)
            return QString::fromLatin1(entry.key);
    return QString();
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const EnumKey<E> (&table)[N], const QString& key)
{
    for (const auto& entry : table)
        if (key == QLatin1String(entry.key))
            return entry.value;
    return std::nullopt;
}

template <typename E, std::size_t N>
QString keyList(const EnumKey<E> (&table)[N])
{
    QStringList keys;
    for (const auto& entry : table)
        keys << QString::fromLatin1(entry.key);
    return keys.join(QStringLiteral(", "));
}

/** A problem found in a catalog: where (a JSON path such as "matters[3].name") and why. */
struct Problem
{
    QString path;
    QString message;
    int line = 0; ///< when known better than the path's line (a key given twice)
};

QString childPath(const QString& path, const QString& key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString indexPath(const QString& path, qsizetype index)
{
    return path + QStringLiteral("[%1]").arg(index);
}

QString parentPath(const QString& path)
{
    const qsizetype cut = std::max(path.lastIndexOf(QLatin1Char('.')), path.lastIndexOf(QLatin1Char('[')));
    return cut < 0 ? QString() : path.left(cut);
}

/**
 * The line on which each value of a (syntactically valid) JSON text starts, by JSON path, so that
 * problems found in the parsed document can name the line of the file. Also notices keys given
 * twice in one object, which QJsonDocument would silently collapse.
 */
class JsonLines
{
public:
    explicit JsonLines(const QByteArray& json)
        : m_p(json.constData())
        , m_end(json.constData() + json.size())
    {
        value(QString(), 0);
    }

    int lineOf(QString path) const
    {
        for (;;) {
            const auto it = m_lines.constFind(path);
            if (it != m_lines.constEnd())
                return *it;
            if (path.isEmpty())
                return 1;
            path = parentPath(path);
        }
    }

    QList<Problem> duplicateKeys;

private:
    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\r' || *m_p == '\n')) {
            if (*m_p == '\n')
                ++m_line;
            ++m_p;
        }
    }

    QString string()
    {
        ++m_p; // opening quote
        const char* start = m_p;
        while (m_p < m_end && *m_p != '"') {
            if (*m_p == '\\' && m_p + 1 < m_end)
                ++m_p;
            ++m_p;
        }
        const QString s = QString::fromUtf8(start, m_p - start);
        if (m_p < m_end)
            ++m_p;
        return s;
    }

    void value(const QString& path, int depth)
    {
        skipSpace();
        if (m_p >= m_end || depth > 2048)
            return;
        if (m_lines.contains(path))
            duplicateKeys.append({path, Catalog::tr("this field is given twice in the same object."), m_line});
        else
            m_lines.insert(path, m_line);
        if (*m_p == '{') {
            ++m_p;
            skipSpace();
            while (m_p < m_end && *m_p != '}') {
                if (*m_p != '"') {
                    m_p = m_end;
                    return;
                }
                const QString key = string();
                skipSpace();
                if (m_p >= m_end || *m_p != ':') {
                    m_p = m_end;
                    return;
                }
                ++m_p;
                value(childPath(path, key), depth + 1);
                skipSpace();
                if (m_p < m_end && *m_p == ',') {
                    ++m_p;
                    skipSpace();
                }
            }
            ++m_p;
        } else if (*m_p == '[') {
            ++m_p;
            skipSpace();
            qsizetype index = 0;
            while (m_p < m_end && *m_p != ']') {
                value(indexPath(path, index++), depth + 1);
                skipSpace();
                if (m_p < m_end && *m_p == ',') {
                    ++m_p;
                    skipSpace();
                }
            }
            ++m_p;
        } else if (*m_p == '"') {
            string();
        } else {
            while (m_p < m_end && !strchr(",]} \t\r\n", *m_p))
                ++m_p;
        }
    }

    const char* m_p;
    const char* m_end;
    int m_line = 1;
    QHash<QString, int> m_lines;
};

/** Reads the fields of the parsed document, noting every structural problem with its path. */
class Reader
{
public:
    QList<Problem> problems;

    void add(const QString& path, const QString& message) { problems.append({path, message}); }

    void checkKeys(const QJsonObject& o, const QString& path, const QStringList& allowed)
    {
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            if (!allowed.contains(it.key()))
                add(childPath(path, it.key()), Catalog::tr("unknown field \"%1\"; the fields allowed here are: %2.")
                                                   .arg(it.key().left(40), allowed.join(QStringLiteral(", "))));
    }

    std::optional<QJsonValue> field(const QJsonObject& o, const QString& path, const QString& key, bool required)
    {
        const auto it = o.constFind(key);
        if (it == o.constEnd()) {
            if (required)
                add(childPath(path, key), Catalog::tr("the required field \"%1\" is missing.").arg(key));
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
            add(childPath(path, key), Catalog::tr("must be text in double quotes."));
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
            add(childPath(path, key), Catalog::tr("must be a number."));
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
            add(childPath(path, key), Catalog::tr("must be a whole number."));
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
            add(childPath(path, key), Catalog::tr("must be true or false."));
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
            add(childPath(path, key), Catalog::tr("must be a list of texts in square brackets."));
            return {};
        }
        QStringList list;
        const QJsonArray array = v->toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (array.at(i).isString())
                list << array.at(i).toString();
            else
                add(indexPath(childPath(path, key), i), Catalog::tr("must be text in double quotes."));
        }
        return list;
    }

    QJsonArray objects(const QJsonObject& o, const QString& path, const QString& key, bool required)
    {
        const auto v = field(o, path, key, required);
        if (!v)
            return {};
        if (!v->isArray()) {
            add(childPath(path, key), Catalog::tr("must be a list in square brackets."));
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
        add(childPath(path, key),
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
                   QStringLiteral("deferralAllowed"), QStringLiteral("requiredVisits"), QStringLiteral("fee"),
                   QStringLiteral("feeBasis"), QStringLiteral("resultType"), QStringLiteral("resultName"),
                   QStringLiteral("materials")});
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
        m.deferralAllowed = flag(o, path, QStringLiteral("deferralAllowed"));
        m.requiredVisits = integer(o, path, QStringLiteral("requiredVisits"), true, 1);
        m.fee = text(o, path, QStringLiteral("fee"), false);
        m.feeBasis = text(o, path, QStringLiteral("feeBasis"), false);
        m.resultType = text(o, path, QStringLiteral("resultType"), true);
        m.resultName = text(o, path, QStringLiteral("resultName"), true);
        const QString materialsPath = childPath(path, QStringLiteral("materials"));
        const QJsonArray materials = objects(o, path, QStringLiteral("materials"), true);
        for (qsizetype i = 0; i < materials.size(); ++i) {
            const QString p = indexPath(materialsPath, i);
            if (!materials.at(i).isObject())
                add(p, Catalog::tr("each material must be an object in braces { }."));
            else
                m.materials.append(material(materials.at(i).toObject(), p, int(i) + 1));
        }
        return m;
    }

    Bundle bundle(const QJsonObject& o, const QString& path)
    {
        checkKeys(o, path,
                  {QStringLiteral("code"), QStringLiteral("name"), QStringLiteral("keywords"),
                   QStringLiteral("matters"), QStringLiteral("includes"), QStringLiteral("description")});
        Bundle b;
        b.code = text(o, path, QStringLiteral("code"), true);
        b.name = text(o, path, QStringLiteral("name"), true);
        b.keywords = texts(o, path, QStringLiteral("keywords"), false);
        b.matterCodes = texts(o, path, QStringLiteral("matters"), true);
        b.includes = texts(o, path, QStringLiteral("includes"), false);
        b.description = text(o, path, QStringLiteral("description"), false);
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
            const QString p = indexPath(QStringLiteral("matters"), i);
            if (!matters.at(i).isObject())
                add(p, Catalog::tr("each matter must be an object in braces { }."));
            else
                c.matters.append(matter(matters.at(i).toObject(), p));
        }
        const QJsonArray bundles = objects(o, QString(), QStringLiteral("bundles"), false);
        for (qsizetype i = 0; i < bundles.size(); ++i) {
            const QString p = indexPath(QStringLiteral("bundles"), i);
            if (!bundles.at(i).isObject())
                add(p, Catalog::tr("each bundle must be an object in braces { }."));
            else
                c.bundles.append(bundle(bundles.at(i).toObject(), p));
        }
        return c;
    }
};

/** Checks one text field: length, control characters and (when required) that it is not empty. */
void checkText(QList<Problem>& out, const QString& path, const QString& text, bool required, bool isCode = false)
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

void checkTexts(QList<Problem>& out, const QString& path, const QStringList& texts)
{
    for (qsizetype i = 0; i < texts.size(); ++i)
        checkText(out, indexPath(path, i), texts.at(i), true);
}

/** Whether a limit is a whole or half number of working days in the accepted range. */
bool checkLimit(QList<Problem>& out, const QString& path, double days)
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
void checkEnum(QList<Problem>& out, const QString& path, const EnumKey<E> (&table)[N], E value)
{
    if (keyOf(table, value).isEmpty())
        out.append({path, Catalog::tr("holds the unknown value %1.").arg(int(value))});
}

void checkMaterial(QList<Problem>& out, const QString& path, const Matter& matter, const Material& m)
{
    checkText(out, childPath(path, QStringLiteral("code")), m.code, true, true);
    checkText(out, childPath(path, QStringLiteral("name")), m.name, true);
    checkText(out, childPath(path, QStringLiteral("standard")), m.standard, false);
    checkText(out, childPath(path, QStringLiteral("basis")), m.basis, false);
    checkText(out, childPath(path, QStringLiteral("blankForm")), m.blankForm, false);
    checkText(out, childPath(path, QStringLiteral("sample")), m.sample, false);
    checkEnum(out, childPath(path, QStringLiteral("form")), kForms, m.form);
    checkEnum(out, childPath(path, QStringLiteral("requirement")), kRequirements, m.requirement);
    checkEnum(out, childPath(path, QStringLiteral("source")), kSources, m.source);
    if (m.copies < 0 || m.copies > 99)
        out.append({childPath(path, QStringLiteral("copies")),
                    Catalog::tr("%1 copies is not plausible (0 to 99).").arg(m.copies)});
    else if (m.copies == 0 && m.form != MaterialForm::Electronic)
        out.append({childPath(path, QStringLiteral("copies")),
                    Catalog::tr("a paper original or copy needs at least one copy.")});
    if (m.order < 0)
        out.append({childPath(path, QStringLiteral("order")), Catalog::tr("the order cannot be negative.")});
    if (m.requirement == MaterialRequirement::Deferrable && !matter.deferralAllowed)
        out.append({childPath(path, QStringLiteral("requirement")),
                    Catalog::tr("the material \"%1\" is deferrable, but the matter %2 does not allow deferred "
                                "materials (容缺); set \"deferralAllowed\": true or make it required.")
                        .arg(m.name, matter.code)});
}

void checkMatter(QList<Problem>& out, const QString& path, const Matter& m)
{
    checkText(out, childPath(path, QStringLiteral("code")), m.code, true, true);
    checkText(out, childPath(path, QStringLiteral("implementationCode")), m.implementationCode, false, true);
    checkText(out, childPath(path, QStringLiteral("name")), m.name, true);
    checkTexts(out, childPath(path, QStringLiteral("keywords")), m.keywords);
    checkText(out, childPath(path, QStringLiteral("body")), m.body, true);
    checkText(out, childPath(path, QStringLiteral("department")), m.department, false);
    checkText(out, childPath(path, QStringLiteral("fee")), m.fee, false);
    checkText(out, childPath(path, QStringLiteral("feeBasis")), m.feeBasis, false);
    checkText(out, childPath(path, QStringLiteral("resultName")), m.resultName, true);
    checkEnum(out, childPath(path, QStringLiteral("type")), kMatterTypes, m.type);
    checkEnum(out, childPath(path, QStringLiteral("zone")), kZones, m.zone);
    checkEnum(out, childPath(path, QStringLiteral("risk")), kRisks, m.risk);
    if (!catalogResultTypes().contains(m.resultType))
        out.append({childPath(path, QStringLiteral("resultType")),
                    Catalog::tr("unknown value \"%1\"; expected one of: %2.")
                        .arg(m.resultType.left(40), catalogResultTypes().join(QStringLiteral(", ")))});
    if (m.requiredVisits < 0 || m.requiredVisits > 10)
        out.append({childPath(path, QStringLiteral("requiredVisits")),
                    Catalog::tr("%1 visits is not plausible (0 to 10).").arg(m.requiredVisits)});

    const QString legalPath = childPath(path, QStringLiteral("legalLimitDays"));
    const QString promisedPath = childPath(path, QStringLiteral("promisedLimitDays"));
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
        const QString p = indexPath(childPath(path, QStringLiteral("materials")), i);
        const Material& material = m.materials.at(i);
        checkMaterial(out, p, m, material);
        if (codes.contains(material.code))
            out.append({childPath(p, QStringLiteral("code")),
                        Catalog::tr("the material code %1 appears twice in the matter %2.").arg(material.code, m.code)});
        codes.insert(material.code);
    }
}

void checkBundles(QList<Problem>& out, const Catalog& c, const QHash<QString, qsizetype>& matterIndex)
{
    QHash<QString, qsizetype> bundleIndex;
    for (qsizetype i = 0; i < c.bundles.size(); ++i) {
        const Bundle& b = c.bundles.at(i);
        const QString path = indexPath(QStringLiteral("bundles"), i);
        checkText(out, childPath(path, QStringLiteral("code")), b.code, true, true);
        checkText(out, childPath(path, QStringLiteral("name")), b.name, true);
        checkTexts(out, childPath(path, QStringLiteral("keywords")), b.keywords);
        checkText(out, childPath(path, QStringLiteral("description")), b.description, false);
        if (bundleIndex.contains(b.code))
            out.append({childPath(path, QStringLiteral("code")),
                        Catalog::tr("the bundle code %1 is used twice.").arg(b.code)});
        else if (matterIndex.contains(b.code))
            out.append({childPath(path, QStringLiteral("code")),
                        Catalog::tr("the code %1 is used by a matter and by a bundle.").arg(b.code)});
        else
            bundleIndex.insert(b.code, i);
        if (b.matterCodes.isEmpty() && b.includes.isEmpty())
            out.append({childPath(path, QStringLiteral("matters")),
                        Catalog::tr("the bundle %1 contains no matter.").arg(b.code)});
        QSet<QString> seen;
        for (qsizetype j = 0; j < b.matterCodes.size(); ++j) {
            const QString& code = b.matterCodes.at(j);
            const QString p = indexPath(childPath(path, QStringLiteral("matters")), j);
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
                out.append({indexPath(childPath(indexPath(QStringLiteral("bundles"), i), QStringLiteral("includes")), j),
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
                out.append({indexPath(childPath(indexPath(QStringLiteral("bundles"), i), QStringLiteral("includes")), j),
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
}

QList<Problem> checkCatalog(const Catalog& c)
{
    QList<Problem> out;
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
        const QString path = indexPath(QStringLiteral("matters"), i);
        checkMatter(out, path, m);
        if (matterIndex.contains(m.code))
            out.append({childPath(path, QStringLiteral("code")),
                        Catalog::tr("the matter code %1 is used twice (also by matters[%2]).")
                            .arg(m.code)
                            .arg(matterIndex.value(m.code))});
        else
            matterIndex.insert(m.code, i);
        if (!m.implementationCode.isEmpty()) {
            if (implementationIndex.contains(m.implementationCode))
                out.append({childPath(path, QStringLiteral("implementationCode")),
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
                out.append({childPath(indexPath(childPath(path, QStringLiteral("materials")), j), QStringLiteral("name")),
                            Catalog::tr("the material code %1 is named \"%2\" here but \"%3\" elsewhere; one code "
                                        "must mean one material.")
                                .arg(material.code, material.name, *it)});
        }
    }
    checkBundles(out, c, matterIndex);
    return out;
}

QString formatProblems(const QList<Problem>& problems, const JsonLines* lines)
{
    constexpr int shown = 20;
    QStringList text;
    for (qsizetype i = 0; i < problems.size() && i < shown; ++i) {
        const Problem& p = problems.at(i);
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

QJsonArray toArray(const QStringList& list)
{
    QJsonArray array;
    for (const QString& s : list)
        array.append(s);
    return array;
}

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

bool sameData(const QString& a, const QString& b)
{
    return a.constData() == b.constData() && a.size() == b.size();
}

bool sameData(const QStringList& a, const QStringList& b)
{
    return a.constData() == b.constData() && a.size() == b.size();
}

} // namespace

/**
 * Lower-cased search keys. Each entry also keeps copies of the catalog's own strings: they share
 * their data, so any later change to the catalog detaches the catalog's string and shows up as a
 * different data pointer, which is how a stale index is noticed.
 */
struct Catalog::SearchIndex
{
    struct Entry
    {
        SearchHit::Kind kind;
        QString code, implementationCode, name;
        QStringList keywords;
        QString lcCode, lcImplementationCode, lcName;
        QStringList lcKeywords;
    };
    QList<Entry> entries;

    static Entry entry(SearchHit::Kind kind, const QString& code, const QString& implementationCode,
                       const QString& name, const QStringList& keywords)
    {
        Entry e{kind, code, implementationCode, name, keywords, code.toLower(), implementationCode.toLower(),
                name.toLower(), {}};
        for (const QString& k : keywords)
            e.lcKeywords << k.toLower();
        return e;
    }

    explicit SearchIndex(const Catalog& c)
    {
        entries.reserve(c.matters.size() + c.bundles.size());
        for (const Matter& m : c.matters)
            entries.append(entry(SearchHit::MatterHit, m.code, m.implementationCode, m.name, m.keywords));
        for (const Bundle& b : c.bundles)
            entries.append(entry(SearchHit::BundleHit, b.code, QString(), b.name, b.keywords));
    }

    bool matches(const Catalog& c) const
    {
        if (entries.size() != c.matters.size() + c.bundles.size())
            return false;
        qsizetype i = 0;
        for (const Matter& m : c.matters) {
            const Entry& e = entries.at(i++);
            if (!sameData(e.code, m.code) || !sameData(e.implementationCode, m.implementationCode)
                || !sameData(e.name, m.name) || !sameData(e.keywords, m.keywords))
                return false;
        }
        for (const Bundle& b : c.bundles) {
            const Entry& e = entries.at(i++);
            if (!sameData(e.code, b.code) || !sameData(e.name, b.name) || !sameData(e.keywords, b.keywords))
                return false;
        }
        return true;
    }

    static int score(const Entry& e, const QString& term)
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
};

Catalog::IndexCache& Catalog::IndexCache::operator=(const IndexCache&)
{
    QMutexLocker lock(&mutex);
    index.reset();
    return *this;
}

std::shared_ptr<const Catalog::SearchIndex> Catalog::searchIndex() const
{
    QMutexLocker lock(&m_cache.mutex);
    if (!m_cache.index || !m_cache.index->matches(*this))
        m_cache.index = std::make_shared<const SearchIndex>(*this);
    return m_cache.index;
}

const QStringList& catalogResultTypes()
{
    static const QStringList types{QStringLiteral("licence"), QStringLiteral("approval"), QStringLiteral("filing"),
                                   QStringLiteral("confirmation"), QStringLiteral("other")};
    return types;
}

std::optional<Catalog> Catalog::fromJson(const QByteArray& json, QString* error)
{
    if (error)
        error->clear();
    QByteArray data = json;
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    if (data.trimmed().isEmpty()) {
        if (error)
            *error = tr("The catalog file is empty.");
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = data.left(parseError.offset);
        const int line = int(before.count('\n')) + 1;
        const int column = int(QString::fromUtf8(before.mid(before.lastIndexOf('\n') + 1)).size()) + 1;
        if (error)
            *error = tr("Line %1, column %2: the catalog is not valid JSON (%3).")
                         .arg(line)
                         .arg(column)
                         .arg(parseError.errorString());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        if (error)
            *error = tr("Line 1: the catalog must be a JSON object in braces { }.");
        return std::nullopt;
    }
    const JsonLines lines(data);
    Reader reader;
    reader.problems = lines.duplicateKeys;
    Catalog catalog = reader.catalog(doc.object());
    if (reader.problems.isEmpty())
        reader.problems = checkCatalog(catalog);
    if (!reader.problems.isEmpty()) {
        if (error)
            *error = formatProblems(reader.problems, &lines);
        return std::nullopt;
    }
    return catalog;
}

std::optional<Catalog> Catalog::builtInDemo(QString* error)
{
    QFile file(builtInDemoPath());
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("The built-in demonstration catalog is missing from this build.");
        return std::nullopt;
    }
    return fromJson(file.readAll(), error);
}

QByteArray Catalog::toJson() const
{
    QJsonArray matterArray;
    for (const Matter& m : matters) {
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
        matterArray.append(QJsonObject{
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
        });
    }
    QJsonArray bundleArray;
    for (const Bundle& b : bundles)
        bundleArray.append(QJsonObject{
            {QStringLiteral("code"), b.code},
            {QStringLiteral("name"), b.name},
            {QStringLiteral("keywords"), toArray(b.keywords)},
            {QStringLiteral("matters"), toArray(b.matterCodes)},
            {QStringLiteral("includes"), toArray(b.includes)},
            {QStringLiteral("description"), b.description},
        });
    const QJsonObject root{
        {QStringLiteral("version"), version},
        {QStringLiteral("effectiveFrom"), effectiveFrom.toString(Qt::ISODate)},
        {QStringLiteral("hall"), hall},
        {QStringLiteral("matters"), matterArray},
        {QStringLiteral("bundles"), bundleArray},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
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
    const auto index = searchIndex();
    struct Scored
    {
        SearchHit hit;
        qsizetype position;
    };
    QList<Scored> found;
    for (qsizetype i = 0; i < index->entries.size(); ++i) {
        const SearchIndex::Entry& e = index->entries.at(i);
        int total = 0;
        for (const QString& term : terms) {
            const int s = SearchIndex::score(e, term);
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

QString Catalog::validate() const
{
    return formatProblems(checkCatalog(*this), nullptr);
}

bool Catalog::operator==(const Catalog& other) const
{
    return version == other.version && effectiveFrom == other.effectiveFrom && hall == other.hall
        && matters == other.matters && bundles == other.bundles;
}

QString matterTypeName(MatterType type)
{
    switch (type) {
    case MatterType::Licensing: return Catalog::tr("Administrative licensing");
    case MatterType::Penalty: return Catalog::tr("Administrative penalty");
    case MatterType::Enforcement: return Catalog::tr("Administrative enforcement");
    case MatterType::Levy: return Catalog::tr("Administrative levy");
    case MatterType::Benefit: return Catalog::tr("Administrative benefit");
    case MatterType::Inspection: return Catalog::tr("Administrative inspection");
    case MatterType::Confirmation: return Catalog::tr("Administrative confirmation");
    case MatterType::Award: return Catalog::tr("Administrative award");
    case MatterType::Adjudication: return Catalog::tr("Administrative adjudication");
    case MatterType::OtherPower: return Catalog::tr("Other administrative power");
    case MatterType::PublicService: return Catalog::tr("Public service");
    }
    return QString();
}

QString zoneName(Zone zone)
{
    switch (zone) {
    case Zone::Investment: return Catalog::tr("Investment project zone");
    case Zone::MarketAccess: return Catalog::tr("Market access zone");
    case Zone::SocialLivelihood: return Catalog::tr("Social livelihood zone");
    }
    return QString();
}

QString riskName(RiskLevel risk)
{
    switch (risk) {
    case RiskLevel::High: return Catalog::tr("High risk");
    case RiskLevel::Medium: return Catalog::tr("Medium risk");
    case RiskLevel::Low: return Catalog::tr("Low risk");
    }
    return QString();
}

QString materialFormName(MaterialForm form)
{
    switch (form) {
    case MaterialForm::Original: return Catalog::tr("Original");
    case MaterialForm::Copy: return Catalog::tr("Copy");
    case MaterialForm::Electronic: return Catalog::tr("Electronic");
    }
    return QString();
}

QString materialRequirementName(MaterialRequirement requirement)
{
    switch (requirement) {
    case MaterialRequirement::Required: return Catalog::tr("Required");
    case MaterialRequirement::Optional: return Catalog::tr("Optional");
    case MaterialRequirement::Deferrable: return Catalog::tr("Deferrable");
    }
    return QString();
}

QString materialSourceName(MaterialSource source)
{
    switch (source) {
    case MaterialSource::Applicant: return Catalog::tr("Brought by the applicant");
    case MaterialSource::Government: return Catalog::tr("Issued by a government body");
    case MaterialSource::SharedData: return Catalog::tr("Obtained from shared data");
    }
    return QString();
}

QString resultTypeName(const QString& resultType)
{
    if (resultType == QLatin1String("licence"))
        return Catalog::tr("Licence");
    if (resultType == QLatin1String("approval"))
        return Catalog::tr("Approval document");
    if (resultType == QLatin1String("filing"))
        return Catalog::tr("Filing notice");
    if (resultType == QLatin1String("confirmation"))
        return Catalog::tr("Certificate of confirmation");
    if (resultType == QLatin1String("other"))
        return Catalog::tr("Other result");
    return QString();
}

} // namespace oneseal::core
