#include "HubLeases.h"
#include "core/Failed.h"

#include "core/CaseNumber.h"
#include "db/Database.h"
#include "db/hub/HubLeaseRepository.h"

namespace oneseal::sync {

using core::failed;

std::optional<NumberLease> HubLeases::lease(const QString& workstation, const QString& kind, const QString& requestId,
                                            QString* error)
{
    if (kind != core::numbering::caseKind && kind != core::numbering::certificateKind)
        return failed<NumberLease>(error, tr("There are no number blocks of kind %1.").arg(kind.left(40)));
    if (requestId.isEmpty() || requestId.size() > 64)
        return failed<NumberLease>(error, tr("A lease request needs an id."));
    const QSqlDatabase sql = m_database.sql();
    db::Transaction tx(sql);
    if (!tx.isActive())
        return failed<NumberLease>(error, tx.errorText());
    db::HubLeaseRepository leases(sql);
    QString why;
    if (const auto given = leases.byRequest(requestId, &why)) {
        if (given->kind != kind || given->workstation != workstation)
            return failed<NumberLease>(error,
                                       tr("The lease request %1 belongs to another workstation or kind.").arg(requestId));
        return NumberLease{kind, given->start, given->end};
    }
    if (!why.isEmpty())
        return failed<NumberLease>(error, why);
    const qint64 start = leases.nextStart(kind, error);
    if (start <= 0)
        return std::nullopt;
    const db::HubLease block{kind, start, start + core::numbering::kBlockSize - 1, workstation};
    if (!leases.insert(block, requestId, m_clock.now().toUTC().toString(Qt::ISODate), error) || !tx.commit(error))
        return std::nullopt;
    return NumberLease{kind, block.start, block.end};
}

bool HubLeases::reserveThrough(const QString& workstation, const QString& kind, qint64 through, QString* error)
{
    if ((kind != core::numbering::caseKind && kind != core::numbering::certificateKind) || through <= 0)
        return true;
    const QSqlDatabase sql = m_database.sql();
    db::Transaction tx(sql);
    if (!tx.isActive()) {
        if (error)
            *error = tx.errorText();
        return false;
    }
    db::HubLeaseRepository leases(sql);
    const qint64 start = leases.nextStart(kind, error);
    if (start <= 0)
        return false;
    if (start > through)
        return true;
    if (through - start >= kMaxReportedBlocks * core::numbering::kBlockSize) {
        if (error)
            *error = tr("Workstation %1 reports numbers far beyond every block leased; ignored.").arg(workstation);
        return false;
    }
    const db::HubLease block{kind, start, through, workstation};
    return leases.insert(block, QStringLiteral("held-%1-%2-%3").arg(workstation, kind).arg(through),
                         m_clock.now().toUTC().toString(Qt::ISODate), error)
        && tx.commit(error);
}

} // namespace oneseal::sync
