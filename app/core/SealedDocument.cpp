#include "SealedDocument.h"

#include <QCoreApplication>

namespace oneseal::core {

const QList<SealedDocument>& sealedDocumentKinds()
{
    static const QList<SealedDocument> kinds { SealedDocument::Decision, SealedDocument::Notice,
        SealedDocument::Certificate, SealedDocument::Reprint, SealedDocument::Revocation };
    return kinds;
}

QString toStored(SealedDocument kind)
{
    switch (kind) {
    case SealedDocument::Decision: return QStringLiteral("decision");
    case SealedDocument::Notice: return QStringLiteral("notice");
    case SealedDocument::Certificate: return QStringLiteral("certificate");
    case SealedDocument::Reprint: return QStringLiteral("reprint");
    case SealedDocument::Revocation: return QStringLiteral("revocation");
    case SealedDocument::None:
    case SealedDocument::Unknown: break;
    }
    return QString();
}

SealedDocument sealedDocumentFromStored(const QString& text)
{
    if (text.isEmpty())
        return SealedDocument::None;
    for (SealedDocument k : sealedDocumentKinds())
        if (text == toStored(k))
            return k;
    return SealedDocument::Unknown;
}

QString displayText(SealedDocument kind)
{
    switch (kind) {
    case SealedDocument::Decision: return QCoreApplication::translate("SealedDocument", "Decision");
    case SealedDocument::Notice: return QCoreApplication::translate("SealedDocument", "Notice");
    case SealedDocument::Certificate: return QCoreApplication::translate("SealedDocument", "Certificate");
    case SealedDocument::Reprint: return QCoreApplication::translate("SealedDocument", "Certificate reprint");
    case SealedDocument::Revocation: return QCoreApplication::translate("SealedDocument", "Revocation");
    case SealedDocument::Unknown: return QCoreApplication::translate("SealedDocument", "unknown");
    case SealedDocument::None: break;
    }
    return QString();
}

} // namespace oneseal::core
