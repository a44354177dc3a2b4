#pragma once

#include <QCborValue>

#include <cmath>

namespace oneseal::core {

/**
 * QCborValue::toInteger() without its undefined behaviour: Qt 6.4 converts a double to qint64
 * unchecked, and a CBOR unsigned integer above 2^63 - 1 decodes as a double, so a received
 * 2^64 - 1, NaN or 1e30 was undefined behaviour in every reader (found by fuzz_messages and
 * fuzz_bundle, docs/FUZZING.md). An integer as it is; a double only when it is finite and in the
 * 64-bit range (truncated, as Qt does); anything else is defaultValue.
 */
inline qint64 cborInteger(const QCborValue& value, qint64 defaultValue = 0)
{
    if (value.isInteger())
        return value.toInteger();
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (std::isfinite(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0)
            return qint64(d);
    }
    return defaultValue;
}

} // namespace oneseal::core
