// libFuzzer: the certificate payload decoder (the text of a certificate's QR code) and base45.
#include "FuzzSupport.h"
#include "core/CertificatePayload.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using oneseal::core::CertificatePayload;
    const QString text = QString::fromUtf8(oneseal::fuzz::bytesOf(data, size));
    QString error;
    (void)CertificatePayload::decode(text, &error);
    (void)CertificatePayload::decode(CertificatePayload::prefix() + text, &error);
    (void)CertificatePayload::base45Decode(text, &error);
    return 0;
}
