#include "Bundle.h"

#include "db/ChainCheckpoints.h"
#include "core/Failed.h"
#include "core/CborInteger.h"

#include "ClientState.h"
#include "HubDataReceiver.h"
#include "core/Crypto.h"
#include "db/BundleStorage.h"
#include "db/Database.h"
#include "db/EventStore.h"
#include "db/WorkstationProjections.h"
#include "protocol/BundleFile.h"
#include "protocol/Pki.h"
#include "protocol/Protocol.h"

#include <QCborArray>

namespace oneseal::sync {

using core::failed;

std::optional<int> Bundle::exportAtWorkstation(db::Database& database, const QString& path, QString* error)
{
    const ClientState state(database.sql());
    if (!state.enrolled())
        return failed<int>(error, tr("This workstation is not enrolled at a hub; enroll it once (by network) first."));
    // Reading only: no projection folds anything here.
    const db::EventStore store(database, database.meta(QStringLiteral("workstation_id")));
    const QList<core::Event> events = store.unsentEvents(BundleFile::kAllEvents);
    const auto requests = HubDataReceiver(database.sql()).leaseRequests(error);
    if (!requests)
        return std::nullopt;
    QCborArray leases;
    for (const auto& [kind, request] : *requests)
        leases.append(QCborArray{kind, request});
    const QCborMap inner{{QStringLiteral("events"), Protocol::encodeEvents(events)},
                         {QStringLiteral("cursor"), state.value(ClientState::cursor()).toLongLong()},
                         {QStringLiteral("leases"), leases},
                         {QStringLiteral("files"), db::BundleStorage(database.sql()).filesOf(events)}};
    const auto hubCert = Pki::inspect(state.value(ClientState::hubCertificate()));
    if (!hubCert)
        return failed<int>(error, tr("The hub's certificate is missing; enroll this workstation again."));
    QByteArray key = state.value(ClientState::clientKey());
    const auto envelope = BundleFile::seal(BundleFile::up(), QString::fromUtf8(state.value(ClientState::hall())),
                                           store.workstation(), inner, hubCert->publicKey,
                                           state.value(ClientState::clientCertificate()), key, error);
    core::crypto::wipe(key);
    if (!envelope || !BundleFile::write(path, *envelope, error))
        return std::nullopt;
    return int(events.size());
}

std::optional<BundleImport> Bundle::importAtWorkstation(db::Database& database, const QString& path, QString* error)
{
    ClientState state(database.sql());
    if (!state.enrolled())
        return failed<BundleImport>(error, tr("This workstation is not enrolled at a hub."));
    const auto e = BundleFile::read(path, BundleFile::down(), error);
    if (!e)
        return std::nullopt;
    const QString workstation = database.meta(QStringLiteral("workstation_id"));
    const auto signer = Pki::inspect(e->signer);
    if (e->workstation != workstation)
        return failed<BundleImport>(error, tr("This bundle is for workstation %1.").arg(e->workstation.left(64)));
    if (!signer || core::crypto::sha256(signer->publicKey) != state.value(ClientState::hubPin()))
        return failed<BundleImport>(error, tr("This bundle was not made by this hall's hub."));
    QByteArray key = state.value(ClientState::clientKey());
    const auto inner = BundleFile::open(*e, key, error);
    core::crypto::wipe(key);
    if (!inner)
        return std::nullopt;
    const auto events = Protocol::decodeEvents(inner->value(QStringLiteral("events")), error);
    if (!events)
        return std::nullopt;
    const qint64 from = core::cborInteger(inner->value(QStringLiteral("from")));
    const qint64 cursor = state.value(ClientState::cursor()).toLongLong();
    if (from > cursor)
        return failed<BundleImport>(error, tr("This bundle starts after event %1, but this workstation has events up "
                                              "to %2 only; import the bundles in order or ask the hub for a new one.")
                                               .arg(from)
                                               .arg(cursor));
    db::BundleStorage storage(database.sql());
    BundleImport result;
    result.workstation = workstation;
    result.repeated = storage.imported(e->id);
    qint64 last = cursor;
    for (const core::Event& ev : *events)
        last = std::max(last, ev.serverSeq);
    // The users (enabled, disabled_at) before the events, as in a sync round (docs/SECURITY.md).
    HubDataReceiver receiver(database.sql());
    if (!receiver.applyReferenceData(inner->value(QStringLiteral("items")).toArray(),
                                     inner->value(QStringLiteral("catalogs")).toArray(), nullptr, nullptr, error))
        return std::nullopt;
    {
        db::EventStore store(database, workstation);
        db::registerWorkstationProjections(store);
        db::Transaction tx(database.sql());
        if (!tx.isActive())
            return failed<BundleImport>(error, tx.errorText());
        // The hub's checkpoints before the events they govern (docs/SECURITY.md, "Checkpoints"),
        // each signed by the checkpoint key the hub's signed bundle names.
        db::ChainCheckpoints checkpoints(database.sql());
        const QByteArray hubKey = inner->value(QStringLiteral("checkpoint_key")).toByteArray();
        if (!checkpoints.addHubKey(hubKey, error))
            return std::nullopt;
        const QCborArray received = inner->value(QStringLiteral("checkpoints")).toArray();
        for (const QCborValue& v : received) {
            const auto cp = core::ChainCheckpoint::fromCbor(v.toMap());
            if (!cp || !cp->verify(hubKey))
                return failed<BundleImport>(error, tr("This bundle holds a chain checkpoint the hub did not sign."));
            if (!checkpoints.store(*cp, error))
                return std::nullopt;
        }
        const auto applied = store.applyRemote(*events, error);
        if (!applied || (!received.isEmpty() && !checkpoints.keepNewest(error)) || !storage.storeFiles(inner->value(QStringLiteral("files")).toArray(), error)
            || !state.setValue(ClientState::cursor(), QByteArray::number(last), error)
            || !storage.recordImport(e->id, e->direction, int(events->size()), error) || !tx.commit(error))
            return std::nullopt;
        result.stored = applied->inserted;
        result.duplicates = applied->present;
        result.acknowledged = applied->acknowledged;
    }
    for (const QCborValue& v : inner->value(QStringLiteral("leases")).toArray()) {
        const QCborArray a = v.toArray();
        if (!receiver.storeLease(a.at(0).toString(), core::cborInteger(a.at(1)), core::cborInteger(a.at(2)), error))
            return std::nullopt;
    }
    return result;
}

} // namespace oneseal::sync
