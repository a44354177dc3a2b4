#pragma once

#include "RiskLevel.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace oneseal::core {

/** The kind of power a matter exercises; the values are the national codes (01 行政许可 ... 20 公共服务). */
enum class MatterType {
    Licensing = 1, ///< 01 行政许可
    Penalty,       ///< 02 行政处罚
    Enforcement,   ///< 03 行政强制
    Levy,          ///< 04 行政征收
    Benefit,       ///< 05 行政给付
    Inspection,    ///< 06 行政检查
    Confirmation,  ///< 07 行政确认
    Award,         ///< 08 行政奖励
    Adjudication,  ///< 09 行政裁决
    OtherPower = 10,    ///< 10 其他行政权力
    PublicService = 20, ///< 20 公共服务
};

/** The hall's three zones. */
enum class Zone {
    Investment,       ///< 投资项目区
    MarketAccess,     ///< 市场准入区
    SocialLivelihood, ///< 社会民生区
};

/** What the applicant hands in. */
enum class MaterialForm {
    Original,   ///< 原件
    Copy,       ///< 复印件
    Electronic, ///< 电子件
};

/** Whether a material must be there at intake. */
enum class MaterialRequirement {
    Required,   ///< 必要
    Optional,   ///< 非必要 (only in some situations)
    Deferrable, ///< 容缺: may be owed after acceptance when the matter allows deferral
};

/** Where a material comes from. */
enum class MaterialSource {
    Applicant,  ///< 申请人自备
    Government, ///< 政府部门核发
    SharedData, ///< 共享获取 (the hall fetches it; the applicant need not bring it)
};

/**
 * What an overdue owed material (容缺) of a matter leads to once the case was approved (before an
 * approval the case is always terminated): the catalog's "onOwedLapse".
 */
enum class OwedLapse {
    Revoke,    ///< "revoke" (the default): the approval is revoked (撤销, a decision document)
    Terminate, ///< "terminate": the case is terminated with a notice while its licence is not printed
};

/** One item of a matter's material list. The same code means the same material in every matter. */
struct Material
{
    QString code;
    QString name;
    MaterialForm form = MaterialForm::Original;
    int copies = 1; ///< paper copies; 0 only for electronic material
    MaterialRequirement requirement = MaterialRequirement::Required;
    MaterialSource source = MaterialSource::Applicant;
    bool core = false;  ///< a core material blocks the certificate while owed
    QString standard;   ///< acceptance standard (受理标准)
    QString basis;      ///< legal basis for asking it
    QString blankForm;  ///< name or reference of the blank form (空白表格)
    QString sample;     ///< name or reference of the filled-in sample (示例样表)
    int order = 0;      ///< position in the matter's list

    bool operator==(const Material&) const = default;
};

/**
 * A value the applicant declares at intake for one matter, chosen from a fixed list (主体业态:
 * 餐饮服务经营者 ...). It is recorded on the intake event and printed on the matter's certificate in
 * the template field named by key (docs/CATALOG.md, "Declared fields").
 */
struct DeclaredField
{
    QString key;        ///< the certificate template's field it fills ("businessType")
    QString label;      ///< shown at the window and in the docs ("主体业态")
    QStringList values; ///< the allowed values; the first is preselected at the window

    /** Bounds, also checked by core::EventAdmission on every intake event. */
    static constexpr int kMaxKeyLength = 64;
    static constexpr int kMaxValueLength = 100;
    static constexpr int kMaxPerCase = 32;

    bool operator==(const DeclaredField&) const = default;
};

/** A matter (事项) of the hall's implementation list. Limits are working days (工作日). */
struct Matter
{
    QString code;               ///< basic code; opaque, never parsed
    QString implementationCode; ///< implementation code; opaque, never parsed
    QString name;
    QStringList keywords; ///< search words, including pinyin initials ("spjyxk")
    MatterType type = MatterType::Licensing;
    QString body;       ///< the implementing body
    QString department; ///< the department that handed the matter over
    Zone zone = Zone::MarketAccess;
    double legalLimitDays = 0;
    double promisedLimitDays = 0;
    bool instant = false; ///< 即办件 (promised limit 0); otherwise 承诺件
    RiskLevel risk = RiskLevel::Medium;
    bool siteInspection = false;
    bool commitmentAllowed = false; ///< 告知承诺
    /**
     * 事后核查: working days after a pledge-based approval within which the pledge is checked
     * (1–366; only with commitmentAllowed, where it defaults to kDefaultPledgeCheckDays; 0 otherwise).
     */
    int pledgeCheckDays = 0;
    bool deferralAllowed = false;   ///< 容缺受理
    OwedLapse onOwedLapse = OwedLapse::Revoke; ///< only with deferralAllowed; see OwedLapse
    int requiredVisits = 1;
    QString fee;      ///< "不收费" or the amount
    QString feeBasis;
    QString resultType; ///< one of catalogResultTypes(): licence, approval, filing, confirmation, other
    QString resultName;
    QList<Material> materials;
    QList<DeclaredField> declaredFields; ///< values the applicant declares at intake for this matter

    const DeclaredField* declaredField(const QString& key) const
    {
        for (const DeclaredField& f : declaredFields)
            if (f.key == key)
                return &f;
        return nullptr;
    }

