#include "IdCardData.h"

#include "SamProtocol.h"
#include "core/Identifiers.h"

namespace oneseal::devices {

namespace {
struct Field
{
    int offset;
    int size;
};
constexpr Field kName{0, 30};
constexpr Field kSex{30, 2};
constexpr Field kEthnicity{32, 4};
constexpr Field kBirth{36, 16};
constexpr Field kAddress{52, 70};
constexpr Field kIdNumber{122, 36};
constexpr Field kAuthority{158, 30};
constexpr Field kValidFrom{188, 16};
constexpr Field kValidTo{204, 16};

QString read(const QByteArray& text, Field f)
{
    QString s;
    for (int i = f.offset; i + 1 < f.offset + f.size; i += 2) {
        const char16_t u = char16_t(quint8(text.at(i)) | (quint8(text.at(i + 1)) << 8));
        if (u == 0)
            break;
        s.append(QChar(u));
    }
    return s.trimmed();
}

void write(QByteArray& text, Field f, const QString& value)
{
    for (int i = 0; i < f.size / 2; ++i) {
        const char16_t u = i < value.size() ? value.at(i).unicode() : u' ';
        text[f.offset + 2 * i] = char(u & 0xFF);
        text[f.offset + 2 * i + 1] = char(u >> 8);
    }
}

QDate day(const QString& s)
{
    if (s.size() != 8)
        return QDate();
    for (const QChar c : s)
        if (!c.isDigit())
            return QDate();
    return QDate::fromString(s, QStringLiteral("yyyyMMdd"));
}

// GB/T 3304: the 56 ethnic groups, then 97 其他 and 98 外国血统.
const char* const kEthnicities[] = {
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
    "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
    "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒",
    "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
};
} // namespace

QString IdCardData::sex() const
{
    if (sexCode == QLatin1String("1"))
        return QStringLiteral("男");
    if (sexCode == QLatin1String("2"))
        return QStringLiteral("女");
    if (sexCode == QLatin1String("9"))
        return QStringLiteral("未说明");
    return QStringLiteral("未知");
}

QString IdCardData::ethnicity() const
{
    bool ok = false;
    const int code = ethnicityCode.toInt(&ok);
    if (ok && code >= 1 && code <= 56)
        return QString::fromUtf8(kEthnicities[code - 1]);
    if (ok && code == 97)
        return QStringLiteral("其他");
    if (ok && code == 98)
        return QStringLiteral("外国血统");
    return ethnicityCode;
}

bool IdCardData::expiredOn(const QDate& today) const
{
    return !longTerm && validTo.isValid() && validTo < today;
}

QString IdCardData::problem(const QDate& today) const
{
    const core::IdCheck check = core::checkResidentId(idNumber, today);
    if (!check.valid)
        return tr("The card's ID number is not valid: %1").arg(check.error);
    if (QDate::fromString(idNumber.mid(6, 8), QStringLiteral("yyyyMMdd")) != birthDate)
        return tr("The card's birth date does not match its ID number.");
    const bool odd = idNumber.at(16).digitValue() % 2 == 1;
    if ((sexCode == QLatin1String("1") && !odd) || (sexCode == QLatin1String("2") && odd))
        return tr("The card's sex does not match its ID number.");
    return QString();
}

QString IdCardData::validityText() const
{
    return validFrom.toString(Qt::ISODate) + QStringLiteral(" – ")
        + (longTerm ? QStringLiteral("长期") : validTo.toString(Qt::ISODate));
}

std::optional<IdCardData> IdCardData::fromText(const QByteArray& text, QString* error)
{
    auto fail = [error](const QString& why) -> std::optional<IdCardData> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (text.size() < SamProtocol::kTextSize)
        return fail(tr("The card's text is incomplete (%1 of 256 bytes).").arg(text.size()));
    IdCardData d;
    d.name = read(text, kName);
    d.sexCode = read(text, kSex);
    d.ethnicityCode = read(text, kEthnicity);
    d.birthDate = day(read(text, kBirth));
    d.address = read(text, kAddress);
    d.idNumber = read(text, kIdNumber).toUpper();
    d.authority = read(text, kAuthority);
    d.validFrom = day(read(text, kValidFrom));
    const QString to = read(text, kValidTo);
    d.longTerm = to == QStringLiteral("长期");
    d.validTo = d.longTerm ? QDate() : day(to);
    if (d.name.isEmpty() || d.idNumber.isEmpty())
        return fail(tr("The card gave no name or no ID number."));
    if (!d.birthDate.isValid())
        return fail(tr("The card's birth date is not a date."));
    if (!d.validFrom.isValid() || (!d.longTerm && !d.validTo.isValid()))
        return fail(tr("The card's validity is not a date."));
    for (const QChar c : d.name + d.address + d.authority)
        if (c.category() == QChar::Other_Control || c.isNonCharacter() || c.isSurrogate())
            return fail(tr("The card's text holds characters that are not text."));
    return d;
}

QByteArray IdCardData::toText() const
{
    QByteArray text(SamProtocol::kTextSize, ' ');
    for (int i = 1; i < text.size(); i += 2)
        text[i] = 0;
    write(text, kName, name);
    write(text, kSex, sexCode);
    write(text, kEthnicity, ethnicityCode);
    write(text, kBirth, birthDate.toString(QStringLiteral("yyyyMMdd")));
    write(text, kAddress, address);
    write(text, kIdNumber, idNumber);
    write(text, kAuthority, authority);
    write(text, kValidFrom, validFrom.toString(QStringLiteral("yyyyMMdd")));
    write(text, kValidTo, longTerm ? QStringLiteral("长期") : validTo.toString(QStringLiteral("yyyyMMdd")));
    return text;
}

} // namespace oneseal::devices
