#pragma once

#include "CaseSteps.h"

#include <QCoreApplication>

namespace oneseal::services {

/**
 * Review (审查) of accepted cases: pass, return for correction (补正: the clock stops from the next
 * day, the applicant is told what to bring; it resumes, counting again, the day the materials
 * arrive), or propose refusal with reasons for the approver. Reviewers only, never the case's
 * intake clerk.
 */
class ReviewService
{
    Q_DECLARE_TR_FUNCTIONS(ReviewService)

public:
    /** With the session's calendar (Session::calendar()). */
    explicit ReviewService(Session& session);
    ReviewService(Session& session, const core::WorkCalendar& calendar);

    /**
     * The review passes. Whether a site inspection follows comes from the catalog version the case
     * was accepted under (a matter that needs one); it is recorded on the event. A bundle case is
     * reviewed matter by matter: \a matterCode names the matter (required there, ignored otherwise).
     */
    std::optional<core::CaseState> pass(const QString& caseId, const QString& notes, QString* error,
                                        const QString& matterCode = QString());
    /** Returns the case for correction; \a whatToCorrect (required) goes on the applicant's notice. */
    std::optional<core::CaseState> requestCorrection(const QString& caseId, const QString& whatToCorrect, QString* error);
    /**
     * The corrected materials arrived today: the clock resumes, and the new promised and legal dates
     * (shifted by every pause) are recorded; the case goes back to review.
     */
    std::optional<core::CaseState> receiveCorrection(const QString& caseId, const QString& notes, QString* error);
    /**
     * Proposes refusal; \a reasons are required (art. 38) and go to the approver. In a bundle case the
     * opinion is about one matter (\a matterCode, required there), which then needs no inspection.
     */
    std::optional<core::CaseState> proposeRefusal(const QString& caseId, const QString& reasons, QString* error,
                                                  const QString& matterCode = QString());

    /** Whether the user may record correction notices as printed (before printing one); *error says why not. */
    bool canRecordNotice(QString* error) const;
    /**
     * Records that the correction notice was printed (its hash on the record); \a sealed: it carried
     * the seal, which gives it a row in the seal register.
     */
    bool recordNoticePrinted(const QString& caseId, const QString& title, const QByteArray& documentHash,
                             QString* error, bool sealed = false);

    /**
     * Whether the matters of a case (only \a matterCode when given) need a site inspection (catalog
     * of the case's version).
     */
    bool needsInspection(const core::CaseState& state, const QString& matterCode = QString()) const;

private:
    CaseSteps m_steps;
};

} // namespace oneseal::services
