#include "EventLogModel.h"

namespace oneseal::ui {

EventLogModel::EventLogModel(services::Session& session, int limit, QObject* parent)
    : QAbstractTableModel(parent)
    , m_session(session)
    , m_limit(limit)
{
    refresh();
}

void EventLogModel::refresh()
{
    beginResetModel();
    m_events = services::CaseReader(m_session).recentEvents(m_limit);
    endResetModel();
}

int EventLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_events.size() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QVariant();
    const services::RecentEvent& e = m_events.at(index.row());
    switch (index.column()) {
    case TimeColumn: return e.recordedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case KindColumn: return e.kind;
    case CaseColumn:
        if (role == Qt::ToolTipRole)
            return e.caseId;
        return e.caseNo.isEmpty() ? e.caseId : e.caseNo;
    case UserColumn: return e.user;
    case WorkstationColumn: return e.workstation;
    }
    return QVariant();
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case KindColumn: return tr("Event");
    case CaseColumn: return tr("Case");
    case UserColumn: return tr("User");
    case WorkstationColumn: return tr("Workstation");
    }
    return QVariant();
}

} // namespace oneseal::ui
