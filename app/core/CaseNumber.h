#pragma once

#include <QString>

namespace oneseal::core {

/**
 * Hall-wide unique numbers (case numbers, certificate serials). Each workstation draws serials from
 * blocks leased to it (by the hub; at hall creation, by the set-up): a serial is never reused and a
 * gap is visible to audit. The printed number is prefix + year + 8-digit serial, e.g.
 * "SL2026" + "00000123" for case numbers.
 */
namespace numbering {

inline const QString caseKind = QStringLiteral("case");
inline const QString certificateKind = QStringLiteral("certificate");

QString format(const QString& prefix, int year, qint64 serial);
/** The case number printed on notices: "SL<year><serial>". */
QString caseNumber(int year, qint64 serial);

/** Block size leased at a time, and when to ask for the next block. */
constexpr qint64 kBlockSize = 10000;
constexpr qint64 kRefillWhenLeft = 1000;

} // namespace numbering
} // namespace oneseal::core
