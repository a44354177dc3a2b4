#include "Bundle.h"

#include "HubStore.h"
#include "Pki.h"
#include "Protocol.h"
#include "SyncClient.h"
#include "core/Crypto.h"
#include "core/CaseState.h"
#include "db/BlobTransfer.h"
#include "db/CatalogRepository.h"

#include <QCborArray>
#include <QCborStreamReader>
#include <QCborValue>
#include <QFile>
#include <QSaveFile>
#include <QSqlError>
#include <QSet>
#include <QSqlQuery>
#include <QUuid>

namespace oneseal::sync {

namespace {
const QByteArray kMagic = QByteArrayLiteral("ONESEAL-BUNDLE-1\n");
const QString kUp = QStringLiteral("up");
const QString kDown = QStringLiteral("down");
constexpr int kAllEvents = 10'000'000;

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

    QByteArray signedBytes() const
    {
        return QCborArray{1, id, direction, hall, workstation, created, signer, sealed}.toCborValue().toCbor();
    }
    QByteArray aad() const { return QCborArray{id, direction, workstation}.toCborValue().toCbor(); }
};

template<typename T>
std::optional<T> failed(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return std::nullopt;
}

bool write(const QString& path, const Envelope& e, QString* error)
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
            *error = Bundle::tr("Unable to write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

std::optional<Envelope> read(const QString& path, const QString& direction, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return failed<Envelope>(error, Bundle::tr("Unable to read %1: %2").arg(path, f.errorString()));
    if (f.size() > Bundle::kMaxFileBytes)
        return failed<Envelope>(error, Bundle::tr("%1 is too large for a bundle.").arg(path));
    const QByteArray bytes = f.readAll();
    if (!bytes.startsWith(kMagic))
        return failed<Envelope>(error, Bundle::tr("%1 is not a OneSeal bundle.").arg(path));
    QCborStreamReader reader(bytes.mid(kMagic.size()));
    const QCborValue parsed = QCborValue::fromCbor(reader);
    // A value that failed to parse is not touched (Qt 6.4 may leave its containers broken).
    if (reader.lastError() != QCborError::NoError || !parsed.isMap()
        || parsed.toMap().value(QStringLiteral("v")).toInteger() != 1)
        return failed<Envelope>(error, Bundle::tr("%1 is damaged or of an unknown format.").arg(path));
    const QCborMap outer = parsed.toMap();
    Envelope e{outer.value(QStringLiteral("id")).toString(),     outer.value(QStringLiteral("direction")).toString(),
               outer.value(QStringLiteral("hall")).toString(),   outer.value(QStringLiteral("ws")).toString(),
               outer.value(QStringLiteral("created")).toString(), outer.value(QStringLiteral("signer")).toByteArray(),
               outer.value(QStringLiteral("sealed")).toByteArray(), outer.value(QStringLiteral("sig")).toByteArray()};
    if (e.direction != direction)
        return failed<Envelope>(error, direction == kUp ? Bundle::tr("This bundle is for a workstation, not for the hub.")
                                                        : Bundle::tr("This bundle is for the hub, not for a workstation."));
    const auto signer = Pki::inspect(e.signer);
    if (QUuid::fromString(e.id).isNull() || !signer || !Pki::verify(signer->publicKey, e.signedBytes(), e.signature))
        return failed<Envelope>(error, Bundle::tr("The bundle's signature is not valid: it was changed or damaged."));
    return e;
}

std::optional<QCborMap> openInner(const Envelope& e, const QByteArray& privateKey, QString* error)
{
    const auto plain = Pki::openSealed(privateKey, e.sealed, e.aad());
    if (!plain)
        return failed<QCborMap>(error, Bundle::tr("The bundle cannot be decrypted with this key: it is not for us."));
    QCborStreamReader reader(*plain);
    const QCborValue inner = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError || !inner.isMap())
        return failed<QCborMap>(error, Bundle::tr("The bundle's content is damaged."));
    return inner.toMap();
}

/** The attached files the events refer to that are stored here, for a bundle. */
QCborArray filesOf(const QSqlDatabase& db, const QList<core::Event>& events)
{
    QCborArray files;
    QSet<QString> seen;
    const db::BlobTransfer blobs(db);
    for (const core::Event& e : events) {
        if (e.kind != core::eventkind::attachmentAdded)
            continue;
        const QString sha = e.payload().value(QStringLiteral("sha256")).toString();
        if (seen.contains(sha))
            continue;
        seen.insert(sha);
        if (const auto file = blobs.whole(sha))
            files.append(QCborMap{{QStringLiteral("sha256"), sha},
                                  {QStringLiteral("mime"), file->mime},
                                  {QStringLiteral("data"), file->data}});
    }
    return files;
}

/** Stores the files of a bundle (inside the caller's transaction); a damaged one refuses the bundle. */
bool storeFiles(const QSqlDatabase& db, const QCborArray& files, QString* error)
{
    db::BlobTransfer blobs(db);
    for (const QCborValue& v : files) {
        const QCborMap f = v.toMap();
        const QByteArray data = f.value(QStringLiteral("data")).toByteArray();
        if (!blobs.putWhole({f.value(QStringLiteral("sha256")).toString(), f.value(QStringLiteral("mime")).toString(),
                             qint64(data.size()), 0, data},
                            error))
            return false;
    }
    return true;
}

bool alreadyImported(const QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT count(*) FROM sync_bundles WHERE bundle_id = ?"));
    q.addBindValue(id);
    return q.exec() && q.next() && q.value(0).toInt() > 0;
}

bool recordImport(const QSqlDatabase& db, const Envelope& e, int events, QString* error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO sync_bundles(bundle_id, direction, imported_at, events) "
                             "VALUES(?, ?, ?, ?)"));
    q.addBindValue(e.id);
    q.addBindValue(e.direction);
    q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    q.addBindValue(events);
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}
} // namespace

