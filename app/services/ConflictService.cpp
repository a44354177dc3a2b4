#include "ConflictService.h"

#include "core/Workflow.h"
#include "db/ConflictProjection.h"
#include "db/UserRepository.h"

#include <QCborArray>
#include <QUuid>

namespace oneseal::services {

std::optional<QList<CaseInConflict>> ConflictService::openConflicts(QString* error) const
{
    if (!m_session.can(core::Action::ResolveConflict) && !m_session.can(core::Action::ReadAllCases)) {
        if (error)
            *error = Session::refusal(core::Action::ResolveConflict);
        return std::nullopt;
    }
    QList<CaseInConflict> cases;
    const QSqlDatabase db = m_session.database().sql();
    for (const QString& caseId : db::ConflictProjection::casesInConflict(db))
        cases.append({caseId, db::ConflictProjection::conflictsOf(db, caseId)});
    return cases;
}

std::optional<QList<ConflictDetail>> ConflictService::openConflictsOf(const QString& caseId, QString* error) const
{
    if (!m_session.can(core::Action::ResolveConflict) && !m_session.can(core::Action::ReadAllCases)) {
        if (error)
            *error = Session::refusal(core::Action::ResolveConflict);
        return std::nullopt;
    }
    QList<ConflictDetail> details;
    for (const core::CaseConflict& c : db::ConflictProjection::conflictsOf(m_session.database().sql(), caseId)) {
        if (c.resolved)
            continue;
        ConflictDetail d{c, {}, {}};
        const db::UserRepository users(m_session.database().sql());
        for (const QString& id : c.eventIds) {
            if (const auto e = m_session.events().event(QUuid(id))) {
                d.events << *e;
                const auto user = users.byId(e->userId);
                d.userNames << (user ? user->displayName : e->userId);
            }
        }
        details << d;
    }
    return details;
}

bool ConflictService::resolve(const QString& caseId, const QString& key, const QString& keptEventId,
                              const QString& note, QString* error)
{
    auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return false;
    };
    if (!m_session.can(core::Action::ResolveConflict))
        return fail(Session::refusal(core::Action::ResolveConflict));
    if (const QString why = core::Workflow::checkReasons(note, true, tr("reasons for your choice")); !why.isEmpty())
        return fail(why);
    const QSqlDatabase db = m_session.database().sql();
    const auto conflicts = db::ConflictProjection::conflictsOf(db, caseId);
    const auto it = std::find_if(conflicts.cbegin(), conflicts.cend(),
                                 [&key](const core::CaseConflict& c) { return c.key == key && !c.resolved; });
    if (it == conflicts.cend())
        return fail(tr("This case has no open conflict of that kind."));
    if (!it->eventIds.contains(keptEventId))
        return fail(tr("The event to keep must be one of the conflicting events."));
    QCborArray resolves;
    for (const QString& id : it->eventIds)
        resolves.append(id);
    const QCborMap payload{{core::conflict::payloadKey, key},
                           {core::conflict::payloadResolves, resolves},
                           {core::conflict::payloadKept, keptEventId},
                           {core::conflict::payloadNote, note.trimmed()}};
    db::Transaction tx(db);
    if (!tx.isActive())
        return fail(tx.errorText());
    return m_session.events().append(caseId, core::conflict::resolvedKind, payload, m_session.user().id, error)
        && tx.commit(error);
}

} // namespace oneseal::services
