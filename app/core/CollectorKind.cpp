#include "CollectorKind.h"

#include <QCoreApplication>

namespace oneseal::core {

QString toStored(CollectorKind kind)
{
    switch (kind) {
    case CollectorKind::Holder: return QStringLiteral("holder");
    case CollectorKind::Agent: return QStringLiteral("agent");
    case CollectorKind::None:
    case CollectorKind::Unknown: break;
    }
    return QString();
}

CollectorKind collectorKindFromStored(const QString& text)
{
    if (text.isEmpty())
        return CollectorKind::None;
    for (CollectorKind k : {CollectorKind::Holder, CollectorKind::Agent})
        if (text == toStored(k))
            return k;
    return CollectorKind::Unknown;
}

QString displayText(CollectorKind kind)
{
    switch (kind) {
    case CollectorKind::Holder: return QCoreApplication::translate("CollectorKind", "Holder in person");
    case CollectorKind::Agent: return QCoreApplication::translate("CollectorKind", "Agent");
    case CollectorKind::Unknown: return QCoreApplication::translate("CollectorKind", "unknown");
    case CollectorKind::None: break;
    }
    return QString();
}

} // namespace oneseal::core