std::optional<int> Bundle::exportAtWorkstation(db::Database& database, const QString& path, QString* error)
{
    SyncClient client(database);
    if (!client.isEnrolled())
        return failed<int>(error, tr("This workstation is not enrolled at a hub; enroll it once (by network) first."));
    const QList<core::Event> events = client.events().unsentEvents(kAllEvents);
    const auto requests = client.leaseRequests(error);
    if (!requests)
        return std::nullopt;
    QCborArray leases;
    for (const auto& [kind, request] : *requests)
        leases.append(QCborArray{kind, request});
    const QCborMap inner{{QStringLiteral("events"), Protocol::encodeEvents(events)},
                         {QStringLiteral("cursor"), client.cursor()},
                         {QStringLiteral("leases"), leases},
                         {QStringLiteral("files"), filesOf(database.sql(), events)}};
    const auto hubCert = Pki::inspect(client.state(QStringLiteral("hub_cert")));
    if (!hubCert)
        return failed<int>(error, tr("The hub's certificate is missing; enroll this workstation again."));
    Envelope e;
    e.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.direction = kUp;
    e.hall = QString::fromUtf8(client.state(QStringLiteral("hall")));
    e.workstation = client.workstation();
    e.created = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    e.signer = client.state(QStringLiteral("client_cert"));
    e.sealed = Pki::sealFor(hubCert->publicKey, inner.toCborValue().toCbor(), e.aad());
    QByteArray key = client.state(QStringLiteral("client_key"));
    e.signature = Pki::sign(key, e.signedBytes());
    core::crypto::wipe(key);
    if (e.sealed.isEmpty() || e.signature.isEmpty())
        return failed<int>(error, tr("The bundle could not be sealed."));
    if (!write(path, e, error))
        return std::nullopt;
    return int(events.size());
}

