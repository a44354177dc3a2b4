#pragma once

#include "Session.h"
#include "db/ClockRepair.h"

#include <QCoreApplication>
#include <QHash>

#include <optional>

namespace oneseal::services {

/**
 * An administrator repairs this workstation's own unsent events whose clock the hub refuses (wrapped
 * or far in the future, docs/SYNC.md "Clocks far ahead"): db::ClockRepair re-stamps them, and each
 * signed one is signed again with its author's key, which only the author's password opens.
 */
class ClockRepairService
{
    Q_DECLARE_TR_FUNCTIONS(ClockRepairService)

public:
    explicit ClockRepairService(Session& session) : m_session(session) {}

    /** What would be re-stamped; the authors whose passwords are needed are in signingKeys. */
    std::optional<db::ClockRepairPlan> plan(qint64 marginMs, QString* error) const;
    /**
     * Re-stamps the plan's events; passwords: user id -> password of every other author of a signed
     * event (the logged-in administrator's current key is open already).
     */
    std::optional<int> repair(const db::ClockRepairPlan& plan, const QHash<QString, QString>& passwords,
                              qint64 marginMs, QString* error);

private:
    Session& m_session;
};

} // namespace oneseal::services
