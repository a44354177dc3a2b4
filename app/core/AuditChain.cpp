#include "AuditChain.h"

#include <QHash>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <optional>

namespace oneseal::core {

namespace {

    AuditFinding finding(AuditFinding::Problem problem, const Event& e)
    {
        AuditFinding f;
        f.problem = problem;
        f.workstation = e.workstation;
        f.seq = e.seq;
        f.eventId = e.id.toString(QUuid::WithoutBraces);
        f.kind = e.kind;
        return f;
    }

    /** Seq numbers in (after, before) that no event of the store has. */
    QList<qint64> missingBetween(const QSet<qint64>& present, qint64 after, qint64 before)
    {
        QList<qint64> missing;
        for (qint64 s = after + 1; s < before && missing.size() < 1000; ++s)
            if (!present.contains(s))
                missing << s;
        return missing;
    }

    /** How many events from index i on follow each other by their links (at least 1). */
    int linkedRun(const QList<const Event*>& chain, int i)
    {
        int n = 1;
        while (i + n < chain.size() && chain.at(i + n)->prevHash == chain.at(i + n - 1)->hash)
            ++n;
        return n;
    }

    std::optional<AuditFinding> verifyChain(const QList<const Event*>& chain, const QSet<qint64>& present)
    {
        QHash<QByteArray, int> byHash;
        for (int i = 0; i < chain.size(); ++i) {
            const Event& e = *chain.at(i);
            if (e.hash != e.computeHash()) {
                AuditFinding f = finding(AuditFinding::Problem::Changed, e);
                f.description = AuditChain::tr("Event seq %1 (%2, %3) was changed: its content no longer matches its hash.")
                                    .arg(e.seq)
                                    .arg(f.eventId, e.kind);
                return f;
            }
            const QByteArray expected = i == 0 ? QByteArray() : chain.at(i - 1)->hash;
            if (e.prevHash != expected) {
                const bool toGenesis = e.prevHash.isEmpty();
                const int j = toGenesis ? -1 : byHash.value(e.prevHash, -2);
                if (toGenesis || j >= 0) {
                    // A fork: e and chain[j + 1] both follow chain[j] (or both start the chain).
                    const int lengthA = i - 1 - j;
                    const int lengthB = linkedRun(chain, i);
                    const Event& inserted = lengthB >= lengthA ? *chain.at(j + 1) : e;
                    AuditFinding f = finding(AuditFinding::Problem::Inserted, inserted);
                    f.description = AuditChain::tr("Event seq %1 (%2, %3) was inserted: it is not part of the "
                                                   "workstation's chain (two events claim the same predecessor).")
                                        .arg(inserted.seq)
                                        .arg(f.eventId, inserted.kind);
                    return f;
                }
                const qint64 after = i == 0 ? 0 : chain.at(i - 1)->seq;
                const QList<qint64> gap = missingBetween(present, after, e.seq);
                if (!gap.isEmpty() || i == 0) {
                    AuditFinding f = finding(AuditFinding::Problem::Removed, e);
                    f.missingSeqs = gap;
                    QStringList numbers;
                    for (qint64 s : gap)
                        numbers << QString::number(s);
                    f.description = gap.isEmpty()
                        ? AuditChain::tr("The events before seq %1 (%2, %3) were removed: it names a predecessor "
                                         "that is not there.")
                              .arg(e.seq)
                              .arg(f.eventId, e.kind)
                        : AuditChain::tr("Event(s) seq %1 were removed: event seq %2 (%3, %4) names a predecessor "
                                         "that is not there.")
                              .arg(numbers.join(QStringLiteral(", ")))
                              .arg(e.seq)
                              .arg(f.eventId, e.kind);
                    return f;
                }
                const Event& rewritten = *chain.at(i - 1);
                AuditFinding f = finding(AuditFinding::Problem::Changed, rewritten);
                f.description = AuditChain::tr("Event seq %1 (%2, %3) was changed and its hash recomputed: the "
                                               "next event, seq %4, names another hash as its predecessor.")
                                    .arg(rewritten.seq)
                                    .arg(f.eventId, rewritten.kind)
                                    .arg(e.seq);
                return f;
            }
            byHash.insert(e.hash, i);
        }
        return std::nullopt;
    }

} // namespace

AuditReport AuditChain::verify(const QList<Event>& events)
{
    AuditReport report;
    report.events = events.size();
    QSet<qint64> present;
    QMap<QString, QList<const Event*>> chains;
    for (const Event& e : events) {
        present.insert(e.seq);
        chains[e.workstation].append(&e);
    }
    report.workstations = int(chains.size());
    for (auto it = chains.begin(); it != chains.end(); ++it) {
        QList<const Event*>& chain = it.value();
        std::stable_sort(chain.begin(), chain.end(), [](const Event* a, const Event* b) { return a->seq < b->seq; });
        if (auto f = verifyChain(chain, present))
            report.findings << *f;
    }
    std::sort(report.findings.begin(), report.findings.end(),
              [](const AuditFinding& a, const AuditFinding& b) { return a.seq < b.seq; });
    return report;
}

QString AuditChain::problemName(AuditFinding::Problem problem)
{
    switch (problem) {
    case AuditFinding::Problem::Changed: return tr("changed");
    case AuditFinding::Problem::Removed: return tr("removed");
    case AuditFinding::Problem::Inserted: return tr("inserted");
    case AuditFinding::Problem::Truncated: return tr("cut off");
    case AuditFinding::Problem::ForgedCheckpoint: return tr("forged checkpoint");
    }
    return QString();
}

} // namespace oneseal::core
