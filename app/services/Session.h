#pragma once

#include "core/SealKey.h"
#include "core/User.h"
#include "db/Database.h"
#include "db/EventStore.h"

#include <QByteArray>

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

    /** Whether the user may do this at all; services refuse otherwise. */
    bool can(core::Action action) const { return m_user.can(action); }
    /** The standard refusal text for an action the user's roles do not allow. */
    static QString refusal(core::Action action);

    void refreshUser(const core::User& user) { m_user = user; }

    /**
     * The hall's Ed25519 seal-signing key, kept inside the encrypted database of the workstations
     * that print certificates; nothing with *error when this workstation has none.
     */
    std::optional<core::SealKey> sealKey(QString* error) const;
    /** Public keys this workstation trusts for verifying certificates (the hall's own at least). */
    QList<core::SealKey> trustedSealKeys() const;

private:
    std::unique_ptr<db::Database> m_database;
    std::unique_ptr<db::EventStore> m_events;
    QByteArray m_key;
    core::User m_user;
    const core::Clock* m_clock;
};

} // namespace oneseal::services
