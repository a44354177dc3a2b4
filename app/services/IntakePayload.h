#pragma once

#include "IntakeService.h"

#include <QCborMap>
#include <QDateTime>

namespace oneseal::services {

/**
 * What an intake event says: the case and its subject, the applicant (with its id), the checklist
 * as checked, the outcome and its deadlines. IntakeService fills it for the case at the window;
 * DataGenerator fills it for synthetic cases, so both write exactly the same payload.
 */
struct IntakePayload
{
    QString caseNo;
    const IntakeSubject* subject = nullptr;
    int catalogVersion = 0;
    core::Applicant applicant;
    core::Agent agent;
    QList<core::MaterialEntry> materials;
    core::IntakeOutcome outcome = core::IntakeOutcome::Accept;
    QString reasons;
    QDateTime acceptedAt; ///< local time at the window
    core::DeadlineResult promised;
    core::DeadlineResult legal;
    QString clerkName;

    /** The CBOR payload of the intake.* event (keys of core::payload), read back by core::CaseState. */
    QCborMap toCbor() const;
};

} // namespace oneseal::services
