#pragma once

#include <QString>

#include <optional>

namespace oneseal::core {

/**
 * The failure path of a function that returns std::optional<T> and explains itself in *error: sets
 * *error (when the caller asked) and returns nothing.
 */
template<typename T>
std::optional<T> failed(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return std::nullopt;
}

} // namespace oneseal::core
