#pragma once

#include <QString>

namespace oneseal::core {

/** Who collected a certificate (出证): the holder in person or an agent. */
enum class CollectorKind {
    None,    ///< not collected yet
    Holder,  ///< the holder in person
    Agent,   ///< someone on the holder's behalf
    Unknown, ///< stored text this version does not know
};

/** The stored text: "holder", "agent"; empty for None and Unknown. */
QString toStored(CollectorKind kind);
/** The kind of a stored text; empty text is None, any other unknown text Unknown. */
CollectorKind collectorKindFromStored(const QString& text);
/** The translated text shown to people; empty for None. */
QString displayText(CollectorKind kind);

} // namespace oneseal::core
