// libFuzzer: the bundle reader (outer envelope, both directions) and the content decoder with a
// fixed key (the sealed part only opens for valid input, but its failure paths are exercised).
#include "FuzzSupport.h"
#include "protocol/BundleFile.h"
#include "protocol/Pki.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using oneseal::sync::BundleFile;
    static const QByteArray key = oneseal::sync::Pki::generateEcKey();
    const QByteArray bytes = oneseal::fuzz::bytesOf(data, size);
    for (const QString& direction : {BundleFile::up(), BundleFile::down()}) {
        QString error;
        if (const auto envelope = BundleFile::parse(bytes, QStringLiteral("fuzz.osb"), direction, &error))
            (void)BundleFile::open(*envelope, key, &error);
    }
    return 0;
}
