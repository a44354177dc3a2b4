#include "core/Identifiers.h"

#include <QCoreApplication>

#include <array>

namespace oneseal::core {

namespace {

    constexpr std::array<int, 17> kResidentWeights { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    constexpr char kResidentCheckChars[] = "10X98765432";

    constexpr char kCreditAlphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    constexpr std::array<int, 17> kCreditWeights { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

    constexpr QLatin1StringView kLicenceRoot("1.2.156.3005.2.");

    constexpr int kIdLength = 18;
    constexpr int kLicenceTypeLength = 21;
    constexpr int kLicenceVersionLength = 3;

    IdCheck ok()
    {
        return { true, QString() };
    }

    IdCheck fail(const QString& error)
    {
        return { false, error };
    }

    bool isAsciiDigit(QChar c)
    {
        return c >= u'0' && c <= u'9';
    }

    bool isAsciiUpperAlnum(QChar c)
    {
        return isAsciiDigit(c) || (c >= u'A' && c <= u'Z');
    }

    /** The value of a character in the credit-code alphabet, or -1. */
    int creditValue(QChar c)
    {
        if (c.unicode() > 0x7f)
            return -1;
        for (int i = 0; kCreditAlphabet[i] != '\0'; ++i) {
            if (kCreditAlphabet[i] == c.toLatin1())
                return i;
        }
        return -1;
    }

    /** A character as the user should see it quoted in a message: itself, or U+XXXX when invisible. */
    QString shown(QChar c)
    {
        if (c.isPrint() && !c.isSpace())
            return QString(c);
        return QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
    }

    /** The checks of an already normalised unified social credit code (also used inside licence identifiers). */
    IdCheck checkCreditCodeNormalized(const QString& code)
    {
        if (code.isEmpty())
            return fail(QCoreApplication::translate("Identifiers", "Enter the unified social credit code."));
        if (code.size() != kIdLength)
            return fail(QCoreApplication::translate("Identifiers",
                "The unified social credit code has %n character(s); it needs 18.", nullptr, int(code.size())));
        for (int i = 0; i < kIdLength; ++i) {
            const QChar c = code.at(i);
            if (creditValue(c) >= 0)
                continue;
            if (c == u'I' || c == u'O' || c == u'S' || c == u'V' || c == u'Z')
                return fail(QCoreApplication::translate("Identifiers",
                    "Character %1 of the unified social credit code is “%2”: the "
                    "letters I, O, S, V and Z are never used (perhaps 1, 0, 5, U or 2?).")
                                .arg(i + 1)
                                .arg(shown(c)));
            return fail(QCoreApplication::translate("Identifiers",
                "Character %1 of the unified social credit code is “%2”: only digits "
                "and capital letters are allowed.")
                            .arg(i + 1)
                            .arg(shown(c)));
        }
        const QChar expected = creditCodeCheckChar(QStringView(code).left(17));
        if (code.at(17) != expected)
            return fail(QCoreApplication::translate("Identifiers",
                "The last character of the unified social credit code should be %1 "
                "but is %2: a character was probably mistyped.")
                            .arg(expected)
                            .arg(code.at(17)));
        return ok();
    }

} // namespace

QString normalizeIdentifier(const QString& raw)
{
    QString out;
    out.reserve(raw.size());
    for (QChar c : raw) {
        if (c.isSpace())
            continue;
        const char16_t u = c.unicode();
        if (u >= 0xFF01 && u <= 0xFF5E)
            c = QChar(char16_t(u - 0xFEE0));
        else if (u == 0x3002)
            c = QChar(u'.');
        out.append(c);
    }
    return out.toUpper();
}

QChar residentIdCheckChar(QStringView first17)
{
    if (first17.size() != 17)
        return {};
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
        if (!isAsciiDigit(first17[i]))
            return {};
        sum += (first17[i].unicode() - u'0') * kResidentWeights[i];
    }
    return QLatin1Char(kResidentCheckChars[sum % 11]);
}

QChar creditCodeCheckChar(QStringView first17)
{
    if (first17.size() != 17)
        return {};
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
        const int v = creditValue(first17[i]);
        if (v < 0)
            return {};
        sum += v * kCreditWeights[i];
    }
    const int check = 31 - sum % 31;
    return QLatin1Char(kCreditAlphabet[check == 31 ? 0 : check]);
}

QChar iso7064Mod37_36(QStringView data)
{
    // ISO/IEC 7064 hybrid system with M = 36: P starts at M; for each character
    // S = (P + value) mod M (0 read as M), P = 2S mod (M + 1); the check value makes (P + check) mod M == 1.
    constexpr int m = 36;
    if (data.isEmpty())
        return {};
    int p = m;
    for (QChar c : data) {
        if (!isAsciiUpperAlnum(c))
            return {};
        const int value = isAsciiDigit(c) ? c.unicode() - u'0' : c.unicode() - u'A' + 10;
        int s = (p + value) % m;
        if (s == 0)
            s = m;
        p = (s * 2) % (m + 1);
    }
    const int check = (m + 1 - p) % m;
    return check < 10 ? QChar(char16_t(u'0' + check)) : QChar(char16_t(u'A' + check - 10));
}

QDate residentIdBirthDate(const QString& id)
{
    const QString n = normalizeIdentifier(id);
    if (n.size() != kIdLength)
        return {};
    const QStringView digits = QStringView(n).mid(6, 8);
    for (QChar c : digits) {
        if (!isAsciiDigit(c))
            return {};
    }
    return QDate::fromString(digits.toString(), QStringLiteral("yyyyMMdd"));
}

IdCheck checkResidentId(const QString& id, const QDate& today)
{
    const QString n = normalizeIdentifier(id);
    if (n.isEmpty())
        return fail(QCoreApplication::translate("Identifiers", "Enter the resident ID number."));
    if (n.size() != kIdLength)
        return fail(QCoreApplication::translate(
            "Identifiers", "The resident ID number has %n character(s); it needs 18.", nullptr, int(n.size())));
    for (int i = 0; i < 17; ++i) {
        if (!isAsciiDigit(n.at(i)))
            return fail(QCoreApplication::translate("Identifiers",
                "Character %1 of the resident ID number is “%2”: the first 17 "
                "characters must be digits.")
                            .arg(i + 1)
                            .arg(shown(n.at(i))));
    }
    const QChar last = n.at(17);
    if (!isAsciiDigit(last) && last != u'X')
        return fail(QCoreApplication::translate("Identifiers",
            "The last character of the resident ID number is “%1”: it must be a "
            "digit or X.")
                        .arg(shown(last)));

    const QDate birth = residentIdBirthDate(n);
    if (!birth.isValid())
        return fail(QCoreApplication::translate("Identifiers",
            "Characters 7–14 of the resident ID number (%1) are not a real date "
            "of birth.")
                        .arg(n.mid(6, 8)));
    if (birth < QDate(1900, 1, 1))
        return fail(QCoreApplication::translate(
            "Identifiers", "The date of birth in the resident ID number (%1) is before 1900.")
                        .arg(birth.toString(Qt::ISODate)));
    if (today.isValid() && birth > today)
        return fail(QCoreApplication::translate(
            "Identifiers", "The date of birth in the resident ID number (%1) is in the future.")
                        .arg(birth.toString(Qt::ISODate)));

    const QChar expected = residentIdCheckChar(QStringView(n).left(17));
    if (last != expected)
        return fail(QCoreApplication::translate("Identifiers",
            "The last character of the resident ID number should be %1 but is %2: "
            "a digit was probably mistyped.")
                        .arg(expected)
                        .arg(last));
    return ok();
}

IdCheck checkCreditCode(const QString& code)
{
    return checkCreditCodeNormalized(normalizeIdentifier(code));
}

IdCheck checkLicenceIdentifier(const QString& id)
{
    const QString n = normalizeIdentifier(id);
    if (n.isEmpty())
        return fail(QCoreApplication::translate("Identifiers", "Enter the electronic licence identifier."));
    if (!n.startsWith(kLicenceRoot))
        return fail(QCoreApplication::translate("Identifiers",
            "An electronic licence identifier starts with 1.2.156.3005.2 (the root code of electronic "
            "licences)."));
    const QStringList parts = n.mid(kLicenceRoot.size()).split(u'.');
    if (parts.size() != 5)
        return fail(QCoreApplication::translate("Identifiers",
            "After 1.2.156.3005.2 an electronic licence identifier has five parts separated by dots "
            "(type code, issuer code, serial number, version, check character); this one has %n.",
            nullptr, int(parts.size())));
    const QString& type = parts.at(0);
    const QString& issuer = parts.at(1);
    const QString& serial = parts.at(2);
    const QString& version = parts.at(3);
    const QString& check = parts.at(4);

    if (type.size() != kLicenceTypeLength)
        return fail(QCoreApplication::translate("Identifiers",
            "The licence type code has %n character(s); it needs 21 (a unified social credit code and "
            "a 3-digit number).",
            nullptr, int(type.size())));
    const IdCheck typeOwner = checkCreditCodeNormalized(type.left(kIdLength));
    if (!typeOwner.valid)
        return fail(QCoreApplication::translate("Identifiers",
            "The licence type code does not start with a valid unified social "
            "credit code: %1")
                        .arg(typeOwner.error));
    for (int i = kIdLength; i < kLicenceTypeLength; ++i) {
        if (!isAsciiDigit(type.at(i)))
            return fail(QCoreApplication::translate("Identifiers", "The licence type code must end with 3 digits."));
    }

    const IdCheck issuerCheck = checkCreditCodeNormalized(issuer);
    if (!issuerCheck.valid)
        return fail(QCoreApplication::translate("Identifiers", "The issuer code of the licence identifier is wrong: %1")
                        .arg(issuerCheck.error));

    if (serial.isEmpty())
        return fail(
            QCoreApplication::translate("Identifiers", "The serial number of the licence identifier is missing."));
    for (int i = 0; i < serial.size(); ++i) {
        if (!isAsciiUpperAlnum(serial.at(i)))
            return fail(QCoreApplication::translate("Identifiers",
                "Character %1 of the licence serial number is “%2”: only digits "
                "and capital letters are allowed.")
                            .arg(i + 1)
                            .arg(shown(serial.at(i))));
    }

    bool versionDigits = version.size() == kLicenceVersionLength;
    for (QChar c : version)
        versionDigits = versionDigits && isAsciiDigit(c);
    if (!versionDigits)
        return fail(QCoreApplication::translate("Identifiers",
            "The version of the licence identifier is “%1”: it must be 3 digits, "
            "such as 001.")
                        .arg(version));

    const QChar expected = iso7064Mod37_36(QString(type + issuer + serial + version));
    if (check.size() != 1)
        return fail(QCoreApplication::translate("Identifiers",
            "The licence identifier must end with one check character (%1 here), "
            "not “%2”.")
                        .arg(expected)
                        .arg(check));
    if (check.at(0) != expected)
        return fail(QCoreApplication::translate("Identifiers",
            "The check character of the licence identifier should be %1 but is "
            "%2: a character was probably mistyped.")
                        .arg(expected)
                        .arg(check));
    return ok();
}

} // namespace oneseal::core
