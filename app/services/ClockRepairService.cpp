#include "ClockRepairService.h"

#include "SigningKeys.h"
#include "core/Failed.h"
#include "db/UserDirectory.h"

namespace oneseal::services {

using core::failed;

std::optional<db::ClockRepairPlan> ClockRepairService::plan(qint64 marginMs, QString* error) const
{
    if (!m_session.can(core::Action::ManageUsers))
        return failed<db::ClockRepairPlan>(error, tr("Only an administrator may repair this workstation's clocks."));
    return db::ClockRepair::plan(m_session.events(), m_session.clock().nowMs(), marginMs, error);
}

std::optional<int> ClockRepairService::repair(const db::ClockRepairPlan& plan, const QHash<QString, QString>& passwords,
                                              qint64 marginMs, QString* error)
{
    if (!m_session.can(core::Action::ManageUsers))
        return failed<int>(error, tr("Only an administrator may repair this workstation's clocks."));
    const db::UserDirectory directory(m_session.database().sql());
    QHash<QString, core::SealKey> signers;
    const core::SealKey& own = m_session.events().signer();
    for (auto it = plan.signingKeys.cbegin(); it != plan.signingKeys.cend(); ++it) {
        if (own.hasPrivateKey() && own.keyId() == it.key()) {
            signers.insert(it.key(), own); // the administrator's own key, opened at login
            continue;
        }
        const auto key = directory.key(it.key());
        const QByteArray wrapped = directory.wrappedKey(it.key());
        if (!key || wrapped.isEmpty())
            return failed<int>(error, tr("The signing key %1 of user %2 is not held here.").arg(it.key(), it.value()));
        const auto unwrapped = SigningKeys::unwrap(wrapped, passwords.value(it.value()), key->publicKey);
        if (!unwrapped)
            return failed<int>(error, tr("The password of user %1 does not open their signing key; nothing was changed.")
                                          .arg(it.value()));
        signers.insert(it.key(), *unwrapped);
    }
    return db::ClockRepair::apply(m_session.events(), plan, signers, m_session.clock().nowMs(), marginMs, error);
}

} // namespace oneseal::services
