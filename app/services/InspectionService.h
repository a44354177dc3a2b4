#pragma once

#include "CaseSteps.h"
#include "core/User.h"

#include <QCoreApplication>

namespace oneseal::services {

/** A site visit to plan: one case, or several combined into one visit (合并勘验). */
struct InspectionPlan
{
    QStringList caseIds;
    QDate date;               ///< the day of the visit (today or later)
    QStringList inspectorIds; ///< two or more different inspectors (art. 34)
    /**
     * For a bundle case (the first of caseIds; the others must be single-matter cases): the matters
     * to visit. Each brings the matters the catalog inspects together with it
     * (Catalog::inspectionGroup); matters of different groups are never on one visit.
     */
    QStringList matterCodes;
};

/**
 * Site inspection (勘验): schedule a visit for one case or combine several cases of nearby
 * addresses or the same kind into one visit; record the result with notes and evidence files; or
 * require rectification by a deadline (限期整改, the clock stops) and close it from photo or video
 * evidence without a second visit. Inspectors only, never the case's intake clerk.
 */
class InspectionService
{
    Q_DECLARE_TR_FUNCTIONS(InspectionService)

public:
    /** With the session's calendar (Session::calendar()). */
    explicit InspectionService(Session& session);
    InspectionService(Session& session, const core::WorkCalendar& calendar);

    /** Active users holding the inspector role, by name. */
    QList<core::User> inspectors() const;

    /**
     * Schedules one visit covering every case of the plan (each case gets an inspection.scheduled
     * event with the same visit id and the list of combined cases); returns the visit id. All cases
     * must wait for an inspection, the inspectors must be two or more different active inspectors,
     * none of them a case's intake clerk. All or nothing.
     */
    std::optional<QString> schedule(const InspectionPlan& plan, QString* error);

    /**
     * The matters of a bundle case one visit for \a matterCodes covers: their combined-inspection
     * groups (Catalog::inspectionGroup) less the matters that no longer need a visit (refusal
     * proposed or decided); empty with *error when the codes span several groups or are unknown.
     */
    QStringList visitMatters(const core::CaseState& state, const QStringList& matterCodes, QString* error) const;

    /**
     * Records the visit's result for one case: passed or failed, with notes and evidence (photos,
     * videos, PDFs). In a bundle case \a matterCode (required there) names a matter of the visit;
     * the result is that of every matter the visit covers.
     */
    std::optional<core::CaseState> recordResult(const QString& caseId, bool passed, const QString& notes,
                                                const QList<EvidenceFile>& evidence, QString* error,
                                                const QString& matterCode = QString());

    /**
     * Requires rectification by \a deadline (after today): the clock stops from tomorrow until the
     * evidence closes it. Notes (what to rectify) are required.
     */
    std::optional<core::CaseState> requireRectification(const QString& caseId, const QDate& deadline,
                                                        const QString& notes, const QList<EvidenceFile>& evidence,
                                                        QString* error, const QString& matterCode = QString());

    /**
     * Closes the rectification from evidence alone (at least one photo or video, no second visit):
     * the clock resumes today, the new due dates are recorded and the inspection counts as passed.
     */
    std::optional<core::CaseState> closeRectification(const QString& caseId, const QString& notes,
                                                      const QList<EvidenceFile>& evidence, QString* error,
                                                      const QString& matterCode = QString());

private:
    /**
     * The case when \a step may be taken on the visit of \a matterCode (bundle cases: every matter of
     * that visit); *matters gets the visit's matters (empty for single-matter cases).
     */
    std::optional<core::CaseState> prepareVisit(const QString& caseId, core::WorkStep step, const QString& matterCode,
                                                QStringList* matters, QString* error);

    CaseSteps m_steps;
};

} // namespace oneseal::services
