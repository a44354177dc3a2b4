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
    QStringList visited; // the matters of the first case (a bundle) the visit covers
    for (const QString& caseId : plan.caseIds) {
        QString e;
        std::optional<core::CaseState> state = m_steps.load(caseId, &e);
        if (state && state->decidedPerMatter()) {
            if (caseId != plan.caseIds.first())
                return fail(tr("Case %1 is a bundle: schedule its visits from the case itself, not combined into "
                               "another case's visit.")
                                .arg(state->caseNo));
            if (plan.matterCodes.isEmpty())
                return fail(tr("Case %1 is a bundle: choose the matter to visit.").arg(state->caseNo));
            visited = visitMatters(*state, plan.matterCodes, &e);
            for (const QString& code : std::as_const(visited))
                if (state && !(state = m_steps.prepare(caseId, core::WorkStep::ScheduleInspection, &e, code)))
                    break;
            if (visited.isEmpty())
                state.reset();
        } else if (state) {
            state = m_steps.prepare(caseId, core::WorkStep::ScheduleInspection, &e);
        }
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
                for (const core::CaseState& s : cases) {
                    QCborMap payload = p;
                    if (s.decidedPerMatter())
                        payload.insert(core::payload::inspectedMatters, QCborArray::fromStringList(visited));
                    if (!m_steps.append(s.caseId, core::eventkind::inspectionScheduled, payload, e))
                        return false;
                }
                return true;
            },
            error))
        return std::nullopt;
    return visitId;
}

QStringList InspectionService::visitMatters(const core::CaseState& state, const QStringList& matterCodes,
                                           QString* error) const
{
    auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return QStringList();
    };
    const auto catalog = m_steps.session().catalogVersion(state.catalogVersion);
    if (!catalog)
        return fail(tr("The catalog version %1 of case %2 is missing.").arg(state.catalogVersion).arg(state.caseNo));
    QStringList group;
    for (const QString& code : matterCodes) {
        if (!state.matterResult(code))
            return fail(tr("%1 is not a matter of case %2.").arg(code.left(40), state.caseNo));
        const QStringList g = catalog->inspectionGroup(state.subjectCode, code);
        if (!group.isEmpty() && group != g)
            return fail(tr("%1 and %2 are inspected on separate visits (the catalog combines only the matters of "
                           "one group).")
                            .arg(state.matterResult(matterCodes.first())->name, state.matterResult(code)->name));
        group = g;
    }
    QStringList matters;
    for (const core::MatterResult& m : state.matterResults)
        if (group.contains(m.code) && m.decision == core::Decision::None
            && m.review != core::MatterResult::Review::RefusalProposed)
            matters << m.code;
    if (matters.isEmpty())
        return fail(tr("Choose the matter to visit."));
    return matters;
}

std::optional<core::CaseState> InspectionService::prepareVisit(const QString& caseId, core::WorkStep step,
                                                               const QString& matterCode, QStringList* matters,
                                                               QString* error)
{
    auto state = m_steps.prepare(caseId, step, error, matterCode);
    if (!state || !state->decidedPerMatter())
        return state;
    const core::InspectionVisit* visit = state->inspectionOf(matterCode);
    if (!visit) { // prepare() said the matter waits for the result of a visit
        if (error)
            *error = tr("No site visit of case %1 is waiting for its result.").arg(state->caseNo);
        return std::nullopt;
    }
    // Every matter of the visit takes the step with it (one combined record).
    for (const core::MatterResult& m : state->matterResults)
        if ((visit->matterCodes.isEmpty() || visit->matterCodes.contains(m.code)) && m.visitId == visit->visitId
            && m.inspection == state->matterResult(matterCode)->inspection) {
            if (QString v = core::Workflow::check(step, *state, m_steps.session().user().id, m_steps.session().user().roles,
                                                  m_steps.separationPolicy(), m.code);
                !v.isEmpty()) {
                if (error)
                    *error = v;
                return std::nullopt;
            }
            *matters << m.code;
        }
    return state;
}

std::optional<core::CaseState> InspectionService::recordResult(const QString& caseId, bool passed, const QString& notes,
                                                               const QList<EvidenceFile>& evidence, QString* error,
                                                               const QString& matterCode)
{
    QStringList matters;
    const auto state = prepareVisit(caseId, core::WorkStep::RecordInspection, matterCode, &matters, error);
    if (!state)
        return std::nullopt;
    const QString visitId = matters.isEmpty() ? state->currentInspection()->visitId
                                              : state->matterResult(matterCode)->visitId;
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
                QCborMap p{{core::payload::visitId, visitId},
                           {core::payload::notes, notes.trimmed()},
                           {core::payload::evidence, QCborArray::fromStringList(*hashes)}};
                if (!matters.isEmpty())
                    p.insert(core::payload::inspectedMatters, QCborArray::fromStringList(matters));
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
                                                                       QString* error, const QString& matterCode)
{
    QStringList matters;
    const auto state = prepareVisit(caseId, core::WorkStep::RequireRectification, matterCode, &matters, error);
    if (!state)
        return std::nullopt;
    const QString visitId = matters.isEmpty() ? state->currentInspection()->visitId
                                              : state->matterResult(matterCode)->visitId;
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
                QCborMap p{{core::payload::visitId, visitId},
                           {core::payload::notes, notes.trimmed()},
                           {core::payload::deadline, deadline.toString(Qt::ISODate)},
                           {core::payload::clockStops, pause.from.toString(Qt::ISODate)},
                           {core::payload::evidence, QCborArray::fromStringList(*hashes)}};
                if (!matters.isEmpty())
                    p.insert(core::payload::inspectedMatters, QCborArray::fromStringList(matters));
                return m_steps.append(caseId, core::eventkind::rectificationRequired, p, e);
            },
            error))
        return std::nullopt;
    return m_steps.load(caseId, error);
}

std::optional<core::CaseState> InspectionService::closeRectification(const QString& caseId, const QString& notes,
                                                                     const QList<EvidenceFile>& evidence,
                                                                     QString* error, const QString& matterCode)
{
    QStringList matters;
    auto state = prepareVisit(caseId, core::WorkStep::CloseRectification, matterCode, &matters, error);
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
    const QString visitId = matters.isEmpty() ? state->currentInspection()->visitId
                                              : state->matterResult(matterCode)->visitId;
    if (!m_steps.inTransaction(
            [&](QString* e) {
                const auto hashes = m_steps.storeEvidence(caseId, evidence, false, e);
                if (!hashes)
                    return false;
                QCborMap p{{core::payload::visitId, visitId},
                           {core::payload::notes, notes.trimmed()},
                           {core::payload::date, day.toString(Qt::ISODate)},
                           {core::payload::evidence, QCborArray::fromStringList(*hashes)}};
                if (!matters.isEmpty())
                    p.insert(core::payload::inspectedMatters, QCborArray::fromStringList(matters));
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
