#pragma once

namespace oneseal::db {

class EventStore;

/**
 * Registers every projection of a workstation's database on store, in the order they must fold
 * (case summary, applicants, cases, back office, search index, conflicts: the back office reads the
 * case number the case projection wrote). Whoever opens a workstation's database calls it once: the
 * session, the sync client, a bundle import, the hall set-up, tests. The hub registers none: it
 * stores and relays events, the workstations fold them.
 */
void registerWorkstationProjections(EventStore& store);

} // namespace oneseal::db
