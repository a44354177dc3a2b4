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

std::optional<core::CaseState> DecisionService::approve(const QString& caseId, const QString& notes, QString* error)
{
    const auto state = m_steps.prepare(caseId, core::WorkStep::Approve, error);
    if (!state)
        return std::nullopt;
    if (QString v = core::Workflow::checkReasons(notes, false, tr("notes")); !v.isEmpty()) {
        if (error)
            *error = v;
        return std::nullopt;
    }
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

std::optional<core::CaseState> DecisionService::refuse(const QString& caseId, const QString& reasons, QString* error)
{
    const auto state = m_steps.prepare(caseId, core::WorkStep::Refuse, error);
    if (!state)
        return std::nullopt;
    if (QString v = core::Workflow::checkReasons(reasons, true, tr("reasons for refusal")); !v.isEmpty()) {
        if (error)
            *error = v;
        return std::nullopt;
    }
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
                                                          QString* error)
{
    if (!m_steps.prepare(caseId, core::WorkStep::ApplySeal, error))
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
    const auto state = m_steps.load(caseId, error);
    if (!state)
        return std::nullopt;
    if (state->decision == core::Decision::Revoked)
        p.insert(core::payload::sealedDocument, core::toStored(core::SealedDocument::Revocation));
    if (!m_steps.inTransaction([&](QString* e) { return m_steps.append(caseId, core::eventkind::sealApplied, p, e); },
                               error))
        return std::nullopt;
    return m_steps.load(caseId, error);
}

} // namespace oneseal::services