    bool operator==(const Matter&) const = default;
};

/** A "one thing" bundle (一件事套餐): several matters, one application, one set of materials. */
struct Bundle
{
    QString code;
    QString name;
    QStringList keywords;
    QStringList matterCodes;
    QStringList includes; ///< codes of other bundles whose matters this one contains too
    QString description;
    /**
     * Matters of the bundle (its own or its included bundles') whose refusal blocks every other
     * matter of a case of the bundle; a refusal of any other matter blocks nothing.
     */
    QStringList preconditions;
    /**
     * Groups of the bundle's site-inspected matters that one visit covers together (合并勘验: the
     * same premises seen for several licences); each group two or more matters, a matter in one
     * group at most. A site-inspected matter in no group gets its own visit.
     */
    QList<QStringList> combinedInspections;

    bool operator==(const Bundle&) const = default;
};

/** One line of a checklist; a material shared by several matters appears once. */
struct ChecklistItem
{
    Material material;
    QStringList matterCodes; ///< the matters that need it

    bool operator==(const ChecklistItem&) const = default;
};

struct SearchHit
{
    enum Kind { MatterHit, BundleHit } kind;
    QString code;
    QString name;
    int score;
};

class CatalogSearchIndex;

/**
 * The versioned catalog of matters, materials and bundles: reference data authored by the hall
 * administrator as a JSON document (docs/CATALOG.md) and stored per version. A case records the
 * version it was accepted under.
 *
 * This is the model and its lookups. The document is read by CatalogReader (with
 * CatalogJsonScanner for line numbers), checked by CatalogValidator and written by CatalogWriter;
 * fromJson(), toJson() and validate() are their shortcuts. Search keys live in CatalogSearchIndex,
 * display names in CatalogNames.h.
 */
class Catalog
{
    Q_DECLARE_TR_FUNCTIONS(Catalog)

public:
    int version = 0;
    QDate effectiveFrom;
    QString hall;
    QList<Matter> matters;
    QList<Bundle> bundles;

    /**
     * Parses and validates a catalog document (CatalogReader::read). On any problem returns nothing and sets *error to
     * the problems found, each naming the line, the JSON path and the reason, so that the
     * administrator can fix the file in one go.
     */
    static std::optional<Catalog> fromJson(const QByteArray& json, QString* error);
    /** The demonstration catalog of a prefecture-level hall built into the program. */
    static std::optional<Catalog> builtInDemo(QString* error = nullptr);
    static QString builtInDemoPath() { return QStringLiteral(":/oneseal/catalog/demo-catalog.json"); }

    /** The document in the format fromJson() reads; fromJson(toJson()) gives an equal catalog (CatalogWriter). */
    QByteArray toJson() const;

    const Matter* matter(const QString& code) const;
    const Bundle* bundle(const QString& code) const;

    /** The matter codes of a bundle with those of the bundles it includes, each once, in order. */
    QStringList bundleMatterCodes(const QString& code) const;
    /**
     * The matters one visit covers with \a matterCode in a case of the bundle \a bundleCode: the group
     * of Bundle::combinedInspections (of the bundle or one it includes) holding it, itself included;
     * just the matter when in none.
     */
    QStringList inspectionGroup(const QString& bundleCode, const QString& matterCode) const;

    /** The materials of one matter in their order; empty for an unknown matter. */
    QList<ChecklistItem> checklistForMatter(const QString& code) const;
    /**
     * One checklist for a whole bundle: materials with the same code are collected once, listing
     * every matter that needs them. Where the matters ask differently the stricter wins: original
     * over copy over electronic, the most copies, required over deferrable over optional, core if
     * any is core, applicant over government over shared data. Items are in order of first
     * appearance and numbered 1..n.
     */
    QList<ChecklistItem> checklistForBundle(const QString& code) const;

    /**
     * Matters and bundles matching a name fragment, code, keyword or pinyin initials,
     * case-insensitively, best first (exact code, exact name or keyword, prefix, fragment). Several
     * words must all match. Uses an index built on first use and rebuilt when the data changed.
     */
    QList<SearchHit> search(const QString& text, int limit = 20) const;

    /** Every consistency problem, one per line, or an empty text when the catalog is sound (CatalogValidator). */
    QString validate() const;

    bool operator==(const Catalog& other) const;

    /** Longest text accepted in any field. */
    static constexpr int maxTextLength = 500;
    /** Longest time limit accepted, in working days. */
    static constexpr double maxLimitDays = 366;
    /** Matter::pledgeCheckDays of a commitment matter that does not give it. */
    static constexpr int kDefaultPledgeCheckDays = 20;

private:
    /** Holds the search index; a copy starts empty so that a copied catalog never shares a stale index. */
    class IndexCache
    {
    public:
        IndexCache() = default;
        IndexCache(const IndexCache&) {}
        IndexCache& operator=(const IndexCache&);
        QMutex mutex;
        std::shared_ptr<const CatalogSearchIndex> index;
    };
    std::shared_ptr<const CatalogSearchIndex> searchIndex() const;
    mutable IndexCache m_cache;
};

/** The values accepted for Matter::resultType. */
const QStringList& catalogResultTypes();

} // namespace oneseal::core
