#include "InspectionService.h"

#include "db/UserRepository.h"

#include <QCborArray>
#include <QSet>
#include <QUuid>

namespace oneseal::services {

InspectionService::InspectionService(Session& session)
    : InspectionService(session, session.calendar())
{
}

InspectionService::InspectionService(Session& session, const core::WorkCalendar& calendar)
    : m_steps(session, calendar)
{
}

QList<core::User> InspectionService::inspectors() const
{
    QList<core::User> list;
    for (const core::User& u : db::UserRepository(m_steps.session().database().sql()).all())
        if (u.active && u.roles.testFlag(core::Role::Inspector))
            list << u;
    std::sort(list.begin(), list.end(),
              [](const core::User& a, const core::User& b) { return a.displayName < b.displayName; });
    return list;
}

std::optional<QString> InspectionService::schedule(const InspectionPlan& plan, QString* error)
{
    auto fail = [error](const QString& text) -> std::optional<QString> {
        if (error)
            *error = text;
        return std::nullopt;
    };
    if (!m_steps.session().can(core::Action::InspectSite))
        return fail(Session::refusal(core::Action::InspectSite));
    if (plan.caseIds.isEmpty())
        return fail(tr("Choose the case or cases to visit."));
    if (plan.caseIds.size() > core::Workflow::kMaxCombinedCases)
        return fail(tr("One visit may combine at most %1 cases.").arg(core::Workflow::kMaxCombinedCases));
    if (QSet<QString>(plan.caseIds.begin(), plan.caseIds.end()).size() != plan.caseIds.size())
        return fail(tr("A case is listed twice for the same visit."));
    if (!plan.date.isValid() || plan.date < m_steps.today())
        return fail(tr("Choose the day of the visit: today or later."));
    if (plan.date > m_steps.today().addYears(1))
        return fail(tr("The visit must be within a year."));

    // The inspectors: real, active inspectors.
    db::UserRepository users(m_steps.session().database().sql());
    QCborArray inspectorIds;
    QCborArray inspectorNames;
    for (const QString& id : plan.inspectorIds) {
        const auto u = users.byId(id);
        if (!u || !u->active || !u->roles.testFlag(core::Role::Inspector))
            return fail(tr("Each person sent on site must be an active inspector."));
        inspectorIds << id;
        inspectorNames << u->displayName;
    }

    QList<core::CaseState> cases;
    for (const QString& caseId : plan.caseIds) {
        QString e;
        auto state = m_steps.prepare(caseId, core::WorkStep::ScheduleInspection, &e);
        if (!state)
            return fail(plan.caseIds.size() > 1 ? tr("Case %1: %2").arg(caseId.left(40), e) : e);
        if (QString v = core::Workflow::checkInspectors(plan.inspectorIds, state->acceptedBy); !v.isEmpty())
            return fail(v);
        if (QString v = core::Separation::checkInspectors(plan.inspectorIds, state->hands, m_steps.separationPolicy(),
                                                          state->caseNo);
            !v.isEmpty())
            return fail(v);
        cases << *state;
    }

    const QString visitId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QCborArray combined;
    for (const core::CaseState& s : cases)
        combined << s.caseId;
    const QCborMap p{{core::payload::visitId, visitId},
                     {core::payload::visitDate, plan.date.toString(Qt::ISODate)},
                     {core::payload::inspectors, inspectorIds},
                     {core::payload::inspectorNames, inspectorNames},
                     {core::payload::combinedCases, combined}};
    if (!m_steps.inTransaction(
            [&](QString* e) {
                for (const core::CaseState& s : cases)
                    if (!m_steps.append(s.caseId, core::eventkind::inspectionScheduled, p, e))
                        return false;
                return true;
            },
            error))
        return std::nullopt;
    return visitId;
}

std::optional<core::CaseState> InspectionService::recordResult(const QString& caseId, bool passed, const QString& notes,
                                                               const QList<EvidenceFile>& evidence, QString* error)
{
    const auto state = m_steps.prepare(caseId, core::WorkStep::RecordInspection, error);
    if (!state)
        return std::nullopt;
    // A failed inspection must say why; a passed one may simply pass.
    if (QString v = core::Workflow::checkReasons(notes, !passed, tr("inspection notes")); !v.isEmpty()) {
        if (error)
            *error = v;
        return std::nullopt;
    }
    if (QString v = CaseSteps::checkEvidence(evidence, true); !v.isEmpty()) {
        if (error)
            *error = v;
        return std::nullopt;
    }
    if (!m_steps.inTransaction(
            [&](QString* e) {
                const auto hashes = m_steps.storeEvidence(caseId, evidence, true, e);
                if (!hashes)
                    return false;
                const QCborMap p{{core::payload::visitId, state->currentInspection()->visitId},
                                 {core::payload::notes, notes.trimmed()},
                                 {core::payload::evidence, QCborArray::fromStringList(*hashes)}};
                return m_steps.append(caseId, passed ? core::eventkind::inspectionPassed : core::eventkind::inspectionFailed,
                                      p, e);
            },
            error))
        return std::nullopt;
    return m_steps.load(caseId, error);
}

std::optional<core::CaseState> InspectionService::requireRectification(const QString& caseId, const QDate& deadline,
                                                                       const QString& notes,
                                                                       const QList<EvidenceFile>& evidence,
                                                                       QString* error)
{
    const auto state = m_steps.prepare(caseId, core::WorkStep::RequireRectification, error);
    if (!state)
        return std::nullopt;
    auto fail = [error](const QString& text) -> std::optional<core::CaseState> {
        if (error)
            *error = text;
        return std::nullopt;
    };
    if (QString v = core::Workflow::checkReasons(notes, true, tr("things to rectify")); !v.isEmpty())
        return fail(v);
    const QDate day = m_steps.today();
    if (!deadline.isValid() || deadline <= day)
        return fail(tr("The rectification deadline must be after today."));
    if (deadline > day.addYears(1))
        return fail(tr("The rectification deadline must be within a year."));
    if (QString v = CaseSteps::checkEvidence(evidence, true); !v.isEmpty())
        return fail(v);
    const core::ClockPause pause = core::Workflow::pauseFrom(day, tr("rectification"));
    if (!m_steps.inTransaction(
            [&](QString* e) {
                const auto hashes = m_steps.storeEvidence(caseId, evidence, true, e);
                if (!hashes)
                    return false;
                const QCborMap p{{core::payload::visitId, state->currentInspection()->visitId},
                                 {core::payload::notes, notes.trimmed()},
                                 {core::payload::deadline, deadline.toString(Qt::ISODate)},
                                 {core::payload::clockStops, pause.from.toString(Qt::ISODate)},
                                 {core::payload::evidence, QCborArray::fromStringList(*hashes)}};
                return m_steps.append(caseId, core::eventkind::rectificationRequired, p, e);
            },
            error))
        return std::nullopt;
    return m_steps.load(caseId, error);
}

std::optional<core::CaseState> InspectionService::closeRectification(const QString& caseId, const QString& notes,
                                                                     const QList<EvidenceFile>& evidence,
                                                                     QString* error)
{
    auto state = m_steps.prepare(caseId, core::WorkStep::CloseRectification, error);
    if (!state)
        return std::nullopt;
    auto fail = [error](const QString& text) -> std::optional<core::CaseState> {
        if (error)
            *error = text;
        return std::nullopt;
    };
    if (evidence.isEmpty())
        return fail(tr("Attach the photos or videos that show the rectification."));
    if (QString v = CaseSteps::checkEvidence(evidence, false); !v.isEmpty())
        return fail(v);
    if (QString v = core::Workflow::checkReasons(notes, false, tr("notes")); !v.isEmpty())
        return fail(v);
    const QDate day = m_steps.today();
    if (!state->pauses.isEmpty())
        state->pauses.last().until = day;
    const core::CaseDeadlines due = core::Workflow::deadlines(*state, m_steps.calendar());
    const QString visitId = state->currentInspection()->visitId;
    if (!m_steps.inTransaction(
            [&](QString* e) {
                const auto hashes = m_steps.storeEvidence(caseId, evidence, false, e);
                if (!hashes)
                    return false;
                QCborMap p{{core::payload::visitId, visitId},
                           {core::payload::notes, notes.trimmed()},
                           {core::payload::date, day.toString(Qt::ISODate)},
                           {core::payload::evidence, QCborArray::fromStringList(*hashes)}};
                if (due.promised.due.isValid())
                    p.insert(core::payload::promisedDue, due.promised.due.toString(Qt::ISODate));
                if (due.legal.due.isValid())
                    p.insert(core::payload::legalDue, due.legal.due.toString(Qt::ISODate));
                return m_steps.append(caseId, core::eventkind::rectificationClosed, p, e);
            },
            error))
        return std::nullopt;
    return m_steps.load(caseId, error);
}

} // namespace oneseal::services
