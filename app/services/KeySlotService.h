#pragma once

#include "Session.h"

#include <QCoreApplication>

#include <optional>

namespace oneseal::services {

/** What KeySlotService::reconcile() changed in the key ring. */
struct KeySlotChanges
{
    QStringList added;   ///< users who can now open this workstation's database
    QStringList updated; ///< users whose password changed elsewhere (the old one no longer opens it)
    QStringList removed; ///< users disabled at the hub (their slot is gone)

    bool isEmpty() const { return added.isEmpty() && updated.isEmpty() && removed.isEmpty(); }
};

/**
 * Keeps this workstation's key ring in step with the users table, which the hub fills (users and
 * roles are reference data): a user created or reset at the hub, or who changed their password
 * elsewhere, gets a slot sealed to their slot key (core::PasswordSlot, public; no password hash
 * travels), so they can log in here offline with their password; a user disabled at the hub loses
 * their slot. Runs after each sync with the logged-in session,
 * which holds the database key; needs no role (it only follows what the hub decided).
 */
class KeySlotService
{
    Q_DECLARE_TR_FUNCTIONS(KeySlotService)

public:
    explicit KeySlotService(Session& session) : m_session(session) {}

    /** Brings the key ring in line with the users table; saves it only when something changed. */
    std::optional<KeySlotChanges> reconcile(QString* error);

private:
    Session& m_session;
};

} // namespace oneseal::services
