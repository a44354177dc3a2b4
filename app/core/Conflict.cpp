#include "Conflict.h"

#include <QCborArray>
#include <QMap>
#include <QSet>

#include <algorithm>

namespace oneseal::core {

namespace {
QString groupOf(const QString& kind)
{
    if (kind.startsWith(QLatin1String("intake.")))
        return conflict::intakeKey;
    if (kind == QLatin1String("decision.approved") || kind == QLatin1String("decision.refused"))
        return conflict::decisionKey;
    return QString();
}

QStringList sortedUnique(QStringList list)
{
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    return list;
}
} // namespace

QList<CaseConflict> findConflicts(const QList<Event>& caseEvents)
{
    struct Group
    {
        QStringList ids;
        QStringList workstations;
        QStringList kinds;
    };
    QMap<QString, Group> groups; // ordered by key, so the result is in a fixed order
    QList<const Event*> resolutions;
    for (const Event& e : caseEvents) {
        if (e.kind == conflict::resolvedKind) {
            resolutions << &e;
            continue;
        }
        const QString g = groupOf(e.kind);
        if (g.isEmpty())
            continue;
        Group& group = groups[g];
        group.ids << e.id.toString(QUuid::WithoutBraces);
        group.workstations << e.workstation;
        group.kinds << e.kind;
    }
    QList<CaseConflict> conflicts;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        const QStringList workstations = sortedUnique(it->workstations);
        if (workstations.size() < 2)
            continue; // one workstation saw its own earlier events: not a contradiction
        // Two intakes of one case are always a contradiction (two case numbers, two notices); two
        // decisions only when they differ.
        if (it.key() == conflict::decisionKey && sortedUnique(it->kinds).size() < 2)
            continue;
        CaseConflict c;
        c.key = it.key();
        c.eventIds = sortedUnique(it->ids);
        c.workstations = workstations;
        // The settling resolution names every contradicting event; of several, the smallest uuid
        // wins, so the choice does not depend on the order events arrived in.
        for (const Event* r : resolutions) {
            const QCborMap p = r->payload();
            if (p.value(conflict::payloadKey).toString() != c.key)
                continue;
            QSet<QString> named;
            for (const QCborValue& v : p.value(conflict::payloadResolves).toArray())
                named.insert(v.toString());
            const bool coversAll = std::all_of(c.eventIds.cbegin(), c.eventIds.cend(),
                                               [&named](const QString& id) { return named.contains(id); });
            const QString rid = r->id.toString(QUuid::WithoutBraces);
            if (coversAll && (!c.resolved || rid < c.resolutionId)) {
                c.resolved = true;
                c.resolutionId = rid;
                c.keptEventId = p.value(conflict::payloadKept).toString();
            }
        }
        conflicts << c;
    }
    return conflicts;
}

bool hasOpenConflict(const QList<CaseConflict>& conflicts)
{
    return std::any_of(conflicts.cbegin(), conflicts.cend(), [](const CaseConflict& c) { return !c.resolved; });
}

} // namespace oneseal::core
