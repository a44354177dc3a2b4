#include "AuditService.h"

#include "db/ChainCheckpoints.h"
#include "db/EventStore.h"

#include <QSaveFile>

#include <algorithm>

namespace oneseal::services {

namespace {
    QByteArray csvField(const QString& text)
    {
        QString t = text;
        // A leading = + - @ would be a formula in a spreadsheet program.
        if (!t.isEmpty() && QStringLiteral("=+-@").contains(t.front()))
            t.prepend(QLatin1Char('\''));
        if (t.contains(QLatin1Char('"')) || t.contains(QLatin1Char(',')) || t.contains(QLatin1Char('\n'))
            || t.contains(QLatin1Char('\r')))
            t = QLatin1Char('"') + t.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
        return t.toUtf8();
    }

    QByteArray csvLine(const QStringList& fields)
    {
        QByteArrayList parts;
        for (const QString& f : fields)
            parts << csvField(f);
        return parts.join(',') + "\r\n";
    }
} // namespace

AuditService::AuditService(Session& session)
    : m_session(session)
{
}

std::optional<QList<db::RecentEvent>> AuditService::recentEvents(int limit, QString* error) const
{
    if (!m_session.can(core::Action::ViewAudit)) {
        if (error)
            *error = Session::refusal(core::Action::ViewAudit);
        return std::nullopt;
    }
    return db::EventLogRepository(m_session.database().sql()).recent(std::clamp(limit, 1, 1000));
}

std::optional<core::AuditReport> AuditService::verifyChains(QString* error) const
{
    if (!m_session.can(core::Action::ViewAudit)) {
        if (error)
            *error = Session::refusal(core::Action::ViewAudit);
        return std::nullopt;
    }
    QList<core::Event> events = m_session.events().allEvents();
    std::sort(events.begin(), events.end(), [](const core::Event& a, const core::Event& b) { return a.seq < b.seq; });
    core::AuditReport report = core::AuditChain::verify(events);
    // Events cut off at the end of this workstation's chain leave a consistent chain; the hub's copy
    // does not: the newest event of ours it holds must still be here.
    const QString workstation = m_session.workstation();
    const QByteArray head =
        QByteArray::fromHex(m_session.database().meta(db::EventStore::hubChainHeadKey()).toLatin1());
    const bool flagged = std::any_of(report.findings.cbegin(), report.findings.cend(),
                                     [&](const core::AuditFinding& f) { return f.workstation == workstation; });
    if (head.size() == 32 && !flagged && !m_session.events().hasEventOf(workstation, head)) {
        core::AuditFinding f;
        f.problem = core::AuditFinding::Problem::Truncated;
        f.workstation = workstation;
        f.seq = 0;
        f.eventId = m_session.events().lastHashOf(workstation).toHex().left(16);
        f.description = tr("events were cut off at the end of this workstation's chain: the hub holds its event %1, "
                           "which this database no longer has (the newest here is %2)")
                            .arg(QString::fromLatin1(head.toHex().left(16)), f.eventId);
        report.findings.append(f);
    }
    // The newest hub-signed checkpoint of each chain held here (docs/SECURITY.md, "Checkpoints"): its
    // event must still be here. Unlike meta hub_chain_head, nobody but the hub can make one.
    const db::ChainCheckpoints checkpoints(m_session.database().sql());
    const QList<QByteArray> hubKeys = checkpoints.hubKeys();
    for (const core::ChainCheckpoint& cp : checkpoints.newest()) {
        if (std::any_of(report.findings.cbegin(), report.findings.cend(),
                        [&](const core::AuditFinding& f) { return f.workstation == cp.workstation; }))
            continue;
        core::AuditFinding f;
        f.workstation = cp.workstation;
        f.eventId = m_session.events().lastHashOf(cp.workstation).toHex().left(16);
        const QString at = cp.hubTime.toUTC().toString(Qt::ISODate);
        if (!std::any_of(hubKeys.cbegin(), hubKeys.cend(), [&](const QByteArray& k) { return cp.verify(k); })) {
            f.problem = core::AuditFinding::Problem::ForgedCheckpoint;
            f.description = tr("the checkpoint of this chain numbered %1 (%2) is not signed by the hub's checkpoint key: "
                               "it was written or changed here")
                                .arg(cp.serverSeq)
                                .arg(at);
        } else if (!m_session.events().hasEventOf(cp.workstation, cp.head)) {
            f.problem = core::AuditFinding::Problem::Truncated;
            f.description = tr("events were cut off at the end of this workstation's chain: the hub signed at %1 that it "
                               "holds the chain up to its event %2 (number %3), which this database no longer has (the "
                               "newest here is %4)")
                                .arg(at, QString::fromLatin1(cp.head.toHex().left(16)))
                                .arg(cp.serverSeq)
                                .arg(f.eventId);
        } else {
            continue;
        }
        report.findings.append(f);
    }
    return report;
}

std::optional<QList<core::Event>> AuditService::quarantinedEvents(QString* error) const
{
    if (!m_session.can(core::Action::ViewAudit)) {
        if (error)
            *error = Session::refusal(core::Action::ViewAudit);
        return std::nullopt;
    }
    QList<core::Event> refused;
    for (const core::Event& e : m_session.events().allEvents())
        if (!e.quarantine.isEmpty())
            refused << e;
    return refused;
}

std::optional<QList<db::SealRegisterRow>> AuditService::sealRegister(const QDate& from, const QDate& to,
                                                                     QString* error, core::SealedDocument kind) const
{
    if (!m_session.can(core::Action::ViewAudit) && !m_session.can(core::Action::ApplySeal)) {
        if (error)
            *error = Session::refusal(core::Action::ViewAudit);
        return std::nullopt;
    }
    return db::BackOfficeRepository(m_session.database().sql()).sealRegister(from, to, kind);
}

QByteArray AuditService::toCsv(const QList<db::SealRegisterRow>& rows)
{
    QByteArray csv("\xEF\xBB\xBF");
    csv += csvLine({tr("Time"), tr("Case number"), tr("Document kind"), tr("Document"), tr("Document SHA-256"), tr("User"),
                    tr("User id"), tr("Workstation"), tr("Event id")});
    for (const db::SealRegisterRow& r : rows)
        csv += csvLine({r.appliedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), r.caseNo,
                        core::displayText(r.documentKind), r.documentTitle, r.documentHash, r.userName, r.userId,
                        r.workstation, r.eventId});
    return csv;
}

std::optional<int> AuditService::exportSealRegister(const QString& path, const QDate& from, const QDate& to,
                                                    QString* error, core::SealedDocument kind) const
{
    const auto rows = sealRegister(from, to, error, kind);
    if (!rows)
        return std::nullopt;
    if (path.trimmed().isEmpty()) {
        if (error)
            *error = tr("Say where to write the seal register.");
        return std::nullopt;
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(toCsv(*rows)) < 0 || !f.commit()) {
        if (error)
            *error = tr("Unable to write %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    return int(rows->size());
}

} // namespace oneseal::services
