#include "BundleFile.h"
#include "core/Failed.h"
#include "core/CborInteger.h"
#include "core/Clock.h"

#include "Pki.h"

#include <QCborArray>
#include <QCborStreamReader>
#include <QCborValue>
#include <QDateTime>
#include <QFile>
#include <QSaveFile>
#include <QUuid>

namespace oneseal::sync {

namespace {
const QByteArray kMagic = QByteArrayLiteral("ONESEAL-BUNDLE-1\n");

using core::failed;
} // namespace

QByteArray BundleFile::Envelope::signedBytes() const
{
    return QCborArray{1, id, direction, hall, workstation, created, signer, sealed}.toCborValue().toCbor();
}

QByteArray BundleFile::Envelope::aad() const
{
    return QCborArray{id, direction, workstation}.toCborValue().toCbor();
}

std::optional<BundleFile::Envelope> BundleFile::seal(const QString& direction, const QString& hall,
                                                     const QString& workstation, const QCborMap& content,
                                                     const QByteArray& receiverPublicKey,
                                                     const QByteArray& signerCertificate, const QByteArray& signingKey,
                                                     QString* error)
{
    Envelope e;
    e.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.direction = direction;
    e.hall = hall;
    e.workstation = workstation;
    e.created = core::Clock::system().now().toUTC().toString(Qt::ISODate);
    e.signer = signerCertificate;
    e.sealed = Pki::sealFor(receiverPublicKey, content.toCborValue().toCbor(), e.aad());
    e.signature = Pki::sign(signingKey, e.signedBytes());
    if (e.sealed.isEmpty() || e.signature.isEmpty())
        return failed<Envelope>(error, tr("The bundle could not be sealed."));
    return e;
}

bool BundleFile::write(const QString& path, const Envelope& e, QString* error)
{
    const QCborMap outer{{QStringLiteral("v"), 1},
                         {QStringLiteral("id"), e.id},
                         {QStringLiteral("direction"), e.direction},
                         {QStringLiteral("hall"), e.hall},
                         {QStringLiteral("ws"), e.workstation},
                         {QStringLiteral("created"), e.created},
                         {QStringLiteral("signer"), e.signer},
                         {QStringLiteral("sealed"), e.sealed},
                         {QStringLiteral("sig"), e.signature}};
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(kMagic) < 0 || f.write(outer.toCborValue().toCbor()) < 0 || !f.commit()) {
        if (error)
            *error = tr("Unable to write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

std::optional<BundleFile::Envelope> BundleFile::read(const QString& path, const QString& direction, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return failed<Envelope>(error, tr("Unable to read %1: %2").arg(path, f.errorString()));
    if (f.size() > kMaxFileBytes)
        return failed<Envelope>(error, tr("%1 is too large for a bundle.").arg(path));
    return parse(f.readAll(), path, direction, error);
}

std::optional<BundleFile::Envelope> BundleFile::parse(const QByteArray& bytes, const QString& path,
                                                      const QString& direction, QString* error)
{
    if (bytes.size() > kMaxFileBytes)
        return failed<Envelope>(error, tr("%1 is too large for a bundle.").arg(path));
    if (!bytes.startsWith(kMagic))
        return failed<Envelope>(error, tr("%1 is not a OneSeal bundle.").arg(path));
    QCborStreamReader reader(bytes.mid(kMagic.size()));
    const QCborValue parsed = QCborValue::fromCbor(reader);
    // A value that failed to parse is not touched (Qt 6.4 may leave its containers broken).
    if (reader.lastError() != QCborError::NoError || !parsed.isMap()
        || core::cborInteger(parsed.toMap().value(QStringLiteral("v"))) != 1)
        return failed<Envelope>(error, tr("%1 is damaged or of an unknown format.").arg(path));
    if (reader.currentOffset() != bytes.size() - kMagic.size())
        return failed<Envelope>(error, tr("%1 has %2 bytes after the end of the bundle: it was changed or damaged.")
                                           .arg(path)
                                           .arg(bytes.size() - kMagic.size() - reader.currentOffset()));
    const QCborMap outer = parsed.toMap();
    Envelope e{outer.value(QStringLiteral("id")).toString(),     outer.value(QStringLiteral("direction")).toString(),
               outer.value(QStringLiteral("hall")).toString(),   outer.value(QStringLiteral("ws")).toString(),
               outer.value(QStringLiteral("created")).toString(), outer.value(QStringLiteral("signer")).toByteArray(),
               outer.value(QStringLiteral("sealed")).toByteArray(), outer.value(QStringLiteral("sig")).toByteArray()};
    if (e.direction != direction)
        return failed<Envelope>(error, direction == up() ? tr("This bundle is for a workstation, not for the hub.")
                                                        : tr("This bundle is for the hub, not for a workstation."));
    const auto signer = Pki::inspect(e.signer);
    if (QUuid::fromString(e.id).isNull() || !signer || !Pki::verify(signer->publicKey, e.signedBytes(), e.signature))
        return failed<Envelope>(error, tr("The bundle's signature is not valid: it was changed or damaged."));
    return e;
}

std::optional<QCborMap> BundleFile::open(const Envelope& e, const QByteArray& privateKey, QString* error)
{
    const auto plain = Pki::openSealed(privateKey, e.sealed, e.aad());
    if (!plain)
        return failed<QCborMap>(error, tr("The bundle cannot be decrypted with this key: it is not for us."));
    QCborStreamReader reader(*plain);
    const QCborValue inner = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError || !inner.isMap() || reader.currentOffset() != plain->size())
        return failed<QCborMap>(error, tr("The bundle's content is damaged."));
    return inner.toMap();
}

} // namespace oneseal::sync
