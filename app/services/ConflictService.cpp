#include "ConflictService.h"

#include "db/ConflictProjection.h"

#include <QCborArray>

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
    if (note.size() > 2000)
        return fail(tr("The note is too long (at most 2000 characters)."));
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
