#pragma once

#include <QStringList>

namespace oneseal::cli {

/** oneseal-admin hub ...: init, enroll-code, revoke, user-add, catalog-import, calendar-import, status (docs/SYNC.md). */
int runHubCommand(const QStringList& arguments);
/** oneseal-admin enroll: enrolls this workstation's database at the hub with a one-time code. */
int runEnroll(const QStringList& arguments);
/** oneseal-admin sync: one sync round now (push, pull, reference data, number blocks). */
int runSync(const QStringList& arguments);
/** oneseal-admin bundle export|import: events on a USB stick for a hall without network. */
int runBundleCommand(const QStringList& arguments);
/** oneseal-admin repair-clock: re-stamps this workstation's own unsent events whose clock the hub refuses. */
int runRepairClock(const QStringList& arguments);

} // namespace oneseal::cli