std::optional<BundleImport> Bundle::importAtHub(HubStore& hub, const QString& path, QString* error)
{
    const auto e = read(path, kUp, error);
    if (!e)
        return std::nullopt;
    QString reason;
    const auto workstation = hub.authenticate(e->signer, &reason);
    if (!workstation || *workstation != e->workstation)
        return failed<BundleImport>(error, tr("The bundle's sender is refused: %1")
                                               .arg(reason.isEmpty() ? tr("wrong workstation") : reason));
    const auto inner = openInner(*e, hub.tlsKey(), error);
    if (!inner)
        return std::nullopt;
    const auto events = Protocol::decodeEvents(inner->value(QStringLiteral("events")), error);
    if (!events)
        return std::nullopt;
    BundleImport result;
    result.workstation = *workstation;
    result.repeated = alreadyImported(hub.database().sql(), e->id);
    if (!storeFiles(hub.database().sql(), inner->value(QStringLiteral("files")).toArray(), error))
        return std::nullopt;
    const auto outcome = hub.push(*workstation, *events, error);
    if (!outcome)
        return std::nullopt;
    result.stored = outcome->stored;
    result.duplicates = outcome->duplicates;
    for (const QCborValue& v : inner->value(QStringLiteral("leases")).toArray()) {
        const QCborArray a = v.toArray();
        if (!hub.lease(*workstation, a.at(0).toString(), a.at(1).toString(), error))
            return std::nullopt;
    }
    QSqlQuery q(hub.database().sql());
    q.prepare(QStringLiteral("UPDATE sync_workstations SET bundle_cursor = max(bundle_cursor, ?) WHERE workstation_id = ?"));
    q.addBindValue(inner->value(QStringLiteral("cursor")).toInteger());
    q.addBindValue(*workstation);
    if (!q.exec())
        return failed<BundleImport>(error, q.lastError().text());
    if (!recordImport(hub.database().sql(), *e, int(events->size()), error))
        return std::nullopt;
    return result;
}

std::optional<int> Bundle::exportAtHub(HubStore& hub, const QString& workstation, const QString& path, QString* error)
{
    QSqlQuery q(hub.database().sql());
    q.prepare(QStringLiteral("SELECT certificate, bundle_cursor, revoked_at FROM sync_workstations WHERE workstation_id = ?"));
    q.addBindValue(workstation);
    if (!q.exec() || !q.next())
        return failed<int>(error, tr("No workstation %1 is enrolled at this hub.").arg(workstation));
    if (!q.value(2).isNull())
        return failed<int>(error, tr("Workstation %1 is revoked.").arg(workstation));
    const auto cert = Pki::inspect(q.value(0).toByteArray());
    const qint64 from = q.value(1).toLongLong();
    q.finish();
    if (!cert)
        return failed<int>(error, tr("The certificate of workstation %1 cannot be read.").arg(workstation));
    const QList<core::Event> events = hub.events().eventsAfter(from, kAllEvents);
    QCborArray items;
    for (const ReferenceItem& item : hub.referenceNewerThan({}))
        items.append(QCborMap{{QStringLiteral("kind"), item.kind},
                              {QStringLiteral("version"), item.version},
                              {QStringLiteral("payload"), item.payload},
                              {QStringLiteral("sha256"), item.sha256},
                              {QStringLiteral("published_at"), item.publishedAt}});
    QCborArray catalogs;
    db::CatalogRepository repository(hub.database().sql());
    for (int version : repository.versions())
        if (const auto catalog = repository.version(version))
            catalogs.append(QCborMap{{QStringLiteral("version"), version}, {QStringLiteral("json"), catalog->toJson()}});
    QCborArray leases;
    q.prepare(QStringLiteral("SELECT kind, block_start, block_end FROM sync_number_leases WHERE workstation_id = ? "
                             "ORDER BY kind, block_start"));
    q.addBindValue(workstation);
    if (q.exec())
        while (q.next())
            leases.append(QCborArray{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong()});
    const QCborMap inner{{QStringLiteral("from"), from},
                         {QStringLiteral("events"), Protocol::encodeEvents(events)},
                         {QStringLiteral("items"), items},
                         {QStringLiteral("catalogs"), catalogs},
                         {QStringLiteral("leases"), leases},
                         {QStringLiteral("files"), filesOf(hub.database().sql(), events)}};
    Envelope e;
    e.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.direction = kDown;
    e.hall = hub.hallName();
    e.workstation = workstation;
    e.created = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    e.signer = hub.tlsCertificate();
    e.sealed = Pki::sealFor(cert->publicKey, inner.toCborValue().toCbor(), e.aad());
    e.signature = Pki::sign(hub.tlsKey(), e.signedBytes());
    if (e.sealed.isEmpty() || e.signature.isEmpty())
        return failed<int>(error, tr("The bundle could not be sealed."));
    if (!write(path, e, error))
        return std::nullopt;
    return int(events.size());
}

