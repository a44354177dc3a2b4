#pragma once

#include "Clock.h"

#include <QDate>
#include <QString>
#include <QStringView>

/**
 * Check characters of the national identifiers an applicant or a licence carries. The checksums are
 * facts of national standards (docs/DOMAIN.md "Identifiers"); nothing here looks anything up.
 *
 * Every check first applies normalizeIdentifier(), so "11010519491231002x" and full-width digits typed
 * with a Chinese input method are accepted; positions in the messages count characters of that
 * normalised form from 1. Store the normalised form.
 *
 * Messages are in the translation context "Identifiers".
 */
namespace oneseal::core {

/** The outcome of checking an identifier: valid, or a sentence naming what is wrong. */
struct IdCheck
{
    bool valid = false;
    QString error;
};

/**
 * Trims, removes every space inside (also the ideographic space U+3000), maps full-width ASCII
 * (U+FF01..U+FF5E: digits, letters, the full stop) and the ideographic full stop "。" to plain ASCII,
 * and upper-cases, so "１１０１ ０５…ｘ" becomes "1101 05…X" without the space. Used before every check
 * and before storing an identifier.
 */
QString normalizeIdentifier(const QString& raw);

/**
 * Checks a resident identity card number (GB 11643-1999): 18 characters, 17 digits and a check
 * character (0-9 or X) computed with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, the sum mod 11
 * indexing "10X98765432". Characters 7-14 must be a real date of birth, not before 1900-01-01 and
 * not after \a today. The area code (characters 1-6) is not checked: the code list changes.
 */
IdCheck checkResidentId(const QString& id, const QDate& today = Clock::system().today());

/**
 * Checks a unified social credit code (GB 32100-2015): 18 characters from
 * "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, S, V, Z), the last one the check character:
 * 31 - (sum of value × weight mod 31), 31 becoming 0, weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24
 * 10 30 28.
 */
IdCheck checkCreditCode(const QString& code);

/**
 * Checks an electronic licence identifier (电子证照标识, GB/T 36904-2018). Our reading of the format,
 * confirmed against identifiers published by provincial licence platforms:
 *
 *     1.2.156.3005.2.<type>.<issuer>.<serial>.<version>.<check>
 *
 * - "1.2.156.3005.2": the fixed root code (OID) of Chinese electronic licences.
 * - type (证照类型代码), 21 characters: the unified social credit code of the national department
 *   that registered the licence type (18 characters, its own check character verified) followed by a
 *   3-digit type number, e.g. "11100000000013338W011".
 * - issuer (证照颁发机构代码): the issuing body's 18-character unified social credit code, verified.
 * - serial (流水号): one or more digits or capital letters A-Z, chosen by the issuer (published
 *   identifiers use 10, 11, 20 and 32 characters), so no length is imposed.
 * - version (版本号): exactly 3 digits, "001" for the first issue.
 * - check (校验位): one character 0-9 or A-Z, ISO/IEC 7064 MOD 37,36 (GB/T 17710) over
 *   type + issuer + serial + version concatenated without the dots; see iso7064Mod37_36().
 */
IdCheck checkLicenceIdentifier(const QString& id);

/** The check character of a resident ID for its first 17 characters; QChar() unless 17 ASCII digits. */
QChar residentIdCheckChar(QStringView first17);

/**
 * The check character of a unified social credit code for its first 17 characters; QChar() unless
 * 17 characters of the code's alphabet.
 */
QChar creditCodeCheckChar(QStringView first17);

/**
 * The ISO/IEC 7064 MOD 37,36 hybrid check character (0-9, A-Z) for \a data made of digits and
 * capital letters A-Z; QChar() when \a data is empty or holds any other character.
 */
QChar iso7064Mod37_36(QStringView data);

/**
 * The date of birth written in characters 7-14 of a resident ID (normalised first); an invalid
 * QDate when the ID is not 18 characters or those characters are not a real date.
 */
QDate residentIdBirthDate(const QString& id);

} // namespace oneseal::core
