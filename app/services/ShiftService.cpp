#include "ShiftService.h"

#include "AuthService.h"
#include "core/CaseState.h"
#include "core/Crypto.h"
#include "db/Database.h"
#include "db/UserRepository.h"

namespace oneseal::services {

namespace {
    bool fail(QString* error, const QString& text)
    {
        if (error)
            *error = text;
        return false;
    }
} // namespace

bool ShiftService::append(const QString& kind, const QCborMap& payload, QString* error)
{
    if (const QString shape = core::PaperStock::shapeProblem(kind, payload, m_session.user().id); !shape.isEmpty())
        return fail(error, tr("Not recorded: %1.").arg(shape));
    db::Transaction tx(m_session.database().sql());
    return tx.isActive() && m_session.events().append(QString(), kind, payload, m_session.user().id, error)
        && tx.commit(error);
}

bool ShiftService::receiveStock(qint64 firstSheet, qint64 lastSheet, QString* error)
{
    if (!m_session.can(core::Action::PrintCertificate))
        return fail(error, Session::refusal(core::Action::PrintCertificate));
    // A numbered sheet exists once in the hall: no range may overlap one any operator received.
    const QString why = core::PaperStock::checkNewRange(
        { firstSheet, lastSheet }, db::ShiftRepository(m_session.database().sql()).allRanges());
    if (!why.isEmpty())
        return fail(error, why);
    return append(core::eventkind::paperReceived,
        { { core::payload::firstSheet, firstSheet }, { core::payload::lastSheet, lastSheet } }, error);
}

bool ShiftService::spoilSheet(qint64 sheet, const QString& reason, QString* error)
{
    if (!m_session.can(core::Action::PrintCertificate))
        return fail(error, Session::refusal(core::Action::PrintCertificate));
    if (reason.trimmed().isEmpty())
        return fail(error, tr("Say why the sheet was spoiled."));
    if (reason.size() > 500)
        return fail(error, tr("The reason is too long (at most 500 characters)."));
    const db::ShiftRepository repository(m_session.database().sql());
    // Only a sheet of the operator's own stock (a colleague's sheets are hers to account for).
    const QString why = core::PaperStock::checkSpoiled(
        sheet, repository.ranges(m_session.user().id), repository.spoiledSheets(m_session.user().id));
    if (!why.isEmpty())
        return fail(error, why);
    return append(core::eventkind::paperSpoiled,
        { { core::payload::sheet, sheet }, { core::payload::reasons, reason.trimmed() } }, error);
}

core::PaperAccount ShiftService::paperAccount(std::optional<qint64> countedNextSheet) const
{
    return paperAccountOf(m_session.user().id, countedNextSheet);
}

core::PaperAccount ShiftService::paperAccountOf(const QString& operatorId, std::optional<qint64> countedNextSheet) const
{
    const db::ShiftRepository repository(m_session.database().sql());
    return core::PaperStock::account(repository.ranges(operatorId), repository.sheetsPrinted(operatorId),
        repository.spoiledSheets(operatorId), repository.certificatesVoided(operatorId), countedNextSheet);
}

std::optional<QList<OperatorPaper>> ShiftService::paperAccounts(QString* error) const
{
    if (!m_session.can(core::Action::PrintCertificate) && !m_session.can(core::Action::ReadAllCases)) {
        fail(error, Session::refusal(core::Action::ReadAllCases));
        return std::nullopt;
    }
    QList<OperatorPaper> list;
    const db::UserRepository users(m_session.database().sql());
    for (const QString& id : db::ShiftRepository(m_session.database().sql()).stockHolders()) {
        OperatorPaper p;
        p.operatorId = id;
        const auto user = users.byId(id);
        p.operatorName = user ? user->displayName : id;
        p.account = paperAccountOf(id);
        list << p;
    }
    return list;
}

std::optional<HandoverReport> ShiftService::prepareHandover(const QString& incomingUsername,
    const QString& outgoingPassword, const QString& incomingPassword, std::optional<qint64> countedNextSheet,
    QString* error) const
{
    if (!AuthService::verifyPassword(m_session, outgoingPassword)) {
        fail(error, tr("Your password is wrong; the handover was not recorded."));
        return std::nullopt;
    }
    const auto incoming = db::UserRepository(m_session.database().sql()).byUsername(incomingUsername.trimmed());
    if (!incoming || !incoming->active) {
        fail(error, tr("There is no active user %1 to take over.").arg(incomingUsername.trimmed()));
        return std::nullopt;
    }
    if (incoming->id == m_session.user().id) {
        fail(error, tr("The incoming user must be another person."));
        return std::nullopt;
    }
    if (!AuthService::passwordMatches(m_session, *incoming, incomingPassword)) {
        fail(error, tr("The incoming user's password is wrong; the handover was not recorded."));
        return std::nullopt;
    }
    HandoverReport r;
    r.workstation = m_session.workstation();
    r.outgoingId = m_session.user().id;
    r.outgoingName = m_session.user().displayName;
    r.incomingId = incoming->id;
    r.incomingName = incoming->displayName;
    r.at = m_session.clock().now();
    r.figures = db::ShiftRepository(m_session.database().sql()).figures(r.workstation);
    r.paper = paperAccount(countedNextSheet);
    r.countedNextSheet = countedNextSheet;
    return r;
}

bool ShiftService::recordHandover(const HandoverReport& report, const QByteArray& documentHash, QString* error)
{
    if (report.outgoingId != m_session.user().id)
        return fail(error, tr("Only the outgoing user records the handover."));
    const db::ShiftFigures& f = report.figures;
    QCborMap figures { { QStringLiteral("cases_accepted"), f.casesAccepted },
        { QStringLiteral("certificates_issued"), f.certificatesIssued },
        { QStringLiteral("certificates_printed"), f.certificatesPrinted },
        { QStringLiteral("certificates_reprinted"), f.certificatesReprinted },
        { QStringLiteral("certificates_voided"), f.certificatesVoided },
        { QStringLiteral("sheets_spoiled"), f.sheetsSpoiled },
        { QStringLiteral("materials_collected"), f.materialsCollected }, { QStringLiteral("open_cases"), f.openCases },
        { QStringLiteral("sheets_remaining"), report.paper.remaining() },
        { QStringLiteral("mismatches"), qint64(report.paper.mismatches.size()) } };
    if (report.countedNextSheet)
        figures.insert(QStringLiteral("counted_next_sheet"), *report.countedNextSheet);
    return append(core::eventkind::shiftHandover,
        { { core::payload::incomingUser, report.incomingId }, { core::payload::report, figures },
            { core::payload::documentHash, QString::fromLatin1(documentHash.toHex()) } },
        error);
}

} // namespace oneseal::services
