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
/** One matter's own limits and due dates at intake. */
struct MatterLimit
{
    QString code;
    QString name;
    double promisedDays = 0;
    double legalDays = 0;
    core::DeadlineResult promised;
    core::DeadlineResult legal;
    bool precondition = false;
};

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
    QList<MatterLimit> matterLimits; ///< per matter; empty: every matter has the case's limits
    QList<core::DeclaredValue> declared; ///< checked against the catalog by IntakeService

    /** The CBOR payload of the intake.* event (keys of core::payload), read back by core::CaseState. */
    QCborMap toCbor() const;
};

} // namespace oneseal::services
