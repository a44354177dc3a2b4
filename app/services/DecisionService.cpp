#include "DecisionService.h"

#include "core/SealedDocument.h"

#include "AuthService.h"

#include "core/Catalog.h"

#include <algorithm>

namespace oneseal::services {

DecisionService::DecisionService(Session& session)
    : DecisionService(session, session.calendar())
{
}

DecisionService::DecisionService(Session& session, const core::WorkCalendar& calendar)
    : m_steps(session, calendar)
{
}

std::optional<core::CaseState> DecisionService::approve(const QString& caseId, const QString& notes, QString* error,
                                                        const QString& matterCode)
{
    const auto state = m_steps.prepare(caseId, core::WorkStep::Approve, error, matterCode);
    if (!state)
        return std::nullopt;
    if (QString v = core::Workflow::checkReasons(notes, false, tr("notes")); !v.isEmpty()) {
        if (error)
            *error = v;
        return std::nullopt;
    }
    if (state->decidedPerMatter() && !matterCode.isEmpty())
        return decideMatter(*state, matterCode, true, notes, error);
    QCborMap p{{core::payload::reasons, notes.trimmed()}};
    // A pledge-based approval is checked later (事后核查): due after the shortest period of its matters.
    if (state->pledgeBased()) {
        int checkDays = 0;
        if (const auto catalog = m_steps.session().catalogVersion(state->catalogVersion))
            for (const QString& code : state->matterCodes)
                if (const core::Matter* m = catalog->matter(code); m && m->pledgeCheckDays > 0)
                    checkDays = checkDays == 0 ? m->pledgeCheckDays : std::min(checkDays, m->pledgeCheckDays);
        if (checkDays == 0)
            checkDays = core::Catalog::kDefaultPledgeCheckDays;
        const QDate due = core::Workflow::verificationDue(*state, m_steps.calendar(), m_steps.today(), checkDays);
        if (due.isValid())
            p.insert(core::payload::verificationDue, due.toString(Qt::ISODate));
    }
    if (!m_steps.inTransaction(
            [&](QString* e) { return m_steps.append(caseId, core::eventkind::decisionApproved, p, e); }, error))
        return std::nullopt;
    return m_steps.load(caseId, error);
}

std::optional<core::CaseState> DecisionService::refuse(const QString& caseId, const QString& reasons, QString* error,
                                                       const QString& matterCode)
{
    const auto state = m_steps.prepare(caseId, core::WorkStep::Refuse, error, matterCode);
    if (!state)
        return std::nullopt;
    if (QString v = core::Workflow::checkReasons(reasons, true, tr("reasons for refusal")); !v.isEmpty()) {
        if (error)
            *error = v;
        return std::nullopt;
    }
    if (state->decidedPerMatter() && !matterCode.isEmpty())
        return decideMatter(*state, matterCode, false, reasons, error);
    const QDate day = m_steps.today();
    const core::CaseDeadlines due = core::Workflow::deadlines(*state, m_steps.calendar());
    const QDate promised = due.promised.due.isValid() ? due.promised.due : state->promisedDue;
    const QDate legal = due.legal.due.isValid() ? due.legal.due : state->legalDue;
    const QCborMap p{{core::payload::reasons, reasons.trimmed()},
                     {core::payload::date, day.toString(Qt::ISODate)},
                     {core::payload::promisedDue, promised.toString(Qt::ISODate)},
                     {core::payload::legalDue, legal.toString(Qt::ISODate)},
                     {core::payload::onTime, promised.isValid() && day <= promised},
                     {core::payload::withinLegal, legal.isValid() && day <= legal}};
    if (!m_steps.inTransaction(
            [&](QString* e) { return m_steps.append(caseId, core::eventkind::decisionRefused, p, e); }, error))
        return std::nullopt;
    return m_steps.load(caseId, error);
}

std::optional<core::CaseState> DecisionService::applySeal(const QString& caseId, const QString& password,
                                                          const QByteArray& documentHash, const QString& documentTitle,
                                                          QString* error, const QString& matterCode)
{
    const auto state = m_steps.prepare(caseId, core::WorkStep::ApplySeal, error, matterCode);
    if (!state)
        return std::nullopt;
    auto fail = [error](const QString& text) -> std::optional<core::CaseState> {
        if (error)
            *error = text;
        return std::nullopt;
    };
    if (documentHash.size() != 32)
        return fail(tr("The document to seal is missing (no SHA-256 of it was given)."));
    if (QString v = core::ApplicantRules::checkText(documentTitle, tr("document title"), 100, true); !v.isEmpty())
        return fail(v);
    if (const int wait = AuthService::secondsToWait(m_steps.session()); wait > 0)
        return fail(AuthService::waitMessage(wait));
    if (!AuthService::verifyPassword(m_steps.session(), password))
        return fail(tr("The password is wrong; the seal was not applied."));
    QCborMap p{{core::payload::documentTitle, documentTitle.trimmed()},
               {core::payload::documentHash, QString::fromLatin1(documentHash.toHex())}};
    // A revocation (撤销) is its own kind of sealed document in the seal register.
    if (state->decision == core::Decision::Revoked)
        p.insert(core::payload::sealedDocument, core::toStored(core::SealedDocument::Revocation));
    if (state->decidedPerMatter() && !matterCode.isEmpty())
        p.insert(core::payload::matter, matterCode);
    if (!m_steps.inTransaction([&](QString* e) { return m_steps.append(caseId, core::eventkind::sealApplied, p, e); },
                               error))
        return std::nullopt;
    return m_steps.load(caseId, error);
}

std::optional<core::CaseState> DecisionService::decideMatter(const core::CaseState& state, const QString& matterCode,
                                                             bool approved, const QString& reasons, QString* error)
{
    const core::MatterResult* matter = state.matterResult(matterCode);
    const QDate day = m_steps.today();
    const core::CaseDeadlines due = core::Workflow::matterDeadlines(state, *matter, m_steps.calendar());
    const QDate promised = due.promised.due.isValid() ? due.promised.due : matter->promisedDue;
    const QDate legal = due.legal.due.isValid() ? due.legal.due : matter->legalDue;
    const QCborMap p{{core::payload::matter, matterCode},
                     {core::payload::reasons, reasons.trimmed()},
                     {core::payload::date, day.toString(Qt::ISODate)},
                     {core::payload::promisedDue, promised.toString(Qt::ISODate)},
                     {core::payload::legalDue, legal.toString(Qt::ISODate)},
                     {core::payload::onTime, promised.isValid() && day <= promised},
                     {core::payload::withinLegal, legal.isValid() && day <= legal}};
    // The last matter decided decides the case: approved when any matter is, refused (办结) when none.
    bool last = true;
    bool anyApproved = approved;
    for (const core::MatterResult& m : state.matterResults) {
        if (m.code == matterCode)
            continue;
        last = last && m.decision != core::Decision::None;
        anyApproved = anyApproved || m.decision == core::Decision::Approved;
    }
    const core::CaseDeadlines caseDue = core::Workflow::deadlines(state, m_steps.calendar());
    const QDate casePromised = caseDue.promised.due.isValid() ? caseDue.promised.due : state.promisedDue;
    const QDate caseLegal = caseDue.legal.due.isValid() ? caseDue.legal.due : state.legalDue;
    const QCborMap whole{{core::payload::aggregate, true},
                         {core::payload::reasons, anyApproved ? QString() : tr("Every matter of the case was refused.")},
                         {core::payload::date, day.toString(Qt::ISODate)},
                         {core::payload::promisedDue, casePromised.toString(Qt::ISODate)},
                         {core::payload::legalDue, caseLegal.toString(Qt::ISODate)},
                         {core::payload::onTime, casePromised.isValid() && day <= casePromised},
                         {core::payload::withinLegal, caseLegal.isValid() && day <= caseLegal}};
    if (!m_steps.inTransaction(
            [&](QString* e) {
                if (!m_steps.append(state.caseId, approved ? core::eventkind::matterApproved : core::eventkind::matterRefused,
                                    p, e))
                    return false;
                return !last
                    || m_steps.append(state.caseId,
                                      anyApproved ? core::eventkind::decisionApproved : core::eventkind::decisionRefused,
                                      whole, e);
            },
            error))
        return std::nullopt;
    return m_steps.load(state.caseId, error);
}

} // namespace oneseal::services
