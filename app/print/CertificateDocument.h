#pragma once

#include <QMap>
#include <QString>

namespace oneseal::print {

/**
 * One certificate to print, as plain data: the values of its template's fields by key, the text of
 * the seal and the signed QR payload. The certificate service fills it; CertificateRenderer only lays
 * it out. Values are printed exactly as given (dates already written 2026年11月26日).
 */
struct CertificateDocument
{
    QMap<QString, QString> fields; ///< template field key -> text; keys the template lacks are ignored
    QString sealBureau; ///< the bureau's name around the seal; no seal when empty
    QString qrText; ///< the QR code's content (core::CertificatePayload text); no QR code when empty
};

} // namespace oneseal::print
