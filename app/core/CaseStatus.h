#pragma once

#include <QString>

namespace oneseal::core {

/**
 * The coarse status of a case after one more event of the given kind (the status column of the
 * case_summary projection). Unknown kinds keep the status; a first event opens the case.
 */
QString caseStatusAfter(const QString& current, const QString& kind);

} // namespace oneseal::core
