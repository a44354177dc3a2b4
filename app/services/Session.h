#pragma once

#include "core/Catalog.h"
#include "core/SealKey.h"
#include "core/User.h"
#include "core/WorkCalendar.h"
#include "db/Database.h"
#include "db/EventStore.h"

#include <QByteArray>
#include <QHash>

#include <memory>

namespace oneseal::services {

/**
 * A logged-in user at this workstation: the open database, the event store and who is working.
 * The database key stays in memory only for as long as the session lives (to grant key slots).
 */
class Session
{
public:
    Session(std::unique_ptr<db::Database> database, QByteArray key, core::User user, const core::Clock& clock);
    ~Session();

    db::Database& database() const { return *m_database; }
    db::EventStore& events() const { return *m_events; }
    const core::User& user() const { return m_user; }
    QString workstation() const { return m_events->workstation(); }
    QString hallName() const;
    const QByteArray& key() const { return m_key; }
    const core::Clock& clock() const { return *m_clock; }
    QString keyRingPath() const;

    /**
     * The hall's current catalog, parsed once and shared by every service and window of this
     * session; null when none was imported (or the stored one cannot be read). A holder keeps the
     * version it took alive across a reload. Like the rest of the session, for the session's thread.
     */
    std::shared_ptr<const core::Catalog> catalog() const;
    /**
     * A stored catalog version (a case keeps the version it was accepted under); every version is
     * parsed at most once per session. Null when the version is not stored.
     */
    std::shared_ptr<const core::Catalog> catalogVersion(int version) const;
    /**
     * Loads the current catalog again when the stored current version is not the loaded one: call
     * it after anything stored a new version (a sync round or a bundle import that brought one, an
     * import by the administrator). One cheap query when nothing changed. Returns whether the
     * current catalog changed.
     */
    bool reloadCatalogIfChanged();
    /** How many catalog documents this session has parsed (for tests and benchmarks). */
    int catalogLoads() const { return m_catalogLoads; }

    /**
     * The working-day calendar of this hall: the years built into the program with the years
     * imported since (calendar_years) on top. The object stays the same for the whole session (a
     * service may keep a reference); reloadCalendarIfChanged() refreshes its contents.
     */
    const core::WorkCalendar& calendar() const;
    /**
     * Reads the imported years again when they changed (an import, or a sync round or bundle that
     * brought years from the hub). One cheap query when nothing changed. Returns whether it changed.
     */
    bool reloadCalendarIfChanged();

    /** Whether the user may do this at all; services refuse otherwise. */
    bool can(core::Action action) const { return m_user.can(action); }
    /** The standard refusal text for an action the user's roles do not allow. */
    static QString refusal(core::Action action);

    void refreshUser(const core::User& user) { m_user = user; }

    /**
     * The hall's Ed25519 seal key, opened from the grant sealed to this user's signing key (which
     * their password opened at login; docs/SECURITY.md, "The seal key"). Nothing, with *error, when
     * the user is neither a certificate operator nor an approver, holds no grant, or their signing
     * key is not open.
     */
    std::optional<core::SealKey> sealKey(QString* error) const;
    /**
     * The seal key granted to this user, without the role check: for SealKeyService, whose
     * administrators grant the key on (they check ManageUsers themselves).
     */
    std::optional<core::SealKey> heldSealKey(QString* error) const;
    /**
     * Public keys this workstation trusts for verifying certificates: every seal key the hall has
     * granted, the hall's published keys (reference data "seal_keys") and this database's own.
     */
    QList<core::SealKey> trustedSealKeys() const;

private:
    std::unique_ptr<db::Database> m_database;
    std::unique_ptr<db::EventStore> m_events;
    QByteArray m_key;
    core::User m_user;
    const core::Clock* m_clock;

    // The catalog cache: versions are immutable once stored, so a parsed one never goes stale.
    mutable std::shared_ptr<const core::Catalog> m_catalog;
    mutable int m_catalogVersion = -1; ///< the stored current version m_catalog was taken for; -1: not looked yet
    mutable QHash<int, std::shared_ptr<const core::Catalog>> m_catalogVersions;
    mutable int m_catalogLoads = 0;

    mutable core::WorkCalendar m_calendar;
    mutable QString m_calendarFingerprint; ///< of the stored years m_calendar holds
    mutable bool m_calendarLoaded = false;
};

} // namespace oneseal::services
