#pragma once

#include <QStringList>

namespace oneseal::cli {

/** Runs one oneseal-admin command (arguments as from the command line); returns the exit code. */
int run(const QStringList& arguments);

} // namespace oneseal::cli
