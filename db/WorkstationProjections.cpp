#include "WorkstationProjections.h"

#include "BackOfficeProjection.h"
#include "ConflictProjection.h"
#include "CounterProjection.h"
#include "EventStore.h"
#include "IntakeProjections.h"
#include "SealSignatureProjection.h"
#include "SearchIndexProjection.h"
#include "ShiftProjection.h"
#include "SeparationProjection.h"
#include "UserRolesProjection.h"

#include <memory>

namespace oneseal::db {

void registerWorkstationProjections(EventStore& store)
{
    store.addProjection(std::make_shared<CaseSummaryProjection>());
    store.addProjection(std::make_shared<ApplicantProjection>());
    store.addProjection(std::make_shared<CaseProjection>());
    store.addProjection(std::make_shared<BackOfficeProjection>());
    store.addProjection(std::make_shared<SearchIndexProjection>());
    store.addProjection(std::make_shared<ConflictProjection>());
    store.addProjection(std::make_shared<CounterProjection>());
    store.addProjection(std::make_shared<SealSignatureProjection>());
    store.addProjection(std::make_shared<ShiftProjection>());
    store.addProjection(std::make_shared<SeparationProjection>());
    store.addProjection(std::make_shared<UserRolesProjection>());
}

} // namespace oneseal::db
