#pragma once
// Shared by the libFuzzer targets: a QCoreApplication-free Qt (the readers need only QtCore) and
// the bytes as a QByteArray that does not copy.
#include <QByteArray>

#include <cstddef>
#include <cstdint>

namespace oneseal::fuzz {
inline QByteArray bytesOf(const uint8_t* data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
}
} // namespace oneseal::fuzz
