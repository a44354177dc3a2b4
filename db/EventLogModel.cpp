#include "EventLogModel.h"

#include <QSqlQuery>

namespace oneseal::db {

EventLogModel::EventLogModel(const QSqlDatabase& db, int limit, QObject* parent)
    : QSqlQueryModel(parent)
    , m_db(db)
    , m_limit(limit)
{
    refresh();
}

void EventLogModel::refresh()
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT e.recorded_at, e.kind, coalesce(e.case_id, ''), "
                             "coalesce(u.display_name, e.user_id), e.workstation "
                             "FROM events e LEFT JOIN users u ON u.id = e.user_id ORDER BY e.seq DESC LIMIT ?"));
    q.addBindValue(m_limit);
    q.exec();
    setQuery(std::move(q));
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QSqlQueryModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time (UTC)");
    case KindColumn: return tr("Event");
    case CaseColumn: return tr("Case");
    case UserColumn: return tr("User");
    case WorkstationColumn: return tr("Workstation");
    }
    return QVariant();
}

} // namespace oneseal::db
