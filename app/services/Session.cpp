#include "Session.h"

#include "core/Crypto.h"
#include "db/CalendarRepository.h"
#include "db/CatalogRepository.h"
#include "db/KeyRing.h"
#include "db/WorkstationProjections.h"

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
    // Only the hands that print certificates or seal (docs/SECURITY.md: the key itself is not yet
    // kept from the database key; this stops every other role's use through the services).
    if (!can(core::Action::PrintCertificate) && !can(core::Action::ApplySeal)) {
        if (error)
            *error = refusal(core::Action::PrintCertificate);
        return std::nullopt;
    }
    const QString pem = m_database->meta(QStringLiteral("seal_private_key"));
    if (pem.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("Session", "This workstation holds no seal-signing key, so it cannot "
                                                            "print signed certificates. Ask the hall administrator.");
        return std::nullopt;
    }
    return core::SealKey::fromPrivatePem(pem.toLatin1(), error);
}

QList<core::SealKey> Session::trustedSealKeys() const
{
    QList<core::SealKey> keys;
    const QString pem = m_database->meta(QStringLiteral("seal_public_key"));
    if (auto key = core::SealKey::fromPublicPem(pem.toLatin1(), nullptr))
        keys << *key;
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
