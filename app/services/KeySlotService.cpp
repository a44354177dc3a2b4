#include "KeySlotService.h"

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
        const QByteArray wanted = db::KeyRing::passwordHashIdOf(user.passwordHash);
        const QByteArray have = ring->passwordHashId(user.username);
        // A slot made before hash ids were recorded (empty id) is left as it is: it still opens
        // with the password it was made with.
        if (hasSlot && (have.isEmpty() || have == wanted))
            continue;
        if (!ring->setSlotFromPasswordHash(user.username, user.passwordHash, m_session.key())) {
            if (error)
                *error = tr("The password record of user %1 is damaged; no key slot was made for them.")
                             .arg(user.username);
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
