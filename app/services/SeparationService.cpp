#include "SeparationService.h"

#include "core/Workflow.h"

namespace oneseal::services {

std::optional<db::SeparationPolicyRow> SeparationService::current() const
{
    return db::SeparationProjection::current(m_session.database().sql());
}

bool SeparationService::relax(const QStringList& pairKeys, const QString& reasons, QString* error)
{
    auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return false;
    };
    if (!m_session.can(core::Action::ManageUsers))
        return fail(Session::refusal(core::Action::ManageUsers));
    QString why;
    const auto policy = core::SeparationPolicy::fromPairKeys(pairKeys, &why);
    if (!policy)
        return fail(why);
    if (QString v = core::Workflow::checkReasons(reasons, true, tr("reasons for relaxing the separations"));
        !v.isEmpty())
        return fail(v);
    db::Transaction tx(m_session.database().sql());
    if (!tx.isActive())
        return fail(tx.errorText());
    if (!m_session.events().append(QString(), core::SeparationPolicy::eventKind(), policy->toPayload(reasons),
                                   m_session.user().id, error))
        return false;
    return tx.commit(error);
}

} // namespace oneseal::services