std::optional<BundleImport> Bundle::importAtWorkstation(db::Database& database, const QString& path, QString* error)
{
    SyncClient client(database);
    if (!client.isEnrolled())
        return failed<BundleImport>(error, tr("This workstation is not enrolled at a hub."));
    const auto e = read(path, kDown, error);
    if (!e)
        return std::nullopt;
    const auto signer = Pki::inspect(e->signer);
    if (e->workstation != client.workstation())
        return failed<BundleImport>(error, tr("This bundle is for workstation %1.").arg(e->workstation.left(64)));
    if (!signer || core::crypto::sha256(signer->publicKey) != client.state(QStringLiteral("hub_pin")))
        return failed<BundleImport>(error, tr("This bundle was not made by this hall's hub."));
    QByteArray key = client.state(QStringLiteral("client_key"));
    const auto inner = openInner(*e, key, error);
    core::crypto::wipe(key);
    if (!inner)
        return std::nullopt;
    const auto events = Protocol::decodeEvents(inner->value(QStringLiteral("events")), error);
    if (!events)
        return std::nullopt;
    const qint64 from = inner->value(QStringLiteral("from")).toInteger();
    const qint64 cursor = client.cursor();
    if (from > cursor)
        return failed<BundleImport>(error, tr("This bundle starts after event %1, but this workstation has events up "
                                              "to %2 only; import the bundles in order or ask the hub for a new one.")
                                               .arg(from)
                                               .arg(cursor));
    BundleImport result;
    result.workstation = client.workstation();
    result.repeated = alreadyImported(database.sql(), e->id);
    qint64 last = cursor;
    for (const core::Event& ev : *events)
        last = std::max(last, ev.serverSeq);
    {
        db::Transaction tx(database.sql());
        if (!tx.isActive())
            return failed<BundleImport>(error, tx.errorText());
        const auto applied = client.events().applyRemote(*events, error);
        if (!applied || !storeFiles(database.sql(), inner->value(QStringLiteral("files")).toArray(), error)
            || !client.setState(QStringLiteral("cursor"), QByteArray::number(last), error)
            || !recordImport(database.sql(), *e, int(events->size()), error) || !tx.commit(error))
            return std::nullopt;
        result.stored = applied->inserted;
        result.duplicates = applied->present;
        result.acknowledged = applied->acknowledged;
    }
    SyncReport report;
    if (!client.applyReferenceData(inner->value(QStringLiteral("items")).toArray(),
                                   inner->value(QStringLiteral("catalogs")).toArray(), report, error))
        return std::nullopt;
    for (const QCborValue& v : inner->value(QStringLiteral("leases")).toArray()) {
        const QCborArray a = v.toArray();
        if (!client.storeLease(a.at(0).toString(), a.at(1).toInteger(), a.at(2).toInteger(), error))
            return std::nullopt;
    }
    return result;
}

} // namespace oneseal::sync
