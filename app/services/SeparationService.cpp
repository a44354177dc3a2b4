#include "SeparationService.h"

#include "AuthService.h"
#include "core/Workflow.h"
#include "db/UserDirectory.h"

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

core::SeparationPolicy SeparationService::policy() const
{
    return db::UserDirectory::currentSeparationPolicy(m_session.database().sql());
}

QStringList SeparationService::allPairKeys()
{
    const QList<core::Hand> hands{core::Hand::Accept, core::Hand::Review, core::Hand::Inspect, core::Hand::Decide,
                                  core::Hand::Issue};
    QStringList keys;
    for (qsizetype i = 0; i < hands.size(); ++i)
        for (qsizetype j = i + 1; j < hands.size(); ++j)
            keys << core::handKey(hands.at(i)) + QLatin1Char('+') + core::handKey(hands.at(j));
    return keys;
}

bool SeparationService::setPair(const QString& pairKey, bool relaxed, const QString& reasons,
                                const QString& password, QString* error)
{
    auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return false;
    };
    if (!m_session.can(core::Action::ManageUsers))
        return fail(Session::refusal(core::Action::ManageUsers));
    QString why;
    const auto pair = core::SeparationPolicy::fromPairKeys({pairKey}, &why);
    if (!pair)
        return fail(why);
    const QString key = pair->pairKeys().constFirst();
    QStringList keys = policy().pairKeys();
    if (keys.contains(key) == relaxed)
        return fail(relaxed ? tr("The pair %1 is already relaxed.").arg(key) : tr("The pair %1 is not relaxed.").arg(key));
    if (!AuthService::verifyPassword(m_session, password))
        return fail(tr("The password is wrong; nothing was changed."));
    if (relaxed)
        keys << key;
    else
        keys.removeAll(key);
    return relax(keys, reasons, error);
}

} // namespace oneseal::services
