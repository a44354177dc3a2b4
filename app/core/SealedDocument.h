#pragma once

#include <QList>
#include <QString>

namespace oneseal::core {

/**
 * The kind of a document that carries the hall's seal, as the seal register (用印登记) lists it: every
 * sealed document issued adds its own row with its hash (app/documents/DocumentIssuer).
 */
enum class SealedDocument {
    None,
    Decision, ///< the decision document (准予/不予许可决定书), sealed by the approver
    Notice, ///< a notice to the applicant that carries the seal (受理通知书 and the like)
    Certificate, ///< a certificate's first print
    Reprint, ///< a certificate printed again
    Revocation, ///< a revocation decision (撤销)
    Unknown, ///< stored text this version does not know
};

/** Every kind a document can have, in the order the register offers them. */
const QList<SealedDocument>& sealedDocumentKinds();
/** The stored text: "decision", "notice", "certificate", "reprint", "revocation"; empty for None and Unknown. */
QString toStored(SealedDocument kind);
/** The kind of a stored text; empty text is None, any other unknown text Unknown. */
SealedDocument sealedDocumentFromStored(const QString& text);
/** The translated text shown to people; empty for None. */
QString displayText(SealedDocument kind);

} // namespace oneseal::core
