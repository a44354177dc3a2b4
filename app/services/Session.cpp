#include "Session.h"

#include "core/Crypto.h"
#include "db/CalendarRepository.h"
#include "db/CatalogRepository.h"
#include "db/KeyRing.h"
#include "db/ReferenceRepository.h"
#include "db/UserDirectory.h"
#include "db/WorkstationProjections.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QCoreApplication>

namespace oneseal::services {

Session::Session(std::unique_ptr<db::Database> database, QByteArray key, core::User user, const core::Clock& clock)
    : m_database(std::move(database))
    , m_key(std::move(key))
    , m_user(std::move(user))
    , m_clock(&clock)
{
    m_events = std::make_unique<db::EventStore>(*m_database, m_database->meta(QStringLiteral("workstation_id")), clock);
    db::registerWorkstationProjections(*m_events);
}

Session::~Session()
{
    m_events.reset();
    core::crypto::wipe(m_key);
}

QString Session::hallName() const
{
    return m_database->meta(QStringLiteral("hall_name"));
}

std::optional<core::SealKey> Session::sealKey(QString* error) const
{
    // Only the hands that print certificates or seal, and only with their own grant.
    if (!can(core::Action::PrintCertificate) && !can(core::Action::ApplySeal)) {
        if (error)
            *error = refusal(core::Action::PrintCertificate);
        return std::nullopt;
    }
    return heldSealKey(error);
}

std::optional<core::SealKey> Session::heldSealKey(QString* error) const
{
    auto fail = [error](const QString& text) -> std::optional<core::SealKey> {
        if (error)
            *error = text;
        return std::nullopt;
    };
    const core::SealKey& own = m_events->signer();
    const QList<core::SealGrantRecord> grants
        = db::UserDirectory(m_database->sql()).sealGrantsOf(m_user.id, QDateTime());
    if (grants.isEmpty())
        return fail(QCoreApplication::translate("Session", "The hall's seal key has not been granted to you, so you "
                                                           "cannot sign certificates. Ask the hall administrator."));
    if (!own.hasPrivateKey())
        return fail(QCoreApplication::translate("Session", "Your signing key is not open, so the seal key cannot be "
                                                           "opened. Log out and log in again."));
    for (const core::SealGrantRecord& g : grants) {
        if (g.recipientKeyId != own.keyId())
            continue;
        if (auto key = core::SealGrant::unwrap(g.wrapped, own, g.sealPublic))
            return key;
    }
    return fail(QCoreApplication::translate("Session", "Your grant of the seal key does not open with your current "
                                                       "signing key (it was granted before your password was reset). "
                                                       "Ask the hall administrator to grant it again."));
}

QList<core::SealKey> Session::trustedSealKeys() const
{
    QList<core::SealKey> keys;
    auto add = [&keys](const std::optional<core::SealKey>& key) {
        if (!key)
            return;
        for (const core::SealKey& k : std::as_const(keys))
            if (k.rawPublicKey() == key->rawPublicKey())
                return;
        keys << *key;
    };
    for (const QByteArray& raw : db::UserDirectory(m_database->sql()).grantedSealKeys())
        add(core::SealKey::fromRawPublic(raw, nullptr));
    // The hub's published list (reference data "seal_keys": CBOR array of {key_id, public_key, ...}).
    if (const auto published = db::ReferenceRepository(m_database->sql()).latest(QStringLiteral("seal_keys"), nullptr)) {
        const QCborArray list = QCborValue::fromCbor(published->payload).toArray();
        for (qsizetype i = 0; i < std::min<qsizetype>(list.size(), 64); ++i)
            add(core::SealKey::fromRawPublic(list.at(i).toMap().value(QStringLiteral("public_key")).toByteArray(),
                                             nullptr));
    }
    const QString pem = m_database->meta(QStringLiteral("seal_public_key"));
    if (!pem.isEmpty())
        add(core::SealKey::fromPublicPem(pem.toLatin1(), nullptr));
    return keys;
}

std::shared_ptr<const core::Catalog> Session::catalog() const
{
    if (m_catalogVersion < 0) {
        m_catalogVersion = db::CatalogRepository(m_database->sql()).currentVersion();
        m_catalog = m_catalogVersion > 0 ? catalogVersion(m_catalogVersion) : nullptr;
    }
    return m_catalog;
}

std::shared_ptr<const core::Catalog> Session::catalogVersion(int version) const
{
    if (const auto it = m_catalogVersions.constFind(version); it != m_catalogVersions.constEnd())
        return *it;
    auto loaded = db::CatalogRepository(m_database->sql()).version(version);
    if (!loaded)
        return nullptr;
    ++m_catalogLoads;
    auto shared = std::make_shared<const core::Catalog>(std::move(*loaded));
    m_catalogVersions.insert(version, shared);
    return shared;
}

bool Session::reloadCatalogIfChanged()
{
    if (m_catalogVersion < 0) {
        catalog();
        return true;
    }
    const int stored = db::CatalogRepository(m_database->sql()).currentVersion();
    if (stored == m_catalogVersion)
        return false;
    m_catalogVersion = stored;
    m_catalog = stored > 0 ? catalogVersion(stored) : nullptr;
    return true;
}

const core::WorkCalendar& Session::calendar() const
{
    if (!m_calendarLoaded) {
        m_calendarLoaded = true;
        db::CalendarRepository years(m_database->sql());
        m_calendarFingerprint = years.fingerprint();
        // Every stored year was checked when it was imported or received; one that no longer loads
        // (a damaged row) is left out, and its dates are then reported as uncertain.
        m_calendar = years.calendar();
    }
    return m_calendar;
}

bool Session::reloadCalendarIfChanged()
{
    if (m_calendarLoaded && db::CalendarRepository(m_database->sql()).fingerprint() == m_calendarFingerprint)
        return false;
    m_calendarLoaded = false;
    calendar();
    return true;
}

QString Session::keyRingPath() const
{
    return db::KeyRing::pathFor(m_database->path());
}

QString Session::refusal(core::Action action)
{
    Q_UNUSED(action);
    return QCoreApplication::translate("Session", "Your role does not allow this. Ask a colleague who holds the "
                                                  "right role, or the hall administrator.");
}

} // namespace oneseal::services
