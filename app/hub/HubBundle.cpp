#include "HubBundle.h"

#include "db/ChainCheckpoints.h"

#include <QSet>

#include <limits>
#include "core/Failed.h"
#include "core/CborInteger.h"

#include "HubStore.h"
#include "core/Catalog.h"
#include "db/BundleStorage.h"
#include "db/CatalogRepository.h"
#include "db/hub/HubLeaseRepository.h"
#include "db/hub/HubWorkstationRepository.h"
#include "protocol/Pki.h"
#include "protocol/Protocol.h"

#include <QCborArray>

namespace oneseal::sync {

using core::failed;

std::optional<BundleImport> HubBundle::importAtHub(HubStore& hub, const QString& path, QString* error)
{
    const auto e = BundleFile::read(path, BundleFile::up(), error);
    if (!e)
        return std::nullopt;
    QString reason;
    const auto workstation = hub.authenticate(e->signer, &reason);
    if (!workstation || *workstation != e->workstation)
        return failed<BundleImport>(error, tr("The bundle's sender is refused: %1")
                                               .arg(reason.isEmpty() ? tr("wrong workstation") : reason));
    const auto inner = BundleFile::open(*e, hub.tlsKey(), error);
    if (!inner)
        return std::nullopt;
    const auto events = Protocol::decodeEvents(inner->value(QStringLiteral("events")), error);
    if (!events)
        return std::nullopt;
    // All or nothing: files, events, leases and the cursor in one transaction (the inner ones are
    // savepoints in it).
    db::Transaction tx(hub.database().sql());
    if (!tx.isActive())
        return failed<BundleImport>(error, tx.errorText());
    db::BundleStorage storage(hub.database().sql());
    BundleImport result;
    result.workstation = *workstation;
    result.repeated = storage.imported(e->id);
    if (!storage.storeFiles(inner->value(QStringLiteral("files")).toArray(), error))
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
    if (!db::HubWorkstationRepository(hub.database().sql())
             .raiseBundleCursor(*workstation, core::cborInteger(inner->value(QStringLiteral("cursor"))), error)
        || !storage.recordImport(e->id, e->direction, int(events->size()), error) || !tx.commit(error))
        return std::nullopt;
    return result;
}

std::optional<int> HubBundle::exportAtHub(HubStore& hub, const QString& workstation, const QString& path,
                                          QString* error)
{
    const auto enrolled = db::HubWorkstationRepository(hub.database().sql()).byId(workstation, nullptr);
    if (!enrolled)
        return failed<int>(error, tr("No workstation %1 is enrolled at this hub.").arg(workstation));
    if (enrolled->revoked)
        return failed<int>(error, tr("Workstation %1 is revoked.").arg(workstation));
    const auto cert = Pki::inspect(enrolled->certificate);
    if (!cert)
        return failed<int>(error, tr("The certificate of workstation %1 cannot be read.").arg(workstation));
    const qint64 from = enrolled->bundleCursor;
    const QList<core::Event> events = hub.events().eventsAfter(from, BundleFile::kAllEvents);
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
    for (const db::HubLease& lease : db::HubLeaseRepository(hub.database().sql()).ofWorkstation(workstation))
        leases.append(QCborArray{lease.kind, lease.start, lease.end});
    // The chain checkpoints of the stretch and their key, as a pull brings them (docs/SECURITY.md).
    QCborArray checkpoints;
    const db::ChainCheckpoints held(hub.database().sql());
    if (!events.isEmpty())
        for (const core::ChainCheckpoint& cp : held.between(from, events.constLast().serverSeq, std::numeric_limits<int>::max()))
            checkpoints.append(cp.toCbor());
    QSet<QString> governed; // and the one governing each chain's first event, when numbered earlier
    for (const core::Event& e : events)
        if (!governed.contains(e.workstation)) {
            governed.insert(e.workstation);
            if (const auto cp = held.renewedBefore(e.workstation, e.serverSeq); cp && cp->serverSeq <= from)
                checkpoints.append(cp->toCbor());
        }
    const QCborMap inner{{QStringLiteral("from"), from},
                         {QStringLiteral("checkpoint_key"), hub.checkpointPublicKey()},
                         {QStringLiteral("checkpoints"), checkpoints},
                         {QStringLiteral("events"), Protocol::encodeEvents(events)},
                         {QStringLiteral("items"), items},
                         {QStringLiteral("catalogs"), catalogs},
                         {QStringLiteral("leases"), leases},
                         {QStringLiteral("files"), db::BundleStorage(hub.database().sql()).filesOf(events)}};
    const auto envelope = BundleFile::seal(BundleFile::down(), hub.hallName(), workstation, inner, cert->publicKey,
                                           hub.tlsCertificate(), hub.tlsKey(), error);
    if (!envelope || !BundleFile::write(path, *envelope, error))
        return std::nullopt;
    return int(events.size());
}

} // namespace oneseal::sync
