#include "CaseNumber.h"

namespace oneseal::core::numbering {

QString format(const QString& prefix, int year, qint64 serial)
{
    return prefix + QString::number(year) + QStringLiteral("%1").arg(serial, 8, 10, QLatin1Char('0'));
}

QString caseNumber(int year, qint64 serial)
{
    return format(QStringLiteral("SL"), year, serial);
}

} // namespace oneseal::core::numbering
