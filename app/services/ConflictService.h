#pragma once

#include "Session.h"
#include "core/Conflict.h"

#include <QCoreApplication>

namespace oneseal::services {

/** A case with its conflicts, for the supervisor's list. */
struct CaseInConflict
{
    QString caseId;
    QList<core::CaseConflict> conflicts;
};

/** One conflict of a case with the contradicting events themselves, for the supervisor to choose. */
struct ConflictDetail
{
    core::CaseConflict conflict;
    QList<core::Event> events; ///< in the order of conflict.eventIds
    QStringList userNames;     ///< who recorded each event (display name)
};

/**
 * Conflicts between workstations that worked apart (docs/SYNC.md): supervisors see them on every
 * replica and resolve each with a conflict.resolved event that names the contradicting events and
 * the one kept. The events themselves stay: they are facts.
 */
class ConflictService
{
    Q_DECLARE_TR_FUNCTIONS(ConflictService)

public:
    explicit ConflictService(Session& session) : m_session(session) {}

    /** Cases with an open conflict; supervisors (and those who read all cases) only. */
    std::optional<QList<CaseInConflict>> openConflicts(QString* error) const;

    /** The open conflicts of one case with their events; supervisors (and those who read all cases) only. */
    std::optional<QList<ConflictDetail>> openConflictsOf(const QString& caseId, QString* error) const;

    /** Resolves the open conflict key of a case, keeping one of its events; supervisors only. */
    bool resolve(const QString& caseId, const QString& key, const QString& keptEventId, const QString& note,
                 QString* error);

private:
    Session& m_session;
};

} // namespace oneseal::services
