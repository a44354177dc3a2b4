// libFuzzer: the key ring reader (hall.db.keyring), through a file as the program reads it.
#include "FuzzSupport.h"
#include "db/KeyRing.h"

#include <QDir>
#include <QFile>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const QString path = QDir::temp().filePath(QStringLiteral("oneseal-fuzz-%1.keyring").arg(::getpid()));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return 0;
    f.write(reinterpret_cast<const char*>(data), qint64(size));
    f.close();
    QString error;
    if (const auto ring = oneseal::db::KeyRing::load(path, &error))
        (void)ring->users();
    return 0;
}
