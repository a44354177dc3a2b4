#include "KeySlotService.h"

#include "core/PasswordSlot.h"
#include "db/KeyRing.h"
#include "db/UserRepository.h"

namespace oneseal::services {

std::optional<KeySlotChanges> KeySlotService::reconcile(QString* error)
{
    QString e;
    auto ring = db::KeyRing::load(m_session.keyRingPath(), &e);
    if (!ring) {
        if (error)
            *error = e;
        return std::nullopt;
    }
    KeySlotChanges changes;
    const QList<core::User> users = db::UserRepository(m_session.database().sql()).all();
    for (const core::User& user : users) {
        const bool hasSlot = ring->hasSlot(user.username);
        if (!user.active) {
            // The logged-in user keeps their slot until they log out: the login refuses them anyway.
            if (hasSlot && user.id != m_session.user().id && ring->removeSlot(user.username))
                changes.removed << user.username;
            continue;
        }
        // A user whose password was set before slot keys existed has none: their slot here (if any)
        // keeps working with the password it was made with; no hash travels to make one from.
        if (user.slotKey.isEmpty())
            continue;
        // The slot matches the user's current slot key (made here from the password, or sealed to
        // it): nothing to do. Otherwise the password changed elsewhere, or the user is new here.
        if (hasSlot && ring->slotKeyId(user.username) == core::PasswordSlot::idOf(user.slotKey))
            continue;
        if (!ring->setSlotForSlotKey(user.username, user.slotKey, m_session.key())) {
            if (error)
                *error = tr("The slot key of user %1 is damaged; no key slot was made for them.").arg(user.username);
            return std::nullopt;
        }
        (hasSlot ? changes.updated : changes.added) << user.username;
    }
    if (!changes.isEmpty() && !ring->save(&e)) {
        if (error)
            *error = e;
        return std::nullopt;
    }
    return changes;
}

} // namespace oneseal::services
