#pragma once

#include "Event.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace oneseal::core {

/**
 * Two workstations did contradictory things to one case while they could not see each other: both
 * took the case in (two intake outcomes), or one approved it and the other refused it. The events
 * stay (they are facts); the case is in conflict until a supervisor records a conflict.resolved
 * event that names every contradicting event.
 */
struct CaseConflict
{
    QString key;              ///< conflict::intakeKey or conflict::decisionKey
    QStringList eventIds;     ///< the contradicting events (uuid text), sorted
    QStringList workstations; ///< where they were recorded, sorted
    bool resolved = false;
    QString resolutionId; ///< the conflict.resolved event that settles it
    QString keptEventId;  ///< the event the supervisor kept (one of eventIds)
};

namespace conflict {
inline const QString intakeKey = QStringLiteral("intake");
inline const QString decisionKey = QStringLiteral("decision");
/** The event kind a supervisor records to resolve a conflict. */
inline const QString resolvedKind = QStringLiteral("conflict.resolved");
/** Payload keys of conflict.resolved. */
inline const QString payloadKey = QStringLiteral("key");
inline const QString payloadResolves = QStringLiteral("resolves"); ///< array of uuid texts
inline const QString payloadKept = QStringLiteral("kept");
inline const QString payloadNote = QStringLiteral("note");
} // namespace conflict

/**
 * The conflicts in one case's events. A pure function of the set of events: the result does not
 * depend on their order, so every replica finds the same conflicts whatever arrived first.
 */
QList<CaseConflict> findConflicts(const QList<Event>& caseEvents);

/** Whether any conflict of the list is still open. */
bool hasOpenConflict(const QList<CaseConflict>& conflicts);

} // namespace oneseal::core
