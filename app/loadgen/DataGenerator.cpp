#include "DataGenerator.h"

#include "services/IntakePayload.h"
#include "services/IntakeService.h"
#include "core/CaseNumber.h"
#include "core/Identifiers.h"
#include "db/IntakeRepository.h"
#include "db/UserRepository.h"

#include <QElapsedTimer>
#include <QHash>
#include <QRandomGenerator64>
#include <QSet>
#include <QSqlQuery>
#include <QUuid>

#include <cmath>

namespace oneseal::loadgen {

using namespace oneseal::services;

namespace {

// Reference lists for plausible data. Surnames with their rough share (per mille) among Chinese
// residents; given names from the characters most used in them.
struct Weighted
{
    const char* text;
    int weight;
};
const Weighted kSurnames[] = {
    {"王", 71}, {"李", 70}, {"张", 69}, {"刘", 54}, {"陈", 45}, {"杨", 31}, {"赵", 23}, {"黄", 22}, {"周", 21},
    {"吴", 20}, {"徐", 17}, {"孙", 15}, {"胡", 13}, {"朱", 13}, {"高", 12}, {"林", 12}, {"何", 12}, {"郭", 11},
    {"马", 11}, {"罗", 9},  {"梁", 8},  {"宋", 8},  {"郑", 8},  {"谢", 7},  {"韩", 7},  {"唐", 6},  {"冯", 6},
    {"于", 6},  {"董", 5},  {"萧", 5},  {"程", 5},  {"曹", 5},  {"袁", 5},  {"邓", 5},  {"许", 5},  {"傅", 4},
    {"沈", 4},  {"曾", 4},  {"彭", 4},  {"吕", 4},  {"苏", 4},  {"卢", 4},  {"蒋", 4},  {"蔡", 4},  {"贾", 4},
    {"丁", 3},  {"魏", 3},  {"薛", 3},  {"叶", 3},  {"阎", 3},  {"余", 3},  {"潘", 3},  {"杜", 3},  {"戴", 2},
    {"夏", 2},  {"钟", 2},  {"汪", 2},  {"田", 2},  {"任", 2},  {"姜", 2},  {"范", 2},  {"方", 2},  {"石", 2},
    {"姚", 2},  {"谭", 2},  {"廖", 2},  {"邹", 2},  {"熊", 2},  {"金", 2},  {"陆", 2},  {"郝", 2},  {"孔", 2},
    {"白", 2},  {"崔", 2},  {"康", 2},  {"毛", 2},  {"邱", 2},  {"秦", 2},  {"江", 2},  {"史", 2},  {"顾", 1},
    {"侯", 1},  {"邵", 1},  {"孟", 1},  {"龙", 1},  {"万", 1},  {"段", 1},  {"雷", 1},  {"钱", 1},  {"汤", 1},
    {"尹", 1},  {"黎", 1},  {"易", 1},  {"常", 1},  {"武", 1},  {"乔", 1},  {"贺", 1},  {"赖", 1},  {"龚", 1},
    {"文", 1},  {"畅", 1},  {"柴", 1},  {"卫", 1},  {"裴", 1},  {"欧阳", 1}, {"司马", 1}, {"上官", 1},
};
const char kGivenChars[] = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰华建国文辉玉萍红鹏飞宇浩然子涵欣怡梓轩晨雨思佳俊博"
                           "一诺瑶琳婷雪鑫彬斌东海波峰林颖慧璐倩梅燕凤霖凯昊天泽睿铭瑞嘉宏志春晓亮成龙云晶琪蕾薇阳帆航源鸿"
                           "旭丹荣珍翠兵福贵生喜顺永安庆德新利金山小晋河";

// Area codes of residents' ID numbers: the hall's own city (运城) mostly, some neighbours.
const char* const kLocalAreas[] = {"140802", "140821", "140822", "140823", "140824", "140825", "140826",
                                   "140827", "140828", "140829", "140830", "140881", "140882"};
const char* const kOtherAreas[] = {"140105", "140106", "140202", "140404", "141002", "410102", "410811",
                                   "411202", "610113", "610502", "130102", "370102"};
const char* const kDistricts[] = {"盐湖区", "临猗县", "万荣县", "闻喜县", "稷山县", "新绛县", "绛县",
                                  "垣曲县", "夏县",   "平陆县", "芮城县", "永济市", "河津市"};
const char* const kRoads[] = {"河东街", "解放路", "人民路", "中银大道", "禹都大道", "机场路", "红旗街", "学苑路",
                              "槐东路", "魏风街", "工农街", "南风广场路", "圣惠路", "条山街", "府西街", "涑水街"};
const char* const kTradeNames[] = {"鑫源", "华泰", "宏达", "恒通", "金辉", "盛世", "百味", "聚福", "天成", "福满",
                                   "晋南", "河东", "关圣", "盐湖", "中条", "黄河", "瑞丰", "永盛", "祥和", "新民",
                                   "润德", "嘉禾", "同心", "佳美", "春晓", "荣华", "德顺", "万家", "银湖", "舜帝"};
const char* const kCompanies[] = {"餐饮管理有限公司", "商贸有限公司",   "酒店管理有限公司", "大药房有限公司",
                                  "网络科技有限公司", "文化传媒有限公司", "建筑工程有限公司", "食品有限公司",
                                  "物流有限公司",     "教育咨询有限公司", "医疗管理有限公司", "农业开发有限公司"};
const char* const kShops[] = {"面馆", "饭店", "小吃部", "超市", "便利店", "烟酒店", "药店", "美发店", "网吧", "诊所"};
const char* const kMobilePrefixes[] = {"130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
                                       "150", "151", "152", "153", "155", "156", "157", "158", "159", "166",
                                       "176", "177", "178", "180", "181", "182", "183", "185", "186", "187",
                                       "188", "189", "198", "199"};
const char* const kMissingNotes[] = {"未提交该材料", "复印件不清晰，请重新提供", "未加盖单位公章", "签字不全，请本人签字",
                                     "证明已过有效期", "与原件不一致"};
const char* const kRefusals[] = {
    "申请事项不属于本机关职权范围，请向有关行政机关申请。",
    "申请人不具备申请资格。",
    "依法不需要取得行政许可。",
};

QString u(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

/** A deterministic source of every random choice, from the seed. */
class Dice
{
public:
    explicit Dice(quint64 seed) : m_rng(seed) {}
    /** 0 <= n < bound */
    int below(int bound) { return int(m_rng.bounded(quint64(bound))); }
    qint64 below64(qint64 bound) { return qint64(m_rng.bounded(quint64(bound))); }
    double unit() { return m_rng.generateDouble(); }
    bool chance(double p) { return unit() < p; }
    template<typename T, size_t N>
    const T& pick(const T (&list)[N])
    {
        return list[below(int(N))];
    }
    QString digits(int n)
    {
        QString s;
        for (int i = 0; i < n; ++i)
            s += QChar(u'0' + below(10));
        return s;
    }

private:
    QRandomGenerator64 m_rng;
};

QString surname(Dice& dice)
{
    static const int total = [] {
        int t = 0;
        for (const Weighted& w : kSurnames)
            t += w.weight;
        return t;
    }();
    int r = dice.below(total);
    for (const Weighted& w : kSurnames) {
        if (r < w.weight)
            return u(w.text);
        r -= w.weight;
    }
    return u(kSurnames[0].text);
}

QString personName(Dice& dice)
{
    static const QString given = u(kGivenChars);
    QString name = surname(dice) + given.at(dice.below(int(given.size())));
    if (dice.chance(0.7))
        name += given.at(dice.below(int(given.size())));
    return name;
}

QString residentId(Dice& dice, const QDate& latestBirth)
{
    const QString area = u(dice.chance(0.88) ? dice.pick(kLocalAreas) : dice.pick(kOtherAreas));
    const QDate earliest(1945, 1, 1);
    const QDate birth = earliest.addDays(dice.below64(earliest.daysTo(latestBirth) + 1));
    const QString first17 = area + birth.toString(QStringLiteral("yyyyMMdd")) + dice.digits(3);
    return first17 + core::residentIdCheckChar(first17);
}

/** A unified social credit code: registration authority 9 (市场监管), category 1 (enterprise) or 2 (individual business). */
QString creditCode(Dice& dice, bool enterprise)
{
    static const QString alphabet = QStringLiteral("0123456789ABCDEFGHJKLMNPQRTUWXY");
    // The organisation code part (GB 11714): 8 characters and their check character.
    QString org;
    int sum = 0;
    static const int weights[] = {3, 7, 9, 10, 5, 8, 4, 2};
    for (int i = 0; i < 8; ++i) {
        const QChar c = alphabet.at(dice.below(i < 2 && enterprise ? 10 : int(alphabet.size())));
        org += c;
        const int value = c.isDigit() ? c.digitValue() : c.unicode() - u'A' + 10;
        sum += value * weights[i];
    }
    const int check = 11 - sum % 11;
    org += check == 10 ? QChar(u'X') : check == 11 ? QChar(u'0') : QChar(u'0' + check);
    const QString first17 = (enterprise ? QStringLiteral("91") : QStringLiteral("92")) + u(dice.pick(kLocalAreas)) + org;
    return first17 + core::creditCodeCheckChar(first17);
}

QString phone(Dice& dice, bool landlineLikely)
{
    if (landlineLikely && dice.chance(0.35))
        return QStringLiteral("0359-") + QChar(u'2' + dice.below(7)) + dice.digits(6);
    return u(dice.pick(kMobilePrefixes)) + dice.digits(8);
}

QString address(Dice& dice, const QString& district, bool home)
{
    QString a = QStringLiteral("山西省运城市") + district + u(dice.pick(kRoads)) + QString::number(1 + dice.below(300))
        + QStringLiteral("号");
    if (home)
        a += QString::number(1 + dice.below(20)) + QStringLiteral("号楼") + QString::number(1 + dice.below(4))
            + QStringLiteral("单元") + QString::number(1 + dice.below(18)) + QStringLiteral("0")
            + QString::number(1 + dice.below(4)) + QStringLiteral("室");
    return a;
}

/** One synthetic applicant as it stands now, and whether it is already in the database. */
struct PoolApplicant
{
    core::Applicant applicant;
    bool stored = false;
};

PoolApplicant makeApplicant(Dice& dice, const QDate& latestBirth, QSet<QString>& usedIds)
{
    PoolApplicant p;
    core::Applicant& a = p.applicant;
    const QString district = u(dice.pick(kDistricts));
    const double kind = dice.unit();
    do {
        if (kind < 0.78) {
            a.kind = core::ApplicantKind::Person;
            a.idNumber = residentId(dice, latestBirth);
        } else {
            a.kind = core::ApplicantKind::Organisation;
            a.idNumber = creditCode(dice, kind >= 0.88);
        }
        // A resident ID whose last character happens to be a valid credit-code check as well would be
        // taken for an organisation at the window (ApplicantRules::kindForIdentifier); skip those.
    } while (usedIds.contains(a.idNumber) || core::ApplicantRules::kindForIdentifier(a.idNumber) != a.kind);
    usedIds.insert(a.idNumber);
    if (a.kind == core::ApplicantKind::Person) {
        a.name = personName(dice);
        a.address = address(dice, district, true);
        a.phone = phone(dice, false);
    } else if (kind < 0.88) { // individual business (个体工商户)
        a.legalRepresentative = personName(dice);
        a.name = district + a.legalRepresentative.left(1) + QStringLiteral("记") + u(dice.pick(kShops));
        a.address = address(dice, district, false);
        a.phone = phone(dice, true);
    } else {
        a.legalRepresentative = personName(dice);
        a.name = (dice.chance(0.5) ? QStringLiteral("运城市") : QStringLiteral("运城") + district)
            + u(dice.pick(kTradeNames)) + u(dice.pick(kCompanies));
        a.address = address(dice, district, false);
        a.phone = phone(dice, true);
    }
    return p;
}

/** A subject of the catalog with what the generator needs of it, prepared once. */
struct SubjectInfo
{
    IntakeSubject subject;
    QList<core::MaterialEntry> checklist;
    QList<int> deferrable; ///< rows that may be deferred in every matter needing them
    double weight = 1;
};

/** Every working day from first to last (Monday to Friday where no calendar is loaded). */
QList<QDate> workingDays(const core::WorkCalendar& calendar, const QDate& first, const QDate& last)
{
    QList<QDate> days;
    for (QDate d = first; d <= last; d = d.addDays(1))
        if (calendar.isWorkingDay(d).value_or(d.dayOfWeek() <= 5))
            days << d;
    return days;
}

/** Random times of the opening hours (09:00-12:00, 13:30-17:30), in order. */
QList<QTime> openingTimes(Dice& dice, qint64 count)
{
    QList<int> seconds;
    seconds.reserve(count);
    constexpr int morning = 3 * 3600, afternoon = 4 * 3600;
    for (qint64 i = 0; i < count; ++i) {
        const int s = dice.below(morning + afternoon);
        seconds << (s < morning ? 9 * 3600 + s : 13 * 3600 + 1800 + (s - morning));
    }
    std::sort(seconds.begin(), seconds.end());
    QList<QTime> times;
    times.reserve(count);
    for (int s : seconds)
        times << QTime(0, 0).addSecs(s);
    return times;
}

/**
 * The page cache of a bulk load, restored when it ends: a big one keeps the pages of the growing
 * indexes at hand instead of reading and decrypting them again for every few cases.
 */
class BulkCache
{
public:
    explicit BulkCache(const QSqlDatabase& db) : m_db(db)
    {
        QSqlQuery q(m_db);
        if (q.exec(QStringLiteral("PRAGMA cache_size")) && q.next())
            m_previous = q.value(0).toString();
        q.exec(QStringLiteral("PRAGMA cache_size = -262144")); // 256 MiB
    }
    ~BulkCache()
    {
        bool number = false;
        const qint64 pages = m_previous.toLongLong(&number);
        QSqlQuery q(m_db);
        if (number)
            q.exec(QStringLiteral("PRAGMA cache_size = %1").arg(pages));
    }
    BulkCache(const BulkCache&) = delete;
    BulkCache& operator=(const BulkCache&) = delete;

private:
    QSqlDatabase m_db;
    QString m_previous;
};

} // namespace

DataGenerator::DataGenerator(services::Session& session, const core::WorkCalendar& calendar)
    : m_session(session)
    , m_calendar(calendar)
{
}

QString DataGenerator::checkOptions(const GeneratorOptions& o)
{
    if (o.cases < 1 || o.cases > GeneratorOptions::kMaxCases)
        return tr("The number of cases must be between 1 and %1.").arg(GeneratorOptions::kMaxCases);
    if (o.applicants < 0 || o.applicants > o.cases)
        return tr("The number of applicants must be between 1 and the number of cases (%1).").arg(o.cases);
    if (o.years < 1 || o.years > GeneratorOptions::kMaxYears)
        return tr("The number of years must be between 1 and %1.").arg(GeneratorOptions::kMaxYears);
    if (o.casesPerTransaction < 1 || o.casesPerTransaction > 100000)
        return tr("The cases per transaction must be between 1 and 100000.");
    return QString();
}

std::optional<GeneratorReport> DataGenerator::generate(const GeneratorOptions& options, const Progress& progress,
                                                       QString* error)
{
    auto fail = [error](const QString& text) -> std::optional<GeneratorReport> {
        if (error)
            *error = text;
        return std::nullopt;
    };
    if (!m_session.can(core::Action::ManageUsers))
        return fail(Session::refusal(core::Action::ManageUsers));
    if (QString e = checkOptions(options); !e.isEmpty())
        return fail(e);
    IntakeService intake(m_session, m_calendar);
    QString e;
    if (!intake.isReady(&e))
        return fail(e);

    QList<core::User> clerks;
    for (const core::User& user : db::UserRepository(m_session.database().sql()).all())
        if (user.active && user.roles.testFlag(core::Role::IntakeClerk))
            clerks << user;
    if (clerks.isEmpty())
        return fail(tr("The hall has no intake clerk to take the cases in; add one first (oneseal-admin user-add "
                       "--roles intake)."));

    const QDate today = m_session.clock().now().toLocalTime().date();
    GeneratorReport report;
    report.lastDay = options.lastDay.isValid() ? options.lastDay : today.addDays(-1);
    report.firstDay = report.lastDay.addYears(-options.years).addDays(1);
    const QList<QDate> days = workingDays(m_calendar, report.firstDay, report.lastDay);
    if (days.isEmpty())
        return fail(tr("There is no working day between %1 and %2.")
                        .arg(report.firstDay.toString(Qt::ISODate), report.lastDay.toString(Qt::ISODate)));

    Dice dice(options.seed);

    // The catalog's subjects, the popular ones much more often (a Zipf-like law over a shuffled order).
    QList<SubjectInfo> subjects;
    QStringList codes;
    for (const core::Matter& m : intake.catalog().matters)
        codes << m.code;
    for (const core::Bundle& b : intake.catalog().bundles)
        codes << b.code;
    for (qsizetype i = codes.size() - 1; i > 0; --i)
        codes.swapItemsAt(i, dice.below(int(i + 1)));
    double totalWeight = 0;
    for (const QString& code : codes) {
        const auto s = intake.subject(code);
        if (!s || s->matters.isEmpty())
            continue;
        SubjectInfo info;
        info.subject = *s;
        info.checklist = intake.checklistFor(*s);
        for (int row = 0; row < info.checklist.size(); ++row) {
            const core::MaterialEntry& m = info.checklist.at(row);
            bool allowed = m.requirement == core::MaterialRequirement::Deferrable;
            for (const core::Matter* matter : s->matters)
                if (m.matterCodes.contains(matter->code) && !matter->deferralAllowed)
                    allowed = false;
            if (allowed)
                info.deferrable << row;
        }
        info.weight = 1.0 / std::pow(double(subjects.size() + 1), 0.8);
        totalWeight += info.weight;
        subjects << info;
    }
    if (subjects.isEmpty())
        return fail(tr("The catalog has no matter to take cases in for."));
    auto pickSubject = [&]() -> SubjectInfo& {
        double r = dice.unit() * totalWeight;
        for (SubjectInfo& s : subjects) {
            if (r < s.weight)
                return s;
            r -= s.weight;
        }
        return subjects.last();
    };

    // Cases per working day: a little more each year, and some days busier than others.
    const qint64 applicantCount = options.applicants > 0 ? options.applicants : std::max<qint64>(1, options.cases / 3);
    QList<double> dayWeights;
    double dayTotal = 0;
    for (qsizetype i = 0; i < days.size(); ++i) {
        const double w = (1.0 + 0.3 * double(i) / double(days.size())) * (0.7 + 0.6 * dice.unit());
        dayWeights << w;
        dayTotal += w;
    }
    QList<qint64> perDay;
    qint64 assigned = 0;
    for (double w : dayWeights) {
        perDay << qint64(std::floor(double(options.cases) * w / dayTotal));
        assigned += perDay.last();
    }
    for (; assigned < options.cases; ++assigned)
        ++perDay[dice.below(int(perDay.size()))];

    db::Database& database = m_session.database();
    db::EventStore& events = m_session.events();
    const BulkCache bulk(database.sql());
    db::IntakeRepository repo(database.sql());
    db::NumberBlocks numbers(database.sql());
    QList<PoolApplicant> pool;
    pool.reserve(applicantCount);
    QSet<QString> usedIds;
    qint64 lastSerial = 0;
    QElapsedTimer timer;
    timer.start();

    // Takes the next case number; this workstation leases itself another block when it runs out.
    auto nextSerial = [&](QString* why) -> std::optional<qint64> {
        if (const auto serial = numbers.take(core::numbering::caseKind, nullptr)) {
            lastSerial = *serial;
            return serial;
        }
        for (qint64 block = lastSerial / core::numbering::kBlockSize;; ++block) {
            if (block > 100000) {
                *why = tr("No free block of case numbers was found.");
                return std::nullopt;
            }
            if (numbers.addBlock(core::numbering::caseKind, block * core::numbering::kBlockSize + 1,
                                 (block + 1) * core::numbering::kBlockSize, nullptr))
                break;
        }
        const auto serial = numbers.take(core::numbering::caseKind, why);
        if (serial)
            lastSerial = *serial;
        return serial;
    };

    qint64 written = 0;
    qint64 committed = 0;
    std::optional<db::Transaction> tx;
    auto failPartway = [&](const QString& why) {
        tx.reset(); // rolls the open transaction back
        return fail(tr("%1 (%2 cases were written and kept.)").arg(why).arg(committed));
    };
    for (qsizetype d = 0; d < days.size(); ++d) {
        const QDate day = days.at(d);
        const QList<QTime> times = openingTimes(dice, perDay.at(d));
        QHash<const SubjectInfo*, std::pair<core::DeadlineResult, core::DeadlineResult>> deadlines;
        for (const QTime& time : times) {
            if (!tx) {
                tx.emplace(database.sql());
                if (!tx->isActive())
                    return failPartway(tx->errorText());
            }
            const core::User& clerk = clerks.at(dice.below(int(clerks.size())));

            // The applicant: a new one as often as needed to use the whole pool by the end, otherwise a
            // returning one (those who came early come back most).
            const qint64 casesLeft = options.cases - written;
            const qint64 newLeft = applicantCount - pool.size();
            PoolApplicant* who = nullptr;
            if (pool.isEmpty() || dice.below64(casesLeft) < newLeft) {
                pool << makeApplicant(dice, today.addYears(-18), usedIds);
                who = &pool.last();
                if (const auto known = repo.applicantByIdNumber(who->applicant.idNumber)) {
                    who->applicant.id = known->id;
                    who->stored = true;
                    if (known->name != who->applicant.name || known->phone != who->applicant.phone
                        || known->address != who->applicant.address
                        || known->legalRepresentative != who->applicant.legalRepresentative) {
                        if (!events.append(QString(), QStringLiteral("applicant.updated"), who->applicant.toCbor(),
                                           clerk.id, &e))
                            return failPartway(e);
                        ++report.applicantsUpdated;
                        ++report.events;
                    }
                } else {
                    who->applicant.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
                }
            } else {
                const double r = dice.unit();
                who = &pool[qsizetype(double(pool.size()) * r * r)];
                if (dice.chance(0.03)) { // a new phone since last time
                    who->applicant.phone = phone(dice, who->applicant.kind == core::ApplicantKind::Organisation);
                    if (!events.append(QString(), QStringLiteral("applicant.updated"), who->applicant.toCbor(),
                                       clerk.id, &e))
                        return failPartway(e);
                    ++report.applicantsUpdated;
                    ++report.events;
                }
            }
            if (!who->stored) {
                if (QString v = core::ApplicantRules::validate(who->applicant); !v.isEmpty())
                    return failPartway(tr("Generated an invalid applicant (%1): %2").arg(who->applicant.idNumber, v));
                if (!events.append(QString(), QStringLiteral("applicant.registered"), who->applicant.toCbor(),
                                   clerk.id, &e))
                    return failPartway(e);
                who->stored = true;
                ++report.applicantsRegistered;
                ++report.events;
            }

            // The subject, the outcome and the checklist as the clerk would have marked it.
            const SubjectInfo& info = pickSubject();
            const IntakeSubject& subject = info.subject;
            auto& dl = deadlines[&info];
            if (!dl.first.due.isValid()) {
                dl.first = intake.promisedDeadline(subject, day);
                dl.second = intake.legalDeadline(subject, day);
            }
            IntakePayload payload;
            payload.subject = &subject;
            payload.catalogVersion = intake.catalog().version;
            payload.applicant = who->applicant;
            payload.acceptedAt = QDateTime(day, time);
            payload.promised = dl.first;
            payload.legal = dl.second;
            payload.clerkName = clerk.displayName;
            if (who->applicant.kind == core::ApplicantKind::Organisation ? dice.chance(0.6) : dice.chance(0.05)) {
                payload.agent.name = personName(dice);
                payload.agent.idNumber = residentId(dice, today.addYears(-18));
                payload.agent.phone = phone(dice, false);
            }

            const double r = dice.unit();
            core::IntakeOutcome outcome = core::IntakeOutcome::Accept;
            if (subject.instant && r < 0.8)
                outcome = core::IntakeOutcome::CompleteInstantly;
            else if (r < 0.09)
                outcome = core::IntakeOutcome::NotifyMissing;
            else if (r < 0.11)
                outcome = core::IntakeOutcome::Refuse;
            else if (r < 0.17 && !info.deferrable.isEmpty())
                outcome = core::IntakeOutcome::AcceptDeferred;
            else if (r < 0.22 && subject.commitmentAllowed)
                outcome = core::IntakeOutcome::AcceptCommitment;

            QList<core::MaterialEntry> given = info.checklist;
            for (core::MaterialEntry& m : given) {
                if (m.state == core::MaterialState::SharedData)
                    continue;
                if (m.requirement == core::MaterialRequirement::Optional && dice.chance(0.5)) {
                    m.state = core::MaterialState::NotApplicable;
                    continue;
                }
                m.state = core::MaterialState::Received;
                m.count = 1 + (dice.chance(0.2) ? 1 : 0);
                m.original = m.original && dice.chance(0.9);
            }
            if (outcome == core::IntakeOutcome::NotifyMissing) {
                const int missing = 1 + dice.below(std::min(3, int(given.size())));
                for (int i = 0; i < missing; ++i) {
                    core::MaterialEntry& m = given[dice.below(int(given.size()))];
                    m.state = core::MaterialState::Missing;
                    m.note = u(dice.pick(kMissingNotes));
                }
            } else if (outcome == core::IntakeOutcome::AcceptDeferred) {
                core::MaterialEntry& m = given[info.deferrable.at(dice.below(int(info.deferrable.size())))];
                m.state = core::MaterialState::Deferred;
                const qint64 span = std::max<qint64>(0, day.daysTo(dl.first.due));
                m.dueDate = dl.first.due.isValid() ? day.addDays(dice.below64(span + 1)) : QDate();
            } else if (outcome == core::IntakeOutcome::Refuse) {
                payload.reasons = u(dice.pick(kRefusals));
            }
            auto materials = intake.checkedMaterials(subject, given, &e);
            if (!materials)
                return failPartway(e);
            if (!core::IntakeRules::check(outcome, *materials, subject.matters, day, dl.first.due, payload.reasons)
                     .isEmpty()) {
                // This subject does not allow what was drawn (an instant matter with a deferral, ...):
                // a plain acceptance with everything received, which every subject allows.
                outcome = core::IntakeOutcome::Accept;
                for (core::MaterialEntry& m : *materials)
                    if (m.state == core::MaterialState::Missing || m.state == core::MaterialState::Deferred) {
                        m.state = core::MaterialState::Received;
                        m.count = 1;
                        m.note.clear();
                        m.dueDate = QDate();
                    }
                payload.reasons.clear();
                if (QString v = core::IntakeRules::check(outcome, *materials, subject.matters, day, dl.first.due,
                                                         QString());
                    !v.isEmpty())
                    return failPartway(tr("Generated a case the intake rules refuse (%1): %2").arg(subject.name, v));
            }
            payload.materials = *materials;
            payload.outcome = outcome;

            const auto serial = nextSerial(&e);
            if (!serial)
                return failPartway(e);
            payload.caseNo = core::numbering::caseNumber(day.year(), *serial);
            const QString caseId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            if (!events.append(caseId, core::outcomeEventKind(outcome), payload.toCbor(), clerk.id, &e))
                return failPartway(e);
            ++report.events;
            ++report.outcomes[core::outcomeKey(outcome)];
            ++written;

            if (written % options.casesPerTransaction == 0 || written == options.cases) {
                if (!tx->commit(&e))
                    return failPartway(e);
                tx.reset();
                committed = written;
                if (progress)
                    progress(written, options.cases);
            }
        }
    }
    // Leave the workstation numbers to go on with, as a hall set-up does.
    if (numbers.remaining(core::numbering::caseKind) < core::numbering::kRefillWhenLeft) {
        db::Transaction top(database.sql());
        const qint64 from = lastSerial / core::numbering::kBlockSize + 1;
        for (qint64 block = from; top.isActive() && block < from + 100000; ++block)
            if (numbers.addBlock(core::numbering::caseKind, block * core::numbering::kBlockSize + 1,
                                 (block + 1) * core::numbering::kBlockSize, nullptr)) {
                top.commit(nullptr);
                break;
            }
    }
    report.cases = written;
    report.seconds = double(timer.elapsed()) / 1000.0;
    return report;
}

} // namespace oneseal::loadgen
