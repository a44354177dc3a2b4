#pragma once

#include <QByteArray>
#include <QCborMap>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace oneseal::sync {

/** What importing a bundle did. */
struct BundleImport
{
    QString workstation;
    int stored = 0;       ///< events new to the importing side
    int duplicates = 0;   ///< events it had already (a repeated import changes nothing)
    int acknowledged = 0; ///< the workstation's own events now acknowledged
    bool repeated = false; ///< this very bundle was imported before
};

/**
 * The file format of a sync bundle (docs/SYNC.md, "Bundles"), what both sides of a hall without
 * network write and read: a magic line, then a CBOR envelope whose content is encrypted for the
 * receiver's key and signed by the sender's. What goes inside is the sides' business
 * (sync::Bundle at a workstation, sync::HubBundle at the hub).
 */
class BundleFile
{
    Q_DECLARE_TR_FUNCTIONS(Bundle)

public:
    static constexpr qint64 kMaxFileBytes = 512LL * 1024 * 1024;
    /** As many events as a bundle may carry (all that are unsent, or after the cursor). */
    static constexpr int kAllEvents = 10'000'000;
    static QString up() { return QStringLiteral("up"); }     ///< from a workstation to the hub
    static QString down() { return QStringLiteral("down"); } ///< from the hub to one workstation

    /** The signed outer envelope. */
    struct Envelope
    {
        QString id;
        QString direction;
        QString hall;
        QString workstation;
        QString created;
        QByteArray signer; ///< DER certificate of the sender
        QByteArray sealed;
        QByteArray signature;

        QByteArray signedBytes() const;
        QByteArray aad() const;
    };

    /**
     * A new envelope (fresh id, the time now) for content: encrypted for receiverPublicKey and signed
     * with signingKey, whose certificate is signerCertificate. nullopt when sealing fails.
     */
    static std::optional<Envelope> seal(const QString& direction, const QString& hall, const QString& workstation,
                                        const QCborMap& content, const QByteArray& receiverPublicKey,
                                        const QByteArray& signerCertificate, const QByteArray& signingKey,
                                        QString* error);
    static bool write(const QString& path, const Envelope& envelope, QString* error);
    /** Reads a bundle going in direction and checks its signature (not yet whose it is). */
    static std::optional<Envelope> read(const QString& path, const QString& direction, QString* error);
    /** read() of a file's bytes (path only names it in messages); the fuzz target's entry. */
    static std::optional<Envelope> parse(const QByteArray& bytes, const QString& path, const QString& direction,
                                         QString* error);
    /** Decrypts the content with the receiver's private key. */
    static std::optional<QCborMap> open(const Envelope& envelope, const QByteArray& privateKey, QString* error);
};

} // namespace oneseal::sync
