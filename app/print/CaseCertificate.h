#pragma once

#include "print/CertificateDocument.h"
#include "print/CertificateTemplate.h"
#include "core/CaseState.h"
#include "core/Catalog.h"
#include "core/SealKey.h"

#include <QCoreApplication>

#include <optional>

namespace oneseal::print {

/**
 * The certificate of an approved case: the template for its matter's result, the field values from
 * the case, and the QR code's payload signed with the hall's Ed25519 seal key. A bundle case has one
 * certificate per approved matter (\a matterCode): each with its own template, its own matter as
 * the scope, and its own serial and QR code.
 */
class CaseCertificate
{
    Q_DECLARE_TR_FUNCTIONS(CaseCertificate)

public:
    struct Result
    {
        CertificateTemplate certificateTemplate;
        CertificateDocument document;
        QByteArray contentHash; ///< SHA-256 of the certificate's content (recorded when printed)
        QString sealKeyId;      ///< the seal key that signed its QR code (recorded as certificate.signed)
    };

    /** Years a certificate is valid for when the catalog says nothing else. */
    static constexpr int kDefaultValidityYears = 5;

    static std::optional<Result> build(const core::CaseState& state, const core::Catalog& catalog,
                                       const QString& certificateNo, const QString& bureau,
                                       const QString& signerName, const core::SealKey& key, const QDate& issued,
                                       QString* error, const QString& matterCode = QString());
};

} // namespace oneseal::print
